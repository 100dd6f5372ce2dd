import { expect, waitUntil } from '@open-wc/testing';
import { fetched } from './cdn-helpers.js';

const cdnFile = (file: string) => `${location.origin}/dist/cdn/${file}`;

// This page loads nothing else: whatever is defined below comes from the CDN module and the files next to it.
describe('dist/cdn/nano-meet.js (ES module)', () => {
  it('defines an element when the page first uses its tag, fetching only that element file and the chunk they share', async () => {
    const cdn = await import(/* @vite-ignore */ cdnFile('nano-meet.js'));
    expect(cdn.decodeToken('x.y.z').ok).to.equal(false);
    expect(cdn.NanoMeet).to.be.a('function');
    expect(customElements.get('nano-meet-playout'), 'no tag used yet, nothing defined').to.equal(undefined);
    expect(fetched('elements-shared.js')).to.deep.equal([]);

    const playout = document.createElement('nano-meet-playout');
    document.body.append(playout);
    await customElements.whenDefined('nano-meet-playout');
    expect(playout.shadowRoot, 'the element on the page upgraded').to.not.equal(null);
    expect(fetched('element-nano-meet-playout.js')).to.deep.equal(['/dist/cdn/element-nano-meet-playout.js']);
    expect(fetched('elements-shared.js')).to.deep.equal(['/dist/cdn/elements-shared.js']);
    expect(fetched('element-nano-meet.js'), 'a viewer page never downloads the meeting').to.deep.equal([]);
    expect(customElements.get('nano-meet')).to.equal(undefined);
    playout.remove();
  });

  it('loadElement(tag) defines an element without it on the page; nano-meet-elements.js exports the three classes', async () => {
    const cdn = await import(/* @vite-ignore */ cdnFile('nano-meet.js'));
    const meeting = await cdn.loadElement('nano-meet');
    expect(customElements.get('nano-meet') === meeting, 'loadElement resolves with the class').to.equal(true);
    const elements = await import(/* @vite-ignore */ cdnFile('nano-meet-elements.js'));
    expect(customElements.get('nano-meet') === elements.NanoMeetElement).to.equal(true);
    expect(customElements.get('nano-meet-broadcast-button') === elements.NanoMeetBroadcastButtonElement).to.equal(true);
    expect(customElements.get('nano-meet-playout') === elements.NanoMeetPlayoutElement).to.equal(true);
    // Each file came once: the module map shares them between the autoloader and the page's import.
    expect(fetched('element-nano-meet.js')).to.deep.equal(['/dist/cdn/element-nano-meet.js']);
    expect(fetched('elements-shared.js')).to.deep.equal(['/dist/cdn/elements-shared.js']);
  });

  it('fetches German from next to the bundle only for an element that speaks it; exports registerMessages', async () => {
    const cdn = await import(/* @vite-ignore */ cdnFile('nano-meet.js'));
    const button = document.createElement('nano-meet-broadcast-button');
    document.body.append(button);
    await customElements.whenDefined('nano-meet-broadcast-button');
    await (button as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
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
