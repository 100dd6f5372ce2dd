/**
 * Mounts and unmounts `<nano-meet>` (CDN build, valid sandbox token) many times in one page and counts
 * what is left: iframes anywhere in the document (shadow roots included), window listeners (the page wraps
 * `window.addEventListener`/`removeEventListener` before the bundle loads), and the JS heap after GC.
 * Most cycles unmount as soon as the iframe exists; every `joinEvery`-th waits until the meeting is joined,
 * so both teardown paths (loading and joined) are exercised.
 *
 * The heap is measured over cycles that follow a warm-up of as many cycles (up to {@link WARMUP_CYCLES_AT_MOST}).
 * V8 compiles the cycle's functions to faster code as their calls add up, in tiers, over the first several hundred
 * cycles: heap snapshots show 224 KiB more code objects after 1,200 cycles than after 200. Then it levels off:
 * snapshots after 1,000, 2,000 and 3,000 cycles differ by no JS object, only by a little code, the browser's capped
 * performance entries and V8's own lists (some 15 KiB per 1,000 cycles). Measured from cycle 20, the compiled code was
 * most of the growth, and it is no part of what the cycles keep.
 */
import type { Browser, CDPSession, Page } from 'playwright-core';
import type { RunningSandbox } from '../src/sandbox/server/sandbox-server.js';
import { sandboxToken } from './meeting-routes.js';
import type { PageServer } from './page-server.js';

export interface MountCyclesResult {
  cycles: number;
  warmupCycles: number;
  joinEvery: number;
  joined: number;
  /** Cycles in which no iframe appeared within 5 s. */
  iframeTimeouts: number;
  iframesLeft: number;
  messageListenersLeft: number;
  /** Net window listeners of every type added by the cycles (by type, only non-zero). */
  windowListenersLeft: Record<string, number>;
  /** Heap growth over the warm-up, from the loaded page: mostly code V8 compiles once (informational). */
  warmupHeapGrowthBytes: number;
  heapBeforeBytes: number;
  heapAfterBytes: number;
  heapGrowthBytes: number;
  durationMs: number;
}

const LISTENER_WRAP = `(() => {
  const live = new Map();
  const capture = (options) => typeof options === 'boolean' ? options : Boolean(options && options.capture);
  const key = (type, listener, options) => type + '\\u0000' + capture(options);
  const forget = (type, listener, options) => { const keys = live.get(listener); if (keys) { keys.delete(key(type, listener, options)); if (keys.size === 0) live.delete(listener); } };
  const add = window.addEventListener, remove = window.removeEventListener;
  window.addEventListener = function (type, listener, options) {
    if (this === window && listener) {
      const keys = live.get(listener) || new Set();
      keys.add(key(type, listener, options));
      live.set(listener, keys);
      if (options && typeof options === 'object' && options.signal) options.signal.addEventListener('abort', () => forget(type, listener, options));
    }
    return add.call(this, type, listener, options);
  };
  window.removeEventListener = function (type, listener, options) {
    if (this === window && listener) forget(type, listener, options);
    return remove.call(this, type, listener, options);
  };
  window.__listenerCounts = () => {
    const counts = {};
    for (const keys of live.values()) for (const entry of keys) { const type = entry.split('\\u0000')[0]; counts[type] = (counts[type] || 0) + 1; }
    return counts;
  };
})();`;

/** Enough cycles for V8's optimising tiers to have compiled the cycle's code (none grows after ~1,000). */
const WARMUP_CYCLES_AT_MOST = 1000;

