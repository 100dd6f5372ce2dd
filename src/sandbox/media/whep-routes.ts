/**
 * The sandbox's WHEP endpoint and session resources (draft-ietf-wish-whep, with the HTTP rules of WHIP,
 * RFC 9725), for the live broadcasts of the studio, behaving as the endpoint URL's query asks
 * (whep-behaviour.ts), and recording every request for tests (whep-request-log.ts):
 *
 * - `POST [/edge]/whep/<stream>` (`application/sdp` offer) → 201, `Location`, answer; 404 while the stream is
 *   not live (players poll this), 400 bad SDP, 415, 413, 503 + Retry-After when full.
 * - `PATCH [/edge]/whep/<stream>/<session>` (`application/trickle-ice-sdpfrag`) → 204; 422 for an ICE restart.
 * - `DELETE [/edge]/whep/<stream>/<session>` → 200.
 * - `GET`/`HEAD` on either → 2xx without content (the endpoint's says `application/sdp`, so players can tell
 *   a WHEP URL); `OPTIONS` → CORS, with `Accept-Post: application/sdp` on the endpoint.
 *
 * `/edge/whep/…` is the same studio seen as a second node, which only knows the sessions created through it.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { corsHeaders, MediaHttpError, readBody, reply, requireContentType } from './media-http.js';
import { parseWhepBehaviour, type WhepBehaviour } from './whep-behaviour.js';
import { WhepBusyError, WhepEndedError, type WhepPublisher } from './whep-publisher.js';
import { WhepRequestLog, type WhepRequestRecord } from './whep-request-log.js';
import { SdpError, whepOfferProblems } from './whep-sdp.js';

/** What the routes need of a stream's publisher (whep-publisher.ts); tests pass a stand-in. */
export type WhepSessions = Pick<WhepPublisher, 'createSession' | 'has' | 'delete' | 'trickle'>;

/** The second node's path prefix. */
export const EDGE_NODE = '/edge';

