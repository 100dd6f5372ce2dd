// What viewers outside the meeting open: the stream by its name, WHEP first, HLS when WebRTC cannot play.
import '/dist/cdn/nano-meet.js';
import { demoConfig, showStatus } from '/demo/demo-config.js';

const config = await demoConfig();
const playout = document.getElementById('playout');
const stream = new URLSearchParams(location.search).get('stream') ?? '';
if (stream) {
  playout.setAttribute('whep-template', config.whepTemplate);
  playout.setAttribute('hls-template', config.hlsTemplate);
  playout.setAttribute('streamname', stream);
  // Played after the end when the broadcast was recorded; the player reports an end without one.
  playout.setAttribute('vod', config.vodTemplate.replace('{streamname}', encodeURIComponent(stream)));
} else {
  showStatus('This address names no broadcast: open the viewer link you were given.', true);
}
