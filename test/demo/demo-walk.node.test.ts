/**
 * The demo as a new user goes through it, in headless Chromium driven by Playwright: create a room in the
 * Token Creator, invite a guest and a co-host, join, broadcast with and without recording, and watch the
 * playout. Every page is checked at 390 px and 1280 px and photographed (see demo-pages.ts for where).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { startDemo, type RunningDemo } from '../../demo/demo-server.js';
import { CHROMIUM_FLAGS, findChromium } from '../support/find-chromium.mjs';
import { PHONE, SCREENSHOTS, WINDOW, assertFits, clearScreenshots, settle } from './demo-pages.js';

const built = existsSync(new URL('../../dist/cdn/nano-meet.js', import.meta.url));
let demo: RunningDemo;
let browser: Browser;
let context: BrowserContext;

/**
 * The demo's one time format, the elements' own: its pages are lang="en", so English dates to the minute in the
 * reader's zone (this browser is en-GB in Europe/Berlin, which changes neither): "Dec 7, 2026, 12:58 AM".
 */
const HUMAN_TIME = /\b[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s?[AP]M\b/;
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

before(async () => {
  if (!built) return;
  clearScreenshots();
  demo = await startDemo();
  browser = await chromium.launch({
    executablePath: findChromium(),
    args: [...CHROMIUM_FLAGS, '--ignore-certificate-errors', '--allow-loopback-in-peer-connection'],
  });
  context = await browser.newContext({
    permissions: ['camera', 'microphone', 'clipboard-read', 'clipboard-write'],
    locale: 'en-GB',
    timezoneId: 'Europe/Berlin',
    viewport: WINDOW,
    ignoreHTTPSErrors: true,
  });
});

after(async () => {
  await browser?.close();
  await demo?.close();
  if (built) console.log(`Screenshots of the demo walk: ${SCREENSHOTS}`);
});

/** The state a custom element reflects, once it is `wanted`; on a timeout, says the state it was in and its text. */
async function stateOf(page: Page, selector: string, wanted: string): Promise<void> {
  try {
    await page.waitForFunction(
      ([target, state]) => document.querySelector(target!)?.getAttribute('state') === state,
      [selector, wanted],
      { timeout: 30_000 },
    );
  } catch (error) {
    const seen = await page
      .locator(selector)
      .evaluate((element) => `${element.getAttribute('state')}: ${element.shadowRoot?.textContent?.trim() ?? ''}`)
      .catch(() => 'not found');
    throw new Error(`${selector} did not reach ${wanted} in 30 s; it is ${seen}`, { cause: error });
  }
}

/** Waits for the broadcast button to be named `name`, as a screen reader (and a sighted person) gets it. */
async function buttonNamed(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).waitFor();
}

/** The viewer link's copy button puts `url` on the clipboard (emptied first, so that nothing earlier counts). */
async function copiesViewerLink(page: Page, url: string): Promise<void> {
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.click('#viewer button');
  await page.waitForFunction(async (wanted) => (await navigator.clipboard.readText()) === wanted, url);
}

async function openCreator(): Promise<Page> {
  const creator = await context.newPage();
  await creator.goto(demo.url);
  await creator.waitForFunction(
    () => (document.querySelector<HTMLInputElement>('#room-form [name=apiKey]')?.value ?? '') !== '',
  );
  return creator;
}

/** The decoded claims as shown: JSON, with a readable time as a `//` comment after each epoch-seconds claim. */
async function shownClaims(page: Page, selector: string): Promise<{ claims: Record<string, any>; text: string }> {
  const text = (await page.textContent(selector))!;
  return { claims: JSON.parse(text.replace(/ {2}\/\/ .*$/gm, '')), text };
}

/** The same moment, formatted independently of the demo's code, as this browser writes it in the page's language. */
function humanTimeOf(page: Page, epochSeconds: number): Promise<string> {
  // The page's own lang decides, as it does for the elements' sentences: the same options as demo/human-time.js.
  return page.evaluate(
    (seconds) =>
      new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
        dateStyle: 'medium',
        timeStyle: 'short',
      }).format(new Date(seconds * 1000)),
    epochSeconds,
  );
}

/** The status of the recording of `stream` on the meeting server, after the broadcast ended. */
async function recordingStatus(stream: string): Promise<number> {
  const url = demo.config.vodTemplate.replace('{streamname}', stream);
  return (await context.request.get(url)).status();
}

