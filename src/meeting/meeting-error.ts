import { LocalizedError } from '../i18n/localized-error.js';
// A MeetingError's message is English from the moment it is made, in a sentence of the elements'.
import '../i18n/english-for-elements.js';

/**
 * Why a meeting, or one action in it, failed. `code` is stable (programs rely on it); `message` says what
 * happened and what to do (people read it): a catalogue sentence (`text`) wherever the element shows it.
 */
export type MeetingErrorCode =
  | import('../token/token-error.js').TokenErrorCode
  /** The meeting server's external_api.js could not be loaded (loader="external"). */
  | 'script-load-failed'
  /** The action needs a moderator, and this participant is not one. */
  | 'not-moderator'
  /** The meeting did not confirm the action in time. */
  | 'timeout'
  /** The action needs a joined meeting. */
  | 'not-joined'
  /** The meeting server refused the token (signature, issuer or window). */
  | 'token-refused'
  /** The token is valid, but not for this room. */
  | 'room-refused'
  /** A moderator turned this guest away from the lobby. */
  | 'lobby-denied'
  /** The connection to the meeting server was lost. */
  | 'connection-lost'
  /** Audio and video could not be set up with the server. */
  | 'media-failed'
  /** Any other failure the meeting reports as fatal. */
  | 'meeting-failed'
  /** The branding is not valid; the default look is used. */
  | 'branding-invalid'
  /** The branding file could not be loaded; the default look is used. */
  | 'branding-unreachable'
  /**
   * The token or the `server` attribute names a server the page does not allow, or `loader="external"` is asked
   * for a server the page does not list (src/meeting/server-allowlist.ts). Nothing was sent to that server.
   */
  | 'server-not-allowed'
  /** The meeting did not load, or loaded and did not join, within `load-timeout` (src/meeting/meeting-load-watch.ts). */
  | 'load-timeout'
  /** An argument of the action is not valid. */
  | 'invalid-argument'
  /** The meeting server refused to broadcast (e.g. the token lacks the livestreaming feature). */
  | 'broadcast-refused'
  /** The broadcast started but failed. */
  | 'broadcast-failed'
  /**
   * `startBroadcast()` did not go on air because the broadcast was stopped while it was starting
   * (`stopBroadcast()`, or another moderator): what was asked for, not a failure (no `nano-meet-broadcast-error`).
   */
  | 'broadcast-cancelled';

export class MeetingError extends LocalizedError<MeetingErrorCode> {
  override readonly name = 'MeetingError';
}
