import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as nodeCrypto from 'node:crypto';
import { createPublicKey, createSecretKey } from 'node:crypto';
import { SignJWT, compactVerify, exportJWK, exportSPKI, type GenerateKeyPairResult, type JWK } from 'jose';
import { DEFAULT_CLOCK_SKEW_SECONDS, verifyToken } from '../../src/token/index.js';
import {
  HS256_HEADER,
  NOW,
  SECRET,
  SETUP_EXP,
  assertAccepted,
  assertRefused,
  compact,
  keyPair,
  signRaw,
  validClaims,
  withGetBuiltinModule,
  type AsymmetricAlg,
} from './token-fixtures.js';

const verify = (jwt: string, key: Parameters<typeof verifyToken>[1], options = {}) =>
  verifyToken(jwt, key, { now: NOW, ...options });

function signAsymmetric(pair: GenerateKeyPairResult, alg: AsymmetricAlg, kid?: string, claims = validClaims()) {
  return new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT', ...(kid && { kid }) }).sign(pair.privateKey);
}

describe('verifyToken', () => {
  describe('with a shared secret (HS256)', () => {
    it('accepts a token signed with the secret, given as a string or as bytes', async () => {
      const jwt = signRaw(validClaims());
      assert.equal(assertAccepted(await verify(jwt, SECRET)).room, 'my_nanomeet_room');
      assertAccepted(await verify(jwt, new TextEncoder().encode(SECRET)));
      assertAccepted(await verify(jwt, { kty: 'oct', k: Buffer.from(SECRET).toString('base64url') }));
      assertAccepted(await verify(jwt, createSecretKey(Buffer.from(SECRET))));
    });

    it('refuses a token signed with another secret with token-signature-invalid', async () => {
      assertRefused(await verify(signRaw(validClaims()), `${SECRET}!`), 'token-signature-invalid');
      assertRefused(
        await verify(signRaw(validClaims(), HS256_HEADER, `${SECRET}!`), SECRET),
        'token-signature-invalid',
      );
    });

    it('refuses a token whose payload was changed after signing with token-signature-invalid', async () => {
      const [header, , signature] = signRaw(validClaims()).split('.');
      const [, payload] = signRaw(validClaims({ room: 'another_room' })).split('.');
      assertRefused(await verify(`${header}.${payload}.${signature}`, SECRET), 'token-signature-invalid');
    });

    it('refuses alg none, with or without a signature part, with token-malformed', async () => {
      const none = compact({ alg: 'none', typ: 'JWT' }, validClaims());
      assertRefused(await verify(none, SECRET), 'token-malformed');
      assertRefused(await verify(none.slice(0, none.lastIndexOf('.') + 1), SECRET), 'token-malformed');
    });

    it('refuses a token claiming RS256 when verified with a secret', async () => {
      const rsa = await keyPair('RS256');
      assertRefused(await verify(await signAsymmetric(rsa, 'RS256'), SECRET), 'token-signature-invalid');
      // Even one whose "RS256" signature is in fact an HMAC with the secret.
      assertRefused(
        await verify(signRaw(validClaims(), { alg: 'RS256', typ: 'JWT' }), SECRET),
        'token-signature-invalid',
      );
    });

    it('checks the claims and the window once the signature holds', async () => {
      assertRefused(
        await verify(signRaw(validClaims()), SECRET, { now: (SETUP_EXP + DEFAULT_CLOCK_SKEW_SECONDS) * 1000 }),
        'token-expired',
      );
      assertRefused(await verify(signRaw(validClaims({ room: 'a/b' })), SECRET), 'room-invalid');
      assertRefused(await verify(signRaw(validClaims({ exp: SETUP_EXP * 1000 })), SECRET), 'token-invalid-claims');
      assertRefused(await verify(signRaw(validClaims(), { alg: 'HS256' }), SECRET), 'token-malformed');
    });
  });

  describe('HS256 checked with node:crypto', () => {
    const jwt = signRaw(validClaims());
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    // The last of 43 characters carries 4 bits and 2 spare ones: a decoder may or may not look at the spare bits.
    const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const spareBitsFlipped = BASE64URL[BASE64URL.indexOf(signature.at(-1)!) ^ 1];
    const tokens: Record<string, [string, string]> = {
      'a valid token': [jwt, SECRET],
      'another secret': [jwt, `${SECRET}!`],
      'an empty secret': [signRaw(validClaims(), HS256_HEADER, ''), ''],
      'a changed payload': [`${header}.${signRaw(validClaims({ room: 'other' })).split('.')[1]}.${signature}`, SECRET],
      'a signature one character short': [`${header}.${payload}.${signature.slice(0, -1)}`, SECRET],
      'a signature one character long': [`${jwt}A`, SECRET],
      'a signature with its spare bits set': [`${jwt.slice(0, -1)}${spareBitsFlipped}`, SECRET],
      'a crit header jose does not know': [signRaw(validClaims(), { ...HS256_HEADER, crit: ['exp'] }), SECRET],
      'a b64 header': [signRaw(validClaims(), { ...HS256_HEADER, b64: true }), SECRET],
    };
    /** Whether the signature held: the token was accepted, or refused for something after the signature. */
    const signatureHeld = async (token: string, secret: string) => {
      const result = await verify(token, secret);
      return result.ok || result.error.code !== 'token-signature-invalid';
    };

    for (const [name, [token, secret]] of Object.entries(tokens)) {
      it(`decides as jose does, with and without node:crypto: ${name}`, async () => {
        const byJose = await compactVerify(token, new TextEncoder().encode(secret), { algorithms: ['HS256'] }).then(
          () => true,
          () => false,
        );
        assert.equal(await signatureHeld(token, secret), byJose);
        assert.equal(await withGetBuiltinModule(undefined, () => signatureHeld(token, secret)), byJose);
      });
    }

    it('checks through Node’s HMAC, not Web Crypto, where the runtime has it', async () => {
      let hmacs = 0;
      const createHmac = (...args: Parameters<typeof nodeCrypto.createHmac>) => {
        hmacs++;
        return nodeCrypto.createHmac(...args);
      };
      const crypto = { ...nodeCrypto, createHmac };
      const builtin = process.getBuiltinModule;
      const getBuiltinModule = (id: string) => (id === 'node:crypto' ? crypto : builtin(id));
      assertAccepted(await withGetBuiltinModule(getBuiltinModule, () => verify(jwt, SECRET)));
      assert.equal(hmacs, 1);
    });
  });

  describe('issuer and audience', () => {
    const jwt = signRaw(validClaims());

    it('accepts a token from the expected issuer for the expected audience', async () => {
      assertAccepted(await verify(jwt, SECRET, { issuer: 'nano_app', audience: 'jitsi' }));
    });

    it('refuses another issuer or audience with token-invalid-claims', async () => {
      assertRefused(await verify(jwt, SECRET, { issuer: 'other_app' }), 'token-invalid-claims');
      assertRefused(await verify(jwt, SECRET, { issuer: 'NANO_APP' }), 'token-invalid-claims');
      assertRefused(await verify(jwt, SECRET, { audience: 'other' }), 'token-invalid-claims');
    });
  });

  for (const alg of ['RS256', 'ES256', 'EdDSA'] as const) {
    describe(`with a ${alg} public key`, () => {
      let pair: GenerateKeyPairResult;
      let pem: string;
      let jwt: string;
      before(async () => {
        pair = await keyPair(alg);
        pem = await exportSPKI(pair.publicKey);
        jwt = await signAsymmetric(pair, alg, 'key-1');
      });

      it('accepts the token with the key as PEM (SPKI), JWK, CryptoKey or KeyObject', async () => {
        for (const key of [pem, await exportJWK(pair.publicKey), pair.publicKey, createPublicKey(pem)]) {
          assert.equal(assertAccepted(await verify(jwt, key)).header.alg, alg);
        }
      });

      it('refuses a token signed by another key with token-signature-invalid', async () => {
        const other = await keyPair(alg);
        assertRefused(await verify(await signAsymmetric(other, alg, 'key-1'), pem), 'token-signature-invalid');
      });

      it('refuses a private key given to the verifier', async () => {
        for (const key of [pair.privateKey, await exportJWK(pair.privateKey)]) {
          const error = assertRefused(await verify(jwt, key), 'token-signature-invalid');
          assert.match(error.message, /private key/);
        }
      });

      it('refuses an HS256 token signed with the public key PEM as HMAC secret (algorithm confusion)', async () => {
        // The PEM as it may be handed over: pasted into a template literal, read from a file or as a Buffer.
        for (const key of [pem, `\n${pem}`, `  ${pem}\n`, Buffer.from(pem), new TextEncoder().encode(`\n${pem}`)]) {
          assertRefused(await verify(signRaw(validClaims(), HS256_HEADER, key), key), 'token-signature-invalid');
        }
      });

      it('also reads a PEM given with surrounding white space or as bytes', async () => {
        for (const key of [`\n${pem}\n`, Buffer.from(pem)]) assertAccepted(await verify(jwt, key));
      });

      it('refuses a token whose header names another algorithm than the key', async () => {
        const otherAlg = alg === 'RS256' ? 'ES256' : 'RS256';
        const [, payload, signature] = jwt.split('.');
        const relabelled = `${compact({ alg: otherAlg, typ: 'JWT', kid: 'key-1' }, '{}').split('.')[0]}.${payload}.${signature}`;
        for (const key of [pem, pair.publicKey, await exportJWK(pair.publicKey)]) {
          assertRefused(await verify(relabelled, key), 'token-signature-invalid');
        }
      });
    });
  }

  describe('with a JWKS (rotated keys, picked by kid)', () => {
    let oldPair: GenerateKeyPairResult;
    let newPair: GenerateKeyPairResult;
    let jwks: { keys: JWK[] };
    const publicJwk = async (pair: GenerateKeyPairResult, kid: string, alg: AsymmetricAlg) => ({
      ...(await exportJWK(pair.publicKey)),
      kid,
      alg,
    });
    before(async () => {
      oldPair = await keyPair('RS256');
      newPair = await keyPair('ES256');
      jwks = { keys: [await publicJwk(oldPair, '2025-12', 'RS256'), await publicJwk(newPair, '2026-01', 'ES256')] };
    });

    it('accepts tokens signed by either key of the set', async () => {
      assert.equal(
        assertAccepted(await verify(await signAsymmetric(oldPair, 'RS256', '2025-12'), jwks)).header.kid,
        '2025-12',
      );
      assert.equal(
        assertAccepted(await verify(await signAsymmetric(newPair, 'ES256', '2026-01'), jwks)).header.kid,
        '2026-01',
      );
    });

    it('refuses a token whose kid is not in the set', async () => {
      assertRefused(await verify(await signAsymmetric(newPair, 'ES256', '2024-06'), jwks), 'token-signature-invalid');
      assertRefused(
        await verify(await signAsymmetric(await keyPair('ES256'), 'ES256', '2024-06'), jwks),
        'token-signature-invalid',
      );
    });

    it('refuses a token that names one key but was signed by the other', async () => {
      assertRefused(await verify(await signAsymmetric(newPair, 'ES256', '2025-12'), jwks), 'token-signature-invalid');
    });

    it('refuses a token signed by a retired key once it left the set', async () => {
      const retired = { keys: jwks.keys.filter((key) => key.kid !== '2025-12') };
      assertRefused(
        await verify(await signAsymmetric(oldPair, 'RS256', '2025-12'), retired),
        'token-signature-invalid',
      );
    });

    it('refuses HS256 tokens, even with a symmetric key in the set', async () => {
      const withSecret = {
        keys: [...jwks.keys, { kty: 'oct', kid: 'hs', k: Buffer.from(SECRET).toString('base64url') }],
      };
      assertRefused(
        await verify(signRaw(validClaims(), { ...HS256_HEADER, kid: 'hs' }), withSecret),
        'token-signature-invalid',
      );
    });

    it('takes a key resolver such as createLocalJWKSet / createRemoteJWKSet', async () => {
      const { createLocalJWKSet } = await import('jose');
      const resolver = createLocalJWKSet(jwks);
      assertAccepted(await verify(await signAsymmetric(oldPair, 'RS256', '2025-12'), resolver));
      assertRefused(
        await verify(await signAsymmetric(oldPair, 'RS256', 'unknown'), resolver),
        'token-signature-invalid',
      );
    });
  });

  it('never reports a crypto failure as anything but a TokenError result', async () => {
    const rsa = await keyPair('RS256');
    const jwt = await signAsymmetric(rsa, 'RS256');
    for (const key of [
      '-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----',
      { kty: 'RSA' },
      {} as JWK,
      { keys: [] },
    ]) {
      assertRefused(await verify(jwt, key), 'token-signature-invalid');
    }
  });
});
