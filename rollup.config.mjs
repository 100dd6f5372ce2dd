// Three builds from one source tree:
//  (a) the npm library in dist/ (one file per module, dependencies external, .d.ts from tsc beside it);
//  (b) dist/cdn/nano-meet.js: one minified ES module with every dependency inlined, for a CDN <script type=module>,
//      plus the chunks it imports on demand (the playout engines, the external route);
//  (c) dist/cdn/nano-meet.iife.js: the same as a classic script that defines the elements and window.NanoMeet,
//      for CMS pages that cannot load modules.
// hls.js is the exception: the playout imports it only when it needs HLS, and it is larger than everything
// else together. (a) keeps `import('hls.js')` for the page's bundler; (b) and (c) ship it as dist/cdn/hls.js
// and import that file at run time from next to the bundle.
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';

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
 * Keeps hls.js out of a CDN bundle: its dynamic import becomes `import(new URL('./hls.js', <bundle URL>))`
 * and hls.js's own minified ES module is written next to the bundle as hls.js. A static import of hls.js
 * would put it back on every page, so it is refused.
 */
const hlsAtRunTime = (format) => ({
  name: 'nano-meet:hls-at-run-time',
  resolveId(source, importer) {
    if (source === 'hls.js' || source.startsWith('hls.js/'))
      this.error(`${importer} imports ${source} statically; use loadHls() (src/playout/load-hls.ts).`);
    return null;
  },
  resolveDynamicImport(specifier) {
    return specifier === 'hls.js' ? { id: './hls.js', external: true } : null;
  },
  renderDynamicImport({ targetModuleId }) {
    if (targetModuleId !== './hls.js') return null;
    const base = format === 'es' ? 'import.meta.url' : IIFE_BUNDLE_URL;
    return { left: 'import(new URL(', right: `, ${base}).href)` };
  },
  generateBundle() {
    const file = createRequire(import.meta.url).resolve('hls.js/dist/hls.min.mjs');
    // Its source map is not shipped, so the comment pointing to it goes.
    const source = readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
    this.emitFile({ type: 'asset', fileName: 'hls.js', source });
  },
});

// Lit's html`` and css`` templates keep their white space unless minified themselves; terser leaves strings alone.
const minifyTemplates = () => minifyTemplateLiterals({ include: ['src/**'] });

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
    input: 'src/index.ts',
    plugins: [browserOnly(), hlsAtRunTime('es'), browserResolve(), typescript(), minifyTemplates(), minify()],
    onwarn,
    // The lazy chunks import what they share with the entry from it, rather than from a third file.
    preserveEntrySignatures: 'allow-extension',
    // What a page needs only once it plays a broadcast or asks for the external route is split off and fetched
    // from next to the bundle when needed; nano-meet.js alone defines all three elements. No hashes in the names:
    // CDN addresses carry the package version, and a rebuild leaves no stale chunks behind.
    output: {
      dir: 'dist/cdn',
      entryFileNames: 'nano-meet.js',
      chunkFileNames: '[name].js',
      format: 'es',
      sourcemap: true,
    },
  },
  {
    input: 'src/global.ts',
    plugins: [browserOnly(), hlsAtRunTime('iife'), browserResolve(), typescript(), minifyTemplates(), minify()],
    onwarn,
    // A classic script is one file: it carries the lazily loaded parts inline (hls.js still comes from next to it).
    output: {
      file: 'dist/cdn/nano-meet.iife.js',
      format: 'iife',
      intro: iifeIntro,
      inlineDynamicImports: true,
      sourcemap: true,
    },
  },
];
