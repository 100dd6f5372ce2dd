// Shared by the token tests: one key, one classic setup, one instant, and ways to make tokens by hand
// (raw claims signed with the key, or not signed at all) so that every rule can be hit on its own.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { generateKeyPair } from 'jose';
import { TokenError, type NanoMeetToken, type TokenErrorCode, type TokenResult } from '../../src/token/index.js';
import { KEY, NOW, ROOM_SETUP, SECRET } from './token-setup-fixtures.js';

export { KEY, NOW, ROOM_SETUP, SECRET };
export const SETUP_NBF = Date.parse(ROOM_SETUP.nbf as string) / 1000;
export const SETUP_EXP = Date.parse(ROOM_SETUP.exp as string) / 1000;

export const NOW_SECONDS = NOW / 1000;

export const HS256_HEADER = { alg: 'HS256', typ: 'JWT' };

/** Claims of a valid moderator token open at NOW (as createRoomToken makes them), with `overrides` on top. */
export function validClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: KEY.appId,
    aud: 'jitsi',
    sub: 'meet.example.org',
    room: 'my_nanomeet_room',
    nbf: SETUP_NBF,
    exp: SETUP_EXP,
    iat: NOW_SECONDS,
    jti: 'c0ffee00-0000-4000-8000-000000000001',
    moderator: true,
    context: { user: { name: 'Ada', moderator: true }, features: { livestreaming: true, recording: true } },
    'nano-meet': { server: 'meet.example.org', streamname: 'XXXXX-YYYYY' },
    ...overrides,
  };
}

/** `validClaims` with `context.user` (or anything else inside `context`) replaced. */
export function claimsWithContext(context: Record<string, unknown>, overrides: Record<string, unknown> = {}) {
  return validClaims({ context: { ...(validClaims().context as object), ...context }, ...overrides });
}

export function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** A segment of a compact JWS, JSON-parsed (0: header, 1: payload). */
export function segment(jwt: string, index: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[index]!, 'base64url').toString('utf8'));
}

/** Header and payload (values are JSON-encoded; strings are taken as the JSON text itself) with a signature. */
export function compact(header: unknown, payload: unknown, signature = 'c2lnbmF0dXJl'): string {
  const encode = (part: unknown) => base64url(typeof part === 'string' ? part : JSON.stringify(part));
  return `${encode(header)}.${encode(payload)}.${signature}`;
}

/** Signs anything (any header, any payload, even one no schema allows) with HMAC-SHA256. */
export function signRaw(
  payload: unknown,
  header: unknown = HS256_HEADER,
  secret: string | Uint8Array = SECRET,
): string {
  const unsigned = compact(header, payload, '').slice(0, -1);
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

export function assertAccepted(result: TokenResult): NanoMeetToken {
  if (!result.ok) assert.fail(`expected the token to be accepted, got ${result.error.code}: ${result.error.message}`);
  return result.token;
}

/** Refused with a TokenError of `code` (or of one of `code`, when a list). */
export function assertRefused(result: TokenResult, code: TokenErrorCode | readonly TokenErrorCode[]): TokenError {
  assert.equal(result.ok, false, `expected ${code}, but the token was accepted`);
  const { error } = result as { ok: false; error: unknown };
  assert.ok(error instanceof TokenError, `expected a TokenError, got ${String(error)}`);
  if (typeof code === 'string') assert.equal(error.code, code, error.message);
  else assert.ok(code.includes(error.code), `expected one of ${code.join(', ')}, got ${error.code}: ${error.message}`);
  return error;
}

/** For the throwing API (createRoomToken, createInviteToken). */
export async function assertRejects(promise: Promise<unknown>, code: TokenErrorCode): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof TokenError, `expected a TokenError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return true;
  });
}

export type AsymmetricAlg = 'RS256' | 'ES256' | 'EdDSA';

/** An extractable key pair, so that tests can export it as PEM or JWK. */
export function keyPair(alg: AsymmetricAlg) {
  return generateKeyPair(alg, { extractable: true });
}

/**
 * What a self-hosted Jitsi (luajwtjitsi `M.verify` + token_util, HS256 with `app_secret`) checks, in its
 * order (docs/jitsi/tokens.md §1): the reason it would refuse the token, or undefined when it accepts it.
 */
export function jitsiRefusal(jwt: string, { appId = KEY.appId, secret = SECRET, now = NOW } = {}): string | undefined {
  const parts = jwt.split('.').filter((part) => part.length > 0);
  if (parts.length !== 3) return 'Invalid token';
  const header = segment(jwt, 0);
  const claims = segment(jwt, 1);
  if (header.typ !== 'JWT') return 'Invalid typ';
  if (header.alg !== 'HS256') return 'Invalid or incorrect alg';
  const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest('base64url');
  if (parts[2] !== expected) return 'Invalid signature';
  for (const claim of ['exp', 'nbf'] as const) {
    if (claims[claim] !== undefined && typeof claims[claim] !== 'number') return `${claim} must be number`;
  }
  const nowSeconds = Math.floor(now / 1000);
  if (nowSeconds >= (claims.exp as number)) return 'Not acceptable by exp';
  if (nowSeconds < (claims.nbf as number)) return 'Not acceptable by nbf';
  if (claims.iss !== appId) return 'Invalid issuer';
  if (typeof claims.aud !== 'string') return "'aud' claim is missing";
  if (claims.sub === undefined) return 'sub claim is missing';
  if (claims.room === undefined) return "'room' claim is missing";
  return undefined;
}

/**
 * Runs `run` to its end with `process.getBuiltinModule` replaced (`undefined`: a runtime without it, as Node
 * before 20.16), so that the token model's Node fast paths can be watched or switched off. node:test runs a
 * file's tests one after the other, so no other test sees the replacement.
 */
export async function withGetBuiltinModule<T>(replacement: unknown, run: () => T | Promise<T>): Promise<T> {
  const original = Object.getOwnPropertyDescriptor(process, 'getBuiltinModule');
  Object.defineProperty(process, 'getBuiltinModule', { value: replacement, configurable: true, writable: true });
  try {
    return await run();
  } finally {
    if (original) Object.defineProperty(process, 'getBuiltinModule', original);
    else delete (process as { getBuiltinModule?: unknown }).getBuiltinModule;
  }
}
