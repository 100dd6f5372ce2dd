/**
 * A branding's colours kept readable on an element's own screens: text at 4.5:1 on the background, the text on
 * accent-coloured buttons and badges black or white, whichever reads, and the focus ring at 3:1. Only what would
 * fail is set (as the private custom properties the element styles read); a readable branding is used as it is.
 * The page's own custom properties still win: what a page's CSS picks is the page's to check.
 */
import type { Branding } from './branding-schema.js';
import {
  contrastRatio,
  NON_TEXT_CONTRAST,
  parseColor,
  readableOn,
  TEXT_CONTRAST,
  textOn,
  toHex,
  type Rgba,
} from './branding-contrast.js';

/** An element's colours where the branding sets none (its stylesheet's defaults). */
export interface ElementLook {
  background: string;
  color: string;
  accent: string;
  /** The colour of error messages, for an element that shows them in a colour of their own. */
  error?: string;
}

const WHITE = { r: 255, g: 255, b: 255, a: 1 };

export function readableColors(branding: Branding, look: ElementLook): Record<string, string> {
  const { backgroundColor, textColor, accentColor } = branding;
  if (!backgroundColor && !textColor && !accentColor) return {};
  const background = resolveColor(backgroundColor ?? look.background);
  // A translucent background shows the page through it: no ratio can be known.
  if (!background || background.a < 1) return {};
  const properties: Record<string, string> = {};
  const fixed = (wanted: string | undefined, ratio: number) => {
    const color = wanted === undefined ? undefined : resolveColor(wanted);
    if (!color || contrastRatio(color, background) >= ratio) return undefined;
    return toHex(readableOn(color, background, ratio));
  };
  const text = fixed(textColor ?? look.color, TEXT_CONTRAST);
  if (text) properties['--_color'] = text;
  const error = fixed(look.error, TEXT_CONTRAST);
  if (error) properties['--_error-color'] = error;
  const accent = resolveColor(accentColor ?? look.accent);
  if (accent && accent.a === 1 && contrastRatio(WHITE, accent) < TEXT_CONTRAST) {
    properties['--_on-accent'] = toHex(textOn(accent));
  }
  const ring = fixed(accentColor ?? look.accent, NON_TEXT_CONTRAST);
  if (ring) properties['--_focus'] = ring;
  return properties;
}

let canvas: CanvasRenderingContext2D | null | undefined;

/**
 * Any CSS colour as one branding-contrast.ts reads: a canvas writes back a named, `hsl()` or `hwb()` colour as
 * `#rrggbb` (or `rgba()`). A colour it keeps in another space (`oklch()`, `lab()`) stays unknown, and unadjusted.
 */
function resolveColor(value: string): Rgba | undefined {
  canvas ??= globalThis.document?.createElement('canvas').getContext('2d');
  if (!canvas) return parseColor(value);
  canvas.fillStyle = '#000';
  canvas.fillStyle = value;
  return parseColor(String(canvas.fillStyle));
}
