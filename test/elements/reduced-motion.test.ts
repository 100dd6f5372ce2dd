/**
 * What moves in `<nano-meet>` and its broadcast button, the loading spinner and the live badge's pulse, moves
 * only for people who have not asked their system for less motion (prefers-reduced-motion, WCAG 2.2 2.3.3).
 */
import { expect, oneEvent } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/elements/nano-meet-broadcast-button.js';
import { untilState } from '../playout/playout-helpers.js';
import { FAULT_SANDBOX } from '../support/sandbox.js';
import { settled } from './support/broadcast-button-fixture.js';
import { joinedWithButton } from './support/meeting-with-button.js';
import { cleanUp, control, meeting, sandbox, uniqueRoom } from './support/meeting-fixture.js';

const SILENT = '/faults/reduced-motion-silent';

function expectMoving(style: CSSStyleDeclaration, animation: string, what: string): void {
  expect(style.animationName, what).to.equal(animation);
  expect(parseFloat(style.animationDuration), what).to.be.greaterThan(0);
}

function expectStill(style: CSSStyleDeclaration, what: string): void {
  const still = style.animationName === 'none' || parseFloat(style.animationDuration) === 0;
  expect(still, `${what}: animation ${style.animationName} for ${style.animationDuration}`).to.equal(true);
}

/** Checks `style` (live: it follows the page) as motion is allowed, reduced, and allowed again. */
async function movesUnlessReduced(style: CSSStyleDeclaration, animation: string, what: string): Promise<void> {
  expectMoving(style, animation, what);
  await emulateMedia({ reducedMotion: 'reduce' });
  expectStill(style, `${what}, reduced motion`);
  await emulateMedia({ reducedMotion: 'no-preference' });
  expectMoving(style, animation, `${what}, motion allowed again`);
}

describe('motion in <nano-meet> and its broadcast button', function () {
  this.timeout(30_000);
  afterEach(async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
    cleanUp();
    await control(await sandbox(FAULT_SANDBOX), 'DELETE', SILENT);
  });

  it('the loading spinner turns, and stands still for people who ask for less motion', async () => {
    const info = await sandbox(FAULT_SANDBOX);
    const room = uniqueRoom();
    // The meeting page never answers: the element stays on its loading screen.
    await control(info, 'PUT', SILENT, { silentPagePaths: [`/${room}`] });
    const el = await meeting('native', { room }, {}, info);
    document.body.append(el);
    await untilState(el, 'loading');
    await el.updateComplete;
    const spinner = el.shadowRoot!.querySelector('.spinner')!;
    await movesUnlessReduced(getComputedStyle(spinner), 'spin', 'the spinner');
  });

  it('the live badge pulses, and does not for people who ask for less motion', async () => {
    const streamname = `motion-${Date.now().toString(36)}`;
    const { el, toggle } = await joinedWithButton({ streamname });
    const started = oneEvent(el, 'nano-meet-broadcast-started');
    await el.startBroadcast();
    await started;
    await settled(toggle);
    const badge = toggle.shadowRoot!.querySelector('[part="badge"]')!;
    await movesUnlessReduced(getComputedStyle(badge, '::before'), 'live-pulse', 'the live pulse');
    await el.stopBroadcast();
  });
});
