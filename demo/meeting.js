// A meeting page: the token comes from the invite link (?token=…).
import '/dist/cdn/nano-meet.js';
import { demoConfig, checkMeetingServer, showStatus, tokenFromLocation } from '/demo/demo-config.js';

const meeting = document.getElementById('meeting');
const config = await demoConfig().catch(() => undefined);
if (config && (await checkMeetingServer(config))) meeting.token = tokenFromLocation();
if (!tokenFromLocation()) showStatus('No token in the address: open an invite link from the Token Creator.', true);
meeting.addEventListener('nano-meet-ready', (event) => {
  document.getElementById('who').textContent = event.detail.moderator ? 'Moderator' : 'Guest';
});
meeting.addEventListener('nano-meet-error', (event) => showStatus(`${event.detail.message} (${event.detail.code})`, true));
