// How tokens are signed: HS256 through Node's HMAC (the fast path) must make the very string jose makes, so that
// nothing a verifier (jose, verifyToken, Jitsi) sees depends on which path signed; RS256/ES256/EdDSA stay with jose.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as nodeCrypto from 'node:crypto';
import { Buffer } from 'node:buffer';
import { SignJWT, jwtVerify } from 'jose';
import { createRoomToken, type SigningKey } from '../../src/server/index.js';
import type { TokenClaims } from '../../src/token/claims.js';
import { createClaimsSigner, signClaims } from '../../src/token/signing-key.js';
import { nodeHmac, type NodeHmac } from '../../src/token/node-hmac.js';
import { verifyToken } from '../../src/token/verify-token.js';
import {
  KEY,
  NOW,
  ROOM_SETUP,
  assertAccepted,
  jitsiRefusal,
  keyPair,
  segment,
  validClaims,
  withGetBuiltinModule,
} from './token-fixtures.js';

const CLAIMS = validClaims() as unknown as TokenClaims;
/** Everything JSON and UTF-8 can trip over: non-ASCII names, an emoji (a surrogate pair), quotes, a slash. */
const AWKWARD_CLAIMS = validClaims({
  context: { user: { name: 'Zoë "Ada" Ōtsuka 😀 </script>', moderator: true }, features: { recording: 'true' } },
  extra: { nested: [1, 2.5, null, false, 'ü'] },
}) as unknown as TokenClaims;
const HS256_KEYS: Record<string, SigningKey> = {
  'a plain secret': KEY,
  'a secret with a kid': { ...KEY, kid: 'hs-2026-01' },
  'a non-ASCII secret': { appId: 'nano_app', secret: 'ein-geheimes-Schlüsselwort-äöü-😀-of-32+' },
};

/** What jose makes of the same key and claims: the reference every path must equal. */
function signedByJose(key: SigningKey & { secret: string }, claims: TokenClaims): Promise<string> {
  const header = { alg: 'HS256', typ: 'JWT', ...(key.kid !== undefined && { kid: key.kid }) };
  return new SignJWT(claims).setProtectedHeader(header).sign(new TextEncoder().encode(key.secret));
}

/** Node's HMAC, counting how often the signer asks it for one. */
function countingNodeHmac(): NodeHmac & { calls: number } {
  const node = nodeHmac()!;
  const counting = {
    ...node,
    calls: 0,
    createHmac: ((...args: Parameters<typeof nodeCrypto.createHmac>) => {
      counting.calls++;
      return node.createHmac(...args);
    }) as typeof nodeCrypto.createHmac,
  };
  return counting;
}

