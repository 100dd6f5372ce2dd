/**
 * Keeps a branding's colours readable: WCAG 2.2's relative luminance and contrast ratio
 * (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio), and colours chosen or adjusted to reach a ratio. Pure: colours
 * come in as `#rgb`/`#rrggbb(aa)`, `rgb()`/`rgba()` or `color(srgb …)` text (the browser turns any other CSS colour
 * into one of these, see branding-chrome.ts) and go out as `#rrggbb`.
 */

/** An sRGB colour: red, green and blue from 0 to 255, alpha from 0 to 1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** Text and the focus ring: WCAG 1.4.3 (text, AA) and 1.4.11 (non-text, AA). */
export const TEXT_CONTRAST = 4.5;
export const NON_TEXT_CONTRAST = 3;

const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };
const BLACK: Rgba = { r: 0, g: 0, b: 0, a: 1 };

const HEX = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const RGB = /^rgba?\(\s*([\d.]+%?)[\s,]+([\d.]+%?)[\s,]+([\d.]+%?)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/i;
const SRGB = /^color\(\s*srgb\s+([\d.]+%?)\s+([\d.]+%?)\s+([\d.]+%?)(?:\s*\/\s*([\d.]+%?))?\s*\)$/i;

/** The colour `value` names, or undefined for a form this module does not read. */
export function parseColor(value: string): Rgba | undefined {
  const text = value.trim();
  const hex = HEX.exec(text)?.[1];
  if (hex) {
    const digits = hex.length <= 4 ? [...hex].map((digit) => digit + digit) : hex.match(/../g)!;
    const [r, g, b, a = 255] = digits.map((pair) => parseInt(pair, 16)) as [number, number, number, number?];
    return { r, g, b, a: a / 255 };
  }
  const rgb = RGB.exec(text);
  if (rgb) return channels(rgb, 255);
  const srgb = SRGB.exec(text);
  return srgb ? channels(srgb, 1) : undefined;
}

function channels([, r, g, b, a]: RegExpExecArray, scale: number): Rgba {
  const channel = (part = '0') => clamp((parseFloat(part) / (part.endsWith('%') ? 100 : scale)) * 255, 255);
  const alpha = a === undefined ? 1 : a.endsWith('%') ? parseFloat(a) / 100 : parseFloat(a);
  return { r: channel(r), g: channel(g), b: channel(b), a: clamp(alpha, 1) };
}

function clamp(value: number, max: number): number {
  return Math.min(max, Math.max(0, value));
}

/** WCAG's relative luminance of an opaque colour: 0 for black, 1 for white. */
export function relativeLuminance({ r, g, b }: Rgba): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The contrast ratio of two colours, from 1 (the same) to 21 (black on white); `a` may be translucent over `b`. */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [high, low] = [relativeLuminance(over(a, b)), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

/** `top` painted over the opaque `bottom`. */
function over(top: Rgba, bottom: Rgba): Rgba {
  return mix(bottom, { ...top, a: 1 }, top.a);
}

/** `from` moved the fraction `t` of the way to `to`, rounded to whole channels. */
function mix(from: Rgba, to: Rgba, t: number): Rgba {
  const at = (x: number, y: number) => Math.round(x + (y - x) * t);
  return { r: at(from.r, to.r), g: at(from.g, to.g), b: at(from.b, to.b), a: 1 };
}

export function toHex({ r, g, b }: Rgba): string {
  return `#${[r, g, b].map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;
}

/** White or black, whichever stands out more on `background` (white when both do). */
export function textOn(background: Rgba): Rgba {
  return contrastRatio(WHITE, background) >= TEXT_CONTRAST ||
    contrastRatio(WHITE, background) >= contrastRatio(BLACK, background)
    ? WHITE
    : BLACK;
}

/**
 * `wanted` as it is if it reaches `ratio` on the opaque `background`; otherwise the least change that does:
 * `wanted` mixed towards black or white (whichever side has room), so that a brand's hue survives where it can.
 * One of black and white has at least 4.58:1 on any colour, so every ratio up to that is reached.
 */
export function readableOn(wanted: Rgba, background: Rgba, ratio: number = TEXT_CONTRAST): Rgba {
  const solid = over(wanted, background);
  if (contrastRatio(solid, background) >= ratio) return solid;
  const towards = contrastRatio(WHITE, background) >= contrastRatio(BLACK, background) ? WHITE : BLACK;
  let [low, high] = [0, 1];
  // 16 halvings: finer than one step of a channel.
  for (let step = 0; step < 16; step += 1) {
    const t = (low + high) / 2;
    if (contrastRatio(mix(solid, towards, t), background) >= ratio) high = t;
    else low = t;
  }
  const found = mix(solid, towards, high);
  return contrastRatio(found, background) >= ratio ? found : towards;
}
