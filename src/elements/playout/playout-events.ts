import type { PlayoutStats } from '../../playout/playout-stats.js';
import type { PlayoutProtocol } from '../../playout/source-choice.js';

export type { PlayoutStats } from '../../playout/playout-stats.js';
export type { PlayoutProtocol } from '../../playout/source-choice.js';

/** `<nano-meet-playout>`'s `state`. */
export type PlayoutState = 'idle' | 'connecting' | 'waiting' | 'playing' | 'stalled' | 'ended' | 'error';

/**
 * Stable error codes:
 * - `whep-failed`: WebRTC playback failed (fatal only when there is no HLS to fall back to);
 * - `hls-not-found`: the playlist does not exist (yet); the player keeps waiting for it;
 * - `hls-failed`: the playlist or its media cannot be played;
 * - `no-source`, `source-invalid`, `streamname-invalid`: the attributes name nothing playable;
 * - `load-failed`: the player's own code (loaded when it first plays) could not be fetched; it retries;
 * - `branding-invalid`, `branding-unreachable`: the default look is used instead.
 */
export type PlayoutErrorCode =
  | 'whep-failed'
  | 'hls-not-found'
  | 'hls-failed'
  | 'no-source'
  | 'source-invalid'
  | 'streamname-invalid'
  | 'load-failed'
  | 'branding-invalid'
  | 'branding-unreachable';

export interface PlayoutErrorDetail {
  code: PlayoutErrorCode;
  /** What went wrong and what to do, for people. */
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

/** The events of `<nano-meet-playout>`; all bubble and are composed. */
export interface NanoMeetPlayoutEventMap {
  'nano-meet-playout-playing': CustomEvent<PlayoutPlayingDetail>;
  'nano-meet-playout-waiting': CustomEvent<PlayoutProtocolDetail>;
  'nano-meet-playout-stalled': CustomEvent<PlayoutProtocolDetail>;
  'nano-meet-playout-ended': CustomEvent<PlayoutEndedDetail>;
  'nano-meet-playout-error': CustomEvent<PlayoutErrorDetail>;
  'nano-meet-playout-stats': CustomEvent<PlayoutStats>;
}

declare global {
  interface HTMLElementEventMap extends NanoMeetPlayoutEventMap {}
}
