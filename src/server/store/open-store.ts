import { TokenServiceConfigError, type ResolvedConfig } from '../service-config.js';
import { createMemoryStore } from './memory-store.js';
import type { ServiceStore } from './service-store.js';

/**
 * The store the configuration asks for: the one given, Redis, or this process's memory. The Redis store is
 * imported only when configured, so the service still runs where `@redis/client` (or `node:net`) is not.
 */
export async function openStore({
  store,
  redis,
  clock,
}: Pick<ResolvedConfig, 'store' | 'redis' | 'clock'>): Promise<ServiceStore> {
  if (store) return store;
  if (!redis) return createMemoryStore(clock);
  let module: typeof import('./redis-store.js');
  try {
    module = await import('./redis-store.js');
  } catch (cause) {
    throw new TokenServiceConfigError(
      'config-invalid',
      'A Redis store (NANO_MEET_REDIS_URL) needs the @redis/client package beside nano-meet: npm install @redis/client',
      { cause },
    );
  }
  return module.createRedisStore(redis);
}
