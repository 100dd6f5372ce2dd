import { expect, waitUntil } from '@open-wc/testing';
import { fetched } from './cdn-helpers.js';

describe('dist/cdn/nano-meet.js (single-file ES module)', () => {
  it('defines the three elements and exports NanoMeet and decodeToken', async () => {
    expect(customElements.get('nano-meet')).to.equal(undefined);
    const cdn = await import(/* @vite-ignore */ `${location.origin}/dist/cdn/nano-meet.js`);
    expect(customElements.get('nano-meet')).to.equal(cdn.NanoMeetElement);
    expect(customElements.get('nano-meet-broadcast-button')).to.equal(cdn.NanoMeetBroadcastButtonElement);
    expect(customElements.get('nano-meet-playout')).to.equal(cdn.NanoMeetPlayoutElement);
    expect(cdn.decodeToken('x.y.z').ok).to.equal(false);
  });

  it('fetches German from next to the bundle only for an element that speaks it; exports registerMessages', async () => {
    const cdn = await import(/* @vite-ignore */ `${location.origin}/dist/cdn/nano-meet.js`);
    const button = document.createElement('nano-meet-broadcast-button');
    document.body.append(button);
    await button.updateComplete;
    expect(fetched('messages-de.js')).to.deep.equal([]);
    button.lang = 'de';
    const label = () => button.shadowRoot?.querySelector('button')?.textContent?.trim();
    await waitUntil(() => label() === 'Live gehen', 'the button speaks German');
    expect(fetched('messages-de.js')).to.deep.equal(['/dist/cdn/messages-de.js']);
    cdn.registerMessages('fr', { 'button.go-live': 'Passer en direct' });
    button.lang = 'fr';
    await waitUntil(() => label() === 'Passer en direct', 'the button speaks what the page registered');
    button.remove();
  });
});
