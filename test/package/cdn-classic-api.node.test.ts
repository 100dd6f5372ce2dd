// The classic API's on-demand half as built (src/api/classic-api.ts, rollup.config.mjs): the CDN entries fetch it
// from next to themselves, it imports nothing (Lit least of all: elements-shared.js) and takes what it shares with
// the entries from their registry; the npm build leaves its import to the app's bundler. Run after `npm run build`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const read = (file: string) => readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8');
const STATIC_IMPORT = /(?:^|[;}\s])import\s*(?:[\w{*$][^;()]*?from\s*)?["']([^"']+)["']/g;

describe('classic-api.js', () => {
  it('the CDN entries import it relative to themselves', () => {
    // Through the function that asks again at another address after a failure (rollup.config.mjs, IMPORT_FROM_BESIDE).
    const again = /const ([\w$]+)=\(\w+=new Map,/;
    const entry = read('cdn/nano-meet.js');
    assert.ok(entry.includes(`${again.exec(entry)?.[1]}(new URL("./classic-api.js",import.meta.url).href)`));
    // The classic script's own address, taken while it ran (test/package/cdn-hls.node.test.ts).
    const iife = read('cdn/nano-meet.iife.js');
    const base = /import\(new URL\("\.\/element-nano-meet\.js",(\w+)\)\.href\)/.exec(iife)?.[1];
    assert.ok(base);
    assert.ok(iife.includes(`${again.exec(iife)?.[1]}(new URL("./classic-api.js",${base}).href)`));
  });

  it('imports nothing, statically or on demand, and takes the entry’s modules from its registry', () => {
    const source = read('cdn/classic-api.js');
    assert.deepEqual(
      [...source.matchAll(STATIC_IMPORT)].map((match) => match[1]),
      [],
    );
    assert.equal(/\bimport\(/.test(source), false, 'no dynamic import');
    const registry = /Symbol\.for\("(nano-meet\.shared-core:[0-9a-f]{8})"\)/.exec(source)?.[1];
    assert.ok(registry, 'it reads the modules the entry registered');
    for (const entry of ['nano-meet.js', 'nano-meet.iife.js'])
      assert.ok(read(`cdn/${entry}`).includes(`Symbol.for("${registry}")`), `${entry} registers them there`);
    // The error class is the entries' (pages test instanceof): no class of its own.
    assert.equal(/\bclass\b/.test(source), false, 'classic-api.js defines a class');
  });

  it("the npm build imports it on demand, for the app's bundler to split", () => {
    assert.match(read('api/nano-meet.js'), /import\(['"]\.\/classic-api\.js['"]\)/);
    assert.match(read('api/classic-api.js'), /export \{[^}]*\bjoined\b/);
  });
});
