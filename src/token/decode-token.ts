import { isObject } from '../shared/json-checks.js';
import {
  NANO_MEET_CLAIM,
  checkTokenClaims,
  isJitsiTrue,
  type NanoMeetToken,
  type TokenClaims,
  type TokenUser,
} from './claims.js';
import { isValidRoomName } from './room-name.js';
import { TokenError } from './token-error.js';

/** The algorithms a nano-meet token may be signed with. Jitsi itself accepts only the HS and RS families. */
export const TOKEN_ALGORITHMS = ['HS256', 'RS256', 'ES256', 'EdDSA'] as const;
export type TokenAlgorithm = (typeof TOKEN_ALGORITHMS)[number];

/** Tokens travel in URLs; anything this long is not one of ours. */
const MAX_TOKEN_LENGTH = 8192;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Clocks of browsers and servers drift; a few seconds must not make a fresh token unusable. */
export const DEFAULT_CLOCK_SKEW_SECONDS = 30;

export interface TokenCheckOptions {
  /** The time to check the window against (default: now). */
  now?: Date | number;
  /** How far the clocks may disagree, in seconds (default 30). */
  clockSkewSeconds?: number;
  /** Accept a token whose window has not opened yet (e.g. to derive invites ahead of a meeting). */
  allowNotYetValid?: boolean;
}

export type TokenResult = { ok: true; token: NanoMeetToken } | { ok: false; error: TokenError };

/**
 * Reads and checks a token without its key: structure, header, claims, room and time window.
 * Safe for browsers. It proves nothing about who made the token; only {@link verifyToken} does.
 * Never throws: every refusal is returned as a {@link TokenError} with a stable code.
 */
export function decodeToken(jwt: string, options: TokenCheckOptions = {}): TokenResult {
  try {
    return { ok: true, token: readToken(jwt, options) };
  } catch (error) {
    if (error instanceof TokenError) return { ok: false, error };
    return { ok: false, error: new TokenError('token-malformed', 'The token could not be read.', { cause: error }) };
  }
}

/** {@link decodeToken} for callers that prefer exceptions: throws {@link TokenError}. */
export function readToken(jwt: unknown, options: TokenCheckOptions = {}): NanoMeetToken {
  return tokenOf(jwt as string, readStructure(jwt), options);
}

/** The rest of {@link readToken} once the structure is read (verifyToken reads it before the signature). */
export function tokenOf(jwt: string, { header, payload }: TokenStructure, options: TokenCheckOptions): NanoMeetToken {
  const claims = readClaims(payload);
  checkWindow(claims, options);
  return toNanoMeetToken(jwt, header, claims);
}

export interface TokenStructure {
  header: NanoMeetToken['header'];
  payload: Record<string, unknown>;
}

/** Structure and header only: what must hold before a signature is even looked at. */
export function readStructure(jwt: unknown): TokenStructure {
  if (typeof jwt !== 'string' || jwt.length === 0) {
    throw new TokenError('token-malformed', 'No token was given: pass the JWT string from the token service.');
  }
  if (jwt.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(jwt)) {
    throw new TokenError('token-malformed', 'The token is not a signed JWT (three base64url parts separated by dots).');
  }
  const [headerPart, payloadPart] = jwt.split('.') as [string, string];
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    header = decodePart(headerPart);
    payload = decodePart(payloadPart);
  } catch (cause) {
    throw new TokenError('token-malformed', 'The token is not valid JSON inside.', { cause });
  }
  // Jitsi refuses any `typ` other than exactly "JWT", and `alg: none` is never a signature.
  if (header.typ !== 'JWT') {
    throw new TokenError(
      'token-malformed',
      `The token header must say typ "JWT" (Jitsi refuses others), not ${JSON.stringify(header.typ)}.`,
    );
  }
  if (!TOKEN_ALGORITHMS.includes(header.alg as TokenAlgorithm)) {
    throw new TokenError(
      'token-malformed',
      `Tokens signed with ${JSON.stringify(header.alg)} are not accepted; use one of ${TOKEN_ALGORITHMS.join(', ')}.`,
    );
  }
  if (header.kid !== undefined && typeof header.kid !== 'string') {
    throw new TokenError('token-malformed', 'The token header "kid" must be a string.');
  }
  return { header: header as NanoMeetToken['header'], payload };
}

