// What English each CDN file carries (src/i18n/messages-en.ts, messages-en-elements.ts): the entries only the
// sentences they say themselves, before the meeting's iframe (the classic API's too, which classic-api.js takes from
// them); the file the element files share the elements'.
// An entry that could ask for a sentence it does not carry fails here. Run after `npm run build` (npm test does).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { en } from '../../src/i18n/messages-en.js';
import { enElements } from '../../src/i18n/messages-en-elements.js';

const read = (file: string) => readFileSync(new URL(`../../dist/cdn/${file}`, import.meta.url), 'utf8');

const ENTRIES = ['nano-meet.js', 'nano-meet.iife.js'];
const ELEMENTS_SHARED = 'elements-shared.js';

// Every string literal shaped like a key of the catalogue, whatever its place (the prefixes are read from it).
const prefixes = [...new Set([...Object.keys(en), ...Object.keys(enElements)].map((key) => key.split('.')[0]))];
const keyLiteral = new RegExp(`["'\`]((?:${prefixes.join('|')})\\.[a-z0-9-]+)["'\`]`, 'g');
/** Whether `source` has `sentence` as (part of) a string literal, in any quotes minification chose. */
const says = (source: string, sentence: string) =>
  ["'", '"', '`'].some((quote) => source.includes(sentence.replaceAll(quote, `\\${quote}`)));
const keysIn = (source: string) => new Set([...source.matchAll(keyLiteral)].map((match) => match[1]!));

describe('English in the CDN builds', () => {
  for (const entry of ENTRIES) {
    it(`${entry} names only keys whose English it carries, and carries it`, () => {
      const source = read(entry);
      const named = keysIn(source);
      // The entry's own sentences are all named (the catalogue itself names them): the pattern finds keys.
      for (const key of Object.keys(en)) assert.ok(named.has(key), `${entry} names ${key}`);
      const foreign = [...named].filter((key) => !(key in en));
      assert.deepEqual(foreign, [], `${entry} names keys whose English is in messages-en-elements.ts`);
      for (const sentence of Object.values(en)) assert.ok(says(source, sentence), `${entry} says "${sentence}"`);
    });

    it(`${entry} does not carry the elements' English`, () => {
      const source = read(entry);
      for (const [key, sentence] of Object.entries(enElements)) {
        assert.equal(says(source, sentence), false, `${entry} carries ${key}`);
      }
    });
  }

  it("classic-api.js names only keys whose English the entries carry, and carries none of it (it takes the entry's catalogue)", () => {
    const source = read('classic-api.js');
    const named = [...keysIn(source)];
    assert.ok(named.includes('api.not-initialized'), `the pattern finds its keys: ${named.join(', ')}`);
    assert.deepEqual(
      named.filter((key) => !(key in en)),
      [],
      'classic-api.js names keys the entries do not carry',
    );
    for (const [key, sentence] of [...Object.entries(en), ...Object.entries(enElements)])
      assert.equal(says(source, sentence), false, `classic-api.js carries ${key}`);
  });

  it(`${ELEMENTS_SHARED}, which every element file imports, carries the elements' English`, () => {
    const source = read(ELEMENTS_SHARED);
    for (const [key, sentence] of Object.entries(enElements)) {
      assert.ok(says(source, sentence), `${ELEMENTS_SHARED} says ${key}: "${sentence}"`);
    }
    for (const file of [
      'element-nano-meet.js',
      'element-nano-meet-playout.js',
      'element-nano-meet-broadcast-button.js',
    ])
      assert.match(read(file), /from"\.\/elements-shared\.js"/, `${file} imports ${ELEMENTS_SHARED}`);
  });
});
