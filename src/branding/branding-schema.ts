import { httpUrl, isHttpUrl, list, object, optional, string } from '../shared/json-checks.js';

export { isHttpUrl };

/** Images may be remote (http/https) or inline raster data; never SVG data (it can carry script) or `javascript:`. */
const RASTER_DATA_URL = /^data:image\/(?:png|jpeg|gif|webp|avif);base64,[A-Za-z0-9+/]+=*$/;
const MAX_DATA_URL_LENGTH = 512 * 1024;

export function isSafeImageUrl(value: string): boolean {
  return isHttpUrl(value) || (value.length <= MAX_DATA_URL_LENGTH && RASTER_DATA_URL.test(value));
}

// Colours end up in CSS custom properties and in Jitsi's config: only a plain colour value, nothing that
// refers to other values (`var()`), loads something (`url()`) or ends the declaration.
const FORBIDDEN_IN_COLOR = /var\(|url\(|attr\(|env\(|[;{}<>\\]|\/\*/i;
const COLOR_FALLBACK =
  /^(?:#[0-9a-f]{3,8}|(?:rgb|rgba|hsl|hsla|hwb|lab|lch|oklab|oklch|color)\([\d\s.,%/+a-z-]+\)|[a-z]{3,30})$/i;

export function isCssColor(value: string): boolean {
  if (value.length > 100 || FORBIDDEN_IN_COLOR.test(value)) return false;
  const css = (globalThis as { CSS?: { supports?(property: string, value: string): boolean } }).CSS;
  return css?.supports ? css.supports('color', value) : COLOR_FALLBACK.test(value.trim());
}

const color = string(isCssColor, 'a CSS colour, e.g. #0a66c2 or rgb(10 102 194)');
const imageUrl = string(isSafeImageUrl, 'an http(s) URL or a base64 PNG/JPEG/GIF/WebP/AVIF data URL');

/**
 * The classic nanoMeet branding file (`backgroundColor`, `backgroundImageUrl`, `logoClickUrl`, `logoImageUrl`)
 * plus nano-meet's extensions. Unknown keys are ignored, so newer files keep working with older elements.
 */
export interface Branding {
  backgroundColor?: string;
  backgroundImageUrl?: string;
  logoClickUrl?: string;
  logoImageUrl?: string;
  /** Buttons, focus rings and highlights. */
  accentColor?: string;
  /** Text on the element's own screens (loading, errors, ended). */
  textColor?: string;
  fontFamily?: string;
  /** Images offered as virtual backgrounds. */
  virtualBackgrounds?: string[];
}

/** Checks parsed branding JSON, noting each problem in `problems`; returns only the keys it knows. */
export const checkBranding = object<Branding>({
  backgroundColor: optional(color),
  backgroundImageUrl: optional(imageUrl),
  logoClickUrl: optional(httpUrl),
  logoImageUrl: optional(imageUrl),
  accentColor: optional(color),
  textColor: optional(color),
  fontFamily: optional(
    string((value) => /^[\w\s,'"-]{1,200}$/.test(value), 'a CSS font-family list, e.g. "Inter", sans-serif'),
  ),
  virtualBackgrounds: optional(list(imageUrl, 24)),
});
