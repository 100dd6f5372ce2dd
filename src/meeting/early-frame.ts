/**
 * The meeting iframe a page gets before `<nano-meet>`'s own code has arrived (src/elements/early-meeting), and its
 * hand-over to the element once it has. The iframe stays where it is, since moving an iframe reloads it, and the
 * IFrame client connects late, which the postis handshake allows: the meeting page pings until a host answers
 * and holds what it says until then (jitsi-wire/postis-transport.ts). The DOM carries the hand-over, not a module
 * variable: the core and the element may come from two copies of these modules (both CDN entries on one page, or
 * one beside an app's own bundle).
 */
import { placeMeetingFrame } from './jitsi-wire/meeting-frame.js';
import { jitsiOptionsOf, type SessionOptions } from './meeting-session.js';

/** Marks an early iframe nobody has taken yet, with its meeting's id. */
const EARLY_ID = 'data-nano-meet-early-id';
/** Far from native-session.ts's ids, so that an early meeting and a later one never share a postis scope. */
let nextId = 500_000;

/** An early iframe and the id its URL and postis scope carry. */
export interface EarlyFrame {
  id: number;
  frame: HTMLIFrameElement;
}

/** Puts the meeting's iframe into `root`, the element's shadow root, as the element itself would have. */
export function placeEarlyFrame(root: ShadowRoot, options: SessionOptions): HTMLIFrameElement {
  // Lit renders before the first child the shadow root had when the element adopted it (LitElement's
  // renderBefore). That must not be the iframe, which goes when the element does not keep it: its first render
  // would then throw, leaving the element blank. A comment stays.
  if (!root.firstChild) root.append(root.ownerDocument.createComment(' nano-meet '));
  const id = nextId++;
  const { frame } = placeMeetingFrame(options.domain, {
    ...jitsiOptionsOf(options),
    id,
    title: options.title,
    parentNode: root,
  });
  // The element's styles place `.meeting` over its whole box, beneath its own screens.
  frame.className = 'meeting';
  frame.setAttribute(EARLY_ID, String(id));
  return frame;
}

/** The early iframe in `root`, if there is one nobody took: handed out once, to be kept or removed. */
export function takeEarlyFrame(root: ParentNode): EarlyFrame | undefined {
  const frame = root.querySelector<HTMLIFrameElement>(`iframe[${EARLY_ID}]`);
  if (!frame) return undefined;
  const id = Number(frame.getAttribute(EARLY_ID));
  frame.removeAttribute(EARLY_ID);
  return { id, frame };
}

/** Removes an early iframe nobody took: the element is not opening that meeting, and it must not join twice. */
export function dropEarlyFrame(root: ParentNode): void {
  takeEarlyFrame(root)?.frame.remove();
}
