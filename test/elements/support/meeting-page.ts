/**
 * Plays the meeting page of a `<nano-meet>`: its messages dispatched as the browser delivers them from the meeting
 * frame (`source` the frame's window, `origin` the meeting server's), so that a test can make the page say what the
 * sandbox never says (fields of the wrong type, floods of events).
 */
import type { NanoMeetElement } from '../../../src/elements/nano-meet.js';

/** Posts a Jitsi event as the meeting page of `el` would: the IFrame API's envelope, from its frame. */
export function fromMeetingPage(el: NanoMeetElement, params: unknown): void {
  const frame = el.iframe!;
  const scope = `jitsi_meet_external_api_${frame.name.replace('jitsiConferenceFrame', '')}`;
  const data = JSON.stringify({ postis: true, scope, method: 'message', params });
  window.dispatchEvent(
    new MessageEvent('message', { data, origin: new URL(frame.src).origin, source: frame.contentWindow }),
  );
}

/** A Jitsi event by its wire name (`participant-joined`), with its fields. */
export const event = (name: string, fields: Record<string, unknown>) => ({ type: 'event', data: { name, ...fields } });
