/**
 * `load-timeout` values that are no wait (meeting-settings.ts): the default 30 s instead of a timer that fires at once,
 * said once to the page's developer; no attribute (Lit's null) is the default without a word.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { loadTimeoutMs } from '../../src/elements/nano-meet/meeting-settings.js';

describe('loadTimeoutMs and a load-timeout that is no wait', () => {
  let warnings: string[] = [];
  const warn = console.warn;
  beforeEach(() => {
    warnings = [];
    console.warn = (message: string) => warnings.push(message);
  });
  afterEach(() => (console.warn = warn));

  it('takes NaN, 0 and negative seconds as the default 30 s, and says so once for each', () => {
    for (const seconds of [Number.NaN, 0, -5, -Infinity, Number.NaN]) assert.equal(loadTimeoutMs(seconds), 30_000);
    assert.deepEqual(warnings, [
      '<nano-meet> load-timeout="NaN" is not seconds above 0: 30 s are used.',
      '<nano-meet> load-timeout="0" is not seconds above 0: 30 s are used.',
      '<nano-meet> load-timeout="-5" is not seconds above 0: 30 s are used.',
      '<nano-meet> load-timeout="-Infinity" is not seconds above 0: 30 s are used.',
    ]);
  });

  it('takes no value (an attribute removed, a property set to null) as the default, without a warning', () => {
    assert.equal(loadTimeoutMs(null), 30_000);
    assert.equal(loadTimeoutMs(undefined), 30_000);
    assert.deepEqual(warnings, []);
  });

  it('reads seconds a page set as text on the property, as the attribute would be', () => {
    assert.equal(loadTimeoutMs('45' as unknown as number), 45_000);
    assert.equal(loadTimeoutMs('abc' as unknown as number), 30_000);
    assert.equal(warnings.length, 1);
  });
});
