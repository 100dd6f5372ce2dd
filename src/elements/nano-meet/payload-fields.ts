/**
 * The fields of what the meeting page says, read as the types Jitsi sends them. The page is another origin's, and
 * the transport checks only the envelope (src/meeting/jitsi-wire): a payload's fields may be anything JSON can
 * hold. `String({toString: 1})` throws, and a throw halfway through an event leaves the element where it was (a
 * join that never shows), so nothing here converts an object; a field of another type reads as absent.
 */
import { isObject } from '../../shared/json-checks.js';
import type { JitsiErrorPayload } from '../../meeting/classify-jitsi-error.js';
import type { RoomsInfo } from '../../meeting/meeting-session.js';

type Payload = Record<string, unknown>;

/** A field as words: a string as it is, a finite number written out, anything else `''`. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

/** A field that must be an object (not an array), else `{}`. */
export function fieldsOf(value: unknown): Payload {
  return isObject(value) ? value : {};
}

/** Jitsi's `handRaised`: the time the hand went up, 0 once it is down (older Jitsi: a boolean). */
export function isHandRaised(value: unknown): boolean {
  return value === true || (typeof value === 'number' && value > 0);
}

/**
 * `errorOccurred`'s error with only the fields the element reads, of the types Jitsi sends (docs/jitsi/failures.md
 * §1): a name that is not a string would be reported as the error's `jitsiName`, and a message that is an object
 * would be taken for one of the element's own sentences.
 */
export function jitsiErrorOf(payload: Payload): JitsiErrorPayload {
  const { name, message, params, isFatal } = fieldsOf(payload['error']);
  return {
    error: {
      ...(typeof name === 'string' && { name }),
      ...(typeof message === 'string' && { message }),
      ...(Array.isArray(params) && { params }),
      isFatal: isFatal === true,
    },
  };
}

/**
 * A `rooms-info` answer with only rooms that are objects, and in them only participants that are objects with a
 * string id; `undefined` when the answer has no list of rooms.
 */
export function roomsInfoOf(answer: unknown): RoomsInfo | undefined {
  const rooms = fieldsOf(answer)['rooms'];
  if (!Array.isArray(rooms)) return undefined;
  return {
    rooms: rooms.filter(isObject).map((room) => ({
      ...room,
      participants: (Array.isArray(room['participants']) ? room['participants'] : []).filter(
        (participant): participant is RoomsInfo['rooms'][number]['participants'][number] =>
          isObject(participant) && typeof participant['id'] === 'string',
      ),
    })),
  };
}
