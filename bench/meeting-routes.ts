/**
 * The ways a page gets a meeting, as bench pages: `<nano-meet>` (native loader, the default) from the CDN module,
 * the same from the classic script (`nano-meet.iife.js`, for CMS pages), `<nano-meet loader="external">`, and the
 * bare official route (`external_api.js` + `new JitsiMeetExternalAPI`).
 * Each page starts with the same observer, which notes `performance.now()` when the meeting iframe with the
 * room's URL is in the DOM (shadow roots included) and which resources the page had loaded by then.
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { createRoomToken } from '../src/server/index.js';
import type { RunningSandbox } from '../src/sandbox/server/sandbox-server.js';
import { attribute, scriptLiteral, type PageServer } from './page-server.js';

export const ROUTES = ['native', 'classic', 'external', 'bare'] as const;
export type Route = (typeof ROUTES)[number];

export const ROUTE_LABELS: Record<Route, string> = {
  native: '<nano-meet> native',
  classic: '<nano-meet> native, classic script',
  external: '<nano-meet loader="external">',
  bare: 'bare external_api.js',
};

/**
 * Not a route but a page: `<nano-meet>` with a broadcast button and a playout beside it, to measure what a page
 * with all three elements downloads (bundle-bytes.ts).
 */
export const ALL_THREE = 'all-three';
/** A viewer's page: only `<nano-meet-playout>`, to measure what the autoloader spares it. */
export const ONLY_PLAYOUT = 'only-playout';
export type BenchPage = Route | typeof ALL_THREE | typeof ONLY_PLAYOUT;

/**
 * Where nano-meet's script comes from: a CDN origin (a CMS page adds a script tag), or the page's own origin (an
 * app that bundles the npm package). The bare route always loads external_api.js from the meeting server.
 */
export type Shipping = 'cdn' | 'own';

export interface LoadOptions {
  /** The page's origin (default: the page server's own). */
  pageOrigin?: string;
  /** The origin nano-meet's script comes from (default: the page's). */
  scriptOrigin?: string;
  /** Also waits for `videoConferenceJoined`. */
  joined?: boolean;
  /** With `wire`: keep the response bodies too (default true). */
  bodies?: boolean;
  /** How long to wait for the iframe (and the join), ms. */
  timeoutMs?: number;
  /**
   * Also waits until the elements on the page are defined and the page has started no request for a while: then
   * `responses` holds everything the page downloads, not just what came before the iframe.
   */
  settled?: boolean;
  /** An origin the page names in a `<link rel="preconnect">` in its head (a page that knows its meeting server). */
  preconnect?: string;
  /**
   * Where the load runs (default: a fresh off-the-record context of `browser`). Chromium honours a page's
   * preconnect hint only in a regular profile: `NetworkOrigins.openRegularProfile` opens a fresh one.
   */
  openContext?: () => Promise<OpenedContext>;
}

/** A browser context a load runs in, and how to be rid of it. */
export interface OpenedContext {
  context: BrowserContext;
  close(): Promise<void>;
}

/** What the observer saw in one page load. */
export interface RouteLoad {
  /** ms from navigation start to the iframe with the room's URL in the DOM. */
  iframeAt: number;
  /** ms from navigation start to `videoConferenceJoined` (only when asked to wait for it). */
  joinedAt: number | undefined;
  /** ms from navigation start to `<nano-meet>` being defined (the bundle evaluated); undefined on the bare route. */
  definedAt: number | undefined;
  src: string;
  /** Resources (and the document) the page had loaded when the iframe appeared. */
  loadedBefore: string[];
  /** From CDP, when asked for: every response the page got. */
  responses: WireResponse[];
}

export interface WireResponse {
  url: string;
  mimeType: string;
  /** Bytes on the wire, headers included (CDP `encodedDataLength`). */
  wireBytes: number;
  /** The body as the page saw it (decoded). */
  body: Buffer | undefined;
}

/**
 * What the observer logs when the iframe is in the DOM and when the page has joined. The bench waits for these
 * console messages rather than polling the page: polling would have Playwright evaluate its injected script in the
 * page while it loads, some 10 ms of the main thread's time that a user's page does not spend.
 */
export const SIGNAL = { iframe: 'nano-meet-bench:iframe', joined: 'nano-meet-bench:joined' } as const;

