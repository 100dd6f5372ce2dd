/**
 * The native route: nano-meet speaks the IFrame protocol itself (jitsi-wire/), so the page needs no script from
 * the meeting server, only `frame-src https://<server>` in its CSP.
 */
import type { EarlyFrame } from './early-frame.js';
import { openMeeting } from './jitsi-wire/open-meeting.js';
import { commandWireName, requestWireName } from './jitsi-wire/wire-names.js';
import { jitsiOptionsOf, type MeetingSession, type SessionOptions } from './meeting-session.js';

// external_api.js numbers its meetings from 0 in every page. Ours start far above, so that a page using both
// routes never has two meetings in one postis scope.
let nextId = 100_000;

/** Opens the meeting; in `early`'s iframe when that already shows it (src/meeting/early-frame.ts). */
export function openNativeSession(options: SessionOptions, early?: EarlyFrame): MeetingSession {
  const { frame, client } = openMeeting(options.domain, {
    ...jitsiOptionsOf(options),
    id: early?.id ?? nextId++,
    ...(early && { frame: early.frame }),
    title: options.title,
    requestTimeoutMs: options.requestTimeoutMs,
  });
  return {
    iframe: frame,
    command: (name, ...args) => client.sendCommand(commandWireName(name), args),
    request: (name) => client.sendRequest({ name: requestWireName(name) }),
    onEvent: (listener) => client.onAnyEvent(listener),
    dispose: () => client.dispose(),
  };
}
