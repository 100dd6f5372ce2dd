/**
 * A request and its answer as the token service reads and writes them, whatever carried them: a fetch `Request`
 * (the web-standard handler that serverless, edge and other frameworks mount) or Node's `IncomingMessage` (served
 * by toNodeListener without making a `Request` and a `Response`: without them, their web streams and header
 * objects, a request over HTTP costs Node 20 less than half the CPU time). The routes, checks and limits are
 * written once, against these; each carrier has its small adapter (fetch's here, Node's in node-listener.ts).
 */
import type { ServiceError } from './service-error.js';

export interface ServiceRequest {
  /** As sent (fetch upper-cases the standard ones; Node's parser only takes upper case). */
  readonly method: string;
  readonly url: URL;
  /** A header's value (several of one name joined by `, `), by its lower-case name; null when absent. */
  header(name: string): string | null;
  /** The body's bytes, read only up to `maxBytes` (what arrives beyond is dropped): `too-large` past them. */
  readBody(maxBytes: number): Promise<Uint8Array | 'too-large'>;
  /** The remote address of the socket the request came on, when known. */
  readonly socketAddress: string | undefined;
  /** The request as a fetch `Request`, for the configuration's `clientAddress` hook. */
  fetchRequest(): Request;
}

/** An answer: its status, its headers by lower-case name, and its text (null: no body). */
export interface ServiceAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

/**
 * A request that Node's HTTP parser accepted but that cannot become a fetch `Request`: a method fetch refuses
 * (`TRACE`, `TRACK`, `CONNECT`), or a request target or `Host` that makes no URL (`//[`, `Host: [::1`).
 */
export interface UnreadableRequest {
  method: string;
  /** The request target exactly as sent. */
  target: string;
  /** `method`: fetch cannot carry the method; `request`: the target, `Host` or a header makes no `Request`. */
  problem: 'method' | 'request';
  /** The path, when the target could be read as one. */
  path?: string;
  /** The socket's remote address. */
  clientAddress?: string;
}

/** What a handler that can answer without fetch's objects offers toNodeListener, under {@link SERVICE_EXCHANGE}. */
export interface ServiceExchange {
  answer(request: ServiceRequest): Promise<ServiceAnswer>;
  /** A request Node accepted that makes no `Request` (see {@link UnreadableRequest}). */
  answerUnreadable(request: UnreadableRequest): ServiceAnswer;
  /**
   * A request its carrier refused before it could be read (Node's parser refused its bytes, or it took too long to
   * arrive): `refusal` as the answer, logged as every other.
   */
  answerRefused(refusal: ServiceError): ServiceAnswer;
}

/** The key under which the token service offers its {@link ServiceExchange} (not part of the public API). */
export const SERVICE_EXCHANGE = Symbol('nano-meet.service-exchange');

/**
 * Collects a body's chunks up to a limit. `add` says false once the limit is passed (the chunk is not kept);
 * `bytes` joins what was kept, without a copy for the usual body that came in one chunk.
 */
export class BodyCollector {
  #chunks: Uint8Array[] = [];
  #length = 0;

  constructor(readonly maxBytes: number) {}

  add(chunk: Uint8Array): boolean {
    this.#length += chunk.byteLength;
    if (this.#length > this.maxBytes) return false;
    this.#chunks.push(chunk);
    return true;
  }

  bytes(): Uint8Array {
    if (this.#chunks.length === 1) return this.#chunks[0]!;
    const bytes = new Uint8Array(this.#length);
    let offset = 0;
    for (const chunk of this.#chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes;
  }
}

/**
 * A fetch `Request` as a {@link ServiceRequest}. A class, not an object of closures: one is made per request, and
 * its methods are made once.
 */
export class FetchServiceRequest implements ServiceRequest {
  readonly method: string;
  readonly url: URL;
  #request: Request;

  constructor(
    request: Request,
    readonly socketAddress: string | undefined,
  ) {
    this.#request = request;
    this.method = request.method;
    this.url = new URL(request.url);
  }

  header(name: string): string | null {
    return this.#request.headers.get(name);
  }

  readBody(maxBytes: number): Promise<Uint8Array | 'too-large'> {
    return readStreamAtMost(this.#request.body, maxBytes);
  }

  fetchRequest(): Request {
    return this.#request;
  }
}

async function readStreamAtMost(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<Uint8Array | 'too-large'> {
  const collected = new BodyCollector(maxBytes);
  if (body === null) return collected.bytes();
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return collected.bytes();
    if (!collected.add(value)) {
      await reader.cancel().catch(() => {});
      return 'too-large';
    }
  }
}

/**
 * Where a Response made by {@link textResponse} keeps its text: a property under this module's own symbol, which no
 * other code looks for (a WeakMap from Response to text cost more per answer, and more for the garbage collector).
 */
const TEXT = Symbol('nano-meet.response-text');
type TextCarrier = Response & { [TEXT]?: string };

/**
 * A Response with a text body (or none) that toNodeListener sends in one write, with its length, instead of
 * reading it back out of the Response's web stream (for a handler that wraps the service's). Anyone else sees an
 * ordinary Response.
 */
export function textResponse(text: string | null, init: ResponseInit): Response {
  const response: TextCarrier = new Response(text, init);
  if (text !== null) response[TEXT] = text;
  return response;
}

/** The text a Response made by {@link textResponse} carries, unless its body was read already. */
export function textOf(response: Response): string | undefined {
  return response.bodyUsed ? undefined : (response as TextCarrier)[TEXT];
}

/** An answer as a fetch `Response`. */
export function toFetchResponse({ status, headers, body }: ServiceAnswer): Response {
  return textResponse(body, { status, headers });
}
