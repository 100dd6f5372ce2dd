/**
 * The classic API on a CDN page, whose on-demand half (classic-api.js, src/api/classic-api.ts) the test server holds
 * back until the test lets it come or fail (web-test-runner.config.mjs, `/held-cdn/`): init puts the meeting and its
 * iframe up without it, settles from what the meeting did before it came, and without it every call says so.
 */
import { expect } from '@open-wc/testing';
import type { NanoMeet as NanoMeetApi } from '../../src/api/nano-meet.js';
import type { NanoMeetElement } from '../../src/elements/nano-meet.js';
import { sandbox, token, uniqueRoom } from '../support/sandbox.js';
import { blankPage, loadBuild, queriesOfRequestsFor, until, type PageWindow } from './cdn-page.js';

type Build = 'nano-meet.js' | 'nano-meet.iife.js';

interface HeldPage {
  win: PageWindow;
  NanoMeet: typeof NanoMeetApi;
  /** The address classic-api.js is fetched from. */
  classicApiUrl: string;
  /** Lets classic-api.js come (200) or fail with `status`. */
  release(status?: number): Promise<void>;
}

/** `init`'s outcome, which must not wait for an event that happened before classic-api.js came. */
async function settledSoon<T>(init: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('init did not settle once classic-api.js had come')), 5_000);
  });
  try {
    return await Promise.race([init, hung]);
  } finally {
    clearTimeout(timer);
  }
}

/** What `promise` rejected with; fails the test if it resolved. */
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('resolved'),
    (error: { name: string; code: string; message: string }) => error,
  );

describe('dist/cdn: the classic API before, and without, its on-demand half', function () {
  this.timeout(30_000);
  const frames: HTMLIFrameElement[] = [];
  afterEach(() => frames.splice(0).forEach((frame) => frame.remove()));
  // Every token up front: a POST to the sandbox right after a page with a meeting went can meet a socket the
  // sandbox has closed, which Chromium does not retry for a POST (as in cdn-early-meeting.test.ts).
  const tokens: string[] = [];
  before(async () => {
    const info = await sandbox();
    const rooms = ['module', 'iife', 'failing_module', 'failing_iife'];
    tokens.push(
      ...(await Promise.all(
        rooms.map((room) => token(info, { room: uniqueRoom(`classic_${room}`), moderator: true })),
      )),
    );
  });

  /** A page with `<div id="meet">` that has loaded `build` from a folder whose classic-api.js is held back. */
  async function heldPage(build: Build): Promise<HeldPage> {
    const folder = `${location.origin}/held-cdn/${uniqueRoom('page')}/`;
    const { frame, win } = await blankPage('<div id="meet" style="width: 640px"></div>');
    frames.push(frame);
    await loadBuild(win, build, folder);
    const NanoMeet =
      build === 'nano-meet.js'
        ? // The module the page's script loaded: the same address in the same page is the same module.
          ((await new win.Function('url', 'return import(url)')(new URL(build, folder).href)) as { NanoMeet: never })
            .NanoMeet
        : (win as unknown as { NanoMeet: typeof NanoMeetApi }).NanoMeet;
    const release = async (status = 200) => void (await fetch(`${folder}release?status=${status}`));
    return { win, NanoMeet, classicApiUrl: `${folder}classic-api.js`, release };
  }

  /** The `<nano-meet>` init put into the page's div, once its early iframe is up. */
  async function meetingWithIframe(win: PageWindow) {
    const meeting = win.document.querySelector<NanoMeetElement>('#meet > nano-meet');
    expect(meeting, 'init put the element into the div at once').to.be.an.instanceOf(win.HTMLElement);
    await until(() => meeting!.shadowRoot?.querySelector('iframe'), 'the meeting iframe');
    return meeting!;
  }

  (['nano-meet.js', 'nano-meet.iife.js'] as const).forEach((build, index) => {
    it(`${build}: init puts the meeting iframe up before classic-api.js comes, and resolves when it comes after the join`, async () => {
      const { win, NanoMeet, release } = await heldPage(build);
      const init = new NanoMeet().init({ token: tokens[index]!, id: 'meet' });
      const meeting = await meetingWithIframe(win);
      await until(() => meeting.state === 'joined', 'the meeting to be joined, without classic-api.js');
      await release();
      expect(await settledSoon(init)).to.deep.equal({ data: { moderator: true } });
    });

    it(`${build}: init rejects with the meeting's error when it failed before classic-api.js came`, async () => {
      const { win, NanoMeet, release } = await heldPage(build);
      const init = refusal(new NanoMeet().init({ token: 'not-a-token', id: 'meet' }));
      const meeting = win.document.querySelector<NanoMeetElement>('#meet > nano-meet')!;
      await until(() => meeting.state === 'error', 'the meeting to fail, without classic-api.js');
      await release();
      const error = await settledSoon(init);
      expect(error.name).to.equal('NanoMeetApiError');
      expect(error.code).to.equal('token-malformed');
      expect(meeting.shadowRoot!.querySelector('[part="error"]')?.textContent, 'what the meeting said').to.contain(
        error.message,
      );
    });

    it(`${build}: without classic-api.js the meeting still goes up; every call rejects with classic-api-unavailable`, async () => {
      const { win, NanoMeet, classicApiUrl, release } = await heldPage(build);
      const nanoMeet = new NanoMeet();
      const init = refusal(nanoMeet.init({ token: tokens[index + 2]!, id: 'meet' }));
      await meetingWithIframe(win);
      await release(503);
      const error = await init;
      expect(error.name).to.equal('NanoMeetApiError');
      if (build === 'nano-meet.js') {
        const cdn = (await new win.Function('url', 'return import(url)')(new URL(build, classicApiUrl).href)) as {
          NanoMeetApiError: new () => Error;
        };
        expect(error, 'an instance of the class the module exports').to.be.an.instanceOf(cdn.NanoMeetApiError);
      }
      expect(error.code).to.equal('classic-api-unavailable');
      expect(error.message).to.contain(classicApiUrl);
      // A later call tries again, and says so again.
      expect((await refusal(nanoMeet.stopBroadcast())).code).to.equal('classic-api-unavailable');
      expect(
        queriesOfRequestsFor(classicApiUrl, win),
        'fetched once by the constructor and init together, once more by the later call, at another address',
      ).to.deep.equal(['', '?attempt=1']);
    });
  });
});