const MAX_OFFER_BYTES = 64 * 1024;
const MAX_FRAGMENT_BYTES = 16 * 1024;
/** Endpoint URLs whose `fail`/`times` answers are counted; the oldest are forgotten first. */
const MAX_COUNTED_URLS = 1000;
const ENDPOINT_METHODS = 'POST, GET, HEAD, OPTIONS';
const SESSION_METHODS = 'PATCH, DELETE, GET, HEAD, OPTIONS';
const STATUS_TITLES: Readonly<Record<number, string>> = {
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** What a session keeps from the POST that created it. */
interface SessionTerms {
  readonly stream: string;
  readonly node: string;
  readonly etag: string | undefined;
  readonly trickleStatus: number | undefined;
}

/** The headers of every answer under a WHEP path: CORS for any origin, and what the endpoint accepts. */
export function whepHeaders(parts: readonly string[]): Record<string, string> {
  if (parts.length > 1) return corsHeaders(SESSION_METHODS);
  return { ...corsHeaders(ENDPOINT_METHODS), 'accept-post': 'application/sdp' };
}

export class WhepRoutes {
  readonly #log = new WhepRequestLog();
  readonly #sessions = new Map<string, SessionTerms>();
  readonly #failed = new Map<string, number>();

  /** `live` finds the publisher of a stream that is live now. */
  constructor(private readonly live: (stream: string) => WhepSessions | undefined) {}

  /** What players asked about `stream`, oldest first. */
  requests(stream: string): readonly WhepRequestRecord[] {
    return this.#log.of(stream);
  }

  /**
   * Answers one request below `<node>/whep/`; `parts` are the path segments after it (the stream name
   * already checked). Refusals are thrown as `MediaHttpError`, and recorded like every answer.
   */
  async handle(
    request: IncomingMessage,
    response: ServerResponse,
    node: string,
    parts: readonly string[],
  ): Promise<void> {
    const stream = parts[0] ?? '';
    const at = Date.now();
    const seen: { status: number; offerProblems?: string[] } = { status: 500 };
    try {
      seen.status = await this.#route(request, response, node, parts, seen);
    } catch (error) {
      seen.status = error instanceof MediaHttpError ? error.status : 500;
      throw error;
    } finally {
      const { method = '', url = '', headers } = request;
      this.#log.add(stream, {
        at,
        method,
        url,
        status: seen.status,
        ...(headers['content-type'] !== undefined && { contentType: headers['content-type'] }),
        ...(headers['if-match'] !== undefined && { ifMatch: headers['if-match'] }),
        authorization: headers.authorization !== undefined,
        ...(seen.offerProblems && { offerProblems: seen.offerProblems }),
      });
    }
  }

  async #route(
    request: IncomingMessage,
    response: ServerResponse,
    node: string,
    parts: readonly string[],
    seen: { offerProblems?: string[] },
  ): Promise<number> {
    if (parts.length > 2) throw new MediaHttpError(404, 'No such WHEP resource.');
    const headers = whepHeaders(parts);
    const [stream = '', id] = parts;
    const method = request.method ?? '';
    if (id === undefined) {
      if (method === 'GET' || method === 'HEAD')
        return this.#send(request, response, 200, { ...headers, 'content-type': 'application/sdp' });
      if (method !== 'POST') throw new MediaHttpError(405, 'POST an SDP offer here.', { allow: ENDPOINT_METHODS });
      return this.#createSession(request, response, node, stream, headers, seen);
    }
    const publisher = this.live(stream);
    const terms = this.#sessions.get(id);
    const known = publisher?.has(id) && terms?.node === node;
    if (terms && !publisher?.has(id)) this.#sessions.delete(id);
    if (method === 'GET' || method === 'HEAD') {
      if (!known) throw new MediaHttpError(404, 'No such WHEP session.');
      return this.#send(request, response, 204, headers);
    }
    if (method === 'DELETE') {
      // If-Match is ignored here: a DELETE ends the session whatever its ICE state.
      if (!known || !publisher?.delete(id)) throw new MediaHttpError(404, 'No such WHEP session.');
      this.#sessions.delete(id);
      return this.#send(request, response, 200, headers);
    }
    if (method !== 'PATCH')
      throw new MediaHttpError(405, 'PATCH trickle candidates or DELETE the session.', { allow: SESSION_METHODS });
    requireContentType(request, 'application/trickle-ice-sdpfrag');
    if (!known || !publisher || !terms) throw new MediaHttpError(404, 'No such WHEP session.');
    if (terms.trickleStatus !== undefined) {
      const allow = { allow: 'DELETE, GET, HEAD, OPTIONS' };
      return this.#problem(
        request,
        response,
        terms.trickleStatus,
        { ...headers, ...allow },
        'This session takes no trickled candidates.',
      );
    }
    if (terms.etag !== undefined) {
      const ifMatch = request.headers['if-match'];
      if (ifMatch === undefined) throw new MediaHttpError(428, `Name the ICE session: If-Match: ${terms.etag}.`);
      if (ifMatch !== terms.etag && ifMatch !== '*')
        throw new MediaHttpError(412, `The ICE session is ${terms.etag}, not ${ifMatch}.`);
    }
    const fragment = await readBody(request, MAX_FRAGMENT_BYTES);
    let result;
    try {
      result = await publisher.trickle(id, fragment);
    } catch (error) {
      if (error instanceof SdpError) throw new MediaHttpError(400, error.message);
      throw error;
    }
    // A session that trickles but cannot restart ICE answers a restart with 422 (WHEP's "HTTP PATCH request
    // usage", as WHIP's RFC 9725 §4.3.1).
    if (result === 'ice-restart')
      throw new MediaHttpError(422, 'ICE restart is not supported: DELETE this session and POST a new offer.');
    if (result === 'unknown-session') throw new MediaHttpError(404, 'No such WHEP session.');
    return this.#send(request, response, 204, headers);
  }

  async #createSession(
    request: IncomingMessage,
    response: ServerResponse,
    node: string,
    stream: string,
    headers: Record<string, string>,
    seen: { offerProblems?: string[] },
  ): Promise<number> {
    const query = new URL(request.url ?? '/', 'http://sandbox').searchParams;
    const behaviour = parseWhepBehaviour(query);
    // A load balancer sends the POST on before reading it; the edge node then answers it.
    if (behaviour.redirect && node !== EDGE_NODE) {
      query.delete('redirect');
      const search = query.size > 0 ? `?${query}` : '';
      return this.#send(request, response, behaviour.redirect, {
        ...headers,
        location: `${EDGE_NODE}/whep/${stream}${search}`,
      });
    }
    if (behaviour.fail && this.#shouldFail(request.url ?? '', behaviour.fail.times)) {
      const { status, retryAfter } = behaviour.fail;
      const extra = {
        ...(retryAfter !== undefined && { 'retry-after': retryAfter }),
        ...(status === 405 && { allow: 'GET, HEAD, OPTIONS' }),
      };
      return this.#problem(
        request,
        response,
        status,
        { ...headers, ...extra },
        'The sandbox was asked to refuse this offer.',
      );
    }
    requireContentType(request, 'application/sdp');
    const publisher = this.live(stream);
    if (!publisher) throw new MediaHttpError(404, 'The stream is not live (yet): retry later.');
    const offer = await readBody(request, MAX_OFFER_BYTES);
    let session: { id: string; answer: string };
    try {
      session = await publisher.createSession(offer, behaviour.grouping, behaviour.send);
    } catch (error) {
      if (error instanceof SdpError) throw new MediaHttpError(400, error.message);
      if (error instanceof WhepBusyError) throw new MediaHttpError(503, error.message, { 'retry-after': '5' });
      if (error instanceof WhepEndedError) throw new MediaHttpError(404, error.message);
      throw error;
    }
    seen.offerProblems = whepOfferProblems(offer);
    this.#forgetEndedSessions();
    const terms = termsOf(behaviour, stream, node);
    this.#sessions.set(session.id, terms);
    const location =
      behaviour.location === 'relative' ? `${stream}/${session.id}` : `${node}/whep/${stream}/${session.id}`;
    const created = {
      ...headers,
      'content-type': behaviour.answerType,
      location,
      ...(terms.etag && { etag: terms.etag }),
    };
    return this.#send(request, response, 201, created, session.answer);
  }

  /** Sessions that ended without a DELETE (their viewer went away, the stream stopped) are forgotten. */
  #forgetEndedSessions(): void {
    for (const [id, terms] of this.#sessions) if (!this.live(terms.stream)?.has(id)) this.#sessions.delete(id);
  }

  /** Counts a `fail` answer for this endpoint URL; false once it has been given `times` times. */
  #shouldFail(url: string, times: number | undefined): boolean {
    if (times === undefined) return true;
    const given = this.#failed.get(url) ?? 0;
    if (given >= times) return false;
    if (!this.#failed.has(url) && this.#failed.size >= MAX_COUNTED_URLS)
      this.#failed.delete(this.#failed.keys().next().value ?? '');
    this.#failed.set(url, given + 1);
    return true;
  }

  #send(
    request: IncomingMessage,
    response: ServerResponse,
    status: number,
    headers: Record<string, string>,
    body = '',
  ): number {
    reply(request, response, status, { ...headers, 'cache-control': 'no-store' }, body);
    return status;
  }

  /** A refusal as problem details (RFC 9457), which WHEP suggests for errors a player can show. */
  #problem(
    request: IncomingMessage,
    response: ServerResponse,
    status: number,
    headers: Record<string, string>,
    detail: string,
  ): number {
    const title = STATUS_TITLES[status] ?? `Status ${status}`;
    const body = JSON.stringify({ type: 'about:blank', title, status, detail });
    return this.#send(request, response, status, { ...headers, 'content-type': 'application/problem+json' }, body);
  }
}

function termsOf(behaviour: WhepBehaviour, stream: string, node: string): SessionTerms {
  return {
    stream,
    node,
    etag: behaviour.etag ? `"${randomBytes(8).toString('hex')}"` : undefined,
    trickleStatus: behaviour.trickleStatus,
  };
}
