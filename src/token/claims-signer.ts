import { SignJWT } from 'jose/jwt/sign';
import type { CryptoKey, JWK, KeyObject } from 'jose';
import type { TokenClaims } from './claims.js';
import type { TokenAlgorithm } from './decode-token.js';
import type { NodeHmac } from './node-hmac.js';

/** Turns claims into a compact JWS with one key; made once per key, used for every token. */
export type ClaimsSigner = (claims: TokenClaims) => Promise<string>;

/** The protected header of every nano-meet token: Jitsi refuses any `typ` but exactly "JWT". */
// A type rather than an interface: jose takes the header as a record of parameters.
export type TokenHeader = {
  alg: TokenAlgorithm;
  typ: 'JWT';
  kid?: string;
};

/** Signs through jose: every algorithm, in every runtime with Web Crypto. */
export function signWithJose(signWith: Promise<CryptoKey | KeyObject | JWK>, header: TokenHeader): ClaimsSigner {
  return async (claims) => new SignJWT(claims).setProtectedHeader(header).sign(await signWith);
}

/**
 * Signs HS256 with Node's HMAC into the very string jose makes: the same header and claims JSON (key order
 * kept), base64url without padding, the secret's UTF-8 bytes as the key, and an HMAC is deterministic. It runs
 * on the calling thread, where Web Crypto sends each signature to Node's thread pool and jose clones the claims.
 */
export function signHs256WithNode(
  node: NodeHmac,
  secret: string,
  header: TokenHeader & { alg: 'HS256' },
): ClaimsSigner {
  const { createHmac, Buffer } = node;
  const key = node.createSecretKey(Buffer.from(secret, 'utf8'));
  const encodedHeader = Buffer.from(JSON.stringify(header), 'utf8').toString('base64url');
  return async (claims) => {
    // jose refuses these rather than writing `null`; so must a signer that claims to make what jose makes.
    for (const claim of ['iat', 'nbf', 'exp'] as const) {
      const value = claims[claim];
      if (typeof value === 'number' && !Number.isFinite(value))
        throw new TypeError(`"${claim}" claim must be a finite number`);
    }
    const signingInput = `${encodedHeader}.${Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url')}`;
    return `${signingInput}.${createHmac('sha256', key).update(signingInput).digest('base64url')}`;
  };
}
