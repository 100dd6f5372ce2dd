/**
 * The demo as a new user goes through it, in headless Chromium driven by Playwright: create a room in the
 * Token Creator, invite a guest, join both, broadcast, and watch the playout.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startDemo, type RunningDemo } from '../../demo/demo-server.js';
import { CHROMIUM_FLAGS, findChromium } from '../support/find-chromium.mjs';

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
  context = await browser.newContext({ permissions: ['camera', 'microphone', 'clipboard-read', 'clipboard-write'] });
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

describe('demo: the Token Creator, as a new user', { skip: built ? false : 'run `npm run build` first (npm test does)' }, () => {
  it('creates a room, invites a guest, both join, the moderator broadcasts and a viewer watches', async () => {
    const creator = await context.newPage();
    await creator.goto(demo.url);
    await creator.waitForFunction(() => (document.querySelector<HTMLInputElement>('#room-form [name=apiKey]')?.value ?? '') !== '');
    await creator.fill('#room-form [name=room]', 'e2e_room');
    await creator.fill('#room-form [name=streamname]', 'e2e-stream');
    await creator.click('#room-form button[type=submit]');
    await creator.waitForSelector('#room-result:not([hidden])');
    const claims = JSON.parse((await creator.textContent('#room-claims'))!);
    assert.equal(claims.room, 'e2e_room');
    assert.equal(claims.moderator, true);
    assert.equal(claims['nano-meet'].streamname, 'e2e-stream');

    // A guest invite, with its own window inside the room's.
    await creator.click('#invite-form button[type=submit]');
    await creator.waitForSelector('.invite');
    assert.equal(await creator.textContent('.invite .role'), 'Guest invite');
    const guestLink = (await creator.getAttribute('.invite .invite-link', 'href'))!;
    const guestClaims = JSON.parse((await creator.textContent('.invite .claims'))!);
    assert.equal(guestClaims.context.features.livestreaming, false);
    assert.ok(guestLink.startsWith(`${demo.url}demo/meeting.html?token=`));
    assert.match((await creator.inputValue('.invite .snippet'))!, /<nano-meet token="/);
    // A moderator invite with a narrower window of its own.
    await creator.check('#invite-form [name=moderator]');
    await creator.fill('#invite-form [name=name]', 'Co-host');
    const until = await creator.$eval('#room-form [name=exp]', (input) => (input as HTMLInputElement).value);
    const narrower = new Date(new Date(until).getTime() - 3600_000);
    const local = new Date(narrower.getTime() - narrower.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await creator.fill('#invite-form [name=exp]', local);
    await creator.click('#invite-form button[type=submit]');
    await creator.waitForFunction(() => document.querySelectorAll('.invite').length === 2);
    assert.equal(await creator.textContent('.invite:first-child .role'), 'Moderator invite');
    const coHost = JSON.parse((await creator.textContent('.invite:first-child .claims'))!);
    assert.equal(coHost.context.user.moderator, true);
    assert.equal(coHost.context.user.name, 'Co-host');
    assert.equal(coHost.exp, claims.exp - 3600);
    assert.equal(coHost['nano-meet'].parent, claims.jti);
    const studioLink = (await creator.getAttribute('#room-broadcast-link', 'href'))!;
    const watchLink = (await creator.getAttribute('#room-watch-link', 'href'))!;

    const studio = await context.newPage();
    await studio.goto(studioLink);
    await stateOf(studio, '#meeting', 'joined');
    const guest = await context.newPage();
    await guest.goto(guestLink);
    await stateOf(guest, '#meeting', 'joined');
    assert.equal(await guest.textContent('#who'), 'Guest');
    await studio.waitForFunction(() => (document.querySelector('#meeting') as unknown as { participants: unknown[] }).participants.length === 2);
    // A guest has no broadcast button.
    assert.equal(await guest.$eval('nano-meet-broadcast-button', (button) => (button as HTMLElement).hidden), true);

    await studio.click('nano-meet-broadcast-button >> button');
    await stateOf(studio, 'nano-meet-broadcast-button', 'live');
    await stateOf(studio, '#playout', 'playing');
    assert.match((await studio.textContent('#playout-info'))!, /On air/);

    const viewer = await context.newPage();
    await viewer.goto(watchLink);
    await stateOf(viewer, '#playout', 'playing');
    // Frames really move: the playout's video advances.
    const frames = () => viewer.$eval('#playout', (el) => (el.shadowRoot!.querySelector('video') as HTMLVideoElement).getVideoPlaybackQuality().totalVideoFrames);
    const first = await frames();
    await viewer.waitForFunction((count) => {
      const video = document.querySelector('#playout')!.shadowRoot!.querySelector('video') as HTMLVideoElement;
      return video.getVideoPlaybackQuality().totalVideoFrames > count;
    }, first);

    await studio.click('nano-meet-broadcast-button >> button');
    await stateOf(studio, 'nano-meet-broadcast-button', 'idle');
  });

  it('refuses a wrong API key with a visible message', async () => {
    const creator = await context.newPage();
    await creator.goto(demo.url);
    await creator.waitForFunction(() => (document.querySelector<HTMLInputElement>('#room-form [name=apiKey]')?.value ?? '') !== '');
    await creator.fill('#room-form [name=apiKey]', 'wrong-key');
    await creator.click('#room-form button[type=submit]');
    await creator.waitForSelector('#status.error');
    assert.match((await creator.textContent('#status'))!, /api-key-invalid/);
  });
});
