/**
 * Bytes a page downloads before the meeting iframe exists, per route, measured on the wire over CDP; what three kinds
 * of page download in all (only `<nano-meet>`, only `<nano-meet-playout>`, all three elements); and the CDN files:
 * nano-meet.js (what a page needs before the iframe, src/elements/early-meeting, and the autoloader), the element
 * files it fetches when a tag is first used with the chunk they share, the on-demand chunks, hls.js (light build),
 * and whether hls.js stays out of them all (lazy, a separate file).
 */
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import type { RunningSandbox } from '../src/sandbox/server/sandbox-server.js';
import {
  ALL_THREE,
  loadRoute,
  ONLY_PLAYOUT,
  ROUTES,
  type BenchPage,
  type Route,
  type RouteLoad,
  type WireResponse,
} from './meeting-routes.js';
import type { PageServer } from './page-server.js';

const CDN_DIRECTORY = fileURLToPath(new URL('../dist/cdn/', import.meta.url));
const CDN_BUNDLE = `${CDN_DIRECTORY}nano-meet.js`;
const CDN_CLASSIC = 'nano-meet.iife.js';
/** What every element file imports (Lit, and what two elements share), and the element files. */
export const CDN_ELEMENTS_SHARED = 'elements-shared.js';
const CDN_ELEMENT_FILES = [
  'element-nano-meet.js',
  'element-nano-meet-broadcast-button.js',
  'element-nano-meet-playout.js',
];
const CDN_HLS = 'hls.js';

/** One script a page fetched, and its size as gzip -9 of what the browser decoded. */
export interface ScriptBytes {
  url: string;
  wireBytes: number;
  decodedBytes: number;
  gzipBytes: number;
  contentEncodingGzip: boolean;
}

export interface RouteBytes {
  route: Route;
  /** Responses finished before the iframe appeared, the page itself included. */
  requests: number;
  /** Everything on the wire before the iframe, headers included. */
  wireBytes: number;
  /** Scripts only, on the wire (headers included). */
  scriptWireBytes: number;
  /** Scripts only, decoded. */
  scriptDecodedBytes: number;
  /** Scripts only, as gzip -9 would ship them: comparable whatever the server's own encoding. */
  scriptGzipBytes: number;
  scripts: ScriptBytes[];
  /** Whether hls.js was fetched before the iframe appeared. */
  hlsBeforeIframe: boolean;
}

export interface BundleBytesResult {
  bundle: {
    file: string;
    rawBytes: number;
    gzipBytes: number;
    /** What the browser got for `nano-meet.js` on the wire in the native route (gzip, headers included). */
    wireBytes: number | undefined;
    /** Files `nano-meet.js` imports statically (all load with it, before the iframe); hls.js must not be one. */
    staticImports: string[];
    hlsInlined: boolean;
    hlsLazy: boolean;
    /**
     * The files nano-meet.js imports later: the elements bundle once the iframe is up, and the chunks it imports
     * when needed (playout engines, external route); hls.js not included.
     */
    lazyChunks: { file: string; gzipBytes: number }[];
    /** elements-shared.js and each element file, fetched when the page first uses a tag (after the iframe). */
    elementFiles: { file: string; gzipBytes: number }[];
    /** hls.js (its light build), fetched only when a playout plays HLS. */
    hlsGzipBytes: number;
    /** Whether dist/cdn/hls.js is hls.js's light build (hls.light.min.mjs) rather than the full one. */
    hlsLightBuild: boolean;
    /** nano-meet.js and every lazy chunk: all our code a page could ever load, hls.js aside. */
    allGzipBytes: number;
    /** The classic-script build (what nano-meet.js carries, as a classic script; it imports the same bundle). */
    classicGzipBytes: number;
  };
  routes: RouteBytes[];
  /**
   * Pages from nano-meet.js: only `<nano-meet>`, only `<nano-meet-playout>` (a viewer's), and `<nano-meet>` with a
   * broadcast button and a playout. For each, the scripts it fetched before its meeting's iframe existed, and every
   * script of ours it downloaded once its elements were defined and it had gone quiet (the meeting page's own
   * scripts, in the iframe, not counted).
   */
  pages: Record<'onlyMeeting' | 'onlyPlayout' | 'allThree', PageScripts>;
}

export interface PageScripts {
  beforeIframe: ScriptBytes[];
  all: ScriptBytes[];
  hlsFetched: boolean;
}

const isScript = (mimeType: string, url: string) => /javascript|ecmascript/.test(mimeType) || /\.m?js(\?|$)/.test(url);

