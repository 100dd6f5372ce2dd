import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createTokenService, type TokenServiceLogEntry } from '../../src/server/index.js';
import { createRedisStore } from '../../src/server/store/redis-store.js';
import type { ServiceStore } from '../../src/server/store/service-store.js';
import { CLI_ENV, serveCli, type ServingCli } from './cli-process.js';
import { freePort, startRedis, type RunningRedis } from './redis-process.js';
import { API_KEY, API_KEY_SHA256, baseConfig, expectError, expectJson } from './server-fixtures.js';

const OTHER_API_KEY = 'nm_live_fedcba9876543210fedcba9876543210';
const OTHER_API_KEY_SHA256 = createHash('sha256').update(OTHER_API_KEY).digest('hex');
const BRANDING = { logoImageUrl: 'https://brand.example/logo.png', logoClickUrl: 'https://brand.example/' };

/** A room setup valid from now on for a day: `nano-meet serve` runs on the real clock. */
function roomSetup(room: string) {
  const now = Date.now();
  return {
    nbf: new Date(now - 60_000).toISOString(),
    exp: new Date(now + 86_400_000).toISOString(),
    streamname: 'stream-1',
    server: 'meet.example.org',
    room,
    moderator: true,
  };
}

const createRoom = (base: string, body: unknown, apiKey = API_KEY) =>
  fetch(`${base}/api/v1/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify(body),
  });

/** Polls `check` every 100 ms until it holds; fails after `timeoutMs` with what it last saw. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const statusOf = async (url: string) => (await fetch(url)).status;

describe('the Redis store', () => {
  let redis: RunningRedis;
  let store: ServiceStore;
  before(async () => {
    redis = await startRedis();
    store = createRedisStore({ url: redis.url, prefix: 'unit:' });
    // It connects in the background, refusing commands until it has.
    await until('the store answers', () =>
      store.ping().then(
        () => true,
        () => false,
      ),
    );
  });
  after(async () => {
    await store.close();
    await redis.stop();
  });

  it('counts in a window that starts with the first take, and peeks without counting', async () => {
    assert.equal(await store.peek('calls'), undefined);
    const first = await store.increment('calls', 60);
    assert.equal(first.count, 1);
    assert.ok(first.resetInMs > 59_000 && first.resetInMs <= 60_000, String(first.resetInMs));
    assert.equal((await store.increment('calls', 60)).count, 2);
    assert.equal((await store.peek('calls'))?.count, 2);
    assert.equal((await store.peek('calls'))?.count, 2);
  });

  it('ends a window when its time is up', async () => {
    assert.equal((await store.increment('short', 1)).count, 1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    assert.equal(await store.peek('short'), undefined);
    assert.equal((await store.increment('short', 1)).count, 1);
  });

  it('keeps a room’s branding for its time, and keeps stores with other prefixes apart', async () => {
    await store.setRoomBranding('room_a', '{"logoImageUrl":"https://a.example/l.png"}', 60);
    assert.equal(await store.getRoomBranding('room_a'), '{"logoImageUrl":"https://a.example/l.png"}');
    const other = createRedisStore({ url: redis.url, prefix: 'other:' });
    try {
      await until('the other store answers', () =>
        other.ping().then(
          () => true,
          () => false,
        ),
      );
      assert.equal(await other.getRoomBranding('room_a'), undefined);
      assert.equal(await other.peek('calls'), undefined);
    } finally {
      await other.close();
    }
  });

  it('refuses commands at once while Redis is away (no queue that waits for it), and serves again when it is back', async () => {
    await redis.stop();
    try {
      const started = Date.now();
      await assert.rejects(store.increment('calls', 60));
      assert.ok(Date.now() - started < 1000, 'a command waited for Redis');
    } finally {
      await redis.restart();
    }
    await until('the store answers again', () =>
      store.ping().then(
        () => true,
        () => false,
      ),
    );
    assert.equal((await store.increment('after-outage', 60)).count, 1);
  });
});

describe('a token service on Redis, in process', () => {
  let redis: RunningRedis;
  before(async () => (redis = await startRedis()));
  after(() => redis.stop());

  it('starts without Redis (not ready, 503 store-unavailable) and becomes ready when Redis comes', async () => {
    await redis.stop();
    const entries: TokenServiceLogEntry[] = [];
    const service = createTokenService(
      baseConfig({ redis: { url: redis.url, prefix: 'late:' }, log: (entry) => entries.push(entry) }),
    );
    try {
      await service.ready;
      const readyz = () => service(new Request('http://tokens.example/readyz'));
      await expectError(await readyz(), 503, 'store-unavailable');
      assert.equal((await service(new Request('http://tokens.example/healthz'))).status, 200);
      await redis.restart();
      await until('/readyz says ready', async () => (await readyz()).status === 200);
      const [lost, back] = entries.filter((entry) => entry.event !== 'request');
      assert.equal(lost?.code, 'store-unavailable');
      assert.equal(back?.event, 'store-recovered');
      assert.equal(
        JSON.stringify(entries).includes('redis-password-for-tests'),
        false,
        'the Redis password reached the log',
      );
    } finally {
      await service.close();
    }
  });

  it('closes without waiting for a Redis that is away', async () => {
    const service = createTokenService(baseConfig({ redis: { url: `redis://127.0.0.1:${await freePort()}` } }));
    await expectError(await service(new Request('http://tokens.example/readyz')), 503, 'store-unavailable');
    const started = Date.now();
    await service.close();
    assert.ok(Date.now() - started < 1000, `close() took ${Date.now() - started} ms`);
  });
});

