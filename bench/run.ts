/**
 * `npm run bench`: every nano-meet benchmark in one run, side by side, in headless Chromium against the
 * local Jitsi sandbox; prints the tables and the targets' verdicts and writes bench/results.json.
 * Runs inside a network namespace of its own when it can (root): WebRTC between Chromium and the sandbox
 * needs a non-loopback address (test/support/network-namespace.mjs).
 *
 * `npm run bench -- --help` lists the options (for quick runs while working on the bench); each has an environment
 * variable too (BENCH_ONLY, BENCH_PROFILES, BENCH_RUNS, BENCH_MOBILE_RUNS, BENCH_CYCLES).
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startSandbox, type RunningSandbox } from '../src/sandbox/server/sandbox-server.js';
import { launchChromium } from './browser.js';
import { measureBundleBytes } from './bundle-bytes.js';
import { registerRoutePages } from './meeting-routes.js';
import { measureMountCycles } from './mount-cycles.js';
import { startPageServer } from './page-server.js';
import { measurePlayout } from './playout-latency.js';
import {
  printReport,
  README_TABLE_FILE,
  RESULTS_FILE,
  targetLines,
  writeResults,
  type BenchResults,
} from './report.js';
import { startNetworkOrigins } from './network-origins.js';
import { describeNetwork, isProfileName, PROFILE_NAMES, PROFILES } from './network-profiles.js';
import { HINT_VARIANTS, measureProfile, scriptSizes, VARIANTS, type ProfileResult } from './time-to-iframe.js';
import { measureTokenSecurity } from './token-security.js';
import { measureTokenService } from './token-service-load.js';

interface NetworkNamespaceModule {
  canMakeNetworkNamespace(): boolean;
  inNetworkNamespace(): boolean;
  runInNetworkNamespace(command: string, args: string[]): number;
}

const NAMESPACE_SUPPORT: string = new URL('../test/support/network-namespace.mjs', import.meta.url).href;
const CDN_BUNDLE = fileURLToPath(new URL('../dist/cdn/nano-meet.js', import.meta.url));
/** The bench is meant to take about eight minutes; past this something hangs. */
const DEADLINE_MS = 15 * 60_000;
const PARTS = ['bytes', 'time', 'hint', 'mount', 'playout', 'tokens', 'security'] as const;

const OPTIONS: [string, string, string][] = [
  ['--only=PARTS', `parts to run, comma-separated: ${PARTS.join(', ')} (default: all)`, 'BENCH_ONLY'],
  ['--profiles=NAMES', `networks for the time part: ${PROFILE_NAMES.join(', ')} (default: all)`, 'BENCH_PROFILES'],
  ['--runs=N', 'rounds per network in the time part (default 7)', 'BENCH_RUNS'],
  ['--mobile-runs=N', 'rounds on the mobile network, whose loads are slow (default 5)', 'BENCH_MOBILE_RUNS'],
  ['--cycles=N', 'mount/unmount cycles (default 1000)', 'BENCH_CYCLES'],
  ['--help', 'this text', ''],
];
const HELP = `npm run bench [-- options]

${OPTIONS.map(([flag, text, variable]) => `  ${flag.padEnd(18)} ${text}${variable ? ` [${variable}]` : ''}`).join('\n')}

The time part loads each route through delaying proxies (bench/delaying-proxy.ts) that play the network:
${PROFILE_NAMES.map((name) => `  ${name.padEnd(18)} ${describeNetwork(PROFILES[name])}`).join('\n')}
`;

const { values: options } = parseArgs({
  options: {
    only: { type: 'string', default: process.env['BENCH_ONLY'] },
    profiles: { type: 'string', default: process.env['BENCH_PROFILES'] },
    runs: { type: 'string', default: process.env['BENCH_RUNS'] },
    'mobile-runs': { type: 'string', default: process.env['BENCH_MOBILE_RUNS'] },
    cycles: { type: 'string', default: process.env['BENCH_CYCLES'] },
    help: { type: 'boolean', default: false },
  },
});
if (options.help) {
  console.log(HELP);
  process.exit(0);
}
const list = (value: string | undefined, all: readonly string[]) =>
  (value ?? all.join(',')).split(',').map((part) => part.trim());
const count = (value: string | undefined, fallback: number) => {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
};
const only = new Set(list(options.only, PARTS));
const profiles = list(options.profiles, PROFILE_NAMES);
for (const name of [...only].filter((part) => !(PARTS as readonly string[]).includes(part)))
  exitWithUsage(`No part "${name}".`);
for (const name of profiles.filter((profile) => !isProfileName(profile))) exitWithUsage(`No network "${name}".`);
const RUNS = count(options.runs, 7);
const MOBILE_RUNS = count(options['mobile-runs'], 5);
const CYCLES = count(options.cycles, 1000);

function exitWithUsage(message: string): never {
  console.error(`${message}\n\n${HELP}`);
  process.exit(1);
}

