/**
 * One copy of each module on a CDN page (rollup.config.mjs). The entries (nano-meet.js, nano-meet.iife.js) carry
 * what a meeting needs before its iframe exists; the files they load on demand (the element files, the classic API's
 * half) use much of that too (the token, the catalogue, the iframe and its URL), and as builds of their own would
 * carry it a second time. Instead the entry registers those modules on the page (src/cdn/shared-core.ts, filled in
 * here), and those builds turn each import of one into a read of that registry. The modules in question are found,
 * not listed: those both sides reach, from a first pass over each that writes nothing.
 */
import { createHash } from 'node:crypto';
import { rollup } from 'rollup';

/**
 * The global the registry lives under, with Symbol.for: both entries of one build share it. Its name carries a
 * fingerprint of the shared modules' code and slots, so that a page with two builds of nano-meet (two versions on
 * one CMS page) keeps two registries, and an element file never reads another build's slots.
 */
const REGISTRY = 'nano-meet.shared-core';
const SHIM = '\0nano-meet-shared-core:';
const TAKE = '\0nano-meet-shared-core-take';

/**
 * The module graph from `input` as rollup resolves it with `plugins`: each module's static imports, its dynamic
 * ones (followed only where `dynamic` is set: the CDN builds fetch them at run time) and its exports.
 */
export async function moduleGraph(input, plugins, { dynamic }) {
  const graph = { entries: [], imports: new Map(), dynamicImports: new Map(), exports: new Map(), code: new Map() };
  const bundle = await rollup({
    input,
    onwarn: () => {},
    plugins: [
      {
        name: 'nano-meet:module-graph',
        resolveDynamicImport: () => (dynamic ? null : false),
        moduleParsed(info) {
          if (info.isEntry) graph.entries.push(info.id);
          graph.imports.set(info.id, info.importedIds);
          graph.dynamicImports.set(info.id, info.dynamicallyImportedIds);
          graph.exports.set(info.id, info.exports ?? []);
          graph.code.set(info.id, info.code ?? '');
        },
      },
      ...plugins,
    ],
  });
  await bundle.close();
  return graph;
}

/** The ids reachable from `from` in `graph` (following dynamic imports too when asked). */
export function reachableFrom(graph, from, { dynamic = false } = {}) {
  const seen = new Set();
  const walk = (id) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const next of graph.imports.get(id) ?? []) walk(next);
    if (dynamic) for (const next of graph.dynamicImports.get(id) ?? []) walk(next);
  };
  for (const id of [from].flat()) walk(id);
  return seen;
}

/**
 * What the entries register for the files they load on demand: our own modules (not a dependency's, not a virtual
 * one) that both graphs reach, each export with its place in the registry (an array, so that neither side spells a
 * name).
 */
export function sharedCore(entryGraph, entryIds, onDemandGraph, onDemandIds) {
  const entries = reachableFrom(entryGraph, entryIds);
  const modules = [...reachableFrom(onDemandGraph, onDemandIds, { dynamic: true })]
    .filter((id) => entries.has(id) && !id.startsWith('\0') && !id.includes('/node_modules/'))
    .sort();
  const slots = new Map();
  for (const id of modules) {
    for (const name of entryGraph.exports.get(id) ?? []) {
      if (name === '*') throw new Error(`${id} re-exports with export *, which the registry cannot list.`);
      slots.set(`${id}#${name}`, { id, name, index: slots.size });
    }
  }
  // The slots and the code behind them: a build whose shared modules differ in anything has a registry of its own.
  const fingerprint = createHash('sha256');
  for (const id of modules) fingerprint.update(`${id.replace(process.cwd(), '')}\0${entryGraph.code.get(id)}\0`);
  fingerprint.update(JSON.stringify([...slots.values()].map(({ name }) => name)));
  return {
    modules: new Set(modules),
    slots,
    key: `${REGISTRY}:${fingerprint.digest('hex').slice(0, 8)}`,
    /** The slots each build that takes from the registry used, by its name, known once it has run. */
    used: new Map(),
  };
}

/**
 * For the files the entries load (the element files, the classic API's half): an import of a registered module reads
 * what it needs from the registry. `build` names this build for registerSharedCore().
 */
export function takeSharedCore(core, build) {
  return {
    name: 'nano-meet:take-shared-core',
    async resolveId(source, importer, options) {
      if (source === TAKE) return TAKE;
      if (!importer || source.startsWith('\0')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved && core.modules.has(resolved.id) ? `${SHIM}${resolved.id}` : null;
    },
    load(id) {
      if (id === TAKE)
        return `const registry = globalThis[Symbol.for(${JSON.stringify(core.key)})];
export function take(slot) {
  if (!registry || !(slot in registry))
    throw new Error('nano-meet: a file of dist/cdn/ was loaded without nano-meet.js or nano-meet.iife.js of the same version from its folder.');
  return registry[slot];
}`;
      if (!id.startsWith(SHIM)) return null;
      const real = id.slice(SHIM.length);
      const lines = [`import { take } from ${JSON.stringify(TAKE)};`];
      for (const { id: module, name, index } of core.slots.values()) {
        if (module !== real) continue;
        const value = `/*#__PURE__*/ take(${index})`;
        lines.push(name === 'default' ? `export default ${value};` : `export const ${name} = ${value};`);
      }
      return { code: lines.join('\n'), moduleSideEffects: false };
    },
    generateBundle(_options, bundle) {
      const used = new Set();
      core.used.set(build, used);
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        for (const [id, module] of Object.entries(chunk.modules)) {
          if (!id.startsWith(SHIM)) continue;
          const real = id.slice(SHIM.length);
          for (const name of module.renderedExports) used.add(core.slots.get(`${real}#${name}`).index);
        }
      }
    },
  };
}

/**
 * For the entries: fills `registryFile` (src/cdn/shared-core.ts, empty in the source) with what the builds named
 * `takers` took from the registry, each at its slot.
 */
export function registerSharedCore(registryFile, core, takers) {
  return {
    name: 'nano-meet:register-shared-core',
    load(id) {
      if (id !== registryFile) return null;
      const missing = takers.filter((build) => !core.used.has(build));
      if (missing.length) this.error(`Built after the entries (rollup.config.mjs), not before: ${missing.join(', ')}.`);
      const used = new Set(takers.flatMap((build) => [...core.used.get(build)]));
      const slots = [...core.slots.values()].filter(({ index }) => used.has(index));
      const imports = slots.map(({ id, name, index }) => `import { ${name} as s${index} } from ${JSON.stringify(id)};`);
      const array = Array.from({ length: Math.max(-1, ...slots.map(({ index }) => index)) + 1 }, (_, index) =>
        used.has(index) ? `s${index}` : '',
      );
      return `${imports.join('\n')}\nglobalThis[Symbol.for(${JSON.stringify(core.key)})] ??= [${array.join(', ')}];\n`;
    },
  };
}

/** Whether `id` is one of the registry reads takeSharedCore() puts in (they go where the elements share code). */
export const isSharedCoreRead = (id) => id.startsWith(SHIM) || id === TAKE;
