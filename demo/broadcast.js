// The broadcast studio: the meeting, its broadcast button, a playout of the stream beside it, and both's statistics.
import '/dist/cdn/nano-meet.js';
import { broadcastControls } from '/demo/broadcast-controls.js';
import { demoConfig, checkMeetingServer, describeError, showStatus, tokenFromLocation } from '/demo/demo-config.js';
import { showMeetingErrors } from '/demo/meeting-errors.js';
import { studioStats } from '/demo/studio-stats.js';

const meeting = document.getElementById('meeting');
showMeetingErrors(meeting, meeting.querySelector('[slot=error]'));
const playout = document.getElementById('playout');
studioStats({
  meeting,
  playout,
  meetingState: document.getElementById('stats-meeting-state'),
  playoutState: document.getElementById('stats-playout-state'),
});
broadcastControls({
  meeting,
  button: document.querySelector('nano-meet-broadcast-button'),
  choice: document.getElementById('record-choice'),
  viewer: document.getElementById('viewer'),
  viewerLinkWhile: 'always',
});
const config = await demoConfig().catch(() => undefined);
if (config && (await checkMeetingServer(config))) meeting.token = tokenFromLocation();
if (!tokenFromLocation()) showStatus('No token in the address: open the studio link from the Token Creator.', true);

meeting.addEventListener('nano-meet-broadcast-started', (event) => {
  const { whep, hls, vod } = event.detail.playout;
  playout.setAttribute('src', whep ?? hls);
  if (vod) playout.setAttribute('vod', vod);
  else playout.removeAttribute('vod');
  showStatus(vod ? 'On air, and recorded: viewers can replay it after the end.' : 'On air.', false, 'playout-info');
});
meeting.addEventListener('nano-meet-broadcast-stopped', () =>
  showStatus('The broadcast has ended.', false, 'playout-info'),
);
meeting.addEventListener('nano-meet-broadcast-error', (event) =>
  showStatus(describeError(event.detail), true, 'playout-info'),
);
