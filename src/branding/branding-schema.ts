import * as z from 'zod/mini';

/** Images may be remote (http/https) or inline raster data; never SVG data (it can carry script) or `javascript:`. */
const RASTER_DATA_URL = /^data:image\/(?:png|jpeg|gif|webp|avif);base64,[A-Za-z0-9+/]+=*$/;
const MAX_DATA_URL_LENGTH = 512 * 1024;

export function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value) && URL.canParse(value);
}

export function isSafeImageUrl(value: string): boolean {
  return isHttpUrl(value) || (value.length <= MAX_DATA_URL_LENGTH && RASTER_DATA_URL.test(value));
}

// Colours end up in CSS custom properties and in Jitsi's config: only a plain colour value, nothing that
// refers to other values (`var()`), loads something (`url()`) or ends the declaration.
const FORBIDDEN_IN_COLOR = /var\(|url\(|attr\(|env\(|[;{}<>\\]|\/\*/i;
const COLOR_FALLBACK = /^(?:#[0-9a-f]{3,8}|(?:rgb|rgba|hsl|hsla|hwb|lab|lch|oklab|oklch|color)\([\d\s.,%/+a-z-]+\)|[a-z]{3,30})$/i;

export function isCssColor(value: string): boolean {
  if (value.length > 100 || FORBIDDEN_IN_COLOR.test(value)) return false;
  const css = (globalThis as { CSS?: { supports?(property: string, value: string): boolean } }).CSS;
  return css?.supports ? css.supports('color', value) : COLOR_FALLBACK.test(value.trim());
}

const color = z.string().check(z.refine(isCssColor, 'must be a CSS colour, e.g. #0a66c2 or rgb(10 102 194)'));
const imageUrl = z.string().check(z.refine(isSafeImageUrl, 'must be an http(s) URL or a base64 PNG/JPEG/GIF/WebP/AVIF data URL'));
const linkUrl = z.string().check(z.maxLength(2048), z.refine(isHttpUrl, 'must be an http(s) URL'));
const fontFamily = z.string().check(z.regex(/^[\w\s,'"-]{1,200}$/, 'must be a CSS font-family list, e.g. "Inter", sans-serif'));

/**
 * The classic nanoMeet branding file (`backgroundColor`, `backgroundImageUrl`, `logoClickUrl`, `logoImageUrl`)
 * plus nano-meet's extensions. Unknown keys are ignored, so newer files keep working with older elements.
 */
export const brandingSchema = z.object({
  backgroundColor: z.optional(color),
  backgroundImageUrl: z.optional(imageUrl),
  logoClickUrl: z.optional(linkUrl),
  logoImageUrl: z.optional(imageUrl),
  /** Buttons, focus rings and highlights. */
  accentColor: z.optional(color),
  /** Text on the element's own screens (loading, errors, ended). */
  textColor: z.optional(color),
  fontFamily: z.optional(fontFamily),
  /** Images offered as virtual backgrounds. */
  virtualBackgrounds: z.optional(z.array(imageUrl).check(z.maxLength(24))),
});

export type Branding = z.infer<typeof brandingSchema>;
