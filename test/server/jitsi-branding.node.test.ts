import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTokenService, type TokenServiceConfig } from '../../src/server/index.js';
import { SETUP_EXP } from '../token/token-fixtures.js';
import {
  API_KEY,
  APP_ORIGIN,
  NOW,
  ROOM_SETUP,
  baseConfig,
  expectError,
  expectJson,
  listen,
} from './server-fixtures.js';

/** The Jitsi deployment's origin: Jitsi's meeting page sends the branding request from there (never the host page's). */
const JITSI_ORIGIN = 'https://meet.example.org';
const ROOM_BRANDING = {
  logoImageUrl: 'https://brand.example/logo.png',
  logoClickUrl: 'https://brand.example/',
  backgroundColor: '#0a66c2',
  backgroundImageUrl: 'https://brand.example/stage.jpg',
  accentColor: '#ff6600',
};
const ACME = { logoImageUrl: 'https://acme.example/logo.png', backgroundColor: 'rgb(1 2 3)' };
const TEAM = { logoImageUrl: 'https://team.example/logo.png' };
const EVERYONE = { logoImageUrl: 'https://default.example/logo.png', logoClickUrl: 'https://default.example/' };

/**
 * The request Jitsi's meeting page makes for its `brandingDataUrl` (docs/jitsi/branding.md §2,
 * buildDynamicBrandingUrl): the page's already percent-encoded path, its last two segments (or its one), encoded
 * once more.
 */
function jitsiBrandingUrl(brandingDataUrl: string, meetingUrl: string): string {
  const parts = new URL(meetingUrl).pathname.split('/');
  const fqn = parts.length > 2 ? parts.slice(-2).join('/') : parts[1]!;
  return `${brandingDataUrl}?conferenceFqn=${encodeURIComponent(fqn)}`;
}

/** Fetches as Jitsi's `doGetJSON` does: a plain GET, from the meeting page's origin. */
const fetchAsJitsi = (url: string) => fetch(url, { headers: { origin: JITSI_ORIGIN } });

