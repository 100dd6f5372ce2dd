// <nano-meet-playout> makes every wait visible (issue 17, item 2): it says it waits, offers play without
// autoplay, reports a source that cannot work before play, never shows viewers developer text, and says when
// a broadcast is over. The broadcasts are the sandbox's (POST/DELETE /streams/<name>, with or without record).
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/nano-meet-playout.js';
import type { NanoMeetPlayoutElement } from '../../src/elements/nano-meet-playout.js';
import type { WhepRequestRecord } from '../../src/sandbox/media/whep-request-log.js';
import { control, type SandboxInfo } from '../support/sandbox.js';
import {
  expectPlaying,
  live,
  nextEvent,
  statusText,
  stopLiveStreams,
  stopStream,
  studio,
  uniqueStream,
  untilState,
} from '../playout/playout-helpers.js';

afterEach(stopLiveStreams);

const fill = (template: string, name: string) => template.replace('{streamname}', name);

/** What players asked the sandbox's WHEP server about `name`, as `METHOD status`. */
async function whepRequests(name: string): Promise<string[]> {
  const path = `/streams/${name}/whep-requests`;
  const { requests } = await control<{ requests: WhepRequestRecord[] }>(await studio(), 'GET', path);
  return requests.map((request) => `${request.method} ${request.status}`);
}

/** Resolves with `probe()`'s first truthy answer, asked every 100 ms. */
type Answer<T> = T | undefined | null | false;

