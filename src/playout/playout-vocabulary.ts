/**
 * What playing a broadcast reports, in the playout engine's own words: its states, its error codes and the
 * detail of each event. `<nano-meet-playout>` dispatches these as DOM events (elements/playout/playout-events.ts);
 * the engine (playback-session.ts) names them here, so it never reaches into the element that uses it.
 */
import type { PlayoutStats } from './playout-stats.js';
import type { PlayoutProtocol } from './source-choice.js';

/** `<nano-meet-playout>`'s `state`. */
export type PlayoutState = 'idle' | 'connecting' | 'waiting' | 'playing' | 'stalled' | 'ended' | 'error';

/**
 * Stable error codes:
 * - `whep-failed`: WebRTC playback failed (fatal only when there is no HLS to fall back to);
 * - `hls-not-found`: the playlist does not exist (yet); the player keeps waiting for it;
 * - `hls-failed`: the playlist or its media cannot be played (not fatal when its server answers with a server error,
 *   5xx: the player asks again, with backoff, as it asks a failing WHEP server);
 * - `source-unreachable`: the stream's server could not be reached (network, DNS, TLS, CORS): found before play
 *   (not fatal: the viewer may still press play), or while playing (not fatal: the player asks again, with backoff);
 * - `no-source`, `source-invalid`, `streamname-invalid`: the attributes name nothing playable;
 * - `load-failed`: the player's own code (loaded when it first plays) could not be fetched; it retries;
 * - `branding-invalid`, `branding-unreachable`: the default look is used instead.
 */
export type PlayoutErrorCode =
  | 'whep-failed'
  | 'hls-not-found'
  | 'hls-failed'
  | 'source-unreachable'
  | 'no-source'
  | 'source-invalid'
  | 'streamname-invalid'
  | 'load-failed'
  | 'branding-invalid'
  | 'branding-unreachable';

export interface PlayoutErrorDetail {
  code: PlayoutErrorCode;
  /** What went wrong and what to do, for the page's developer (the viewer reads a short sentence instead). */
  message: string;
  /** True when the player has stopped; false when it carries on (falls back, waits, retries). */
  fatal: boolean;
  protocol?: PlayoutProtocol;
  httpStatus?: number;
}

export interface PlayoutPlayingDetail {
  protocol: PlayoutProtocol;
  /**
   * Milliseconds from starting (or the stream becoming available again) to the first frame; 0 when the player
   * switched from HLS to WHEP without the picture stopping.
   */
  ttff: number;
  /** True while the recording plays after the end. */
  vod: boolean;
}

export interface PlayoutProtocolDetail {
  protocol: PlayoutProtocol | undefined;
}

export interface PlayoutEndedDetail extends PlayoutProtocolDetail {
  /** True when the recording has finished; false when the live broadcast has ended. */
  vod: boolean;
}

/** Every event of a playout by DOM name, with its detail. */
export interface PlayoutEventDetails {
  'nano-meet-playout-playing': PlayoutPlayingDetail;
  'nano-meet-playout-waiting': PlayoutProtocolDetail;
  'nano-meet-playout-stalled': PlayoutProtocolDetail;
  'nano-meet-playout-ended': PlayoutEndedDetail;
  'nano-meet-playout-error': PlayoutErrorDetail;
  'nano-meet-playout-stats': PlayoutStats;
}