export async function measureBundleBytes(
  browser: Browser,
  server: PageServer,
  sandbox: RunningSandbox,
): Promise<BundleBytesResult> {
  const routes: RouteBytes[] = [];
  for (const route of ROUTES) {
    const load = await loadRoute(browser, server, sandbox, route, `bench_bytes_${route}`, true);
    const counted = beforeIframe(load);
    const scripts = scriptBytes(counted);
    routes.push({
      route,
      requests: counted.length,
      wireBytes: sum(counted.map((response) => response.wireBytes)),
      scriptWireBytes: sum(scripts.map((script) => script.wireBytes)),
      scriptDecodedBytes: sum(scripts.map((script) => script.decodedBytes)),
      scriptGzipBytes: sum(scripts.map((script) => script.gzipBytes)),
      scripts,
      hlsBeforeIframe: counted.some(isHls),
    });
  }
  const settledPage = async (page: BenchPage): Promise<PageScripts> => {
    const load = await loadRoute(browser, server, sandbox, page, `bench_bytes_${page.replace('-', '_')}`, true, {
      settled: true,
    });
    // Ours only: the meeting server's scripts load in the iframe, as on any route.
    const ours = load.responses.filter((response) => !response.url.startsWith(sandbox.url));
    return { beforeIframe: scriptBytes(beforeIframe(load)), all: scriptBytes(ours), hlsFetched: ours.some(isHls) };
  };
  const pages = {
    onlyMeeting: await settledPage('native'),
    onlyPlayout: await settledPage(ONLY_PLAYOUT),
    allThree: await settledPage(ALL_THREE),
  };

  const source = await readFile(CDN_BUNDLE);
  const text = source.toString('utf8');
  // Static imports in a minified ES module: `import…from"./x.js"` and bare `import"./x.js"`, never `import(`.
  const staticImports = [
    ...text.matchAll(/import\s*(?:[^'"();]*?\sfrom\s*|[{*][^'"();]*?from\s*)?["'](\.\.?\/[^"']+)["']/g),
  ].map((match) => match[1]!);
  const chunkFiles = (await readdir(CDN_DIRECTORY)).filter(
    (file) => file.endsWith('.js') && !['nano-meet.js', 'nano-meet.iife.js', 'hls.js'].includes(file),
  );
  const lazyChunks = await Promise.all(
    chunkFiles.map(async (file) => ({ file: `dist/cdn/${file}`, gzipBytes: await cdnFileGzipBytes(file) })),
  );
  const gzipBytes = gzipSync(source, { level: 9 }).length;
  const native = routes.find((entry) => entry.route === 'native');
  const wire = native?.scripts.find((script) => new URL(script.url).pathname === '/cdn/nano-meet.js');
  return {
    bundle: {
      file: 'dist/cdn/nano-meet.js',
      rawBytes: source.length,
      gzipBytes,
      wireBytes: wire?.wireBytes,
      staticImports,
      // hls.js's event names: present only if hls.js was bundled in rather than loaded on demand.
      hlsInlined: text.includes('hlsManifestLoading'),
      hlsLazy:
        !text.includes('hlsManifestLoading') &&
        !staticImports.some((file) => /hls/.test(file)) &&
        !(native?.hlsBeforeIframe ?? true) &&
        !Object.values(pages).some((page) => page.hlsFetched),
      lazyChunks,
      allGzipBytes: gzipBytes + lazyChunks.reduce((total, chunk) => total + chunk.gzipBytes, 0),
      classicGzipBytes: await cdnFileGzipBytes(CDN_CLASSIC),
      elementFiles: await Promise.all(
        [CDN_ELEMENTS_SHARED, ...CDN_ELEMENT_FILES].map(async (file) => ({
          file,
          gzipBytes: await cdnFileGzipBytes(file),
        })),
      ),
      hlsGzipBytes: await cdnFileGzipBytes(CDN_HLS),
      hlsLightBuild: await isHlsLightBuild(),
    },
    routes,
    pages,
  };
}

/** gzip -9 of a file of dist/cdn/, as built. */
export async function cdnFileGzipBytes(name: string): Promise<number> {
  return gzipSync(await readFile(CDN_DIRECTORY + name), { level: 9 }).length;
}

/** Responses finished before the iframe appeared, the page itself included. */
function beforeIframe(load: RouteLoad): WireResponse[] {
  const before = new Set(load.loadedBefore);
  return load.responses.filter((response) => before.has(response.url));
}

const isHls = (response: WireResponse) => /\/hls(\.[\w-]+)?\.js(\?|$)/.test(new URL(response.url).pathname);

function scriptBytes(responses: WireResponse[]): ScriptBytes[] {
  return responses
    .filter((response) => isScript(response.mimeType, response.url))
    .map((response) => {
      const decoded = response.body ?? Buffer.alloc(0);
      return {
        url: response.url,
        wireBytes: response.wireBytes,
        decodedBytes: decoded.length,
        gzipBytes: gzipSync(decoded, { level: 9 }).length,
        // A body much smaller on the wire than decoded was compressed in transit.
        contentEncodingGzip: response.wireBytes < decoded.length * 0.8,
      };
    });
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** The gzip -9 bytes of some scripts together. */
export const gzipTotal = (scripts: readonly { gzipBytes: number }[]): number =>
  sum(scripts.map((script) => script.gzipBytes));

/** dist/cdn/hls.js is hls.js's light ES build as the build copies it (rollup.config.mjs: without its map comment). */
async function isHlsLightBuild(): Promise<boolean> {
  const light = createRequire(import.meta.url).resolve('hls.js/dist/hls.light.min.mjs');
  const shipped = await readFile(CDN_DIRECTORY + CDN_HLS, 'utf8');
  return shipped === (await readFile(light, 'utf8')).replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
}
