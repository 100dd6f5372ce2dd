import type { NanoMeetToken } from '../../token/claims.js';
import type { TokenErrorCode } from '../../token/token-error.js';
import { hostWithoutPort } from '../../token/server-host.js';
import { verifyToken } from '../../token/verify-token.js';
import { roomRefused, tokenMissingAtConnect, tokenRefusedAtConnect } from '../protocol/jitsi-events.js';
import type { WireEvent } from '../protocol/page-protocol.js';

export interface SandboxKey {
  secret: string;
  appId: string;
  /** The sandbox's host and port (what goes into a token's server claim). */
  server: string;
}

/** Where a meeting page is: Jitsi reads `/<room>` or `/<tenant>/<room>` from its path. */
export interface RoomAddress {
  tenant: string | undefined;
  /** The room as in the URL, decoded. */
  room: string;
}

export type JoinCheck = { ok: true; token: NanoMeetToken } | { ok: false; events: WireEvent[] };

/** Prosody's SASL failure texts (luajwtjitsi), which Jitsi passes on as `error.message`. */
const SASL_TEXT: Partial<Record<TokenErrorCode, string>> = {
  'token-signature-invalid': 'Invalid signature',
  'token-expired': 'Not acceptable by exp',
  'token-not-yet-valid': 'Not acceptable by nbf',
};

/** The web client's own JWT check lists reasons only for a bad time window. */
const CLIENT_SIDE_REASONS: TokenErrorCode[] = ['token-expired', 'token-not-yet-valid'];

/**
 * What a token-auth Jitsi does with the page's JWT: Prosody checks it at connect (S1 on failure),
 * then mod_token_verification checks room and domain at the MUC join (S2). Like Prosody, no clock leeway.
 */
export async function checkJoinToken(
  jwt: string | undefined,
  address: RoomAddress,
  key: SandboxKey,
): Promise<JoinCheck> {
  if (!jwt) return { ok: false, events: tokenMissingAtConnect() };
  const verified = await verifyToken(jwt, key.secret, { clockSkewSeconds: 0 });
  if (!verified.ok) {
    const { code } = verified.error;
    // A room claim Jitsi can parse but we cannot still passes auth and fails at the join.
    if (code === 'room-invalid') return { ok: false, events: roomRefused('Room and token mismatched') };
    return {
      ok: false,
      events: tokenRefusedAtConnect(SASL_TEXT[code] ?? 'Invalid token', CLIENT_SIDE_REASONS.includes(code)),
    };
  }
  const { token } = verified;
  if (token.claims.iss !== key.appId) return { ok: false, events: tokenRefusedAtConnect('Invalid issuer', false) };
  // Jitsi lower-cases the conference name and the claim before comparing.
  if (token.room.toLowerCase() !== address.room.toLowerCase()) {
    return { ok: false, events: roomRefused('Room and token mismatched') };
  }
  const sub = token.claims.sub.toLowerCase();
  const domain = address.tenant?.toLowerCase() ?? hostWithoutPort(key.server).toLowerCase();
  if (sub !== '*' && sub !== domain) return { ok: false, events: roomRefused('Room and token mismatched') };
  return { ok: true, token };
}

/** `context.user.affiliation` values mod_token_affiliation makes an owner of. */
const OWNER_AFFILIATIONS = new Set(['owner', 'moderator', 'teacher']);

/**
 * Whether Jitsi makes the token's holder a moderator: mod_token_affiliation reads `context.user.moderator` (`true`
 * or `"true"`) and `context.user.affiliation`, nothing else. A top-level `moderator` claim is not Jitsi's and is
 * ignored (docs/jitsi/tokens.md §0.1, §1.6).
 */
export function isJitsiModerator(token: NanoMeetToken): boolean {
  const { moderator, affiliation } = token.claims.context.user;
  return moderator === true || moderator === 'true' || OWNER_AFFILIATIONS.has(affiliation as string);
}

/** Reads `/<room>` or `/<tenant>/<room>`; anything else is not a meeting address. */
export function parseRoomPath(path: string): RoomAddress | undefined {
  const segments = path.split('/').slice(1);
  if (segments.length < 1 || segments.length > 2 || segments.some((segment) => segment === '')) return undefined;
  try {
    const decoded = segments.map((segment) => decodeURIComponent(segment));
    if (decoded.some((segment) => segment.length > 128 || /[\u0000-\u001f/]/.test(segment))) return undefined;
    const room = decoded.at(-1)!;
    return { tenant: decoded.length === 2 ? decoded[0] : undefined, room };
  } catch {
    return undefined;
  }
}

/** The hub's key for a room: tenant and room, lower-cased as Jitsi's backend names them. */
export function roomKeyOf(address: RoomAddress): string {
  const room = address.room.toLowerCase();
  return address.tenant === undefined ? room : `${address.tenant.toLowerCase()}/${room}`;
}
