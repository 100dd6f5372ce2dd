import { expect, waitUntil } from '@open-wc/testing';
import { fetched } from './cdn-helpers.js';

const cdnFile = (file: string) => `${location.origin}/dist/cdn/${file}`;

/** Runs `run`, returning what it warned. */
async function warnings<T>(run: () => Promise<T> | T): Promise<{ result: T; warned: string[] }> {
  const warn = console.warn;
  const warned: string[] = [];
  console.warn = (...args: unknown[]) => void warned.push(args.map(String).join(' '));
  try {
    return { result: await run(), warned };
  } finally {
    console.warn = warn;
  }
}

// The CDN entry carries only the English it says itself; the elements' arrives with their files (issue 19). A page
// may use the entry, and register words for the elements, before any element file is there.
describe("dist/cdn/nano-meet.js: the elements' English arrives with the element files", () => {
  it("says the classic API's errors alone, keeps a page's words for the elements, and checks them once they arrive", async () => {
    const cdn = await import(/* @vite-ignore */ cdnFile('nano-meet.js'));
    const refused = await new cdn.NanoMeet().stopBroadcast().catch((error: Error) => error);
    expect(refused.message).to.equal('Call init() first.');

    const early = await warnings(() =>
      cdn.registerMessages('fr', { 'button.go-live': 'Passer en direct', 'no.such-key': 'x' }),
    );
    expect(early.warned, 'nothing is known to be wrong yet').to.deep.equal([]);
    expect(fetched('elements-shared.js'), 'no element file has been fetched').to.deep.equal([]);

    const arrival = await warnings(async () => {
      await cdn.loadElement('nano-meet-broadcast-button');
      return undefined;
    });
    expect(arrival.warned).to.deep.equal([`nano-meet registerMessages('fr'): ignored "no.such-key".`]);
    expect(fetched('elements-shared.js')).to.deep.equal(['/dist/cdn/elements-shared.js']);

    const label = (button: Element) => button.shadowRoot?.querySelector('button')?.textContent?.trim();
    const french = Object.assign(document.createElement('nano-meet-broadcast-button'), { lang: 'fr' });
    const english = document.createElement('nano-meet-broadcast-button');
    document.body.append(french, english);
    await waitUntil(() => label(french) === 'Passer en direct', 'the page registered the French words in time');
    await waitUntil(() => label(english) === 'Go live', "the elements' English arrived with them");
    french.remove();
    english.remove();
  });
});
