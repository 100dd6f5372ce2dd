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

// The lists an embedding page's URL can pass, kept once for the element that sends overrides and for this page
// that applies them. The config list holds the keys either side uses; Jitsi's own is much longer, and a key goes on
// it only if it is on Jitsi's.
export { CONFIG_WHITELIST, INTERFACE_CONFIG_WHITELIST } from '../../meeting/jitsi-wire/url-override-whitelist.js';

/** isEmbeddedConfigWhitelist.ts: added when the page runs in a frame (`window.self !== window.top`). */
export const EMBEDDED_CONFIG_WHITELIST: readonly string[] = [
  'customToolbarButtons',
  'defaultLogoUrl',
  'deploymentUrls',
  'liveStreaming',
];
