// The broadcast studio: the meeting, its broadcast button, a playout of the stream beside it, and both's statistics.
import { decodeToken } from '/dist/cdn/nano-meet.js';
import { broadcastControls } from '/demo/broadcast-controls.js';
import { demoConfig, checkMeetingServer, describeError, showStatus, tokenFromLocation } from '/demo/demo-config.js';
import { showMeetingErrors } from '/demo/meeting-errors.js';
import { studioStats } from '/demo/studio-stats.js';

const meeting = document.getElementById('meeting');
showMeetingErrors(meeting, meeting.querySelector('[slot=error]'));
// Put on the page only once it names the room's stream: a player without it would say it has nothing to show.
const playout = document.createElement('nano-meet-playout');
const attributes = { id: 'playout', autoplay: '', muted: '', controls: '', branding: '/demo/branding.json' };
for (const [name, value] of Object.entries(attributes)) playout.setAttribute(name, value);
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
// What viewers see from the start, as on the watch page: the room's stream, waiting for it to go on air.
const decoded = decodeToken(tokenFromLocation(), { allowNotYetValid: true });
if (config && decoded.ok && decoded.token.streamName) {
  playout.setAttribute('whep-template', config.whepTemplate);
  playout.setAttribute('hls-template', config.hlsTemplate);
  playout.setAttribute('streamname', decoded.token.streamName);
}
document.getElementById('playout-info').before(playout);

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
