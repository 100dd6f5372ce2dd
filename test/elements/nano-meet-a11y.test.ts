/**
 * `<nano-meet>` and its broadcast button for screen-reader and keyboard users: each change said once, politely,
 * in a live region of the element's own; focus handed to Rejoin when the meeting is taken away from someone in
 * it, and back to the meeting after, never taken from the page.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/nano-meet-broadcast-button.js';
import type { NanoMeetElement } from '../../src/elements/nano-meet.js';
import { announcements } from './support/a11y-fixture.js';
import { button, settled } from './support/broadcast-button-fixture.js';
import { cleanUp, joined, meeting, uniqueRoom } from './support/meeting-fixture.js';

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
    await el.updateComplete;
    el.iframe!.focus();
    expect(shadowFocus(el)).to.equal(el.iframe);
    await hangUp(el);
    const rejoin = shadowFocus(el) as HTMLButtonElement | null;
    expect(rejoin?.textContent).to.equal('Rejoin');
    expect(rejoin!.matches(':focus-visible') || document.activeElement === el).to.equal(true);
    const ready = oneEvent(el, 'nano-meet-ready');
    await sendKeys({ press: 'Enter' });
    await ready;
    await el.updateComplete;
    expect(shadowFocus(el)).to.equal(el.iframe);
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
    const el = await meeting('native', { room: uniqueRoom(), moderator: true, streamname });
    el.id = 'said-meeting';
    const control = button({ for: el.id });
    extra.push(control);
    document.body.append(control);
    await joined(el);
    await settled(control);
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
});
