/**
 * An element file that the network lost once: the autoloader says so, and the next time the tag is added to the page
 * the element loads. The test server answers each element file's first request 503 (web-test-runner.config.mjs,
 * `/flaky-cdn/`). A browser that keeps a failed module fetch, as Chromium 150 does, would fail the second import of
 * the same address at once; the CDN build asks for it at another address (rollup.config.mjs, IMPORT_FROM_BESIDE).
 */
import { expect } from '@open-wc/testing';
import { uniqueRoom } from '../support/sandbox.js';
import { until } from './cdn-page.js';

describe('dist/cdn/nano-meet.js when an element file failed once', () => {
  const logged: unknown[][] = [];
  const consoleError = console.error;
  beforeEach(() => (console.error = (...args: unknown[]) => logged.push(args)));
  afterEach(() => (console.error = consoleError));

  it('loads the element the next time its tag is added, and upgrades both', async () => {
    const folder = `/flaky-cdn/${uniqueRoom('page')}/`;
    await import(/* @vite-ignore */ `${location.origin}${folder}nano-meet.js`);

    const first = document.createElement('nano-meet-playout');
    document.body.append(first);
    await until(() => logged.length === 1, 'the failure is logged');
    expect(String(logged[0]![0])).to.contain('<nano-meet-playout> could not be loaded');
    expect(customElements.get('nano-meet-playout')).to.equal(undefined);

    const second = document.createElement('nano-meet-playout');
    document.body.append(second);
    await until(() => customElements.get('nano-meet-playout') !== undefined, 'the element is defined', 5_000);
    const Playout = customElements.get('nano-meet-playout')!;
    expect(first).to.be.an.instanceOf(Playout);
    expect(second).to.be.an.instanceOf(Playout);
    expect(logged, 'nothing more went wrong').to.have.length(1);

    const requests = performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name))
      .filter((url) => url.pathname === `${folder}element-nano-meet-playout.js`);
    expect(requests.map((url) => url.search)).to.deep.equal(['', '?attempt=1']);
    first.remove();
    second.remove();
  });
});
