/**
 * Between the pre-iframe core's iframe (src/elements/early-meeting) and the element's arrival the page may change
 * its mind: a new token, none, another server, another list, another loader, the element moved or removed. The
 * element, had it been there, would have closed its meeting at once and opened the one now asked for, if allowed;
 * the core must do as much, and the element must keep an early iframe only when it is exactly its own.
 */
import { expect } from '@open-wc/testing';
import { sandbox, token, uniqueRoom } from '../support/sandbox.js';
import { until } from '../package/cdn-page.js';
import { earlyPage, externalScriptsOf, iframesOf, onServer, preconnectsOf } from './support/early-page.js';

type Meeting = HTMLElement & { state: string; iframe?: HTMLIFrameElement; updateComplete: Promise<boolean> };

/** A macrotask: the core's MutationObserver has run by then. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The token an iframe carries, from its URL. */
const tokenIn = (frame: HTMLIFrameElement | undefined) => (frame ? new URL(frame.src).searchParams.get('jwt') : null);

describe('<nano-meet> before its code: changes before the element arrives', function () {
  this.timeout(30_000);
  const pages: HTMLIFrameElement[] = [];
  afterEach(() => pages.splice(0).forEach((frame) => frame.remove()));
  const tokens: Record<string, string> = {};
  let server = '';
  let other = '';
  before(async () => {
    server = (await sandbox()).server;
    other = (await sandbox(1)).server;
    const names = ['removed', 'refused', 'unlisted', 'moved', 'external', 'replaced', 'new', 'branded', 'rebranded'];
    const more = ['property', 'allow', 'sandboxed', 'detached', 'reinserted', 'upgraded'];
    const info = await sandbox();
    const jwts = await Promise.all([...names, ...more].map((name) => token(info, { room: uniqueRoom(name) })));
    [...names, ...more].forEach((name, index) => (tokens[name] = jwts[index]!));
    tokens['reinserted'] = await token(await sandbox(1), { room: uniqueRoom('reinserted') });
  });

  it('a token removed or refused, the list or the server changed: the early iframe goes at once', async () => {
    const listed = `allowed-servers="${server} ${other}"`;
    const { frame, win, core } = await earlyPage(
      `<nano-meet id="removed" token="${tokens['removed']}"></nano-meet>` +
        `<nano-meet id="refused" token="${tokens['refused']}" allowed-servers="${server}"></nano-meet>` +
        `<nano-meet id="unlisted" token="${tokens['unlisted']}" ${listed}></nano-meet>` +
        `<nano-meet id="moved" token="${tokens['moved']}" allowed-servers="${server}"></nano-meet>` +
        `<nano-meet id="external" token="${tokens['external']}" allowed-servers="${server}"></nano-meet>` +
        `<nano-meet id="replaced" token="${tokens['replaced']}"></nano-meet>`,
    );
    pages.push(frame);
    core.watch();
    const element = (id: string) => win.document.getElementById(id)!;
    for (const id of ['removed', 'refused', 'unlisted', 'moved', 'external', 'replaced']) {
      expect(iframesOf(element(id)).length, `${id}: the early iframe is up`).to.equal(1);
    }

    element('removed').removeAttribute('token');
    element('refused').setAttribute('token', onServer(tokens['refused']!, 'evil.invalid'));
    element('unlisted').setAttribute('allowed-servers', other);
    element('moved').setAttribute('server', other);
    element('external').setAttribute('loader', 'external');
    element('replaced').setAttribute('token', tokens['new']!);
    await settled();

    for (const id of ['removed', 'refused', 'unlisted', 'moved', 'external']) {
      expect(iframesOf(element(id)), `${id}: no iframe is left`).to.deep.equal([]);
    }
    const replaced = iframesOf(element('replaced'));
    expect(replaced.length, 'one iframe for the new token').to.equal(1);
    expect(tokenIn(replaced[0]), 'it carries the new token').to.equal(tokens['new']);
    expect(externalScriptsOf(win), 'external_api.js of the listed server').to.deep.equal([
      `https://${server}/external_api.js`,
    ]);
    expect(
      [...win.document.head.querySelectorAll('link[rel="preconnect"]')].map((link) => link.getAttribute('href')),
    ).to.not.include('https://evil.invalid');
  });

  it('a token changed while the branding loads: the iframe carries the new token', async () => {
    const refused = onServer(tokens['branded']!, 'evil.invalid');
    const { frame, win, core } = await earlyPage(
      `<nano-meet token="${tokens['branded']}" branding="/brand.json"></nano-meet>` +
        `<nano-meet token="${refused}" branding="/brand.json" allowed-servers="${server}"></nano-meet>`,
    );
    pages.push(frame);
    let release: (response: Response) => void = () => undefined;
    win.fetch = () => new Promise<Response>((resolve) => (release = resolve));
    core.watch();
    expect(
      preconnectsOf(win),
      'while the branding loads, the connection to the listed server opens; none to a refused one',
    ).to.deep.equal([`https://${server}/`]);
    const meeting = win.document.querySelector('nano-meet')!;
    meeting.setAttribute('token', tokens['rebranded']!);
    await settled();
    release(new Response('{"backgroundColor": "#102030"}', { headers: { 'content-type': 'application/json' } }));
    await until(() => iframesOf(meeting).length > 0, 'the early iframe');
    await settled();
    const frames = iframesOf(meeting);
    expect(frames.length).to.equal(1);
    expect(tokenIn(frames[0]), 'the token the page has now').to.equal(tokens['rebranded']);
  });

  it('a property the core cannot see refuses the meeting: the element drops the iframe, shows its screen', async () => {
    const { frame, win, core, define } = await earlyPage(`<nano-meet token="${tokens['property']}"></nano-meet>`);
    pages.push(frame);
    core.watch();
    const meeting = win.document.querySelector('nano-meet') as Meeting;
    expect(iframesOf(meeting).length).to.equal(1);
    // An own property, as a framework sets it on an element not defined yet: no attribute changes.
    Object.assign(meeting, { token: '' });
    const errors: unknown[] = [];
    win.addEventListener('error', (event) => errors.push(event.error));
    await define();
    await meeting.updateComplete;
    await settled();
    expect(errors, 'the element rendered without an error').to.deep.equal([]);
    expect(meeting.state).to.equal('idle');
    expect(meeting.shadowRoot!.querySelector('[part="base"]'), 'the element rendered').to.not.equal(null);
    expect(iframesOf(meeting), 'no iframe').to.deep.equal([]);
  });

  for (const [name, change] of [
    ['allow', (early: HTMLIFrameElement) => (early.allow += '; geolocation; usb')],
    ['sandboxed', (early: HTMLIFrameElement) => early.setAttribute('sandbox', 'allow-scripts allow-same-origin')],
  ] as const) {
    it(`an early iframe with other attributes (${name}) than the element’s own is not kept`, async () => {
      const { frame, win, core, define } = await earlyPage(`<nano-meet token="${tokens[name]}"></nano-meet>`);
      pages.push(frame);
      core.watch();
      const meeting = win.document.querySelector('nano-meet') as Meeting;
      const [early] = iframesOf(meeting);
      // As another copy of nano-meet on the page (another version) might have put it up.
      change(early!);
      await define();
      const own = await until(() => meeting.iframe, 'the element’s iframe');
      expect(own === early, 'the element made its own iframe').to.equal(false);
      expect(early!.isConnected, 'the early one is gone').to.equal(false);
      expect(own.hasAttribute('sandbox')).to.equal(false);
      expect(own.allow).to.not.contain('geolocation');
      expect(iframesOf(meeting)).to.deep.equal([own]);
    });
  }

  it('removed before it arrived: the early iframe goes, and a changed element opens what it asks now', async () => {
    const { frame, win, core } = await earlyPage(
      `<div><nano-meet token="${tokens['detached']}" allowed-servers="${server} ${other}"></nano-meet></div>`,
    );
    pages.push(frame);
    core.watch();
    const meeting = win.document.querySelector('nano-meet')!;
    const parent = meeting.parentElement!;
    expect(iframesOf(meeting).length).to.equal(1);
    meeting.remove();
    await settled();
    expect(iframesOf(meeting), 'a removed element keeps no meeting').to.deep.equal([]);
    // Changed while off the page, which nobody observes: only the page as it is on reinsertion counts.
    meeting.setAttribute('allowed-servers', other);
    meeting.setAttribute('token', tokens['reinserted']!);
    parent.append(meeting);
    await settled();
    const frames = iframesOf(meeting);
    expect(frames.length).to.equal(1);
    expect(tokenIn(frames[0])).to.equal(tokens['reinserted']);
    expect(new URL(frames[0]!.src).host).to.equal(other);
  });

  it('removed once defined, before it took the early iframe: the iframe goes with the meeting', async () => {
    const { frame, win, core } = await earlyPage(`<div><nano-meet token="${tokens['upgraded']}"></nano-meet></div>`);
    pages.push(frame);
    core.watch();
    const meeting = win.document.querySelector('nano-meet') as Meeting;
    expect(iframesOf(meeting).length).to.equal(1);
    const element = await core.elementClass();
    // Defined and removed in one task: the element's first update finds itself off the page.
    win.customElements.define('nano-meet', element);
    meeting.remove();
    await meeting.updateComplete;
    await settled();
    expect(iframesOf(meeting), 'no iframe waits to load again on reinsertion').to.deep.equal([]);
  });
});
