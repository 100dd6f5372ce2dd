// Property-based: whatever is thrown at the token readers, they answer with a TokenError of a known code,
// never an exception, and verifyToken never accepts a token whose signature or window is wrong.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  createInviteToken,
  createRoomToken,
  decodeToken,
  TokenError,
  verifyToken,
  type TokenErrorCode,
  type TokenResult,
} from '../../src/server/index.js';
import {
  HS256_HEADER,
  KEY,
  NOW,
  ROOM_SETUP,
  SECRET,
  SETUP_EXP,
  SETUP_NBF,
  assertRefused,
  base64url,
  jitsiRefusal,
  signRaw,
  validClaims,
} from './token-fixtures.js';

const RUNS = { numRuns: 300 };
const DECODE_CODES: readonly TokenErrorCode[] = [
  'token-malformed',
  'token-expired',
  'token-not-yet-valid',
  'token-invalid-claims',
  'room-invalid',
];
const VERIFY_CODES: readonly TokenErrorCode[] = [...DECODE_CODES, 'token-signature-invalid'];

/** Reads `jwt` both ways: each must answer (not throw) with a refusal of a known code. */
async function assertRefusedBoth(jwt: string) {
  assertRefused(decodeToken(jwt, { now: NOW }), DECODE_CODES);
  assertRefused(await verifyToken(jwt, SECRET, { now: NOW }), VERIFY_CODES);
}

/** A result is well-formed either way: accepted, or refused with a known code. */
function assertAnswered(result: TokenResult, codes: readonly TokenErrorCode[]) {
  if (!result.ok) assertRefused(result, codes);
}

const BASE64URL = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'];
const base64urlText = fc.string({ unit: fc.constantFrom(...BASE64URL), minLength: 1, maxLength: 80 });
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom(...BASE64URL, '.', '=', '+', '/'), maxLength: 200 }),
);

describe('token readers under random input', () => {
  it('refuse any random string with a known code, never throwing', async () => {
    await fc.assert(fc.asyncProperty(anyText, assertRefusedBoth), RUNS);
  });

  it('refuse three random base64url parts with a known code', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(base64urlText, { minLength: 3, maxLength: 3 }), (parts) =>
        assertRefusedBoth(parts.join('.')),
      ),
      RUNS,
    );
  });

  it('refuse random JSON as header or payload, even correctly signed, with a known code', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.jsonValue(), async (header, payload) => {
        await assertRefusedBoth(signRaw(payload, HS256_HEADER));
        await assertRefusedBoth(signRaw(validClaims(), header));
      }),
      RUNS,
    );
  });

  it('answer a signed valid token with one claim replaced by random JSON: accepted, or refused with a known code', async () => {
    const claimNames = Object.keys(validClaims());
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...claimNames, 'extra'), fc.jsonValue(), async (claim, value) => {
        const jwt = signRaw(validClaims({ [claim]: value }));
        assertAnswered(decodeToken(jwt, { now: NOW }), DECODE_CODES);
        assertAnswered(await verifyToken(jwt, SECRET, { now: NOW }), VERIFY_CODES);
      }),
      RUNS,
    );
  });
});

