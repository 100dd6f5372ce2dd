/**
 * The meeting page's URL overrides go through Jitsi's whitelists (docs/jitsi/branding.md §1): what an embedding
 * page may change, what never reaches the meeting, and how what passes is merged into the deployment's settings.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  configWhitelist,
  mergeOverrides,
  pickPaths,
  readDeployment,
  urlOverrides,
  withOverrides,
} from '../../../src/sandbox/meeting-page/config-overrides.js';
import { parseHashParams } from '../../../src/sandbox/meeting-page/url-params.js';
import { DEFAULT_INTERFACE_CONFIG } from '../../../src/sandbox/protocol/deployment.js';

/** A hash as external_api.js writes it: `key=<URI-encoded JSON>`. */
function hashOf(params: Record<string, unknown>): string {
  return `#${Object.entries(params)
    .map(([key, value]) => `${key}=${encodeURIComponent(JSON.stringify(value))}`)
    .join('&')}`;
}

/** interfaceConfig keys that no version of Jitsi read takes from the URL (§1). */
const NEVER_INTERFACE = [
  'APP_NAME',
  'DEFAULT_LOGO_URL',
  'DEFAULT_WELCOME_PAGE_LOGO_URL',
  'SHOW_JITSI_WATERMARK',
  'SHOW_WATERMARK_FOR_GUESTS',
  'JITSI_WATERMARK_LINK',
  'SHOW_BRAND_WATERMARK',
  'BRAND_WATERMARK_LINK',
  'SHOW_PROMOTIONAL_CLOSE_PAGE',
];

describe('sandbox meeting page: URL overrides through Jitsi’s whitelists', () => {
  it('takes only DEFAULT_BACKGROUND, SHOW_POWERED_BY, PROVIDER_NAME and NATIVE_APP_NAME of interfaceConfig', () => {
    const passing = {
      DEFAULT_BACKGROUND: '#123456',
      SHOW_POWERED_BY: true,
      PROVIDER_NAME: 'Acme',
      NATIVE_APP_NAME: 'Acme Meet',
    };
    const dropped = Object.fromEntries(
      NEVER_INTERFACE.map((key) => [key, key.includes('SHOW') ? true : 'https://evil.example/x']),
    );
    const hash = hashOf(
      Object.fromEntries(
        Object.entries({ ...passing, ...dropped }).map(([key, value]) => [`interfaceConfig.${key}`, value]),
      ),
    );
    for (const embedded of [false, true]) {
      assert.deepEqual(urlOverrides(parseHashParams(hash), embedded).interfaceConfig, passing);
    }
  });

  it('takes the config keys Jitsi lets through, defaultLogoUrl only in a frame, never a branding URL or theme', () => {
    const hash = hashOf({
      'config.backgroundAlpha': 0.5,
      'config.brandingRoomAlias': 'alias',
      'config.apiLogLevels': ['error'],
      'config.defaultLogoUrl': 'https://brand.example/logo.png',
      'config.brandingDataUrl': 'https://evil.example/branding',
      'config.dynamicBrandingUrl': 'https://evil.example/branding.json',
      'config.customTheme': { palette: {} },
      'config.someUnknownKey': 1,
    });
    const always = { backgroundAlpha: 0.5, brandingRoomAlias: 'alias', apiLogLevels: ['error'] };
    assert.deepEqual(urlOverrides(parseHashParams(hash), false).config, always);
    assert.deepEqual(urlOverrides(parseHashParams(hash), true).config, {
      ...always,
      defaultLogoUrl: 'https://brand.example/logo.png',
    });
    assert.ok(configWhitelist(true).includes('liveStreaming'));
    assert.ok(!configWhitelist(false).includes('defaultLogoUrl'));
  });

  it('reads a whole object the same as its dotted keys, and ignores every other hash key', () => {
    const dotted = urlOverrides(
      parseHashParams(hashOf({ 'interfaceConfig.DEFAULT_BACKGROUND': 'red', jwt: 'a.b.c' })),
      false,
    );
    const whole = urlOverrides(
      parseHashParams(hashOf({ interfaceConfig: { DEFAULT_BACKGROUND: 'red', DEFAULT_LOGO_URL: 'x' } })),
      false,
    );
    assert.deepEqual(dotted, { config: {}, interfaceConfig: { DEFAULT_BACKGROUND: 'red' } });
    assert.deepEqual(whole, dotted);
    assert.deepEqual(urlOverrides(parseHashParams(hashOf({ 'userInfo.displayName': 'Ann' })), true), {
      config: {},
      interfaceConfig: {},
    });
  });

  it('picks as lodash does: a dotted path copies only that key, with its parents', () => {
    const source = { p2p: { enabled: false, iceTransportPolicy: 'relay' }, top: [1, 2] };
    assert.deepEqual(pickPaths(source, ['p2p.enabled', 'top', 'missing', 'p2p.missing.deeper']), {
      p2p: { enabled: false },
      top: [1, 2],
    });
    assert.deepEqual(pickPaths('not an object', ['a']), {});
  });

  it('merges what passes into the deployment’s settings, replacing arrays and keeping the rest', () => {
    const deployment = {
      config: { apiLogLevels: ['warn', 'error'], liveStreaming: { enabled: true, helpLink: 'a' } },
      interfaceConfig: { DEFAULT_BACKGROUND: '#040404', SHOW_JITSI_WATERMARK: false },
    };
    const hash = hashOf({
      'config.apiLogLevels': ['log'],
      'config.liveStreaming': { helpLink: 'b' },
      'interfaceConfig.DEFAULT_BACKGROUND': '#ff0000',
      'interfaceConfig.SHOW_JITSI_WATERMARK': true,
    });
    assert.deepEqual(withOverrides(deployment, urlOverrides(parseHashParams(hash), true)), {
      config: { apiLogLevels: ['log'], liveStreaming: { enabled: true, helpLink: 'b' } },
      interfaceConfig: { DEFAULT_BACKGROUND: '#ff0000', SHOW_JITSI_WATERMARK: false },
    });
    assert.deepEqual(
      deployment.config.apiLogLevels,
      ['warn', 'error'],
      'the deployment’s own objects stay as they were',
    );
    assert.deepEqual(mergeOverrides({ a: 1 }, { a: undefined, b: null }), { a: 1, b: null });
  });

  it('reads the deployment from the globals config.js and interface_config.js set, with Jitsi’s defaults', () => {
    assert.deepEqual(readDeployment({}), { config: {}, interfaceConfig: { ...DEFAULT_INTERFACE_CONFIG } });
    const read = readDeployment({
      config: { brandingDataUrl: 'https://t.example/b' },
      interfaceConfig: { SHOW_JITSI_WATERMARK: false },
    });
    assert.equal(read.config['brandingDataUrl'], 'https://t.example/b');
    assert.equal(read.interfaceConfig['SHOW_JITSI_WATERMARK'], false);
    assert.equal(read.interfaceConfig['DEFAULT_BACKGROUND'], '#040404');
  });
});
