/**
 * Text the playout shows over a picture (the last frame while reconnecting, the poster before play, the
 * branding's background image) sits on an opaque backdrop whose colour it was made readable against: a bright
 * frame under a translucent layer cannot make it unreadable. Checked where the browser paints it.
 */
import { expect } from '@open-wc/testing';
import '../../src/elements/nano-meet-playout.js';
import type { NanoMeetPlayoutElement } from '../../src/elements/nano-meet-playout.js';
import { contrastRatio } from '../../src/branding/branding-contrast.js';
import { rendered } from '../elements/support/a11y-fixture.js';
import { live, statusText, stopLiveStreams, studio, uniqueStream, untilState } from '../playout/playout-helpers.js';
import { control } from '../support/sandbox.js';
import { computed, LOW_CONTRAST, opaqueBackdrop } from './contrast-fixture.js';

const STALL = '/faults/contrast-stall';
/** A white 1×1 PNG: the brightest picture there is under the text. */
const WHITE_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==';
const BRANDINGS: Record<string, object> = { 'no branding': {}, ...LOW_CONTRAST };

function player(branding: object, attributes: Partial<NanoMeetPlayoutElement>): NanoMeetPlayoutElement {
  const el = Object.assign(document.createElement('nano-meet-playout'), { muted: true }, attributes);
  el.branding = JSON.stringify(branding);
  document.body.append(el);
  return el;
}

/** Each text part of the playout that is shown reads at 4.5:1 on the opaque backdrop under it. */
function expectReadableOverPicture(el: NanoMeetPlayoutElement, what: string) {
  const texts = el.shadowRoot!.querySelectorAll('[part="status"], [part="error-code"]');
  expect(texts.length, `${what}: text shown`).to.be.greaterThan(0);
  for (const text of texts) {
    const backdrop = opaqueBackdrop(text);
    const ratio = contrastRatio(computed(text, 'color'), computed(backdrop, 'backgroundColor'));
    expect(ratio, `${what}, ${text.getAttribute('part')}: ${ratio.toFixed(2)}:1`).to.be.at.least(4.5);
  }
}

describe('<nano-meet-playout> text over a picture', function () {
  this.timeout(60_000);
  afterEach(async () => {
    for (const el of document.querySelectorAll('nano-meet-playout')) el.remove();
    await control(await studio(), 'DELETE', STALL);
    await stopLiveStreams();
  });

  it('reconnecting over the last frame, with every low-contrast branding', async () => {
    const info = await studio();
    const name = uniqueStream('contrast');
    const { hls } = await live(name);
    const players = Object.entries(BRANDINGS).map(
      ([what, branding]) => [what, player(branding, { src: hls, autoplay: true })] as const,
    );
    for (const [, el] of players) await untilState(el, 'playing');
    // Segments held back longer than the buffer lasts: the video runs dry, its last frame stays.
    await control(info, 'PUT', STALL, { delayPaths: [new URL(hls).pathname.replace(/[^/]+$/, '')], delayMs: 8000 });
    for (const [what, el] of players) {
      await untilState(el, 'stalled');
      expectReadableOverPicture(el, `${what}, stalled`);
    }
  });

  for (const [what, branding] of Object.entries(BRANDINGS)) {
    it(`before play over a poster, and on the branding's background image, ${what}`, async () => {
      const src = `${location.origin}/no-such-stream/index.m3u8`;
      const poster = player(branding, { src, poster: WHITE_PNG });
      // The look-up before play says the broadcast has not started.
      while (statusText(poster) === '') await new Promise((resolve) => setTimeout(resolve, 50));
      await rendered(poster);
      expectReadableOverPicture(poster, 'before play, over the poster');

      const pictured = player({ ...branding, backgroundImageUrl: WHITE_PNG }, { src: 'ftp://example.org/stream' });
      await untilState(pictured, 'error');
      await rendered(pictured);
      expectReadableOverPicture(pictured, 'failed, over the background image');
    });
  }
});
