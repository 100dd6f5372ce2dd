import { loadClassicScript, playHlsFromCdn } from './cdn-helpers.js';

// The classic script has no import.meta: it must find hls.js from the address it was loaded from.
describe('dist/cdn/nano-meet.iife.js with HLS', function () {
  this.timeout(60_000);

  it('loads hls.js from next to itself, only when a playout plays HLS', async () => {
    await loadClassicScript('/dist/cdn/nano-meet.iife.js');
    await playHlsFromCdn('cdn-iife');
  });
});