describe('two `nano-meet serve` instances on one Redis', () => {
  let redis: RunningRedis;
  let a: ServingCli;
  let b: ServingCli;
  before(async () => {
    redis = await startRedis();
    const env = {
      ...CLI_ENV,
      NANO_MEET_API_KEY_HASHES: `ci:${API_KEY_SHA256},other:${OTHER_API_KEY_SHA256}`,
      NANO_MEET_REDIS_URL: redis.url,
      NANO_MEET_REDIS_PREFIX: 'fleet:',
      NANO_MEET_RATE_LIMIT: '3/600',
      NANO_MEET_FAILED_API_KEY_LIMIT: '2/600',
    };
    [a, b] = await Promise.all([serveCli([], env), serveCli([], env)]);
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis.stop();
  });

  it('are both ready', async () => {
    for (const instance of [a, b])
      assert.deepEqual(await expectJson(await fetch(`${instance.url}/readyz`), 200), { status: 'ready' });
  });

  it('hold one rate limit between them', async () => {
    for (const instance of [a, b, a]) await expectJson(await createRoom(instance.url, roomSetup('limited')), 201);
    for (const instance of [b, a]) {
      const refused = await createRoom(instance.url, roomSetup('limited'));
      await expectError(refused, 429, 'rate-limited');
      assert.match(refused.headers.get('retry-after') ?? '', /^\d+$/);
    }
  });

  it('serve a branding registered through the other', async () => {
    await expectJson(await createRoom(a.url, { ...roomSetup('Branded_Room'), branding: BRANDING }, OTHER_API_KEY), 201);
    const response = await fetch(`${b.url}/api/v1/branding?conferenceFqn=${encodeURIComponent('branded_room')}`);
    assert.deepEqual(await expectJson(response, 200), BRANDING);
  });

  it('count wrong API keys together', async () => {
    for (const instance of [a, b])
      await expectError(
        await createRoom(instance.url, roomSetup('guess'), `nm_live_${'0'.repeat(32)}`),
        401,
        'api-key-invalid',
      );
    // Past the limit on either instance, even the right key is refused: no answer tells whether a key exists.
    await expectError(await createRoom(a.url, roomSetup('guess'), OTHER_API_KEY), 429, 'rate-limited');
  });

  it('answer 503 store-unavailable while Redis is away, stay up, and serve again when it is back', async () => {
    await redis.stop();
    try {
      await expectError(await createRoom(a.url, roomSetup('outage'), OTHER_API_KEY), 503, 'store-unavailable');
      await expectError(await fetch(`${b.url}/api/v1/branding?conferenceFqn=branded_room`), 503, 'store-unavailable');
      await expectError(await fetch(`${a.url}/readyz`), 503, 'store-unavailable');
      assert.equal(await statusOf(`${a.url}/healthz`), 200);
      assert.equal(await statusOf(`${b.url}/.well-known/jwks.json`), 200);
    } finally {
      await redis.restart();
    }
    // An empty Redis: the limits start again (it was started without persistence).
    for (const instance of [a, b])
      await until(`${instance.url}/readyz`, async () => (await statusOf(`${instance.url}/readyz`)) === 200);
    await expectJson(await createRoom(b.url, roomSetup('outage'), OTHER_API_KEY), 201);
    assert.equal(a.child.exitCode, null);
  });

  it('log one JSON line per request, with its id, method, route, status and duration, and never the Redis password', async () => {
    const [codeA, codeB] = await Promise.all([a.stop(), b.stop()]);
    assert.deepEqual([codeA, codeB], [0, 0]);
    for (const instance of [a, b]) {
      const output = instance.output();
      assert.equal(output.includes('redis-password-for-tests'), false, 'the Redis password reached the log');
      assert.equal(output.includes(OTHER_API_KEY), false, 'an API key reached the log');
      const requests = output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as TokenServiceLogEntry)
        .filter((entry) => entry.event === 'request');
      assert.ok(requests.length >= 5, `${requests.length} request lines`);
      for (const entry of requests) {
        assert.match(entry.requestId ?? '', /^[0-9a-f-]{36}$/);
        assert.equal(typeof entry.method, 'string');
        assert.equal(typeof entry.route, 'string');
        assert.equal(typeof entry.status, 'number');
        assert.equal(typeof entry.durationMs, 'number');
      }
      assert.ok(output.includes('"code":"store-unavailable"'));
    }
  });
});
