/**
 * A branding whose colours would leave text unreadable still gives readable screens: what the elements draw,
 * as the browser computes it, has at least 4.5:1 for text and 3:1 for the focus ring.
 */
import { expect, oneEvent } from '@open-wc/testing';
import '../../src/elements/nano-meet-playout.js';
import { contrastRatio } from '../../src/branding/branding-contrast.js';
import { rendered } from '../elements/support/a11y-fixture.js';
import { meeting, uniqueRoom } from '../elements/support/meeting-fixture.js';
import { refusingServer } from '../support/sandbox.js';
import { computed, expectContrast, LOW_CONTRAST } from './contrast-fixture.js';

describe('a low-contrast branding is kept readable', () => {
  for (const [name, branding] of Object.entries(LOW_CONTRAST)) {
    it(`${name}: <nano-meet>'s error screen, its message, code and Try again, and the focus ring`, async () => {
      const server = await refusingServer();
      const el = await meeting('native', { room: uniqueRoom(), server }, { 'load-timeout': '0.4' });
      el.branding = JSON.stringify(branding);
      const error = oneEvent(el, 'nano-meet-error');
      document.body.append(el);
      await error;
      await rendered(el);
      const root = el.shadowRoot!;
      const base = root.querySelector('[part="base"]')!;
      expectContrast(root.querySelector('[part="error"]')!, base, 4.5, 'error message');
      expectContrast(root.querySelector('.code')!, base, 4.5, 'error code');
      const retry = root.querySelector<HTMLButtonElement>('[part="button"]')!;
      expectContrast(retry, retry, 4.5, 'Try again on the accent');
      retry.focus();
      expect(retry.matches(':focus-visible')).to.equal(true);
      const ring = contrastRatio(computed(retry, 'outlineColor'), computed(base, 'backgroundColor'));
      expect(ring, `focus ring ${ring.toFixed(2)}:1`).to.be.at.least(3);
      el.remove();
    });

    it(`${name}: <nano-meet-playout>'s status and Play button`, async () => {
      const el = document.createElement('nano-meet-playout');
      el.branding = JSON.stringify(branding);
      el.src = `${location.origin}/no-such-stream/index.m3u8`;
      document.body.append(el);
      await rendered(el);
      const root = el.shadowRoot!;
      const base = root.querySelector('[part="base"]')!;
      expectContrast(root.querySelector('[part="status"]')!, base, 4.5, 'status');
      const play = root.querySelector('[part="play-button"]')!;
      expectContrast(play, play, 4.5, 'Play on the accent');
      el.remove();
    });
  }
});
