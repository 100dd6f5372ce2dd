import { expect } from '@open-wc/testing';
import { consoleErrorsOfEachTest, queriesOfRequestsFor, refetchesAFailedImport } from './cdn-page.js';

interface CdnModule {
  loadElement(tag: string): Promise<CustomElementConstructor>;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200 && !condition(); attempt += 1)
    await new Promise((resolve) => setTimeout(resolve, 25));
  expect(condition(), what).to.equal(true);
}

// This page runs the CDN module as if it had been put somewhere without the element files next to it.
describe('dist/cdn/nano-meet.js without its element files', () => {
  const logged = consoleErrorsOfEachTest();

  it('says which element could not be loaded, keeps its placeholder size, and tries again when the tag is added again', async () => {
    // The same code, its own address moved to a folder with nothing else in it.
    const moved = `${location.origin}/nowhere/nano-meet.js`;
    const built = await (await fetch('/dist/cdn/nano-meet.js')).text();
    const source = built.replaceAll('import.meta.url', JSON.stringify(moved));
    expect(source).to.contain(moved);
    const cdn = (await import(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })))) as CdnModule;

    const first = document.createElement('nano-meet-playout');
    first.style.width = '320px';
    document.body.append(first);
    await until(() => logged.length === 1, 'the failure is logged');
    expect(String(logged[0]![0])).to.equal(
      'nano-meet: <nano-meet-playout> could not be loaded (is the whole dist/cdn/ folder served?)',
    );
    expect(first.getBoundingClientRect().height, 'the placeholder keeps the 16:9 box').to.equal(180);

    document.body.append(document.createElement('nano-meet-playout'));
    await until(() => logged.length === 2, 'the second attempt fails too, and says so');
    // Asked for again at its own address, which a browser that keeps a failed fetch refuses without a request
    // (rollup.config.mjs, IMPORT_FROM_BESIDE).
    const attempts = queriesOfRequestsFor(`${location.origin}/nowhere/element-nano-meet-playout.js`);
    expect(attempts).to.have.length((await refetchesAFailedImport()) ? 2 : 1);

    let refusal: unknown;
    await cdn.loadElement('nano-meet-playout').catch((error: unknown) => (refusal = error));
    expect(refusal).to.be.instanceOf(TypeError);
    expect(customElements.get('nano-meet-playout')).to.equal(undefined);
  });
});
