/**
 * What `<nano-meet>` puts in the meeting's URL: only overrides that pass a real Jitsi's whitelists
 * (docs/jitsi/branding.md §1), so nothing it sends is silently dropped on a real deployment.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sessionOptions, type MeetingAttributes } from '../../src/elements/nano-meet/meeting-settings.js';
import {
  CONFIG_WHITELIST,
  HOST_CONFIG_KEYS,
  INTERFACE_CONFIG_WHITELIST,
  honouredConfig,
  honouredInterfaceConfig,
  pickWhitelisted,
} from '../../src/meeting/jitsi-wire/url-override-whitelist.js';
import type { NanoMeetToken } from '../../src/token/claims.js';

/** Every key path (`a.b` for nested objects) of `object`. */
function keyPaths(object: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(object).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? keyPaths(value as Record<string, unknown>, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

/** Whether `path` is let through by `whitelist`: listed itself, or under a listed object. */
function allowed(path: string, whitelist: readonly string[]): boolean {
  return whitelist.some((entry) => path === entry || path.startsWith(`${entry}.`));
}

const everything: MeetingAttributes = {
  displayName: 'Ada',
  avatar: 'https://example.org/ada.png',
  layout: 'tile',
  presenterMode: true,
  lobby: true,
  subject: 'Weekly',
  audioMuted: true,
  videoMuted: true,
  actionTimeout: 15,
};
const fullBranding = {
  backgroundColor: '#123456',
  backgroundImageUrl: 'https://example.org/bg.png',
  logoImageUrl: 'https://example.org/logo.png',
  logoClickUrl: 'https://example.org/',
  accentColor: '#ff0000',
  textColor: '#ffffff',
  fontFamily: 'Inter',
  virtualBackgrounds: ['https://example.org/vb.png'],
};

function optionsFor(moderator: boolean, loader: 'native' | 'external' = 'native') {
  const token = { jwt: 'x.y.z', room: 'room1', moderator } as NanoMeetToken;
  const container = {} as HTMLElement;
  return sessionOptions(
    { token, server: 'meet.example.org', container, moderator, branding: fullBranding, language: 'de' },
    { ...everything, loader },
  );
}

describe('the overrides <nano-meet> sends', () => {
  it("are all on Jitsi's whitelists, with every attribute and a full branding", () => {
    for (const moderator of [true, false]) {
      const options = optionsFor(moderator);
      for (const path of keyPaths(options.configOverwrite ?? {})) {
        assert.ok(allowed(path, CONFIG_WHITELIST), `config.${path} is not honoured`);
      }
      for (const path of keyPaths(options.interfaceConfigOverwrite ?? {})) {
        assert.ok(allowed(path, INTERFACE_CONFIG_WHITELIST), `interfaceConfig.${path} is not honoured`);
      }
    }
  });

  it("add only external_api.js's own host-side key on the external route", () => {
    const sent = keyPaths(optionsFor(true, 'external').configOverwrite ?? {});
    const extra = sent.filter((path) => !allowed(path, CONFIG_WHITELIST));
    assert.deepEqual(extra, ['pip.disabled'], 'the external route adds pip and nothing else');
    assert.ok(allowed('pip.disabled', HOST_CONFIG_KEYS), 'pip is a documented host-only key');
  });

  it('still carry what the attributes and the branding ask for', () => {
    const options = optionsFor(true);
    assert.deepEqual(options.configOverwrite, {
      prejoinConfig: { enabled: false },
      startWithAudioMuted: true,
      startWithVideoMuted: true,
      subject: 'Weekly',
    });
    assert.deepEqual(options.interfaceConfigOverwrite, { DEFAULT_BACKGROUND: '#123456' });
  });

  it('never name the logo or watermark keys a meeting page drops', () => {
    const sent = optionsFor(true).interfaceConfigOverwrite ?? {};
    for (const dropped of ['DEFAULT_LOGO_URL', 'SHOW_JITSI_WATERMARK', 'JITSI_WATERMARK_LINK']) {
      assert.equal(dropped in sent, false, dropped);
      assert.equal(INTERFACE_CONFIG_WHITELIST.includes(dropped), false, dropped);
    }
  });
});

describe('the whitelist filter', () => {
  it('keeps listed keys and drops the rest, as the meeting page does', () => {
    assert.deepEqual(
      honouredInterfaceConfig({ DEFAULT_BACKGROUND: '#000', DEFAULT_LOGO_URL: 'x', SHOW_JITSI_WATERMARK: true }),
      { DEFAULT_BACKGROUND: '#000' },
    );
    assert.deepEqual(honouredConfig({ subject: 's', dynamicBrandingUrl: 'https://evil.example/' }), { subject: 's' });
  });

  it('lets only the listed property of an object through a dotted key', () => {
    assert.deepEqual(
      pickWhitelisted({ prejoinConfig: { enabled: false, hideDisplayName: true }, other: 1 }, [
        'prejoinConfig.enabled',
      ]),
      { prejoinConfig: { enabled: false } },
    );
    assert.deepEqual(pickWhitelisted({ prejoinConfig: true }, ['prejoinConfig.enabled']), {});
  });
});
