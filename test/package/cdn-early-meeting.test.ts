/**
 * What a page that loads nano-meet from the CDN fetches before its meeting's iframe exists, measured in the page
 * itself: the scripts whose request started before the first iframe was appended, each at its gzip size as built
 * (web-test-runner.config.mjs's `gzip-size`). And the hand-over: the element takes over the iframe the pre-iframe
 * core put up (src/elements/early-meeting), without loading it again and without anything on the page moving.
 */
import { expect } from '@open-wc/testing';
import { sandbox, token, uniqueRoom } from '../support/sandbox.js';
import { SIZE_TARGETS_KIB } from '../support/size-targets.js';
import { blankPage, gzipBytes, loadBuild, until, type PageWindow } from './cdn-page.js';

const {
  onlyMeetingBeforeIframe: BEFORE_IFRAME_KIB,
  allThreeBeforeIframe: ALL_THREE_BEFORE_IFRAME_KIB,
  classicScript: CLASSIC_SCRIPT_KIB,
} = SIZE_TARGETS_KIB;

/** The scripts the page asked for before its first iframe was appended, and their gzip size together. */
async function scriptsBeforeIframe(win: PageWindow): Promise<{ files: string[]; kib: number }> {
  const at = win.firstIframeAt;
  expect(at, 'an iframe was appended').to.be.a('number');
  const scripts = win.performance
    .getEntriesByType('resource')
    .filter((entry) => /\.js$/.test(new URL(entry.name).pathname) && entry.startTime < at!);
  const sizes = await Promise.all(scripts.map((entry) => gzipBytes(entry.name)));
  return {
    files: scripts.map((entry) => new URL(entry.name).pathname),
    kib: sizes.reduce((sum, size) => sum + size, 0) / 1024,
  };
}

