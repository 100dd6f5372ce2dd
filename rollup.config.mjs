// Four builds from one source tree:
//  (a) the npm library in dist/ (one file per module, dependencies external, .d.ts from tsc beside it);
//  (b) dist/cdn/nano-meet.js: the ES module a CDN page loads. It carries only what a meeting needs before its iframe
//      exists (src/elements/early-meeting: token, allowlist, preconnect, iframe; no Lit), the classic API's part
//      that puts the meeting up and decodeToken, and an autoloader (src/cdn/autoloader.ts) that fetches each
//      element's file from next to itself when the page first uses its tag;
//  (c) the element files beside it: one per element (element-<tag>.js), the chunk they share (elements-shared.js:
//      Lit and what two elements have in common), the chunks they import on demand (the playout engines, the
//      external route, German), and nano-meet-elements.js, which defines all three and exports their classes; and,
//      in a build of its own, classic-api.js: the classic API's half that a page needs only once it calls the API
//      (src/api/classic-api.ts), fetched by the entries when the page makes a NanoMeet;
//  (d) dist/cdn/nano-meet.iife.js: the same as (b) as a classic script that defines window.NanoMeet at once, for CMS
//      pages that cannot load modules; it loads the same element files.
// The modules (b) and (d) carry that (c) uses too (the token, the catalogue, the iframe...) are not carried again by
// (c): the entry registers them on the page (src/cdn/shared-core.ts), and (c) takes them from there.
// hls.js is larger than everything else together: the playout imports its light build only when it needs HLS. (a)
// keeps `import('hls.js/light')` for the page's bundler; (c) ships it as dist/cdn/hls.js, imported at run time
// from next to the bundle.
import { builtinModules } from 'node:module';
import { resolve as resolvePath } from 'node:path';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';
import {
  isSharedCoreRead,
  moduleGraph,
  reachableFrom,
  registerSharedCore,
  sharedCore,
  takeSharedCore,
} from './src/tooling/rollup-shared-core.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const dependencies = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
const isExternal = (id) =>
  id.startsWith('node:') ||
  builtinModules.includes(id) ||
  dependencies.some((name) => id === name || id.startsWith(`${name}/`));

const typescript = () => esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' });

// The browser builds must never contain Node-only code or secrets-handling code.
const browserOnly = () => ({
  name: 'nano-meet:browser-only',
  resolveId(source, importer) {
    if (source.startsWith('node:') || /\/server\//.test(source)) {
      this.error(`${importer} imports ${source}, which must never reach a browser bundle.`);
    }
    return null;
  },
});

// lit ships annotations and cycles rollup reports but handles; our own code gets every warning.
const onwarn = (warning, warn) => {
  const inDependency = (warning.ids ?? [warning.id ?? '']).every((id) => id.includes('node_modules'));
  if (inDependency && ['INVALID_ANNOTATION', 'CIRCULAR_DEPENDENCY', 'THIS_IS_UNDEFINED'].includes(warning.code)) return;
  warn(warning);
};

// The bundle's own address, taken while the classic script runs (document.currentScript is null later).
const IIFE_BUNDLE_URL = '__nanoMeetBundleUrl';
const iifeIntro = `var ${IIFE_BUNDLE_URL} = typeof document < 'u' && document.currentScript && document.currentScript.src || (typeof location < 'u' ? location.href : '');`;

/**
 * How a CDN build imports a file from next to itself that no file imports statically (classic-api.js, messages-de.js,
 * hls.js, playout-engines.js, external-session.js). A browser that follows the HTML standard as it was until 2026 keeps
 * a failed module fetch for the page's life: importing the same address again fails at once, with no request
 * (Chromium 150 does; whatwg/html#10327 changed the rule, and Chromium 156 fetches again). So after a failure the next
 * import asks for the file at another address, `?attempt=N`: the failed one never ran, and nothing else imports the
 * file, so no module runs twice.
 *
 * The element files are imported statically too (playout-engines.js imports what it shares with
 * element-nano-meet-playout.js from it, nano-meet-elements.js re-exports them): at a second address an element file
 * would run a second time for them, or stay failed for them. They are imported again at their own address, which
 * such a browser refuses at once: there, a page that lost an element file must be reloaded.
 */
