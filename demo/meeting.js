// A meeting page: the token comes from the invite link (?token=…).
import '/dist/cdn/nano-meet.js';
import { broadcastControls } from '/demo/broadcast-controls.js';
import { demoConfig, checkMeetingServer, showStatus, tokenFromLocation } from '/demo/demo-config.js';
import { showMeetingErrors } from '/demo/meeting-errors.js';

const meeting = document.getElementById('meeting');
showMeetingErrors(meeting, meeting.querySelector('[slot=error]'));
broadcastControls({
  meeting,
  button: document.querySelector('nano-meet-broadcast-button'),
  choice: document.getElementById('record-choice'),
  viewer: document.getElementById('viewer'),
  viewerLinkWhile: 'live',
});
const config = await demoConfig().catch(() => undefined);
if (config && (await checkMeetingServer(config))) meeting.token = tokenFromLocation();
if (!tokenFromLocation()) showStatus('No token in the address: open an invite link from the Token Creator.', true);
meeting.addEventListener('nano-meet-ready', (event) => {
  document.getElementById('who').textContent = event.detail.moderator ? 'Moderator' : 'Guest';
});