const utf8 = new TextDecoder();

/** A header or payload: base64url of UTF-8 JSON, which must be an object. Throws otherwise. */
function decodePart(part: string): Record<string, unknown> {
  const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  // A plain loop: Uint8Array.from(binary, mapFn) took most of the time to verify a token.
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  const value: unknown = JSON.parse(utf8.decode(bytes));
  if (!isObject(value)) throw new TypeError('The JSON is not an object.');
  return value;
}

function readClaims(payload: Record<string, unknown>): TokenClaims {
  if (!isValidRoomName(payload.room)) {
    throw new TokenError('room-invalid', 'The room name in the token must be 1–64 characters of a-z, A-Z, 0-9 and _.');
  }
  const problems: string[] = [];
  const claims = checkTokenClaims(payload, problems);
  if (problems.length) {
    throw new TokenError('token-invalid-claims', `The token's claims are not valid:\n${problems.join('\n')}`);
  }
  if (claims.nbf >= claims.exp) {
    throw new TokenError('token-invalid-claims', 'The token expires before it becomes valid (exp must be after nbf).');
  }
  const userModerator = claims.context.user.moderator;
  if (
    claims.moderator !== undefined &&
    userModerator !== undefined &&
    claims.moderator !== isJitsiTrue(userModerator)
  ) {
    throw new TokenError('token-invalid-claims', 'The token names the user both moderator and not moderator.');
  }
  return claims;
}

function checkWindow(claims: TokenClaims, options: TokenCheckOptions) {
  const nowSeconds = toEpochSeconds(options.now ?? Date.now());
  const skew = options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  if (nowSeconds >= claims.exp + skew) {
    throw new TokenError('token-expired', `The token expired at ${isoDate(claims.exp)}. Ask for a new one.`, {
      at: new Date(claims.exp * 1000),
    });
  }
  if (!options.allowNotYetValid && nowSeconds < claims.nbf - skew) {
    throw new TokenError(
      'token-not-yet-valid',
      `The token is valid from ${isoDate(claims.nbf)}. The meeting opens then.`,
      { at: new Date(claims.nbf * 1000) },
    );
  }
}

function toNanoMeetToken(jwt: string, header: NanoMeetToken['header'], claims: TokenClaims): NanoMeetToken {
  const ours = claims[NANO_MEET_CLAIM];
  const { id, name, email, avatar, moderator } = claims.context.user;
  const user: TokenUser = {};
  if (id !== undefined) user.id = id;
  if (name !== undefined) user.name = name;
  if (email !== undefined) user.email = email;
  if (avatar !== undefined) user.avatar = avatar;
  const features = claims.context.features;
  return {
    jwt,
    id: claims.jti,
    server: ours.server,
    room: claims.room,
    streamName: ours.streamname,
    moderator: moderator !== undefined ? isJitsiTrue(moderator) : claims.moderator === true,
    notBefore: new Date(claims.nbf * 1000),
    expiresAt: new Date(claims.exp * 1000),
    user,
    ...(features && {
      features: Object.fromEntries(Object.entries(features).map(([key, value]) => [key, isJitsiTrue(value)])),
    }),
    ...(ours.parent !== undefined && { parentId: ours.parent }),
    ...(ours.root !== undefined && { rootId: ours.root }),
    header,
    claims,
  };
}

export function toEpochSeconds(time: Date | number): number {
  return Math.floor((typeof time === 'number' ? time : time.getTime()) / 1000);
}

/** Developers' time (see TokenError): people get theirs from the element, formatted by Intl. */
function isoDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}
