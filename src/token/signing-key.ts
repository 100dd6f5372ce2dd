import { SignJWT } from 'jose/jwt/sign';
import { exportJWK } from 'jose/key/export';
import { importJWK } from 'jose/key/import';
import type { CryptoKey, JWK, KeyObject } from 'jose';
import type { TokenClaims } from './claims.js';
import type { VerificationKey } from './verify-token.js';

/**
 * Who signs tokens, and with what. One of:
 * - `{ secret }`: HS256 with the `app_secret` of a self-hosted Jitsi (token authentication);
 * - `{ privateKey, alg, kid }`: RS256 (what Jitsi's ASAP and JaaS accept), ES256 or EdDSA, published
 *   through the JWKS so that verifiers find the key by `kid`.
 */
export type SigningKey = SharedSecretKey | PrivateSigningKey;

interface SignerIdentity {
  /** Jitsi's `app_id`: becomes the `iss` claim, which Jitsi compares exactly. */
  appId: string;
  /** The `aud` claim (Jitsi only requires it present). Default: `"jitsi"`. */
  audience?: string;
  /**
   * The `sub` claim: the XMPP domain or tenant (`meet.jitsi` on docker-jitsi-meet, `*` for any).
   * Default: the meeting server's host name.
   */
  subject?: string;
}

export interface SharedSecretKey extends SignerIdentity {
  /** The HMAC secret, at least 32 characters: shorter secrets can be guessed offline from any token. */
  secret: string;
  kid?: string;
}

export interface PrivateSigningKey extends SignerIdentity {
  privateKey: CryptoKey | KeyObject | JWK;
  alg: 'RS256' | 'ES256' | 'EdDSA';
  kid: string;
  /** The matching public key or JWKS, to verify parent tokens. Default: derived from `privateKey`. */
  verificationKey?: VerificationKey;
}

export const MIN_SECRET_LENGTH = 32;

export function checkSigningKey(key: SigningKey): void {
  if (!key || typeof key.appId !== 'string' || key.appId.length === 0) {
    throw new TypeError('The signing key needs an appId (Jitsi app_id, used as iss).');
  }
  if ('secret' in key) {
    if (typeof key.secret !== 'string' || key.secret.length < MIN_SECRET_LENGTH) {
      throw new TypeError(`The shared secret must be at least ${MIN_SECRET_LENGTH} characters long.`);
    }
  } else if (!key.privateKey || !key.kid) {
    throw new TypeError('An asymmetric signing key needs privateKey, alg and kid.');
  }
}

/** Signs claims into a JWT whose header Jitsi accepts: `typ` must be exactly "JWT". */
export async function signClaims(key: SigningKey, claims: TokenClaims): Promise<string> {
  const alg = 'secret' in key ? 'HS256' : key.alg;
  const header = { alg, typ: 'JWT', ...(key.kid !== undefined && { kid: key.kid }) };
  const signWith = 'secret' in key ? new TextEncoder().encode(key.secret) : key.privateKey;
  return new SignJWT(claims).setProtectedHeader(header).sign(signWith);
}

/** The key that verifies what `key` signed. */
export async function verificationKeyOf(key: SigningKey): Promise<VerificationKey> {
  if ('secret' in key) return key.secret;
  if (key.verificationKey) return key.verificationKey;
  const { privateKey } = key;
  const jwk = 'kty' in privateKey ? privateKey : await exportJWK(privateKey as CryptoKey | KeyObject);
  // key_ops too: a private JWK from WebCrypto says ["sign"], which a public key cannot be imported with.
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, key_ops: _keyOps, ...publicJwk } = jwk;
  return importJWK(publicJwk, key.alg);
}
