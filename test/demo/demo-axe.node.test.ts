/**
 * Every demo page passes axe's WCAG 2.2 AA rules, the elements on it included (axe reads their shadow roots),
 * as a visitor finds it: the Token Creator before and after creating a room, the meeting, the studio (joined, and on
 * air with its charts drawn), a viewer waiting for a broadcast, playing it and after its end, and a meeting refused
 * for an expired token. Going on air takes WebRTC between local peers: run it in the network namespace npm test uses.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startDemo, type RunningDemo } from '../../demo/demo-server.js';
import { CHROMIUM_FLAGS, findChromium } from '../support/find-chromium.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const built = existsSync(new URL('../../dist/cdn/nano-meet.js', import.meta.url));
let demo: RunningDemo;
let browser: Browser;
let context: BrowserContext;

before(async () => {
  if (!built) return;
  demo = await startDemo();
  browser = await chromium.launch({
    executablePath: findChromium(),
    args: [...CHROMIUM_FLAGS, '--ignore-certificate-errors', '--allow-loopback-in-peer-connection'],
  });
  context = await browser.newContext({ permissions: ['camera', 'microphone'], ignoreHTTPSErrors: true });
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

/** The state a custom element reflects, once it is `wanted`. */
async function stateOf(page: Page, selector: string, wanted: string): Promise<void> {
  await page.waitForFunction(
    ([target, state]) => document.querySelector(target!)?.getAttribute('state') === state,
    [selector, wanted],
    { timeout: 30_000 },
  );
}

/** axe's WCAG 2.2 AA violations on the page, one line per failing node; not into the meeting's iframe. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const { axe } = window as unknown as { axe: typeof import('axe-core') };
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, iframes: false });
    // As in test/support/axe.ts, contrast axe could not decide (text over an image or a translucent layer) fails:
    // no text of ours may depend on what a picture happens to show.
    // (No named functions in here: the test's compiler would wrap them in a helper the page does not have.)
    const undecided = results.incomplete.filter((result) => result.id === 'color-contrast');
    return [
      ...results.violations.map((result) => ({ result, prefix: '' })),
      ...undecided.map((result) => ({ result, prefix: 'undecided: ' })),
    ].flatMap(({ result, prefix }) =>
      result.nodes.map((node) => `${prefix}${result.id} at ${JSON.stringify(node.target)}: ${node.failureSummary}`),
    );
  });
}

async function expectAccessible(page: Page, what: string): Promise<void> {
  assert.deepEqual(await violations(page), [], what);
}

describe('the demo pages pass axe (WCAG 2.2 AA)', { skip: !built && 'run `npm run build` first' }, () => {
  it('the Token Creator, the meeting, the studio and the viewer, as a visitor goes through them', async () => {
    const creator = await context.newPage();
    await creator.goto(demo.url);
    await creator.waitForFunction(
      () => (document.querySelector<HTMLInputElement>('#room-form [name=apiKey]')?.value ?? '') !== '',
    );
    await expectAccessible(creator, 'Token Creator');
    await creator.fill('#room-form [name=room]', 'axe_room');
    await creator.fill('#room-form [name=streamname]', 'axe-stream');
    await creator.click('#room-form button[type=submit]');
    await creator.waitForSelector('#room-result:not([hidden])');
    await creator.click('#invite-form button[type=submit]');
    await creator.waitForSelector('.invite');
    await expectAccessible(creator, 'Token Creator with a room and an invite');

    const meeting = await context.newPage();
    await meeting.goto((await creator.getAttribute('#room-meeting-link', 'href'))!);
    await stateOf(meeting, 'nano-meet', 'joined');
    await expectAccessible(meeting, 'meeting page, joined');

    const studio = await context.newPage();
    await studio.goto((await creator.getAttribute('#room-broadcast-link', 'href'))!);
    await stateOf(studio, '#meeting', 'joined');
    await expectAccessible(studio, 'studio, joined');

    const viewer = await context.newPage();
    await viewer.goto((await creator.getAttribute('#room-watch-link', 'href'))!);
    await expectAccessible(viewer, 'viewer before the broadcast');
    await viewer.goto(`${demo.url}demo/watch.html`);
    await expectAccessible(viewer, 'viewer without a stream');
  });

  it('the studio on air, its charts drawn, and the viewer playing and after the end', async () => {
    const creator = await context.newPage();
    await creator.goto(demo.url);
    await creator.waitForFunction(
      () => (document.querySelector<HTMLInputElement>('#room-form [name=apiKey]')?.value ?? '') !== '',
    );
    await creator.fill('#room-form [name=room]', 'axe_live');
    await creator.fill('#room-form [name=streamname]', 'axe-live');
    await creator.click('#room-form button[type=submit]');
    await creator.waitForSelector('#room-result:not([hidden])');

    const studio = await context.newPage();
    await studio.goto((await creator.getAttribute('#room-broadcast-link', 'href'))!);
    await stateOf(studio, '#meeting', 'joined');
    // Without a recording, so that the viewer's player ends rather than plays the recording.
    await studio.check('#record-choice [value=off]');
    await studio.click('nano-meet-broadcast-button >> button');
    await stateOf(studio, 'nano-meet-broadcast-button', 'live');
    await stateOf(studio, '#playout', 'playing');
    for (const chart of ['participants', 'latency', 'bitrate']) {
      await studio.waitForFunction(
        (id) => /^M/.test(document.querySelector(`#stats-${id} svg path`)?.getAttribute('d') ?? ''),
        chart,
      );
    }
    await expectAccessible(studio, 'studio on air, its charts drawn');

    const viewer = await context.newPage();
    await viewer.goto((await creator.getAttribute('#room-watch-link', 'href'))!);
    await stateOf(viewer, '#playout', 'playing');
    await expectAccessible(viewer, 'viewer playing');

    await studio.click('nano-meet-broadcast-button >> button');
    await stateOf(studio, 'nano-meet-broadcast-button', 'idle');
    await stateOf(viewer, '#playout', 'ended');
    await expectAccessible(viewer, 'viewer after the broadcast ended');
    await expectAccessible(studio, 'studio after the broadcast');
  });

  it('a meeting refused for an expired token', async () => {
    const response = await context.request.post(`${demo.sandbox!.url}/_sandbox/control/tokens`, {
      data: { room: 'axe_expired', moderator: true, validFrom: -7200, validFor: 3600 },
    });
    const { token } = (await response.json()) as { token: string };
    const meeting = await context.newPage();
    await meeting.goto(`${demo.url}demo/meeting.html?token=${encodeURIComponent(token)}`);
    await stateOf(meeting, '#meeting', 'error');
    await expectAccessible(meeting, 'meeting page, expired token');
  });
});