const IMPORT_FROM_BESIDE = '__nanoMeetImport';
const importFromBeside = `const ${IMPORT_FROM_BESIDE} = ((failures) => (url) => {
  const attempt = failures.get(url) || 0;
  return import(attempt ? url + '?attempt=' + attempt : url).catch((error) => {
    failures.set(url, attempt + 1);
    throw error;
  });
})(new Map());`;

/**
 * What a CDN build fetches at run time from next to itself instead of carrying it: a dynamic import of one of
 * `files`' specifiers becomes an import of `new URL('./<file>', <bundle URL>).href`, through IMPORT_FROM_BESIDE unless
 * the file is one of `importedStatically`; `alongside` names what a file imports statically, asked for at the same
 * moment. The build's own lazy chunks are imported through IMPORT_FROM_BESIDE too, and the build fails if another
 * chunk imports one of them statically. hls.js must only ever be imported at run time: a static import would put it
 * back on every page, so it is refused.
 */
const atRunTime = (format, files, { alongside = {}, importedStatically = [] } = {}) => {
  const retriedChunks = new Set();
  return {
    name: 'nano-meet:at-run-time',
    resolveId(source, importer) {
      if (source === 'hls.js' || source.startsWith('hls.js/'))
        this.error(`${importer} imports ${source} statically; use loadHls() (src/playout/load-hls.ts).`);
      return null;
    },
    resolveDynamicImport(specifier) {
      return typeof specifier === 'string' && files[specifier] ? { id: files[specifier], external: true } : null;
    },
    renderDynamicImport({ targetModuleId, targetChunk }) {
      const base = format === 'es' ? 'import.meta.url' : IIFE_BUNDLE_URL;
      // A chunk of this build: rollup writes its address relative to the importing file, as URL() takes it.
      if (targetChunk && format === 'es') {
        retriedChunks.add(targetChunk.fileName);
        return { left: `${IMPORT_FROM_BESIDE}(new URL(`, right: `, ${base}).href)` };
      }
      if (!Object.values(files).includes(targetModuleId)) return null;
      const early = (alongside[targetModuleId] ?? [])
        .map((file) => `import(new URL(${JSON.stringify(file)}, ${base}).href).catch(() => {}), `)
        .join('');
      const load = importedStatically.includes(targetModuleId) ? 'import' : IMPORT_FROM_BESIDE;
      return { left: `(${early}${load}(new URL(`, right: `, ${base}).href))` };
    },
    // In every chunk; the minifier drops it from those that import nothing this way.
    intro: () => importFromBeside,
    generateBundle(_, bundle) {
      for (const chunk of Object.values(bundle)) {
        const imported = chunk.type === 'chunk' ? chunk.imports.filter((file) => retriedChunks.has(file)) : [];
        if (imported.length)
          this.error(
            `${chunk.fileName} imports ${imported} statically, which is also imported again at another address`,
          );
      }
    },
  };
};

