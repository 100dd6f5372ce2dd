import { NANO_MEET_CLAIM, type TokenClaims } from './claims.js';
import { toEpochSeconds } from './decode-token.js';
import { checkSigningKey, signClaims, verificationKeyOf, type SigningKey } from './signing-key.js';
import { TokenError } from './token-error.js';
import {
  checkWindow,
  epochSecondsOf,
  featuresFor,
  inviteSetupSchema,
  parseSetup,
  type InviteSetup,
} from './token-setup.js';
import { verifyToken } from './verify-token.js';
import type { IssueOptions } from './create-room-token.js';

/**
 * Derives an invite token from a moderator token. The invite is never wider than its parent: same room,
 * server, stream and issuer; a window inside the parent's (omitted times inherit it); a guest invite
 * loses every sensitive feature. Throws {@link TokenError}: the parent's own code when it is not valid,
 * `not-moderator`, `window-wider-than-parent` or `setup-invalid`.
 */
export async function createInviteToken(
  key: SigningKey,
  moderatorToken: string,
  setup: InviteSetup,
  options: IssueOptions = {},
): Promise<string> {
  checkSigningKey(key);
  const { moderator, nbf: nbfInput, exp: expInput, user } = parseSetup(inviteSetupSchema, setup, 'invite setup');
  const now = options.now ?? Date.now();
  // Invites are often made ahead of the meeting, so a parent whose window has not opened yet is fine.
  const verified = await verifyToken(moderatorToken, await verificationKeyOf(key), { now, allowNotYetValid: true });
  if (!verified.ok) throw verified.error;
  const parent = verified.token;
  if (!parent.moderator) {
    throw new TokenError('not-moderator', 'Only a moderator token can create invite tokens.');
  }
  const nbf = nbfInput === undefined ? parent.claims.nbf : epochSecondsOf(nbfInput);
  const exp = expInput === undefined ? parent.claims.exp : epochSecondsOf(expInput);
  if (nbf < parent.claims.nbf || exp > parent.claims.exp) {
    throw new TokenError(
      'window-wider-than-parent',
      `An invite must lie within its parent's window (${parent.notBefore.toISOString()} – ${parent.expiresAt.toISOString()}).`,
    );
  }
  checkWindow(nbf, exp, toEpochSeconds(now));
  const claims: TokenClaims = {
    iss: parent.claims.iss,
    aud: parent.claims.aud,
    sub: parent.claims.sub,
    room: parent.claims.room,
    nbf,
    exp,
    iat: toEpochSeconds(now),
    jti: crypto.randomUUID(),
    moderator,
    context: {
      user: { ...user, moderator },
      // A parent without features had Jitsi's moderator default (everything): the invite states it explicitly.
      features: moderator ? { ...(parent.features ?? featuresFor(true)) } : featuresFor(false),
    },
    // The root stays the room token's id down the chain (an older invite without one started at its parent).
    [NANO_MEET_CLAIM]: {
      server: parent.server,
      streamname: parent.streamName,
      parent: parent.id,
      root: parent.rootId ?? parent.parentId ?? parent.id,
    },
  };
  return signClaims(key, claims);
}
