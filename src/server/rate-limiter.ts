import type { ServiceStore } from './store/service-store.js';

/** How many requests one caller (an API key, a chain of invites, a client's failed API keys) may make per window. */
export interface RateLimit {
  requests: number;
  windowSeconds: number;
}

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

/**
 * A fixed-window counter per caller, kept in the service's store: in memory it holds for one process, on
 * Redis for every instance sharing it.
 */
export function createRateLimiter({ requests, windowSeconds }: RateLimit, store: ServiceStore, prefix: string) {
  const decide = (count: number, resetInMs: number): RateDecision =>
    count > requests
      ? { ok: false, retryAfterSeconds: retryAfterOf(resetInMs) }
      : { ok: true, remaining: requests - count };
  return {
    /** Counts one request of `caller`. */
    async take(caller: string): Promise<RateDecision> {
      const { count, resetInMs } = await store.increment(`${prefix}:${caller}`, windowSeconds);
      return decide(count, resetInMs);
    },
    /** Whether `caller` has still requests left, without counting one. */
    async check(caller: string): Promise<RateDecision> {
      const counter = await store.peek(`${prefix}:${caller}`);
      return counter ? decide(counter.count + 1, counter.resetInMs) : { ok: true, remaining: requests };
    },
  };
}

export function retryAfterOf(resetInMs: number): number {
  return Math.max(1, Math.ceil(resetInMs / 1000));
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
