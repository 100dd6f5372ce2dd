/**
 * Puts a {@link MeetingLook} on the page's elements through the CSSOM, one property at a time: a value from
 * branding data can set only the property it is for (an invalid one is ignored by the browser), never add
 * declarations, markup or script.
 */
import { cssString } from '../../shared/css-string.js';
import type { MeetingLook } from './meeting-look.js';

const BACKGROUND_PROPERTIES = ['background', 'background-image', 'background-size', 'background-position'];

/** A CSS `background`, an image over it, and (`cover`) both sized to cover the element, centred. */
function paintBackground(
  element: HTMLElement,
  background: string | undefined,
  imageUrl: string | undefined,
  cover: boolean,
): void {
  for (const property of BACKGROUND_PROPERTIES) element.style.removeProperty(property);
  if (background !== undefined) element.style.setProperty('background', background);
  if (imageUrl !== undefined) element.style.setProperty('background-image', `url(${cssString(imageUrl)})`);
  if (cover) {
    element.style.setProperty('background-size', 'cover');
    element.style.setProperty('background-position', 'center');
  }
}

/**
 * Paints the look on what `root` holds now: the stage (`#largeVideoContainer`, LargeVideo's `background`, then a
 * branding image), the watermark's image and the lobby screen's background (PreMeetingScreen's, §2).
 */
export function paintLook(root: ParentNode, look: MeetingLook): void {
  const stage = root.querySelector<HTMLElement>('#largeVideoContainer');
  // LargeVideo sizes only a branding image; PreMeetingScreen sizes whatever background it is given.
  if (stage) paintBackground(stage, look.stage.background, look.stage.imageUrl, look.stage.imageUrl !== undefined);
  const watermark = root.querySelector<HTMLElement>('.watermark');
  const imageUrl = look.watermark?.imageUrl;
  if (watermark)
    watermark.style.setProperty('background-image', imageUrl === undefined ? 'none' : `url(${cssString(imageUrl)})`);
  // The page reuses its screen for every phase: only a pre-meeting one keeps the background.
  for (const screen of root.querySelectorAll<HTMLElement>('.screen')) {
    const background = screen.hasAttribute('data-premeeting') ? look.premeetingBackground : undefined;
    paintBackground(screen, background, undefined, background !== undefined);
  }
}
