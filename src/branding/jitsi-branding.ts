import type { Branding } from './branding-schema.js';

/**
 * What Jitsi itself shows of a branding when an embedding page asks: only the stage colour. Of the interfaceConfig
 * keys, `DEFAULT_BACKGROUND` alone gets through the meeting page's whitelist and brands (docs/jitsi/branding.md §1,
 * §4); the logo and its link are server-side (§3), so the element draws its own logo over the meeting instead.
 */
export function jitsiInterfaceConfigOf(branding: Branding): Record<string, string> {
  return branding.backgroundColor ? { DEFAULT_BACKGROUND: branding.backgroundColor } : {};
}
