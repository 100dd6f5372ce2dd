/**
 * The nano-meet token: a Jitsi-compatible JWT naming the server, room, role, stream and validity window.
 * Everything here is safe in a browser; issuing tokens lives in `nano-meet/server`.
 */
export { decodeToken, readToken, DEFAULT_CLOCK_SKEW_SECONDS, TOKEN_ALGORITHMS } from './decode-token.js';
export type { TokenAlgorithm, TokenCheckOptions, TokenResult } from './decode-token.js';
export { verifyToken } from './verify-token.js';
export type { VerificationKey, VerifyOptions } from './verify-token.js';
export { TokenError } from './token-error.js';
export type { TokenErrorCode } from './token-error.js';
export { NANO_MEET_CLAIM } from './claims.js';
export type { NanoMeetToken, TokenClaims, TokenUser } from './claims.js';
export { isValidRoomName } from './room-name.js';
export { isValidServerHost } from './server-host.js';
export { isValidStreamName } from './stream-name.js';
