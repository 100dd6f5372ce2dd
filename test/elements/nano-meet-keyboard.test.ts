/**
 * `<nano-meet>` and its broadcast button by keyboard alone: Tab reaches every control on each screen with a ring
 * a person can see, Enter and Space operate it, the password form is typed and sent with Enter, and the broadcast
 * button keeps focus while the broadcast is starting (and cancelled) and stopping.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/nano-meet-broadcast-button.js';
import type { NanoMeetElement } from '../../src/elements/nano-meet.js';
import { refusingServer } from '../support/sandbox.js';
import { BRANDINGS } from './support/a11y-fixture.js';
import { settled, shadowButton } from './support/broadcast-button-fixture.js';
import { joinedWithButton } from './support/meeting-with-button.js';
import { expectFocusOn, expectVisibleFocusRing, tabTo } from './support/focus-ring.js';
import {
  cleanUp,
  control,
  joined,
  meeting,
  passwordLockedRoom,
  sandbox,
  uniqueRoom,
} from './support/meeting-fixture.js';

function screenButton(el: NanoMeetElement): HTMLButtonElement | null {
  return el.shadowRoot!.querySelector<HTMLButtonElement>('.status button');
}

/** Focus on nothing, so that the next Tab starts at the top of the page. */
function focusNothing(): void {
  (document.activeElement as HTMLElement | null)?.blur();
}