async function until<T>(what: string, probe: () => Answer<T> | Promise<Answer<T>>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Asserts that `part` is rendered with a size, inside the element's box, where a viewer can see it. */
function expectVisible(el: HTMLElement, part: Element): void {
  const box = el.getBoundingClientRect();
  const rect = part.getBoundingClientRect();
  expect(rect.width, 'has a width').to.be.greaterThan(0);
  expect(rect.height, 'has a height').to.be.greaterThan(0);
  expect(
    rect.left >= box.left && rect.right <= box.right && rect.top >= box.top && rect.bottom <= box.bottom,
    'inside the player',
  ).to.equal(true);
  expect(getComputedStyle(part).visibility).to.equal('visible');
}

function shadow(el: NanoMeetPlayoutElement, selector: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(selector);
}

function playButton(el: NanoMeetPlayoutElement): HTMLButtonElement | null {
  return el.shadowRoot!.querySelector<HTMLButtonElement>('button[part="play-button"]');
}

/** A player for the stream `name` by its templates, with the recording's address, on the page. */
async function playerOf(info: SandboxInfo, name: string, autoplay: boolean): Promise<NanoMeetPlayoutElement> {
  return fixture<NanoMeetPlayoutElement>(html`<nano-meet-playout
    streamname=${name}
    whep-template=${info.whepTemplate}
    hls-template=${info.hlsTemplate}
    vod=${info.vodTemplate}
    ?autoplay=${autoplay}
    muted
  ></nano-meet-playout>`);
}

describe('<nano-meet-playout> makes every wait visible', function () {
  this.timeout(60_000);

  describe('while the broadcast has not started', () => {
    it('says it is waiting, in the branding’s colours, while the WHEP endpoint answers 404, and keeps asking', async () => {
      const info = await studio();
      const name = uniqueStream('not-yet');
      const branding = JSON.stringify({ backgroundColor: 'rgb(10, 20, 30)', textColor: 'rgb(250, 240, 200)' });
      const el = document.createElement('nano-meet-playout');
      let errors = 0;
      el.addEventListener('nano-meet-playout-error', () => errors++);
      const waiting = nextEvent(el, 'nano-meet-playout-waiting');
      Object.assign(el, { src: fill(info.whepTemplate, name), autoplay: true, muted: true, branding });
      document.body.append(el);
      try {
        expect((await waiting).detail.protocol).to.equal('whep');
        await el.updateComplete;
        expect(statusText(el)).to.equal('Waiting for the broadcast to start…');
        const status = shadow(el, '[part="status"]')!;
        expectVisible(el, status);
        await until('the branding', () => getComputedStyle(status).color === 'rgb(250, 240, 200)');
        expect(getComputedStyle(shadow(el, '[part="screen"]')!).backgroundColor).to.equal('rgb(10, 20, 30)');
        await expect(el).to.be.accessible();

        // Three 404s take 1.5–3 s with the backoff (1 s doubling, up to 8 s): the player is still waiting.
        const requests = await until('three POSTs', async () => {
          const all = await whepRequests(name);
          return all.length >= 3 && all;
        });
        expect(requests.slice(0, 3)).to.deep.equal(['POST 404', 'POST 404', 'POST 404']);
        expect(el.state).to.equal('waiting');
        expect(statusText(el)).to.equal('Waiting for the broadcast to start…');
        expect(errors, 'a broadcast that has not started is no error').to.equal(0);
      } finally {
        el.remove();
      }
    });

    it('shows the page’s own words from the waiting slot instead', async () => {
      const info = await studio();
      const src = fill(info.whepTemplate, uniqueStream('slot'));
      const el = await fixture<NanoMeetPlayoutElement>(
        html`<nano-meet-playout src=${src} autoplay muted><p slot="waiting" lang="de">Wir beginnen um 20 Uhr.</p></nano-meet-playout>`,
      );
      await untilState(el, 'waiting');
      const slot = shadow(el, 'slot[name="waiting"]') as HTMLSlotElement;
      const words = el.querySelector('[slot="waiting"]')!;
      expect(slot.assignedElements()).to.deep.equal([words]);
      expectVisible(el, words);
    });
  });

  describe('without autoplay', () => {
    it('shows a Play button that a keyboard reaches, with a focus ring, and presses to play; no WHEP session before', async () => {
      const name = uniqueStream('press');
      const urls = await live(name);
      const branding = JSON.stringify({ accentColor: 'rgb(0, 110, 40)' });
      const el = await fixture<NanoMeetPlayoutElement>(
        html`<nano-meet-playout src=${urls.whep} muted branding=${branding}></nano-meet-playout>`,
      );
      const button = await until('the play button', () => playButton(el));
      expect(button.type).to.equal('button');
      expect(button.textContent?.trim(), 'its name').to.equal('Play');
      expect(button.querySelector('svg')?.getAttribute('aria-hidden')).to.equal('true');
      expectVisible(el, button);
      await expect(el).to.be.accessible();
      // The look-up before play asked the WHEP server only whether it answers.
      await until('the HEAD', async () => (await whepRequests(name)).length > 0);
      expect(await whepRequests(name)).to.deep.equal(['HEAD 200']);
      expect(el.state).to.equal('idle');

      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement, 'Tab reaches the button').to.equal(button);
      expect(button.matches(':focus-visible')).to.equal(true);
      await until('the branding', () => getComputedStyle(button).outlineColor === 'rgb(0, 110, 40)');
      expect(getComputedStyle(button).outlineStyle).to.equal('solid');
      expect(parseFloat(getComputedStyle(button).outlineWidth)).to.be.at.least(2);

      const playing = nextEvent(el, 'nano-meet-playout-playing');
      await sendKeys({ press: 'Enter' });
      expect((await playing).detail.protocol).to.equal('whep');
      await expectPlaying(el);
      expect(playButton(el), 'gone while playing').to.equal(null);
      el.stop();
      await el.updateComplete;
      expect(playButton(el), 'back once stopped').to.not.equal(null);
    });

    it('reports an HLS playlist that does not exist before play, without asking the WHEP server, and waits once pressed', async () => {
      const info = await studio();
      const name = uniqueStream('before-play');
      const el = document.createElement('nano-meet-playout');
      const error = nextEvent(el, 'nano-meet-playout-error');
      Object.assign(el, {
        streamname: name,
        whepTemplate: info.whepTemplate,
        hlsTemplate: info.hlsTemplate,
        muted: true,
      });
      document.body.append(el);
      try {
        expect((await error).detail).to.include({ code: 'hls-not-found', fatal: false, httpStatus: 404 });
        await el.updateComplete;
        expect(el.state).to.equal('idle');
        expect(statusText(el)).to.equal('The broadcast has not started yet.');
        expect(await whepRequests(name), 'no WHEP request before play').to.deep.equal([]);

        const waiting = nextEvent(el, 'nano-meet-playout-waiting');
        playButton(el)!.click();
        await waiting;
        await el.updateComplete;
        expect(statusText(el)).to.equal('Waiting for the broadcast to start…');
      } finally {
        el.remove();
      }
    });

    for (const [kind, path] of [
      ['WHEP endpoint', '/whep/nowhere'],
      ['HLS playlist', '/hls/nowhere/index.m3u8'],
    ]) {
      it(`reports a ${kind} on a host that cannot be reached before play, as a short sentence`, async () => {
        // Nothing listens on the discard port.
        const src = `https://127.0.0.1:9${path}`;
        const el = document.createElement('nano-meet-playout');
        const error = nextEvent(el, 'nano-meet-playout-error');
        Object.assign(el, { src, muted: true });
        document.body.append(el);
        try {
          const { detail } = await error;
          expect(detail).to.include({ code: 'source-unreachable', fatal: false });
          expect(detail.message, 'the developer is told where').to.contain(src);
          await el.updateComplete;
          expect(el.state).to.equal('idle');
          expect(statusText(el)).to.equal('The broadcast cannot be reached.');
          expect(playButton(el), 'the viewer may still try').to.not.equal(null);
        } finally {
          el.remove();
        }
      });
    }
  });

  describe('a server that cannot be reached', () => {
    // Nothing listens on the discard port.
    const nowhere = 'https://127.0.0.1:9';
    for (const [kind, sources] of [
      ['a WHEP endpoint', { src: `${nowhere}/whep/nowhere` }],
      ['an HLS playlist', { src: `${nowhere}/hls/nowhere/index.m3u8` }],
      [
        'a WHEP endpoint and an HLS playlist',
        {
          streamname: 'nowhere',
          whepTemplate: `${nowhere}/whep/{streamname}`,
          hlsTemplate: `${nowhere}/hls/{streamname}/index.m3u8`,
        },
      ],
    ] as const) {
      it(`is said alike before and after play, for ${kind}, and asked again`, async () => {
        const el = document.createElement('nano-meet-playout');
        const before = nextEvent(el, 'nano-meet-playout-error');
        Object.assign(el, { ...sources, muted: true });
        document.body.append(el);
        try {
          expect((await before).detail.code).to.equal('source-unreachable');
          await el.updateComplete;
          expect(statusText(el)).to.equal('The broadcast cannot be reached.');

          const codes: string[] = [];
          let fatal = false;
          el.addEventListener('nano-meet-playout-error', ({ detail }) => {
            codes.push(detail.code);
            fatal ||= detail.fatal;
          });
          playButton(el)!.click();
          await until('the error after play', () => el.state === 'error');
          await el.updateComplete;
          expect(statusText(el)).to.equal('The broadcast cannot be reached. Retrying…');
          expect(el.shadowRoot!.querySelector('[part="error-code"]')?.textContent).to.equal('source-unreachable');
          expect(codes.at(-1)).to.equal('source-unreachable');
          // Still asking a while later (the first retries come within 3 s), and still saying the same.
          await new Promise((resolve) => setTimeout(resolve, 4000));
          expect(statusText(el)).to.equal('The broadcast cannot be reached. Retrying…');
          expect(codes.filter((code) => code !== 'source-unreachable' && code !== 'whep-failed')).to.deep.equal([]);
          expect(fatal, 'nothing said it gave up').to.equal(false);
        } finally {
          el.remove();
        }
      });
    }
  });

  describe('never shows viewers developer text', () => {
    it('says there is nothing to show, and tells the developer once in the console and in the error’s detail', async () => {
      const warn = console.warn;
      const warnings: string[] = [];
      console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
      const players = [1, 2].map(() =>
        Object.assign(document.createElement('nano-meet-playout'), { streamname: 'only-a-name' }),
      );
      try {
        const errors = players.map((el) => nextEvent(el, 'nano-meet-playout-error'));
        document.body.append(...players);
        for (const error of errors) {
          const { detail } = await error;
          expect(detail).to.include({ code: 'no-source', fatal: true });
          expect(detail.message).to.equal(
            'A streamname needs a whep-template or an hls-template to become an address.',
          );
        }
        for (const el of players) {
          await el.updateComplete;
          expect(statusText(el)).to.equal('There is no broadcast to show here.');
          expect(el.shadowRoot!.textContent).to.not.match(/template|src|streamname/);
          expect(playButton(el)).to.equal(null);
        }
        expect(warnings.filter((warning) => warning.includes('nano-meet-playout'))).to.deep.equal([
          '<nano-meet-playout>: A streamname needs a whep-template or an hls-template to become an address.',
        ]);
      } finally {
        console.warn = warn;
        for (const el of players) el.remove();
      }
    });

    for (const [order, page] of [
      ['a module script, and the page’s next module script', 'playout-src-after-module.html'],
      ['the classic CDN script, and an inline script right after the element', 'playout-src-after-classic.html'],
    ]) {
      it(`honours a src set right after parsing when defined by ${order}: no no-source error`, async () => {
        const info = await studio();
        const src = fill(info.whepTemplate, uniqueStream('after-parsing'));
        const frame = document.createElement('iframe');
        frame.src = `/test/elements/support/${page}?src=${encodeURIComponent(src)}`;
        document.body.append(frame);
        try {
          type Seen = { type: string; code?: string };
          const events = () => (frame.contentWindow as (Window & { playoutEvents?: Seen[] }) | null)?.playoutEvents;
          await until('the waiting event', () => events()?.some((event) => event.type === 'nano-meet-playout-waiting'));
          expect(events()).to.deep.equal([{ type: 'nano-meet-playout-waiting', code: undefined }]);
        } finally {
          frame.remove();
        }
      });
    }
  });

  describe('after the broadcast', () => {
    it('says the broadcast has ended, not that it waits, when a broadcast without recording ends before a player given a vod address', async () => {
      const info = await studio();
      const name = uniqueStream('unrecorded');
      await live(name);
      const el = await playerOf(info, name, true);
      await nextEvent(el, 'nano-meet-playout-playing');
      const ended = nextEvent(el, 'nano-meet-playout-ended');
      await stopStream(name);
      expect((await ended).detail.vod).to.equal(false);
      // The recording is looked for meanwhile (the first answers come within 3 s): there is none.
      await new Promise((resolve) => setTimeout(resolve, 4000));
      expect(el.state).to.equal('ended');
      expect(statusText(el)).to.equal('The broadcast has ended.');
    });

    it('tells a viewer who comes after a broadcast without recording that it has ended, with autoplay or without', async () => {
      const info = await studio();
      const name = uniqueStream('came-late');
      await live(name);
      await stopStream(name);

      const el = document.createElement('nano-meet-playout');
      const ended = nextEvent(el, 'nano-meet-playout-ended');
      let waiting = false;
      el.addEventListener('nano-meet-playout-waiting', () => (waiting = true));
      Object.assign(el, {
        streamname: name,
        whepTemplate: info.whepTemplate,
        hlsTemplate: info.hlsTemplate,
        vod: info.vodTemplate,
        autoplay: true,
        muted: true,
      });
      document.body.append(el);
      try {
        expect((await ended).detail).to.deep.equal({ protocol: 'whep', vod: false });
        await new Promise((resolve) => setTimeout(resolve, 3000));
        expect(el.state).to.equal('ended');
        expect(statusText(el)).to.equal('The broadcast has ended.');
        expect(waiting, 'never said to wait').to.equal(false);
      } finally {
        el.remove();
      }

      const before = await playerOf(info, name, false);
      await until('the look-up', () => statusText(before) !== '');
      expect(statusText(before)).to.equal('The broadcast has ended.');
      expect(before.state).to.equal('idle');
      expect(playButton(before), 'nothing to play').to.equal(null);
    });

    it('plays the recording to a viewer who comes after a recorded broadcast, with autoplay or once play is pressed', async () => {
      const info = await studio();
      const name = uniqueStream('recorded');
      await live(name, true);
      await new Promise((resolve) => setTimeout(resolve, 2500)); // a few seconds of recording
      await stopStream(name);

      const el = await playerOf(info, name, true);
      const { detail } = await nextEvent(el, 'nano-meet-playout-playing');
      expect(detail).to.include({ protocol: 'hls', vod: true });
      el.remove();

      const before = await playerOf(info, name, false);
      await until('the look-up', () => statusText(before) !== '');
      expect(statusText(before)).to.equal('The broadcast has ended. Its recording can be played.');
      const recording = nextEvent(before, 'nano-meet-playout-playing');
      playButton(before)!.click();
      expect((await recording).detail).to.include({ protocol: 'hls', vod: true });
    });
  });
});
