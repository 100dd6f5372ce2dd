/**
 * The elements speak the language of their nearest `lang` (their own, an ancestor's, the document's), switch when
 * it changes, fall back to English per sentence, and speak what the page registers; the classic API too.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/nano-meet.js';
import '../../src/elements/nano-meet-broadcast-button.js';
import '../../src/elements/nano-meet-playout.js';
import { NanoMeet, registerMessages } from '../../src/index.js';
import { languageListeners } from '../../src/i18n/element-language.js';
import type { NanoMeetElement } from '../../src/elements/nano-meet.js';
import type { NanoMeetBroadcastButtonElement } from '../../src/elements/nano-meet-broadcast-button.js';
import type { NanoMeetPlayoutElement } from '../../src/elements/nano-meet-playout.js';
import { sandbox, token, uniqueRoom } from '../support/sandbox.js';

const text = (el: Element, selector: string) => el.shadowRoot!.querySelector(selector)?.textContent?.trim() ?? '';
const says = (el: Element, selector: string, words: string) =>
  waitUntil(() => text(el, selector).includes(words), `${el.localName} ${selector} says "${words}"`, { timeout: 3000 });

const germanTime = (time: Date) =>
  new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'short' }).format(time);

/** A token that ended an hour ago, and when it ended. */
async function expiredToken(): Promise<{ jwt: string; expiredAt: Date }> {
  const jwt = await token(await sandbox(), { room: uniqueRoom('lang'), validFrom: -7200, validFor: 3600 });
  const payload = JSON.parse(atob(jwt.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
  return { jwt, expiredAt: new Date(payload.exp * 1000) };
}

describe('the language of the elements', () => {
  const documentLang = document.documentElement.getAttribute('lang');
  afterEach(() => {
    if (documentLang === null) document.documentElement.removeAttribute('lang');
    else document.documentElement.setAttribute('lang', documentLang);
  });

  it("<nano-meet> says its error in its own, then its ancestor's, then the document's language, the time by Intl", async () => {
    const { jwt, expiredAt } = await expiredToken();
    const around = await fixture<HTMLDivElement>(html`<div><nano-meet .token=${jwt}></nano-meet></div>`);
    const el = around.querySelector<NanoMeetElement>('nano-meet')!;
    await says(el, '[part="error"]', 'The token expired at');
    el.setAttribute('lang', 'de');
    await says(el, '[part="error"]', `Das Token ist am ${germanTime(expiredAt)} abgelaufen.`);
    expect(text(el, '[role="status"]')).to.contain('Das Token ist am');
    expect(text(el, '.code'), 'the code stays as it is').to.equal('token-expired');
    el.removeAttribute('lang');
    await says(el, '[part="error"]', 'The token expired at');
    around.setAttribute('lang', 'de-AT');
    await says(el, '[part="error"]', 'Das Token ist am');
    around.removeAttribute('lang');
    await says(el, '[part="error"]', 'The token expired at');
    document.documentElement.setAttribute('lang', 'de');
    await says(el, '[part="error"]', 'Das Token ist am');
  });

  it('<nano-meet-broadcast-button> switches with its ancestor and the document', async () => {
    const around = await fixture<HTMLDivElement>(
      html`<div><nano-meet-broadcast-button guests="disabled"></nano-meet-broadcast-button></div>`,
    );
    const el = around.querySelector<NanoMeetBroadcastButtonElement>('nano-meet-broadcast-button')!;
    expect(text(el, 'button')).to.equal('Go live');
    expect(text(el, '[role="status"]')).to.equal('No meeting to broadcast.');
    around.lang = 'de';
    await says(el, 'button', 'Live gehen');
    expect(text(el, '[role="status"]')).to.equal('Kein Meeting zum Übertragen.');
    expect(el.shadowRoot!.querySelector('button')!.title).to.equal('Kein Meeting zum Übertragen.');
    around.lang = '';
    await says(el, 'button', 'Go live');
    document.documentElement.lang = 'de-CH';
    await says(el, 'button', 'Live gehen');
    el.lang = 'en';
    await says(el, 'button', 'Go live');
  });

  it('<nano-meet-playout> switches with its own lang and the document', async () => {
    const el = await fixture<NanoMeetPlayoutElement>(html`<nano-meet-playout></nano-meet-playout>`);
    await says(el, '[part="status"]', 'There is no broadcast to show here.');
    el.lang = 'de';
    await says(el, '[part="status"]', 'Hier gibt es keine Übertragung zu sehen.');
    el.removeAttribute('lang');
    await says(el, '[part="status"]', 'There is no broadcast to show here.');
    document.documentElement.lang = 'de';
    await says(el, '[part="status"]', 'Hier gibt es keine Übertragung zu sehen.');
    expect(text(el, '[part="error-code"]')).to.equal('no-source');
  });

  it('speaks a language the page registers, falling back to English sentence by sentence', async () => {
    const el = await fixture<NanoMeetBroadcastButtonElement>(
      html`<nano-meet-broadcast-button lang="fr-CA" guests="disabled"></nano-meet-broadcast-button>`,
    );
    expect(text(el, 'button')).to.equal('Go live');
    registerMessages('fr', { 'button.go-live': 'Passer en direct' });
    await says(el, 'button', 'Passer en direct');
    expect(text(el, '[role="status"]'), 'not registered: English').to.equal('No meeting to broadcast.');
    registerMessages('fr-CA', { 'button.no-meeting': 'Aucune réunion à diffuser.' });
    await says(el, '[role="status"]', 'Aucune réunion à diffuser.');
    expect(text(el, 'button'), 'from fr').to.equal('Passer en direct');
  });

  it('lets a page replace sentences of a shipped language', async () => {
    registerMessages('de', { 'playout.nothing': 'Hier läuft nichts.' });
    const el = await fixture<NanoMeetPlayoutElement>(html`<nano-meet-playout lang="de"></nano-meet-playout>`);
    await says(el, '[part="status"]', 'Hier läuft nichts.');
    registerMessages('de', { 'playout.nothing': 'Hier gibt es keine Übertragung zu sehen.' });
    await says(el, '[part="status"]', 'Hier gibt es keine Übertragung zu sehen.');
  });

  it('stops listening for language changes when the elements leave the page', async () => {
    const before = languageListeners(document);
    const around = await fixture<HTMLDivElement>(html`<div>
      <nano-meet></nano-meet><nano-meet-playout></nano-meet-playout><nano-meet-broadcast-button></nano-meet-broadcast-button>
    </div>`);
    expect(languageListeners(document)).to.equal(before + 3);
    around.remove();
    expect(languageListeners(document)).to.equal(before);
  });

  it("gives the classic API's errors in the page's language, with the code unchanged", async () => {
    document.documentElement.lang = 'de';
    const error = await new NanoMeet().init({ id: 'no-such-element', token: 'x' }).catch((caught: unknown) => caught);
    expect(error).to.include({ code: 'element-not-found', message: 'Kein Element hat die id "no-such-element".' });
    const early = await new NanoMeet().startBroadcast().catch((caught: unknown) => caught);
    expect(early).to.include({ code: 'not-initialized', message: 'Rufen Sie zuerst init() auf.' });
  });
});
