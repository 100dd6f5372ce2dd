/**
 * Whether a person sees where keyboard focus is: the focused control matches `:focus-visible` and draws an outline
 * or a box-shadow of some width in a colour with at least 3:1 against what is behind it (WCAG 2.2 1.4.11, 2.4.7).
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { NON_TEXT_CONTRAST, contrastRatio, parseColor, type Rgba } from '../../../src/branding/branding-contrast.js';

/** The page's canvas when nothing up the tree paints a background. */
const CANVAS: Rgba = { r: 255, g: 255, b: 255, a: 1 };

function parentOf(node: Element): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.parentNode;
  return root instanceof ShadowRoot ? root.host : null;
}

/** The nearest opaque background colour from `from` up the composed tree. */
function backgroundFrom(from: Element | null): Rgba {
  for (let node = from; node; node = parentOf(node)) {
    const colour = parseColor(getComputedStyle(node).backgroundColor);
    if (colour && colour.a === 1) return colour;
  }
  return CANVAS;
}

interface Ring {
  width: number;
  colour: Rgba | undefined;
}

/** The rings `box-shadow` draws: Chromium computes each as `rgb(…) x y blur spread`. */
function shadowRings(value: string): Ring[] {
  if (value === 'none') return [];
  return value.split(/,(?![^(]*\))/).map((shadow) => {
    const colour = /rgba?\([^)]*\)/.exec(shadow)?.[0];
    const lengths = shadow
      .replace(/rgba?\([^)]*\)/, '')
      .trim()
      .split(/\s+/)
      .map(parseFloat);
    const [, , blur = 0, spread = 0] = lengths;
    return { width: Math.max(blur, spread), colour: colour === undefined ? undefined : parseColor(colour) };
  });
}

/** The focused control's ring: visible, of some width, at 3:1 against what it is drawn on. */
export function expectVisibleFocusRing(control: Element, what: string): void {
  expect(control.matches(':focus-visible'), `${what}: matches :focus-visible`).to.equal(true);
  const style = getComputedStyle(control);
  const rings: Ring[] = shadowRings(style.boxShadow);
  if (style.outlineStyle !== 'none') {
    rings.push({ width: parseFloat(style.outlineWidth), colour: parseColor(style.outlineColor) });
  }
  // An outline drawn outside the control lies on what is behind the control; one inset, on the control itself.
  const behind = backgroundFrom(parseFloat(style.outlineOffset) < 0 ? control : parentOf(control));
  const contrasts = rings
    .filter((ring) => ring.width > 0 && ring.colour !== undefined && ring.colour.a === 1)
    .map((ring) => contrastRatio(ring.colour!, behind));
  expect(Math.max(0, ...contrasts), `${what}: the ring's contrast`).to.be.at.least(NON_TEXT_CONTRAST);
}

/** The element that has focus, down through open shadow roots. */
export function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Presses Tab until `target()` has focus, as a keyboard user reaches it; returns it. */
export async function tabTo<T extends Element>(target: () => T | null | undefined, what: string): Promise<T> {
  for (let press = 0; press < 8; press += 1) {
    await sendKeys({ press: 'Tab' });
    const element = target();
    if (element && focused() === element) return element;
  }
  throw new Error(`Tab never reached ${what}; focus is on ${focused()?.outerHTML.slice(0, 80) ?? 'nothing'}.`);
}

function sketch(element: Element | null | undefined): string {
  return element ? element.outerHTML.slice(0, 100) : String(element);
}

/**
 * That `target` has focus. Compared here and reported as markup: chai's report of two unequal elements would
 * serialise a whole `<nano-meet>`, which never finishes.
 */
export function expectFocusOn(target: Element | null | undefined, what: string): void {
  const actual = focused();
  expect(actual === target && target !== null, `${what}: focus on ${sketch(actual)}, not ${sketch(target)}`).to.equal(
    true,
  );
}
