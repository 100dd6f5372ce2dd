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

/**
 * The waits of one retrying loop (the WHEP client's and the HLS playback's share it): each `wait()` sleeps the
 * next backoff delay, or the server's `Retry-After` when it gave one; `reset()` after a success starts over.
 * Rejects with the signal's reason as soon as the loop is stopped.
 */
export class RetrySchedule {
  #attempt = 0;
  readonly #timing: ReturnType<typeof retryTiming>;

  constructor(
    options: RetryOptions,
    private readonly signal: AbortSignal,
  ) {
    this.#timing = retryTiming(options);
  }

  wait(serverDelayMs?: number): Promise<void> {
    return this.#timing.sleep(serverDelayMs ?? this.#timing.delay(this.#attempt++), this.signal);
  }

  /** Pauses `ms` exactly (a polling interval, not a retry), still stopped by the signal. */
  pause(ms: number): Promise<void> {
    return this.#timing.sleep(ms, this.signal);
  }

  reset(): void {
    this.#attempt = 0;
  }
}

/** The sleep and the delay for retry number `attempt` that {@link RetryOptions} ask for. */
function retryTiming(options: RetryOptions): {
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  delay: (attempt: number) => number;
} {
  return {
    sleep: options.sleep ?? sleep,
    delay: (attempt) => backoffDelay(attempt, options.backoff ?? DEFAULT_BACKOFF, options.random),
  };
}
