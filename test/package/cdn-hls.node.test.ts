// hls.js is larger than the rest of nano-meet: the CDN bundles must load it from their own folder at run
// time, only when a playout needs HLS, never carry it. Run after `npm run build` (npm test does).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

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
    // The light build: the full one's DRM code (EME) is left out; the playout plays plain HLS only.
    assert.equal(source.includes('createMediaKeys'), false, 'dist/cdn/hls.js is the light build');
    assert.doesNotMatch(source, /sourceMappingURL/, 'no pointer to a source map that is not shipped');
  });

  it('dist/cdn/nano-meet.js and its on-demand chunks carry no hls.js code; the chunk that plays imports ./hls.js relative to itself', () => {
    const files = readdirSync(new URL('dist/cdn/', root)).filter(
      (file) => file.endsWith('.js') && file !== 'hls.js' && file !== 'nano-meet.iife.js',
    );
    assert.ok(files.includes('nano-meet.js'));
    const importing = files.filter((file) =>
      /[\w$]+\(new URL\("\.\/hls\.js",import\.meta\.url\)\.href\)/.test(read(`dist/cdn/${file}`)),
    );
    assert.equal(importing.length, 1, `one chunk imports hls.js: ${importing.join(', ')}`);
    assert.notEqual(importing[0], 'nano-meet.js', 'the entry leaves playing to a chunk loaded when a player starts');
    for (const file of files) {
      for (const marker of HLS_JS_MARKERS)
        assert.equal(read(`dist/cdn/${file}`).includes(marker), false, `${file} contains ${marker}`);
    }
  });

  const ELEMENT_FILES = [
    'element-nano-meet.js',
    'element-nano-meet-broadcast-button.js',
    'element-nano-meet-playout.js',
  ];
  /**
   * The files a built file imports dynamically, relative to the address in `base` (the bundle's own): with `import()`,
   * or through the function that asks again at another address after a failure (rollup.config.mjs, IMPORT_FROM_BESIDE).
   */
  const dynamicImports = (source: string, base: string) =>
    [...source.matchAll(new RegExp(`[\\w$]+\\(new URL\\("\\./([\\w.-]+)",${base}\\)\\.href\\)`, 'g'))].map(
      (match) => match[1],
    );
  const STATIC_IMPORT = /(?:^|[;}\s])import\s*(?:[\w{*$][^;()]*?from\s*)?["']([^"']+)["']/g;

  it('dist/cdn/nano-meet.js imports nothing statically (one response before the iframe); it imports each element file, with the chunk they share, relative to itself', () => {
    const source = read('dist/cdn/nano-meet.js');
    assert.deepEqual([...source.matchAll(STATIC_IMPORT)], []);
    const imported = dynamicImports(source, 'import\\.meta\\.url');
    for (const file of [...ELEMENT_FILES, 'elements-shared.js', 'messages-de.js']) {
      assert.ok(imported.includes(file), `nano-meet.js imports ${file}`);
      assert.ok(existsSync(new URL(`dist/cdn/${file}`, root)), `dist/cdn/${file} exists`);
    }
  });

  it("the element files import nothing from the entries; each imports only the chunk they share, which they take the entry's modules from", () => {
    for (const file of ELEMENT_FILES) {
      const imports = [...read(`dist/cdn/${file}`).matchAll(STATIC_IMPORT)].map((match) => match[1]);
      assert.deepEqual(imports, ['./elements-shared.js'], `${file} imports ${imports.join(', ')}`);
    }
    const shared = read('dist/cdn/elements-shared.js');
    assert.deepEqual([...shared.matchAll(STATIC_IMPORT)], [], 'elements-shared.js imports nothing');
    // Under the name of this build's registry: a page with two builds of nano-meet keeps two.
    const registry = /Symbol\.for\("(nano-meet\.shared-core:[0-9a-f]{8})"\)/.exec(shared)?.[1];
    assert.ok(registry, 'it reads the modules the entry registered');
    for (const entry of ['nano-meet.js', 'nano-meet.iife.js'])
      assert.ok(read(`dist/cdn/${entry}`).includes(`Symbol.for("${registry}")`), `${entry} registers them there`);
    // Code the entry carries is not carried again: the English the entry says is the entry's alone (the elements'
    // own English is theirs: test/package/cdn-english.node.test.ts).
    const marker = 'did not define JitsiMeetExternalAPI';
    assert.ok(read('dist/cdn/nano-meet.js').includes(marker));
    for (const file of [...ELEMENT_FILES, 'elements-shared.js'])
      assert.equal(read(`dist/cdn/${file}`).includes(marker), false, `${file} repeats the entry's catalogue`);
  });

  it('dist/cdn/nano-meet-elements.js defines all three by importing the element files as they are', () => {
    const imports = [...read('dist/cdn/nano-meet-elements.js').matchAll(/from\s*["']([^"']+)["']/g)].map((m) => m[1]);
    assert.deepEqual(
      imports,
      ELEMENT_FILES.map((file) => `./${file}`),
    );
  });

  it('dist/cdn/nano-meet.iife.js carries no hls.js code and imports the same element files relative to itself', () => {
    const source = read('dist/cdn/nano-meet.iife.js');
    for (const marker of HLS_JS_MARKERS)
      assert.equal(source.includes(marker), false, `nano-meet.iife.js contains ${marker}`);
    const variable = /import\(new URL\("\.\/element-nano-meet\.js",(\w+)\)\.href\)/.exec(source)?.[1];
    assert.ok(variable);
    for (const file of [...ELEMENT_FILES, 'elements-shared.js'])
      assert.ok(dynamicImports(source, variable).includes(file));
  });

  it('the classic script takes its own address while it runs, for the import later', () => {
    const source = read('dist/cdn/nano-meet.iife.js');
    const variable = /import\(new URL\("\.\/element-nano-meet\.js",(\w+)\)\.href\)/.exec(source)?.[1];
    assert.ok(variable);
    assert.ok(
      source.includes(`var ${variable}=typeof document<"u"&&document.currentScript&&document.currentScript.src`),
      'captured from document.currentScript at load time',
    );
  });

  it("the npm library leaves import('hls.js/light') to the page's bundler", () => {
    const loader = read('dist/playout/load-hls.js');
    assert.match(loader, /import\(['"]hls\.js\/light['"]\)/);
    for (const marker of HLS_JS_MARKERS) assert.equal(loader.includes(marker), false);
  });
});
