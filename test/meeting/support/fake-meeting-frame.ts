// Opens test/meeting/fixtures/fake-meeting.html in an iframe and connects our wire client to it.
import { createMeetingIframe } from '../../../src/meeting/jitsi-wire/create-meeting-iframe.js';
import {
  JitsiIframeClient,
  type JitsiEventPayload,
  type JitsiIframeClientOptions,
} from '../../../src/meeting/jitsi-wire/jitsi-iframe-client.js';
import { PostisTransport, type PostisTransportOptions } from '../../../src/meeting/jitsi-wire/postis-transport.js';
import type { JitsiEventName } from '../../../src/meeting/jitsi-wire/wire-names.js';

/** What the fixture page exposes to same-origin tests. */
export interface FakeMeetingPage {
  scope: string;
  received: Array<{ method: string; params: any }>;
  raw: string[];
  echoHandshake: boolean;
  post(data: unknown): void;
  send(method: string, params: unknown): void;
  sendEvent(data: Record<string, unknown>): void;
  respond(id: unknown, fields: Record<string, unknown>): void;
}

/** A fixture frame; `page()` is its `window.fakeMeeting` once it has loaded. */
export interface FakeMeetingFrame {
  id: number;
  scope: string;
  frame: HTMLIFrameElement;
  page(): FakeMeetingPage;
  loaded: Promise<void>;
}

let nextId = 100;

/** Loads the fixture with a fresh API id (or `id`, to impersonate another frame's scope). */
export function openFakeMeetingFrame(query = '', id = nextId++): FakeMeetingFrame {
  const frame = createMeetingIframe({
    url: `/test/meeting/fixtures/fake-meeting.html${query}#jitsi_meet_external_api_id=${id}`,
    id,
    title: 'Fake meeting',
  });
  const loaded = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
  const page = () => (frame.contentWindow as unknown as { fakeMeeting: FakeMeetingPage }).fakeMeeting;
  return { id, scope: `jitsi_meet_external_api_${id}`, frame, page, loaded };
}

/** A transport to `meeting`'s frame, with the fixture's own origin unless told otherwise. */
export function transportTo(meeting: FakeMeetingFrame, options: Partial<PostisTransportOptions> = {}): PostisTransport {
  return new PostisTransport({
    peer: () => meeting.frame.contentWindow,
    peerOrigin: location.origin,
    scope: meeting.scope,
    ownWindow: window,
    pingAnyOrigin: true,
    ...options,
  });
}

/** A fixture frame with a client on it. */
export function openFakeMeeting(query = '', options: Partial<JitsiIframeClientOptions> = {}) {
  const meeting = openFakeMeetingFrame(query);
  const transport = transportTo(meeting);
  const client = new JitsiIframeClient({ transport, frame: meeting.frame, ...options });
  return { ...meeting, transport, client };
}

/** The next `event` the client emits. */
export function nextEvent(client: JitsiIframeClient, event: JitsiEventName): Promise<JitsiEventPayload> {
  return new Promise((resolve) => {
    const stop = client.on(event, (payload) => {
      stop();
      resolve(payload);
    });
  });
}

/** Checks `condition` every few ms until it holds; the test's own timeout is the limit. (Not requestAnimationFrame:
 * background test pages get none.) */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** The rejection of `promise`; fails when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
