// hls.js is larger than the rest of nano-meet: the CDN bundles must load it from their own folder at run
// time, only when a playout needs HLS, never carry it. Run after `npm run build` (npm test does).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), 'utf8');

// Names from hls.js's default configuration and its errors: minification keeps them, nano-meet never uses them.
const HLS_JS_MARKERS = ['abrEwmaFastLive', 'fragLoadingMaxRetryTimeout', 'bufferAppendingError'];

describe('hls.js in the CDN builds', () => {
  it('is its own file next to the bundles, an ES module with a default export', () => {
    const file = new URL('dist/cdn/hls.js', root);
    assert.ok(existsSync(file), 'dist/cdn/hls.js exists');
    const source = read('dist/cdn/hls.js');
    for (const marker of HLS_JS_MARKERS) assert.ok(source.includes(marker), `dist/cdn/hls.js has ${marker}`);
    assert.match(source, /\bas default\b/);
    assert.doesNotMatch(source, /sourceMappingURL/, 'no pointer to a source map that is not shipped');
  });

  for (const [file, base] of [
    ['dist/cdn/nano-meet.js', /import\(new URL\("\.\/hls\.js",import\.meta\.url\)\.href\)/],
    ['dist/cdn/nano-meet.iife.js', /import\(new URL\("\.\/hls\.js",(\w+)\)\.href\)/],
  ] as const) {
    it(`${file} carries no hls.js code and imports ./hls.js relative to itself`, () => {
      const source = read(file);
      for (const marker of HLS_JS_MARKERS) assert.equal(source.includes(marker), false, `${file} contains ${marker}`);
      assert.match(source, base);
    });
  }

  it('the classic script takes its own address while it runs, for the import later', () => {
    const source = read('dist/cdn/nano-meet.iife.js');
    const variable = /import\(new URL\("\.\/hls\.js",(\w+)\)\.href\)/.exec(source)?.[1];
    assert.ok(variable);
    assert.ok(source.includes(`var ${variable}=typeof document<"u"&&document.currentScript&&document.currentScript.src`), 'captured from document.currentScript at load time');
  });

  it("the npm library leaves import('hls.js') to the page's bundler", () => {
    const loader = read('dist/playout/load-hls.js');
    assert.match(loader, /import\(['"]hls\.js['"]\)/);
    for (const marker of HLS_JS_MARKERS) assert.equal(loader.includes(marker), false);
  });
});