// Runs first in every bench page. Lit attaches shadow roots: each is observed too.
function observerScript(sandboxUrl: string, room: string): string {
  return `(() => {
  const origin = ${scriptLiteral(sandboxUrl)}, room = ${scriptLiteral(room.toLowerCase())};
  const bench = (window.__bench = { iframeAt: undefined, joinedAt: undefined, definedAt: undefined, src: undefined, loadedBefore: [] });
  customElements.whenDefined('nano-meet').then(() => { bench.definedAt = performance.now(); });
  bench.joined = () => { if (bench.joinedAt === undefined) { bench.joinedAt = performance.now(); console.debug(${scriptLiteral(SIGNAL.joined)}); } };
  document.addEventListener('nano-meet-video-conference-joined', bench.joined, { capture: true });
  const wanted = (src) => { try { const url = new URL(src); return url.origin === origin && decodeURIComponent(url.pathname).toLowerCase() === '/' + room; } catch { return false; } };
  const check = (node) => {
    if (bench.iframeAt !== undefined || !(node instanceof HTMLIFrameElement) || !wanted(node.src)) return;
    bench.iframeAt = performance.now();
    bench.src = node.src;
    bench.loadedBefore = [location.href, ...performance.getEntriesByType('resource').map((entry) => entry.name)];
    console.debug(${scriptLiteral(SIGNAL.iframe)});
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') check(record.target);
      else for (const node of record.addedNodes) { check(node); if (node.querySelectorAll) node.querySelectorAll('iframe').forEach(check); }
    }
  });
  const options = { childList: true, subtree: true, attributes: true, attributeFilter: ['src'] };
  observer.observe(document, options);
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) { const root = attachShadow.call(this, init); observer.observe(root, options); return root; };
})();`;
}

const BOX = 'display:block;width:800px;height:600px';

/** `?preconnect=<origin>`: the page names that origin in its head, as a page that knows its meeting server can. */
function preconnectHint(query: URLSearchParams): string {
  const origin = query.get('preconnect');
  return origin ? `\n<link rel="preconnect" href="${attribute(origin)}">` : '';
}

