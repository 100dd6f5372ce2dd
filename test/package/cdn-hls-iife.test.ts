import { expect } from '@open-wc/testing';
import { nextEvent, startStream, stopStream, uniqueStream } from '../playout/playout-helpers.js';

function loadClassicScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`${src} failed to load`));
    document.head.append(script);
  });
}

// The classic script has no import.meta: it must find hls.js from the address it was loaded from.
describe('dist/cdn/nano-meet.iife.js with HLS', function () {
  this.timeout(60_000);

  it('loads hls.js from next to itself, only when a playout plays HLS', async () => {
    await loadClassicScript('/dist/cdn/nano-meet.iife.js');
    const hlsLoads = () => performance.getEntriesByType('resource').filter((entry) => entry.name.includes('hls.js')).map((entry) => new URL(entry.name).pathname);
    expect(hlsLoads()).to.deep.equal([]);
    const name = uniqueStream('cdn-iife');
    const { hls } = await startStream(name);
    try {
      const el = document.createElement('nano-meet-playout');
      const playing = nextEvent(el, 'nano-meet-playout-playing');
      Object.assign(el, { src: hls, autoplay: true, muted: true });
      document.body.append(el);
      expect((await playing).detail.protocol).to.equal('hls');
      expect(hlsLoads()).to.deep.equal(['/dist/cdn/hls.js']);
      el.remove();
    } finally {
      await stopStream(name);
    }
  });
});
