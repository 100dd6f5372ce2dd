import { expect } from '@open-wc/testing';
import { nextEvent, startStream, stopStream, uniqueStream } from '../playout/playout-helpers.js';

// This page loads nothing but the CDN module: the playout's HLS must come from dist/cdn/hls.js.
describe('dist/cdn/nano-meet.js with HLS', function () {
  this.timeout(60_000);

  it('loads the playout engines and hls.js from next to itself, only when a playout plays HLS', async () => {
    await import(/* @vite-ignore */ `${location.origin}/dist/cdn/nano-meet.js`);
    const loads = (file: string) => performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith(`/${file}`)).map((entry) => new URL(entry.name).pathname);
    const hlsLoads = () => loads('hls.js');
    expect(hlsLoads()).to.deep.equal([]);
    expect(loads('playout-engines.js')).to.deep.equal([]);
    const name = uniqueStream('cdn-module');
    const { hls } = await startStream(name);
    try {
      const el = document.createElement('nano-meet-playout');
      const playing = nextEvent(el, 'nano-meet-playout-playing');
      Object.assign(el, { src: hls, autoplay: true, muted: true });
      document.body.append(el);
      expect((await playing).detail.protocol).to.equal('hls');
      expect(hlsLoads()).to.deep.equal(['/dist/cdn/hls.js']);
      expect(loads('playout-engines.js')).to.deep.equal(['/dist/cdn/playout-engines.js']);
      el.remove();
    } finally {
      await stopStream(name);
    }
  });
});
