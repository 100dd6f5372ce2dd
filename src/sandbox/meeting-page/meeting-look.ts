/**
 * What the meeting page shows of a branding, by Jitsi's rules: the watermark (the logo slot, its image and link;
 * docs/jitsi/branding.md §3), the stage's background (§4) and the lobby's background (§2). Images and links from
 * branding data are taken only as http(s) (images also as raster data) URLs: the page shows them, never runs them.
 */
import type { MeetingSettings } from './config-overrides.js';
import { DEFAULT_INTERFACE_CONFIG, SANDBOX_WATERMARK_PATH } from '../protocol/deployment.js';
import type { DynamicBranding } from './dynamic-branding.js';

/** The logo slot, when shown; an image that is missing or not allowed leaves an empty box, as in Jitsi. */
export interface Watermark {
  imageUrl?: string;
  link?: string;
}

export interface MeetingLook {
  /** Absent: no watermark. */
  watermark?: Watermark;
  /** `#largeVideoContainer`: a CSS `background`, and an image over it sized `cover`. */
  stage: { background: string; imageUrl?: string };
  /** The lobby screen's CSS `background`, sized `cover`. */
  premeetingBackground?: string;
}

const RASTER_DATA_URL = /^data:image\/(?:png|jpeg|gif|webp|avif);base64,/i;

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** An absolute http(s) URL for `value` (relative ones against the page), or nothing. */
function httpUrlOf(value: string | undefined, base: string): string | undefined {
  if (value === undefined || !URL.canParse(value, base)) return undefined;
  const url = new URL(value, base);
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
}

function imageUrlOf(value: string | undefined, base: string): string | undefined {
  return value !== undefined && RASTER_DATA_URL.test(value) ? value : httpUrlOf(value, base);
}

/**
 * Jitsi's `setColorAlpha`: `#rgb`, `#rrggbb` and `rgb(r, g, b)` become `rgba(r, g, b, alpha)`; any other value is
 * left as it is (base/util/helpers.ts, §4).
 */
export function setColorAlpha(color: string, alpha: number): string {
  let rgb: string[] | undefined;
  if (/^#[0-9a-f]{3}$/i.test(color)) rgb = [...color.slice(1)].map((digit) => String(parseInt(digit + digit, 16)));
  else if (/^#[0-9a-f]{6}$/i.test(color)) rgb = [1, 3, 5].map((at) => String(parseInt(color.slice(at, at + 2), 16)));
  else
    rgb = /^rgba?\(([^)]*)\)/i
      .exec(color)?.[1]!
      .split(',')
      .slice(0, 3)
      .map((part) => part.trim());
  return rgb?.length === 3 ? `rgba(${rgb.join(', ')}, ${alpha})` : color;
}

/**
 * The watermark (Watermarks.tsx, outside JaaS): shown when the branding is settled, has not failed and the
 * deployment's `SHOW_JITSI_WATERMARK` is on. With branding data it shows `logoImageUrl` linked to `logoClickUrl`, or
 * with `defaultBranding` the deployment's logo; without a branding URL the deployment's logo (`config.defaultLogoUrl`,
 * else `interfaceConfig.DEFAULT_LOGO_URL`), linked to `JITSI_WATERMARK_LINK`.
 */
function watermarkOf(
  { config, interfaceConfig }: MeetingSettings,
  branding: DynamicBranding,
  base: string,
): Watermark | undefined {
  if (branding.status === 'pending' || branding.status === 'failed' || !interfaceConfig['SHOW_JITSI_WATERMARK'])
    return undefined;
  const ownLogo = text(config['defaultLogoUrl']) ?? text(interfaceConfig['DEFAULT_LOGO_URL']) ?? SANDBOX_WATERMARK_PATH;
  const ownLink = text(interfaceConfig['JITSI_WATERMARK_LINK']);
  const fromData = branding.status === 'ready' && !branding.data.defaultBranding ? branding.data : undefined;
  const imageUrl = imageUrlOf(fromData ? fromData.logoImageUrl : ownLogo, base);
  const link = httpUrlOf(fromData ? fromData.logoClickUrl : ownLink, base);
  return { ...(imageUrl && { imageUrl }), ...(link && { link }) };
}

/** The whole look, from the page's settings (deployment, overrides) and the dynamic branding; `base`: the page's URL. */
export function meetingLook(settings: MeetingSettings, branding: DynamicBranding, base: string): MeetingLook {
  const data = branding.status === 'ready' ? branding.data : undefined;
  let background =
    text(data?.backgroundColor) ??
    text(settings.interfaceConfig['DEFAULT_BACKGROUND']) ??
    DEFAULT_INTERFACE_CONFIG.DEFAULT_BACKGROUND;
  const alpha = settings.config['backgroundAlpha'];
  if (typeof alpha === 'number') background = setColorAlpha(background, alpha);
  const imageUrl = imageUrlOf(text(data?.backgroundImageUrl), base);
  const watermark = watermarkOf(settings, branding, base);
  const premeetingBackground = text(data?.premeetingBackground);
  return {
    stage: { background, ...(imageUrl && { imageUrl }) },
    ...(watermark && { watermark }),
    ...(premeetingBackground && { premeetingBackground }),
  };
}