const namespace = (await import(NAMESPACE_SUPPORT)) as NetworkNamespaceModule;
if (!namespace.inNetworkNamespace()) {
  if (namespace.canMakeNetworkNamespace())
    process.exit(namespace.runInNetworkNamespace(process.execPath, [...process.execArgv, ...process.argv.slice(1)]));
  console.warn('Not root or no unshare/ip: running without a network namespace; WHEP playout will likely not connect.');
}
if (!existsSync(CDN_BUNDLE)) {
  console.error('dist/cdn/nano-meet.js is missing: run `npm run build` first (npm run bench does).');
  process.exit(1);
}

const watchdog = setTimeout(() => {
  console.error(`The bench did not finish within ${DEADLINE_MS / 60_000} minutes: stopping.`);
  process.exit(2);
}, DEADLINE_MS);
watchdog.unref();

const startedAt = new Date();
const started = performance.now();
const results: Omit<BenchResults, 'targets'> = {
  startedAt: startedAt.toISOString(),
  durationSeconds: 0,
  environment: {
    node: process.version,
    chromium: '',
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? '',
    loadAverage: loadavg()[0]!,
    networkNamespace: namespace.inNetworkNamespace(),
  },
  playout: [],
  failures: [],
};

/** Runs one part; a part that throws is reported as failed, and the others still run. */
async function part<T>(name: string, key: string, run: () => Promise<T>): Promise<T | undefined> {
  if (!only.has(key)) return undefined;
  const partStart = performance.now();
  process.stdout.write(`· ${name}…`);
  try {
    const value = await run();
    process.stdout.write(` ${((performance.now() - partStart) / 1000).toFixed(1)} s\n`);
    return value;
  } catch (error) {
    process.stdout.write(' failed\n');
    results.failures.push({
      part: name,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    return undefined;
  }
}

let sandbox: RunningSandbox | undefined;
const server = await startPageServer();
const browser = await launchChromium();
try {
  results.environment.chromium = browser.version();
  sandbox = await startSandbox();
  const running = sandbox;
  registerRoutePages(server, running);
  results.bundleBytes = await part('bytes before the iframe', 'bytes', () =>
    measureBundleBytes(browser, server, running),
  );
  if (only.has('time') || only.has('hint')) results.timeToIframe = await measureNetworks();
  results.mountCycles = await part(`${CYCLES} mount/unmount cycles`, 'mount', () =>
    measureMountCycles(browser, server, running, CYCLES),
  );
  // WHEP three times (its first frame varies from session to session), HLS once (informational).
  for (const [protocol, sampleMs] of [
    ['whep', 3000],
    ['whep', 3000],
    ['whep', 3000],
    ['hls', 8000],
  ] as const) {
    const measured = await part(`playout over ${protocol}`, 'playout', () =>
      measurePlayout(browser, server, running, protocol, sampleMs),
    );
    if (measured) results.playout.push(measured);
  }
  results.tokenService = await part('token service load', 'tokens', () => measureTokenService());
  results.tokenSecurity = await part('forged/expired/widened tokens', 'security', () => measureTokenSecurity(running));
} finally {
  await browser.close().catch(() => undefined);
  await server.close();
  await sandbox?.close();
}

/**
 * The time part (every network profile in turn) and the preconnect hint's (the networks with latency, each load in
 * a regular profile of its own), through the delaying proxies, with a browser of their own.
 */
async function measureNetworks(): Promise<BenchResults['timeToIframe']> {
  const key = only.has('time') ? 'time' : 'hint';
  const origins = await part('network origins behind delaying proxies', key, () => startNetworkOrigins());
  if (!origins) return undefined;
  try {
    // One discarded load of each variant: the sandbox builds its scripts on first use.
    await part('warm-up (one load of each route)', key, () => measureProfile(origins, PROFILES.loopback, 1));
    const measured: ProfileResult[] = [];
    for (const name of profiles.filter(isProfileName)) {
      const runs = name === 'mobile' ? MOBILE_RUNS : RUNS;
      const result = await part(`${name}: ${runs} rounds × ${VARIANTS.length} routes, to joined`, 'time', () =>
        measureProfile(origins, PROFILES[name], runs),
      );
      if (result) measured.push(result);
    }
    // A preconnect hint saves round trips, so loopback has nothing to show.
    const hint: ProfileResult[] = [];
    for (const name of profiles.filter(isProfileName).filter((name) => PROFILES[name].rttMs > 0)) {
      const runs = name === 'mobile' ? MOBILE_RUNS : RUNS;
      const result = await part(
        `${name}, regular profiles: ${runs} rounds × ${HINT_VARIANTS.length} pages, with and without a preconnect hint`,
        'hint',
        () => measureProfile(origins, PROFILES[name], runs, { variants: HINT_VARIANTS, regularProfile: true }),
      );
      if (result) hint.push(result);
    }
    return { scripts: await scriptSizes(), profiles: measured, ...(hint.length && { hint }) };
  } finally {
    await origins.close();
  }
}

results.durationSeconds = Math.round((performance.now() - started) / 1000);
const final: BenchResults = { ...results, targets: targetLines(results) };
printReport(final);
await writeResults(final);
console.log(
  `\nWritten to ${RESULTS_FILE}${final.timeToIframe ? ` and ${README_TABLE_FILE} (the README's table)` : ''}`,
);
process.exit(0);
