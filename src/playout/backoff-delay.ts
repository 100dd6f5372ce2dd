/**
 * How long to wait before trying again: exponential backoff with jitter. On its own so that the element can
 * retry loading the playout engines without carrying the rest of backoff.ts onto every page.
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

/**
 * The delay before retry number `attempt` (0 for the first retry): the ceiling doubles from `minMs` up to
 * `maxMs`, and the delay is drawn from the upper half of it. The jitter spreads thousands of viewers who
 * lost the same stream at once; keeping the lower half out means no viewer ever retries in a tight loop.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxMs, options.minMs * 2 ** Math.max(0, Math.floor(attempt)));
  return Math.round(ceiling * (0.5 + random() / 2));
}
