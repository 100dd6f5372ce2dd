import { expect, waitUntil } from '@open-wc/testing';
import { fetched, loadClassicScript } from './cdn-helpers.js';

// This page loads nothing else, so whatever is defined below comes from the classic-script bundle.
describe('dist/cdn/nano-meet.iife.js (classic script)', () => {
  it('defines a global NanoMeet at once, and the three elements once their bundle has arrived', async () => {
    expect(customElements.get('nano-meet')).to.equal(undefined);
    await loadClassicScript('/dist/cdn/nano-meet.iife.js');
    const { NanoMeet: early } = window as unknown as { NanoMeet?: unknown };
    expect(early, 'NanoMeet right after the script').to.be.a('function');
    await customElements.whenDefined('nano-meet');
    expect(fetched('nano-meet-elements.js')).to.deep.equal(['/dist/cdn/nano-meet-elements.js']);
    expect(customElements.get('nano-meet')).to.be.a('function');
    expect(customElements.get('nano-meet-broadcast-button')).to.be.a('function');
    expect(customElements.get('nano-meet-playout')).to.be.a('function');
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
