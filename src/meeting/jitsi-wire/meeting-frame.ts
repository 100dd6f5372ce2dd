/**
 * The meeting's URL and its iframe: the first half of `new JitsiMeetExternalAPI(domain, options)`, all a page needs
 * before an IFrame client exists. Apart from open-meeting.ts so that the pre-iframe core
 * (src/elements/early-meeting) can put the iframe up without loading the client.
 */
import { createMeetingIframe, type MeetingIframeOptions } from './create-meeting-iframe.js';
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
 * (put up before the client's code arrived): it is kept when its URL is the one this meeting gets, since an
 * iframe loaded twice would join twice, and removed otherwise.
 */
export function placeMeetingFrame(
  domain: string,
  options: MeetingFrameOptions,
  existing?: HTMLIFrameElement,
): { url: string; frame: HTMLIFrameElement } {
  const localStorageContent = readJitsiLocalStorage(hostWindowOf(options));
  const url = buildIframeUrl(domain, { ...options, localStorageContent });
  // The src property reads back the URL as the URL parser writes it (quotes in the hash percent-encoded).
  if (existing && existing.src === new URL(url).href) return { url, frame: existing };
  existing?.remove();
  return { url, frame: createMeetingIframe({ ...options, url }) };
}

/** The settings the meeting page left with the host last time (`local-storage-changed`), or null. */
function readJitsiLocalStorage(win: Window): string | null {
  try {
    return win.localStorage.getItem('jitsiLocalStorage');
  } catch {
    // Reading storage throws where the host forbids it; the page then starts without saved settings.
    return null;
  }
}
