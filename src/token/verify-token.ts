import { compactVerify } from 'jose/jws/compact/verify';
import { createLocalJWKSet } from 'jose/jwks/local';
import { importSPKI, importX509 } from 'jose/key/import';
import type { CryptoKey, JSONWebKeySet, JWK, JWTVerifyGetKey, KeyObject } from 'jose';
import type { NanoMeetToken } from './claims.js';
import {
  readStructure,
  tokenOf,
  type TokenAlgorithm,
  type TokenCheckOptions,
  type TokenResult,
} from './decode-token.js';
import { nodeHmac } from './node-hmac.js';
import { TokenError } from './token-error.js';

/**
 * What a token can be verified with:
 * - a shared secret (`string` or bytes): HS256, as a self-hosted Jitsi with `app_secret` uses;
 * - a public key (PEM `string`, X.509 certificate, `CryptoKey`, Node `KeyObject` or JWK): RS256, ES256 or EdDSA;
 * - a JWKS (`{keys: […]}`) or a key resolver such as jose's `createRemoteJWKSet`: the key is picked by `kid`,
 *   which is how rotated keys keep verifying until their tokens expire.
 */
export type VerificationKey = string | Uint8Array | CryptoKey | KeyObject | JWK | JSONWebKeySet | JWTVerifyGetKey;

export interface VerifyOptions extends TokenCheckOptions {
  /** Accept only tokens issued by this `iss` (a Jitsi app id). */
  issuer?: string;
  /** Accept only tokens for this `aud`. */
  audience?: string;
}

const ASYMMETRIC: TokenAlgorithm[] = ['RS256', 'ES256', 'EdDSA'];

/**
 * Verifies a token's signature with `key`, then checks it as {@link decodeToken} does.
 * The algorithm is decided by the key, never by the token, so `alg: none` and algorithm confusion
 * (an RSA public key used as an HMAC secret) are refused. Never throws for a bad token.
 */
export async function verifyToken(
  jwt: string,
  key: VerificationKey,
  options: VerifyOptions = {},
): Promise<TokenResult> {
  try {
    const structure = readStructure(jwt);
    const { header } = structure;
    const { verifyWith, algorithms } = await resolveKey(key, header.alg as TokenAlgorithm);
    try {
      await checkSignature(jwt, header, verifyWith, algorithms);
    } catch (cause) {
      throw new TokenError(
        'token-signature-invalid',
        'The token was not signed by this server’s key. Ask for a new token.',
        { cause },
      );
    }
    const token = tokenOf(jwt, structure, options);
    if (options.issuer !== undefined && token.claims.iss !== options.issuer) {
      throw new TokenError(
        'token-invalid-claims',
        `The token was issued by ${JSON.stringify(token.claims.iss)}, not ${JSON.stringify(options.issuer)}.`,
      );
    }
    if (options.audience !== undefined && token.claims.aud !== options.audience) {
      throw new TokenError(
        'token-invalid-claims',
        `The token is meant for ${JSON.stringify(token.claims.aud)}, not ${JSON.stringify(options.audience)}.`,
      );
    }
    return { ok: true, token };
  } catch (error) {
    if (error instanceof TokenError) return { ok: false, error };
    const message = error instanceof TypeError ? error.message : 'The token could not be verified.';
    return { ok: false, error: new TokenError('token-signature-invalid', message, { cause: error }) };
  }
}

async function checkSignature(jwt: string, header: NanoMeetToken['header'], verifyWith: unknown, algorithms: string[]) {
  // jose alone knows `crit` and `b64`, and refuses an empty secret: such tokens and keys (never ours) go its way.
  const plainHs256 =
    header.alg === 'HS256' && algorithms.includes('HS256') && !('crit' in header) && !('b64' in header);
  const node = plainHs256 && verifyWith instanceof Uint8Array && verifyWith.length > 0 ? nodeHmac() : undefined;
  if (!node) {
    await compactVerify(jwt, verifyWith as Parameters<typeof compactVerify>[1], { algorithms });
    return;
  }
  // What jose decides, without importing the key and queueing a Web Crypto job for every token.
  const dot = jwt.lastIndexOf('.');
  const expected = node
    .createHmac('sha256', verifyWith as Uint8Array)
    .update(jwt.slice(0, dot))
    .digest();
  const given = node.Buffer.from(jwt.slice(dot + 1), 'base64url');
  if (given.length !== expected.length || !node.timingSafeEqual(given, expected)) {
    throw new Error('The HS256 signature does not match.');
  }
}

async function resolveKey(key: VerificationKey, alg: TokenAlgorithm) {
  if (typeof key === 'function') return { verifyWith: key, algorithms: ASYMMETRIC };
  if (typeof key === 'string' || key instanceof Uint8Array) {
    const pem = pemOf(key);
    if (pem !== undefined) {
      // A PEM is a public key: never let it be used as an HMAC secret (the classic algorithm confusion).
      if (!ASYMMETRIC.includes(alg)) throw confusion(alg);
      const verifyWith = pem.includes('CERTIFICATE') ? await importX509(pem, alg) : await importSPKI(pem, alg);
      return { verifyWith, algorithms: [alg] };
    }
    return { verifyWith: typeof key === 'string' ? new TextEncoder().encode(key) : key, algorithms: ['HS256'] };
  }
  if ('keys' in key && Array.isArray(key.keys)) {
    return { verifyWith: createLocalJWKSet(key), algorithms: ASYMMETRIC };
  }
  const expected = algorithmOfKey(key as CryptoKey | KeyObject | JWK);
  if (alg !== expected) throw confusion(alg, expected);
  return { verifyWith: key, algorithms: [expected] };
}

// A PEM arrives with white space around it (a template literal, a file) or as the bytes of a file.
function pemOf(key: string | Uint8Array): string | undefined {
  const text = (typeof key === 'string' ? key : new TextDecoder().decode(key)).trim();
  return text.startsWith('-----BEGIN') ? text : undefined;
}

function algorithmOfKey(key: CryptoKey | KeyObject | JWK): TokenAlgorithm {
  if ('kty' in key) {
    const byKty: Record<string, TokenAlgorithm> = { oct: 'HS256', RSA: 'RS256', EC: 'ES256', OKP: 'EdDSA' };
    if (typeof key.kty === 'string' && key.kty in byKty && !('d' in key && key.kty !== 'oct')) return byKty[key.kty]!;
  } else if ('algorithm' in key) {
    const byName: Record<string, TokenAlgorithm> = {
      HMAC: 'HS256',
      'RSASSA-PKCS1-v1_5': 'RS256',
      ECDSA: 'ES256',
      Ed25519: 'EdDSA',
    };
    if (key.type !== 'private' && key.algorithm.name in byName) return byName[key.algorithm.name]!;
  } else if ('type' in key) {
    const node = key as KeyObject & { asymmetricKeyType?: string };
    if (node.type === 'secret') return 'HS256';
    const byType: Record<string, TokenAlgorithm> = { rsa: 'RS256', ec: 'ES256', ed25519: 'EdDSA' };
    if (node.type === 'public' && node.asymmetricKeyType && node.asymmetricKeyType in byType)
      return byType[node.asymmetricKeyType]!;
  }
  throw new TypeError(
    'verifyToken needs a shared secret or a public key (a private key must not be handed to a verifier).',
  );
}

function confusion(alg: string, expected?: string) {
  return new TokenError(
    'token-signature-invalid',
    `The token claims ${alg}${expected ? ` but the key is for ${expected}` : ' but the key is a public key'}; refused.`,
  );
}
