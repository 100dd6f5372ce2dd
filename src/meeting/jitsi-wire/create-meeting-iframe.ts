/**
 * Creates the meeting iframe as Jitsi's `_createIFrame` does (docs/jitsi/wire.md §2), plus a `title` when one is
 * given: Jitsi leaves it out, and screen readers need it to announce the frame.
 */

/** What the iframe needs. */
export interface MeetingIframeOptions {
  /** The URL from `buildIframeUrl`. */
  url: string;
  /** The API instance id; the frame is named `jitsiConferenceFrame<id>`. */
  id: number;
  /** The accessible name of the frame, e.g. "Video meeting: Room1". Without it, none, as with Jitsi. */
  title?: string;
  /** A number (pixels) or a CSS length; anything else leaves Jitsi's default. Default `'100%'`. */
  width?: number | string;
  /** As `width`. */
  height?: number | string;
  /** The `sandbox` attribute, when the embedder asks for one. */
  sandbox?: string;
  /** Where the iframe goes. Default: the document's body. */
  parentNode?: Node;
  /** The document to create it in. Default: the global `document`. */
  document?: Document;
}

const ALLOW =
  'autoplay; camera; clipboard-write; compute-pressure; display-capture; fullscreen; hid; microphone; screen-wake-lock; speaker-selection';
const CSS_LENGTH = /([0-9]*\.?[0-9]+)(em|pt|px|((d|l|s)?v)(h|w)|%)$/;

/**
 * The CSS length Jitsi would use for a `width`/`height` option: `Npx` for a number, the string itself when it ends
 * in a length, otherwise `undefined` (the option is ignored).
 */
export function frameSize(value: unknown): string | undefined {
  if (typeof value === 'number') return `${value}px`;
  return typeof value === 'string' && CSS_LENGTH.test(value) ? value : undefined;
}

/** Creates the iframe, sets `src` last (after `sandbox`, so the first load is already sandboxed) and appends it. */
export function createMeetingIframe(options: MeetingIframeOptions): HTMLIFrameElement {
  const frame = meetingIframe(options);
  (options.parentNode ?? frame.ownerDocument.body).appendChild(frame);
  return frame;
}

/** The iframe {@link createMeetingIframe} appends, not appended yet: it loads nothing until it is. */
export function meetingIframe(options: MeetingIframeOptions): HTMLIFrameElement {
  const doc = options.document ?? document;
  const frame = doc.createElement('iframe');
  // Chromium's window-management permission (multi-screen sharing) exists only where getScreenDetails does.
  frame.allow = 'getScreenDetails' in (doc.defaultView ?? globalThis) ? `${ALLOW}; window-management` : ALLOW;
  frame.name = frame.id = `jitsiConferenceFrame${options.id}`;
  const height = frameSize(options.height ?? '100%');
  const width = frameSize(options.width ?? '100%');
  if (height !== undefined) frame.style.height = height;
  if (width !== undefined) frame.style.width = width;
  frame.setAttribute('allowFullScreen', 'true');
  frame.style.border = '0';
  if (options.sandbox !== undefined) frame.setAttribute('sandbox', options.sandbox);
  if (options.title !== undefined) frame.title = options.title;
  frame.src = options.url;
  return frame;
}
