/**
 * The meeting in the element's language: Jitsi is asked for the language the element's screens speak (its own
 * `lang`, an ancestor's, the document's) and for none when the page declares none; the meeting iframe's accessible
 * name follows the language at run time; refusals of actions a page may show are said in it too.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { NanoMeetElement } from '../../src/elements/nano-meet.js';
import { cleanUp, joined, meeting, uniqueRoom } from './support/meeting-fixture.js';

/** The `lang` the meeting's URL asks Jitsi for (docs/jitsi/wire.md §2: a query parameter), or null. */
const jitsiLang = (el: NanoMeetElement) => new URL(el.iframe!.src).searchParams.get('lang');

const titled = (el: NanoMeetElement, title: string) =>
  waitUntil(() => el.iframe?.title === title, `the iframe is named "${title}" (is "${el.iframe?.title}")`, {
    timeout: 3000,
  });

describe("<nano-meet>: the meeting in the element's language", () => {
  const documentLang = document.documentElement.getAttribute('lang');
  afterEach(() => {
    cleanUp();
    if (documentLang === null) document.documentElement.removeAttribute('lang');
    else document.documentElement.setAttribute('lang', documentLang);
  });

  it("asks Jitsi for the document's language, and names the iframe in it, following a change at run time", async () => {
    document.documentElement.setAttribute('lang', 'de');
    const room = uniqueRoom('lang');
    const el = await joined(await meeting('native', { room }));
    expect(jitsiLang(el)).to.equal('de');
    expect(el.iframe!.title).to.equal(`Meeting im Raum ${room}`);
    const src = el.iframe!.src;

    el.lang = 'en';
    await titled(el, `Meeting ${room}`);
    document.documentElement.setAttribute('lang', 'de-AT');
    el.lang = '';
    await titled(el, `Meeting im Raum ${room}`);
    expect(el.iframe!.src, 'a change of language does not reload the meeting').to.equal(src);
  });

  it("asks Jitsi for an ancestor's language on the external route too", async () => {
    const room = uniqueRoom('lang');
    const el = await meeting('external', { room });
    const around = document.createElement('section');
    around.lang = 'de-AT';
    document.body.append(around);
    try {
      const ready = oneEvent(el, 'nano-meet-ready');
      around.append(el);
      await ready;
      expect(jitsiLang(el)).to.equal('de-AT');
      expect(el.iframe!.title).to.equal(`Meeting im Raum ${room}`);
    } finally {
      around.remove();
    }
  });

  it('sends Jitsi no language when the page declares none, so that Jitsi follows the browser', async () => {
    document.documentElement.removeAttribute('lang');
    const room = uniqueRoom('lang');
    const el = await joined(await meeting('native', { room }));
    expect(jitsiLang(el)).to.equal(null);
    expect(el.iframe!.title).to.equal(`Meeting ${room}`);
  });

  it('refuses an action outside the meeting in its language, in the rejection and the broadcast error alike', async () => {
    const el = await meeting('native', { room: uniqueRoom('lang'), moderator: true }, { lang: 'de' });
    const loading = oneEvent(el, 'nano-meet-state-change');
    document.body.append(el);
    await loading;
    expect(el.state).to.equal('loading');
    const refusal = await el.raiseHand().then(
      () => undefined,
      (error: Error & { code: string }) => error,
    );
    expect(refusal?.code).to.equal('not-joined');
    expect(refusal?.message).to.equal('Treten Sie zuerst dem Meeting bei.');
    const broadcastError = oneEvent(el, 'nano-meet-broadcast-error');
    const broadcastRefusal = await el.startBroadcast().then(
      () => undefined,
      (error: Error) => error,
    );
    expect(broadcastRefusal?.message).to.equal('Treten Sie zuerst dem Meeting bei.');
    expect((await broadcastError).detail).to.include({
      code: 'not-joined',
      message: 'Treten Sie zuerst dem Meeting bei.',
    });
  });

  it('fails an action still waiting when the meeting closes, in its language', async () => {
    const el = await joined(await meeting('native', { room: uniqueRoom('lang') }, { lang: 'de' }));
    const waiting = el.setTileView(true).then(
      () => undefined,
      (error: Error & { code: string }) => error,
    );
    el.remove();
    const refusal = await waiting;
    expect(refusal?.code).to.equal('not-joined');
    expect(refusal?.message).to.equal('Das Meeting wurde geschlossen.');
  });
});
