import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { exportSPKI } from 'jose';
import { createRoomToken, verifyToken, type RoomSetup, type SigningKey } from '../../src/server/index.js';
import { SENSITIVE_FEATURES } from '../../src/token/claims.js';
import {
  KEY,
  NOW,
  NOW_SECONDS,
  ROOM_SETUP,
  SECRET,
  SETUP_EXP,
  SETUP_NBF,
  assertAccepted,
  assertRejects,
  jitsiRefusal,
  keyPair,
  segment,
} from './token-fixtures.js';

const issue = (setup: Partial<RoomSetup> & Record<string, unknown> = {}, key: SigningKey = KEY) =>
  createRoomToken(key, { ...ROOM_SETUP, ...setup } as RoomSetup, { now: NOW });
const rawHeader = (jwt: string) => Buffer.from(jwt.split('.')[0]!, 'base64url').toString('utf8');

describe('createRoomToken', () => {
  describe('from the classic setup', () => {
    it('makes a JWT a self-hosted Jitsi accepts as it is', async () => {
      const jwt = await issue();
      assert.equal(rawHeader(jwt), '{"alg":"HS256","typ":"JWT"}');
      assert.equal(jitsiRefusal(jwt), undefined);
    });

    it('writes numeric nbf/exp from the ISO dates, iat at the time of issue, and a fresh jti', async () => {
      const claims = segment(await issue(), 1);
      assert.equal(claims.nbf, SETUP_NBF);
      assert.equal(claims.exp, SETUP_EXP);
      assert.equal(claims.iat, NOW_SECONDS);
      assert.equal(typeof claims.jti, 'string');
      assert.notEqual(segment(await issue(), 1).jti, claims.jti);
    });

    it('takes Date objects as well as ISO strings', async () => {
      const claims = segment(await issue({ nbf: new Date(SETUP_NBF * 1000), exp: new Date(SETUP_EXP * 1000) }), 1);
      assert.deepEqual([claims.nbf, claims.exp], [SETUP_NBF, SETUP_EXP]);
    });

    it('sets iss to the appId, aud to "jitsi" and sub to the server host, lower-cased and without port', async () => {
      const claims = segment(await issue({ server: 'Meet.Example.org:8443' }), 1);
      assert.equal(claims.iss, 'nano_app');
      assert.equal(claims.aud, 'jitsi');
      assert.equal(claims.sub, 'meet.example.org');
      assert.equal((claims['nano-meet'] as { server: string }).server, 'Meet.Example.org:8443');
    });

    it('takes aud and sub from the key (e.g. meet.jitsi on docker-jitsi-meet)', async () => {
      const claims = segment(await issue({}, { ...KEY, audience: 'nano_app', subject: 'meet.jitsi' }), 1);
      assert.deepEqual([claims.aud, claims.sub], ['nano_app', 'meet.jitsi']);
    });

    it('lower-cases the room, as Jitsi compares it', async () => {
      assert.equal(segment(await issue(), 1).room, 'my_nanomeet_room');
    });

    it('keeps server and stream name in the nano-meet claim', async () => {
      assert.deepEqual(segment(await issue(), 1)['nano-meet'], {
        server: 'meet.example.org',
        streamname: 'XXXXX-YYYYY',
      });
    });

    it('gives a moderator context.user.moderator and livestreaming and recording', async () => {
      const claims = segment(await issue(), 1) as { moderator: boolean; context: { user: object; features: object } };
      assert.equal(claims.moderator, true);
      assert.deepEqual(claims.context.user, { moderator: true });
      assert.deepEqual(claims.context.features, {
        livestreaming: true,
        recording: true,
        transcription: false,
        'outbound-call': false,
        'sip-outbound-call': false,
      });
    });

    it('gives a guest explicit features with every sensitive feature false', async () => {
      const claims = segment(await issue({ moderator: false }), 1) as {
        moderator: boolean;
        context: { user: object; features: Record<string, unknown> };
      };
      assert.equal(claims.moderator, false);
      assert.deepEqual(claims.context.user, { moderator: false });
      for (const feature of SENSITIVE_FEATURES) assert.equal(claims.context.features[feature], false, feature);
    });

    it('adds the user', async () => {
      const user = {
        id: 'u-1',
        name: 'Ada Lovelace',
        email: 'ada@example.org',
        avatar: 'https://cdn.example.org/ada.png',
      };
      const jwt = await issue({ user });
      assert.deepEqual((segment(jwt, 1).context as { user: object }).user, { ...user, moderator: true });
      assert.deepEqual(assertAccepted(await verifyToken(jwt, SECRET, { now: NOW })).user, user);
    });

    it('makes a token that verifyToken accepts with the same values', async () => {
      const token = assertAccepted(
        await verifyToken(await issue(), SECRET, { now: NOW, issuer: 'nano_app', audience: 'jitsi' }),
      );
      assert.equal(token.room, 'my_nanomeet_room');
      assert.equal(token.server, 'meet.example.org');
      assert.equal(token.streamName, 'XXXXX-YYYYY');
      assert.equal(token.moderator, true);
      assert.equal(token.parentId, undefined);
    });

    it('may issue a token whose window opens later', async () => {
      const jwt = await createRoomToken(KEY, ROOM_SETUP, { now: (SETUP_NBF - 86_400) * 1000 });
      assert.equal(jitsiRefusal(jwt, { now: SETUP_NBF * 1000 }), undefined);
    });
  });

  describe('with an asymmetric key', () => {
    it('signs RS256 with the kid in the header, verifiable with the public key', async () => {
      const pair = await keyPair('RS256');
      const jwt = await issue(
        {},
        { appId: 'nano_app', privateKey: pair.privateKey, alg: 'RS256', kid: 'nano/2026-01' },
      );
      assert.equal(rawHeader(jwt), '{"alg":"RS256","typ":"JWT","kid":"nano/2026-01"}');
      assertAccepted(await verifyToken(jwt, await exportSPKI(pair.publicKey), { now: NOW }));
    });

    it('puts a shared secret key’s kid in the header too', async () => {
      assert.equal(rawHeader(await issue({}, { ...KEY, kid: 'k1' })), '{"alg":"HS256","typ":"JWT","kid":"k1"}');
    });
  });

  describe('refuses', () => {
    it('a secret shorter than 32 characters', async () => {
      await assert.rejects(issue({}, { appId: 'nano_app', secret: SECRET.slice(1) }), /at least 32 characters/);
      await assert.rejects(issue({}, { appId: 'nano_app', secret: '' }), TypeError);
      await issue({}, { appId: 'nano_app', secret: 'x'.repeat(32) });
    });

    it('a key without appId, or an asymmetric key without kid', async () => {
      await assert.rejects(issue({}, { ...KEY, appId: '' }), /appId/);
      const pair = await keyPair('ES256');
      await assert.rejects(issue({}, { appId: 'nano_app', privateKey: pair.privateKey, alg: 'ES256', kid: '' }), /kid/);
    });

    it('exp before or equal to nbf with setup-invalid', async () => {
      await assertRejects(issue({ nbf: ROOM_SETUP.exp, exp: ROOM_SETUP.nbf }), 'setup-invalid');
      await assertRejects(issue({ exp: ROOM_SETUP.nbf }), 'setup-invalid');
    });

    it('exp in the past with setup-invalid', async () => {
      await assertRejects(
        issue({ nbf: '2025-01-01T00:00:00.000Z', exp: new Date(NOW).toISOString() }),
        'setup-invalid',
      );
      await assertRejects(issue({ nbf: '2025-01-01T00:00:00.000Z', exp: '2025-01-02T00:00:00.000Z' }), 'setup-invalid');
    });

    it('times no token can carry (before 1970, or exp so far ahead it reads as milliseconds) with setup-invalid', async () => {
      await assertRejects(issue({ exp: '2400-01-01T00:00:00.000Z' }), 'setup-invalid');
      await assertRejects(issue({ nbf: '1970-01-01T00:00:00.000Z' }), 'setup-invalid');
      await assertRejects(issue({ nbf: '1969-12-31T00:00:00.000Z' }), 'setup-invalid');
    });

    it('times that are not ISO 8601 date-times with setup-invalid', async () => {
      for (const nbf of ['22/01/2026', '2026-01-22', 'tomorrow', '', SETUP_NBF, new Date(Number.NaN)]) {
        await assertRejects(issue({ nbf } as Record<string, unknown>), 'setup-invalid');
      }
    });

    it('unknown or missing fields with setup-invalid', async () => {
      await assertRejects(issue({ record: true }), 'setup-invalid');
      await assertRejects(issue({ user: { name: 'Ada', role: 'admin' } } as Record<string, unknown>), 'setup-invalid');
      for (const field of ['nbf', 'exp', 'streamname', 'server', 'room', 'moderator']) {
        await assertRejects(issue({ [field]: undefined }), 'setup-invalid');
      }
      await assertRejects(issue({ moderator: 'true' } as Record<string, unknown>), 'setup-invalid');
    });

    it('a bad room with setup-invalid', async () => {
      for (const room of ['', 'a'.repeat(65), 'my room', 'r\u043e\u043em', 'tenant/room', 'room.name', '*']) {
        await assertRejects(issue({ room }), 'setup-invalid');
      }
    });

    it('a server that is a URL or not a host with setup-invalid', async () => {
      for (const server of [
        'https://x',
        'evil.example/@meet.example.org',
        'javascript:',
        'user@meet.example.org',
        'meet.example.org/p',
        'meet.example.org?q',
        '',
      ]) {
        await assertRejects(issue({ server }), 'setup-invalid');
      }
    });

    it('a bad stream name with setup-invalid', async () => {
      for (const streamname of ['', 'a'.repeat(129), 'a b', 'a/b', 'a.b'])
        await assertRejects(issue({ streamname }), 'setup-invalid');
    });

    it('a user with a non-https avatar, a bad e-mail or empty fields with setup-invalid', async () => {
      for (const user of [
        { avatar: 'http://cdn.example.org/ada.png' },
        { avatar: 'javascript:alert(1)' },
        { avatar: 'data:image/png;base64,AAAA' },
        { email: 'not an address' },
        { name: '' },
        { id: 'x'.repeat(257) },
      ]) {
        await assertRejects(issue({ user }), 'setup-invalid');
      }
    });
  });
});