describe('dist/cdn: what a page fetches before the meeting iframe, and the hand-over', function () {
  this.timeout(30_000);
  const frames: HTMLIFrameElement[] = [];
  afterEach(() => frames.splice(0).forEach((frame) => frame.remove()));
  // Every token up front: a POST to the sandbox right after a page with a meeting went can meet a socket the
  // sandbox has closed, which Chromium does not retry for a POST.
  const tokens: Record<string, string> = {};
  before(async () => {
    const info = await sandbox();
    const rooms = ['only', 'all', 'classic', 'task', 'refused', 'first', 'second', 'german', 'external'];
    const jwts = await Promise.all(
      rooms.map((room) =>
        token(info, { room: uniqueRoom(`early_${room}`), moderator: true, streamname: uniqueRoom('stream') }),
      ),
    );
    rooms.forEach((room, index) => (tokens[room] = jwts[index]!));
  });

  it(`a page with only <nano-meet> fetches at most ${BEFORE_IFRAME_KIB} KiB; the element keeps that iframe and joins`, async () => {
    const jwt = tokens['only'];
    const { frame, win } = await blankPage(`<nano-meet token="${jwt}" style="width: 640px"></nano-meet>`);
    frames.push(frame);
    const meeting = win.document.querySelector('nano-meet')!;
    await loadBuild(win, 'nano-meet.js');
    expect(win.customElements.get('nano-meet'), 'the element is not defined yet').to.equal(undefined);
    const before = meeting.getBoundingClientRect().toJSON();
    expect(before.height).to.equal(240);

    const early = meeting.shadowRoot?.querySelector('iframe');
    expect(early, 'the iframe is up as soon as the module has run').to.be.an.instanceOf(win.HTMLIFrameElement);
    const { files, kib } = await scriptsBeforeIframe(win);
    expect(files).to.deep.equal(['/dist/cdn/nano-meet.js']);
    expect(kib, `${kib.toFixed(1)} KiB before the iframe`).to.be.at.most(BEFORE_IFRAME_KIB);
    expect(
      win.document.head.querySelector('link[rel="preconnect"]'),
      'no hint before the iframe, which opens its connection itself at once',
    ).to.equal(null);

    await win.customElements.whenDefined('nano-meet');
    await until(() => meeting.state === 'joined' || undefined, 'the meeting to be joined');
    expect(meeting.iframe === early, 'the element took over the early iframe').to.equal(true);
    expect(meeting.shadowRoot!.querySelectorAll('iframe').length).to.equal(1);
    const meetingLoads = win.performance
      .getEntriesByType('resource')
      .filter((entry) => (entry as PerformanceResourceTiming).initiatorType === 'iframe');
    expect(meetingLoads.length, 'the meeting page loaded once').to.equal(1);
    expect(meeting.getBoundingClientRect().toJSON(), 'nothing moved').to.deep.equal(before);
  });

  it(`a page with all three elements fetches at most ${ALL_THREE_BEFORE_IFRAME_KIB} KiB before its iframe`, async () => {
    const jwt = tokens['all'];
    // The button after the playout: it appears once the moderator has joined, which may come before its code has
    // arrived (each element's file comes on its own), and that is the meeting's news, not a shift of loading.
    const { frame, win } = await blankPage(
      `<nano-meet id="m" token="${jwt}"></nano-meet>` +
        '<nano-meet-playout></nano-meet-playout><nano-meet-broadcast-button for="m"></nano-meet-broadcast-button>',
    );
    frames.push(frame);
    const playout = win.document.querySelector('nano-meet-playout')!;
    await loadBuild(win, 'nano-meet.js');
    expect(win.customElements.get('nano-meet-playout'), 'the playout is not defined yet').to.equal(undefined);
    const before = playout.getBoundingClientRect().toJSON();
    expect(before.height, 'the playout has its size before its code arrives').to.be.greaterThan(0);
    const { kib } = await scriptsBeforeIframe(win);
    expect(kib, `${kib.toFixed(1)} KiB before the iframe`).to.be.at.most(ALL_THREE_BEFORE_IFRAME_KIB);
    await Promise.all(
      ['nano-meet-playout', 'nano-meet-broadcast-button'].map((tag) => win.customElements.whenDefined(tag)),
    );
    expect(playout.getBoundingClientRect().toJSON(), 'the playout did not move').to.deep.equal(before);
  });

  it(`the classic script is at most ${CLASSIC_SCRIPT_KIB} KiB and puts the iframe up as early; NanoMeet at once`, async () => {
    const jwt = tokens['classic'];
    const { frame, win } = await blankPage(`<nano-meet token="${jwt}"></nano-meet>`);
    frames.push(frame);
    await loadBuild(win, 'nano-meet.iife.js');
    expect((win as unknown as { NanoMeet?: unknown }).NanoMeet).to.be.a('function');
    const classicKib = (await gzipBytes(`${location.origin}/dist/cdn/nano-meet.iife.js`)) / 1024;
    expect(classicKib, `${classicKib.toFixed(1)} KiB`).to.be.at.most(CLASSIC_SCRIPT_KIB);
    const { files, kib } = await scriptsBeforeIframe(win);
    expect(files).to.deep.equal(['/dist/cdn/nano-meet.iife.js']);
    expect(kib).to.be.at.most(BEFORE_IFRAME_KIB);
    const meeting = win.document.querySelector('nano-meet')!;
    const early = meeting.shadowRoot!.querySelector('iframe');
    await until(() => meeting.state === 'joined' || undefined, 'the meeting to be joined');
    expect(meeting.iframe === early, 'the element took over the early iframe').to.equal(true);
  });

  for (const build of ['nano-meet.js', 'nano-meet.iife.js'] as const) {
    it(`${build}: the element's file is asked for after the task that put up the iframe is over`, async () => {
      // Its request costs the page's main thread milliseconds (the page's first dynamic import): what the page
      // does once the iframe is there (its mutation observers, at the end of that task) goes first.
      const { frame, win } = await blankPage(`<nano-meet token="${tokens['task']}"></nano-meet>`);
      frames.push(frame);
      await loadBuild(win, build);
      await win.customElements.whenDefined('nano-meet');
      const [file] = win.performance
        .getEntriesByType('resource')
        .filter((entry) => new URL(entry.name).pathname === '/dist/cdn/element-nano-meet.js');
      expect(win.firstIframeTaskOverAt, 'the iframe went up').to.be.a('number');
      // The page held its thread 1 ms at the end of that task (cdn-page.ts): a request from within it started earlier.
      expect(file!.startTime).to.be.greaterThan(win.firstIframeTaskOverAt! + 0.5);
    });
  }

  it('loader="external": the server’s external_api.js is on its way before the elements arrive, fetched once', async () => {
    const { server } = await sandbox();
    const jwt = tokens['external'];
    const { frame, win } = await blankPage(
      `<nano-meet loader="external" allowed-servers="${server}" token="${jwt}"></nano-meet>`,
    );
    frames.push(frame);
    await loadBuild(win, 'nano-meet.js');
    expect(win.customElements.get('nano-meet'), 'the element is not defined yet').to.equal(undefined);
    const fetched = () =>
      win.performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name === `https://${server}/external_api.js`);
    // Its script element goes once the script has run; its resource entry comes once it has arrived.
    const onItsWay = win.document.head.querySelector(`script[src="https://${server}/external_api.js"]`);
    expect(onItsWay !== null || fetched().length === 1, 'external_api.js requested by the pre-iframe core').to.equal(
      true,
    );

    const meeting = win.document.querySelector('nano-meet')!;
    await until(() => meeting.state === 'joined' || undefined, 'the meeting to be joined');
    expect(fetched().length, 'the element used that load').to.equal(1);
    expect(meeting.shadowRoot!.querySelectorAll('iframe').length).to.equal(1);
  });

  it('a server the page does not allow: no iframe, no preconnect; the element shows its error screen', async () => {
    const jwt = tokens['refused'];
    const { frame, win } = await blankPage(
      `<meta name="nano-meet-allowed-servers" content="meet.example.org"><nano-meet token="${jwt}"></nano-meet>`,
    );
    frames.push(frame);
    await loadBuild(win, 'nano-meet.js');
    const meeting = win.document.querySelector('nano-meet')!;
    expect(win.firstIframeAt).to.equal(undefined);
    expect(win.document.querySelector('link[rel="preconnect"]')).to.equal(null);
    await win.customElements.whenDefined('nano-meet');
    await until(() => meeting.state === 'error' || undefined, 'the error state');
    expect(meeting.shadowRoot!.querySelector('[part="error"]')?.textContent).to.contain('does not allow');
    expect(meeting.shadowRoot!.querySelectorAll('iframe').length).to.equal(0);
  });

  it('a German page: the early iframe asks Jitsi for German, the element keeps it and names it in German', async () => {
    const jwt = tokens['german']!;
    const { frame, win } = await blankPage(`<nano-meet token="${jwt}"></nano-meet>`);
    frames.push(frame);
    // Declared by the document only, which the pre-iframe core must find as the element does.
    win.document.documentElement.lang = 'de';
    await loadBuild(win, 'nano-meet.js');
    const meeting = win.document.querySelector('nano-meet')!;
    const early = meeting.shadowRoot?.querySelector('iframe');
    expect(win.customElements.get('nano-meet'), 'the element is not defined yet').to.equal(undefined);
    expect(new URL(early!.src).searchParams.get('lang')).to.equal('de');
    const room = new URL(early!.src).pathname.slice(1);
    // Only English is in the pre-iframe core; the element names the iframe again once German has arrived.
    expect(early!.title).to.equal(`Meeting ${room}`);

    await win.customElements.whenDefined('nano-meet');
    await until(() => meeting.state === 'joined' || undefined, 'the meeting to be joined');
    expect(meeting.iframe === early, 'the element took over the early iframe').to.equal(true);
    await until(() => early!.title === `Meeting im Raum ${room}` || undefined, 'the German name of the iframe');
  });

  it('a token changed before the element arrived: the early iframe goes, the new meeting opens once', async () => {
    const first = tokens['first']!;
    const second = tokens['second']!;
    const { frame, win } = await blankPage(`<nano-meet token="${first}"></nano-meet>`);
    frames.push(frame);
    await loadBuild(win, 'nano-meet.js');
    const meeting = win.document.querySelector('nano-meet')!;
    expect(meeting.shadowRoot?.querySelector('iframe')?.src).to.contain('early_first');
    expect(win.customElements.get('nano-meet'), 'the element is not defined yet').to.equal(undefined);
    meeting.setAttribute('token', second);
    await until(() => meeting.state === 'joined' || undefined, 'the meeting to be joined');
    const iframes = meeting.shadowRoot!.querySelectorAll('iframe');
    expect(iframes.length).to.equal(1);
    expect(iframes[0]!.src).to.contain('early_second');
  });
});
