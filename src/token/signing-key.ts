import { exportJWK } from 'jose/key/export';
import { importJWK } from 'jose/key/import';
import type { CryptoKey, JWK, KeyObject } from 'jose';
import type { TokenClaims } from './claims.js';
import { signHs256WithNode, signWithJose, type ClaimsSigner, type TokenHeader } from './claims-signer.js';
import { nodeHmac, type NodeHmac } from './node-hmac.js';
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

/** Signs claims into a JWT whose header Jitsi accepts. How a key signs is worked out once, at its first token. */
export async function signClaims(key: SigningKey, claims: TokenClaims): Promise<string> {
  return signerOf(key)(claims);
}

interface CachedSigner {
  material: unknown;
  alg: string;
  kid: string | undefined;
  sign: ClaimsSigner;
}

/** Keys are plain objects the caller keeps (the service's key ring holds one per key): their signers live here. */
const signers = new WeakMap<SigningKey, CachedSigner>();

function signerOf(key: SigningKey): ClaimsSigner {
  const material = 'secret' in key ? key.secret : key.privateKey;
  const alg = 'secret' in key ? 'HS256' : key.alg;
  const cached = signers.get(key);
  // A key object changed after its first token (a secret rotated in place) gets a new signer, never the old one.
  if (cached && cached.material === material && cached.alg === alg && cached.kid === key.kid) return cached.sign;
  const sign = createClaimsSigner(key);
  signers.set(key, { material, alg, kid: key.kid, sign });
  return sign;
}

/**
 * How `key` signs: HS256 through Node's HMAC where the runtime has one (`node`), jose otherwise and for the
 * asymmetric algorithms. Both make the same token.
 */
export function createClaimsSigner(key: SigningKey, node: NodeHmac | undefined = nodeHmac()): ClaimsSigner {
  const kid = key.kid !== undefined ? { kid: key.kid } : {};
  if (!('secret' in key)) return signWithJose(Promise.resolve(key.privateKey), { alg: key.alg, typ: 'JWT', ...kid });
  const header: TokenHeader & { alg: 'HS256' } = { alg: 'HS256', typ: 'JWT', ...kid };
  if (node) return signHs256WithNode(node, key.secret, header);
  // Imported once rather than by jose for every token: importing the key cost several times the HMAC itself.
  const hmacKey = crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(key.secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return signWithJose(hmacKey, header);
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