const HLS = { 'hls.js/light': './hls.js' };
// src/i18n/catalogue.ts imports German on demand; build (c) makes it messages-de.js, which the catalogue (carried by
// the entries) fetches from next to itself.
const MESSAGES = { './messages-de.js': './messages-de.js' };
// src/cdn/autoloader.ts imports each element's module when its tag is first used: build (c)'s element files.
const ELEMENT_INPUTS = {
  'element-nano-meet': 'src/elements/nano-meet.ts',
  'element-nano-meet-broadcast-button': 'src/elements/nano-meet-broadcast-button.ts',
  'element-nano-meet-playout': 'src/elements/nano-meet-playout.ts',
};
const ELEMENT_FILES = Object.fromEntries(
  Object.entries(ELEMENT_INPUTS).map(([name, file]) => [
    file.replace('src/elements/', '../elements/').replace(/\.ts$/, '.js'),
    `./${name}.js`,
  ]),
);
// What every element file imports: Lit and the code two elements share.
const ELEMENTS_SHARED = 'elements-shared';
const ELEMENT_FILES_ALONGSIDE = Object.fromEntries(
  Object.values(ELEMENT_FILES).map((file) => [file, [`./${ELEMENTS_SHARED}.js`]]),
);
// src/api/nano-meet.ts imports the classic API's on-demand half: build (c)'s classic-api.js.
const CLASSIC_API_INPUT = 'src/api/classic-api.ts';
const CLASSIC_API = { './classic-api.js': './classic-api.js' };
const ENTRY_AT_RUN_TIME = { ...ELEMENT_FILES, ...MESSAGES, ...CLASSIC_API };

/** src/cdn/elements.ts's imports of the elements stay imports of their files in dist/cdn. */
const elementFilesAsTheyAre = () => ({
  name: 'nano-meet:element-files-as-they-are',
  resolveId: (source) => (ELEMENT_FILES[source] ? { id: source, external: true } : null),
});

/** Writes hls.js's light ES module next to the bundle as hls.js. */
const hlsAsset = () => ({
  name: 'nano-meet:hls-asset',
  generateBundle() {
    const file = createRequire(import.meta.url).resolve('hls.js/dist/hls.light.min.mjs');
    // Its source map is not shipped, so the comment pointing to it goes.
    const source = readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
    this.emitFile({ type: 'asset', fileName: 'hls.js', source });
  },
});

// Lit's html`` and css`` templates keep their white space unless minified themselves; terser leaves strings alone.
const minifyTemplates = () =>
  minifyTemplateLiterals({ include: ['src/**'], exclude: ['src/elements/trusted-css-values.ts'] });

// The top level of the repository is fixed, so the license text lives in src/ and the package carries it in dist/.
const licenseFile = () => ({
  name: 'nano-meet:license',
  generateBundle() {
    this.emitFile({
      type: 'asset',
      fileName: 'LICENSE',
      source: readFileSync(new URL('./src/LICENSE', import.meta.url), 'utf8'),
    });
  },
});

const minify = () => terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } });

const browserResolve = () => resolve({ browser: true, exportConditions: ['browser', 'production'] });

// Which modules the entries register for the element files, and which the elements share (rollup-shared-core.mjs).
const ENTRY_INPUTS = ['src/cdn/module.ts', 'src/cdn/classic.ts'];
const SHARED_CORE_FILE = resolvePath('src/cdn/shared-core.ts');
const graphPlugins = () => [atRunTime('es', HLS), browserResolve(), typescript()];
const entryGraph = await moduleGraph(ENTRY_INPUTS, graphPlugins(), { dynamic: false });
// What the entries fetch at run time: the element files and the classic API's half, which both take from the registry.
const onDemandGraph = await moduleGraph([...Object.values(ELEMENT_INPUTS), CLASSIC_API_INPUT], graphPlugins(), {
  dynamic: true,
});
const core = sharedCore(entryGraph, entryGraph.entries, onDemandGraph, onDemandGraph.entries);
// The builds that take from the registry, before the entries' builds, which register what they took.
const ELEMENT_FILES_BUILD = 'element files';
const CLASSIC_API_BUILD = 'classic API';
const TAKERS = [ELEMENT_FILES_BUILD, CLASSIC_API_BUILD];
/**
 * Modules more than one element file reaches: they go into ELEMENTS_SHARED, which each element file imports. The
 * classic API's file is not one of them: it must never pull in ELEMENTS_SHARED (Lit).
 */
