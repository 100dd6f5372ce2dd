/** Headless Chromium for the bench, found and flagged the way the browser tests do it. */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

interface FindChromiumModule {
  findChromium(): string | undefined;
  CHROMIUM_FLAGS: string[];
}

/** The test support is plain JavaScript without declarations: imported by URL, typed here. */
const FIND_CHROMIUM: string = new URL('../test/support/find-chromium.mjs', import.meta.url).href;

/**
 * The browser's own UI that the bench turns off. Every fresh context opens a window of its own, and for each window
 * Chromium builds its omnibox popup, a WebUI page of some eighty modules (chrome://omnibox-popup.top-chrome), in a
 * renderer of its own: half a second of CPU in the second after the context opens, the second in which the bench's
 * page loads, on a machine of two CPUs. A user's browser built it when its window opened, not for each page.
 */
const BROWSER_UI_OFF = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

/** `extraArgs`: more flags, e.g. the network bench's `--host-resolver-rules`. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const { executablePath, ignoreDefaultArgs, args } = await launchOptions(extraArgs);
  return chromium.launch({ executablePath, headless: true, ignoreDefaultArgs, args });
}

/**
 * A regular profile in `userDataDir`, where {@link launchChromium}'s contexts are off the record: Chromium honours
 * `<link rel="preconnect">` only in a regular profile.
 */
export async function launchRegularProfile(userDataDir: string, extraArgs: string[] = []): Promise<BrowserContext> {
  const { executablePath, ignoreDefaultArgs, args } = await launchOptions(extraArgs);
  return chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    ignoreHTTPSErrors: true,
    ignoreDefaultArgs,
    args,
  });
}

let playwrightsFeatures: Promise<string[]> | undefined;

async function launchOptions(extraArgs: string[]) {
  const { findChromium, CHROMIUM_FLAGS } = (await import(FIND_CHROMIUM)) as FindChromiumModule;
  const executablePath = findChromium();
  if (!executablePath)
    throw new Error('No Chromium found: install one or set CHROME_PATH (see test/support/find-chromium.mjs).');
  const args = [
    ...CHROMIUM_FLAGS,
    '--ignore-certificate-errors',
    '--allow-loopback-in-peer-connection',
    '--enable-precise-memory-info',
    '--js-flags=--expose-gc',
    ...extraArgs,
  ];
  // Chromium reads only the last --disable-features: ours replaces Playwright's, so it carries Playwright's list.
  const playwrights = await (playwrightsFeatures ??= disabledFeatures(executablePath, args));
  return {
    executablePath,
    ignoreDefaultArgs: [`--disable-features=${playwrights.join(',')}`],
    args: [...args, `--disable-features=${[...playwrights, ...BROWSER_UI_OFF].join(',')}`],
  };
}

/** The features Playwright turns off, as the command line of a browser it launched shows them. */
async function disabledFeatures(executablePath: string, args: string[]): Promise<string[]> {
  const browser = await chromium.launch({ executablePath, headless: true, args });
  try {
    const page = await browser.newPage();
    await page.goto('chrome://version');
    const commandLine = (await page.locator('#command_line').textContent()) ?? '';
    const lists = [...commandLine.matchAll(/--disable-features=(\S+)/g)];
    if (lists.length !== 1)
      throw new Error(`Expected one --disable-features in Chromium's command line: ${commandLine}`);
    return lists[0]![1]!.split(',');
  } finally {
    await browser.close();
  }
}
