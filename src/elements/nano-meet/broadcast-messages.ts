/**
 * What the meeting's broadcast errors mean for the person who asked, as catalogue sentences: the meeting says
 * them in `nano-meet-broadcast-error`, and the broadcast button says them again in its own language from the
 * event's `code` and `reason`. A module of its own, so that the button alone does not bring the meeting's code.
 */
import { text, type Text } from '../../i18n/catalogue.js';

/**
 * What a broadcast error means for the person who asked, as a catalogue sentence: the broadcast button says it
 * again in its own language from the event's `code` and `reason`.
 */
export function broadcastError(code: 'broadcast-failed' | 'broadcast-refused', reason: unknown): Text {
  return code === 'broadcast-failed' ? broadcastFailure(String(reason ?? '')) : broadcastRefusal(reason);
}

/** What Jitsi's refusal of a stream (docs/jitsi/failures.md §S6) means for the person who asked. */
function broadcastRefusal(reason: unknown): Text {
  switch (reason) {
    case 'forbidden':
    case 'not-allowed':
      return text('broadcast.forbidden');
    case 'service-unavailable':
      return text('broadcast.unavailable');
    case 'resource-constraint':
      return text('broadcast.busy');
    case 'unexpected-request':
      return text('broadcast.running');
    default:
      return text('broadcast.refused', { reason: reason ? String(reason) : text('broadcast.no-reason') });
  }
}

/** A stream that was live and ended with an error (Jibri or the media server failed; §S6, an error in presence). */
function broadcastFailure(reason: string): Text {
  return text('broadcast.failed', { reason });
}
