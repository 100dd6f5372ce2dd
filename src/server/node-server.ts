/**
 * The token service's `http.Server`: what `http.createServer(toNodeListener(service))` gives, and what Node
 * answers on its own besides, as the service answers: bytes its parser refuses, requests that take too long to
 * arrive and `CONNECT` get the service's JSON refusals, with a request id, in the service's log.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { refuseBody, toNodeListener, type WebHandler } from './node-listener.js';
import { TokenServiceConfigError } from './service-config.js';
import { ServiceError } from './service-error.js';
import { SERVICE_EXCHANGE, type ServiceAnswer } from './service-exchange.js';
import type { TokenService } from './token-service.js';

/** How {@link createNodeServer}'s server treats the connections it accepts. */
export interface NodeServerOptions {
  /**
   * How long a request may take to arrive whole, headers and body, in milliseconds (default 10 000; `nano-meet
   * serve --request-timeout`). One that takes longer (a client sending a byte a second, or a body without end
   * after its 413) is answered 408 `request-timeout` and its connection closed, rather than held for Node's
   * default of five minutes. A request is at most 16 KB of headers and the service's `maxBodyBytes` of body.
   */
  requestTimeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** The latest request on a connection: clientError must know whether one is still arriving, or still answered. */
interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
}

/**
 * An `http.Server` (not yet listening) that serves `service` through {@link toNodeListener}, and answers what
 * never reaches it with the service's JSON refusals, logged through the service's `log` with a request id, the
 * connection then closed: bytes that are not HTTP/1.1, `Content-Length` beside `Transfer-Encoding` or a chunk
 * that makes no sense (400 `request-invalid`), headers or a request target past Node's 16 KB (431
 * `headers-too-large`), a request that does not arrive whole within `requestTimeoutMs` (408 `request-timeout`) and
 * `CONNECT` (405 `method-not-allowed`). One answer and one log line per request: a refusal that comes while the
 * service reads the body becomes the service's answer to that request. Listening, shutdown and TLS stay the
 * caller's: `createNodeServer(service).listen(8080)`.
 */
export function createNodeServer(service: TokenService, options: NodeServerOptions = {}): Server {
  const exchange = (service as WebHandler)[SERVICE_EXCHANGE];
  if (!exchange) throw new TypeError('createNodeServer serves the token service that createTokenService made.');
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  if (!Number.isInteger(requestTimeout) || requestTimeout < 1) {
    throw new TokenServiceConfigError('config-invalid', 'requestTimeoutMs must be a whole number of milliseconds.');
  }
  const listener = toNodeListener(service);
  const exchanges = new WeakMap<Duplex, Exchange>();
  // Requests whose refusal the service answers: the answer closes the connection, nothing more to do.
  const bodiesRefused = new WeakSet<IncomingMessage>();
  // Connections already given their refusal (written, or waiting for the answer before it): a parser that refused
  // bytes refuses every chunk after them too, and each must not become another answer and another log line.
  const connectionsRefused = new WeakSet<Duplex>();
  const server = createServer(
    {
      requestTimeout,
      headersTimeout: requestTimeout,
      // Timeouts are checked once a second (Node's default: every 30 s, which would stretch 10 s to 40).
      connectionsCheckingInterval: Math.min(1000, requestTimeout),
    },
    (req, res) => {
      exchanges.set(req.socket, { req, res });
      listener(req, res);
    },
  );
  /** What Node reports about a request it could not take: too slow to arrive, or refused by its parser. */
  const refusalOf = (error: NodeJS.ErrnoException) =>
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? new ServiceError(
          408,
          'request-timeout',
          `The request must arrive whole within ${durationOf(requestTimeout)}; send it again.`,
        )
      : parserRefusalOf(error);

  // Node closes a CONNECT without a word unless someone listens: this is no proxy, and says so.
  server.on('connect', (req: IncomingMessage, socket: Duplex) => {
    const target = req.url ?? '';
    endWith(socket, exchange.answerUnreadable({ method: req.method ?? 'CONNECT', target, problem: 'method' }));
  });

  // Node's own answers to these have no body and no code, and are not logged: the service's refusals instead.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // Nobody to tell.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const latest = exchanges.get(socket);
    if (latest !== undefined && !latest.req.complete) {
      answerUnderWay(latest, error, socket);
      return;
    }
    if (connectionsRefused.has(socket)) return;
    connectionsRefused.add(socket);
    const answer = exchange.answerRefused(refusalOf(error));
    // The bad bytes came after a whole request (pipelined on a kept-alive connection): its answer goes first.
    if (latest !== undefined && !latest.res.writableFinished) latest.res.once('close', () => endWith(socket, answer));
    else endWith(socket, answer);
  });

  /** A refusal while a request's body still arrives: the service answers it, as its answer to that request. */
  function answerUnderWay({ req, res }: Exchange, error: NodeJS.ErrnoException, socket: Duplex) {
    // A parser that refused a chunk refuses every one after: the first refusal is the answer.
    if (bodiesRefused.has(req)) return;
    // The service answered without the body (a 413, a 401): what still arrives is not read.
    if (res.headersSent) {
      socket.destroy();
      return;
    }
    bodiesRefused.add(req);
    // The rest of the body is never read: the connection cannot carry another request.
    res.setHeader('connection', 'close');
    refuseBody(req, refusalOf(error));
  }
  return server;
}

/** What Node's parser refuses, by its error code; anything else it refuses is a 400. */
function parserRefusalOf(error: NodeJS.ErrnoException): ServiceError {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new ServiceError(431, 'headers-too-large', 'The request line and headers are too large.');
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new ServiceError(413, 'body-too-large', 'The chunk extensions of the body are too large.');
    default:
      return new ServiceError(400, 'request-invalid', 'The request is not valid HTTP/1.1.');
  }
}

/** 10000 → "10 s", 1500 → "1500 ms": for the timeout's message. */
function durationOf(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** Writes an answer on a connection that Node's HTTP server no longer speaks on, and closes it. */
function endWith(socket: Duplex, { status, headers, body }: ServiceAnswer) {
  const text = body ?? '';
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'connection: close',
    `content-length: ${Buffer.byteLength(text)}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.on('error', () => {});
  // Closed once written, also when the client keeps sending: nothing it sends now is read.
  socket.end(`${head.join('\r\n')}\r\n\r\n${text}`, () => socket.destroy());
}
