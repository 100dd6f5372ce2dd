import { expect } from '@open-wc/testing';

describe('dist/cdn/nano-meet.js (single-file ES module)', () => {
  it('defines the three elements and exports NanoMeet and decodeToken', async () => {
    expect(customElements.get('nano-meet')).to.equal(undefined);
    const cdn = await import(/* @vite-ignore */ `${location.origin}/dist/cdn/nano-meet.js`);
    expect(customElements.get('nano-meet')).to.equal(cdn.NanoMeetElement);
    expect(customElements.get('nano-meet-broadcast-button')).to.equal(cdn.NanoMeetBroadcastButtonElement);
    expect(customElements.get('nano-meet-playout')).to.equal(cdn.NanoMeetPlayoutElement);
    expect(cdn.decodeToken('x.y.z').ok).to.equal(false);
  });
});
