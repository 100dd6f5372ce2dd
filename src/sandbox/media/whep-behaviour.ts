/**
 * How the sandbox's WHEP endpoint behaves, chosen by the query string of the endpoint URL. A player treats
 * that URL as opaque (real servers put stream names and tokens there too), so a test meets every kind of
 * WHEP server by the address it gives the player, on one live stream and without disturbing other tests:
 *
 * - `msid=one-stream|stream-per-track|no-stream`: how the answer groups its tracks. WHEP asks for one stream
 *   (`a=msid:<stream> <track>` alike in every section); servers also send one stream per track, or none
 *   (`a=msid:- <track>`, as the draft's own example answer does), when the browser's track events carry no stream.
 * - `location=path|relative`: the 201's `Location` as an absolute path (`/whep/<stream>/<id>`, the default)
 *   or relative to the endpoint URL (`<stream>/<id>`), which a player must resolve against the endpoint.
 * - `etag=1`: the 201 carries an `ETag`, and a PATCH must name it in `If-Match` (428 without, 412 another).
 * - `redirect=307|308`: the POST is redirected to the same stream on another node, `/edge/whep/<stream>`,
 *   which alone knows the sessions it creates (as behind a load balancer).
 * - `fail=<status>`, `times=<n>`, `retry-after=<s>`: the POST is answered `fail` (with problem details, and
 *   `Retry-After` when given), every time or the first `times` times for this endpoint URL (query included).
 * - `trickle=<status>`: every PATCH is answered with this status (405, 422: a server that takes no trickle).
 * - `answer-type=<media type>`: the 201's Content-Type, instead of `application/sdp`.
 * - `send=audio|video|none`: the server has only this kind to send (a radio-like stream, a silent one), and answers
 *   the other section `a=inactive`; `none` answers every section inactive.
 */
import { MediaHttpError } from './media-http.js';

/** How the answer groups the tracks into media streams (its `a=msid` lines). */
export type TrackGrouping = 'one-stream' | 'stream-per-track' | 'no-stream';

/** The kinds of media the server sends, as far as the viewer asks for them. */
export type SentMedia = 'both' | 'audio' | 'video' | 'none';

export interface WhepBehaviour {
  readonly grouping: TrackGrouping;
  readonly location: 'path' | 'relative';
  readonly etag: boolean;
  readonly redirect: 307 | 308 | undefined;
  readonly fail:
    | { readonly status: number; readonly times: number | undefined; readonly retryAfter: string | undefined }
    | undefined;
  readonly trickleStatus: number | undefined;
  readonly answerType: string;
  readonly send: SentMedia;
}

export const STANDARD_WHEP: WhepBehaviour = {
  grouping: 'one-stream',
  location: 'path',
  etag: false,
  redirect: undefined,
  fail: undefined,
  trickleStatus: undefined,
  answerType: 'application/sdp',
  send: 'both',
};

const GROUPINGS: readonly TrackGrouping[] = ['one-stream', 'stream-per-track', 'no-stream'];
const KNOWN = new Set([
  'msid',
  'location',
  'etag',
  'redirect',
  'fail',
  'times',
  'retry-after',
  'trickle',
  'answer-type',
  'send',
]);
const MEDIA_TYPE = /^[a-z]+\/[a-z0-9.+-]+$/;

/** Reads the behaviour from an endpoint URL's query; unknown or malformed parameters are a 400 that says why. */
export function parseWhepBehaviour(query: URLSearchParams): WhepBehaviour {
  for (const name of query.keys()) {
    // Any other parameter is the caller's own (a cache buster, a key that makes `times` count apart).
    if (!KNOWN.has(name) && !name.startsWith('x-'))
      throw refuse(`Unknown WHEP option "${name}"; custom parameters start with "x-".`);
  }
  const grouping = oneOf(query, 'msid', GROUPINGS, 'one-stream');
  const location = oneOf(query, 'location', ['path', 'relative'] as const, 'path');
  const etag = oneOf(query, 'etag', ['0', '1'] as const, '0') === '1';
  const redirect = oneOf(query, 'redirect', ['307', '308'] as const, undefined);
  const failStatus = status(query, 'fail', 400);
  const times = count(query, 'times');
  const retryAfter = query.get('retry-after') ?? undefined;
  if (retryAfter !== undefined && !/^\d{1,4}$/.test(retryAfter)) throw refuse('"retry-after" is a number of seconds.');
  if (failStatus === undefined && (times !== undefined || retryAfter !== undefined))
    throw refuse('"times" and "retry-after" go with "fail".');
  const answerType = query.get('answer-type') ?? STANDARD_WHEP.answerType;
  if (!MEDIA_TYPE.test(answerType)) throw refuse('"answer-type" is a media type such as text/plain.');
  return {
    grouping,
    location,
    etag,
    redirect: redirect === undefined ? undefined : (Number(redirect) as 307 | 308),
    fail: failStatus === undefined ? undefined : { status: failStatus, times, retryAfter },
    trickleStatus: status(query, 'trickle', 400),
    answerType,
    send: oneOf(query, 'send', ['both', 'audio', 'video', 'none'] as const, 'both'),
  };
}

function refuse(message: string): MediaHttpError {
  return new MediaHttpError(400, message);
}

function oneOf<T extends string, D extends T | undefined>(
  query: URLSearchParams,
  name: string,
  values: readonly T[],
  fallback: D,
): T | D {
  const value = query.get(name);
  if (value === null) return fallback;
  if (!(values as readonly string[]).includes(value)) throw refuse(`"${name}" is one of ${values.join(', ')}.`);
  return value as T;
}

function status(query: URLSearchParams, name: string, min: number): number | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  const code = Number(value);
  if (!/^\d{3}$/.test(value) || code < min || code > 599)
    throw refuse(`"${name}" is an HTTP status from ${min} to 599.`);
  return code;
}

function count(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  if (!/^\d{1,3}$/.test(value)) throw refuse(`"${name}" is a count from 0 to 999.`);
  return Number(value);
}
