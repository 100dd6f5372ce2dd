// Browser tests: every test/**/*.test.ts that is not a Node test, in headless Debian Chromium, with two
// Jitsi sandboxes running beside them (two servers, for pages with meetings on both).
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { createServer } from 'node:net';
import { Readable } from 'node:stream';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { tsImport } from 'tsx/esm/api';
import { CHROMIUM_FLAGS, findChromium } from './test/support/find-chromium.mjs';
import { wtrCountReporter } from './test/support/count-reporter.mjs';

/** A loopback port that nothing listens on: taken from the system, then let go. */
async function closedPort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Starts the sandboxes with the test server and tells the pages where they are at `/__sandbox__.json`, and at
 * `/__closed-port__.json` a port that refuses connections (a meeting server that is down).
 */
function sandboxPlugin() {
  let sandboxes = [];
  let refusing = 0;
  return {
    name: 'nano-meet-sandbox',
    async serverStart() {
      const { startSandbox } = await tsImport('./src/sandbox/server/sandbox-server.ts', import.meta.url);
      // [0] with the broadcast studio, [1] another server (another origin), [2] for tests that switch faults on.
      // [2] resumes broken connections on a 50 ms unit instead of Jitsi's 1 s, so a drop is reported within 2 s.
      const other = { host: '127.0.0.1', media: false };
      const faults = { media: false, resume: { unitMs: 50 } };
      sandboxes = await Promise.all([startSandbox(), startSandbox(other), startSandbox(faults)]);
      refusing = await closedPort();
    },
    async serverStop() {
      await Promise.all(sandboxes.map((sandbox) => sandbox.close()));
    },
    serve(context) {
      if (context.path === '/__closed-port__.json') return { body: JSON.stringify({ port: refusing }), type: 'json' };
      if (context.path !== '/__sandbox__.json') return undefined;
      return { body: JSON.stringify(sandboxes.map((sandbox) => sandbox.info)), type: 'json' };
    },
  };
}

/**
 * `/test/package/strict-csp/<page>.html?csp=<policy>`: the page as it is on disk, without the script the test
 * server adds to HTML, with that Content-Security-Policy header, as a production server would send it.
 */
async function strictCspPage(context, next) {
  const policy = context.query.csp;
  if (!/^\/test\/package\/strict-csp\/[\w-]+\.html$/.test(context.path) || typeof policy !== 'string') return next();
  context.set('Content-Security-Policy', policy);
  context.type = 'html';
  context.body = await readFile(new URL(`.${context.path}`, import.meta.url), 'utf8');
}

/**
 * `/__endless-branding__.json`: a branding file whose body does not end (a JSON string growing by 16 KiB a
 * millisecond, for a minute, or until the page goes), as a hostile or broken server may send: what reads it must stop
 * on its own, before its timeout (test/branding/branding.test.ts).
 */
