import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadOnce } from '../../src/shared/load-once.js';

describe('loadOnce', () => {
  it('loads once and gives every caller the same result', async () => {
    let loads = 0;
    const load = loadOnce(async () => ({ loaded: ++loads }));
    const [first, second] = await Promise.all([load(), load()]);
    assert.equal(first, second);
    assert.equal(await load(), first);
    assert.equal(loads, 1);
  });

  it('forgets a failed load, so that the next caller tries again', async () => {
    let loads = 0;
    const load = loadOnce(async () => {
      loads += 1;
      if (loads === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return 'engines';
    });
    await assert.rejects(load(), /Failed to fetch/);
    assert.equal(await load(), 'engines');
    assert.equal(await load(), 'engines');
    assert.equal(loads, 2);
  });
});
