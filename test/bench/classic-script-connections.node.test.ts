/**
 * Why the README's classic script tag carries `crossorigin`: the element files it fetches are modules, which a page
 * asks another origin for without credentials, and Chromium keeps requests without credentials off the connections of
 * those with. A classic script without the attribute comes with credentials, so its element files need a second
 * connection to the CDN (TCP and TLS: two round trips, 300 ms on the bench's mobile network); with it, they come on
 * the script's own. Counted at the CDN's delaying proxy (bench/network-origins.ts), in the bench's browser.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startNetworkOrigins, type NetworkOrigins } from '../../bench/network-origins.js';
import { offTheRecord } from '../../bench/meeting-routes.js';
import { attribute } from '../../bench/page-server.js';

let origins: NetworkOrigins;
before(async () => {
  origins = await startNetworkOrigins();
  origins.server.page('/classic-script.html', (query) => {
    const crossOrigin = query.has('crossorigin') ? ' crossorigin="anonymous"' : '';
    const script = `${attribute(origins.cdnOrigin)}/cdn/nano-meet.iife.js`;
    return `<!doctype html><script src="${script}"${crossOrigin}></script><nano-meet></nano-meet>`;
  });
});
after(async () => {
  await origins.close();
});

/** The connections the page made to the CDN by the time `<nano-meet>` was defined from its file there. */
async function cdnConnections(query: string): Promise<number> {
  const opened = await offTheRecord(origins.browser)();
  try {
    const before = origins.connections().cdn;
    const page = await opened.context.newPage();
    await page.goto(`${origins.pageOrigin}/classic-script.html${query}`);
    await page.waitForFunction(() => customElements.get('nano-meet') !== undefined, undefined, { timeout: 10_000 });
    return origins.connections().cdn - before;
  } finally {
    await opened.close();
  }
}

describe('the classic script from a CDN', () => {
  it('with crossorigin: the element files come on the script’s connection', async () => {
    assert.equal(await cdnConnections('?crossorigin'), 1);
  });

  it('without it: they need a connection of their own', async () => {
    assert.equal(await cdnConnections(''), 2);
  });
});
