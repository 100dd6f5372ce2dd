/**
 * The bench measures a page that names its meeting server in `<link rel="preconnect">` in a regular profile of its
 * own (bench/network-origins.ts, `openRegularProfile`), because Chromium ignores the hint off the record, where the
 * rest of the bench loads. Both halves are checked here on a page that has nothing but the hint: only the regular
 * profile opens a connection to the meeting server's proxy.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startNetworkOrigins, type NetworkOrigins } from '../../bench/network-origins.js';
import { offTheRecord, type OpenedContext } from '../../bench/meeting-routes.js';

let origins: NetworkOrigins;
before(async () => {
  origins = await startNetworkOrigins();
  const meet = new URL(origins.sandbox.url).origin;
  origins.server.page('/hint-only.html', () => `<!doctype html><link rel="preconnect" href="${meet}"><p>hint</p>`);
});
after(async () => {
  await origins.close();
});

/** Opens the hint-only page in `opened` and returns how many connections reached the meeting server within `ms`. */
async function meetConnectionsWithin(opened: OpenedContext, ms: number): Promise<number> {
  try {
    const before = origins.connections().meet;
    const page = await opened.context.newPage();
    await page.goto(`${origins.pageOrigin}/hint-only.html`);
    const deadline = performance.now() + ms;
    while (origins.connections().meet === before && performance.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    return origins.connections().meet - before;
  } finally {
    await opened.close();
  }
}

describe("the bench's preconnect hint", () => {
  it('opens the connection in a regular profile', async () => {
    assert.equal(await meetConnectionsWithin(await origins.openRegularProfile(), 5000), 1);
  });

  it('is ignored off the record, where the rest of the bench loads', async () => {
    // The page has loaded when the count is read; a hint that was going to be followed has been by then.
    assert.equal(await meetConnectionsWithin(await offTheRecord(origins.browser)(), 1000), 0);
  });
});
