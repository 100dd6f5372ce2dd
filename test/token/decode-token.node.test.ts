import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CLOCK_SKEW_SECONDS, decodeToken, readToken, TokenError } from '../../src/token/index.js';
import {
  HS256_HEADER,
  NOW,
  SETUP_EXP,
  SETUP_NBF,
  assertAccepted,
  assertRefused,
  base64url,
  claimsWithContext,
  compact,
  signRaw,
  validClaims,
} from './token-fixtures.js';

const decode = (jwt: string) => decodeToken(jwt, { now: NOW });
const decodeClaims = (overrides: Record<string, unknown>) => decode(signRaw(validClaims(overrides)));
const decodeUser = (user: Record<string, unknown>, overrides: Record<string, unknown> = {}) =>
  decode(signRaw(claimsWithContext({ user }, overrides)));

describe('decodeToken', () => {
  describe('a valid token', () => {
    it('returns typed claims read into plain values', () => {
      const jwt = signRaw(
        validClaims({ 'nano-meet': { server: 'meet.example.org:8443', streamname: 'XXXXX-YYYYY', parent: 'p-1' } }),
      );
      const token = assertAccepted(decode(jwt));
      assert.equal(token.jwt, jwt);
      assert.equal(token.id, 'c0ffee00-0000-4000-8000-000000000001');
      assert.equal(token.server, 'meet.example.org:8443');
      assert.equal(token.room, 'my_nanomeet_room');
      assert.equal(token.streamName, 'XXXXX-YYYYY');
      assert.equal(token.moderator, true);
      assert.equal(token.parentId, 'p-1');
      assert.deepEqual(token.notBefore, new Date(SETUP_NBF * 1000));
      assert.deepEqual(token.expiresAt, new Date(SETUP_EXP * 1000));
      assert.deepEqual(token.user, { name: 'Ada' });
      assert.deepEqual(token.features, { livestreaming: true, recording: true });
      assert.deepEqual(token.header, HS256_HEADER);
      assert.equal(token.claims.iss, 'nano_app');
    });

    it('needs no key: a token with any signature decodes (only verifyToken proves who made it)', () => {
      assertAccepted(decode(compact(HS256_HEADER, validClaims())));
    });

    it('accepts RS256, ES256 and EdDSA headers, with a kid', () => {
      for (const alg of ['RS256', 'ES256', 'EdDSA']) {
        assert.equal(
          assertAccepted(decode(compact({ alg, typ: 'JWT', kid: 'key-1' }, validClaims()))).header.kid,
          'key-1',
        );
      }
    });

    it('has no features when the token has none (Jitsi then applies its own defaults)', () => {
      const token = assertAccepted(decode(signRaw(claimsWithContext({ features: undefined }))));
      assert.equal(token.features, undefined);
    });

    it('readToken throws the same TokenError instead of returning it', () => {
      assert.equal(readToken(signRaw(validClaims()), { now: NOW }).room, 'my_nanomeet_room');
      assert.throws(
        () => readToken(signRaw(validClaims({ room: 'a b' })), { now: NOW }),
        (error: unknown) => {
          return error instanceof TokenError && error.code === 'room-invalid';
        },
      );
    });
  });

  describe('structure and header', () => {
    it('refuses a token that is not a string, or empty, with token-malformed', () => {
      for (const input of ['', undefined, null, 42, {}])
        assertRefused(decodeToken(input as unknown as string), 'token-malformed');
    });

    it('refuses a token that does not have exactly three non-empty parts with token-malformed', () => {
      const [header, payload, signature] = signRaw(validClaims()).split('.') as [string, string, string];
      for (const jwt of [
        `${header}.${payload}`,
        `${header}.${payload}.`,
        `${header}..${signature}`,
        `.${payload}.${signature}`,
        `${header}.${payload}.${signature}.${signature}`,
        header,
      ]) {
        assertRefused(decode(jwt), 'token-malformed');
      }
    });

    it('refuses parts that are not base64url (padding, +, /, spaces) with token-malformed', () => {
      const jwt = signRaw(validClaims());
      const [header, payload, signature] = jwt.split('.') as [string, string, string];
      const standard = Buffer.from(payload, 'base64url').toString('base64');
      for (const bad of [
        `${header}.${standard}.${signature}`,
        `${header}=.${payload}.${signature}`,
        ` ${jwt}`,
        `${jwt}\n`,
      ]) {
        assertRefused(decode(bad), 'token-malformed');
      }
    });

    it('refuses base64url that does not decode to a JSON object with token-malformed', () => {
      assertRefused(decode(compact('{"alg":"HS256",', validClaims())), 'token-malformed');
      assertRefused(decode(compact(HS256_HEADER, '{"room":')), 'token-malformed');
      assertRefused(decode(compact(HS256_HEADER, '[1,2,3]')), 'token-malformed');
      assertRefused(decode(compact('"JWT"', validClaims())), 'token-malformed');
      assertRefused(decode(`${base64url('{"alg":"HS256","typ":"JWT"}')}.a.c2ln`), 'token-malformed');
    });

    it('refuses a part whose base64url length cannot be whole bytes (4n + 1 characters) with token-malformed', () => {
      const [header, payload, signature] = signRaw(validClaims()).split('.') as [string, string, string];
      const oneTooMany = (part: string) => `${part.slice(0, part.length - (part.length % 4))}a`;
      for (const jwt of [
        `${oneTooMany(header)}.${payload}.${signature}`,
        `${header}.${oneTooMany(payload)}.${signature}`,
      ]) {
        const error = assertRefused(decode(jwt), 'token-malformed');
        assert.equal((error.cause as Error).name, 'InvalidCharacterError');
      }
    });

    it('refuses a header or payload that is JSON but not an object, or not JSON at all, with token-malformed', () => {
      for (const json of ['null', '42', '"text"', 'true', '[]', '[{}]', '{"a":1}x', '\u00ff\u00fe']) {
        const error = assertRefused(decode(compact(json, validClaims())), 'token-malformed');
        assert.match(error.message, /not valid JSON/);
        assertRefused(decode(compact(HS256_HEADER, json)), 'token-malformed');
      }
    });

    it('reads the payload as UTF-8', () => {
      const name = 'Zo\u00eb \u674e \u{1F3A5}';
      assert.equal(assertAccepted(decodeUser({ name })).user.name, name);
    });

    it('refuses a token longer than 8192 characters, and accepts one of exactly 8192', () => {
      const sized = (length: number) => {
        for (let pad = 0; ; pad += 1) {
          for (const kid of ['k', 'kk', 'kkk']) {
            const jwt = signRaw(validClaims({ pad: 'x'.repeat(pad) }), { ...HS256_HEADER, kid });
            if (jwt.length === length) return jwt;
          }
        }
      };
      assertAccepted(decode(sized(8192)));
      assertRefused(decode(sized(8193)), 'token-malformed');
    });

    it('requires typ to be exactly "JWT", as Jitsi does', () => {
      for (const typ of [undefined, 'jwt', 'JWS', 'at+jwt', ' JWT', 1, true]) {
        const error = assertRefused(decode(signRaw(validClaims(), { alg: 'HS256', typ })), 'token-malformed');
        assert.match(error.message, /typ/);
      }
    });

    it('refuses alg none, a missing alg and algorithms nano-meet does not issue, with token-malformed', () => {
      for (const alg of ['none', 'None', undefined, '', 'HS384', 'HS512', 'RS512', 'PS256', 'ES384']) {
        assertRefused(decode(signRaw(validClaims(), { alg, typ: 'JWT' })), 'token-malformed');
      }
    });

    it('refuses a kid that is not a string with token-malformed', () => {
      assertRefused(decode(signRaw(validClaims(), { ...HS256_HEADER, kid: 7 })), 'token-malformed');
    });
  });

  describe('claims', () => {
    it('refuses a token missing a required claim with token-invalid-claims', () => {
      for (const claim of ['iss', 'aud', 'sub', 'nbf', 'exp', 'jti', 'context', 'nano-meet']) {
        assertRefused(decodeClaims({ [claim]: undefined }), 'token-invalid-claims');
      }
    });

    it('refuses empty iss/aud/sub/jti and an array aud (Jitsi compares aud as a string)', () => {
      for (const claim of ['iss', 'aud', 'sub', 'jti'])
        assertRefused(decodeClaims({ [claim]: '' }), 'token-invalid-claims');
      assertRefused(decodeClaims({ aud: ['jitsi'] }), 'token-invalid-claims');
    });

    it('refuses nbf and exp that are not whole seconds since the epoch', () => {
      for (const value of ['2026-01-29T06:00:00.000Z', String(SETUP_EXP), SETUP_EXP + 0.5, 0, -1, null]) {
        assertRefused(decodeClaims({ exp: value }), 'token-invalid-claims');
        assertRefused(decodeClaims({ nbf: value }), 'token-invalid-claims');
      }
    });

    it('refuses exp in milliseconds (a token valid for thousands of years) with token-invalid-claims', () => {
      assertRefused(decodeClaims({ exp: SETUP_EXP * 1000 }), 'token-invalid-claims');
      assertRefused(decodeClaims({ exp: 1e10 }), 'token-invalid-claims');
      assertAccepted(decodeClaims({ exp: 1e10 - 1 }));
    });

    it('refuses nbf equal to or after exp with token-invalid-claims', () => {
      assertRefused(decodeClaims({ nbf: SETUP_EXP }), 'token-invalid-claims');
      assertRefused(decodeClaims({ nbf: SETUP_EXP + 1 }), 'token-invalid-claims');
      assertAccepted(decodeToken(signRaw(validClaims({ nbf: SETUP_EXP - 1 })), { now: (SETUP_EXP - 1) * 1000 }));
    });

    it('refuses an iat that is not whole seconds', () => {
      assertRefused(decodeClaims({ iat: NOW }), 'token-invalid-claims');
      assertAccepted(decodeClaims({ iat: undefined }));
    });

    it('refuses a stream name outside 1–128 characters of A-Z a-z 0-9 _ - with token-invalid-claims', () => {
      for (const streamname of [
        '',
        'a'.repeat(129),
        'live stream',
        'live/stream',
        '../x',
        'str\u0435am',
        'a.b',
        undefined,
      ]) {
        assertRefused(
          decodeClaims({ 'nano-meet': { server: 'meet.example.org', streamname } }),
          'token-invalid-claims',
        );
      }
      for (const streamname of ['a', 'a'.repeat(128), 'AZaz09_-']) {
        assertAccepted(decodeClaims({ 'nano-meet': { server: 'meet.example.org', streamname } }));
      }
    });

    it('refuses a non-http avatar and over-long user fields', () => {
      for (const avatar of [
        'javascript:alert(1)',
        'data:image/png;base64,AAAA',
        '//evil.example/a.png',
        'https://',
        42,
      ]) {
        assertRefused(decodeUser({ avatar }), 'token-invalid-claims');
      }
      assertRefused(decodeUser({ name: 'x'.repeat(257) }), 'token-invalid-claims');
      assertAccepted(decodeUser({ avatar: 'https://cdn.example.org/ada.png' }));
    });
  });

  describe('claims: each rule, and what the error says', () => {
    const problems = (result: ReturnType<typeof decode>) =>
      assertRefused(result, 'token-invalid-claims').message.split('\n').slice(1);

    it('names every failing claim, one a line, with what it must be', () => {
      const result = decode(
        signRaw(
          claimsWithContext(
            { user: { name: 'x'.repeat(257), avatar: 'javascript:alert(1)' }, features: { recording: 'yes' } },
            { iss: '', exp: SETUP_EXP * 1000, 'nano-meet': { server: 'https://x', streamname: 'a b' } },
          ),
        ),
      );
      assert.deepEqual(problems(result), [
        'iss: must be a string of 1–256 characters',
        'exp: must be whole seconds since 1970 (not milliseconds)',
        'context.user.name: must be a string of at most 256 characters',
        'context.user.avatar: must be an http(s) URL of at most 2048 characters',
        'context.features.recording: must be true, false, "true" or "false"',
        'nano-meet.server: must be a host name with an optional port, not a URL',
        'nano-meet.streamname: must be 1–128 characters of A-Z a-z 0-9 _ -',
      ]);
    });

    it('names a missing or non-object context, context.user and nano-meet claim', () => {
      assert.deepEqual(problems(decodeClaims({ context: undefined, 'nano-meet': [] })), [
        'context: must be an object',
        'nano-meet: must be an object',
      ]);
      assert.deepEqual(problems(decodeClaims({ context: { user: 'Ada' } })), ['context.user: must be an object']);
      assert.deepEqual(problems(decode(signRaw(claimsWithContext({ features: ['recording'] })))), [
        'context.features: must be an object',
      ]);
    });

    it('bounds iss, aud and sub to 256 characters and jti and parent to 1–128', () => {
      for (const claim of ['iss', 'aud', 'sub']) {
        assertRefused(decodeClaims({ [claim]: 'x'.repeat(257) }), 'token-invalid-claims');
        assertAccepted(decodeClaims({ [claim]: 'x'.repeat(256) }));
      }
      assertRefused(decodeClaims({ jti: 'x'.repeat(129) }), 'token-invalid-claims');
      assertAccepted(decodeClaims({ jti: 'x'.repeat(128) }));
      const ours = (parent: unknown) => ({ 'nano-meet': { server: 'meet.example.org', streamname: 's', parent } });
      for (const parent of ['', 'x'.repeat(129), 7]) assertRefused(decodeClaims(ours(parent)), 'token-invalid-claims');
      assert.equal(assertAccepted(decodeClaims(ours('x'.repeat(128)))).parentId, 'x'.repeat(128));
    });

    it('bounds the user fields to 256 characters (empty is fine) and the avatar URL to 2048', () => {
      for (const field of ['id', 'name', 'email']) {
        assertRefused(decodeUser({ [field]: 'x'.repeat(257) }), 'token-invalid-claims');
        assertRefused(decodeUser({ [field]: 7 }), 'token-invalid-claims');
        assertAccepted(decodeUser({ [field]: '' }));
        assertAccepted(decodeUser({ [field]: 'x'.repeat(256) }));
      }
      const avatar = (length: number) => `https://cdn.example.org/${'a'.repeat(length - 24)}`;
      assertAccepted(decodeUser({ avatar: avatar(2048) }));
      assertRefused(decodeUser({ avatar: avatar(2049) }), 'token-invalid-claims');
    });

    it('refuses a top-level moderator that is not a boolean', () => {
      for (const moderator of ['true', 1, null]) assertRefused(decodeClaims({ moderator }), 'token-invalid-claims');
    });

    it('keeps claims it does not know (Jitsi reads them), but only server, streamname and parent of its own claim', () => {
      const token = assertAccepted(
        decode(
          signRaw(
            claimsWithContext(
              { user: { name: 'Ada', affiliation: 'owner' }, group: 'g-1' },
              { tenant: 't', 'nano-meet': { server: 'meet.example.org', streamname: 's', extra: 'x' } },
            ),
          ),
        ),
      );
      assert.equal(token.claims.tenant, 't');
      assert.equal(token.claims.context.group, 'g-1');
      assert.equal(token.claims.context.user.affiliation, 'owner');
      assert.deepEqual(token.claims['nano-meet'], { server: 'meet.example.org', streamname: 's' });
    });
  });

  describe('room', () => {
    it('accepts 1–64 characters of a-z A-Z 0-9 _', () => {
      for (const room of ['a', 'Z', '0', '_', 'a'.repeat(64), 'My_Room_42'])
        assert.equal(assertAccepted(decodeClaims({ room })).room, room);
    });

    it('refuses anything else with room-invalid', () => {
      const refused = [
        '', // empty
        'a'.repeat(65), // too long
        'my room', // space
        'r\u043e\u043em', // Cyrillic о: a homoglyph of "room"
        'caf\u00e9', // non-ASCII
        'ｒｏｏｍ', // full-width (NFKC would turn it into "room")
        'tenant/room', // Jitsi reads a tenant
        'room.name',
        'room-name',
        'room%20name',
        '*', // any room
        'room\n',
        'room\u0000',
        undefined,
        42,
        ['room'],
      ];
      for (const room of refused) assertRefused(decodeClaims({ room }), 'room-invalid');
    });
  });

  describe('server', () => {
    it('accepts a host name, an IP address or [IPv6], with an optional port', () => {
      for (const server of [
        'meet.example.org',
        'localhost',
        'localhost:8443',
        'meet.example.org:443',
        '10.0.0.1:65535',
        '[::1]:8443',
        'MEET.example.org',
      ]) {
        assertAccepted(decodeClaims({ 'nano-meet': { server, streamname: 's' } }));
      }
    });

    it('refuses a URL or anything that could send the iframe elsewhere with token-invalid-claims', () => {
      const refused = [
        'https://x',
        'https://meet.example.org',
        '//meet.example.org',
        'evil.example/@meet.example.org',
        'meet.example.org@evil.example',
        'user:pass@meet.example.org',
        'javascript:',
        'javascript:alert(1)',
        'meet.example.org/room',
        'meet.example.org?x=1',
        'meet.example.org#x',
        'meet.example.org\\evil.example',
        'meet.example.org:',
        'meet.example.org:0',
        'meet.example.org:65536',
        'meet .example.org',
        '-meet.example.org',
        'meet..example.org',
        'm\u0435et.example.org', // Cyrillic е
        '',
        'a'.repeat(300),
      ];
      for (const server of refused)
        assertRefused(decodeClaims({ 'nano-meet': { server, streamname: 's' } }), 'token-invalid-claims');
    });
  });

  describe('moderator', () => {
    it('reads context.user.moderator, booleans and the strings "true"/"false" alike, as Jitsi does', () => {
      for (const [moderator, expected] of [
        [true, true],
        ['true', true],
        [false, false],
        ['false', false],
      ] as const) {
        assert.equal(assertAccepted(decodeUser({ moderator }, { moderator: undefined })).moderator, expected);
      }
    });

    it('falls back to the top-level moderator claim, and to guest when neither is given', () => {
      assert.equal(assertAccepted(decodeUser({}, { moderator: true })).moderator, true);
      assert.equal(assertAccepted(decodeUser({}, { moderator: false })).moderator, false);
      assert.equal(assertAccepted(decodeUser({}, { moderator: undefined })).moderator, false);
    });

    it('accepts both claims when they agree', () => {
      assert.equal(assertAccepted(decodeUser({ moderator: 'true' }, { moderator: true })).moderator, true);
      assert.equal(assertAccepted(decodeUser({ moderator: 'false' }, { moderator: false })).moderator, false);
    });

    it('refuses moderator and context.user.moderator that contradict each other with token-invalid-claims', () => {
      assertRefused(decodeUser({ moderator: false }, { moderator: true }), 'token-invalid-claims');
      assertRefused(decodeUser({ moderator: 'false' }, { moderator: true }), 'token-invalid-claims');
      assertRefused(decodeUser({ moderator: 'true' }, { moderator: false }), 'token-invalid-claims');
    });

    it('refuses other spellings of a boolean with token-invalid-claims', () => {
      for (const moderator of ['TRUE', 'yes', '1', 1, 0, null])
        assertRefused(decodeUser({ moderator }), 'token-invalid-claims');
      assertRefused(decodeUser({}, { moderator: 'true' }), 'token-invalid-claims');
    });

    it('reads features the same way: "true" is granted, "false" is not, anything else is refused', () => {
      const token = assertAccepted(
        decode(signRaw(claimsWithContext({ features: { recording: 'true', livestreaming: 'false', lobby: false } }))),
      );
      assert.deepEqual(token.features, { recording: true, livestreaming: false, lobby: false });
      assertRefused(decode(signRaw(claimsWithContext({ features: { recording: 'yes' } }))), 'token-invalid-claims');
    });
  });

  describe('time window and clock skew', () => {
    const at = (seconds: number, milliseconds = 0) => ({ now: seconds * 1000 + milliseconds });
    const skew = DEFAULT_CLOCK_SKEW_SECONDS;
    const jwt = signRaw(validClaims());

    it('allows a small clock skew', () => {
      assert.ok(skew > 0 && skew <= 60, `skew ${skew}s is small`);
    });

    it('accepts a token from nbf up to exp', () => {
      assertAccepted(decodeToken(jwt, at(SETUP_NBF)));
      assertAccepted(decodeToken(jwt, at(SETUP_EXP - 1)));
    });

    it('accepts a token that expired just inside the skew', () => {
      assertAccepted(decodeToken(jwt, at(SETUP_EXP + skew - 1, 999)));
    });

    it('refuses a token that expired just outside the skew with token-expired', () => {
      assertRefused(decodeToken(jwt, at(SETUP_EXP + skew)), 'token-expired');
      assertRefused(decodeToken(jwt, at(SETUP_EXP + 86_400)), 'token-expired');
    });

    it('accepts a token that opens just inside the skew', () => {
      assertAccepted(decodeToken(jwt, at(SETUP_NBF - skew)));
    });

    it('refuses a token that opens just outside the skew with token-not-yet-valid', () => {
      assertRefused(decodeToken(jwt, at(SETUP_NBF - skew, -1)), 'token-not-yet-valid');
      assertRefused(decodeToken(jwt, at(SETUP_NBF - 86_400)), 'token-not-yet-valid');
    });

    it('takes another skew, including none, from clockSkewSeconds', () => {
      assertRefused(decodeToken(jwt, { ...at(SETUP_EXP), clockSkewSeconds: 0 }), 'token-expired');
      assertRefused(decodeToken(jwt, { ...at(SETUP_NBF, -1), clockSkewSeconds: 0 }), 'token-not-yet-valid');
      assertAccepted(decodeToken(jwt, { ...at(SETUP_EXP + 299), clockSkewSeconds: 300 }));
    });

    it('takes now as a Date too', () => {
      assertRefused(decodeToken(jwt, { now: new Date((SETUP_EXP + skew) * 1000) }), 'token-expired');
    });

    it('accepts a token that has not opened yet only with allowNotYetValid, and never an expired one', () => {
      assertAccepted(decodeToken(jwt, { ...at(SETUP_NBF - 86_400), allowNotYetValid: true }));
      assertRefused(decodeToken(jwt, { ...at(SETUP_EXP + skew), allowNotYetValid: true }), 'token-expired');
    });
  });
});
