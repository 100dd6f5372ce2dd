/**
 * What `<nano-meet-playout>` needs only once it plays: the playback session, with the WHEP client, HLS
 * playback and the statistics behind it. The element imports this module when it starts playing (at once
 * with `autoplay`), so a page that only shows a meeting never downloads it (see `loadPlayoutEngines`).
 */
export { PlaybackSession, type PlaybackHost } from './playback-session.js';
