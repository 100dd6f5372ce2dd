/**
 * Files from beside the CDN entry that the network lost once. The test server answers the first request of
 * element-nano-meet-broadcast-button.js and of playout-engines.js 503 (web-test-runner.config.mjs, `/flaky-cdn/`).
 * A browser that keeps a failed module fetch (Chromium 150) fails a second import of the same address at once; one
 * that follows whatwg/html#10327 (Chromium 156) fetches it again. The player, which no file imports statically, is
 * asked for at another address then, and loads in both; an element file cannot be (rollup.config.mjs,
 * IMPORT_FROM_BESIDE).
 */
import { expect } from '@open-wc/testing';
import { uniqueRoom } from '../support/sandbox.js';
import { consoleErrorsOfEachTest, queriesOfRequestsFor, refetchesAFailedImport, until } from './cdn-page.js';

const folder = `/flaky-cdn/${uniqueRoom('page')}/`;

/** The queries of the requests for `file` in `folder`, in order. */
const requestsOf = (file: string) => queriesOfRequestsFor(`${location.origin}${folder}${file}`);

describe('dist/cdn/nano-meet.js when a file beside it failed once', function () {
  this.timeout(20_000);
  const logged = consoleErrorsOfEachTest();
  before(() => import(/* @vite-ignore */ `${location.origin}${folder}nano-meet.js`));
  afterEach(() =>
    document.body.querySelectorAll('nano-meet-playout, nano-meet-broadcast-button').forEach((e) => e.remove()),
  );

  it('an element file: asked for again the next time its tag is added, where the browser fetches it again', async () => {
    const tag = 'nano-meet-broadcast-button';
    const first = document.createElement(tag);
    document.body.append(first);
    await until(() => logged.length === 1, 'the failure is logged');
    expect(String(logged[0]![0])).to.contain(`<${tag}> could not be loaded`);
    expect(customElements.get(tag)).to.equal(undefined);

    const second = document.createElement(tag);
    document.body.append(second);
    if (await refetchesAFailedImport()) {
      await until(() => customElements.get(tag) !== undefined, 'the element is defined', 5_000);
      expect(first).to.be.an.instanceOf(customElements.get(tag)!);
      expect(second).to.be.an.instanceOf(customElements.get(tag)!);
      expect(logged, 'nothing more went wrong').to.have.length(1);
      expect(requestsOf('element-nano-meet-broadcast-button.js')).to.deep.equal(['', '']);
    } else {
      await until(() => logged.length === 2, 'the second failure is logged');
      expect(customElements.get(tag)).to.equal(undefined);
      expect(requestsOf('element-nano-meet-broadcast-button.js'), 'refused without a request').to.deep.equal(['']);
    }
  });

  it("the playout's player: its retry asks for it at another address, loads it and plays on (here: to the next fault)", async () => {
    const codes: string[] = [];
    const playout = document.createElement('nano-meet-playout');
    playout.addEventListener('nano-meet-playout-error', (event) => codes.push((event as CustomEvent).detail.code));
    // Nothing answers there: once the player runs, it fails in its own way.
    playout.setAttribute('src', 'http://127.0.0.1:9/whep');
    playout.toggleAttribute('autoplay', true);
    document.body.append(playout);
    await until(() => codes.length >= 2, 'a second error, after the retry', 10_000);
    expect(codes[0], 'the player did not load').to.equal('load-failed');
    expect(codes[1], 'the player loaded, and met the next fault').to.not.equal('load-failed');
    expect(requestsOf('playout-engines.js')).to.deep.equal(['', '?attempt=1']);
  });
});
