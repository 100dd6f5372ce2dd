/**
 * The classic API's error, apart from the API itself: pages test `instanceof NanoMeetApiError` before the API's
 * code has arrived (src/api/nano-meet.ts loads it on demand), so the CDN entries carry the class.
 */
import { CodedError } from '../shared/coded-error.js';

export type NanoMeetApiErrorCode =
  /** No token service is configured for this page. */
  | 'token-service-missing'
  /** The token service could not be reached. */
  | 'token-service-unreachable'
  /** No element with the id given to `init`. */
  | 'element-not-found'
  /** `startBroadcast`/`stopBroadcast` before `init`. */
  | 'not-initialized'
  /** The API's own code could not be loaded (on a CDN page: `classic-api.js`, next to the entry). */
  | 'classic-api-unavailable'
  /** Anything the token service or the meeting refused: their own code (e.g. `api-key-invalid`, `token-expired`). */
  | (string & {});

/** A refusal, with the code of whoever refused (token service, meeting, this API) and what to do. */
export class NanoMeetApiError extends CodedError<NanoMeetApiErrorCode> {
  override readonly name = 'NanoMeetApiError';
  /** The token service's HTTP status, when it answered. */
  status?: number;
}
