import { createClient } from '@redis/client';
import type { Counter, ServiceStore } from './service-store.js';

/** Where the shared store lives: what `NANO_MEET_REDIS_URL` and `NANO_MEET_REDIS_PREFIX` set. */
export interface RedisStoreOptions {
  /** `redis://[[user]:password@]host[:port][/db]`, or `rediss://…` for TLS. */
  url: string;
  /** Put before every key, so that several services (or a staging and a production one) can share a Redis. */
  prefix?: string;
}

export const DEFAULT_REDIS_PREFIX = 'nano-meet:';

/** The longest wait between two attempts to reach a Redis that went away, in ms. */
const MAX_RECONNECT_DELAY_MS = 1000;

// One round trip each, so that every instance sees the same count: a window starts with the first take and ends
// with the key (PEXPIRE); a key that somehow lost its expiry gets one again rather than counting for ever.
const INCREMENT = `local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
return {count, ttl}`;
const PEEK = `local count = redis.call('GET', KEYS[1])
if not count then return false end
return {tonumber(count), redis.call('PTTL', KEYS[1])}`;

/**
 * The shared store on Redis (node-redis's `@redis/client`), for a fleet of token services behind a load balancer:
 * they count every limit together and serve every room's branding.
 *
 * It never waits for a Redis that is away: commands are refused at once while the client reconnects (in the
 * background, every second at most), so the service answers 503 `store-unavailable` instead of hanging or
 * letting requests through unlimited, and serves again as soon as Redis is back.
 */
export function createRedisStore({ url, prefix = DEFAULT_REDIS_PREFIX }: RedisStoreOptions): ServiceStore {
  const client = createClient({
    url,
    // Queued commands would wait for a Redis that may not come back; refused ones become a 503 now.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 2000,
      reconnectStrategy: (attempts) => Math.min(50 * 2 ** attempts, MAX_RECONNECT_DELAY_MS),
    },
  });
  // Without a listener an 'error' event would end the process. Each one is also a refused command, which the
  // service reports; the client keeps reconnecting by itself.
  client.on('error', () => {});
  // Connects in the background (and retries until it can): the service starts, and is not ready, without Redis.
  const connected = client.connect().catch(() => {});

  const counterKey = (key: string) => `${prefix}counter:${key}`;
  const brandingKey = (key: string) => `${prefix}branding:${key}`;
  const counterOf = (reply: unknown): Counter => {
    const [count, resetInMs] = reply as [number, number];
    return { count, resetInMs: Math.max(0, resetInMs) };
  };

  return {
    async increment(key, windowSeconds) {
      return counterOf(
        await client.eval(INCREMENT, { keys: [counterKey(key)], arguments: [String(windowSeconds * 1000)] }),
      );
    },
    async peek(key) {
      const reply = await client.eval(PEEK, { keys: [counterKey(key)] });
      return reply === null ? undefined : counterOf(reply);
    },
    async setRoomBranding(key, json, ttlSeconds) {
      await client.set(brandingKey(key), json, {
        expiration: { type: 'EX', value: Math.max(1, Math.ceil(ttlSeconds)) },
      });
    },
    async getRoomBranding(key) {
      return (await client.get(brandingKey(key))) ?? undefined;
    },
    async ping() {
      await client.ping();
    },
    async close() {
      // QUIT lets Redis finish what was sent; a client that never got through is simply stopped.
      if (client.isReady) await client.close().catch(() => client.destroy());
      else if (client.isOpen) client.destroy();
      await connected;
    },
  };
}