describe('signing tokens', () => {
  describe('HS256 through node:crypto', () => {
    it('finds Node’s HMAC without importing node:crypto', () => {
      const node = nodeHmac();
      assert.equal(node?.createHmac, nodeCrypto.createHmac);
      assert.equal(node?.createSecretKey, nodeCrypto.createSecretKey);
      assert.equal(node?.Buffer, Buffer);
    });

    it('signs through Node’s HMAC when it has one, once per token', async () => {
      const node = countingNodeHmac();
      const sign = createClaimsSigner(KEY, node);
      await sign(CLAIMS);
      await sign(CLAIMS);
      assert.equal(node.calls, 2);
    });

    for (const [name, key] of Object.entries(HS256_KEYS) as [string, SigningKey & { secret: string }][]) {
      it(`makes the very token jose makes, for ${name}`, async () => {
        for (const claims of [CLAIMS, AWKWARD_CLAIMS]) {
          const expected = await signedByJose(key, claims);
          assert.equal(await createClaimsSigner(key, nodeHmac())(claims), expected);
          // jose's own path, as browsers and runtimes without node:crypto take it, with its key imported once.
          assert.equal(await createClaimsSigner(key, undefined)(claims), expected);
        }
      });
    }

    it('makes tokens jose’s jwtVerify, verifyToken and Jitsi’s own check accept', async () => {
      const jwt = await createClaimsSigner(KEY, nodeHmac())(CLAIMS);
      const { payload, protectedHeader } = await jwtVerify(jwt, new TextEncoder().encode(KEY.secret), {
        algorithms: ['HS256'],
        currentDate: new Date(NOW),
      });
      assert.deepEqual(protectedHeader, { alg: 'HS256', typ: 'JWT' });
      assert.deepEqual(payload, CLAIMS);
      assertAccepted(await verifyToken(jwt, KEY.secret, { now: NOW }));
      assert.equal(jitsiRefusal(jwt), undefined);
    });

    it('refuses a time that is not a finite number, as jose does, rather than writing null', async () => {
      const claims = { ...CLAIMS, iat: Number.NaN };
      const joseError = await signedByJose(KEY as SigningKey & { secret: string }, claims).catch(
        (error: unknown) => error,
      );
      assert.ok(joseError instanceof TypeError);
      await assert.rejects(createClaimsSigner(KEY, nodeHmac())(claims), {
        name: 'TypeError',
        message: joseError.message,
      });
    });

    it('issues room tokens jose would have signed the same way', async () => {
      const jwt = await createRoomToken(KEY, ROOM_SETUP, { now: NOW });
      assert.equal(
        jwt,
        await signedByJose(KEY as SigningKey & { secret: string }, segment(jwt, 1) as unknown as TokenClaims),
      );
      assertAccepted(await verifyToken(jwt, KEY.secret, { now: NOW }));
    });

    it('signs with the new secret once a key object’s secret is changed in place', async () => {
      const key = { ...KEY };
      await signClaims(key, CLAIMS);
      key.secret = 'a-rotated-secret-of-32-characters!';
      const jwt = await signClaims(key, CLAIMS);
      assertAccepted(await verifyToken(jwt, key.secret, { now: NOW }));
      assert.equal((await verifyToken(jwt, KEY.secret, { now: NOW })).ok, false);
    });
  });

  describe('where the runtime has no node:crypto', () => {
    it('finds no HMAC when process.getBuiltinModule is missing (Node before 20.16) or refuses', async () => {
      assert.equal(await withGetBuiltinModule(undefined, nodeHmac), undefined);
      const refusing = () => {
        throw new Error('not allowed here');
      };
      assert.equal(await withGetBuiltinModule(refusing, nodeHmac), undefined);
      assert.equal(await withGetBuiltinModule(() => undefined, nodeHmac), undefined);
    });

    it('signs through jose instead, the same token', async () => {
      const key = { ...KEY };
      const jwt = await withGetBuiltinModule(undefined, () => signClaims(key, CLAIMS));
      assert.equal(jwt, await signedByJose(KEY as SigningKey & { secret: string }, CLAIMS));
    });
  });

  describe('asymmetric keys (through jose)', () => {
    // PKCS#1 v1.5 and Ed25519 signatures are deterministic, so the strings compare; ECDSA's are not.
    for (const alg of ['RS256', 'EdDSA', 'ES256'] as const) {
      it(`signs ${alg} with the kid in the header, verifiable by jose and verifyToken`, async () => {
        const { privateKey, publicKey } = await keyPair(alg);
        const key: SigningKey = { appId: 'nano_app', alg, kid: `${alg}-1`, privateKey };
        const jwt = await createClaimsSigner(key, nodeHmac())(CLAIMS);
        assert.deepEqual(segment(jwt, 0), { alg, typ: 'JWT', kid: `${alg}-1` });
        await jwtVerify(jwt, publicKey, { algorithms: [alg], currentDate: new Date(NOW) });
        assertAccepted(await verifyToken(jwt, publicKey, { now: NOW }));
        if (alg !== 'ES256') {
          const expected = await new SignJWT(CLAIMS)
            .setProtectedHeader({ alg, typ: 'JWT', kid: `${alg}-1` })
            .sign(privateKey);
          assert.equal(jwt, expected);
        }
      });
    }
  });
});
