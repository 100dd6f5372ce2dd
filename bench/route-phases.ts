/**
 * `node --import tsx bench/route-phases.ts [--profile=cable] [--rounds=15] [--marks]` (after `npm run build`): where
 * the time to the iframe goes on the routes whose script comes over a fresh connection of its own: bare
 * `external_api.js` from the meeting server, and nano-meet from the CDN as a module and as a classic script. A
 * diagnostic beside `npm run bench`, through the same delaying proxies, in interleaved rounds.
 *
 * Per load, on the page's clock: the page's response, then the script's request, connection (TCP, TLS), first and
 * last byte (CDP's timing of the request; CDP because the meeting server sends no `timing-allow-origin`), and the
 * iframe (the bench's observer). Printed: medians per route, and medians of the per-round differences to bare.
 * `--marks` also notes when steps of the script run, from wrappers put into the page before it loads (a global
 * defined, the first constructable sheet, the token's base64, the shadow root, the iframe created, appended). The
 * wrappers cost the page time of their own: read the marks as differences between steps, not as totals.
 */
import { parseArgs } from 'node:util';
import { phasesOf, type PageTimes, type ResourceTiming } from './load-phases.js';
import { benchSignals, offTheRecord, sandboxToken, type Route } from './meeting-routes.js';
import { startNetworkOrigins, type NetworkOrigins } from './network-origins.js';
import { isProfileName, PROFILES } from './network-profiles.js';
import { median, round } from './stats.js';

interface Variant {
  key: string;
  route: Route;
}

const VARIANTS: readonly Variant[] = [
  { key: 'bare', route: 'bare' },
  { key: 'native/cdn', route: 'native' },
  { key: 'classic/cdn', route: 'classic' },
];

/** Steps of the scripts, noted the first time the page calls what the wrappers wrap. */
const MARKS_SCRIPT = `(() => {
  const marks = (window.__phaseMarks = {});
  const mark = (name) => { marks[name] ??= performance.now(); };
  const wrap = (target, name, before) => {
    const original = target[name];
    target[name] = function (...args) { before(this, ...args); return original.apply(this, args); };
  };
  for (const name of ['JitsiMeetExternalAPI', 'NanoMeet']) {
    let value;
    const set = (v) => { value = v; mark('global'); };
    Object.defineProperty(window, name, { configurable: true, get: () => value, set });
  }
  wrap(CSSStyleSheet.prototype, 'replaceSync', () => mark('sheet'));
  wrap(window, 'atob', () => mark('token'));
  wrap(Element.prototype, 'attachShadow', () => mark('shadow'));
  wrap(Document.prototype, 'createElement', (doc, tag) => { if (tag === 'iframe') mark('create'); });
  const appendChild = Node.prototype.appendChild;
  Node.prototype.appendChild = function (node) {
    const result = appendChild.call(this, node);
    if (node instanceof HTMLIFrameElement) mark('appended');
    return result;
  };
})();`;
const MARKS = ['global', 'sheet', 'token', 'shadow', 'create', 'appended'] as const;

const SCRIPT_URL = /\/external_api\.js$|\/cdn\/nano-meet(\.iife)?\.js$/;

