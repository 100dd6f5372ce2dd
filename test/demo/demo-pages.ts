/**
 * What the demo walk checks on every page: that it fits a phone and a window without scrolling sideways, with
 * a screenshot of each for a person to look at (test artifacts, outside the repository).
 */
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Where the screenshots go: `$NANO_MEET_TEST_ARTIFACTS/demo`, by default under the OS temp dir. */
export const SCREENSHOTS = join(
  process.env['NANO_MEET_TEST_ARTIFACTS'] ?? join(tmpdir(), 'nano-meet-test-artifacts'),
  'demo',
);

export function clearScreenshots(): void {
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
}

export const PHONE = { width: 390, height: 844 };
export const WINDOW = { width: 1280, height: 800 };

/** Lets a resize reach layout and paint before anything is measured. */
export function settle(page: Page): Promise<void> {
  return page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
}

/**
 * At 390 px and at 1280 px, the page is no wider than the viewport; saves `<name>-<width>.png` of each. Leaves
 * the page at the window size.
 */
export async function assertFits(page: Page, name: string): Promise<void> {
  for (const size of [PHONE, WINDOW]) {
    await page.setViewportSize(size);
    await settle(page);
    const { scrollWidth, viewport } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      viewport: innerWidth,
    }));
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${size.width}.png`), fullPage: true });
    assert.ok(scrollWidth <= viewport, `${name} at ${size.width} px is ${scrollWidth} px wide: it scrolls sideways`);
  }
}
