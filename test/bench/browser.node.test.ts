/**
 * The bench's Chromium (bench/browser.ts) opens no browser UI of its own with a fresh context: each context opens a
 * window, and Chromium would load its omnibox popup (a WebUI page in a renderer of its own, half a second of CPU)
 * while the bench's page loads. And it still turns off every feature Playwright turns off: Chromium reads only the
 * last --disable-features, so the bench's list must carry Playwright's.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser } from 'playwright-core';
import { launchChromium } from '../../bench/browser.js';
import { CHROMIUM_FLAGS, findChromium } from '../support/find-chromium.mjs';

/** The features a browser runs with turned off, as chrome://version shows them (its command-line variations). */
async function disabledFeatures(browser: Browser): Promise<string[]> {
  const page = await browser.newPage();
  try {
    await page.goto('chrome://version');
    const html = await page.content();
    const encoded = /eyJ[A-Za-z0-9+/=]+/.exec(html);
    assert.ok(encoded, 'chrome://version shows no command-line variations');
    const variations = JSON.parse(Buffer.from(encoded[0], 'base64').toString()) as Record<string, string>;
    return (variations['disable-features'] ?? '').split(',');
  } finally {
    await page.close();
  }
}

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser.close();
});

describe("the bench's Chromium", () => {
  it('opens no browser UI beside the page of a fresh context', async () => {
    const context = await browser.newContext();
    try {
      await context.newPage();
      const cdp = await browser.newBrowserCDPSession();
      const { targetInfos } = await cdp.send('Target.getTargets');
      await cdp.detach();
      assert.deepEqual(
        targetInfos.map((target) => `${target.type} ${target.url}`),
        ['page about:blank'],
      );
    } finally {
      await context.close();
    }
  });

  it("keeps Playwright's disabled features", async () => {
    const plain = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_FLAGS });
    const playwrights = await disabledFeatures(plain).finally(() => plain.close());
    assert.ok(playwrights.includes('HttpsUpgrades'), `Playwright's list: ${playwrights.join(',')}`);
    const ours = await disabledFeatures(browser);
    assert.deepEqual(
      playwrights.filter((feature) => !ours.includes(feature)),
      [],
    );
    assert.ok(ours.includes('WebUIOmniboxPopup'));
  });
});
