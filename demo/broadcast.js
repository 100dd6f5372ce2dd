// The broadcast studio: the meeting, its broadcast button, and a playout of the stream beside it.
import '/dist/cdn/nano-meet.js';
import { demoConfig, checkMeetingServer, tokenFromLocation } from '/demo/demo-config.js';

const meeting = document.getElementById('meeting');
const playout = document.getElementById('playout');
const info = document.getElementById('playout-info');
const config = await demoConfig().catch(() => undefined);
if (config && (await checkMeetingServer(config))) meeting.token = tokenFromLocation();

meeting.addEventListener('nano-meet-broadcast-started', (event) => {
  const { whep, hls, vod } = event.detail.playout;
  playout.setAttribute('src', whep ?? hls);
  if (vod) playout.setAttribute('vod', vod);
  info.textContent = `On air. Viewers: ${location.origin}/demo/watch.html?stream=${encodeURIComponent(meeting.streamName)}`;
});
meeting.addEventListener('nano-meet-broadcast-stopped', () => (info.textContent = 'The broadcast has ended.'));
meeting.addEventListener('nano-meet-broadcast-error', (event) => (info.textContent = event.detail.message));