// One call runs `cycles` mount/unmount cycles and returns what it saw. A joined cycle's 5 s deadline is cleared
// once the meeting is joined: a pending timer would keep the removed element, its session and shadow tree alive.
const CYCLES = `async ({ cycles, token, joinEvery, offset }) => {
  await (await import(new URL('/cdn/nano-meet.js', location.href).href)).loadElement('nano-meet');
  const iframesIn = (root) => { let count = root.querySelectorAll('iframe').length; for (const element of root.querySelectorAll('*')) if (element.shadowRoot) count += iframesIn(element.shadowRoot); return count; };
  const until = (test, ms) => new Promise((resolve) => { const start = performance.now(); const tick = () => test() ? resolve(true) : performance.now() - start > ms ? resolve(false) : setTimeout(tick, 1); tick(); });
  let joined = 0, timeouts = 0;
  for (let index = 0; index < cycles; index++) {
    const element = document.createElement('nano-meet');
    element.style.cssText = 'display:block;width:640px;height:360px';
    element.setAttribute('token', token);
    const join = (index + offset + 1) % joinEvery === 0;
    const ready = join ? new Promise((resolve) => { const timer = setTimeout(() => resolve(false), 5000); element.addEventListener('nano-meet-ready', () => { clearTimeout(timer); resolve(true); }, { once: true }); }) : undefined;
    document.body.append(element);
    if (ready) { if (await ready) joined++; else timeouts++; }
    else if (!(await until(() => element.shadowRoot && iframesIn(element.shadowRoot) > 0, 5000))) timeouts++;
    element.remove();
  }
  // Teardown may finish in a task or two (disposing the session): let it.
  await new Promise((resolve) => setTimeout(resolve, 500));
  return { joined, timeouts, iframes: iframesIn(document), listeners: window.__listenerCounts() };
}`;

interface CycleBatch {
  joined: number;
  timeouts: number;
  iframes: number;
  listeners: Record<string, number>;
}

export async function measureMountCycles(
  browser: Browser,
  server: PageServer,
  sandbox: RunningSandbox,
  cycles: number,
  joinEvery = 50,
): Promise<MountCyclesResult> {
  server.page(
    '/mount.html',
    () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>mount cycles</title>
<script>${LISTENER_WRAP}</script>
<script type="module" src="/cdn/nano-meet.js"></script></head><body></body></html>`,
  );
  const token = await sandboxToken(sandbox, 'bench_mount');
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(`${server.origin}/mount.html`);
    const run = (count: number, offset: number) =>
      page.evaluate(
        `(${CYCLES})(${JSON.stringify({ cycles: count, token, joinEvery, offset })})`,
      ) as Promise<CycleBatch>;
    // Warm-up: Lit's templates, the first session's code paths, the sandbox's bundles and V8's optimised code are
    // made once.
    // The CDN module defines an element when the page first uses its tag (src/cdn/autoloader.ts): here, at once.
    await page.evaluate(
      "import(new URL('/cdn/nano-meet.js', location.href).href).then((cdn) => cdn.loadElement('nano-meet'))",
    );
    // What the page holds once the bundle is loaded, before any element: the baseline for "left".
    const baseline = (await page.evaluate('window.__listenerCounts()')) as Record<string, number>;
    const heapAtLoad = await usedHeap(cdp, page);
    const warmupCycles = Math.min(WARMUP_CYCLES_AT_MOST, cycles);
    await run(warmupCycles, 0);
    const heapBefore = await usedHeap(cdp, page);
    const started = performance.now();
    const batch = await run(cycles, warmupCycles);
    const durationMs = performance.now() - started;
    const heapAfter = await usedHeap(cdp, page);
    const windowListenersLeft: Record<string, number> = {};
    for (const type of new Set([...Object.keys(baseline), ...Object.keys(batch.listeners)])) {
      const left = (batch.listeners[type] ?? 0) - (baseline[type] ?? 0);
      if (left !== 0) windowListenersLeft[type] = left;
    }
    return {
      cycles,
      warmupCycles,
      joinEvery,
      joined: batch.joined,
      iframeTimeouts: batch.timeouts,
      iframesLeft: batch.iframes,
      // All cycles (warm-up included) must leave nothing, so this counts from the loaded page.
      messageListenersLeft: windowListenersLeft['message'] ?? 0,
      windowListenersLeft,
      warmupHeapGrowthBytes: heapBefore - heapAtLoad,
      heapBeforeBytes: heapBefore,
      heapAfterBytes: heapAfter,
      heapGrowthBytes: heapAfter - heapBefore,
      durationMs: Math.round(durationMs),
    };
  } finally {
    await context.close();
  }
}

/** The page's used JS heap after full garbage collections. */
async function usedHeap(cdp: CDPSession, page: Page): Promise<number> {
  await page.evaluate('new Promise((resolve) => setTimeout(resolve, 100))');
  for (let pass = 0; pass < 3; pass++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}
