import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  BodyCollector,
  SERVICE_EXCHANGE,
  textOf,
  type ServiceAnswer,
  type ServiceExchange,
  type ServiceRequest,
  type UnreadableRequest,
} from './service-exchange.js';

export type { UnreadableRequest } from './service-exchange.js';

/**
 * A web-standard handler. One that also has `answerUnreadable` (as the token service does) answers, and logs,
 * the requests that cannot become a `Request`; without it {@link toNodeListener} answers them itself.
 */
export interface WebHandler {
  (request: Request): Promise<Response>;
  answerUnreadable?(request: UnreadableRequest): Response;
  /** @internal The token service's way to answer Node's requests without fetch's Request and Response. */
  [SERVICE_EXCHANGE]?: ServiceExchange;
}

/** Methods fetch's `Request` refuses to carry (the Fetch standard's forbidden methods). */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);
/** A Host header: a name or an IPv6 literal, and an optional port; nothing else may reach the URL. */
const HOST = /^(?:\[[0-9a-f:.]+\]|[\w.-]+)(?::\d{1,5})?$/i;

const socketAddresses = new WeakMap<Request, string>();

/** Why a request's body will never arrive whole, as the server around the listener found it (see refuseBody). */
const bodyRefusals = new WeakMap<IncomingMessage, Error>();
/** Emitted on a request whose body was refused while the service read it (not an 'error': nothing is destroyed). */
const BODY_REFUSED = Symbol('nano-meet.body-refused');

/**
 * Ends the service's wait for a body that will not arrive whole, with `reason` (a `ServiceError`: the service then
 * answers and logs it): the server around the listener found it out (its request timeout, its parser refusing the
 * body's framing), and the socket stays open for the answer. Only the first refusal of a request counts.
 */
export function refuseBody(req: IncomingMessage, reason: Error): void {
  if (bodyRefusals.has(req)) return;
  bodyRefusals.set(req, reason);
  req.emit(BODY_REFUSED, reason);
}

/** The remote address of the socket a request arrived on, when {@link toNodeListener} made the request. */
export function socketAddressOf(request: Request): string | undefined {
  return socketAddresses.get(request);
}

/**
 * A Request whose `signal` aborts when the client goes away before the answer is sent, made when a handler first
 * asks for it: a fetch Request that follows a signal given to it costs twice as much as one without (undici
 * listens to it and registers it for finalization), and most handlers never look. (A `clone()` gets a signal
 * that does not follow this one.)
 */
class NodeRequest extends Request {
  #res: ServerResponse;
  #signal: AbortSignal | undefined;

  constructor(url: URL, init: RequestInit, res: ServerResponse) {
    super(url, init);
    this.#res = res;
  }

