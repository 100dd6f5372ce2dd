/**
 * What `<nano-meet-playout>` needs only once it plays: the WHEP client, HLS playback and the statistics.
 * The element imports this module when it starts, so a page that only shows a meeting never downloads it,
 * and one that plays starts fetching it as soon as the player is on the page (see `loadPlayoutEngines`).
 */
export { WhepClient } from './whep-client.js';
export { HlsPlayback } from './hls-playback.js';
export { hlsStats, webRtcSample, webRtcStats } from './playout-stats.js';
