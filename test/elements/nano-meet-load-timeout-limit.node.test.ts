/**
 * `load-timeout`'s longest wait (meeting-settings.ts) holds the join step too, which adds the camera prompt's minute
 * (meeting-load-watch.ts): the sum must stay within what setTimeout holds, or it fires at once. The two numbers live in
 * two files, as the CDN entries must not carry the load watch; this keeps them in step.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadTimeoutMs } from '../../src/elements/nano-meet/meeting-settings.js';
import { DEVICE_PROMPT_ALLOWANCE_MS } from '../../src/meeting/meeting-load-watch.js';

const LONGEST_TIMER_MS = 2 ** 31 - 1;

describe('load-timeout within what a timer holds', () => {
  it('keeps a longer load-timeout, and the join step after it, within 2^31−1 ms', () => {
    for (const seconds of [2_200_000, Infinity, Number.MAX_VALUE]) {
      const ms = loadTimeoutMs(seconds);
      assert.ok(ms + DEVICE_PROMPT_ALLOWANCE_MS <= LONGEST_TIMER_MS, `${seconds} s: ${ms} ms`);
      assert.ok(ms > LONGEST_TIMER_MS - 2 * DEVICE_PROMPT_ALLOWANCE_MS, `${seconds} s: no shorter than needed`);
    }
  });

  it('leaves a load-timeout a timer holds as it is', () => {
    assert.equal(loadTimeoutMs(30), 30_000);
    assert.equal(loadTimeoutMs(0.4), 400);
    assert.equal(loadTimeoutMs(2_000_000), 2_000_000_000);
  });
});
