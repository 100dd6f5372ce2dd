import { CodedError } from '../shared/coded-error.js';

/**
 * Every way a token can be refused, as a stable code that pages, logs and tests can rely on.
 * Messages are for people; codes are for programs.
 */
export type TokenErrorCode =
  /** Not three base64url segments, not JSON, an unsupported `typ`/`alg` (including `none`). */
  | 'token-malformed'
  /** `exp` is in the past (beyond the clock-skew allowance). */
  | 'token-expired'
  /** `nbf` is in the future (beyond the clock-skew allowance). */
  | 'token-not-yet-valid'
  /** A claim is missing or has the wrong shape (e.g. `exp` in milliseconds, a bad server host). */
  | 'token-invalid-claims'
  /** The signature does not match the key, or the algorithm is not the key's. */
  | 'token-signature-invalid'
  /** The room claim is not 1–64 characters of `a-z A-Z 0-9 _`. */
  | 'room-invalid'
  /** The input for a new token is incomplete or contradicts itself. */
  | 'setup-invalid'
  /** Only a moderator token may derive invite tokens. */
  | 'not-moderator'
  /** An invite's window would start before or end after its parent's. */
  | 'window-wider-than-parent';

/**
 * A token was refused, or a new one could not be made. `code` is stable; `message` says what to do, in English,
 * with times in ISO 8601: it is for developers and logs (the token service answers it, `decodeToken` callers read
 * it). The elements never show it: they say their own sentence for the code in the reader's language
 * (src/elements/nano-meet/meeting-connection.ts), with `at` formatted by Intl.
 */
export class TokenError extends CodedError<TokenErrorCode> {
  override readonly name = 'TokenError';
  /** For `token-expired` and `token-not-yet-valid`: when the token's window closed, or opens. */
  readonly at?: Date;

  constructor(code: TokenErrorCode, message: string, options: { cause?: unknown; at?: Date } = {}) {
    super(code, message, options);
    if (options.at) this.at = options.at;
  }
}
