/** A counter's state: how many times it was taken in its window, and how long until the window ends. */
export interface Counter {
  count: number;
  resetInMs: number;
}

/**
 * Where the token service keeps what must be shared by every instance behind a load balancer: rate-limit
 * counters and room brandings. {@link createMemoryStore} (the default) serves one process;
 * {@link createRedisStore} serves a fleet. Every method rejects when the store cannot be reached, and the
 * service then answers 503 `store-unavailable` (never an unlimited service).
 */
export interface ServiceStore {
  /**
   * Adds one to the counter `key` and returns it. A counter that does not run starts at 1 with a window of
   * `windowSeconds`; when its window is over, it is gone. Atomic across every user of the store.
   */
  increment(key: string, windowSeconds: number): Promise<Counter>;
  /** The counter `key` without adding to it; undefined when it does not run. */
  peek(key: string): Promise<Counter | undefined>;
  /** Keeps a room's branding (JSON text) for `ttlSeconds`, replacing any earlier one. */
  setRoomBranding(key: string, json: string, ttlSeconds: number): Promise<void>;
  /** The room's branding as stored, or undefined. */
  getRoomBranding(key: string): Promise<string | undefined>;
  /** Resolves when the store answers (the service's readiness). */
  ping(): Promise<void>;
  /** Lets go of connections; the store is not used afterwards. */
  close(): Promise<void>;
}
