/**
 * What the contrast tests share: brandings whose colours would leave text unreadable as given, the colours the
 * browser computes, and the opaque backdrop a text is actually painted on (none when a video, an image or a
 * translucent layer lies between, as then no ratio can be known).
 */
import { expect } from '@open-wc/testing';
import { contrastRatio, parseColor, type Rgba } from '../../src/branding/branding-contrast.js';

export const LOW_CONTRAST = {
  'yellow on white': { backgroundColor: '#ffffff', textColor: '#ffff00', accentColor: 'yellow' },
  'grey on grey': { backgroundColor: '#777777', textColor: '#808080', accentColor: 'rgb(120, 120, 120)' },
  'white on yellow': { backgroundColor: 'yellow', accentColor: 'hsl(60, 100%, 70%)' },
  'default text on light grey': { backgroundColor: '#eeeeee' },
};

export function computed(element: Element, property: 'color' | 'backgroundColor' | 'outlineColor'): Rgba {
  const value = getComputedStyle(element)[property];
  const color = parseColor(value);
  if (!color) throw new Error(`${property} ${value} is not a colour this test reads`);
  return color;
}

export function expectContrast(text: Element, background: Element, minimum: number, what: string): void {
  const ratio = contrastRatio(computed(text, 'color'), computed(background, 'backgroundColor'));
  expect(ratio, `${what}: ${ratio.toFixed(2)}:1`).to.be.at.least(minimum);
}

/** Lets hit testing see layers that ignore the pointer (the playout's screen does), while measuring. */
const HIT_EVERYTHING = new CSSStyleSheet();
HIT_EVERYTHING.replaceSync('* { pointer-events: auto !important; }');

/**
 * The element whose opaque background `text` is painted on, at the centre and the four inner corners of the
 * text's box, as the browser stacks layers there; throws, naming it, when a video, an image or a translucent
 * layer comes first (text over a moving picture, whose contrast no one can promise).
 */
export function opaqueBackdrop(text: Element): Element {
  const root = text.getRootNode() as ShadowRoot;
  const sheets = root.adoptedStyleSheets;
  root.adoptedStyleSheets = [...sheets, HIT_EVERYTHING];
  try {
    // Hit testing sees only what is in the viewport.
    text.scrollIntoView({ block: 'center', inline: 'center' });
    const box = text.getBoundingClientRect();
    const inset = 2;
    const points = [
      [box.left + box.width / 2, box.top + box.height / 2],
      [box.left + inset, box.top + inset],
      [box.right - inset, box.top + inset],
      [box.left + inset, box.bottom - inset],
      [box.right - inset, box.bottom - inset],
    ] as const;
    const backdrops = new Set(points.map(([x, y]) => backdropAt(root, text, x, y)));
    expect(backdrops.size, 'one backdrop under the whole text').to.equal(1);
    return [...backdrops][0]!;
  } finally {
    root.adoptedStyleSheets = sheets;
  }
}

function backdropAt(root: ShadowRoot, text: Element, x: number, y: number): Element {
  const stack = root.elementsFromPoint(x, y);
  const from = stack.indexOf(text);
  if (from < 0) throw new Error(`${describe(text)} is not at (${x}, ${y}): ${stack.map(describe).join(' > ')}`);
  for (const layer of stack.slice(from)) {
    if (layer instanceof HTMLVideoElement || layer instanceof HTMLImageElement || layer instanceof HTMLIFrameElement) {
      throw new Error(`${describe(text)} lies over ${describe(layer)}, with no opaque backdrop between`);
    }
    const style = getComputedStyle(layer);
    if (style.backgroundImage !== 'none') throw new Error(`${describe(text)} lies over ${describe(layer)}'s image`);
    const alpha = computed(layer, 'backgroundColor').a;
    if (alpha === 1) return layer;
    if (alpha > 0)
      throw new Error(`${describe(text)} lies over ${describe(layer)}'s translucent ${style.backgroundColor}`);
  }
  throw new Error(`${describe(text)} has no opaque backdrop`);
}

function describe(element: Element): string {
  const part = element.getAttribute('part');
  const className = typeof element.className === 'string' ? element.className : '';
  return `<${element.localName}${part ? ` part="${part}"` : ''}${className ? ` class="${className}"` : ''}>`;
}