describe('<nano-meet> by keyboard', function () {
  this.timeout(20_000);
  afterEach(cleanUp);

  for (const [brandingName, branding] of Object.entries(BRANDINGS)) {
    it(`Try again: Tab reaches it with a visible ring, Enter and Space retry, and it gets focus back (${brandingName})`, async () => {
      const server = await refusingServer();
      const el = await meeting('native', { room: uniqueRoom(), server }, { branding, 'load-timeout': '0.4' });
      const failed = oneEvent(el, 'nano-meet-error');
      focusNothing();
      document.body.append(el);
      await failed;
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement === null, 'focus was not inside: it stays where it was').to.equal(true);
      const retry = await tabTo(() => screenButton(el), 'Try again');
      expect(retry.textContent).to.equal('Try again');
      expectVisibleFocusRing(retry, `Try again, ${brandingName}`);
      for (const key of ['Enter', 'Space']) {
        const states: string[] = [];
        el.addEventListener('nano-meet-state-change', (event) => states.push(event.detail.state));
        const again = oneEvent(el, 'nano-meet-error');
        await sendKeys({ press: key });
        await again;
        await el.updateComplete;
        expect(states, `${key} tried again`).to.deep.equal(['loading', 'error']);
        // The pressed button went with the loading screen; the new screen's Try again takes the focus back.
        expectFocusOn(screenButton(el), `Try again after ${key}`);
        expectVisibleFocusRing(screenButton(el)!, `Try again after ${key}, ${brandingName}`);
      }
    });

    it(`Rejoin: Tab reaches it with a visible ring, Space rejoins (${brandingName})`, async () => {
      const el = await joined(await meeting('native', { room: uniqueRoom() }, { branding }));
      const left = oneEvent(el, 'nano-meet-left');
      await el.hangUp();
      await left;
      await el.updateComplete;
      focusNothing();
      const rejoin = await tabTo(() => screenButton(el), 'Rejoin');
      expect(rejoin.textContent).to.equal('Rejoin');
      expectVisibleFocusRing(rejoin, `Rejoin, ${brandingName}`);
      const ready = oneEvent(el, 'nano-meet-ready');
      await sendKeys({ press: 'Space' });
      await ready;
    });
  }

  it('the password form: the field has focus, Tab reaches Join with a visible ring, typing and Enter send it', async () => {
    const room = await passwordLockedRoom('s3cret');
    const el = await meeting('native', { room, name: 'Late' });
    const asked = oneEvent(el, 'nano-meet-password-required');
    focusNothing();
    document.body.append(el);
    await asked;
    await el.updateComplete;
    const field = el.shadowRoot!.querySelector<HTMLInputElement>('#password')!;
    expectFocusOn(field, 'the password field');
    const join = await tabTo(() => el.shadowRoot!.querySelector<HTMLButtonElement>('.password button'), 'Join');
    expectVisibleFocusRing(join, 'Join');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expectFocusOn(field, 'the password field');
    expectVisibleFocusRing(field, 'the password field');
    const ready = oneEvent(el, 'nano-meet-ready');
    await sendKeys({ type: 's3cret' });
    await sendKeys({ press: 'Enter' });
    await ready;
    expect(el.state).to.equal('joined');
  });

  it('Shift+Tab from the password field never goes into the meeting behind the screen', async () => {
    const room = await passwordLockedRoom('s3cret');
    const el = await meeting('native', { room, name: 'Hidden' });
    const asked = oneEvent(el, 'nano-meet-password-required');
    focusNothing();
    document.body.append(el);
    await asked;
    await el.updateComplete;
    expectFocusOn(el.shadowRoot!.querySelector('#password'), 'the password field');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    // The meeting is there, loaded, under the screen: a person would lose sight of focus inside it.
    expect(el.iframe, 'the meeting under the screen').to.not.equal(undefined);
    expect(el.shadowRoot!.activeElement === el.iframe, 'focus in the covered meeting').to.equal(false);
  });

  it('the broadcast button: Tab reaches it with a visible ring, Space starts, cancels, starts and stops, focus stays throughout', async () => {
    const streamname = `keys-${Date.now().toString(36)}`;
    const info = await sandbox();
    // Jibri takes a while to start and to stop, as a real one does: long enough to press keys meanwhile, also once
    // the button offers to cancel the start (a second after it began).
    const fault = `/faults/${streamname}`;
    await control(info, 'PUT', fault, { slowStreams: [streamname], streamDelayMs: 2500 });
    try {
      const { el, toggle } = await joinedWithButton({ streamname });
      const errors: string[] = [];
      el.addEventListener('nano-meet-broadcast-error', (event) => errors.push(event.detail.code));
      focusNothing();
      const inner = await tabTo(() => shadowButton(toggle), 'the broadcast button');
      expectVisibleFocusRing(inner, 'the broadcast button, idle');
      /** Space while `moment` (live, or starting and cancellable) stops it: stopping, then idle, focus kept. */
      const stopWithSpace = async (moment: string) => {
        const stopped = oneEvent(el, 'nano-meet-broadcast-stopped');
        await sendKeys({ press: 'Space' });
        await settled(toggle);
        expect(toggle.state).to.equal('stopping');
        expectFocusOn(inner, `${moment}: stopping`);
        await stopped;
        await settled(toggle);
        expect(toggle.state).to.equal('idle');
        expectFocusOn(inner, `${moment}: idle again`);
      };

      await sendKeys({ press: 'Space' });
      await settled(toggle);
      expect(toggle.state).to.equal('starting');
      expect(inner.getAttribute('aria-disabled')).to.equal('true');
      expectFocusOn(inner, 'starting');
      // A second press right after the first is taken for a repeat of it and ignored: not a second start (which
      // Jitsi would refuse), and not yet a cancel.
      await sendKeys({ press: 'Space' });
      await settled(toggle);
      expect(toggle.state).to.equal('starting');
      expect(inner.getAttribute('aria-disabled')).to.equal('true');
      // A moment later the button, focus still on it, offers to cancel; Space does.
      await waitUntil(() => inner.textContent?.trim() === 'Cancel going live', 'the button offers to cancel', {
        timeout: 2000,
      });
      expect(toggle.state).to.equal('starting');
      expect(inner.hasAttribute('aria-disabled')).to.equal(false);
      expectFocusOn(inner, 'starting, cancellable');
      await stopWithSpace('cancelled');
      expect(inner.textContent?.trim()).to.equal('Go live');

      const started = oneEvent(el, 'nano-meet-broadcast-started');
      await sendKeys({ press: 'Space' });
      await started;
      await settled(toggle);
      expect(toggle.state).to.equal('live');
      expectFocusOn(inner, 'live');
      expect(inner.hasAttribute('aria-disabled')).to.equal(false);
      expectVisibleFocusRing(inner, 'the broadcast button, live');

      await stopWithSpace('stopped');
      expect(errors).to.deep.equal([]);
    } finally {
      await control(info, 'DELETE', fault);
    }
  });
});