async function load(origins: NetworkOrigins, variant: Variant, room: string, marks: boolean) {
  const token = await sandboxToken(origins.sandbox, room);
  const opened = await offTheRecord(origins.browser)();
  const { context } = opened;
  try {
    const page = await context.newPage();
    if (marks) await page.addInitScript(MARKS_SCRIPT);
    const cdp = await context.newCDPSession(page);
    const timings = new Map<string, { url: string; timing?: ResourceTiming; finishedMs?: number }>();
    cdp.on('Network.responseReceived', ({ requestId, response }) => {
      timings.set(requestId, { url: response.url, timing: response.timing });
    });
    cdp.on('Network.loadingFinished', ({ requestId, timestamp }) => {
      const entry = timings.get(requestId);
      if (entry) entry.finishedMs = timestamp * 1000;
    });
    await cdp.send('Network.enable');
    const query = new URLSearchParams({ room, token });
    if (variant.route !== 'bare') query.set('cdn', origins.cdnOrigin);
    const seeing = benchSignals(page, false, 15_000);
    await page.goto(`${origins.pageOrigin}/meeting/${variant.route}.html?${query}`, { waitUntil: 'commit' });
    await seeing;
    const seen = (await page.evaluate(`(() => {
      const { responseStart, responseEnd } = performance.getEntriesByType('navigation')[0];
      return { responseStart, responseEnd, iframeAt: window.__bench.iframeAt, marks: window.__phaseMarks ?? {} };
    })()`)) as PageTimes & { marks: Record<string, number> };
    const entries = [...timings.values()];
    const document = entries.find((entry) => entry.url.includes(`/meeting/${variant.route}.html`));
    const script = entries.find((entry) => SCRIPT_URL.test(new URL(entry.url).pathname));
    if (!document?.timing || !script?.timing || script.finishedMs === undefined)
      throw new Error(`${variant.key}: CDP saw no timing for the page or its script`);
    const phases: Record<string, number> = { ...phasesOf(seen, document.timing, script.timing, script.finishedMs) };
    const finished = seen.iframeAt - phases['afterScript']!;
    if (marks) for (const name of MARKS) phases[`mark: ${name}`] = (seen.marks[name] ?? Number.NaN) - finished;
    return phases;
  } finally {
    await opened.close();
  }
}

/** Medians per route and of the differences to bare in the same round, as a table. */
function table(loads: Map<string, Record<string, number>[]>): string {
  const bare = loads.get('bare')!;
  const cell = (value: number) => (Number.isNaN(value) ? '' : String(round(value, 1))).padStart(13);
  const others = VARIANTS.filter(({ key }) => key !== 'bare');
  const lines = [
    [
      'ms'.padEnd(16),
      ...VARIANTS.map(({ key }) => key.padStart(13)),
      ...others.map(({ key }) => `−bare ${key}`.padStart(20)),
    ],
  ];
  for (const phase of Object.keys(bare[0]!)) {
    const of = (key: string) =>
      loads
        .get(key)!
        .map((phases) => phases[phase]!)
        .filter((value) => !Number.isNaN(value));
    const differences = (key: string) =>
      loads
        .get(key)!
        .map((phases, index) => phases[phase]! - bare[index]![phase]!)
        .filter((value) => !Number.isNaN(value));
    lines.push([
      phase.padEnd(16),
      ...VARIANTS.map(({ key }) => cell(median(of(key)))),
      ...others.map(({ key }) => cell(median(differences(key))).padStart(20)),
    ]);
  }
  return lines.map((line) => line.join('')).join('\n');
}

async function main() {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string', default: 'cable' },
      rounds: { type: 'string', default: '15' },
      marks: { type: 'boolean', default: false },
    },
  });
  const rounds = Number(values.rounds);
  if (!isProfileName(values.profile) || !Number.isInteger(rounds) || rounds < 1)
    throw new Error('Usage: route-phases.ts [--profile=loopback|cable|mobile] [--rounds=N] [--marks]');
  const origins = await startNetworkOrigins();
  try {
    // One discarded load of each: the sandbox builds its scripts on first use.
    origins.use(PROFILES.loopback);
    for (const variant of VARIANTS) await load(origins, variant, `phases_warm_${variant.route}`, values.marks);
    origins.use(PROFILES[values.profile]);
    const loads = new Map<string, Record<string, number>[]>(VARIANTS.map(({ key }) => [key, []]));
    for (let index = 0; index < rounds; index++)
      for (let offset = 0; offset < VARIANTS.length; offset++) {
        const variant = VARIANTS[(index + offset) % VARIANTS.length]!;
        loads.get(variant.key)!.push(await load(origins, variant, `phases_${variant.route}_${index}`, values.marks));
      }
    console.log(`${values.profile}, ${rounds} rounds; marks are ms after the script's last byte\n${table(loads)}`);
  } finally {
    await origins.close();
  }
}

await main();
