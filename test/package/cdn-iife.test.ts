import { expect } from '@open-wc/testing';
import { loadClassicScript } from './cdn-helpers.js';

// This page loads nothing else, so whatever is defined below comes from the classic-script bundle.
describe('dist/cdn/nano-meet.iife.js (classic script)', () => {
  it('defines the three elements and a global NanoMeet', async () => {
    expect(customElements.get('nano-meet')).to.equal(undefined);
    await loadClassicScript('/dist/cdn/nano-meet.iife.js');
    expect(customElements.get('nano-meet')).to.be.a('function');
    expect(customElements.get('nano-meet-broadcast-button')).to.be.a('function');
    expect(customElements.get('nano-meet-playout')).to.be.a('function');
    const { NanoMeet } = window as unknown as { NanoMeet: new () => { init: unknown } };
    expect(new NanoMeet().init).to.be.a('function');
  });
});