async function endlessBranding(context, next) {
  if (context.path !== '/__endless-branding__.json') return next();
  const chunk = 'a'.repeat(16 * 1024);
  context.type = 'json';
  context.body = Readable.from(
    (async function* () {
      yield '{"backgroundColor": "#123456", "padding": "';
      for (const end = Date.now() + 60_000; Date.now() < end;) {
        yield chunk;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })(),
  );
}

/**
 * `/held-cdn/<page>/<file>`: dist/cdn/<file> as it is on disk, from a folder of that page's own, except
 * classic-api.js, which waits until the page asks for `/held-cdn/<page>/release?status=<status>`: then it comes
 * (200) or fails with that status, for that request and every later one. A page can then see what happens before the
 * classic API's on-demand half arrives, or without it (test/package/cdn-classic-api.test.ts).
 */
function heldCdnFiles() {
  const holds = new Map();
  const hold = (page) => {
    if (!holds.has(page)) {
      let release;
      const released = new Promise((resolve) => (release = resolve));
      holds.set(page, { released, release });
    }
    return holds.get(page);
  };
  return async (context, next) => {
    const [, page, file] = /^\/held-cdn\/([\w-]+)\/([\w.-]+)$/.exec(context.path) ?? [];
    if (!page) return next();
    if (file === 'release') {
      hold(page).release(Number(context.query.status ?? 200));
      context.body = 'released';
      return;
    }
    if (file === 'classic-api.js') {
      const status = await hold(page).released;
      if (status !== 200) return void (context.status = status);
    }
    context.type = 'js';
    context.body = await readFile(new URL(`./dist/cdn/${file}`, import.meta.url), 'utf8');
  };
}

/**
 * `/flaky-cdn/<page>/<file>`: dist/cdn/<file> as it is on disk, from a folder of that page's own, except that the
 * first request of `element-nano-meet-broadcast-button.js` and of `playout-engines.js` is answered 503, as a network
 * that drops a request might. test/package/cdn-autoload-retry.test.ts shows what the next attempt does.
 */
function onceFailingCdnFiles() {
  const asked = new Set();
  return async (context, next) => {
    const [, page, file] = /^\/flaky-cdn\/([\w-]+)\/([\w.-]+)$/.exec(context.path) ?? [];
    if (!page) return next();
    const key = `${page}/${file}`;
    if (['element-nano-meet-broadcast-button.js', 'playout-engines.js'].includes(file) && !asked.has(key)) {
      asked.add(key);
      return void (context.status = 503);
    }
    context.type = 'js';
    context.body = await readFile(new URL(`./dist/cdn/${file}`, import.meta.url), 'utf8');
  };
}

/**
 * `executeServerCommand('gzip-size', '/dist/cdn/x.js')`: the gzip size of a built file as it is on disk. The test
 * server transforms the JavaScript it serves, so a page cannot measure what a CDN would send.
 */
function gzipSizePlugin() {
  return {
    name: 'nano-meet-gzip-size',
    executeCommand({ command, payload }) {
      if (command !== 'gzip-size') return undefined;
      const file = new URL(`.${new URL(String(payload), 'http://x').pathname}`, import.meta.url);
      if (!file.pathname.startsWith(new URL('./dist/', import.meta.url).pathname)) throw new Error('dist/ only');
      return gzipSync(readFileSync(file), { level: 9 }).length;
    },
  };
}

/**
 * `executeServerCommand('live-objects', 'PermissionStatus')`: how many objects of that class (an expression for its
 * constructor in the page) are alive in the page after a full garbage collection, as DevTools' queryObjects counts them.
 * A page cannot count its own objects, and what a browser keeps alive for a page is no object the page can see.
 */
function liveObjectsPlugin() {
  return {
    name: 'nano-meet-live-objects',
    async executeCommand({ command, payload, session }) {
      if (command !== 'live-objects') return undefined;
      const page = session.browser.getPage(session.id);
      const cdp = await page.createCDPSession();
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.detach();
      const prototype = await page.evaluateHandle(`(${String(payload)}).prototype`);
      const objects = await page.queryObjects(prototype);
      const count = await objects.evaluate((list) => list.length);
      await Promise.all([prototype.dispose(), objects.dispose()]);
      return count;
    },
  };
}

export default {
  files: ['test/**/*.test.ts', '!test/**/*.node.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  middleware: [strictCspPage, heldCdnFiles(), onceFailingCdnFiles(), endlessBranding],
  // a11ySnapshot: what Chromium's accessibility tree exposes (names, descriptions), for accessibility tests.
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    sandboxPlugin(),
    a11ySnapshotPlugin(),
    gzipSizePlugin(),
    liveObjectsPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: findChromium(),
        headless: true,
        // The sandboxes speak HTTPS with self-signed certificates, as Jitsi's URLs are always https.
        // Two test pages run at once; neither may be throttled or kept from playing media as a background tab.
        args: [
          ...CHROMIUM_FLAGS,
          '--ignore-certificate-errors',
          '--allow-loopback-in-peer-connection',
          '--disable-background-timer-throttling',
          '--disable-renderer-backgrounding',
          '--disable-backgrounding-occluded-windows',
        ],
      },
      // Each test page in a browser context (a window) of its own: two tabs of one window would leave one of them
      // hidden, and Chromium pauses a hidden page's video, so a playout test beside another file saw no frames.
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
    }),
  ],
  // Lit announces its development build once per file; everything else a page logs is shown.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  concurrency: 2,
  testFramework: { config: { timeout: 10000 } },
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), wtrCountReporter()],
};
