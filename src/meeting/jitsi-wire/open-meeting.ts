/**
 * Puts a meeting on the page the way `new JitsiMeetExternalAPI(domain, options)` does: URL, iframe, postis
 * channel, client, in that order. The one place that wires the pieces together, for the sandbox's
 * `external_api.js` and for `<nano-meet>` alike.
 */
import { JitsiIframeClient, type JitsiIframeClientOptions } from './jitsi-iframe-client.js';
import { hostWindowOf, placeMeetingFrame, type MeetingFrameOptions } from './meeting-frame.js';
import { PostisTransport } from './postis-transport.js';

/** Everything a meeting needs; `id` names the URL, the postis scope and the frame alike. */
export interface OpenMeetingOptions extends MeetingFrameOptions, Omit<JitsiIframeClientOptions, 'transport' | 'frame'> {
  /** An iframe already loading this meeting, put up before the client's code arrived: kept if its URL matches. */
  frame?: HTMLIFrameElement;
}

/** The parts of an open meeting. `client.dispose()` takes them all down. */
export interface OpenMeeting {
  url: string;
  frame: HTMLIFrameElement;
  client: JitsiIframeClient;
}

/** Creates the iframe in `options.parentNode` and starts the handshake with its page. */
export function openMeeting(domain: string, options: OpenMeetingOptions): OpenMeeting {
  const hostWindow = hostWindowOf(options);
  const { url, frame } = placeMeetingFrame(domain, options, options.frame);
  const transport = new PostisTransport({
    peer: () => frame.contentWindow,
    peerOrigin: new URL(url).origin,
    scope: `jitsi_meet_external_api_${options.id}`,
    ownWindow: hostWindow,
    pingAnyOrigin: true,
  });
  return { url, frame, client: new JitsiIframeClient({ ...options, transport, frame }) };
}
