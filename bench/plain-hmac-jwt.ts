/**
 * The physical limit for issuing tokens on this machine: the claims of one of our room tokens signed as an
 * HS256 JWT by hand with `node:crypto`, nothing else (no setup to check, no key to look up). Each token gets
 * its own `iat` and `jti`, as every issuer's must; the header is encoded once, as a hand-written signer would.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { SharedSecretKey } from '../src/server/index.js';

/** A signer of `claims` with `key`'s secret: call it in a loop. */
export function plainHmacJwtSigner(key: SharedSecretKey, claims: Record<string, unknown>): () => string {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  return () => {
    const payload = { ...claims, iat: Math.floor(Date.now() / 1000), jti: randomUUID() };
    const signingInput = `${header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    return `${signingInput}.${createHmac('sha256', key.secret).update(signingInput).digest('base64url')}`;
  };
}

/** The claims of a token, read back from its payload. */
export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}