/** Registers `/meeting/<route>.html?room=…&token=…` on the page server. */
export function registerRoutePages(server: PageServer, sandbox: RunningSandbox): void {
  const head = (
    query: URLSearchParams,
  ) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<script>${observerScript(sandbox.url, query.get('room') ?? '')}</script>${preconnectHint(query)}`;
  // `?cdn=<origin>`: nano-meet's script from that origin rather than the page's own.
  const cdn = (query: URLSearchParams) => attribute(query.get('cdn') ?? '');
  for (const loader of ['native', 'external'] as const) {
    server.page(
      `/meeting/${loader}.html`,
      (query) => `${head(query)}
<script type="module" src="${cdn(query)}/cdn/nano-meet.js"></script>
</head><body><nano-meet style="${BOX}" loader="${loader}" allowed-servers="${attribute(sandbox.server)}" token="${attribute(query.get('token') ?? '')}"></nano-meet></body></html>`,
    );
  }
  server.page(
    `/meeting/${ALL_THREE}.html`,
    (query) => `${head(query)}
<script type="module" src="${cdn(query)}/cdn/nano-meet.js"></script>
</head><body><nano-meet id="meeting" style="${BOX}" token="${attribute(query.get('token') ?? '')}"></nano-meet>
<nano-meet-broadcast-button for="meeting"></nano-meet-broadcast-button>
<nano-meet-playout style="width:640px"></nano-meet-playout></body></html>`,
  );
  server.page(
    `/meeting/${ONLY_PLAYOUT}.html`,
    (query) => `${head(query)}
<script type="module" src="${cdn(query)}/cdn/nano-meet.js"></script>
</head><body><nano-meet-playout style="width:640px"></nano-meet-playout></body></html>`,
  );
  // With `crossorigin`, as the README shows it: the element files then come on the script's connection
  // (test/bench/classic-script-connections.node.test.ts).
  server.page(
    '/meeting/classic.html',
    (query) => `${head(query)}
<script src="${cdn(query)}/cdn/nano-meet.iife.js" crossorigin="anonymous"></script>
</head><body><nano-meet style="${BOX}" token="${attribute(query.get('token') ?? '')}"></nano-meet></body></html>`,
  );
  server.page(
    '/meeting/bare.html',
    (query) => `${head(query)}
<script src="${attribute(sandbox.url)}/external_api.js"></script>
</head><body><div id="meet" style="${BOX}"></div>
<script>new JitsiMeetExternalAPI(${scriptLiteral(sandbox.server)}, { roomName: ${scriptLiteral(query.get('room') ?? '')}, jwt: ${scriptLiteral(query.get('token') ?? '')}, parentNode: document.getElementById('meet') }).addListener('videoConferenceJoined', window.__bench.joined);</script>
</body></html>`,
  );
}

/** A moderator token for `room`, signed with the sandbox's key, valid for an hour. */
export function sandboxToken(sandbox: RunningSandbox, room: string): Promise<string> {
  const now = Date.now();
  return createRoomToken(sandbox.key, {
    nbf: new Date(now - 60_000).toISOString(),
    exp: new Date(now + 3_600_000).toISOString(),
    streamname: 'bench-stream',
    server: sandbox.server,
    room,
    moderator: true,
  });
}

/**
 * Loads one route in a fresh browser context (so no cache and no open connection helps) and waits for the
 * meeting iframe, and for the join when asked. With `wire`, records every response over CDP.
 */
export async function loadRoute(
  browser: Browser,
  server: PageServer,
  sandbox: RunningSandbox,
  route: BenchPage,
  room: string,
  wire = false,
  options: LoadOptions = {},
): Promise<RouteLoad> {
  const token = await sandboxToken(sandbox, room);
  const opened = await (options.openContext ?? offTheRecord(browser))();
  const { context } = opened;
  try {
    const page = await context.newPage();
    const recorder = wire
      ? await recordResponses(await context.newCDPSession(page), options.bodies ?? true)
      : undefined;
    const query = new URLSearchParams({ room, token });
    if (options.scriptOrigin) query.set('cdn', options.scriptOrigin);
    if (options.preconnect) query.set('preconnect', options.preconnect);
    // A page without a meeting has no iframe to signal: it is only ever measured settled.
    const seeing =
      route === ONLY_PLAYOUT ? undefined : benchSignals(page, options.joined ?? false, options.timeoutMs ?? 15_000);
    await page.goto(`${options.pageOrigin ?? server.origin}/meeting/${route}.html?${query}`, { waitUntil: 'commit' });
    await seeing;
    if (options.settled) await settle(page);
    const seen = (await page.evaluate(
      '(({ iframeAt, joinedAt, definedAt, src, loadedBefore }) => ({ iframeAt, joinedAt, definedAt, src, loadedBefore }))(window.__bench)',
    )) as {
      iframeAt: number;
      joinedAt?: number;
      definedAt?: number;
      src: string;
      loadedBefore: string[];
    };
    return {
      ...seen,
      joinedAt: seen.joinedAt ?? undefined,
      definedAt: seen.definedAt ?? undefined,
      responses: recorder ? await recorder.collect() : [],
    };
  } finally {
    await opened.close();
  }
}

/** A fresh off-the-record context: no cache, no open connection, nothing kept. */
export function offTheRecord(browser: Browser): () => Promise<OpenedContext> {
  return async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    return { context, close: () => context.close() };
  };
}

/**
 * Resolves once the page's observer has logged the iframe (and the join, with `joined`): call it before the page
 * loads. Rejects after `timeoutMs`; a rejection nobody awaits yet is not reported as unhandled.
 */
export function benchSignals(page: Page, joined: boolean, timeoutMs: number): Promise<unknown> {
  const signalled = (text: string) =>
    page.waitForEvent('console', { predicate: (message) => message.text() === text, timeout: timeoutMs });
  const seeing = Promise.all([signalled(SIGNAL.iframe), joined ? signalled(SIGNAL.joined) : undefined]);
  seeing.catch(() => undefined);
  return seeing;
}

/** Long enough without a new request that the page has fetched all it fetches on its own. */
const QUIET_MS = 1000;

/** Waits until the elements on the page are defined and no resource has started for QUIET_MS. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    `Promise.all(['nano-meet', 'nano-meet-broadcast-button', 'nano-meet-playout'].filter((tag) => document.querySelector(tag)).map((tag) => customElements.whenDefined(tag)))`,
  );
  const count = () => page.evaluate(`performance.getEntriesByType('resource').length`);
  for (let before = await count(); ;) {
    await page.waitForTimeout(QUIET_MS);
    const now = await count();
    if (now === before) return;
    before = now;
  }
}

async function recordResponses(cdp: CDPSession, bodies: boolean) {
  const seen = new Map<string, { url: string; mimeType: string; wireBytes?: number }>();
  cdp.on('Network.responseReceived', (event) => {
    seen.set(event.requestId, { url: event.response.url, mimeType: event.response.mimeType });
  });
  cdp.on('Network.loadingFinished', (event) => {
    const entry = seen.get(event.requestId);
    if (entry) entry.wireBytes = event.encodedDataLength;
  });
  await cdp.send('Network.enable');
  return {
    async collect(): Promise<WireResponse[]> {
      const responses: WireResponse[] = [];
      for (const [requestId, entry] of seen) {
        if (entry.wireBytes === undefined) continue;
        let body: Buffer | undefined;
        if (bodies)
          try {
            const content = await cdp.send('Network.getResponseBody', { requestId });
            body = Buffer.from(content.body, content.base64Encoded ? 'base64' : 'utf8');
          } catch {
            body = undefined;
          }
        responses.push({ url: entry.url, mimeType: entry.mimeType, wireBytes: entry.wireBytes, body });
      }
      return responses;
    },
  };
}
