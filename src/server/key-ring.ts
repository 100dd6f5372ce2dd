import { decodeJwt } from 'jose/jwt/decode';
import { exportJWK } from 'jose/key/export';
import { importJWK, importPKCS8 } from 'jose/key/import';
import type { CryptoKey, JSONWebKeySet, JWK } from 'jose';
import type { NanoMeetToken, TokenClaims } from '../token/claims.js';
import { readStructure } from '../token/decode-token.js';
import { checkSigningKey, signClaims, verificationKeyOf, type SigningKey } from '../token/signing-key.js';
import { TokenError } from '../token/token-error.js';
import { verifyToken, type VerificationKey } from '../token/verify-token.js';
import { TokenServiceConfigError, type TokenServiceKeyConfig } from './service-config.js';

/** A configured key, imported once: how it signs, how it verifies, and what the JWKS says about it. */
export interface RingKey {
  signing: SigningKey;
  verification: VerificationKey;
  alg: string;
  kid?: string;
  /** Asymmetric keys only: the public JWK as published. */
  publicJwk?: JWK;
}

/** All configured keys: `current` signs every new token, every key verifies. */
export interface KeyRing {
  current: RingKey;
  keys: RingKey[];
  jwks: JSONWebKeySet;
}

export async function createKeyRing(configs: readonly TokenServiceKeyConfig[]): Promise<KeyRing> {
  const keys = await Promise.all(configs.map(importRingKey));
  const currentIndex = configs.length === 1 ? 0 : configs.findIndex((config) => config.current);
  const current = keys[currentIndex];
  if (!current) throw new TokenServiceConfigError('config-invalid', 'One signing key must be current.');
  const jwks = { keys: keys.flatMap((key) => (key.publicJwk ? [key.publicJwk] : [])) };
  return { current, keys, jwks };
}

async function importRingKey(config: TokenServiceKeyConfig, index: number): Promise<RingKey> {
  const { current: _current, ...key } = config;
  if ('secret' in key) {
    checkSigningKey(key);
    return { signing: key, verification: key.secret, alg: 'HS256', ...(key.kid !== undefined && { kid: key.kid }) };
  }
  let privateJwk: JWK;
  try {
    privateJwk =
      typeof key.privateKey === 'string'
        ? await exportJWK(await importPKCS8(key.privateKey, key.alg, { extractable: true }))
        : key.privateKey;
    if (privateJwk.alg !== undefined && privateJwk.alg !== key.alg) throw new Error('alg mismatch');
    // The public half, derived by the token model exactly as invites verify their parents.
    const verification = await verificationKeyOf({ ...key, privateKey: privateJwk });
    const signing: SigningKey = {
      ...key,
      privateKey: (await importJWK(privateJwk, key.alg)) as CryptoKey,
      verificationKey: verification,
    };
    const publicJwk = { ...(await exportJWK(verification as CryptoKey)), kid: key.kid, alg: key.alg, use: 'sig' };
    return { signing, verification, alg: key.alg, kid: key.kid, publicJwk };
  } catch (cause) {
    // Not the cause's message: a parser error could quote the key.
    throw new TokenServiceConfigError(
      'config-invalid',
      `keys[${index}] (kid ${JSON.stringify(key.kid)}): the private key is not a valid ${key.alg} key ` +
        '(a PKCS#8 PEM, e.g. from `openssl pkcs8 -topk8 -nocrypt`, or a private JWK of that algorithm).',
      { cause },
    );
  }
}

export type ParentCheck = { ok: true; key: RingKey; token: NanoMeetToken } | { ok: false; error: TokenError };

/**
 * Verifies a token against every key that could have signed it (same alg, same kid when it names one),
 * so that tokens signed before a rotation keep working until they expire. Returns the key that signed it.
 */
export async function verifyWithRing(ring: KeyRing, jwt: unknown, now: number): Promise<ParentCheck> {
  let header: { alg?: unknown; kid?: unknown };
  try {
    ({ header } = readStructure(jwt));
  } catch (error) {
    return { ok: false, error: error as TokenError };
  }
  const candidates = ring.keys.filter(
    (key) => key.alg === header.alg && (header.kid === undefined || key.kid === header.kid),
  );
  for (const key of candidates) {
    const result = await verifyToken(jwt as string, key.verification, {
      now,
      allowNotYetValid: true,
      issuer: key.signing.appId,
    });
    if (result.ok) return { ok: true, key, token: result.token };
    // Anything but a signature mismatch means this key did sign it: that refusal is the answer.
    if (result.error.code !== 'token-signature-invalid') return result;
  }
  return {
    ok: false,
    error: new TokenError(
      'token-signature-invalid',
      'The token was not signed by any of this service’s keys. Ask for a new token.',
    ),
  };
}

/**
 * Re-signs a token's claims with the current key: an invite derived (and checked) with the key that
 * signed its parent still leaves the service signed by the current key.
 */
export async function resignWithCurrent(ring: KeyRing, jwt: string): Promise<string> {
  return signClaims(ring.current.signing, decodeJwt(jwt) as TokenClaims);
}