describe('GET /api/v1/branding: Jitsi’s brandingDataUrl', () => {
  let now = NOW;
  let base: string;
  let close: () => Promise<void>;
  let brandingDataUrl: string;
  const config = (overrides: Partial<TokenServiceConfig> = {}) =>
    baseConfig({
      clock: () => now,
      tenantBrandings: { Acme: ACME, 'my team': TEAM },
      defaultBranding: EVERYONE,
      ...overrides,
    });
  const createRoom = (body: unknown, at = base) =>
    fetch(`${at}/api/v1/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body: JSON.stringify(body),
    });

  before(async () => {
    ({ base, close } = await listen(createTokenService(config())));
    brandingDataUrl = `${base}/api/v1/branding`;
  });
  after(() => close());

  it('answers a room created with a branding with that branding in Jitsi’s fields, readable from Jitsi’s origin', async () => {
    await expectJson(await createRoom({ ...ROOM_SETUP, branding: ROOM_BRANDING }), 201);
    const response = await fetchAsJitsi(
      jitsiBrandingUrl(brandingDataUrl, `https://meet.example.org/${ROOM_SETUP.room}`),
    );
    assert.deepEqual(await expectJson(response, 200), {
      logoImageUrl: 'https://brand.example/logo.png',
      logoClickUrl: 'https://brand.example/',
      backgroundColor: '#0a66c2',
      backgroundImageUrl: 'https://brand.example/stage.jpg',
      premeetingBackground: '#0a66c2 url("https://brand.example/stage.jpg")',
    });
    // Jitsi's fetch is CORS without credentials: any origin may read the (public) branding; caches keep it briefly.
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(response.headers.get('cache-control'), 'public, max-age=60');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  });

  it('finds the room whatever the case of its name in the meeting URL (Jitsi’s rooms do not tell case apart)', async () => {
    const body = await expectJson(await fetchAsJitsi(`${brandingDataUrl}?conferenceFqn=MY_NANOMEET_ROOM`), 200);
    assert.equal(body.logoImageUrl, ROOM_BRANDING.logoImageUrl);
  });

  it('answers a room without a branding of its own with its tenant’s, else with the default one', async () => {
    const tenant = await expectJson(
      await fetchAsJitsi(jitsiBrandingUrl(brandingDataUrl, 'https://meet.example.org/acme/standup')),
      200,
    );
    assert.deepEqual(tenant, {
      logoImageUrl: ACME.logoImageUrl,
      backgroundColor: 'rgb(1 2 3)',
      premeetingBackground: 'rgb(1 2 3)',
    });
    const everyone = await expectJson(
      await fetchAsJitsi(jitsiBrandingUrl(brandingDataUrl, 'https://meet.example.org/standup')),
      200,
    );
    assert.deepEqual(everyone, EVERYONE);
    const otherTenant = await expectJson(
      await fetchAsJitsi(jitsiBrandingUrl(brandingDataUrl, 'https://meet.example.org/globex/standup')),
      200,
    );
    assert.deepEqual(otherTenant, EVERYONE);
  });

  it('decodes the tenant and room as Jitsi encodes them: twice, the path’s own encoding included', async () => {
    const url = jitsiBrandingUrl(brandingDataUrl, 'https://meet.example.org/my team/daily standup');
    assert.match(url, /conferenceFqn=my%2520team%2Fdaily%2520standup$/);
    assert.deepEqual(await expectJson(await fetchAsJitsi(url), 200), TEAM);
  });

  it('answers an unknown room with defaultBranding, Jitsi’s own look, when no default is configured', async () => {
    const { base: bare, close: closeBare } = await listen(createTokenService(baseConfig()));
    try {
      const response = await fetchAsJitsi(
        jitsiBrandingUrl(`${bare}/api/v1/branding`, 'https://meet.example.org/nobody_made_this'),
      );
      assert.deepEqual(await expectJson(response, 200), { defaultBranding: true });
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
    } finally {
      await closeBare();
    }
  });

  it('keeps Jitsi’s own logo for a branding without one (a logo-less answer would show an empty box)', async () => {
    await expectJson(
      await createRoom({ ...ROOM_SETUP, room: 'colour_only', branding: { backgroundColor: 'teal' } }),
      201,
    );
    const body = await expectJson(await fetchAsJitsi(`${brandingDataUrl}?conferenceFqn=colour_only`), 200);
    assert.deepEqual(body, { defaultBranding: true, backgroundColor: 'teal', premeetingBackground: 'teal' });
  });

  it('replaces a room’s branding when the room is created again with one, and keeps it when without', async () => {
    const room = { ...ROOM_SETUP, room: 'rebranded' };
    await expectJson(await createRoom({ ...room, branding: ACME }), 201);
    await expectJson(await createRoom({ ...room, branding: TEAM }), 201);
    await expectJson(await createRoom(room), 201);
    assert.deepEqual(await expectJson(await fetchAsJitsi(`${brandingDataUrl}?conferenceFqn=rebranded`), 200), TEAM);
  });

  it('forgets a room’s branding when its tokens expire', async () => {
    await expectJson(await createRoom({ ...ROOM_SETUP, room: 'short_lived', branding: ACME }), 201);
    now = SETUP_EXP * 1000 - 1000;
    try {
      assert.equal(
        (await expectJson(await fetchAsJitsi(`${brandingDataUrl}?conferenceFqn=short_lived`), 200)).logoImageUrl,
        ACME.logoImageUrl,
      );
      now = SETUP_EXP * 1000 + 1000;
      assert.deepEqual(
        await expectJson(await fetchAsJitsi(`${brandingDataUrl}?conferenceFqn=short_lived`), 200),
        EVERYONE,
      );
    } finally {
      now = NOW;
    }
  });

  it('refuses a conferenceFqn Jitsi would never send with 400 JSON, still readable by the page', async () => {
    for (const query of [
      '',
      '?conferenceFqn=',
      '?conferenceFqn=a%2Fb%2Fc',
      '?conferenceFqn=acme%2F',
      '?conferenceFqn=%25E0%25A4%25A',
      `?conferenceFqn=${'a'.repeat(513)}`,
    ]) {
      const response = await fetchAsJitsi(`${brandingDataUrl}${query}`);
      const message = await expectError(response, 400, 'conference-fqn-invalid');
      assert.match(message, /<room> or <tenant>\/<room>/, query);
      assert.equal(response.headers.get('access-control-allow-origin'), '*', query);
      assert.equal(response.headers.get('cache-control'), 'no-store', query);
    }
  });

  it('answers HEAD and a preflight from any origin, and refuses POST', async () => {
    const head = await fetch(`${brandingDataUrl}?conferenceFqn=standup`, {
      method: 'HEAD',
      headers: { origin: JITSI_ORIGIN },
    });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
    const preflight = await fetch(brandingDataUrl, {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'GET' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.equal(preflight.headers.get('access-control-allow-methods'), 'GET, HEAD');
    const post = await fetch(brandingDataUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    await expectError(post, 405, 'method-not-allowed');
    // The other routes keep their CORS list: a page from Jitsi's origin may not create rooms.
    await expectError(
      await fetch(`${base}/api/v1/rooms`, { method: 'POST', headers: { origin: JITSI_ORIGIN } }),
      403,
      'origin-not-allowed',
    );
  });
});

describe('POST /api/v1/rooms with a branding', () => {
  let base: string;
  let close: () => Promise<void>;
  before(async () => ({ base, close } = await listen(createTokenService(baseConfig()))));
  after(() => close());

  const createRoom = (body: unknown) =>
    fetch(`${base}/api/v1/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}`, origin: APP_ORIGIN },
      body: JSON.stringify(body),
    });

  it('refuses a branding the element would refuse with 400 branding-invalid, naming each field, and issues no token', async () => {
    const branding = {
      logoImageUrl: 'javascript:alert(1)',
      backgroundColor: 'red; background: url(https://x.example/)',
      logoClickUrl: 'data:text/html,x',
    };
    const message = await expectError(
      await createRoom({ ...ROOM_SETUP, room: 'refused', branding }),
      400,
      'branding-invalid',
    );
    assert.match(message, /branding\.logoImageUrl: must be an http\(s\) URL/);
    assert.match(message, /branding\.backgroundColor: must be a CSS colour/);
    assert.match(message, /branding\.logoClickUrl: must be an http\(s\) URL/);
    await expectError(
      await createRoom({ ...ROOM_SETUP, branding: 'https://brand.example/branding.json' }),
      400,
      'branding-invalid',
    );
    const data = await expectJson(await fetch(`${base}/api/v1/branding?conferenceFqn=refused`), 200);
    assert.deepEqual(data, { defaultBranding: true });
  });

  it('still refuses other unknown fields of the room setup', async () => {
    await expectError(await createRoom({ ...ROOM_SETUP, brand: ROOM_BRANDING }), 400, 'setup-invalid');
  });
});
