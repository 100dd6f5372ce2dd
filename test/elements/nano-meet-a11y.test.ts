/**
 * `<nano-meet>` and its broadcast button for screen-reader and keyboard users: each change said once, politely,
 * in a live region of the element's own; focus handed to Rejoin when the meeting is taken away from someone in
 * it, and back to the meeting after, never taken from the page.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/nano-meet-broadcast-button.js';
import type { NanoMeetElement } from '../../src/elements/nano-meet.js';
import { LOW_CONTRAST_BRANDING, announcements } from './support/a11y-fixture.js';
import { expectFocusOn, expectVisibleFocusRing, tabTo } from './support/focus-ring.js';
import { settled, shadowButton } from './support/broadcast-button-fixture.js';
import { joinedWithButton } from './support/meeting-with-button.js';
import {
  actAs,
  cleanUp,
  joined,
  meeting,
  passwordLockedRoom,
  roomWhere,
  scripted,
  uniqueRoom,
} from './support/meeting-fixture.js';

function shadowFocus(el: NanoMeetElement): Element | null {
  return el.shadowRoot!.activeElement;
}

async function hangUp(el: NanoMeetElement): Promise<void> {
  const left = oneEvent(el, 'nano-meet-left');
  await el.hangUp();
  await left;
  await el.updateComplete;
}

describe('<nano-meet> for screen-reader and keyboard users', function () {
  this.timeout(20_000);
  const extra: HTMLElement[] = [];
  afterEach(() => {
    cleanUp();
    for (const el of extra.splice(0)) el.remove();
  });

  it('says joining, joined, left and joined again once each, politely; an error once, not as an alert', async () => {
    const el = await meeting('native', { room: uniqueRoom() });
    document.body.append(el);
    const heard = announcements(el);
    await oneEvent(el, 'nano-meet-ready');
    await el.updateComplete;
    await hangUp(el);
    const ready = oneEvent(el, 'nano-meet-ready');
    el.rejoin();
    await ready;
    await el.updateComplete;
    heard.stop();
    expect(heard.said).to.deep.equal([
      'Joining the meeting…',
      'In the meeting.',
      'You left the meeting.',
      'Joining the meeting…',
      'In the meeting.',
    ]);

    const failing = document.createElement('nano-meet');
    extra.push(failing);
    failing.token = 'not-a-token';
    document.body.append(failing);
    const failed = announcements(failing);
    await failing.updateComplete;
    await new Promise((resolve) => setTimeout(resolve));
    failed.stop();
    expect(failed.said).to.have.length(1);
    expect(failed.said[0]).to.contain('The token of this meeting is not valid.');
    expect(failing.shadowRoot!.querySelectorAll('[role="alert"], [aria-live="assertive"]')).to.have.length(0);
  });

  it('hands focus from the meeting to Rejoin when the meeting ends, and to the meeting again once rejoined', async () => {
    const el = await joined(await meeting('native', { room: uniqueRoom() }));
    await hangUp(el);
    // A keyboard user: Tab to Rejoin, Enter, and the meeting has the focus once joined.
    (document.activeElement as HTMLElement | null)?.blur();
    await tabTo(() => el.shadowRoot!.querySelector('.status button'), 'Rejoin');
    let ready = oneEvent(el, 'nano-meet-ready');
    await sendKeys({ press: 'Enter' });
    await ready;
    await el.updateComplete;
    expectFocusOn(el.iframe, 'the meeting');
    await hangUp(el);
    const rejoin = shadowFocus(el) as HTMLButtonElement | null;
    expect(rejoin?.textContent).to.equal('Rejoin');
    expectVisibleFocusRing(rejoin!, 'Rejoin, handed focus as the meeting ended');
    ready = oneEvent(el, 'nano-meet-ready');
    await sendKeys({ press: 'Enter' });
    await ready;
    await el.updateComplete;
    expectFocusOn(el.iframe, 'the meeting');
  });

  it('hands focus to Rejoin when the meeting ends for a keyboard user who tabbed into it', async () => {
    // Tabbing into the meeting's (cross-origin) iframe fires no focusin on the page, and its removal no focusout:
    // only where focus is as the meeting closes tells that it was inside.
    const el = await joined(await meeting('native', { room: uniqueRoom() }));
    await el.updateComplete;
    (document.activeElement as HTMLElement | null)?.blur();
    await tabTo(() => el.iframe, 'the meeting');
    await hangUp(el);
    const rejoin = shadowFocus(el) as HTMLButtonElement | null;
    expect(rejoin?.textContent, 'focus on Rejoin').to.equal('Rejoin');
    expectVisibleFocusRing(rejoin!, 'Rejoin, handed focus as the meeting ended');
  });

  /** Focus on a meeting in `el` (its iframe), then what `end` does to it; resolves once its screen shows. */
  async function endedWithFocusInside(el: NanoMeetElement, end: () => Promise<unknown>): Promise<void> {
    await el.updateComplete;
    el.iframe!.focus();
    expectFocusOn(el.iframe, 'the meeting');
    const left = oneEvent(el, 'nano-meet-left');
    await end();
    await left;
    await el.updateComplete;
  }

  function expectFocusOnMessage(el: NanoMeetElement, says: string): void {
    const message = shadowFocus(el);
    expectFocusOn(el.shadowRoot!.querySelector('.status .message'), 'the message');
    expect(message!.textContent).to.contain(says);
    expect(message!.getAttribute('tabindex')).to.equal('-1');
  }

  it('hands focus to the message on screens without a button: removed by a moderator, meeting ended', async () => {
    const room = uniqueRoom();
    const kicked = await joined(await meeting('native', { room }));
    const boss = await scripted(room, { name: 'Boss', moderator: true });
    const local = kicked.participants.find((participant) => participant.local)!.id;
    await endedWithFocusInside(kicked, () => actAs(room, boss, 'kick-participant', local));
    expect(kicked.shadowRoot!.querySelector('.status button')).to.equal(null);
    expectFocusOnMessage(kicked, 'removed');

    const other = uniqueRoom();
    const ended = await joined(await meeting('native', { room: other }));
    const host = await scripted(other, { name: 'Host', moderator: true });
    await endedWithFocusInside(ended, () => actAs(other, host, 'end-conference'));
    expectFocusOnMessage(ended, 'ended');
  });

  it('hands focus to the message when the token expires in the meeting', async () => {
    const el = await joined(await meeting('native', { room: uniqueRoom(), validFrom: -60, validFor: 63 }));
    await endedWithFocusInside(el, async () => undefined);
    expectFocusOnMessage(el, 'token');
  });

  it('hands focus to the message of a failure that trying again cannot cure (the lobby refused)', async () => {
    const room = uniqueRoom();
    const host = await scripted(room, { name: 'Host', moderator: true });
    await actAs(room, host, 'toggle-lobby', true);
    const el = await meeting('native', { room, name: 'Guest' }, { branding: LOW_CONTRAST_BRANDING });
    const waiting = oneEvent(el, 'nano-meet-error-occurred');
    document.body.append(el);
    await waiting;
    await el.updateComplete;
    // A keyboard user waiting in the lobby, on the branding's logo link: the only thing there to focus.
    el.shadowRoot!.querySelector<HTMLAnchorElement>('.status a')!.focus();
    const knocking = await roomWhere(room, (state) => state.participants.some((one) => one.phase === 'lobby'));
    const failed = oneEvent(el, 'nano-meet-error');
    await actAs(
      room,
      host,
      'answer-knocking-participant',
      knocking.participants.find((one) => one.phase === 'lobby')!.id,
      false,
    );
    const { detail } = await failed;
    expect(detail.code).to.equal('lobby-denied');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.status button')).to.equal(null);
    expectFocusOnMessage(el, detail.message);
  });

  it('hands focus to the screen when the page slotted its own message', async () => {
    const room = uniqueRoom();
    const el = await joined(await meeting('native', { room }));
    const own = document.createElement('p');
    own.slot = 'ended';
    own.textContent = 'Thanks for coming.';
    el.append(own);
    const boss = await scripted(room, { name: 'Boss', moderator: true });
    const local = el.participants.find((participant) => participant.local)!.id;
    await endedWithFocusInside(el, () => actAs(room, boss, 'kick-participant', local));
    const screen = el.shadowRoot!.querySelector('[part="status"]');
    expectFocusOn(screen, 'the screen');
    expect(screen!.getAttribute('tabindex')).to.equal('-1');
  });

  it('takes focus to the password field from nowhere (body), never from elsewhere on the page', async () => {
    const room = uniqueRoom();
    const owner = await scripted(room, { name: 'Owner', moderator: true });
    await actAs(room, owner, 'password', 's3cret');
    await roomWhere(room, (state) => state.locked);
    const ask = async () => {
      const el = await meeting('native', { room, name: 'Late' });
      const asked = oneEvent(el, 'nano-meet-password-required');
      document.body.append(el);
      await asked;
      await el.updateComplete;
      return el;
    };
    (document.activeElement as HTMLElement | null)?.blur();
    const fromNowhere = await ask();
    expectFocusOn(fromNowhere.shadowRoot!.querySelector('#password'), 'the password field');
    fromNowhere.remove();

    const input = document.createElement('input');
    input.setAttribute('aria-label', 'Elsewhere on the page');
    extra.push(input);
    document.body.append(input);
    input.focus();
    const fromElsewhere = await ask();
    expectFocusOn(input, "the page's input");
    expect(shadowFocus(fromElsewhere) === null).to.equal(true);
  });

  it('says that a password was wrong, and marks the field invalid', async () => {
    const room = await passwordLockedRoom('s3cret');
    const el = await meeting('native', { room, name: 'Mistyped' });
    const asked = oneEvent(el, 'nano-meet-password-required');
    document.body.append(el);
    await asked;
    await el.updateComplete;
    const field = () => el.shadowRoot!.querySelector<HTMLInputElement>('#password')!;
    expect(field().getAttribute('aria-invalid')).to.equal('false');
    const heard = announcements(el);
    const again = oneEvent(el, 'nano-meet-password-required');
    await el.submitPassword('wrong').catch(() => undefined);
    await again;
    await el.updateComplete;
    heard.stop();
    expect(heard.said).to.deep.equal(['That password is not right.']);
    expect(field().getAttribute('aria-invalid')).to.equal('true');
  });

  it('leaves focus where the page has it when the meeting ends', async () => {
    const el = await joined(await meeting('native', { room: uniqueRoom() }));
    const input = document.createElement('input');
    input.setAttribute('aria-label', 'Elsewhere on the page');
    extra.push(input);
    document.body.append(input);
    input.focus();
    await hangUp(el);
    expect(document.activeElement).to.equal(input);
    expect(shadowFocus(el)).to.equal(null);
  });

  it('the broadcast button says starting, live, stopping and ended once each', async () => {
    const streamname = `said-${Date.now().toString(36)}`;
    const { el, toggle: control } = await joinedWithButton({ streamname });
    const heard = announcements(control);
    await el.startBroadcast();
    await settled(control);
    await el.stopBroadcast();
    await settled(control);
    heard.stop();
    expect(heard.said).to.deep.equal([
      'The broadcast is starting.',
      'Live: the meeting is being broadcast.',
      'The broadcast is stopping.',
      'The broadcast has ended.',
    ]);
  });

  it("the broadcast button says a refusal once, after starting, and not again as the meeting's state changes", async () => {
    const room = uniqueRoom();
    const { el, toggle: control } = await joinedWithButton({ room, withoutFeatures: ['livestreaming'] });
    const heard = announcements(control);
    const error = oneEvent(el, 'nano-meet-broadcast-error');
    shadowButton(control).click();
    const { detail } = await error;
    await settled(control);
    // More of what the button follows: someone joins, and the meeting reports its state again.
    await scripted(room, { name: 'Late' });
    await roomWhere(room, (state) => state.participants.length === 2);
    el.dispatchEvent(new CustomEvent('nano-meet-state-change', { detail: { state: el.state } }));
    await settled(control);
    heard.stop();
    expect(heard.said).to.deep.equal(['The broadcast is starting.', detail.message]);
  });
});
