import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/elements/nano-meet.js';
import type { NanoMeetElement } from '../../src/elements/nano-meet.js';

describe('<nano-meet>', () => {
  it('is idle and shows nothing without a token', async () => {
    const el = await fixture<NanoMeetElement>(html`<nano-meet></nano-meet>`);
    expect(el.state).to.equal('idle');
    expect(el.getAttribute('state')).to.equal('idle');
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
  });

  it('shows a visible error and emits nano-meet-error with code token-malformed for a non-JWT token', async () => {
    const el = document.createElement('nano-meet');
    const event = oneEvent(el, 'nano-meet-error');
    el.token = 'not-a-token';
    document.body.append(el);
    const { detail } = await event;
    expect(detail.code).to.equal('token-malformed');
    await el.updateComplete;
    expect(el.state).to.equal('error');
    const alert = el.shadowRoot!.querySelector('[role="alert"]');
    expect(alert?.textContent).to.contain('token-malformed');
    el.remove();
  });
});
