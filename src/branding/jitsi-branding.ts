import type { Branding } from './branding-schema.js';

/**
 * What Jitsi itself can show of a branding: the options of its `interfaceConfig` that the IFrame API may
 * overwrite (background, watermark logo and its link).
 */
export function jitsiInterfaceConfigOf(branding: Branding): Record<string, string | boolean> {
  const overwrite: Record<string, string | boolean> = {};
  if (branding.backgroundColor) overwrite['DEFAULT_BACKGROUND'] = branding.backgroundColor;
  if (branding.logoImageUrl) {
    overwrite['DEFAULT_LOGO_URL'] = branding.logoImageUrl;
    overwrite['SHOW_JITSI_WATERMARK'] = true;
  }
  if (branding.logoClickUrl) overwrite['JITSI_WATERMARK_LINK'] = branding.logoClickUrl;
  return overwrite;
}
