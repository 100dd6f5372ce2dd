// What viewers outside the meeting open: the stream by its name, WHEP first, HLS when WebRTC cannot play.
import '/dist/cdn/nano-meet.js';
import { demoConfig, showStatus } from '/demo/demo-config.js';

const config = await demoConfig();
const stream = new URLSearchParams(location.search).get('stream') ?? '';
if (stream) {
  // Put on the page only once its addresses are known: a player without them says it has nothing to show.
  const playout = document.createElement('nano-meet-playout');
  const attributes = {
    id: 'playout',
    autoplay: '',
    muted: '',
    controls: '',
    branding: '/demo/branding.json',
    'whep-template': config.whepTemplate,
    'hls-template': config.hlsTemplate,
    streamname: stream,
    // Played after the end when the broadcast was recorded; the player reports an end without one.
    vod: config.vodTemplate.replace('{streamname}', encodeURIComponent(stream)),
  };
  for (const [name, value] of Object.entries(attributes)) playout.setAttribute(name, value);
  document.querySelector('main').append(playout);
} else {
  showStatus('This address names no broadcast: open the viewer link you were given.', true);
}
