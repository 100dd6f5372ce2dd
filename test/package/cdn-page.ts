/** A page of this origin in an iframe, to load a CDN build into as a CMS page would (test/package). */
import { executeServerCommand } from '@web/test-runner-commands';

export type PageWindow = Window &
  typeof globalThis & {
    /** When the first iframe was appended. */
    firstIframeAt?: number;
    /** When the task that appended it was over: its microtasks run then, a page's mutation observers among them. */
    firstIframeTaskOverAt?: number;
  };

/** A blank page of this origin in an iframe, with a clock for the first iframe anyone appends in it. */
export async function blankPage(body: string): Promise<{ frame: HTMLIFrameElement; win: PageWindow }> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 800px; height: 600px; border: 0';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.srcdoc = `<!doctype html><html><body>${body}</body></html>`;
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as PageWindow;
  const append = win.Node.prototype.appendChild;
  win.Node.prototype.appendChild = function <T extends Node>(this: Node, node: T): T {
    if ((node as unknown as Element).localName === 'iframe' && win.firstIframeAt === undefined) {
      win.firstIframeAt = win.performance.now();
      win.queueMicrotask(() => {
        const over = (win.firstIframeTaskOverAt = win.performance.now());
        // Holds the thread a millisecond: what the page starts after this task starts that much later, which its
        // clock (coarse to 0.1 ms) then tells apart from what started within it.
        while (win.performance.now() < over + 1);
      });
    }
    return append.call(this, node) as T;
  };
  return { frame, win };
}

/** Loads a CDN build into the page, from `folder` (dist/cdn/ as served, or as web-test-runner.config.mjs holds it). */
export function loadBuild(
  win: PageWindow,
  build: 'nano-meet.js' | 'nano-meet.iife.js',
  folder = `${location.origin}/dist/cdn/`,
): Promise<void> {
  const script = win.document.createElement('script');
  if (build === 'nano-meet.js') script.type = 'module';
  script.src = new URL(build, folder).href;
  return new Promise((resolve, reject) => {
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`${build} did not load`));
    win.document.head.append(script);
  });
}

/** The gzip size (level 9) of a built file as on disk: the test server transforms what it serves. */
export function gzipBytes(url: string): Promise<number> {
  return executeServerCommand<number, string>('gzip-size', new URL(url).pathname);
}

/** What `read` returns once it is something, checked every 10 ms; fails after `ms` naming `what`. */
export async function until<T>(read: () => T | undefined | null | false, what: string, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Whether this browser fetches a module again when it is imported again after its fetch failed (whatwg/html#10327,
 * Chromium 156 on), rather than failing at once from what it kept (Chromium 150): found by importing an address that
 * answers 404, twice, and counting the requests.
 */
export async function refetchesAFailedImport(): Promise<boolean> {
  const url = `${location.origin}/no-such-module-${Math.random().toString(36).slice(2)}.js`;
  for (let attempt = 0; attempt < 2; attempt += 1) await import(/* @vite-ignore */ url).catch(() => {});
  const requests = queriesOfRequestsFor(url).length;
  if (requests < 1 || requests > 2) throw new Error(`${requests} requests for one failing module`);
  return requests === 2;
}

/**
 * The queries of the requests `win` made for `url` (an address without one), in order: '' for `url` itself,
 * `?attempt=1` for the CDN builds' second try (rollup.config.mjs, IMPORT_FROM_BESIDE).
 */
export function queriesOfRequestsFor(url: string, win: Window = window): string[] {
  return win.performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => name === url || name.startsWith(`${url}?`))
    .map((name) => name.slice(url.length));
}

/** What `console.error` is given during each test of the suite that calls this, kept instead of printed. */
export function consoleErrorsOfEachTest(): unknown[][] {
  const logged: unknown[][] = [];
  const consoleError = console.error;
  beforeEach(() => {
    logged.length = 0;
    console.error = (...args: unknown[]) => logged.push(args);
  });
  afterEach(() => (console.error = consoleError));
  return logged;
}