const elementEntries = onDemandGraph.entries.filter((id) => id !== resolvePath(CLASSIC_API_INPUT));
const reachedByElements = elementEntries.map((entry) => reachableFrom(onDemandGraph, entry));
const sharedByElements = (id) => reachedByElements.filter((reached) => reached.has(id)).length > 1;

/** The CDN entries (b) and (d): they register the shared core and fetch the element files from next to themselves. */
const entryPlugins = (format) => [
  browserOnly(),
  registerSharedCore(SHARED_CORE_FILE, core, TAKERS),
  atRunTime(format, ENTRY_AT_RUN_TIME, {
    alongside: ELEMENT_FILES_ALONGSIDE,
    importedStatically: Object.values(ELEMENT_FILES),
  }),
  browserResolve(),
  typescript(),
  minifyTemplates(),
  minify(),
];

export default [
  {
    input: {
      index: 'src/index.ts',
      'token/index': 'src/token/index.ts',
      'server/index': 'src/server/index.ts',
      'server/cli': 'src/server/cli.ts',
      'server/browser-guard': 'src/server/browser-guard.ts',
      'elements/nano-meet': 'src/elements/nano-meet.ts',
      'elements/nano-meet-broadcast-button': 'src/elements/nano-meet-broadcast-button.ts',
      'elements/nano-meet-playout': 'src/elements/nano-meet-playout.ts',
      'react/index': 'src/react/index.ts',
    },
    external: isExternal,
    onwarn,
    plugins: [typescript(), licenseFile()],
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true },
  },
  {
    input: Object.fromEntries([
      ...Object.entries(ELEMENT_INPUTS),
      // The catalogue that imports it is the entries': it is built here, as a file of its own.
      ['messages-de', 'src/i18n/messages-de.ts'],
    ]),
    plugins: [
      browserOnly(),
      takeSharedCore(core, ELEMENT_FILES_BUILD),
      atRunTime('es', HLS),
      hlsAsset(),
      browserResolve(),
      typescript(),
      minifyTemplates(),
      minify(),
    ],
    onwarn,
    // The lazy chunks import what they share with an element file from it, rather than from yet another file.
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist/cdn',
      entryFileNames: '[name].js',
      chunkFileNames: '[name].js',
      format: 'es',
      sourcemap: true,
      // A registered module itself is only looked at for its exports: it must not be put anywhere.
      manualChunks: (id) =>
        isSharedCoreRead(id) || (sharedByElements(id) && !core.modules.has(id)) ? ELEMENTS_SHARED : undefined,
    },
  },
  {
    // The classic API's on-demand half, one file that imports nothing: what it shares with the entries (the
    // catalogue, the error class) it takes from their registry. Not part of the element build: there, the registry
    // reads go into ELEMENTS_SHARED (Lit and all), which this file would then import.
    input: CLASSIC_API_INPUT,
    plugins: [browserOnly(), takeSharedCore(core, CLASSIC_API_BUILD), browserResolve(), typescript(), minify()],
    onwarn,
    output: { file: 'dist/cdn/classic-api.js', format: 'es', sourcemap: true },
  },
  {
    // Re-exports the element files as they are, rather than splitting their code into chunks it shares with them.
    input: 'src/cdn/elements.ts',
    plugins: [elementFilesAsTheyAre()],
    output: { file: 'dist/cdn/nano-meet-elements.js', format: 'es', paths: (id) => ELEMENT_FILES[id] ?? id },
  },
  {
    input: 'src/cdn/module.ts',
    plugins: entryPlugins('es'),
    onwarn,
    // One file: everything before the iframe arrives in one response. No hashes in the names: CDN addresses carry
    // the package version, and a rebuild leaves no stale chunks behind.
    output: { file: 'dist/cdn/nano-meet.js', format: 'es', sourcemap: true },
  },
  {
    input: 'src/cdn/classic.ts',
    plugins: entryPlugins('iife'),
    onwarn,
    output: { file: 'dist/cdn/nano-meet.iife.js', format: 'iife', intro: iifeIntro, sourcemap: true },
  },
];
