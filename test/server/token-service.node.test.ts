import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import {
  createTokenService,
  TokenServiceConfigError,
  verifyToken,
  type PrivateKeyConfig,
  type TokenServiceConfig,
} from '../../src/server/index.js';
import { SETUP_EXP, SETUP_NBF, jitsiRefusal, segment, signRaw, validClaims } from '../token/token-fixtures.js';
import {
  API_KEY,
  APP_ORIGIN,
  BASE,
  KEY,
  NOW,
  ROOM_SETUP,
  SECRET,
  baseConfig,
  expectError,
  expectJson,
  inviteRequest,
  issueRoomToken,
  post,
  roomRequest,
  serviceWithLog,
} from './server-fixtures.js';

const service = (overrides: Partial<TokenServiceConfig> = {}) => createTokenService(baseConfig(overrides));
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const get = (path: string, headers: Record<string, string> = {}) => new Request(`${BASE}${path}`, { headers });

async function rsaKey(kid: string, current?: boolean): Promise<PrivateKeyConfig> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return {
    appId: KEY.appId,
    alg: 'RS256',
    kid,
    privateKey: await exportPKCS8(privateKey),
    ...(current !== undefined && { current }),
  };
}

describe('the token service', () => {
  describe('POST /api/v1/rooms', () => {
    it('answers the classic createNanoMeetRoom response with a token a self-hosted Jitsi accepts', async () => {
      const body = await expectJson(await service()(roomRequest()), 201);
      const { token, ...rest } = body.data;
      assert.deepEqual(rest, {
        expiration: ROOM_SETUP.exp,
        notbefore: ROOM_SETUP.nbf,
        room: 'my_nanoMeet_room',
        server: 'meet.example.org',
        streamname: 'XXXXX-YYYYY',
        moderator: true,
      });
      assert.equal(jitsiRefusal(token), undefined);
      const verified = await verifyToken(token, SECRET, { now: NOW });
      assert.ok(verified.ok);
      assert.equal(verified.token.moderator, true);
    });

    it('takes the API key from X-API-Key as well, and the person from user', async () => {
      const response = await service()(
        roomRequest({ ...ROOM_SETUP, moderator: false, user: { name: 'Ada' } }, { 'x-api-key': API_KEY }),
      );
      const { data } = await expectJson(response, 201);
      assert.equal(data.moderator, false);
      assert.deepEqual(segment(data.token, 1).context, {
        user: { name: 'Ada', moderator: false },
        features: {
          livestreaming: false,
          recording: false,
          transcription: false,
          'outbound-call': false,
          'sip-outbound-call': false,
        },
      });
    });

    it('adds playout addresses when playout templates are configured', async () => {
      const playout = {
        whep: 'https://{server}/whep/{streamname}',
        hls: 'https://cdn.example/hls/{streamname}/index.m3u8',
      };
      const { data } = await expectJson(await service({ playout })(roomRequest()), 201);
      assert.deepEqual(data.playout, {
        whep: 'https://meet.example.org/whep/XXXXX-YYYYY',
        hls: 'https://cdn.example/hls/XXXXX-YYYYY/index.m3u8',
      });
    });

    it('refuses a missing or unknown API key with 401 api-key-invalid', async () => {
      const missing = await service()(roomRequest(ROOM_SETUP, {}));
      await expectError(missing, 401, 'api-key-invalid');
      assert.equal(missing.headers.get('www-authenticate'), 'Bearer');
      await expectError(
        await service()(roomRequest(ROOM_SETUP, { authorization: 'Bearer nm_live_wrong' })),
        401,
        'api-key-invalid',
      );
      await expectError(
        await service()(roomRequest(ROOM_SETUP, { 'x-api-key': `${API_KEY}x` })),
        401,
        'api-key-invalid',
      );
      await expectError(await service()(roomRequest(ROOM_SETUP, { authorization: API_KEY })), 401, 'api-key-invalid');
    });

    for (const name of ['api_key', 'apikey', 'key', 'token', 'access_token']) {
      it(`refuses a credential in the URL (?${name}=) with 400 credential-in-url`, async () => {
        const request = new Request(`${BASE}/api/v1/rooms?${name}=${API_KEY}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(ROOM_SETUP),
        });
        const { service: withLog, entries } = serviceWithLog();
        const message = await expectError(await withLog(request), 400, 'credential-in-url');
        assert.match(message, /header/);
        assert.equal(JSON.stringify(entries).includes(API_KEY), false);
        assert.equal(entries[0]?.path, '/api/v1/rooms');
      });
    }

    it('refuses a bad setup with 400 setup-invalid, and bad JSON with 400 json-invalid', async () => {
      const { room: _room, ...withoutRoom } = ROOM_SETUP;
      await expectError(await service()(roomRequest(withoutRoom)), 400, 'setup-invalid');
      await expectError(await service()(roomRequest({ ...ROOM_SETUP, room: 'no spaces' })), 400, 'setup-invalid');
      await expectError(
        await service()(roomRequest({ ...ROOM_SETUP, server: 'https://meet.example.org/' })),
        400,
        'setup-invalid',
      );
      await expectError(await service()(roomRequest({ ...ROOM_SETUP, exp: ROOM_SETUP.nbf })), 400, 'setup-invalid');
      await expectError(await service()(roomRequest('[1, 2')), 400, 'json-invalid');
      const message = await expectError(await service()(roomRequest(`{"secret": "${SECRET}"`)), 400, 'json-invalid');
      assert.equal(message.includes(SECRET), false, 'the parser’s message quotes the body');
    });

    it('refuses another meeting server with 403 server-not-allowed (compared without case)', async () => {
      await expectError(
        await service()(roomRequest({ ...ROOM_SETUP, server: 'evil.example.org' })),
        403,
        'server-not-allowed',
      );
      await expectError(
        await service()(roomRequest({ ...ROOM_SETUP, server: 'meet.example.org:8443' })),
        403,
        'server-not-allowed',
      );
      await expectJson(await service()(roomRequest({ ...ROOM_SETUP, server: 'Meet.Example.ORG' })), 201);
    });

    it('refuses a body that is not JSON with 415', async () => {
      await expectError(
        await service()(roomRequest(ROOM_SETUP, { authorization: `Bearer ${API_KEY}`, 'content-type': 'text/plain' })),
        415,
        'content-type-not-json',
      );
      const form = new Request(`${BASE}/api/v1/rooms`, {
        method: 'POST',
        headers: { 'x-api-key': API_KEY },
        body: new URLSearchParams({ room: 'x' }),
      });
      await expectError(await service()(form), 415, 'content-type-not-json');
      await expectJson(
        await service()(
          roomRequest(ROOM_SETUP, { 'x-api-key': API_KEY, 'content-type': 'application/json; charset=utf-8' }),
        ),
        201,
      );
    });

    it('refuses a body over the limit with 413, by Content-Length or by what actually arrives', async () => {
      const big = { ...ROOM_SETUP, padding: 'x'.repeat(2000) };
      await expectError(await service({ maxBodyBytes: 1024 })(roomRequest(big)), 413, 'body-too-large');
      // A streamed body has no Content-Length: it is cut off at the limit.
      const chunk = new TextEncoder().encode(JSON.stringify(big));
      const stream = new ReadableStream({
        start(controller) {
          controller.enqueue(chunk);
          controller.close();
        },
      });
      const streamed = new Request(`${BASE}/api/v1/rooms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      assert.equal(streamed.headers.get('content-length'), null);
      await expectError(await service({ maxBodyBytes: 1024 })(streamed), 413, 'body-too-large');
    });

    it('rate-limits per API key with 429 rate-limited and Retry-After', async () => {
      let now = NOW;
      const limited = service({ rateLimit: { requests: 2, windowSeconds: 60 }, clock: () => now });
      await expectJson(await limited(roomRequest()), 201);
      now += 10_000;
      await expectJson(await limited(roomRequest()), 201);
      const refused = await limited(roomRequest());
      await expectError(refused, 429, 'rate-limited');
      assert.equal(refused.headers.get('retry-after'), '50');
      // A new window starts once the old one is over.
      now += 50_000;
      await expectJson(await limited(roomRequest()), 201);
    });

    it('signs with ES256 and EdDSA keys as well', async () => {
      for (const alg of ['ES256', 'EdDSA'] as const) {
        const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
        const keys = [{ appId: KEY.appId, alg, kid: `k-${alg}`, privateKey: await exportJWK(privateKey) }];
        const { data } = await expectJson(await service({ keys })(roomRequest()), 201);
        assert.deepEqual(segment(data.token, 0), { alg, typ: 'JWT', kid: `k-${alg}` });
        assert.ok((await verifyToken(data.token, publicKey, { now: NOW })).ok);
      }
    });
  });

  describe('POST /api/v1/invites', () => {
    it('derives a guest invite from a moderator token in the body, with the invite link', async () => {
      const api = service();
      const parent = await issueRoomToken(api);
      const { data } = await expectJson(
        await api(inviteRequest({ token: parent, moderator: false, user: { name: 'Grace' } })),
        201,
      );
      assert.equal(data.moderator, false);
      assert.equal(data.inviteLink, `https://app.example/meeting.html?token=${encodeURIComponent(data.token)}`);
      const invite = await verifyToken(data.token, SECRET, { now: NOW });
      assert.ok(invite.ok);
      assert.equal(invite.token.moderator, false);
      assert.equal(invite.token.room, 'my_nanomeet_room');
      assert.equal(invite.token.claims['nano-meet'].parent, segment(parent, 1).jti);
      assert.equal(jitsiRefusal(data.token), undefined);
    });

    it('takes the moderator token from Authorization: Bearer as well, and omits inviteLink without an invite page', async () => {
      const api = service({ inviteUrl: undefined });
      const parent = await issueRoomToken(api);
      const { data } = await expectJson(
        await api(inviteRequest({ moderator: true }, { authorization: `Bearer ${parent}` })),
        201,
      );
      assert.deepEqual(Object.keys(data).sort(), ['moderator', 'token']);
    });

    it('never makes an invite wider than its parent: 422 window-wider-than-parent', async () => {
      const api = service();
      const token = await issueRoomToken(api);
      await expectError(
        await api(inviteRequest({ token, moderator: false, exp: iso(SETUP_EXP + 1) })),
        422,
        'window-wider-than-parent',
      );
      await expectError(
        await api(inviteRequest({ token, moderator: false, nbf: iso(SETUP_NBF - 1) })),
        422,
        'window-wider-than-parent',
      );
      const { data } = await expectJson(
        await api(inviteRequest({ token, moderator: false, exp: iso(SETUP_EXP - 3600) })),
        201,
      );
      assert.equal(segment(data.token, 1).exp, SETUP_EXP - 3600);
    });

    it('refuses a guest token with 403 not-moderator', async () => {
      const api = service();
      const guest = await issueRoomToken(api, { ...ROOM_SETUP, moderator: false });
      await expectError(await api(inviteRequest({ token: guest, moderator: false })), 403, 'not-moderator');
    });

    it('refuses an expired token with 401 token-expired', async () => {
      const token = await issueRoomToken(service());
      const later = service({ clock: () => (SETUP_EXP + 3600) * 1000 });
      await expectError(await later(inviteRequest({ token, moderator: false })), 401, 'token-expired');
    });

    it('refuses forged, foreign, unsigned and missing tokens with 401', async () => {
      const api = service();
      const forged = signRaw(validClaims(), undefined, 'another-secret-of-32-characters!');
      await expectError(await api(inviteRequest({ token: forged, moderator: false })), 401, 'token-signature-invalid');
      const tampered = await issueRoomToken(api);
      const [header, , signature] = tampered.split('.');
      const payload = Buffer.from(JSON.stringify(validClaims({ exp: SETUP_EXP + 86400 }))).toString('base64url');
      await expectError(
        await api(inviteRequest({ token: `${header}.${payload}.${signature}`, moderator: false })),
        401,
        'token-signature-invalid',
      );
      const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
      await expectError(await api(inviteRequest({ token: none, moderator: false })), 401, 'token-malformed');
      await expectError(await api(inviteRequest({ moderator: false })), 401, 'token-malformed');
      // Signed with our secret but for another app: not ours to extend.
      await expectError(
        await api(inviteRequest({ token: signRaw(validClaims({ iss: 'other_app' })), moderator: false })),
        401,
        'token-invalid-claims',
      );
    });

    it('refuses a bad invite setup with 400 setup-invalid', async () => {
      const api = service();
      const token = await issueRoomToken(api);
      await expectError(await api(inviteRequest({ token })), 400, 'setup-invalid');
      await expectError(await api(inviteRequest({ token, moderator: 'yes' })), 400, 'setup-invalid');
      await expectError(await api(inviteRequest(['not', 'an', 'object'])), 400, 'setup-invalid');
    });

    it('rate-limits per moderator token', async () => {
      const api = service({ rateLimit: { requests: 2, windowSeconds: 30 } });
      const token = await issueRoomToken(api);
      await expectJson(await api(inviteRequest({ token, moderator: false })), 201);
      await expectJson(await api(inviteRequest({ token, moderator: false })), 201);
      const refused = await api(inviteRequest({ token, moderator: false }));
      await expectError(refused, 429, 'rate-limited');
      assert.equal(refused.headers.get('retry-after'), '30');
      await expectJson(await api(inviteRequest({ token: await issueRoomToken(api), moderator: false })), 201);
    });
  });

  describe('key rotation', () => {
    it('keeps accepting tokens of the old key for invites, and signs new tokens with the current key’s kid', async () => {
      const oldKey = await rsaKey('key-2025');
      const before = service({ keys: [oldKey] });
      const oldParent = await issueRoomToken(before);
      assert.equal(segment(oldParent, 0).kid, 'key-2025');

      const newKey = await rsaKey('key-2026', true);
      const after = service({ keys: [newKey, oldKey] });
      const { data } = await expectJson(await after(inviteRequest({ token: oldParent, moderator: false })), 201);
      assert.deepEqual(segment(data.token, 0), { alg: 'RS256', typ: 'JWT', kid: 'key-2026' });
      assert.equal(segment(data.token, 1).exp, SETUP_EXP);
      const fresh = await issueRoomToken(after);
      assert.equal(segment(fresh, 0).kid, 'key-2026');

      // Both verify through the published JWKS; a key that is gone no longer does.
      const jwks = await expectJson(await after(get('/.well-known/jwks.json')), 200);
      assert.ok((await verifyToken(data.token, jwks as never, { now: NOW })).ok);
      assert.ok((await verifyToken(oldParent, jwks as never, { now: NOW })).ok);
      const retired = service({ keys: [newKey] });
      await expectError(
        await retired(inviteRequest({ token: oldParent, moderator: false })),
        401,
        'token-signature-invalid',
      );
    });

    it('rotates from an HS256 secret to another (kids tell them apart) and from HS256 to RS256', async () => {
      const oldSecret = { ...KEY, kid: 'hs-1' };
      const oldParent = await issueRoomToken(service({ keys: [oldSecret] }));
      const newSecret = { appId: KEY.appId, secret: 'a-brand-new-secret-of-32-characters', kid: 'hs-2', current: true };
      const { data } = await expectJson(
        await service({ keys: [oldSecret, newSecret] })(inviteRequest({ token: oldParent, moderator: false })),
        201,
      );
      assert.equal(segment(data.token, 0).kid, 'hs-2');
      assert.ok((await verifyToken(data.token, newSecret.secret, { now: NOW })).ok);

      const rsa = await rsaKey('rs-1', true);
      const toRsa = await expectJson(
        await service({ keys: [oldSecret, rsa] })(inviteRequest({ token: oldParent, moderator: true })),
        201,
      );
      assert.deepEqual(segment(toRsa.data.token, 0), { alg: 'RS256', typ: 'JWT', kid: 'rs-1' });
    });
  });

  describe('GET /.well-known/jwks.json', () => {
    it('publishes the public half of every asymmetric key, with kid, alg and use, and nothing private', async () => {
      const keys = [await rsaKey('rs-new', true), await rsaKey('rs-old'), { ...KEY, kid: 'hs' }];
      const response = await service({ keys })(get('/.well-known/jwks.json'));
      const jwks = await expectJson(response, 200);
      assert.deepEqual(
        jwks.keys.map((key: { kid: string }) => key.kid),
        ['rs-new', 'rs-old'],
      );
      for (const key of jwks.keys) {
        assert.equal(key.kty, 'RSA');
        assert.equal(key.alg, 'RS256');
        assert.equal(key.use, 'sig');
        assert.deepEqual(Object.keys(key).sort(), ['alg', 'e', 'kid', 'kty', 'n', 'use']);
      }
      assert.equal(JSON.stringify(jwks).includes(SECRET), false);
      assert.match(response.headers.get('cache-control') ?? '', /max-age/);
    });

    it('is empty with HS256 keys only', async () => {
      assert.deepEqual(await expectJson(await service()(get('/.well-known/jwks.json')), 200), { keys: [] });
    });
  });

  describe('routing', () => {
    it('answers GET /readyz with 200 once the keys are loaded and the store answers', async () => {
      assert.deepEqual(await expectJson(await service()(get('/readyz')), 200), { status: 'ready' });
    });

    it('answers GET /healthz with 200', async () => {
      assert.deepEqual(await expectJson(await service()(get('/healthz')), 200), { status: 'ok' });
      const head = await service()(new Request(`${BASE}/healthz`, { method: 'HEAD' }));
      assert.equal(head.status, 200);
      assert.equal(await head.text(), '');
    });

    it('answers an unknown path with 404 and a wrong method with 405 and Allow', async () => {
      await expectError(await service()(get('/api/v1/nothing')), 404, 'not-found');
      await expectError(await service()(get('/api/v1/rooms/')), 404, 'not-found');
      const wrong = await service()(get('/api/v1/rooms'));
      await expectError(wrong, 405, 'method-not-allowed');
      assert.equal(wrong.headers.get('allow'), 'POST, OPTIONS');
      await expectError(await service()(post('/healthz', {})), 405, 'method-not-allowed');
    });

    it('marks every answer no-store and nosniff (tokens must not sit in caches)', async () => {
      const response = await service()(roomRequest());
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    });

    it('answers 503 while the configured keys cannot be imported, and says why in the log only', async () => {
      const broken = {
        appId: KEY.appId,
        alg: 'RS256' as const,
        kid: 'bad',
        privateKey: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----',
      };
      const { service: api, entries } = serviceWithLog({ keys: [broken] });
      await assert.rejects(api.ready, TokenServiceConfigError);
      // The process is up (no restart would help), but it cannot serve: no load balancer should send it requests.
      assert.deepEqual(await expectJson(await api(get('/healthz')), 200), { status: 'ok' });
      await expectError(await api(get('/readyz')), 503, 'service-unavailable');
      await expectError(await api(roomRequest()), 503, 'service-unavailable');
      assert.ok(entries.some((entry) => entry.event === 'service-error' && /kid "bad"/.test(entry.message ?? '')));
    });
  });

  describe('CORS', () => {
    const preflight = (origin: string, path = '/api/v1/rooms') =>
      new Request(`${BASE}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });

    it('answers a preflight from a listed origin', async () => {
      const response = await service()(preflight(APP_ORIGIN));
      assert.equal(response.status, 204);
      assert.equal(response.headers.get('access-control-allow-origin'), APP_ORIGIN);
      assert.equal(response.headers.get('access-control-allow-methods'), 'POST');
      assert.match(response.headers.get('access-control-allow-headers') ?? '', /authorization/);
      assert.match(response.headers.get('access-control-allow-headers') ?? '', /x-api-key/);
      assert.equal(response.headers.get('access-control-allow-credentials'), null);
      assert.equal(response.headers.get('vary'), 'Origin');
    });

    it('refuses a preflight and a request from an unlisted origin with 403, without spending the rate limit', async () => {
      const api = service({ rateLimit: { requests: 1, windowSeconds: 60 } });
      const refusedPreflight = await api(preflight('https://evil.example'));
      await expectError(refusedPreflight, 403, 'origin-not-allowed');
      assert.equal(refusedPreflight.headers.get('access-control-allow-origin'), null);
      await expectError(
        await api(roomRequest(ROOM_SETUP, { 'x-api-key': API_KEY, origin: 'https://evil.example' })),
        403,
        'origin-not-allowed',
      );
      await expectError(
        await api(roomRequest(ROOM_SETUP, { 'x-api-key': API_KEY, origin: `${APP_ORIGIN}.evil.example` })),
        403,
        'origin-not-allowed',
      );
      await expectJson(await api(roomRequest()), 201);
    });

    it('lets a listed origin read the answer, refusals included', async () => {
      const ok = await service()(roomRequest(ROOM_SETUP, { 'x-api-key': API_KEY, origin: APP_ORIGIN }));
      assert.equal(ok.status, 201);
      assert.equal(ok.headers.get('access-control-allow-origin'), APP_ORIGIN);
      const refused = await service()(roomRequest(ROOM_SETUP, { origin: APP_ORIGIN }));
      assert.equal(refused.status, 401);
      assert.equal(refused.headers.get('access-control-allow-origin'), APP_ORIGIN);
      assert.match(refused.headers.get('access-control-expose-headers') ?? '', /retry-after/);
    });

    it('calls from servers (no Origin) get no CORS headers', async () => {
      const response = await service()(roomRequest());
      assert.equal(response.headers.get('access-control-allow-origin'), null);
    });

    it('refuses "*" and non-origins in the configuration', () => {
      assert.throws(() => service({ corsOrigins: ['*'] }), /list the exact origins/);
      assert.throws(() => service({ corsOrigins: ['https://app.example/'] }), TokenServiceConfigError);
    });
  });

  describe('the log hook', () => {
    it('gets one entry per request and never an API key, secret, private key or token', async () => {
      const rsa = await rsaKey('rs-1', true);
      const { service: api, entries } = serviceWithLog({ keys: [rsa, { ...KEY, kid: 'hs-old' }] });
      const secrets: string[] = [API_KEY, SECRET, rsa.privateKey as string];
      const parent = await issueRoomToken(api);
      const invite = (await expectJson(await api(inviteRequest({ token: parent, moderator: false })), 201)).data.token;
      secrets.push(parent, invite);
      // And every refusal, including those that carry credentials where they must not be.
      await api(roomRequest(ROOM_SETUP, { authorization: `Bearer ${API_KEY}x` }));
      await api(new Request(`${BASE}/api/v1/rooms?api_key=${API_KEY}`, { method: 'POST' }));
      await api(inviteRequest({ token: parent, moderator: false, exp: iso(SETUP_EXP + 1) }));
      await api(inviteRequest({ token: `${parent}x`, moderator: false }));
      await api(inviteRequest(`{"token": "${parent}"`));
      await api(roomRequest({ ...ROOM_SETUP, server: 'evil.example.org' }));
      await api(get('/.well-known/jwks.json'));
      assert.equal(entries.filter((entry) => entry.event === 'request').length, 9);
      for (const entry of entries) {
        const text = JSON.stringify(entry);
        for (const secret of secrets) {
          for (const part of secret.split(/\.|\n/).filter((piece) => piece.length >= 16))
            assert.equal(text.includes(part), false, `${text} contains a secret`);
        }
      }
      const created = entries.find((entry) => entry.path === '/api/v1/rooms' && entry.status === 201);
      assert.match(created?.requestId ?? '', /^[0-9a-f-]{36}$/);
      assert.deepEqual(
        { ...created, durationMs: 0, requestId: 'id' },
        {
          level: 'info',
          event: 'request',
          requestId: 'id',
          route: '/api/v1/rooms',
          method: 'POST',
          path: '/api/v1/rooms',
          status: 201,
          durationMs: 0,
          apiKey: 'ci',
          room: 'my_nanoMeet_room',
          server: 'meet.example.org',
          moderator: true,
          kid: 'rs-1',
        },
      );
      assert.ok(entries.some((entry) => entry.code === 'server-not-allowed' && entry.level === 'warn'));
    });

    it('a throwing log hook does not fail the request', async () => {
      const api = service({
        log: () => {
          throw new Error('disk full');
        },
      });
      await expectJson(await api(roomRequest()), 201);
    });
  });

  describe('the configuration', () => {
    it('is checked when the service is made, naming the setting and never its value', () => {
      const short = 'too-short';
      const error = assertConfigError(() => service({ keys: [{ appId: 'a', secret: short }] }));
      assert.match(error.message, /keys/);
      assert.equal(error.message.includes(short), false);
      assertConfigError(() => service({ allowedServers: [] }));
      assertConfigError(() => service({ allowedServers: ['https://meet.example.org'] }));
      assertConfigError(() => service({ apiKeys: [{ sha256: 'not-hex' }] }));
      assertConfigError(() => service({ inviteUrl: 'https://app.example/meeting.html' }));
      assertConfigError(() => service({ keys: [{ ...KEY }, { ...KEY, secret: `${SECRET}-2` }] }), /current/);
      assertConfigError(
        () =>
          service({
            keys: [
              { ...KEY, kid: 'a', current: true },
              { ...KEY, kid: 'a' },
            ],
          }),
        /unique/,
      );
    });
  });
});

function assertConfigError(make: () => unknown, pattern?: RegExp): TokenServiceConfigError {
  try {
    make();
  } catch (error) {
    assert.ok(error instanceof TokenServiceConfigError, String(error));
    if (pattern) assert.match(error.message, pattern);
    return error;
  }
  assert.fail('expected a TokenServiceConfigError');
}
