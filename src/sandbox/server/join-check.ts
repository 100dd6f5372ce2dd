import { hostWithoutPort } from '../../token/server-host.js';
import { roomRefused, tokenMissingAtConnect, tokenRefusedAtConnect } from '../protocol/jitsi-events.js';
import type { WireEvent } from '../protocol/page-protocol.js';
import { authenticate, type JitsiSession } from './prosody-token.js';

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

export type JoinCheck = { ok: true; session: JitsiSession } | { ok: false; events: WireEvent[] };

/**
 * The MUC room node the web client joins (`getBackendSafeRoomName`): the room NFKC-normalised, lower-cased and
 * percent-encoded, in lower-case hex. A claim naming a room with a space or a non-ASCII letter never matches it.
 */
function backendRoomName(room: string): string {
  return encodeURIComponent(room.normalize('NFKC').toLowerCase()).toLowerCase();
}

/**
 * mod_token_verification's `verify_room`, with domain verification on: the claim, lower-cased, names the room node
 * (or is `*`), and `sub` names the tenant, or the XMPP domain (here the sandbox's host), or is `*`.
 */
function roomAllowed(session: JitsiSession, address: RoomAddress, key: SandboxKey): boolean {
  const claim = session.room.toLowerCase();
  if (claim !== '*' && claim !== backendRoomName(address.room)) return false;
  const sub = session.domain.toLowerCase();
  const domain = address.tenant?.toLowerCase() ?? hostWithoutPort(key.server).toLowerCase();
  return sub === '*' || sub === domain;
}

/**
 * What a token-auth Jitsi does with the page's JWT: Prosody checks it at login (S1 on failure, with its own reason),
 * then mod_token_verification checks room and domain at the MUC join (S2). Like Prosody, no clock leeway.
 */
export function checkJoinToken(jwt: string | undefined, address: RoomAddress, key: SandboxKey): JoinCheck {
  if (!jwt) return { ok: false, events: tokenMissingAtConnect() };
  const auth = authenticate(jwt, key);
  if (!auth.ok) return { ok: false, events: tokenRefusedAtConnect(auth.reason, auth.clientSeesReasons) };
  if (!roomAllowed(auth.session, address, key)) return { ok: false, events: roomRefused('Room and token mismatched') };
  return { ok: true, session: auth.session };
}

/** `context.user.affiliation` values mod_token_affiliation makes an owner of. */
const OWNER_AFFILIATIONS = new Set(['owner', 'moderator', 'teacher']);

/**
 * Whether Jitsi makes the token's holder a moderator: mod_token_affiliation reads `context.user.moderator` (`true`
 * or `"true"`) and `context.user.affiliation`, nothing else. A top-level `moderator` claim is not Jitsi's and is
 * ignored (docs/jitsi/tokens.md §0.1, §1.6).
 */
export function isJitsiModerator(session: JitsiSession): boolean {
  const { moderator, affiliation } = session.user;
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
