/**
 * The bench waits for its page's signals without running anything in the page (bench/meeting-routes.ts): polling
 * with `waitForFunction` had Playwright put its injected script (over 300 KB) into the page while it loaded, some
 * 10 ms of the main thread that a user's page does not spend.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../bench/browser.js';
import { benchSignals, SIGNAL } from '../../bench/meeting-routes.js';

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser.close();
});

/** A page that logs the bench's signals after `delayMs`, as the observer does when the iframe is there. */
const signallingPage = (delayMs: number) =>
  'data:text/html,' +
  encodeURIComponent(
    `<script>setTimeout(() => { console.debug(${JSON.stringify(SIGNAL.iframe)}); ` +
      `console.debug(${JSON.stringify(SIGNAL.joined)}); }, ${delayMs})</script>`,
  );

describe('benchSignals', () => {
  it('waits for the iframe and the join without running a script in the page', async () => {
    const page = await browser.newPage();
    try {
      const cdp = await page.context().newCDPSession(page);
      const foreign: string[] = [];
      // Scripts without a URL and with a body are someone else's: the page's own script is its data: URL's.
      cdp.on('Debugger.scriptParsed', (script) => {
        if (!script.url && (script.length ?? 0) > 0) foreign.push(`${script.length} characters`);
      });
      await cdp.send('Debugger.enable');
      const seeing = benchSignals(page, true, 5000);
      const started = performance.now();
      await page.goto(signallingPage(300), { waitUntil: 'commit' });
      await seeing;
      assert.ok(performance.now() - started >= 250, 'resolved before the page signalled');
      assert.deepEqual(foreign, []);
    } finally {
      await page.close();
    }
  });

  it('rejects when the page never signals', async () => {
    const page = await browser.newPage();
    try {
      const seeing = benchSignals(page, false, 300);
      await page.goto('data:text/html,<p>nothing</p>', { waitUntil: 'commit' });
      await assert.rejects(seeing, /Timeout/);
    } finally {
      await page.close();
    }
  });
});
