import type { Counter, ServiceStore } from './service-store.js';

interface Entry<T> {
  value: T;
  expiresAt: number;
}

/** The stores {@link createMemoryStore} made: they answer at once, from this process's memory. */
const inProcessStores = new WeakSet<ServiceStore>();

/** Whether `store` is one {@link createMemoryStore} made (not a wrapper around one): it cannot hang. */
export function isInProcessStore(store: ServiceStore): boolean {
  return inProcessStores.has(store);
}

/**
 * The embedded store: in this process's memory, so each instance of a fleet counts and keeps brandings on its
 * own (use {@link createRedisStore} there). Expired entries are swept as time passes, so the maps hold only
 * what is still alive.
 */
export function createMemoryStore(clock: () => number = Date.now): ServiceStore {
  const counters = new Map<string, Entry<number>>();
  const brandings = new Map<string, Entry<string>>();
  let nextSweep = 0;

  function alive<T>(map: Map<string, Entry<T>>, key: string, now: number): Entry<T> | undefined {
    if (now >= nextSweep) {
      for (const store of [counters, brandings] as Map<string, Entry<unknown>>[]) {
        for (const [name, entry] of store) if (entry.expiresAt <= now) store.delete(name);
      }
      nextSweep = now + 60_000;
    }
    const entry = map.get(key);
    return entry && entry.expiresAt > now ? entry : undefined;
  }

  const counterOf = (entry: Entry<number>, now: number): Counter => ({
    count: entry.value,
    resetInMs: entry.expiresAt - now,
  });

  const store: ServiceStore = {
    async increment(key, windowSeconds) {
      const now = clock();
      const entry = alive(counters, key, now) ?? { value: 0, expiresAt: now + windowSeconds * 1000 };
      entry.value++;
      counters.set(key, entry);
      return counterOf(entry, now);
    },
    async peek(key) {
      const now = clock();
      const entry = alive(counters, key, now);
      return entry && counterOf(entry, now);
    },
    async setRoomBranding(key, json, ttlSeconds) {
      brandings.set(key, { value: json, expiresAt: clock() + ttlSeconds * 1000 });
    },
    async getRoomBranding(key) {
      return alive(brandings, key, clock())?.value;
    },
    async ping() {},
    async close() {
      counters.clear();
      brandings.clear();
    },
  };
  inProcessStores.add(store);
  return store;
}
