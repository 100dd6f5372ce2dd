/**
 * When to try again: exponential backoff with jitter between attempts (backoff-delay.ts), and the
 * server's own `Retry-After` when it sent one.
 */
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff-delay.js';

/** A server's Retry-After is honoured, but never for longer than this. */
const MAX_RETRY_AFTER_MS = 5 * 60_000;

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