describe('verifyToken with tampered tokens', () => {
  const original = signRaw(validClaims());
  const [header, payload, signature] = original.split('.') as [string, string, string];

  it('never accepts a token with a character changed, unless only unused bits of the last signature character changed', async () => {
    const position = fc.integer({ min: 0, max: original.length - 1 });
    const character = fc.constantFrom(...BASE64URL, '.', '=', '+', '/', ' ');
    await fc.assert(
      fc.asyncProperty(position, character, async (index, replacement) => {
        fc.pre(original[index] !== replacement);
        const mutated = original.slice(0, index) + replacement + original.slice(index + 1);
        const result = await verifyToken(mutated, SECRET, { now: NOW });
        assertAnswered(decodeToken(mutated, { now: NOW }), DECODE_CODES);
        // base64url's last character carries spare bits: changing only those leaves the same signature bytes.
        const [h, p, s] = mutated.split('.');
        const sameBytes =
          h === header &&
          p === payload &&
          s !== undefined &&
          Buffer.from(s, 'base64url').equals(Buffer.from(signature, 'base64url'));
        if (sameBytes && result.ok) return;
        assertRefused(result, VERIFY_CODES);
      }),
      RUNS,
    );
  });

  it('refuses a payload re-encoded with changed claims and the old signature with token-signature-invalid', async () => {
    const change = fc.record(
      {
        room: fc.constantFrom('another_room', 'MY_NANOMEET_ROOM', 'my_nanomeet_room2'),
        moderator: fc.boolean(),
        exp: fc.integer({ min: SETUP_EXP - 86_400, max: SETUP_EXP + 10 * 86_400 }),
        nbf: fc.integer({ min: SETUP_NBF - 10 * 86_400, max: SETUP_NBF + 86_400 }),
        'nano-meet': fc.record({
          server: fc.constantFrom('evil.example', 'meet.example.org:444'),
          streamname: base64urlText,
        }),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(change, async (overrides) => {
        const changed = base64url(JSON.stringify(validClaims(overrides)));
        fc.pre(changed !== payload);
        const result = await verifyToken(`${header}.${changed}.${signature}`, SECRET, { now: NOW });
        assertRefused(result, 'token-signature-invalid');
      }),
      RUNS,
    );
  });

  describe('with a shifted window', () => {
    const skewArb = fc.integer({ min: 0, max: 120 });
    // Most windows start or end near now, where the edges are.
    const nbfArb = fc
      .oneof(fc.integer({ min: -300, max: 300 }), fc.integer({ min: -2_000_000, max: 2_000_000 }))
      .map((shift) => NOW / 1000 + shift);
    const lengthArb = fc.oneof(fc.integer({ min: -5, max: 300 }), fc.integer({ min: 1, max: 2_000_000 }));
    const nowArb = fc.integer({ min: -3_000, max: 3_000 }).map((ms) => NOW + ms);
    // The units mistakes a token service makes: milliseconds, fractions.
    const unitArb = fc.constantFrom(
      (value: number) => value,
      (value: number) => value * 1000,
      (value: number) => value + 0.5,
    );

    function expected(nbf: number, exp: number, nowSeconds: number, skew: number): TokenErrorCode | 'ok' {
      const epoch = (value: number) => Number.isInteger(value) && value > 0 && value < 1e10;
      if (!epoch(nbf) || !epoch(exp) || nbf >= exp) return 'token-invalid-claims';
      if (nowSeconds >= exp + skew) return 'token-expired';
      if (nowSeconds < nbf - skew) return 'token-not-yet-valid';
      return 'ok';
    }

    it('re-signed: accepts exactly when now lies in [nbf − skew, exp + skew), refusing otherwise with the code for the reason', async () => {
      await fc.assert(
        fc.asyncProperty(nbfArb, lengthArb, unitArb, nowArb, skewArb, async (nbf, length, unit, now, skew) => {
          const exp = unit(nbf + length);
          const jwt = signRaw(validClaims({ nbf, exp, iat: undefined }));
          const result = await verifyToken(jwt, SECRET, { now, clockSkewSeconds: skew });
          const want = expected(nbf, exp, Math.floor(now / 1000), skew);
          assert.equal(result.ok ? 'ok' : result.error.code, want);
          assert.equal(decodeToken(jwt, { now, clockSkewSeconds: skew }).ok, want === 'ok');
        }),
        RUNS,
      );
    });

    it('not re-signed: refuses with token-signature-invalid whatever the window', async () => {
      await fc.assert(
        fc.asyncProperty(nbfArb, lengthArb, async (nbf, length) => {
          fc.pre(nbf !== SETUP_NBF || nbf + length !== SETUP_EXP);
          const shifted = `${header}.${base64url(JSON.stringify(validClaims({ nbf, exp: nbf + length })))}.${signature}`;
          assertRefused(await verifyToken(shifted, SECRET, { now: NOW }), 'token-signature-invalid');
        }),
        RUNS,
      );
    });
  });
});

describe('token issuers under random setups', () => {
  const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
  const server = fc
    .tuple(
      fc.array(label, { minLength: 1, maxLength: 3 }),
      fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined }),
    )
    .map(([labels, port]) => labels.join('.') + (port === undefined ? '' : `:${port}`));
  const room = fc.stringMatching(/^[A-Za-z0-9_]{1,64}$/);
  const streamname = fc.stringMatching(/^[A-Za-z0-9_-]{1,128}$/);
  const day = 86_400_000;
  // nbf from a year before now to a year after; exp from a second to ~300 years later.
  const windowArb = fc
    .tuple(
      fc.integer({ min: -365 * day, max: 365 * day }),
      fc.oneof(fc.integer({ min: 1000, max: 30 * day }), fc.integer({ min: 1000, max: 300 * 365 * day })),
    )
    .map(([start, length]) => ({ nbf: new Date(NOW + start), exp: new Date(NOW + start + length) }));

  it('createRoomToken: a token for any valid setup that Jitsi and verifyToken accept, or setup-invalid', async () => {
    await fc.assert(
      fc.asyncProperty(
        windowArb,
        server,
        room,
        streamname,
        fc.boolean(),
        async (window, server, room, streamname, moderator) => {
          const setup = { ...window, server, room, streamname, moderator };
          const nbf = Math.floor(window.nbf.getTime() / 1000);
          const exp = Math.floor(window.exp.getTime() / 1000);
          let jwt: string;
          try {
            jwt = await createRoomToken(KEY, setup, { now: NOW });
          } catch (error) {
            // Refusing is right only for a window already over or one no token can carry.
            assert.ok(error instanceof TokenError && error.code === 'setup-invalid', String(error));
            assert.ok(
              exp * 1000 <= NOW || exp >= 1e10,
              `refused ${window.nbf.toISOString()} – ${window.exp.toISOString()}`,
            );
            return;
          }
          const at = Math.max(nbf, Math.floor(NOW / 1000)) * 1000;
          const token = await verifyToken(jwt, SECRET, { now: at, issuer: KEY.appId });
          assert.ok(token.ok, token.ok ? '' : token.error.message);
          assert.equal(token.token.room, room.toLowerCase());
          assert.equal(token.token.server, server);
          assert.equal(token.token.moderator, moderator);
          assert.equal(jitsiRefusal(jwt, { now: at }), undefined);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('createInviteToken: an invite inside the parent’s window, or window-wider-than-parent / setup-invalid for the reason', async () => {
    const parent = await createRoomToken(KEY, ROOM_SETUP, { now: NOW });
    const edge = fc.integer({ min: -120, max: 120 });
    const point = fc.oneof(
      edge.map((s) => SETUP_NBF + s),
      edge.map((s) => SETUP_EXP + s),
      edge.map((s) => NOW / 1000 + s),
    );
    const maybe = fc.option(point, { nil: undefined });
    await fc.assert(
      fc.asyncProperty(maybe, maybe, fc.boolean(), async (nbfInput, expInput, moderator) => {
        const nbf = nbfInput ?? SETUP_NBF;
        const exp = expInput ?? SETUP_EXP;
        const setup = {
          moderator,
          ...(nbfInput !== undefined && { nbf: new Date(nbfInput * 1000) }),
          ...(expInput !== undefined && { exp: new Date(expInput * 1000) }),
        };
        const want =
          nbf < SETUP_NBF || exp > SETUP_EXP
            ? 'window-wider-than-parent'
            : exp <= nbf || exp <= NOW / 1000
              ? 'setup-invalid'
              : 'ok';
        let got: string;
        try {
          const token = await verifyToken(await createInviteToken(KEY, parent, setup, { now: NOW }), SECRET, {
            now: NOW,
            allowNotYetValid: true,
          });
          assert.ok(token.ok);
          assert.deepEqual(
            [token.token.claims.nbf, token.token.claims.exp, token.token.moderator],
            [nbf, exp, moderator],
          );
          got = 'ok';
        } catch (error) {
          assert.ok(error instanceof TokenError, String(error));
          got = error.code;
        }
        assert.equal(got, want);
      }),
      RUNS,
    );
  });
});
