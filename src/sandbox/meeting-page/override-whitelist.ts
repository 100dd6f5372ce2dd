/**
 * Which URL overrides (`#config.*`, `#interfaceConfig.*`) a Jitsi meeting page applies: only the paths on these
 * lists (docs/jitsi/branding.md §1, Jitsi's configWhitelist.ts, isEmbeddedConfigWhitelist.ts and
 * interfaceConfigWhitelist.ts). A path is a lodash `pick` path: `a` admits everything under `a`, `a.b` only `a.b`.
 *
 * Never on them, and so never taken from an embedding page (§1): interfaceConfig `APP_NAME`, `DEFAULT_LOGO_URL`,
 * `DEFAULT_WELCOME_PAGE_LOGO_URL`, `SHOW_JITSI_WATERMARK`, `SHOW_WATERMARK_FOR_GUESTS`, `JITSI_WATERMARK_LINK`,
 * `SHOW_BRAND_WATERMARK`, `BRAND_WATERMARK_LINK`, `SHOW_PROMOTIONAL_CLOSE_PAGE`; config `dynamicBrandingUrl`,
 * `brandingDataUrl`, `customTheme`.
 */

/** interfaceConfigWhitelist.ts, complete: the add-on lists (in an iframe, embedded, extra) are empty. */
export const INTERFACE_CONFIG_WHITELIST: readonly string[] = [
  'DEFAULT_BACKGROUND',
  'SHOW_POWERED_BY',
  'PROVIDER_NAME',
  'NATIVE_APP_NAME',
];

/**
 * configWhitelist.ts, for the keys the sandbox acts on. Jitsi's list is much longer (`startWithAudioMuted`,
 * `p2p.enabled`, `subject`, …); the page reads no other config key, so the rest would change nothing here. A key the
 * page starts to read goes on this list only if it is on Jitsi's.
 */
export const CONFIG_WHITELIST: readonly string[] = ['apiLogLevels', 'backgroundAlpha', 'brandingRoomAlias'];

/** isEmbeddedConfigWhitelist.ts: added when the page runs in a frame (`window.self !== window.top`). */
export const EMBEDDED_CONFIG_WHITELIST: readonly string[] = [
  'customToolbarButtons',
  'defaultLogoUrl',
  'deploymentUrls',
  'liveStreaming',
];
