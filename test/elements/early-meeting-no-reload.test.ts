/**
 * A change of an attribute that the element applies inside the meeting, without reloading it (layout,
 * lobby, presenter-mode, load-timeout), must not make the pre-iframe core reload its iframe either: the element,
 * had it been there, would have kept its meeting, and a reloaded meeting page joins again.
 */
import { expect } from '@open-wc/testing';
import { sandbox, token, uniqueRoom } from '../support/sandbox.js';
import { earlyPage, iframesOf } from './support/early-page.js';

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('<nano-meet> before its code: attributes that do not reload the meeting', function () {
  this.timeout(30_000);
  const pages: HTMLIFrameElement[] = [];
  afterEach(() => pages.splice(0).forEach((frame) => frame.remove()));

  for (const [name, value] of [
    ['layout', 'tile'],
    ['lobby', ''],
    ['presenter-mode', ''],
    ['load-timeout', '60'],
  ] as const) {
    it(`${name} set after the early iframe is up: the same iframe stays`, async () => {
      const jwt = await token(await sandbox(), { room: uniqueRoom(`reload_${name.replace('-', '_')}`) });
      const { frame, win, core } = await earlyPage(`<nano-meet token="${jwt}"></nano-meet>`);
      pages.push(frame);
      core.watch();
      const meeting = win.document.querySelector('nano-meet')!;
      const [early] = iframesOf(meeting);
      expect(early, 'the early iframe is up').to.not.equal(undefined);
      meeting.setAttribute(name, value);
      await settled();
      expect(iframesOf(meeting)[0] === early, 'the early iframe was not replaced').to.equal(true);
    });
  }
});
