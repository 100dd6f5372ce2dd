import { NANO_MEET_CLAIM, type TokenClaims } from './claims.js';
import { toEpochSeconds } from './decode-token.js';
import { jitsiRoomName } from './room-name.js';
import { hostWithoutPort } from './server-host.js';
import { checkSigningKey, signClaims, type SigningKey } from './signing-key.js';
import {
  checkWindow,
  epochSecondsOf,
  featuresFor,
  parseSetup,
  roomSetupSchema,
  type RoomSetup,
} from './token-setup.js';

export interface IssueOptions {
  /** The time of issue (default: now). */
  now?: Date | number;
}

/**
 * Makes a room token from the classic room setup: a JWT a Jitsi with token authentication accepts
 * (numeric `nbf`/`exp`, `typ: JWT`, `context.user.moderator`, explicit features), carrying the server
 * and stream name for nano-meet. Throws {@link TokenError} (`setup-invalid`) for bad input.
 */
export async function createRoomToken(key: SigningKey, setup: RoomSetup, options: IssueOptions = {}): Promise<string> {
  checkSigningKey(key);
  return signRoomToken(key, parseSetup(roomSetupSchema, setup, 'room setup'), options);
}

/**
 * {@link createRoomToken} for a setup that `parseSetup(roomSetupSchema, …)` has just made (the token service
 * parses it itself, to check it before it signs): the same token, without checking the setup a second time.
 */
export async function signRoomToken(key: SigningKey, parsed: RoomSetup, options: IssueOptions = {}): Promise<string> {
  const { nbf: nbfInput, exp: expInput, streamname, server, room, moderator, user } = parsed;
  const now = toEpochSeconds(options.now ?? Date.now());
  const nbf = epochSecondsOf(nbfInput);
  const exp = epochSecondsOf(expInput);
  checkWindow(nbf, exp, now);
  const claims: TokenClaims = {
    iss: key.appId,
    aud: key.audience ?? 'jitsi',
    sub: key.subject ?? hostWithoutPort(server).toLowerCase(),
    room: jitsiRoomName(room),
    nbf,
    exp,
    iat: now,
    jti: crypto.randomUUID(),
    moderator,
    context: { user: { ...user, moderator }, features: featuresFor(moderator) },
    [NANO_MEET_CLAIM]: { server, streamname },
  };
  return signClaims(key, claims);
}
