/** Headless Chromium for the bench, found and flagged the way the browser tests do it. */
import { chromium, type Browser } from 'playwright-core';

interface FindChromiumModule {
  findChromium(): string | undefined;
  CHROMIUM_FLAGS: string[];
}

/** The test support is plain JavaScript without declarations: imported by URL, typed here. */
const FIND_CHROMIUM: string = new URL('../test/support/find-chromium.mjs', import.meta.url).href;

/** `extraArgs`: more flags, e.g. the network bench's `--host-resolver-rules`. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const { findChromium, CHROMIUM_FLAGS } = (await import(FIND_CHROMIUM)) as FindChromiumModule;
  const executablePath = findChromium();
  if (!executablePath)
    throw new Error('No Chromium found: install one or set CHROME_PATH (see test/support/find-chromium.mjs).');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      ...CHROMIUM_FLAGS,
      '--ignore-certificate-errors',
      '--allow-loopback-in-peer-connection',
      '--enable-precise-memory-info',
      '--js-flags=--expose-gc',
      ...extraArgs,
    ],
  });
}
