import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { httpUrl, list, object, optional, record, rule, string, type Check } from '../../src/shared/json-checks.js';

/** What `check` keeps of `value`, and the problems it notes. */
function run(check: Check, value: unknown) {
  const problems: string[] = [];
  return { kept: check(value, problems), problems };
}

const even = rule((value) => typeof value === 'number' && value % 2 === 0, 'an even number');

describe('json-checks', () => {
  it('a rule keeps what passes and says what a failing value must be, at its path', () => {
    assert.deepEqual(run(even, 2), { kept: 2, problems: [] });
    assert.deepEqual(run(even, 3).problems, ['must be an even number']);
    assert.deepEqual(run(object({ n: even }), { n: 3 }).problems, ['n: must be an even number']);
  });

  it('string passes only strings to its test', () => {
    const short = string((value) => value.length < 3, 'short');
    assert.deepEqual(run(short, 'ab').problems, []);
    for (const value of ['abc', 3, null, undefined, ['a']])
      assert.deepEqual(run(short, value).problems, ['must be short']);
  });

  it('a required field must be there; an optional one may be absent but must pass when given', () => {
    assert.deepEqual(run(object({ n: even }), {}).problems, ['n: must be an even number']);
    assert.deepEqual(run(object({ n: optional(even) }), {}), { kept: {}, problems: [] });
    assert.deepEqual(run(object({ n: optional(even) }), { n: 1 }).problems, ['n: must be an even number']);
  });

  it('an object drops fields it does not name, or keeps them with keepOthers, and never changes its input', () => {
    const input = { n: 2, other: 'x' };
    assert.deepEqual(run(object({ n: even }), input).kept, { n: 2 });
    const kept = run(object({ n: even }, true), input).kept;
    assert.deepEqual(kept, { n: 2, other: 'x' });
    assert.notEqual(kept, input);
    assert.deepEqual(input, { n: 2, other: 'x' });
  });

  it('objects, records and lists refuse other kinds of values, arrays and null included', () => {
    for (const value of [null, [], 'x', 1, true]) {
      assert.deepEqual(run(object({ n: optional(even) }), value).problems, ['must be an object']);
      assert.deepEqual(run(object({ r: record(even) }), { r: value }).problems, ['r: must be an object']);
    }
    assert.deepEqual(run(object({ l: list(even, 2) }), { l: {} }).problems, ['l: must be an array of at most 2 items']);
  });

  it('names the failing entries of nested objects, records and lists', () => {
    const check = object({ a: object({ r: record(even), l: list(even, 3) }) });
    assert.deepEqual(run(check, { a: { r: { x: 2, y: 1 }, l: [2, 3, 5] } }).problems, [
      'a.r.y: must be an even number',
      'a.l[1]: must be an even number',
      'a.l[2]: must be an even number',
    ]);
  });

  it('bounds a list by its number of items', () => {
    assert.deepEqual(run(list(even, 2), [2, 4]), { kept: [2, 4], problems: [] });
    assert.deepEqual(run(list(even, 2), [2, 4, 6]).problems, ['must be an array of at most 2 items']);
  });

  it('httpUrl takes http(s) URLs of up to 2048 characters', () => {
    const url = (length: number) => `https://example.org/${'a'.repeat(length - 20)}`;
    for (const good of ['http://example.org', 'HTTPS://example.org/a?b#c', url(2048)])
      assert.deepEqual(run(httpUrl, good).problems, [], good);
    for (const bad of ['https://', 'ftp://example.org', 'javascript:alert(1)', '//example.org', url(2049)]) {
      assert.equal(run(httpUrl, bad).problems.length, 1, bad);
    }
  });
});
