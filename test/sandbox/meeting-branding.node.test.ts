/**
 * Branding inside the sandbox meeting, end to end in headless Chromium (Playwright, which reads the meeting
 * iframe's DOM although it is another origin): a deployment whose `brandingDataUrl` is the token service, a room
 * created there with a branding, and a host page on its own origin that embeds the meeting with external_api.js.
 * The sandbox must show what a Jitsi shows (docs/jitsi/branding.md §1–§4), and nothing that Jitsi would drop.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { createTokenService, hashApiKey, toNodeListener } from '../../src/server/index.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server/sandbox-server.js';
import { CHROMIUM_FLAGS, findChromium } from '../support/find-chromium.mjs';
import { call } from './support/node-page.js';

const API_KEY = 'branding-test-key';
const KEY = { appId: 'nano_meet_branding_test', secret: 'a-secret-for-the-branding-test-0123456789' };
const HOST_PAGE_HTML = '<!doctype html><title>Host</title><div id="meeting" style="width:960px;height:540px"></div>';
const LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="140" height="70"><rect width="140" height="70" fill="teal"/></svg>';

let tokens: Server;
let tokensUrl: string;
/** Requests that reached the token service's branding route, and the brand's images. */
const brandingRequests: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
const imageRequests: string[] = [];
/** Each brand image the browser finished loading, with the address of the frame that loaded it. */
const imagesLoaded: Array<{ url: string; frameUrl: string }> = [];
/** A deployment on the token service; the same with `SHOW_JITSI_WATERMARK: false`; one whose branding URL is down. */
let branded: RunningSandbox;
let noWatermark: RunningSandbox;
let unreachable: RunningSandbox;
let browser: Browser;
let context: BrowserContext;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await listen(probe);
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

before(async () => {
  // The token service's address must be known before the sandboxes start, and their names before it is made.
  const handler: { current?: RequestListener } = {};
  tokens = createServer((request, response) => {
    const { pathname } = new URL(request.url!, 'http://x');
    // The host page, on an origin of its own (as an embedding site is), beside the brand's images.
    if (pathname === '/host.html') {
      response.writeHead(200, { 'content-type': 'text/html' }).end(HOST_PAGE_HTML);
      return;
    }
    if (pathname.startsWith('/brand/')) {
      imageRequests.push(pathname);
      response.writeHead(200, { 'content-type': 'image/svg+xml' }).end(LOGO_SVG);
      return;
    }
    if (pathname === '/api/v1/branding') brandingRequests.push({ url: request.url!, headers: request.headers });
    handler.current!(request, response);
  });
  tokensUrl = await listen(tokens);
  const brandingDataUrl = `${tokensUrl}/api/v1/branding`;
  const down = `http://127.0.0.1:${await closedPort()}/api/v1/branding`;
  [branded, noWatermark, unreachable] = await Promise.all([
    startSandbox({ ...KEY, media: false, config: { brandingDataUrl } }),
    startSandbox({
      ...KEY,
      media: false,
      config: { brandingDataUrl },
      interfaceConfig: { SHOW_JITSI_WATERMARK: false },
    }),
    startSandbox({ ...KEY, media: false, config: { brandingDataUrl: down } }),
  ]);
  const service = createTokenService({
    keys: [{ ...KEY, current: true }],
    apiKeys: [{ sha256: await hashApiKey(API_KEY), name: 'test' }],
    allowedServers: [branded.server, noWatermark.server, unreachable.server],
    corsOrigins: [],
  });
  await service.ready;
  handler.current = toNodeListener(service);
  browser = await chromium.launch({
    executablePath: findChromium(),
    args: [...CHROMIUM_FLAGS, '--ignore-certificate-errors'],
  });
  context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1000, height: 700 } });
  // The browser's own account of each load. Resource Timing in the meeting page is not one: since the sandbox speaks
  // HTTP/2, it lists neither image in about one load in four, 500 ms after the browser finished both for that frame.
  context.on('requestfinished', (request) => {
    if (request.url().startsWith(`${tokensUrl}/brand/`))
      imagesLoaded.push({ url: request.url(), frameUrl: request.frame().url() });
  });
});

after(async () => {
  await browser?.close();
  await Promise.all([branded, noWatermark, unreachable].map((sandbox) => sandbox?.close()));
  await new Promise((resolve) => tokens?.close(resolve));
});

let rooms = 0;
const uniqueRoom = () => `brand_${Date.now().toString(36)}_${++rooms}`;

