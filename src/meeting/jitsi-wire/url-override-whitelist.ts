/**
 * The URL overrides a real Jitsi meeting page honours from an embedding page. The page keeps only these keys of the
 * hash's `config.*` and `interfaceConfig.*` (lodash `pick` on the whitelists, docs/jitsi/branding.md §1) and drops
 * the rest silently, so anything else sent would work in no deployment: nano-meet sends only what is listed here.
 */

/**
 * interfaceConfig keys that get through: the whole list, in every version read (docs/jitsi/branding.md §1).
 * `DEFAULT_LOGO_URL`, `SHOW_JITSI_WATERMARK` and `JITSI_WATERMARK_LINK` are not among them.
 */
export const INTERFACE_CONFIG_WHITELIST: readonly string[] = [
  'DEFAULT_BACKGROUND',
  'SHOW_POWERED_BY',
  'PROVIDER_NAME',
  'NATIVE_APP_NAME',
];

/**
 * config keys that get through and that nano-meet sends or the sandbox reads (docs/jitsi/branding.md §1). A dotted key lets only
 * that property of an object through, as lodash `pick` does (`prejoinConfig.enabled`, not all of `prejoinConfig`).
 * Keys only embedded builds take (`defaultLogoUrl`, `customToolbarButtons`, …) are left out: older builds drop them.
 */
export const CONFIG_WHITELIST: readonly string[] = [
  'apiLogLevels',
  'backgroundAlpha',
  'brandingRoomAlias',
  'prejoinConfig.enabled',
  'startWithAudioMuted',
  'startWithVideoMuted',
  'subject',
];

/**
 * config keys that `external_api.js` reads on the host before it builds the URL, and that the meeting page then
 * drops: `pip` turns off its viewport watch that sends `show-pip` (docs/jitsi/wire.md §5, PiP side effect). The
 * element sends them only on the external route, where that script runs; the native route sends none.
 */
export const HOST_CONFIG_KEYS: readonly string[] = ['pip'];

/** `overrides` with only the keys (dotted for nested ones) on `whitelist`, as the meeting page picks them. */
export function pickWhitelisted(
  overrides: Readonly<Record<string, unknown>>,
  whitelist: readonly string[],
): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(overrides)) {
    if (whitelist.includes(key)) {
      picked[key] = value;
      continue;
    }
    const nested = whitelist.filter((path) => path.startsWith(`${key}.`)).map((path) => path.slice(key.length + 1));
    if (nested.length === 0 || typeof value !== 'object' || value === null) continue;
    const inner = pickWhitelisted(value as Record<string, unknown>, nested);
    if (Object.keys(inner).length > 0) picked[key] = inner;
  }
  return picked;
}

/** The config overrides the meeting page (or, for `HOST_CONFIG_KEYS`, `external_api.js`) honours. */
export function honouredConfig(overrides: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return pickWhitelisted(overrides, [...CONFIG_WHITELIST, ...HOST_CONFIG_KEYS]);
}

/** The interfaceConfig overrides the meeting page honours. */
export function honouredInterfaceConfig(overrides: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return pickWhitelisted(overrides, INTERFACE_CONFIG_WHITELIST);
}
