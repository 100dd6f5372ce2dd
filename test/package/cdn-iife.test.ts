import { expect, waitUntil } from '@open-wc/testing';
import { fetched, loadClassicScript } from './cdn-helpers.js';

// This page loads nothing else, so whatever is defined below comes from the classic-script bundle.
describe('dist/cdn/nano-meet.iife.js (classic script)', () => {
  it('defines a global NanoMeet at once, and each element from its own file when the page first uses its tag', async () => {
    expect(customElements.get('nano-meet')).to.equal(undefined);
    await loadClassicScript('/dist/cdn/nano-meet.iife.js');
    const { NanoMeet: early } = window as unknown as { NanoMeet?: unknown };
    expect(early, 'NanoMeet right after the script').to.be.a('function');
    expect(fetched('elements-shared.js'), 'no tag used yet').to.deep.equal([]);
    document.body.append(document.createElement('nano-meet'));
    await customElements.whenDefined('nano-meet');
    expect(fetched('element-nano-meet.js')).to.deep.equal(['/dist/cdn/element-nano-meet.js']);
    expect(fetched('elements-shared.js')).to.deep.equal(['/dist/cdn/elements-shared.js']);
    expect(customElements.get('nano-meet-playout'), 'the playout is not used').to.equal(undefined);
    document.querySelector('nano-meet')!.remove();
    const { NanoMeet } = window as unknown as { NanoMeet: new () => { init: unknown } };
    expect(new NanoMeet().init).to.be.a('function');
  });

  it('fetches German from next to it when an element speaks it, and NanoMeet.registerMessages reaches the elements', async () => {
    const button = document.createElement('nano-meet-broadcast-button');
    button.lang = 'de';
    document.body.append(button);
    const label = () => button.shadowRoot?.querySelector('button')?.textContent?.trim();
    await waitUntil(() => label() === 'Live gehen', 'the button speaks German');
    expect(fetched('messages-de.js')).to.deep.equal(['/dist/cdn/messages-de.js']);
    const { NanoMeet } = window as unknown as { NanoMeet: { registerMessages(lang: string, messages: object): void } };
    NanoMeet.registerMessages('fr', { 'button.go-live': 'Passer en direct' });
    button.lang = 'fr';
    await waitUntil(() => label() === 'Passer en direct', 'the button speaks what the page registered');
    button.remove();
  });
});
