import { expect } from '@open-wc/testing';
import { fetched, playHlsFromCdn } from './cdn-helpers.js';

// This page loads nothing but the CDN module: the playout's HLS must come from dist/cdn/hls.js.
describe('dist/cdn/nano-meet.js with HLS', function () {
  this.timeout(60_000);

  it('loads the playout engines and hls.js from next to itself, only when a playout plays HLS', async () => {
    await import(/* @vite-ignore */ `${location.origin}/dist/cdn/nano-meet.js`);
    expect(fetched('playout-engines.js')).to.deep.equal([]);
    await playHlsFromCdn('cdn-module');
    expect(fetched('playout-engines.js')).to.deep.equal(['/dist/cdn/playout-engines.js']);
  });
});
