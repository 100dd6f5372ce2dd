/**
 * What a page that loads nano-meet from the CDN downloads in all, once its elements are defined and it has gone
 * quiet: the autoloader (src/cdn/autoloader.ts) fetches only the files of the elements the page uses, the classic
 * API's on-demand half (classic-api.js) only for a page that makes a NanoMeet, and neither carries again what the
 * entry has (src/tooling/rollup-shared-core.mjs). Each script counts at its gzip size as built.
 */
import { expect } from '@open-wc/testing';
import type { NanoMeet as NanoMeetApi } from '../../src/api/nano-meet.js';
import { sandbox, token, uniqueRoom } from '../support/sandbox.js';
import { DOWNLOAD_BUDGETS_KIB } from '../support/size-targets.js';
import { blankPage, gzipBytes, loadBuild, type PageWindow } from './cdn-page.js';

const TAGS = ['nano-meet', 'nano-meet-broadcast-button', 'nano-meet-playout'];
const QUIET_MS = 500;

/** Every script of dist/cdn/ the page fetched once its elements are defined and nothing new started for a while. */
async function everythingFetched(win: PageWindow): Promise<{ files: string[]; kib: number }> {
  const used = TAGS.filter((tag) => win.document.querySelector(tag));
  await Promise.all(used.map((tag) => win.customElements.whenDefined(tag)));
  const scripts = () =>
    win.performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.startsWith('/dist/cdn/') && path.endsWith('.js'));
  for (let before = scripts().length; ;) {
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    if (scripts().length === before) break;
    before = scripts().length;
  }
  const files = [...new Set(scripts())].sort();
  const sizes = await Promise.all(files.map((file) => gzipBytes(`${location.origin}${file}`)));
  return { files, kib: sizes.reduce((sum, size) => sum + size, 0) / 1024 };
}

describe('dist/cdn: what a page downloads in all', function () {
  this.timeout(30_000);
  const frames: HTMLIFrameElement[] = [];
  afterEach(() => frames.splice(0).forEach((frame) => frame.remove()));

  /** A page with `body` that loads `build`, then runs `then`: every script it fetched, once settled. */
  async function downloadsOf(
    body: string,
    {
      build = 'nano-meet.js',
      then,
    }: { build?: 'nano-meet.js' | 'nano-meet.iife.js'; then?: (win: PageWindow) => void } = {},
  ): Promise<{ files: string[]; kib: number }> {
    const { frame, win } = await blankPage(body);
    frames.push(frame);
    await loadBuild(win, build);
    then?.(win);
    return everythingFetched(win);
  }

  it(`a viewer's page, only <nano-meet-playout>: the entry, the shared chunk and the playout, at most ${DOWNLOAD_BUDGETS_KIB.onlyPlayout} KiB`, async () => {
    const { files, kib } = await downloadsOf('<nano-meet-playout></nano-meet-playout>');
    expect(files).to.deep.equal([
      '/dist/cdn/element-nano-meet-playout.js',
      '/dist/cdn/elements-shared.js',
      '/dist/cdn/nano-meet.js',
    ]);
    expect(kib, `${kib.toFixed(1)} KiB`).to.be.at.most(DOWNLOAD_BUDGETS_KIB.onlyPlayout);
  });

  it(`a page with only <nano-meet>: no playout or button code, at most ${DOWNLOAD_BUDGETS_KIB.onlyMeeting} KiB`, async () => {
    const info = await sandbox();
    const jwt = await token(info, { room: uniqueRoom('download_meeting'), moderator: true });
    const { files, kib } = await downloadsOf(`<nano-meet token="${jwt}"></nano-meet>`);
    expect(files, 'no classic-api.js: the page makes no NanoMeet').to.deep.equal([
      '/dist/cdn/element-nano-meet.js',
      '/dist/cdn/elements-shared.js',
      '/dist/cdn/nano-meet.js',
    ]);
    expect(kib, `${kib.toFixed(1)} KiB`).to.be.at.most(DOWNLOAD_BUDGETS_KIB.onlyMeeting);
  });

  it('a classic page (the classic script, NanoMeet.init): the meeting’s files and classic-api.js', async () => {
    const info = await sandbox();
    const jwt = await token(info, { room: uniqueRoom('download_classic'), moderator: true });
    const { files } = await downloadsOf('<div id="meet"></div>', {
      build: 'nano-meet.iife.js',
      then: (win) => {
        const { NanoMeet } = win as unknown as { NanoMeet: typeof NanoMeetApi };
        void new NanoMeet().init({ token: jwt, id: 'meet' });
      },
    });
    expect(files).to.deep.equal([
      '/dist/cdn/classic-api.js',
      '/dist/cdn/element-nano-meet.js',
      '/dist/cdn/elements-shared.js',
      '/dist/cdn/nano-meet.iife.js',
    ]);
  });

  it(`a page with all three elements: each element file once, at most ${DOWNLOAD_BUDGETS_KIB.allThree} KiB`, async () => {
    const info = await sandbox();
    const jwt = await token(info, { room: uniqueRoom('download_all'), moderator: true, streamname: uniqueRoom('s') });
    const { files, kib } = await downloadsOf(
      `<nano-meet id="m" token="${jwt}"></nano-meet>` +
        '<nano-meet-broadcast-button for="m"></nano-meet-broadcast-button><nano-meet-playout></nano-meet-playout>',
    );
    expect(files).to.deep.equal([
      '/dist/cdn/element-nano-meet-broadcast-button.js',
      '/dist/cdn/element-nano-meet-playout.js',
      '/dist/cdn/element-nano-meet.js',
      '/dist/cdn/elements-shared.js',
      '/dist/cdn/nano-meet.js',
    ]);
    expect(kib, `${kib.toFixed(1)} KiB`).to.be.at.most(DOWNLOAD_BUDGETS_KIB.allThree);
  });
});
