// Finds a Chromium for the browser tests; on a fresh Debian machine (as root, with apt) installs Debian's.
// Run directly (`node test/support/find-chromium.mjs`) it prints the path or explains what to do.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** The first Chromium found: `CHROME_PATH` wins, then the usual install places. */
export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to ${fromEnv}, but there is no file there.`);
  }
  return CANDIDATES.find((path) => existsSync(path));
}

/** Flags for a headless Chromium on a machine with no network but loopback and no GPU. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];

function canInstallWithApt() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return isRoot && existsSync('/usr/bin/apt-get');
}

/** Returns a Chromium path, installing Debian's `chromium` when none is found and that is possible. */
export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  if (!canInstallWithApt()) {
    throw new Error(
      'No Chromium found for the browser tests. Install Chromium or Chrome, or set CHROME_PATH to its executable.',
    );
  }
  console.log("No Chromium found: installing Debian's chromium with apt-get…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  const installed = findChromium();
  if (!installed) throw new Error('apt-get installed chromium, but no executable was found afterwards.');
  return installed;
}

/** Makes sure a command from a Debian package is on the PATH, installing the package the same way. */
export function ensureDebianTool(command, aptPackage) {
  const onPath = () => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
  if (onPath()) return;
  if (!canInstallWithApt()) throw new Error(`The tests need ${command}: install the ${aptPackage} package.`);
  console.log(`No ${command} found: installing Debian's ${aptPackage} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', aptPackage], { stdio: 'inherit', env });
  if (!onPath()) throw new Error(`apt-get installed ${aptPackage}, but ${command} is still not on the PATH.`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    console.log(ensureChromium());
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