  override get signal(): AbortSignal {
    if (this.#signal) return this.#signal;
    const controller = new AbortController();
    const res = this.#res;
    const abortUnlessAnswered = () => {
      if (!res.writableFinished) controller.abort();
    };
    if (res.closed) abortUnlessAnswered();
    else res.once('close', abortUnlessAnswered);
    this.#signal = controller.signal;
    return this.#signal;
  }
}

/**
 * Serves a web-standard handler (such as {@link createTokenService}'s) from Node's `http.createServer`,
 * Express (`app.use(toNodeListener(service))`, before any body parser) or Fastify (in a route:
 * `reply.hijack(); listener(request.raw, reply.raw)`). Only types come from Node, so the module loads
 * anywhere. The token service is served without making a fetch `Request` and `Response` for each request
 * (the same routes and checks, read straight from Node's request); any other handler gets them.
 *
 * It never throws and never leaves a request unanswered: a request that cannot become a `Request` gets the
 * handler's `answerUnreadable`, or else JSON 405 (with `Allow`) for a method fetch refuses and 400 for a target
 * or `Host` that is not a URL; a handler that fails gets 500. (Node itself closes `CONNECT` requests unless the
 * server has a `connect` listener, and answers what its parser refuses with a bare 400: createNodeServer makes a
 * server that answers those, and requests too slow to arrive, as the service answers the rest.)
 */
export function toNodeListener(handler: WebHandler): (req: IncomingMessage, res: ServerResponse) => void {
  const exchange = handler[SERVICE_EXCHANGE];
  return (req, res) => {
    // A write to a socket the client already closed must not become an uncaught 'error'.
    res.on('error', () => {});
    try {
      const target = targetOf(req);
      if (exchange) {
        const answer =
          'problem' in target
            ? Promise.resolve(exchange.answerUnreadable(target))
            : exchange.answer(new NodeServiceRequest(req, target));
        answer.then((answered) => sendAnswer(answered, res)).catch(() => fail(res));
        return;
      }
      const request = 'problem' in target ? target : toRequest(req, res, target);
      const answer = request instanceof Request ? handler(request) : Promise.resolve(unreadable(handler, request));
      answer.then((response) => send(response, res)).catch(() => fail(res));
    } catch {
      fail(res);
    }
  };
}

/** What a request asks for, once its method and URL are known to be ones a fetch `Request` can carry. */
interface RequestTarget {
  method: string;
  /** The request target exactly as sent. */
  target: string;
  url: URL;
  clientAddress: string | undefined;
}

function targetOf(req: IncomingMessage): RequestTarget | UnreadableRequest {
  // Express rewrites req.url below a mount point; originalUrl is what the client asked for.
  const target = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  const method = req.method ?? 'GET';
  const clientAddress = req.socket?.remoteAddress;
  const url = urlOf(req, target);
  if (!url) return unreadableOf({ method, target, clientAddress }, 'request');
  if (FORBIDDEN_METHODS.has(method.toUpperCase()))
    return unreadableOf({ method, target, clientAddress, url }, 'method');
  return { method, target, url, clientAddress };
}

function unreadableOf(
  { method, target, clientAddress, url }: Omit<RequestTarget, 'url'> & { url?: URL },
  problem: UnreadableRequest['problem'],
): UnreadableRequest {
  return {
    method,
    target,
    problem,
    ...(url !== undefined && { path: url.pathname }),
    ...(clientAddress !== undefined && { clientAddress }),
  };
}

/** Node's headers as name-value pairs (what a `Request` copies into a Headers of its own anyway). */
function headerPairsOf(req: IncomingMessage): [string, string][] {
  const headers: [string, string][] = [];
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    if (Array.isArray(value)) for (const item of value) headers.push([name, item]);
    else headers.push([name, value]);
  }
  return headers;
}

function toRequest(req: IncomingMessage, res: ServerResponse, target: RequestTarget): Request | UnreadableRequest {
  const { method, url, clientAddress } = target;
  let request: Request;
  try {
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const body = hasBody ? { body: bodyStream(req), duplex: 'half' as const } : {};
    const init: RequestInit & { duplex?: 'half' } = { method, headers: headerPairsOf(req), ...body };
    request = new NodeRequest(url, init, res);
  } catch {
    return unreadableOf(target, 'request');
  }
  if (clientAddress !== undefined) socketAddresses.set(request, clientAddress);
  return request;
}

/** Node's request as the token service reads it: headers, body and address straight from the IncomingMessage. */
class NodeServiceRequest implements ServiceRequest {
  readonly method: string;
  readonly url: URL;
  readonly socketAddress: string | undefined;
  #req: IncomingMessage;
  #fetchRequest: Request | undefined;

  constructor(req: IncomingMessage, { method, url, clientAddress }: RequestTarget) {
    this.#req = req;
    this.method = method;
    this.url = url;
    this.socketAddress = clientAddress;
  }

