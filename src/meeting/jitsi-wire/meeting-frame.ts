/**
 * The meeting's URL and its iframe: the first half of `new JitsiMeetExternalAPI(domain, options)`, all a page needs
 * before an IFrame client exists. Apart from open-meeting.ts so that the pre-iframe core
 * (src/elements/early-meeting) can put the iframe up without loading the client.
 */
import { meetingIframe, type MeetingIframeOptions } from './create-meeting-iframe.js';
import { buildIframeUrl, type IframeUrlOptions } from './iframe-url.js';

/** What the URL and the iframe need; `id` names the URL, the postis scope and the frame alike. */
export interface MeetingFrameOptions
  extends Omit<IframeUrlOptions, 'localStorageContent'>, Omit<MeetingIframeOptions, 'url'> {
  /** The window that hears the page. Default: the iframe document's window. */
  hostWindow?: Window;
}

/** The window the meeting talks to: `options.hostWindow`, else the iframe document's. */
export function hostWindowOf(options: MeetingFrameOptions): Window {
  return options.hostWindow ?? (options.document ?? document).defaultView ?? window;
}

/**
 * The meeting's iframe in `options.parentNode`, with its URL. `existing` is an iframe already loading a meeting
 * (put up before the client's code arrived): it is kept when it is the very iframe this meeting gets, URL and
 * attributes alike, since an iframe loaded twice would join twice, and removed otherwise. Another copy of nano-meet
 * on the page (another version) may have put it up with other permissions (`allow`, `sandbox`): those are not
 * this code's to grant.
 */
export function placeMeetingFrame(
  domain: string,
  options: MeetingFrameOptions,
  existing?: HTMLIFrameElement,
): { url: string; frame: HTMLIFrameElement } {
  const localStorageContent = readJitsiLocalStorage(hostWindowOf(options));
  const url = buildIframeUrl(domain, { ...options, localStorageContent });
  const frame = meetingIframe({ ...options, url });
  if (existing && sameFrame(existing, frame)) return { url, frame: existing };
  existing?.remove();
  (options.parentNode ?? frame.ownerDocument.body).appendChild(frame);
  return { url, frame };
}

/**
 * Attributes an early iframe may carry beside the meeting's own: its name said again in the element's language, its
 * place in the early shadow root (src/meeting/early-frame.ts), and `inert` while a screen of the element covers it
 * (nano-meet-element.ts), which the element may set before it opens its meeting.
 */
const PLACEMENT_ATTRIBUTES = new Set(['title', 'class', 'inert']);

/** Whether `existing` has exactly `wanted`'s attributes, its name, place and inertness apart. */
function sameFrame(existing: HTMLIFrameElement, wanted: HTMLIFrameElement): boolean {
  const names = (frame: HTMLIFrameElement) =>
    frame.getAttributeNames().filter((name) => !PLACEMENT_ATTRIBUTES.has(name));
  const wantedNames = names(wanted);
  return (
    names(existing).length === wantedNames.length &&
    wantedNames.every((name) => existing.getAttribute(name) === wanted.getAttribute(name))
  );
}

/**
 * The most of `jitsiLocalStorage` the host keeps and hands on. Jitsi's own settings take a few KB; the content rides
 * in every later meeting's iframe URL, encoded up to 18 times longer, and Chromium loads no URL over 2 MB: a meeting
 * page that left more would keep every later meeting of the host's origin, on any server, from loading.
 */
export const MAX_LOCAL_STORAGE_CHARS = 64 * 1024;

/** The settings the meeting page left with the host last time (`local-storage-changed`), or null. */
function readJitsiLocalStorage(win: Window): string | null {
  try {
    const content = win.localStorage.getItem('jitsiLocalStorage');
    return content !== null && content.length <= MAX_LOCAL_STORAGE_CHARS ? content : null;
  } catch {
    // Reading storage throws where the host forbids it; the page then starts without saved settings.
    return null;
  }
}
