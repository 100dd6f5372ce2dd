/**
 * What the sandbox meeting page shows of a branding, by Jitsi's rules (docs/jitsi/branding.md §3 the watermark,
 * §4 the stage, §2 the lobby): from the deployment's settings and the state of the dynamic branding.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readDeployment, type MeetingSettings } from '../../../src/sandbox/meeting-page/config-overrides.js';
import type { DynamicBranding } from '../../../src/sandbox/meeting-page/dynamic-branding.js';
import { meetingLook, setColorAlpha } from '../../../src/sandbox/meeting-page/meeting-look.js';

const PAGE = 'https://meet.example/acme/room1';
const BRAND = {
  logoImageUrl: 'https://brand.example/logo.png',
  logoClickUrl: 'https://brand.example/',
  backgroundColor: '#0f1b2d',
  backgroundImageUrl: 'https://brand.example/stage.jpg',
  premeetingBackground: '#0f1b2d url("https://brand.example/stage.jpg")',
};
const ready = (data: object = BRAND): DynamicBranding => ({ status: 'ready', data });

function settings(config: object = {}, interfaceConfig: object = {}): MeetingSettings {
  return readDeployment({ config, interfaceConfig });
}

describe('sandbox meeting page: the look of a branding', () => {
  it('shows the logo linked to logoClickUrl, the colour and image on the stage, the lobby background', () => {
    assert.deepEqual(meetingLook(settings(), ready(), PAGE), {
      watermark: { imageUrl: BRAND.logoImageUrl, link: BRAND.logoClickUrl },
      stage: { background: '#0f1b2d', imageUrl: BRAND.backgroundImageUrl },
      premeetingBackground: BRAND.premeetingBackground,
    });
  });

  it('shows no logo while the branding is asked for, nor after it failed, and the default background', () => {
    for (const status of ['pending', 'failed'] as const) {
      assert.deepEqual(meetingLook(settings(), { status }, PAGE), { stage: { background: '#040404' } }, status);
    }
  });

  it('hides even a dynamic logo when the deployment’s SHOW_JITSI_WATERMARK is off, keeping the background', () => {
    const look = meetingLook(settings({}, { SHOW_JITSI_WATERMARK: false }), ready(), PAGE);
    assert.equal(look.watermark, undefined);
    assert.equal(look.stage.background, '#0f1b2d');
  });

  it('without a branding URL, and with defaultBranding, shows the deployment’s logo and JITSI_WATERMARK_LINK', () => {
    const own = { imageUrl: 'https://meet.example/images/watermark.svg', link: 'https://jitsi.org/' };
    assert.deepEqual(meetingLook(settings(), { status: 'none' }, PAGE).watermark, own);
    assert.deepEqual(
      meetingLook(settings(), ready({ defaultBranding: true, logoImageUrl: 'https://x.example/l.png' }), PAGE)
        .watermark,
      own,
    );
    const custom = settings(
      {},
      { DEFAULT_LOGO_URL: 'https://meet.example/acme.svg', JITSI_WATERMARK_LINK: 'https://acme.example/' },
    );
    assert.deepEqual(meetingLook(custom, { status: 'none' }, PAGE).watermark, {
      imageUrl: 'https://meet.example/acme.svg',
      link: 'https://acme.example/',
    });
    // config.defaultLogoUrl (which an embedding page may set) wins over DEFAULT_LOGO_URL.
    const embedded = settings({ defaultLogoUrl: 'https://host.example/logo.png' });
    assert.equal(meetingLook(embedded, { status: 'none' }, PAGE).watermark?.imageUrl, 'https://host.example/logo.png');
  });

  it('leaves an empty, unlinked box for branding data without a logo, and takes no script or odd scheme', () => {
    assert.deepEqual(meetingLook(settings(), ready({}), PAGE).watermark, {});
    const hostile = ready({
      logoImageUrl: 'javascript:alert(1)',
      logoClickUrl: 'javascript:alert(1)',
      backgroundImageUrl: 'data:image/svg+xml,<svg/>',
    });
    const look = meetingLook(settings(), hostile, PAGE);
    assert.deepEqual(look.watermark, {});
    assert.equal(look.stage.imageUrl, undefined);
    const data = 'data:image/png;base64,iVBORw0KGgo=';
    assert.equal(meetingLook(settings(), ready({ logoImageUrl: data }), PAGE).watermark?.imageUrl, data);
  });

  it('takes DEFAULT_BACKGROUND without a branding colour, and applies backgroundAlpha as Jitsi does', () => {
    assert.equal(
      meetingLook(settings({}, { DEFAULT_BACKGROUND: 'teal' }), ready({ logoImageUrl: BRAND.logoImageUrl }), PAGE).stage
        .background,
      'teal',
    );
    assert.equal(
      meetingLook(settings({ backgroundAlpha: 0.5 }), ready(), PAGE).stage.background,
      'rgba(15, 27, 45, 0.5)',
    );
    assert.equal(setColorAlpha('#abc', 0.2), 'rgba(170, 187, 204, 0.2)');
    assert.equal(setColorAlpha('rgb(1, 2, 3)', 1), 'rgba(1, 2, 3, 1)');
    assert.equal(setColorAlpha('teal', 0.5), 'teal');
  });
});
