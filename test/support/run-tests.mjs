// `npm test`: checks the import boundaries and the formatting, type-checks, runs the Node tests (node:test) and the browser tests (Web Test Runner in
// headless Chromium), then prints one summary line for both.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium, ensureDebianTool } from './find-chromium.mjs';
import { canMakeNetworkNamespace, inNetworkNamespace, runInNetworkNamespace } from './network-namespace.mjs';

const root = new URL('../../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'nano-meet-test-'));
const nodeCounts = join(work, 'node.json');
const browserCounts = join(work, 'browser.json');

function run(title, command, args, env = {}) {
  console.log(`\n── ${title} ──`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

// Node 20's test runner takes no globs: list the files ourselves.
function nodeTestFiles() {
  return readdirSync(join(root, 'test'), { recursive: true })
    .filter((file) => file.endsWith('.node.test.ts'))
    .map((file) => join('test', file))
    .sort();
}

function read(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { passed: 0, failed: 0, skipped: 0 };
}

// Installs first (that needs the network), then runs everything inside a network namespace when possible.
const chromium = ensureChromium();
ensureDebianTool('ffmpeg', 'ffmpeg');
ensureDebianTool('redis-server', 'redis-server'); // the token service's shared store is tested on a real Redis
if (canMakeNetworkNamespace() === false && process.getuid?.() === 0) ensureDebianTool('ip', 'iproute2');
if (!inNetworkNamespace()) {
  if (canMakeNetworkNamespace()) process.exit(runInNetworkNamespace(process.execPath, process.argv.slice(1)));
  console.warn('Not root or no unshare/ip: running without a network namespace; WebRTC tests may be skipped.');
}
const lintOk = run('import boundaries (src/tooling/import-boundaries.cjs)', 'npm', ['run', '--silent', 'lint']);
const formatOk = run('formatting (prettier)', 'npm', ['run', '--silent', 'format:check']);
const typesOk = run('type check', 'npx', ['tsc', '-p', 'test/tsconfig.json']);
const nodeOk = run(
  'node tests',
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=./test/support/count-reporter.mjs',
    '--test-reporter-destination=stdout',
    ...nodeTestFiles(),
  ],
  { NANO_MEET_NODE_COUNTS: nodeCounts },
);
const browserOk = run('browser tests', 'npx', ['web-test-runner'], {
  CHROME_PATH: chromium,
  NANO_MEET_BROWSER_COUNTS: browserCounts,
});

const node = read(nodeCounts);
const browser = read(browserCounts);
const passed = node.passed + browser.passed;
const checksOk = lintOk && formatOk && typesOk;
const failedChecks = [!lintOk && 'import boundaries', !formatOk && 'formatting', !typesOk && 'type check'].filter(
  Boolean,
);
const failed = node.failed + browser.failed + failedChecks.length + (browser.fileErrors ?? 0);
const skipped = node.skipped + browser.skipped;
console.log(
  `\nnode: ${node.passed} passed, ${node.failed} failed · browser: ${browser.passed} passed, ${browser.failed} failed${failedChecks.map((check) => ` · ${check} failed`).join('')}`,
);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(checksOk && nodeOk && browserOk && failed === 0 && passed > 0 ? 0 : 1);
