import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay } from '../../src/playout/backoff-delay.js';
import { parseRetryAfter, sleep } from '../../src/playout/backoff.js';

describe('backoffDelay', () => {
  const options = { minMs: 1000, maxMs: 8000 };

  it('doubles its ceiling from minMs up to maxMs', () => {
    assert.deepEqual(
      [0, 1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, options, () => 1)),
      [1000, 2000, 4000, 8000, 8000, 8000],
    );
  });

  it('draws from the upper half of the ceiling, so no retry comes in a tight loop', () => {
    assert.deepEqual(
      [0, 1, 3].map((attempt) => backoffDelay(attempt, options, () => 0)),
      [500, 1000, 4000],
    );
    for (let attempt = 0; attempt < 8; attempt++) {
      const delay = backoffDelay(attempt, options);
      const ceiling = Math.min(8000, 1000 * 2 ** attempt);
      assert.ok(delay >= ceiling / 2 && delay <= ceiling, `attempt ${attempt}: ${delay}`);
    }
  });

  it('treats negative and fractional attempts as whole ones from 0', () => {
    assert.equal(
      backoffDelay(-3, options, () => 1),
      1000,
    );
    assert.equal(
      backoffDelay(1.7, options, () => 1),
      2000,
    );
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-22T06:00:00Z');

  it('reads delay-seconds', () => {
    assert.equal(parseRetryAfter('5', now), 5000);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
  });

  it('reads an HTTP date as the time until then, never negative', () => {
    assert.equal(parseRetryAfter('Thu, 22 Jan 2026 06:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Thu, 22 Jan 2026 05:00:00 GMT', now), 0);
  });

  it('ignores missing and unreadable values', () => {
    for (const value of [null, undefined, '', 'soon', '-5', '1.5'])
      assert.equal(parseRetryAfter(value, now), undefined, String(value));
  });

  it('caps absurd delays at five minutes', () => {
    assert.equal(parseRetryAfter('86400', now), 300_000);
  });
});

describe('sleep', () => {
  it('rejects with the reason as soon as the signal aborts', async () => {
    const abort = new AbortController();
    const slept = sleep(60_000, abort.signal);
    abort.abort(new Error('stopped'));
    await assert.rejects(slept, /stopped/);
    await assert.rejects(sleep(1, abort.signal), /stopped/);
  });
});
