/**
 * Bytes a page downloads before the meeting iframe exists, per route, measured on the wire over CDP; and the CDN
 * files: nano-meet.js (what a page needs before the iframe: src/elements/early-meeting, no Lit), the elements
 * bundle it imports once the iframe is up (nano-meet-elements.js), the on-demand chunks, hls.js (light build),
 * and whether hls.js stays out of them all (lazy, a separate file).
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import type { RunningSandbox } from '../src/sandbox/server/sandbox-server.js';
import { loadRoute, ROUTES, type Route } from './meeting-routes.js';
import type { PageServer } from './page-server.js';

const CDN_DIRECTORY = fileURLToPath(new URL('../dist/cdn/', import.meta.url));
const CDN_BUNDLE = `${CDN_DIRECTORY}nano-meet.js`;
const CDN_CLASSIC = `${CDN_DIRECTORY}nano-meet.iife.js`;
/** Lit and the three elements: every page fetches it, once its iframes are up. */
const CDN_ELEMENTS = `${CDN_DIRECTORY}nano-meet-elements.js`;

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
  scripts: { url: string; wireBytes: number; decodedBytes: number; gzipBytes: number; contentEncodingGzip: boolean }[];
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
    /** nano-meet-elements.js alone (Lit and the three elements), fetched after the iframe on every page. */
    elementsGzipBytes: number;
    /** hls.js (its light build), fetched only when a playout plays HLS. */
    hlsGzipBytes: number;
    /** nano-meet.js and every lazy chunk: all our code a page could ever load, hls.js aside. */
    allGzipBytes: number;
    /** The classic-script build (what nano-meet.js carries, as a classic script; it imports the same bundle). */
    classicGzipBytes: number;
  };
  routes: RouteBytes[];
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
    const before = new Set(load.loadedBefore);
    const counted = load.responses.filter((response) => before.has(response.url));
    const scripts = counted
      .filter((response) => isScript(response.mimeType, response.url))
      .map((response) => {
        const decoded = response.body ?? Buffer.alloc(0);
        const gzipBytes = gzipSync(decoded, { level: 9 }).length;
        // A body much smaller on the wire than decoded was compressed in transit.
        return {
          url: response.url,
          wireBytes: response.wireBytes,
          decodedBytes: decoded.length,
          gzipBytes,
          contentEncodingGzip: response.wireBytes < decoded.length * 0.8,
        };
      });
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    routes.push({
      route,
      requests: counted.length,
      wireBytes: sum(counted.map((response) => response.wireBytes)),
      scriptWireBytes: sum(scripts.map((script) => script.wireBytes)),
      scriptDecodedBytes: sum(scripts.map((script) => script.decodedBytes)),
      scriptGzipBytes: sum(scripts.map((script) => script.gzipBytes)),
      scripts,
      hlsBeforeIframe: counted.some((response) => /\/hls(\.[\w-]+)?\.js(\?|$)/.test(new URL(response.url).pathname)),
    });
  }

  const source = await readFile(CDN_BUNDLE);
  const text = source.toString('utf8');
  // Static imports in a minified ES module: `import…from"./x.js"` and bare `import"./x.js"`, never `import(`.
  const staticImports = [
    ...text.matchAll(/import\s*(?:[^'"();]*?\sfrom\s*|[{*][^'"();]*?from\s*)?["'](\.\.?\/[^"']+)["']/g),
  ].map((match) => match[1]!);
  const gzip = async (file: string) => gzipSync(await readFile(file), { level: 9 }).length;
  const chunkFiles = (await readdir(CDN_DIRECTORY)).filter(
    (file) => file.endsWith('.js') && !['nano-meet.js', 'nano-meet.iife.js', 'hls.js'].includes(file),
  );
  const lazyChunks = await Promise.all(
    chunkFiles.map(async (file) => ({ file: `dist/cdn/${file}`, gzipBytes: await gzip(CDN_DIRECTORY + file) })),
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
        !(native?.hlsBeforeIframe ?? true),
      lazyChunks,
      allGzipBytes: gzipBytes + lazyChunks.reduce((total, chunk) => total + chunk.gzipBytes, 0),
      classicGzipBytes: await gzip(CDN_CLASSIC),
      elementsGzipBytes: await gzip(CDN_ELEMENTS),
      hlsGzipBytes: await gzip(`${CDN_DIRECTORY}hls.js`),
    },
    routes,
  };
}
