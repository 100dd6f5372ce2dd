/**
 * What people and pages write, shown by `<nano-meet>`: a `lang` a page takes from its user (`<html lang="…">`) and
 * names a member of every object was looked up as a catalogue loader, and the element, throwing before its first
 * render, never opened its meeting nor showed anything; names from the meeting are shown as text, never as markup.
 */
import { expect, oneEvent } from '@open-wc/testing';
import type { NanoMeetElement } from '../../src/elements/nano-meet.js';
import { actAs, cleanUp, joined, meeting, onPage, scripted, uniqueRoom } from './support/meeting-fixture.js';

describe('<nano-meet> and words from outside', () => {
  afterEach(cleanUp);

  for (const lang of ['constructor', '__proto__']) {
    it(`speaks English in lang="${lang}", which names no catalogue`, async () => {
      const el = document.createElement('nano-meet');
      el.setAttribute('lang', lang);
      el.token = 'not-a-token';
      const refused = oneEvent(el, 'nano-meet-error');
      onPage(el);
      expect((await refused).detail.code).to.equal('token-malformed');
      await el.updateComplete;
      expect(el.state).to.equal('error');
      expect(el.shadowRoot!.querySelector('[part="error"]')!.textContent).to.equal(
        'The token of this meeting is not valid. Ask for a new one.',
      );
    });
  }

  it('shows the name of the moderator who removed this participant as text, not markup', async () => {
    const room = uniqueRoom();
    const name = '<img src="/nowhere.png" onerror="window.__nanoMeetInjected = true">Mallory';
    const moderator = await scripted(room, { name, moderator: true });
    const el: NanoMeetElement = await joined(await meeting('native', { room, name: 'Guest' }));
    const left = oneEvent(el, 'nano-meet-left');
    await actAs(room, moderator, 'kick-participant', el.participants.find((each) => each.local)!.id);
    expect((await left).detail.reason).to.equal('kicked');
    await el.updateComplete;
    const message = el.shadowRoot!.querySelector('[part="status"] .message')!;
    expect(message.textContent).to.equal(`${name} removed you from the meeting.`);
    expect(el.shadowRoot!.querySelector('img:not([part] img)')).to.equal(null);
    expect((window as { __nanoMeetInjected?: boolean }).__nanoMeetInjected).to.equal(undefined);
  });
});
