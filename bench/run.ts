/**
 * `npm run bench`: every nano-meet benchmark in one run, side by side, in headless Chromium against the
 * local Jitsi sandbox; prints the tables and the targets' verdicts and writes bench/results.json.
 * Runs inside a network namespace of its own when it can (root): WebRTC between Chromium and the sandbox
 * needs a non-loopback address (test/support/network-namespace.mjs).
 *
 * Knobs (for quick runs while working on the bench): BENCH_RUNS (time-to-iframe rounds, default 21),
 * BENCH_CYCLES (mount/unmount cycles, default 1000), BENCH_ONLY (comma-separated parts: bytes, time,
 * mount, playout, tokens, security).
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startSandbox, type RunningSandbox } from '../src/sandbox/server/sandbox-server.js';
import { launchChromium } from './browser.js';
import { measureBundleBytes } from './bundle-bytes.js';
import { registerRoutePages } from './meeting-routes.js';
import { measureMountCycles } from './mount-cycles.js';
import { startPageServer } from './page-server.js';
import { measurePlayout } from './playout-latency.js';
import { printReport, RESULTS_FILE, targetLines, writeResults, type BenchResults } from './report.js';
import { measureTimeToIframe } from './time-to-iframe.js';
import { measureTokenSecurity } from './token-security.js';
import { measureTokenService } from './token-service-load.js';

interface NetworkNamespaceModule {
  canMakeNetworkNamespace(): boolean;
  inNetworkNamespace(): boolean;
  runInNetworkNamespace(command: string, args: string[]): number;
}

const NAMESPACE_SUPPORT: string = new URL('../test/support/network-namespace.mjs', import.meta.url).href;
const CDN_BUNDLE = fileURLToPath(new URL('../dist/cdn/nano-meet.js', import.meta.url));
/** The bench is meant to take about five minutes; past this something hangs. */
const DEADLINE_MS = 9 * 60_000;

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

const numberFromEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const RUNS = numberFromEnv('BENCH_RUNS', 21);
const CYCLES = numberFromEnv('BENCH_CYCLES', 1000);
const only = new Set(
  (process.env['BENCH_ONLY'] ?? 'bytes,time,mount,playout,tokens,security').split(',').map((part) => part.trim()),
);

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
  results.timeToIframe = await part(`time to iframe (${RUNS} rounds × 3 routes)`, 'time', () =>
    measureTimeToIframe(browser, server, running, RUNS),
  );
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

results.durationSeconds = Math.round((performance.now() - started) / 1000);
const final: BenchResults = { ...results, targets: targetLines(results) };
printReport(final);
await writeResults(final);
console.log(`\nWritten to ${RESULTS_FILE}`);
process.exit(0);
