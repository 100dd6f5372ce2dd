import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTokenService, verifyToken, type TokenServiceConfig } from '../../src/server/index.js';
import { SETUP_EXP, SETUP_NBF, segment } from '../token/token-fixtures.js';
import {
  API_KEY,
  BASE,
  NOW,
  ROOM_SETUP,
  SECRET,
  baseConfig,
  expectError,
  expectJson,
  inviteRequest,
  issueRoomToken,
  roomRequest,
  serviceWithLog,
} from './server-fixtures.js';

const service = (overrides: Partial<TokenServiceConfig> = {}) => createTokenService(baseConfig(overrides));
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const DAY = 86400;
const NOW_SECONDS = NOW / 1000;

describe('the token service’s abuse limits', () => {
  describe('the longest token lifetime', () => {
    it('refuses a room token valid for 200 years with 400 setup-invalid, naming the limit', async () => {
      const message = await expectError(
        await service()(roomRequest({ ...ROOM_SETUP, exp: iso(NOW_SECONDS + 200 * 365 * DAY) })),
        400,
        'setup-invalid',
      );
      assert.match(message, /at most 7 d/);
    });

    it('issues the classic one-week room by default, and not a second longer', async () => {
      // An hour before the room opens: the whole week lies ahead.
      const before = service({ clock: () => (SETUP_NBF - 3600) * 1000 });
      await expectJson(await before(roomRequest()), 201);
      await expectError(await before(roomRequest({ ...ROOM_SETUP, exp: iso(SETUP_EXP + 1) })), 400, 'setup-invalid');
    });

    it('counts from now when nbf is past, and from nbf when it lies ahead', async () => {
      const started = { ...ROOM_SETUP, nbf: iso(NOW_SECONDS - 30 * DAY), exp: iso(NOW_SECONDS + 7 * DAY) };
      await expectJson(await service()(roomRequest(started)), 201);
      const ahead = { ...ROOM_SETUP, nbf: iso(NOW_SECONDS + 60 * DAY), exp: iso(NOW_SECONDS + 67 * DAY) };
      await expectJson(await service()(roomRequest(ahead)), 201);
      await expectError(
        await service()(roomRequest({ ...ahead, exp: iso(NOW_SECONDS + 67 * DAY + 1) })),
        400,
        'setup-invalid',
      );
    });

    it('takes its limit from maxTokenLifetimeSeconds', async () => {
      const api = service({ maxTokenLifetimeSeconds: 3600 });
      assert.match(await expectError(await api(roomRequest()), 400, 'setup-invalid'), /at most 1 h/);
      await expectJson(
        await api(roomRequest({ ...ROOM_SETUP, nbf: iso(NOW_SECONDS), exp: iso(NOW_SECONDS + 3600) })),
        201,
      );
    });
  });

  describe('the invite rate limit', () => {
    it('counts per chain of invites: chained moderator invites share the room token’s budget', async () => {
      const api = service({ rateLimit: { requests: 5, windowSeconds: 60 } });
      const room = await issueRoomToken(api);
      let parent = room;
      let made = 0;
      let refused = 0;
      // Every invite a new moderator token, each used as the next parent: 30 tries from one room token.
      for (let attempt = 0; attempt < 30; attempt++) {
        const response = await api(inviteRequest({ token: parent, moderator: true }));
        if (response.status === 201) {
          made++;
          parent = (await response.json()).data.token;
        } else {
          await expectError(response, 429, 'rate-limited');
          refused++;
          // Any earlier token of the chain is refused too.
          await expectError(await api(inviteRequest({ token: room, moderator: false })), 429, 'rate-limited');
        }
      }
      assert.deepEqual([made, refused], [5, 25]);
      const last = await verifyToken(parent, SECRET, { now: NOW });
      assert.ok(last.ok);
      assert.equal(last.token.rootId, segment(room, 1).jti);
      // Another room token starts its own chain.
      await expectJson(await api(inviteRequest({ token: await issueRoomToken(api), moderator: false })), 201);
    });
  });

  describe('wrong API keys', () => {
    const from = (client: string, key: string) =>
      roomRequest(ROOM_SETUP, { authorization: `Bearer ${key}`, 'x-client': client });
    const limited = (overrides: Partial<TokenServiceConfig> = {}) =>
      service({
        failedApiKeyLimit: { requests: 5, windowSeconds: 60 },
        clientAddress: (request) => request.headers.get('x-client') ?? undefined,
        ...overrides,
      });

    it('are throttled per client with 429 and Retry-After, right keys included, so no answer tells a key exists', async () => {
      let now = NOW;
      const api = limited({ clock: () => now });
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 30; attempt++)
        statuses.push((await api(from('mallory', `nm_live_guess_${attempt}`))).status);
      assert.deepEqual(statuses, [...Array(5).fill(401), ...Array(25).fill(429)]);
      const refused = await api(from('mallory', API_KEY));
      await expectError(refused, 429, 'rate-limited');
      assert.equal(refused.headers.get('retry-after'), '60');
      // Another client is not held back; the same client is served again once the window is over.
      await expectJson(await api(from('alice', API_KEY)), 201);
      now += 60_000;
      await expectJson(await api(from('mallory', API_KEY)), 201);
    });

    it('count only wrong keys: right keys and requests without one do not use up the budget', async () => {
      const api = limited();
      for (let attempt = 0; attempt < 10; attempt++) await expectJson(await api(from('alice', API_KEY)), 201);
      for (let attempt = 0; attempt < 10; attempt++)
        await expectError(await api(roomRequest(ROOM_SETUP, { 'x-client': 'alice' })), 401, 'api-key-invalid');
      await expectError(await api(from('alice', 'nm_live_wrong')), 401, 'api-key-invalid');
    });

    it('are throttled by default (10 per 10 min), per the clientAddressHeader of a trusted proxy', async () => {
      const api = service({ clientAddressHeader: 'x-forwarded-for' });
      const wrong = (forwardedFor: string) =>
        roomRequest(ROOM_SETUP, { 'x-api-key': 'nm_live_wrong', 'x-forwarded-for': forwardedFor });
      // The proxy appends the address it saw: the last entry counts, whatever the client put before it.
      for (let attempt = 0; attempt < 10; attempt++)
        await expectError(await api(wrong(`10.0.0.${attempt}, 192.0.2.7`)), 401, 'api-key-invalid');
      const refused = await api(wrong('192.0.2.7'));
      await expectError(refused, 429, 'rate-limited');
      assert.equal(refused.headers.get('retry-after'), '600');
      await expectError(await api(wrong('192.0.2.7, 192.0.2.8')), 401, 'api-key-invalid');
    });

    it('can be left unthrottled with failedApiKeyLimit: false', async () => {
      const api = service({ failedApiKeyLimit: false });
      for (let attempt = 0; attempt < 30; attempt++)
        await expectError(await api(roomRequest(ROOM_SETUP, { 'x-api-key': 'nm_live_wrong' })), 401, 'api-key-invalid');
    });
  });

  describe('the log', () => {
    it('names the route, the status and a request id, and redacts key- and token-shaped pieces of a path', async () => {
      const { service: api, entries } = serviceWithLog();
      const token = await issueRoomToken(api);
      const requests = [
        new Request(`${BASE}/api/v1/rooms/${API_KEY}`, { method: 'POST' }),
        new Request(`${BASE}/api/v1/invites/${token}`),
        new Request(`${BASE}/${encodeURIComponent(SECRET)}/x`),
        new Request(`${BASE}/api/v1/rooms/abc123xyz789`, { headers: { origin: `https://${API_KEY}.example` } }),
      ];
      for (const request of requests) {
        const response = await api(request);
        await expectError(response, 404, 'not-found');
        const entry = entries.at(-1)!;
        assert.equal(entry.requestId, response.headers.get('x-request-id'));
        assert.equal(entry.route, undefined);
        assert.match(entry.path ?? '', /\[redacted\]/);
      }
      assert.deepEqual(
        entries.slice(1).map((entry) => entry.path),
        ['/api/v1/rooms/[redacted]', '/api/v1/invites/[redacted]', '/[redacted]/x', '/api/v1/rooms/[redacted]'],
      );
      const text = JSON.stringify(entries);
      for (const secret of [API_KEY, SECRET, encodeURIComponent(SECRET), ...token.split('.')])
        assert.equal(text.includes(secret), false, secret);
      assert.equal(entries[0]!.route, '/api/v1/rooms');
      assert.equal(entries[0]!.status, 201);
    });
  });
});
