import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { exportJWK, generateKeyPair } from 'jose';
import {
  DEFAULT_CLOCK_SKEW_SECONDS,
  createInviteToken,
  createRoomToken,
  verifyToken,
  type InviteSetup,
  type NanoMeetToken,
  type PrivateSigningKey,
  type SigningKey,
} from '../../src/server/index.js';
import { SENSITIVE_FEATURES } from '../../src/token/claims.js';
import {
  HS256_HEADER,
  KEY,
  NOW,
  ROOM_SETUP,
  SECRET,
  SETUP_EXP,
  SETUP_NBF,
  assertAccepted,
  assertRejects,
  claimsWithContext,
  jitsiRefusal,
  keyPair,
  segment,
  signRaw,
  validClaims,
} from './token-fixtures.js';

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const moderatorToken = (key: SigningKey = KEY) => createRoomToken(key, ROOM_SETUP, { now: NOW });
const invite = async (setup: InviteSetup, parent?: string, now = NOW) =>
  createInviteToken(KEY, parent ?? (await moderatorToken()), setup, { now });
const read = async (jwt: string, key: Parameters<typeof verifyToken>[1] = SECRET, now = NOW): Promise<NanoMeetToken> =>
  assertAccepted(await verifyToken(jwt, key, { now }));

describe('createInviteToken', () => {
  describe('from a valid moderator token', () => {
    let parent: NanoMeetToken;
    let guest: NanoMeetToken;
    before(async () => {
      const parentJwt = await moderatorToken();
      parent = await read(parentJwt);
      guest = await read(await invite({ moderator: false, user: { name: 'Grace' } }, parentJwt));
    });

    it('makes a guest token a self-hosted Jitsi accepts', async () => {
      assert.equal(jitsiRefusal(guest.jwt), undefined);
      assert.deepEqual(guest.header, HS256_HEADER);
      assert.equal(guest.moderator, false);
      assert.deepEqual(guest.user, { name: 'Grace' });
      assert.deepEqual(guest.claims.context.user, { name: 'Grace', moderator: false });
      assert.equal(guest.claims.moderator, false);
    });

    it('keeps the parent’s room, server, stream name, issuer, audience and subject', () => {
      assert.equal(guest.room, parent.room);
      assert.equal(guest.server, parent.server);
      assert.equal(guest.streamName, parent.streamName);
      for (const claim of ['iss', 'aud', 'sub', 'room'] as const)
        assert.equal(guest.claims[claim], parent.claims[claim], claim);
    });

    it('names the parent’s jti in nano-meet.parent and has a jti of its own', () => {
      assert.equal(guest.claims['nano-meet'].parent, parent.id);
      assert.equal(guest.parentId, parent.id);
      assert.notEqual(guest.id, parent.id);
    });

    it('inherits the parent’s window when nbf and exp are omitted', () => {
      assert.deepEqual([guest.claims.nbf, guest.claims.exp], [SETUP_NBF, SETUP_EXP]);
    });

    it('switches every sensitive feature off for a guest', () => {
      assert.deepEqual(Object.keys(guest.features ?? {}).sort(), [...SENSITIVE_FEATURES].sort());
      for (const feature of SENSITIVE_FEATURES) assert.equal(guest.claims.context.features?.[feature], false, feature);
    });

    it('gives a moderator invite the parent’s features', async () => {
      const co = await read(await invite({ moderator: true }));
      assert.equal(co.moderator, true);
      assert.deepEqual(co.features, parent.features);
      assert.equal(co.features?.livestreaming, true);
    });

    it('states the moderator defaults explicitly when the parent had no features', async () => {
      const bare = signRaw(claimsWithContext({ features: undefined }));
      const co = await read(await invite({ moderator: true }, bare));
      assert.deepEqual(co.features, {
        livestreaming: true,
        recording: true,
        transcription: false,
        'outbound-call': false,
        'sip-outbound-call': false,
      });
    });

    it('derives from a moderator token whose moderator flag is the string "true"', async () => {
      const parentJwt = signRaw(claimsWithContext({ user: { moderator: 'true' } }, { moderator: undefined }));
      assert.equal((await read(await invite({ moderator: false }, parentJwt))).parentId, segment(parentJwt, 1).jti);
    });

    it('derives from a moderator invite, which stays inside the window of the first token', async () => {
      const co = await invite({ moderator: true, exp: iso(SETUP_EXP - 3600) });
      const second = await read(await invite({ moderator: false }, co));
      assert.equal(second.parentId, segment(co, 1).jti);
      assert.equal(second.claims.exp, SETUP_EXP - 3600);
      await assertRejects(invite({ moderator: false, exp: iso(SETUP_EXP) }, co), 'window-wider-than-parent');
    });

    it('names the room token the chain started from in nano-meet.root, down every generation', async () => {
      const roomJwt = await moderatorToken();
      const first = await read(await invite({ moderator: true }, roomJwt));
      const second = await read(await invite({ moderator: true }, first.jwt));
      const third = await read(await invite({ moderator: false }, second.jwt));
      const rootId = segment(roomJwt, 1).jti;
      assert.deepEqual([first.rootId, second.rootId, third.rootId], [rootId, rootId, rootId]);
      assert.equal(third.claims['nano-meet'].root, rootId);
      assert.equal(third.parentId, second.id);
      assert.equal((await read(roomJwt)).rootId, undefined);
    });

    it('takes the root of an older invite without one to be that invite’s parent', async () => {
      const older = signRaw(
        validClaims({
          jti: 'older-invite',
          'nano-meet': { server: 'meet.example.org', streamname: 'XXXXX-YYYYY', parent: 'the-room-token' },
        }),
      );
      assert.equal((await read(await invite({ moderator: false }, older))).rootId, 'the-room-token');
    });
  });

  describe('its window', () => {
    it('may be narrower than the parent’s, given as ISO strings or Dates', async () => {
      const token = await read(
        await invite({ moderator: false, nbf: iso(SETUP_NBF + 60), exp: new Date((SETUP_EXP - 60) * 1000) }),
      );
      assert.deepEqual([token.claims.nbf, token.claims.exp], [SETUP_NBF + 60, SETUP_EXP - 60]);
    });

    it('may end exactly with the parent’s', async () => {
      const token = await read(await invite({ moderator: false, nbf: iso(SETUP_NBF), exp: iso(SETUP_EXP) }));
      assert.deepEqual([token.claims.nbf, token.claims.exp], [SETUP_NBF, SETUP_EXP]);
    });

    it('inherits the end it is not given', async () => {
      const fromNbf = await read(await invite({ moderator: false, nbf: iso(SETUP_NBF + 60) }));
      assert.deepEqual([fromNbf.claims.nbf, fromNbf.claims.exp], [SETUP_NBF + 60, SETUP_EXP]);
      const fromExp = await read(await invite({ moderator: false, exp: iso(SETUP_EXP - 60) }));
      assert.deepEqual([fromExp.claims.nbf, fromExp.claims.exp], [SETUP_NBF, SETUP_EXP - 60]);
    });

    it('refuses to open before the parent with window-wider-than-parent', async () => {
      await assertRejects(invite({ moderator: false, nbf: iso(SETUP_NBF - 1) }), 'window-wider-than-parent');
    });

    it('refuses to close after the parent with window-wider-than-parent', async () => {
      await assertRejects(invite({ moderator: false, exp: iso(SETUP_EXP + 1) }), 'window-wider-than-parent');
    });

    it('refuses an empty window, or one already over, with setup-invalid', async () => {
      await assertRejects(
        invite({ moderator: false, nbf: iso(SETUP_NBF + 60), exp: iso(SETUP_NBF + 60) }),
        'setup-invalid',
      );
      await assertRejects(invite({ moderator: false, exp: iso(SETUP_NBF + 60) }), 'setup-invalid');
    });
  });

  describe('refuses', () => {
    it('a guest parent with not-moderator', async () => {
      const guestParent = await createRoomToken(KEY, { ...ROOM_SETUP, moderator: false }, { now: NOW });
      await assertRejects(invite({ moderator: false }, guestParent), 'not-moderator');
      await assertRejects(invite({ moderator: false }, await invite({ moderator: false })), 'not-moderator');
    });

    it('an expired parent with token-expired', async () => {
      await assertRejects(
        invite({ moderator: false }, undefined, (SETUP_EXP + DEFAULT_CLOCK_SKEW_SECONDS) * 1000),
        'token-expired',
      );
    });

    it('a parent signed with another key with token-signature-invalid', async () => {
      const otherKey = { appId: 'nano_app', secret: 'another-secret-of-32-characters!' };
      await assertRejects(invite({ moderator: false }, await moderatorToken(otherKey)), 'token-signature-invalid');
    });

    it('a forged parent (a guest token edited into a moderator one) with token-signature-invalid', async () => {
      const guestParent = await createRoomToken(KEY, { ...ROOM_SETUP, moderator: false }, { now: NOW });
      const [header, payload, signature] = guestParent.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const promoted = { ...claims, moderator: true, context: { ...claims.context, user: { moderator: true } } };
      const forged = `${header}.${Buffer.from(JSON.stringify(promoted)).toString('base64url')}.${signature}`;
      await assertRejects(invite({ moderator: false }, forged), 'token-signature-invalid');
    });

    it('a parent that is not a token with token-malformed', async () => {
      await assertRejects(invite({ moderator: false }, 'not.a-token'), 'token-malformed');
    });

    it('a bad invite setup with setup-invalid', async () => {
      for (const setup of [
        {},
        { moderator: 'false' },
        { moderator: false, room: 'other_room' },
        { moderator: false, nbf: 'tomorrow' },
        { moderator: false, user: { avatar: 'http://cdn.example.org/a.png' } },
      ]) {
        await assertRejects(invite(setup as InviteSetup), 'setup-invalid');
      }
    });

    it('a secret shorter than 32 characters', async () => {
      const parent = await moderatorToken();
      await assert.rejects(
        createInviteToken({ ...KEY, secret: 'short' }, parent, { moderator: false }, { now: NOW }),
        /at least 32/,
      );
    });
  });

  it('derives invites from a parent whose window has not opened yet', async () => {
    const early = (SETUP_NBF - 7 * 86_400) * 1000;
    const parent = await createRoomToken(KEY, ROOM_SETUP, { now: early });
    const token = await read(await invite({ moderator: false }, parent, early), SECRET, SETUP_NBF * 1000);
    assert.deepEqual([token.claims.nbf, token.claims.exp], [SETUP_NBF, SETUP_EXP]);
    assert.equal(jitsiRefusal(token.jwt, { now: SETUP_NBF * 1000 }), undefined);
  });

  describe('with an asymmetric key, end to end', () => {
    const issueBoth = async (key: PrivateSigningKey) => {
      const parent = await moderatorToken(key);
      return { parent, invite: await createInviteToken(key, parent, { moderator: false }, { now: NOW }) };
    };

    for (const alg of ['ES256', 'RS256'] as const) {
      it(`signs ${alg} room and invite tokens with the kid, verifiable with the public JWK or the JWKS`, async () => {
        const pair = await keyPair(alg);
        const kid = `nano/${alg}`;
        const tokens = await issueBoth({ appId: 'nano_app', privateKey: pair.privateKey, alg, kid });
        const jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid, alg }] };
        for (const key of [pair.publicKey, jwks]) {
          const guest = await read(tokens.invite, key);
          assert.deepEqual(guest.header, { alg, typ: 'JWT', kid });
          assert.equal(guest.parentId, (await read(tokens.parent, key)).id);
          assert.equal(guest.features?.recording, false);
        }
      });
    }

    it('takes the private key as a JWK, also one exported by WebCrypto (with key_ops)', async () => {
      const pair = await keyPair('ES256');
      for (const privateKey of [
        await exportJWK(pair.privateKey),
        await crypto.subtle.exportKey('jwk', pair.privateKey as CryptoKey),
      ]) {
        const tokens = await issueBoth({
          appId: 'nano_app',
          privateKey: privateKey as PrivateSigningKey['privateKey'],
          alg: 'ES256',
          kid: 'k',
        });
        await read(tokens.invite, pair.publicKey);
      }
    });

    it('takes a non-extractable private key together with its verificationKey', async () => {
      const pair = await generateKeyPair('ES256');
      const tokens = await issueBoth({
        appId: 'nano_app',
        privateKey: pair.privateKey,
        alg: 'ES256',
        kid: 'k',
        verificationKey: pair.publicKey,
      });
      await read(tokens.invite, pair.publicKey);
    });

    it('refuses a parent signed by another key pair, or with the shared secret, with token-signature-invalid', async () => {
      const pair = await keyPair('ES256');
      const key: PrivateSigningKey = { appId: 'nano_app', privateKey: pair.privateKey, alg: 'ES256', kid: 'k' };
      const other = await moderatorToken({ ...key, privateKey: (await keyPair('ES256')).privateKey });
      await assertRejects(createInviteToken(key, other, { moderator: false }, { now: NOW }), 'token-signature-invalid');
      await assertRejects(
        createInviteToken(key, await moderatorToken(), { moderator: false }, { now: NOW }),
        'token-signature-invalid',
      );
    });
  });
});

// A parent built by hand, to be sure the checks hold for tokens createRoomToken would never make.
describe('createInviteToken with a hand-made parent', () => {
  it('refuses a parent with a bad room, even when signed with the key, with room-invalid', async () => {
    await assertRejects(invite({ moderator: false }, signRaw(validClaims({ room: 'r\u043e\u043em' }))), 'room-invalid');
  });

  it('refuses a parent whose two moderator claims contradict each other with token-invalid-claims', async () => {
    await assertRejects(
      invite({ moderator: false }, signRaw(claimsWithContext({ user: { moderator: false } }))),
      'token-invalid-claims',
    );
  });
});