async function waitForRecordingStatus(stream: string, wanted: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  let status = await recordingStatus(stream);
  while (status !== wanted && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    status = await recordingStatus(stream);
  }
  assert.equal(status, wanted, `the recording of ${stream} answers ${status}`);
}

/** What a date-and-time field holds for that moment: the browser's local time, whose zone is not Node's. */
function localInputValue(page: Page, epochSeconds: number): Promise<string> {
  return page.evaluate((seconds) => {
    const date = new Date(seconds * 1000);
    return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  }, epochSeconds);
}

describe(
  'demo: the Token Creator, as a new user',
  { skip: built ? false : 'run `npm run build` first (npm test does)' },
  () => {
    it('explains the room characters and why invites wait, writes times one way, and drops stale errors', async () => {
      const creator = await openCreator();
      // The allowed characters stand next to the field, and are its description.
      assert.equal(await creator.getAttribute('#room-form [name=room]', 'aria-describedby'), 'room-hint');
      assert.ok(await creator.isVisible('#room-hint'));
      assert.match(
        (await creator.textContent('#room-hint'))!,
        /1–64 characters: letters A–Z and a–z, digits 0–9 and _/,
      );
      await creator.fill('#room-form [name=room]', 'my room');
      await creator.click('#room-form button[type=submit]');
      assert.equal(await creator.$eval('#room-form [name=room]', (input) => input.matches(':user-invalid')), true);
      assert.equal(await creator.$eval('#room-hint', (hint) => getComputedStyle(hint).color), 'rgb(180, 35, 24)');
      assert.equal(await creator.textContent('#room-status'), '');

      // Before a room exists, "Create invite" is disabled and says why.
      assert.equal(await creator.isDisabled('#invite-form button[type=submit]'), true);
      assert.equal(await creator.getAttribute('#invite-form button[type=submit]', 'aria-describedby'), 'invite-hint');
      assert.match((await creator.textContent('#invite-hint'))!, /Create a room first/);
      assert.ok(await creator.isVisible('#invite-hint'));
      assert.match((await creator.textContent('#room-form .zone'))!, /your time zone, Europe\/Berlin/);

      // A refused key shows an error, which goes away once the key is changed.
      await creator.fill('#room-form [name=room]', 'hints_room');
      await creator.fill('#room-form [name=apiKey]', 'wrong-key');
      await creator.click('#room-form button[type=submit]');
      await creator.waitForSelector('#room-status.error');
      assert.match((await creator.textContent('#room-status'))!, /api-key-invalid/);
      await creator.fill('#room-form [name=apiKey]', demo.config.developmentApiKey!);
      assert.equal(await creator.$eval('#room-status', (status) => status.classList.contains('error')), false);
      assert.equal(await creator.isVisible('#room-status'), false);

      await creator.click('#room-form button[type=submit]');
      await creator.waitForSelector('#room-result:not([hidden])');
      const { claims, text } = await shownClaims(creator, '#room-claims');
      assert.equal(claims.room, 'hints_room');
      // Wider than a phone, the claims scroll: a keyboard user reaches them to scroll them.
      assert.equal(await creator.$eval('#room-claims', (pre) => (pre as HTMLElement).tabIndex), 0);
      // Each epoch-seconds claim has its readable form beside it, the same format as the status line.
      for (const claim of ['nbf', 'exp', 'iat']) {
        const readable = await humanTimeOf(creator, claims[claim]);
        assert.match(readable, HUMAN_TIME);
        assert.ok(
          text.includes(`"${claim}": ${claims[claim]},  // ${readable}`),
          `${claim} reads as ${readable} in:\n${text}`,
        );
      }
      const until = await humanTimeOf(creator, claims.exp);
      assert.equal(
        await creator.textContent('#room-status'),
        `Room hints_room on ${demo.config.server}, valid until ${until}.`,
      );
      assert.match((await creator.textContent('#invite-hint'))!, /Invites are made from the room token above/);

      // An invite beyond the room's window: the error names both ends of the window in local time.
      await creator.fill('#invite-form [name=exp]', await localInputValue(creator, claims.exp + 2 * 3600));
      await creator.click('#invite-form button[type=submit]');
      await creator.waitForSelector('#invite-status.error');
      const error = (await creator.textContent('#invite-status'))!;
      assert.ok(error.includes(until), `the error names the room's end as ${until}: ${error}`);
      assert.doesNotMatch(error, ISO_TIME);
      await creator.fill('#invite-form [name=exp]', await localInputValue(creator, claims.exp));
      assert.equal(await creator.isVisible('#invite-status'), false);

      await creator.click('#invite-form button[type=submit]');
      await creator.waitForSelector('.invite');
      const window = (await creator.textContent('.invite .window'))!;
      assert.equal(window, `valid ${await humanTimeOf(creator, claims.nbf)} – ${until}`);
      assert.match((await creator.textContent('.invite .claims'))!, new RegExp(`"exp": ${claims.exp},  // ${until}`));
      await assertFits(creator, 'token-creator-with-invite');

      // A guest's room token cannot invite: the button says so.
      await creator.uncheck('#room-form [name=moderator]');
      await creator.click('#room-form button[type=submit]');
      await creator.waitForFunction(() => document.querySelector('#invite-hint')?.textContent?.includes('guest'));
      assert.equal(await creator.isDisabled('#invite-form button[type=submit]'), true);
      assert.match(
        (await creator.textContent('#invite-hint'))!,
        /a guest cannot invite: create the room again with “Moderator” checked/,
      );
      await creator.close();
    });

    it('creates a room, invites a guest and a co-host, and broadcasts with and then without recording', async () => {
      const creator = await openCreator();
      await creator.fill('#room-form [name=room]', 'e2e_room');
      await creator.fill('#room-form [name=streamname]', 'e2e-stream');
      await creator.click('#room-form button[type=submit]');
      await creator.waitForSelector('#room-result:not([hidden])');
      const { claims } = await shownClaims(creator, '#room-claims');
      assert.equal(claims.room, 'e2e_room');
      assert.equal(claims.moderator, true);
      assert.equal(claims['nano-meet'].streamname, 'e2e-stream');

      // A guest invite, with its own window inside the room's.
      await creator.click('#invite-form button[type=submit]');
      await creator.waitForSelector('.invite');
      assert.equal(await creator.textContent('.invite .role'), 'Guest invite');
      const guestLink = (await creator.getAttribute('.invite .invite-link', 'href'))!;
      const { claims: guestClaims } = await shownClaims(creator, '.invite .claims');
      assert.equal(guestClaims.context.features.livestreaming, false);
      assert.ok(guestLink.startsWith(`${demo.url}demo/meeting.html?token=`));
      assert.match((await creator.inputValue('.invite .snippet'))!, /<nano-meet token="/);
      // A moderator invite with a narrower window of its own.
      await creator.check('#invite-form [name=moderator]');
      await creator.fill('#invite-form [name=name]', 'Co-host');
      await creator.fill('#invite-form [name=exp]', await localInputValue(creator, claims.exp - 3600));
      await creator.click('#invite-form button[type=submit]');
      await creator.waitForFunction(() => document.querySelectorAll('.invite').length === 2);
      assert.equal(await creator.textContent('.invite:first-child .role'), 'Moderator invite');
      const coHostLink = (await creator.getAttribute('.invite:first-child .invite-link', 'href'))!;
      const { claims: coHost } = await shownClaims(creator, '.invite:first-child .claims');
      assert.equal(coHost.context.user.moderator, true);
      assert.equal(coHost.context.user.name, 'Co-host');
      assert.equal(coHost.exp, claims.exp - 3600);
      assert.equal(coHost['nano-meet'].parent, claims.jti);
      const studioLink = (await creator.getAttribute('#room-broadcast-link', 'href'))!;
      const watchLink = (await creator.getAttribute('#room-watch-link', 'href'))!;
      assert.equal(watchLink, `${demo.url}demo/watch.html?stream=e2e-stream`);

      // The studio: the viewer link with a copy button, and the choice of recording, before going live.
      const studio = await context.newPage();
      await studio.goto(studioLink);
      await stateOf(studio, '#meeting', 'joined');
      await studio.waitForSelector('#viewer:not([hidden])');
      assert.equal(await studio.getAttribute('#viewer a', 'href'), watchLink);
      assert.equal(await studio.textContent('#viewer a'), watchLink);
      await copiesViewerLink(studio, watchLink);
      await studio.waitForSelector('#record-choice:not([hidden])');
      assert.equal(await studio.isChecked('#record-choice [value=on]'), true);
      await buttonNamed(studio, 'Go live with recording');
      // What viewers see, before the broadcast: the player waits for the room's stream, not "nothing to show".
      await stateOf(studio, '#playout', 'waiting');

      const guest = await context.newPage();
      await guest.goto(guestLink);
      await stateOf(guest, '#meeting', 'joined');
      assert.equal(await guest.textContent('#who'), 'Guest');
      const coHostPage = await context.newPage();
      await coHostPage.goto(coHostLink);
      await stateOf(coHostPage, '#meeting', 'joined');
      assert.equal(await coHostPage.textContent('#who'), 'Moderator');
      await studio.waitForFunction(
        () => (document.querySelector('#meeting') as unknown as { participants: unknown[] }).participants.length === 3,
      );
      // A guest has no broadcast button and no choice; nobody sees a viewer link on a meeting page before it is live.
      assert.equal(await guest.$eval('nano-meet-broadcast-button', (button) => (button as HTMLElement).hidden), true);
      assert.equal(await guest.isVisible('#record-choice'), false);
      assert.equal(await guest.isVisible('#viewer'), false);
      assert.equal(await coHostPage.isVisible('#record-choice'), true);
      assert.equal(await coHostPage.isVisible('#viewer'), false);
      await assertFits(studio, 'studio-before-live');
      await assertFits(coHostPage, 'meeting-moderator-before-live');

      // Live with recording, from the studio.
      await studio.click('nano-meet-broadcast-button >> button');
      await stateOf(studio, 'nano-meet-broadcast-button', 'live');
      await buttonNamed(studio, 'Stop broadcast (being recorded)');
      assert.equal(await studio.isDisabled('#record-choice [value=off]'), true);
      await stateOf(studio, '#playout', 'playing');
      assert.match((await studio.textContent('#playout-info'))!, /On air, and recorded/);
      // The studio charts the meeting's statistics beside the viewers': lines drawn, each named by a sentence.
      for (const chart of ['participants', 'latency', 'bitrate']) {
        await studio.waitForFunction(
          (id) => /^M/.test(document.querySelector(`#stats-${id} svg path`)?.getAttribute('d') ?? ''),
          chart,
        );
      }
      // The sandbox measures no round trip to a bridge, and says none (docs/jitsi/wire.md §9): the chart says so,
      // rather than drawing a zero.
      const rttName = await studio.$eval(
        '#stats-rtt svg',
        (svg) => document.getElementById(svg.getAttribute('aria-labelledby')!)!.textContent,
      );
      assert.match(rttName!, /not reported yet/);
      const chartName = await studio.$eval(
        '#stats-participants svg',
        (svg) => document.getElementById(svg.getAttribute('aria-labelledby')!)!.textContent,
      );
      assert.match(chartName!, /^People in the meeting: now 3 \(/);
      await studio.waitForFunction(() => /on air/.test(document.querySelector('#stats-meeting-state')!.textContent!));
      // Every meeting page shows the viewer link while live; the co-host's button does not claim to know more.
      for (const page of [coHostPage, guest]) {
        await page.waitForSelector('#viewer:not([hidden])');
        assert.equal(await page.getAttribute('#viewer a', 'href'), watchLink);
      }
      await buttonNamed(coHostPage, 'Stop broadcast (started by another moderator)');
      await copiesViewerLink(coHostPage, watchLink);

      const viewer = await context.newPage();
      await viewer.goto(watchLink);
      await stateOf(viewer, '#playout', 'playing');
      // Frames really move: the playout's video advances.
      const frames = () =>
        viewer.$eval(
          '#playout',
          (el) =>
            (el.shadowRoot!.querySelector('video') as HTMLVideoElement).getVideoPlaybackQuality().totalVideoFrames,
        );
      const first = await frames();
      await viewer.waitForFunction((count) => {
        const video = document.querySelector('#playout')!.shadowRoot!.querySelector('video') as HTMLVideoElement;
        return video.getVideoPlaybackQuality().totalVideoFrames > count;
      }, first);
      await assertFits(studio, 'studio-live-recorded');
      await assertFits(coHostPage, 'meeting-moderator-live');
      await assertFits(guest, 'meeting-guest-live');
      await assertFits(viewer, 'watch-playing');

      await studio.click('nano-meet-broadcast-button >> button');
      await stateOf(studio, 'nano-meet-broadcast-button', 'idle');
      await waitForRecordingStatus('e2e-stream', 200);
      await coHostPage.waitForSelector('#viewer', { state: 'hidden' });

      // Live without recording, chosen on the co-host's meeting page.
      await coHostPage.check('#record-choice [value=off]');
      await buttonNamed(coHostPage, 'Go live without recording');
      await coHostPage.click('nano-meet-broadcast-button >> button');
      await stateOf(coHostPage, 'nano-meet-broadcast-button', 'live');
      await buttonNamed(coHostPage, 'Stop broadcast (not recorded)');
      await coHostPage.waitForSelector('#viewer:not([hidden])');
      await buttonNamed(studio, 'Stop broadcast (started by another moderator)');
      await coHostPage.click('nano-meet-broadcast-button >> button');
      await stateOf(coHostPage, 'nano-meet-broadcast-button', 'idle');
      await waitForRecordingStatus('e2e-stream', 404);
      await buttonNamed(coHostPage, 'Go live without recording');
      for (const page of [creator, studio, guest, coHostPage, viewer]) await page.close();
    });

    it('brands the meeting and the player with the demo logo and background; error times read one way', async () => {
      const branding = await (await context.request.get(`${demo.url}demo/branding.json`)).json();
      assert.equal(branding.logoImageUrl, `${demo.url}demo/logo.svg`);
      assert.equal(branding.backgroundImageUrl, `${demo.url}demo/background.svg`);
      for (const image of [branding.logoImageUrl, branding.backgroundImageUrl]) {
        const response = await context.request.get(image);
        assert.equal(response.status(), 200);
        assert.equal(response.headers()['content-type'], 'image/svg+xml');
      }

      // An expired token: the meeting shows its error on the demo's branding, naming the time the demo's way.
      const response = await context.request.post(`${demo.sandbox!.url}/_sandbox/control/tokens`, {
        data: { room: 'expired_room', moderator: true, validFrom: -7200, validFor: 3600 },
      });
      const { token } = await response.json();
      const meeting = await context.newPage();
      await meeting.goto(`${demo.url}demo/meeting.html?token=${encodeURIComponent(token)}`);
      await stateOf(meeting, '#meeting', 'error');
      const shown = await paintedTexts(meeting, /The token expired at/);
      assert.equal(shown.length, 1, `one message on screen, not one in the element and another on the page: ${shown}`);
      assert.match(shown[0]!, HUMAN_TIME);
      assert.deepEqual(await paintedTexts(meeting, ISO_TIME), []);
      assert.deepEqual(await paintedTexts(meeting, /^token-expired$/), ['token-expired']);
      await brandedWith(meeting, '#meeting', '[part=base]', branding);
      await assertFits(meeting, 'meeting-expired-token');

      // A token not valid yet: the meeting's own screen says when it opens, and the page does not repeat it as an error.
      const early = await context.request.post(`${demo.sandbox!.url}/_sandbox/control/tokens`, {
        data: { room: 'early_room', moderator: true, validFrom: 3600, validFor: 3600 },
      });
      await meeting.goto(`${demo.url}demo/meeting.html?token=${encodeURIComponent((await early.json()).token)}`);
      // Until the element's code has arrived it has no shadow root (the token opens no early meeting).
      await meeting.waitForFunction(() =>
        /opens at/.test(document.querySelector('#meeting')?.shadowRoot?.textContent ?? ''),
      );
      const opens = await paintedTexts(meeting, /opens at/);
      assert.equal(opens.length, 1, `one message on screen, not one in the element and another on the page: ${opens}`);
      assert.equal(await meeting.isVisible('#status'), false);

      // A viewer before the broadcast starts.
      const viewer = await context.newPage();
      await viewer.goto(`${demo.url}demo/watch.html?stream=not-yet-live`);
      await stateOf(viewer, '#playout', 'waiting');
      await brandedWith(viewer, '#playout', '.screen', branding);
      await assertFits(viewer, 'watch-waiting');
      await viewer.goto(`${demo.url}demo/watch.html`);
      await viewer.waitForSelector('#status.error');
      assert.match((await viewer.textContent('#status'))!, /names no broadcast/);
      await assertFits(viewer, 'watch-without-stream');
      await meeting.close();
      await viewer.close();
    });

    it('shows a room’s branding inside the meeting itself: the sandbox asks the token service, as Jitsi would', async () => {
      const creator = await openCreator();
      const meetingFrame = async (name: string): Promise<{ page: Page; frame: Frame }> => {
        await creator.fill('#room-form [name=room]', name);
        await creator.click('#room-form button[type=submit]');
        await creator.waitForFunction(
          (room) => document.querySelector('#room-status')?.textContent?.startsWith(`Room ${room} `),
          name,
        );
        const page = await context.newPage();
        await page.goto((await creator.getAttribute('#room-meeting-link', 'href'))!);
        await stateOf(page, '#meeting', 'joined');
        const frame = page.frames().find((candidate) => candidate.url().startsWith(`${demo.sandbox!.url}/${name}`))!;
        await frame.waitForSelector('sandbox-meeting[data-branding="ready"]:not([data-paint-held])');
        return { page, frame };
      };
      const look = (frame: Frame) =>
        frame.evaluate(() => {
          const stage = getComputedStyle(document.querySelector('#largeVideoContainer')!);
          const logo = document.querySelector('.watermark');
          return {
            logo: logo && getComputedStyle(logo).backgroundImage,
            stage: [stage.backgroundColor, stage.backgroundImage],
          };
        });

      assert.equal(await creator.isChecked('#room-form [name=branded]'), true, 'rooms are branded by default');
      const branded = await meetingFrame('branded_room');
      assert.deepEqual(await look(branded.frame), {
        logo: `url("${demo.url}demo/logo.svg")`,
        stage: ['rgb(15, 27, 45)', `url("${demo.url}demo/background.svg")`],
      });
      await assertFits(branded.page, 'meeting-branded-inside');

      // Without the room's branding, the meeting server's own logo, and no image; the colour is the one the page's
      // <nano-meet> sends as DEFAULT_BACKGROUND, the one branding override Jitsi takes from an embedding page.
      await creator.uncheck('#room-form [name=branded]');
      const plain = await meetingFrame('plain_room');
      assert.deepEqual(await look(plain.frame), {
        logo: `url("${demo.sandbox!.url}/images/watermark.svg")`,
        stage: ['rgb(15, 27, 45)', 'none'],
      });
      for (const page of [creator, branded.page, plain.page]) await page.close();
    });

    it('stacks the studio on a phone without telling anyone to look left or right', async () => {
      const creator = await openCreator();
      await creator.click('#room-form button[type=submit]');
      await creator.waitForSelector('#room-result:not([hidden])');
      const studio = await context.newPage();
      await studio.goto((await creator.getAttribute('#room-broadcast-link', 'href'))!);
      await stateOf(studio, '#meeting', 'joined');
      const columns = () =>
        studio.$$eval('.studio > section', (sections) =>
          sections.map((section) => Math.round(section.getBoundingClientRect().left)),
        );
      await studio.setViewportSize(PHONE);
      await settle(studio);
      const [meetingLeft, playoutLeft] = await columns();
      assert.equal(meetingLeft, playoutLeft, 'stacked on a phone');
      assert.doesNotMatch(await studio.innerText('body'), /\b(left|right)\b/i);
      await studio.setViewportSize(WINDOW);
      await settle(studio);
      const [wideMeeting, widePlayout] = await columns();
      assert.ok(widePlayout! > wideMeeting!, 'side by side in a window');
      await creator.close();
      await studio.close();
    });
  },
);

/**
 * The texts matching `text` that a sighted person sees, inside shadow roots too; the elements' text for screen
 * readers only (one pixel, clipped) is theirs to word.
 */
async function paintedTexts(page: Page, text: RegExp): Promise<string[]> {
  return page
    .getByText(text)
    .filter({ visible: true })
    .evaluateAll((elements) =>
      elements
        .filter((element) => element.getBoundingClientRect().width > 1)
        .map((element) => element.textContent!.trim()),
    );
}

/** The element's logo is the demo's, loaded, and `surface` in its shadow root shows the demo's background image. */
async function brandedWith(
  page: Page,
  host: string,
  surface: string,
  branding: { logoImageUrl: string; backgroundImageUrl: string },
) {
  await page.waitForFunction(
    ([selector, src]) => {
      const logo = document.querySelector(selector!)?.shadowRoot?.querySelector<HTMLImageElement>('[part=logo] img');
      return !!logo && logo.src === src && logo.complete && logo.naturalWidth > 0;
    },
    [host, branding.logoImageUrl],
  );
  const background = await page.$eval(
    host,
    (element, selector) => getComputedStyle(element.shadowRoot!.querySelector(selector)!).backgroundImage,
    surface,
  );
  assert.equal(background, `url("${branding.backgroundImageUrl}")`);
}
