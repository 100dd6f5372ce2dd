/**
 * When to try again: exponential backoff with jitter between attempts, and the server's own
 * `Retry-After` when it sent one.
 */

/** The range of retry delays. */
export interface BackoffOptions {
  /** The first delay's ceiling, in milliseconds. */
  minMs: number;
  /** No delay is longer than this, in milliseconds. */
  maxMs: number;
}

/** 1 s doubling up to 8 s: a broadcast that starts late is picked up within a few seconds. */
export const DEFAULT_BACKOFF: Readonly<BackoffOptions> = { minMs: 1000, maxMs: 8000 };

/** A server's Retry-After is honoured, but never for longer than this. */
const MAX_RETRY_AFTER_MS = 5 * 60_000;

/**
 * The delay before retry number `attempt` (0 for the first retry): the ceiling doubles from `minMs` up to
 * `maxMs`, and the delay is drawn from the upper half of it. The jitter spreads thousands of viewers who
 * lost the same stream at once; keeping the lower half out means no viewer ever retries in a tight loop.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxMs, options.minMs * 2 ** Math.max(0, Math.floor(attempt)));
  return Math.round(ceiling * (0.5 + random() / 2));
}

/**
 * Reads a `Retry-After` header (delay in seconds or an HTTP date) as milliseconds from `now`;
 * `undefined` when there is none or it cannot be read.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  let delay: number;
  if (/^\d+$/.test(text)) delay = Number(text) * 1000;
  else {
    // Only an HTTP date (it has a month name): Date.parse would also take "-5" or "1.5" for dates.
    const date = /[a-z]{3}/i.test(text) ? Date.parse(text) : Number.NaN;
    if (Number.isNaN(date)) return undefined;
    delay = Math.max(0, date - now);
  }
  return Math.min(delay, MAX_RETRY_AFTER_MS);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/** How a retrying transport waits: injectable for tests, the defaults above otherwise. */
export interface RetryOptions {
  backoff?: BackoffOptions;
  random?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** The sleep and the delay for retry number `attempt` that {@link RetryOptions} ask for. */
export function retryTiming(options: RetryOptions): { sleep: (ms: number, signal: AbortSignal) => Promise<void>; delay: (attempt: number) => number } {
  return {
    sleep: options.sleep ?? sleep,
    delay: (attempt) => backoffDelay(attempt, options.backoff ?? DEFAULT_BACKOFF, options.random),
  };
}