/** Creates a room through the token service (`POST /api/v1/rooms`, with a branding or not); returns its token. */
async function createRoom(
  sandbox: RunningSandbox,
  room: string,
  fields: { moderator?: boolean; branding?: object } = {},
): Promise<string> {
  const now = Date.now();
  const response = await fetch(`${tokensUrl}/api/v1/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
    body: JSON.stringify({
      nbf: new Date(now - 60_000).toISOString(),
      exp: new Date(now + 3_600_000).toISOString(),
      streamname: `${room.replaceAll('_', '-')}`,
      server: sandbox.server,
      room,
      moderator: fields.moderator ?? true,
      ...(fields.branding && { branding: fields.branding }),
    }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  return ((await response.json()) as { data: { token: string } }).data.token;
}

/**
 * A host page that embeds the meeting with the sandbox's external_api.js (with `options` for it); returns the
 * meeting page's frame once it is in `phase` and settled on its branding.
 */
async function embed(
  sandbox: RunningSandbox,
  room: string,
  jwt: string,
  options: object = {},
  phase = 'joined',
): Promise<{ page: Page; frame: Frame }> {
  const page = await context.newPage();
  await page.goto(`${tokensUrl}/host.html`);
  await page.addScriptTag({ url: `${sandbox.url}/external_api.js` });
  const meetingPage = page.waitForEvent('framenavigated', {
    predicate: (frame) => frame.url().startsWith(`${sandbox.url}/${room}`),
  });
  await page.evaluate(
    ({ server, roomName, token, extra }) => {
      const Api = (window as any).JitsiMeetExternalAPI;
      (window as any).api = new Api(server, {
        roomName,
        jwt: token,
        parentNode: document.getElementById('meeting'),
        ...extra,
      });
    },
    { server: sandbox.server, roomName: room, token: jwt, extra: options },
  );
  const frame = await meetingPage;
  await frame.waitForSelector(
    `sandbox-meeting[data-phase="${phase}"]:not([data-branding="pending"]):not([data-paint-held])`,
  );
  return { page, frame };
}

interface Shown {
  branding: string | null;
  phase: string | null;
  link: { href: string | null; rel: string; target: string; label: string | null } | null;
  logo: string | null;
  logoBox: { width: number; height: number } | null;
  stage: { color: string; image: string; size: string };
  premeeting: string | null;
}

/** What the meeting page shows: its watermark, the stage's background and the lobby screen's. */
function shownIn(frame: Frame): Promise<Shown> {
  return frame.evaluate(() => {
    const meeting = document.querySelector('sandbox-meeting')!;
    const stage = document.querySelector<HTMLElement>('#largeVideoContainer');
    const link = document.querySelector<HTMLAnchorElement>('a.watermark-link');
    const mark = document.querySelector<HTMLElement>('.watermark');
    const premeeting = document.querySelector<HTMLElement>('[data-premeeting]');
    const style = stage ? getComputedStyle(stage) : undefined;
    const box = mark?.getBoundingClientRect();
    return {
      branding: meeting.getAttribute('data-branding'),
      phase: meeting.getAttribute('data-phase'),
      link: link && {
        href: link.getAttribute('href'),
        rel: link.rel,
        target: link.target,
        label: link.getAttribute('aria-label'),
      },
      logo: mark && getComputedStyle(mark).backgroundImage,
      logoBox: box ? { width: box.width, height: box.height } : null,
      stage: {
        color: style?.backgroundColor ?? '',
        image: style?.backgroundImage ?? '',
        size: style?.backgroundSize ?? '',
      },
      premeeting: premeeting && getComputedStyle(premeeting).backgroundImage,
    };
  });
}

describe('sandbox meeting: branding from the deployment’s brandingDataUrl', () => {
  it('shows the room’s logo, linked, and its background, from a room created with a branding', async () => {
    const room = uniqueRoom();
    const branding = {
      logoImageUrl: `${tokensUrl}/brand/logo.svg`,
      logoClickUrl: 'https://brand.example/home',
      backgroundColor: '#0f1b2d',
      backgroundImageUrl: `${tokensUrl}/brand/stage.svg`,
    };
    const { page, frame } = await embed(branded, room, await createRoom(branded, room, { branding }));
    const shown = await shownIn(frame);
    assert.equal(shown.branding, 'ready');
    assert.equal(shown.phase, 'joined');
    assert.deepEqual(shown.link, {
      href: 'https://brand.example/home',
      rel: 'noopener',
      target: '_new',
      label: 'Logo: opens brand.example',
    });
    assert.equal(shown.logo, `url("${tokensUrl}/brand/logo.svg")`);
    assert.deepEqual(shown.logoBox, { width: 140, height: 70 });
    assert.deepEqual(shown.stage, {
      color: 'rgb(15, 27, 45)',
      image: `url("${tokensUrl}/brand/stage.svg")`,
      size: 'cover',
    });
    // Both images really load, in the meeting page: the browser finished each for the meeting's frame.
    const images = [branding.logoImageUrl, branding.backgroundImageUrl];
    const loadedInMeeting = () =>
      images.every((url) => imagesLoaded.some((load) => load.url === url && load.frameUrl === frame.url()));
    for (const deadline = Date.now() + 10_000; !loadedInMeeting();) {
      assert.ok(Date.now() < deadline, `images loaded: ${JSON.stringify(imagesLoaded)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.ok(imageRequests.includes('/brand/logo.svg') && imageRequests.includes('/brand/stage.svg'));
    // Asked as Jitsi asks: the room as conferenceFqn, from the meeting page's origin, without cookies or credentials.
    const asked = brandingRequests.find((request) => request.url.endsWith(`conferenceFqn=${room}`));
    assert.ok(asked, brandingRequests.map((request) => request.url).join());
    assert.equal(asked.headers.origin, branded.url);
    assert.equal(asked.headers.cookie, undefined);
    assert.equal(asked.headers.authorization, undefined);
    await page.close();
  });

  it('shows the branding’s background on the lobby screen of a guest who waits', async () => {
    const room = uniqueRoom();
    const branding = {
      logoImageUrl: `${tokensUrl}/brand/logo.svg`,
      backgroundColor: '#0f1b2d',
      backgroundImageUrl: `${tokensUrl}/brand/lobby.svg`,
    };
    const guestToken = await createRoom(branded, room, { moderator: false, branding });
    // A moderator (scripted, through the control API) is in the room and has switched its lobby on.
    const moderator = await call(branded, 'POST', `/_sandbox/control/rooms/${room}/participants`, {
      name: 'Host',
      moderator: true,
    });
    const { id } = moderator.json<{ id: string }>();
    await call(branded, 'POST', `/_sandbox/control/rooms/${room}/participants/${id}/commands`, {
      name: 'toggle-lobby',
      args: [true],
    });
    const guest = await embed(branded, room, guestToken, {}, 'lobby');
    const shown = await shownIn(guest.frame);
    assert.equal(shown.premeeting, `url("${tokensUrl}/brand/lobby.svg")`);
    await guest.page.close();
  });

  it('drops the overrides Jitsi drops: a host page cannot set or relink the logo, only set DEFAULT_BACKGROUND', async () => {
    const room = uniqueRoom();
    const dropped = {
      interfaceConfigOverwrite: {
        DEFAULT_LOGO_URL: 'https://evil.example/logo.png',
        SHOW_JITSI_WATERMARK: true,
        JITSI_WATERMARK_LINK: 'https://evil.example/',
        DEFAULT_BACKGROUND: '#123456',
      },
      configOverwrite: {
        brandingDataUrl: 'https://evil.example/branding',
        dynamicBrandingUrl: 'https://evil.example/b.json',
      },
    };
    // A room without a branding: the token service answers Jitsi's own look, {defaultBranding: true}.
    const { page, frame } = await embed(branded, room, await createRoom(branded, room), dropped);
    const shown = await shownIn(frame);
    assert.equal(shown.branding, 'ready');
    assert.equal(shown.logo, `url("${branded.url}/images/watermark.svg")`);
    assert.equal(shown.link?.href, 'https://jitsi.org/');
    assert.equal(shown.stage.color, 'rgb(18, 52, 86)', 'DEFAULT_BACKGROUND is on the whitelist');
    assert.ok(
      !brandingRequests.some((request) => request.url.includes('evil')),
      'the branding URL is the deployment’s',
    );
    await page.close();

    // With the deployment's SHOW_JITSI_WATERMARK off, no override brings the logo back, not even the room's own.
    const other = uniqueRoom();
    const token = await createRoom(noWatermark, other, {
      branding: { logoImageUrl: `${tokensUrl}/brand/logo.svg`, backgroundColor: '#0f1b2d' },
    });
    const hidden = await embed(noWatermark, other, token, dropped);
    const plain = await shownIn(hidden.frame);
    assert.equal(plain.branding, 'ready');
    assert.equal(plain.logo, null);
    assert.equal(plain.link, null);
    assert.equal(plain.stage.color, 'rgb(15, 27, 45)', 'the branding’s colour wins over DEFAULT_BACKGROUND');
    await hidden.page.close();
  });

  it('keeps the meeting usable with the default look when the branding service cannot be reached', async () => {
    const room = uniqueRoom();
    const token = await createRoom(unreachable, room, {
      branding: { logoImageUrl: `${tokensUrl}/brand/logo.svg`, backgroundColor: '#0f1b2d' },
    });
    const { page, frame } = await embed(unreachable, room, token);
    const shown = await shownIn(frame);
    assert.equal(shown.branding, 'failed');
    assert.equal(shown.phase, 'joined');
    assert.equal(shown.logo, null, 'no logo after a failure, as in Jitsi');
    assert.deepEqual(shown.stage, { color: 'rgb(4, 4, 4)', image: 'none', size: 'auto' });
    // Still a meeting: the host's commands work.
    const muted = page.evaluate(
      () => new Promise((resolve) => (window as any).api.on('audioMuteStatusChanged', resolve)),
    );
    await page.evaluate(() => (window as any).api.executeCommand('toggleAudio'));
    assert.deepEqual(await muted, { muted: true });
    await page.close();
  });
});
