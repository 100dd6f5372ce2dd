/**
 * Puts a meeting on the page the way `new JitsiMeetExternalAPI(domain, options)` does: URL, iframe, postis
 * channel, client, in that order. The one place that wires the pieces together, for the sandbox's
 * `external_api.js` and for `<nano-meet>` alike.
 */
import { createMeetingIframe, type MeetingIframeOptions } from './create-meeting-iframe.js';
import { buildIframeUrl, type IframeUrlOptions } from './iframe-url.js';
import { JitsiIframeClient, type JitsiIframeClientOptions } from './jitsi-iframe-client.js';
import { PostisTransport } from './postis-transport.js';

/** Everything a meeting needs; `id` names the URL, the postis scope and the frame alike. */
export interface OpenMeetingOptions
  extends
    Omit<IframeUrlOptions, 'localStorageContent'>,
    Omit<MeetingIframeOptions, 'url'>,
    Omit<JitsiIframeClientOptions, 'transport' | 'frame'> {
  /** The window that hears the page. Default: the iframe document's window. */
  hostWindow?: Window;
}

/** The parts of an open meeting. `client.dispose()` takes them all down. */
export interface OpenMeeting {
  url: string;
  frame: HTMLIFrameElement;
  client: JitsiIframeClient;
}

/** Creates the iframe in `options.parentNode` and starts the handshake with its page. */
export function openMeeting(domain: string, options: OpenMeetingOptions): OpenMeeting {
  const hostWindow = options.hostWindow ?? (options.document ?? document).defaultView ?? window;
  const url = buildIframeUrl(domain, { ...options, localStorageContent: readJitsiLocalStorage(hostWindow) });
  const frame = createMeetingIframe({ ...options, url });
  const transport = new PostisTransport({
    peer: () => frame.contentWindow,
    peerOrigin: new URL(url).origin,
    scope: `jitsi_meet_external_api_${options.id}`,
    ownWindow: hostWindow,
    pingAnyOrigin: true,
  });
  return { url, frame, client: new JitsiIframeClient({ ...options, transport, frame }) };
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