  header(name: string): string | null {
    const value = this.#req.headers[name];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  /** The body, read as it arrives; past `maxBytes` the rest is dropped unread (no destroying: a 413 follows). */
  readBody(maxBytes: number): Promise<Uint8Array | 'too-large'> {
    const req = this.#req;
    const collected = new BodyCollector(maxBytes);
    if (req.readableEnded) return Promise.resolve(collected.bytes());
    // A client that went away before the body was asked for (while the API key was checked, say) left a request
    // that Node destroyed without an 'error', for no one listened yet: it will never emit another event.
    if (req.destroyed) return Promise.reject(new Error('The client went away before the body was read.'));
    const refused = bodyRefusals.get(req);
    if (refused) return Promise.reject(refused);
    return new Promise((resolve, reject) => {
      let open = true;
      const settle = (end: () => void) => {
        if (!open) return;
        open = false;
        end();
      };
      req.on('data', (chunk: Buffer) => {
        if (open && !collected.add(chunk)) settle(() => resolve('too-large'));
      });
      req.on('end', () => settle(() => resolve(collected.bytes())));
      // Also when the client goes away mid-body (Node errors the request 'aborted'): the read fails, never hangs.
      req.on('error', (error) => settle(() => reject(error)));
      // Node emits no 'error' when it destroys a request no one listened to for one: 'close' before 'end' is it.
      req.on('close', () => settle(() => reject(new Error('The client went away mid-body.'))));
      req.once(BODY_REFUSED, (reason: Error) => settle(() => reject(reason)));
    });
  }

  /** Made only when asked for (a `clientAddress` hook): the method, URL and headers, without the body. */
  fetchRequest(): Request {
    this.#fetchRequest ??= new Request(this.url, { method: this.method, headers: headerPairsOf(this.#req) });
    return this.#fetchRequest;
  }
}

/**
 * The URL of a request: the target appended to the scheme and Host (never resolved against them, so `//x:99999/`
 * is a path, not another host), or undefined when there is none to be had.
 */
function urlOf(req: IncomingMessage, target: string): URL | undefined {
  // HTTP/1.0 may omit Host (Node refuses an HTTP/1.1 request without one).
  const host = req.headers.host ?? 'localhost';
  if (!HOST.test(host)) return undefined;
  let path = target;
  if (!target.startsWith('/')) {
    // The absolute form (`GET http://host/path`), as sent to proxies: its path only, the Host header names us.
    if (!/^https?:\/\//i.test(target) || !URL.canParse(target)) return undefined;
    const absolute = new URL(target);
    path = `${absolute.pathname}${absolute.search}`;
  }
  const scheme = (req.socket as { encrypted?: boolean } | undefined)?.encrypted ? 'https' : 'http';
  try {
    return new URL(`${scheme}://${host}${path}`);
  } catch {
    return undefined;
  }
}

function unreadable(handler: WebHandler, request: UnreadableRequest): Response {
  if (handler.answerUnreadable) return handler.answerUnreadable(request);
  return request.problem === 'method'
    ? jsonError(405, 'method-not-allowed', `${request.method} is not served here.`, {
        allow: 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
      })
    : jsonError(400, 'request-invalid', 'The request target or Host header is not a valid URL.');
}

function jsonError(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: { code, message } }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/**
 * A web stream over the request, read only as fast as the handler reads it (so a body limit stops reading): the
 * request is paused whenever a chunk waits unread. Node's events rather than its async iterator, which costs a
 * promise and an iterator result per chunk on top of the stream's own.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  // Once the stream is closed, errored or cancelled, what else the request emits has nowhere to go.
  let open = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const settle = (end: () => void) => {
        if (!open) return;
        open = false;
        end();
      };
      req.on('data', (chunk: Buffer) => {
        if (!open) return;
        controller.enqueue(new Uint8Array(chunk));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.on('end', () => settle(() => controller.close()));
      // Also when the client goes away mid-body (Node errors the request 'aborted'): the read fails, never hangs.
      req.on('error', (error) => settle(() => controller.error(error)));
    },
    pull() {
      req.resume();
    },
    cancel() {
      // No destroying: that would close the socket before a 413 is sent. What else arrives is dropped.
      open = false;
      req.resume();
    },
  });
}

async function send(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie?.() ?? [];
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  const text = textOf(response);
  if (text !== undefined) {
    res.writeHead(response.status, { ...headers, 'content-length': String(Buffer.byteLength(text)) });
    res.end(text);
    return;
  }
  res.writeHead(response.status, headers);
  if (response.body) {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  }
  res.end();
}

/** An answer of the token service, in one write with its length. The answer is the service's to give away. */
function sendAnswer(answer: ServiceAnswer, res: ServerResponse): void {
  const { status, headers, body } = answer;
  if (body === null) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(status, headers);
  res.end(body);
}

/** The handler failed (or the client went away mid-answer): 500 if nothing was sent yet, else the end. */
function fail(res: ServerResponse) {
  try {
    if (res.headersSent) {
      res.end();
      return;
    }
    res.writeHead(500, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ error: { code: 'internal-error', message: 'The server failed.' } }));
  } catch {
    res.destroy();
  }
}
