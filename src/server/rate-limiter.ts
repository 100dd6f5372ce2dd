/** How many requests one caller (an API key, a moderator token) may make per window. */
export interface RateLimit {
  requests: number;
  windowSeconds: number;
}

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

/**
 * A fixed-window counter per caller, in memory: enough for one process; a fleet behind a load balancer
 * gets N requests per window per instance. Expired windows are swept as time passes, so the map holds only
 * callers seen within the last window.
 */
export function createRateLimiter({ requests, windowSeconds }: RateLimit, clock: () => number) {
  const windowMs = windowSeconds * 1000;
  const windows = new Map<string, { count: number; resetAt: number }>();
  let nextSweep = clock() + windowMs;

  function sweep(now: number) {
    if (now < nextSweep) return;
    for (const [caller, window] of windows) if (window.resetAt <= now) windows.delete(caller);
    nextSweep = now + windowMs;
  }

  return {
    take(caller: string): RateDecision {
      const now = clock();
      sweep(now);
      let window = windows.get(caller);
      if (!window || window.resetAt <= now) {
        window = { count: 0, resetAt: now + windowMs };
        windows.set(caller, window);
      }
      if (window.count >= requests) {
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) };
      }
      window.count++;
      return { ok: true, remaining: requests - window.count };
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
