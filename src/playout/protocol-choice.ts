/** In which order to try the protocols on this browser, and which HLS to use. */
import type { PlayoutSources } from './source-choice.js';

/** What the browser offers for receiving a broadcast. */
export interface PlaybackCapabilities {
  /** `RTCPeerConnection` exists. */
  webrtc: boolean;
}

/**
 * The protocols to try, best first: WHEP (about a second less latency than any HLS) when WebRTC exists
 * and there is a WHEP address, then HLS. Whether HLS runs through hls.js or natively is decided only
 * once hls.js has loaded ({@link hlsFlavour}).
 */
export function protocolOrder(sources: PlayoutSources, capabilities: PlaybackCapabilities): Array<'whep' | 'hls'> {
  const order: Array<'whep' | 'hls'> = [];
  if (sources.whep && capabilities.webrtc) order.push('whep');
  if (sources.hls) order.push('hls');
  return order;
}

/**
 * hls.js wherever it runs (MSE or ManagedMediaSource); the browser's own HLS only where it cannot. Asking
 * `canPlayType` first would be wrong: desktop Chromium answers "maybe" and plays HLS natively, but without
 * latency control or statistics.
 */
export function hlsFlavour(hlsJsSupported: boolean): 'hls' | 'native-hls' {
  return hlsJsSupported ? 'hls' : 'native-hls';
}
