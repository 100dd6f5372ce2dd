/**
 * `<nano-meet-playout>` for everyone: axe's WCAG 2.2 AA rules in every state the studio brings it to (with and
 * without a branding that would be unreadable as given), each change said once in its live region, and a live
 * badge that keeps still for people who ask for less motion.
 */
import { expect } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/elements/nano-meet-playout.js';
import type { NanoMeetPlayoutElement } from '../../src/elements/nano-meet-playout.js';
import { control } from '../support/sandbox.js';
import {
  live,
  nextEvent,
  statusText,
  stopLiveStreams,
  stopStream,
  studio,
  uniqueStream,
  untilState,
} from '../playout/playout-helpers.js';
import { announcements, BRANDINGS, expectNoViolations, rendered } from './support/a11y-fixture.js';

const STALL = '/faults/a11y-stall';

function player(attributes: Partial<NanoMeetPlayoutElement>): NanoMeetPlayoutElement {
  const el = Object.assign(document.createElement('nano-meet-playout'), { muted: true }, attributes);
  document.body.append(el);
  return el;
}

describe('<nano-meet-playout> for everyone', function () {
  this.timeout(60_000);
  afterEach(async () => {
    for (const el of document.querySelectorAll('nano-meet-playout')) el.remove();
    await control(await studio(), 'DELETE', STALL);
    await stopLiveStreams();
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  for (const [brandingName, branding] of Object.entries(BRANDINGS)) {
    it(`passes axe before play, waiting, playing, stalled, ended and failed, ${brandingName}`, async () => {
      const info = await studio();
      const name = uniqueStream('axe');
      const hls = info.hlsTemplate.replace('{streamname}', name);

      const before = player({ src: hls, branding });
      await rendered(before);
      await expectNoViolations(before, 'before play, with the Play button');
      before.remove();

      const el = player({ src: hls, branding, autoplay: true });
      await untilState(el, 'waiting');
      await expectNoViolations(el, 'waiting');

      await live(name);
      await untilState(el, 'playing');
      await expectNoViolations(el, 'playing');

      // Segments held back longer than the buffer lasts: the video runs dry.
      await control(info, 'PUT', STALL, { delayPaths: [new URL(hls).pathname.replace(/[^/]+$/, '')], delayMs: 8000 });
      await untilState(el, 'stalled');
      await expectNoViolations(el, 'stalled');
      await control(info, 'DELETE', STALL);

      await stopStream(name);
      await untilState(el, 'ended');
      await expectNoViolations(el, 'ended');

      const failed = player({ src: 'ftp://example.org/stream', branding });
      await untilState(failed, 'error');
      await expectNoViolations(failed, 'failed');
    });
  }

  it('says each change once, politely: a retried wait is not said again at every try', async () => {
    const info = await studio();
    const name = uniqueStream('said');
    const el = document.createElement('nano-meet-playout');
    const waiting = nextEvent(el, 'nano-meet-playout-waiting');
    Object.assign(el, { src: info.hlsTemplate.replace('{streamname}', name), autoplay: true, muted: true });
    document.body.append(el);
    // Before the first render, which Lit does after this task's microtasks.
    const heard = announcements(el);
    await waiting;
    // Longer than a few retries of the playlist (backoff from 0.5 s).
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await live(name);
    await untilState(el, 'playing');
    await stopStream(name);
    await untilState(el, 'ended');
    heard.stop();
    expect(heard.said).to.deep.equal([
      'Connecting to the broadcast…',
      'Waiting for the broadcast to start…',
      'Live.',
      'The broadcast has ended.',
    ]);
    const region = el.shadowRoot!.querySelector('[part="status"]')!;
    expect(region.getAttribute('role')).to.equal('status');
    expect(el.shadowRoot!.querySelectorAll('[role="alert"], [aria-live="assertive"]')).to.have.length(0);
  });

  it('says "Reconnecting…" once when frames stop, and "Live." once they come back', async () => {
    const info = await studio();
    const name = uniqueStream('stall-said');
    const { hls } = await live(name);
    const el = document.createElement('nano-meet-playout');
    Object.assign(el, { src: hls, autoplay: true, muted: true });
    document.body.append(el);
    const heard = announcements(el);
    await untilState(el, 'playing');
    await control(info, 'PUT', STALL, { delayPaths: [new URL(hls).pathname.replace(/[^/]+$/, '')], delayMs: 8000 });
    await untilState(el, 'stalled');
    // Long enough for the player to try again (a stall reconnects), which is not news.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    await control(info, 'DELETE', STALL);
    await untilState(el, 'playing');
    heard.stop();
    expect(heard.said).to.deep.equal(['Connecting to the broadcast…', 'Live.', 'Reconnecting…', 'Live.']);
  });

  it('says an error it keeps retrying after once, not at every try', async () => {
    const info = await studio();
    // The WHEP server fails (500: it may come back): the player says so and keeps trying, with nothing to fall to.
    // The WHEP endpoint answers so itself, with CORS headers: a refusal without them is, to a page, unreachable.
    const whep = `${info.whepTemplate.replace('{streamname}', uniqueStream('error-said'))}?fail=500`;
    const el = document.createElement('nano-meet-playout');
    Object.assign(el, { src: whep, autoplay: true, muted: true });
    let errors = 0;
    el.addEventListener('nano-meet-playout-error', () => (errors += 1));
    document.body.append(el);
    const heard = announcements(el);
    const deadline = Date.now() + 20_000;
    while (errors < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(errors, 'the player tried three times').to.be.at.least(3);
    heard.stop();
    expect(heard.said).to.deep.equal(['Connecting to the broadcast…', 'The broadcast cannot be played. Retrying…']);
    // A failure that will not change by itself is said once too, as the status, politely.
    const fatal = player({ src: 'ftp://example.org/stream' });
    const heardFatal = announcements(fatal);
    await untilState(fatal, 'error');
    await new Promise((resolve) => setTimeout(resolve, 500));
    heardFatal.stop();
    expect(heardFatal.said).to.deep.equal(['There is no broadcast to show here.']);
  });

  for (const controls of [false, true]) {
    const target = controls ? 'on its video controls' : 'on the player, a named region';
    it(`keeps the focus ${target} when Play, pressed from the keyboard, goes`, async () => {
      const info = await studio();
      const el = player({ src: info.hlsTemplate.replace('{streamname}', uniqueStream('keys')), controls });
      // The look-up before play has answered: nothing moves under the keyboard any more.
      while (statusText(el) === '') await new Promise((resolve) => setTimeout(resolve, 50));
      (document.activeElement as HTMLElement | null)?.blur();
      const root = el.shadowRoot!;
      // The video's own controls, when shown, may come first.
      for (let presses = 0; presses < 3 && root.activeElement?.getAttribute('part') !== 'play-button'; presses++) {
        await sendKeys({ press: 'Tab' });
      }
      expect(root.activeElement?.getAttribute('part'), 'Tab reaches Play').to.equal('play-button');
      await sendKeys({ press: 'Enter' });
      await untilState(el, 'waiting');
      expect(root.querySelector('[part="play-button"]') === null, 'Play is gone').to.equal(true);
      // Names, not elements: chai would describe a whole DOM node in a failure.
      expect(document.activeElement?.localName, 'focus stays in the player').to.equal('nano-meet-playout');
      expect(root.activeElement?.getAttribute('part')).to.equal(controls ? 'video' : 'base');
      const focused = root.activeElement!;
      expect(focused.matches(':focus-visible'), 'with a visible ring').to.equal(true);
      if (!controls) {
        expect(focused.getAttribute('role')).to.equal('region');
        expect(focused.getAttribute('aria-label')).to.equal('Broadcast player');
        expect(getComputedStyle(focused, '::after').boxShadow, 'the ring').to.match(/inset/);
      }
      await expectNoViolations(el, `focused ${target}`);
    });
  }

  it('pulses the live badge a few times, and not at all with prefers-reduced-motion', async () => {
    const name = uniqueStream('pulse');
    const urls = await live(name);
    const el = player({ src: urls.hls, autoplay: true });
    await untilState(el, 'playing');
    const pulse = () => getComputedStyle(el.shadowRoot!.querySelector('[part="badge"]')!, '::before');
    expect(pulse().animationName).to.equal('live-pulse');
    // Under five seconds in all (WCAG 2.2.2): it stops by itself.
    expect(parseFloat(pulse().animationDuration) * Number(pulse().animationIterationCount)).to.be.below(5);
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(pulse().animationName).to.equal('none');
  });
});
