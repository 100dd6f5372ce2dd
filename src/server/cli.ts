#!/usr/bin/env node
/**
 * `nano-meet serve [--port N] [--host H] [--config file] [--request-timeout S]`: the token service over
 * `node:http`, configured from the environment (see loadConfigFromEnv) and optionally a JSON file; logs one JSON
 * line per request to stdout; answers what Node's parser refuses (and requests that take too long to arrive) with
 * JSON refusals too; stops gracefully on SIGINT/SIGTERM: no new connections, requests on open ones answered 503
 * `shutting-down`, requests under way finished, the store closed, exit 0.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { parseArgs } from 'node:util';
import { loadConfigFromEnv } from './load-config-from-env.js';
import { toNodeListener } from './node-listener.js';
import type { TokenServiceLogEntry } from './service-config.js';
import type { ServiceErrorCode } from './service-error.js';
import { createTokenService } from './token-service.js';

const USAGE = 'usage: nano-meet serve [--port N] [--host H] [--config file.json] [--request-timeout seconds]';
/** How long open requests may take to finish after a stop signal. */
const SHUTDOWN_GRACE_MS = 10_000;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      config: { type: 'string' },
      'request-timeout': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
try {
  parsed = parse();
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals[0] !== 'serve' || positionals.length > 1) fail(USAGE);

const portText = values.port ?? process.env.NANO_MEET_PORT ?? process.env.PORT ?? '8080';
const port = Number(portText);
if (!/^\d+$/.test(portText) || port > 65535) fail(`--port must be a port number (0–65535), not ${portText}`);
// Loopback by default: in production the service sits behind a TLS proxy; --host 0.0.0.0 to listen wider.
const host = values.host ?? process.env.NANO_MEET_HOST ?? '127.0.0.1';

// A request is at most 16 KB of headers and 16 KB of body: one that takes longer than this to arrive (a client
// sending a byte a second, or a body without end after its 413) is cut off with 408 rather than held for
// Node's default of five minutes.
const timeoutText = values['request-timeout'] ?? process.env.NANO_MEET_REQUEST_TIMEOUT ?? '10';
const requestTimeoutSeconds = Number(timeoutText);
if (!/^\d+$/.test(timeoutText) || requestTimeoutSeconds < 1 || requestTimeoutSeconds > 3600)
  fail(`--request-timeout must be a number of seconds (1–3600), not ${timeoutText}`);

// One write per line, without console.log's formatting (half the cost of a request's log line).
const log = (entry: TokenServiceLogEntry) => {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
};

let service: ReturnType<typeof createTokenService>;
try {
  const config = await loadConfigFromEnv({
    ...process.env,
    ...(values.config !== undefined && { NANO_MEET_CONFIG: values.config }),
  });
  service = createTokenService({ ...config, log });
  await service.ready;
} catch (error) {
  fail(`nano-meet serve: ${(error as Error).message}`, 1);
}

const listener = toNodeListener(service);
let stopping = false;
// The latest request on each connection, for clientError to know whether one is still arriving or answered.
const exchanges = new WeakMap<Duplex, { req: IncomingMessage; res: ServerResponse }>();
const requestTimeout = requestTimeoutSeconds * 1000;
// Timeouts are checked once a second (Node's default: every 30 s, which would stretch a 10 s timeout to 40).
const timeouts = { requestTimeout, headersTimeout: requestTimeout, connectionsCheckingInterval: 1000 };
const server = createServer(timeouts, (req, res) => {
  exchanges.set(req.socket, { req, res });
  // While stopping, every answer ends its connection, so that keep-alive clients go to another instance.
  if (stopping) res.setHeader('connection', 'close');
  res.once('finish', () => {
    if (stopping) server.closeIdleConnections();
  });
  listener(req, res);
});
server.on('error', (error) => fail(`nano-meet serve: ${error.message}`, 1));
// Node closes a CONNECT without a word unless someone listens: this is no proxy, and says so.
server.on('connect', (req, socket) => {
  const response = service.answerUnreadable({
    method: req.method ?? 'CONNECT',
    target: req.url ?? '',
    problem: 'method',
  });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  void response.text().then((body) => endWith(socket, response.status, headers, body));
});
/** What Node's parser refuses, by its error code; anything else it refuses is a 400. */
const PARSER_REFUSALS: Record<string, [number, ServiceErrorCode, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'headers-too-large', 'The request line and headers are too large.'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'body-too-large', 'The chunk extensions of the body are too large.'],
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    'request-timeout',
    `The request must arrive whole within ${requestTimeoutSeconds} s; send it again.`,
  ],
};
const NOT_HTTP: [number, ServiceErrorCode, string] = [400, 'request-invalid', 'The request is not valid HTTP/1.1.'];
// Node's own answers to these have no body and no code, and are not logged: the service's JSON refusals instead.
server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
  const exchange = exchanges.get(socket);
  const underWay = exchange !== undefined && !exchange.req.complete;
  // Nobody to tell (ECONNRESET), or an answer already sent on this connection for the request still arriving.
  if (error.code === 'ECONNRESET' || !socket.writable || (underWay && exchange.res.headersSent)) {
    socket.destroy();
    return;
  }
  const [status, code, message] = PARSER_REFUSALS[error.code ?? ''] ?? NOT_HTTP;
  const requestId = crypto.randomUUID();
  // A request whose body was still arriving is logged by the service, as one whose body did not arrive whole.
  if (!underWay) log({ level: 'warn', event: 'request', status, code, requestId });
  const headers = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
  const refuse = () =>
    endWith(socket, status, { ...headers, 'x-request-id': requestId }, JSON.stringify({ error: { code, message } }));
  // The bad bytes came after a whole request (pipelined on a kept-alive connection): its answer goes first.
  if (!underWay && exchange !== undefined && !exchange.res.writableFinished) exchange.res.once('close', refuse);
  else refuse();
});

/** Writes an answer on a connection that Node's HTTP server no longer speaks on, and closes it. */
function endWith(socket: Duplex, status: number, headers: Record<string, string>, body: string) {
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'connection: close',
    `content-length: ${Buffer.byteLength(body)}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.on('error', () => {});
  // Closed once written, also when the client keeps sending: nothing it sends now is read.
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`, () => socket.destroy());
}
server.listen(port, host, () => {
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  const shown = host.includes(':') ? `[${host}]` : host;
  console.log(`nano-meet token service listening on http://${shown}:${bound}`);
});

async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  // No new connections from here on; idle keep-alive ones close now, busy ones once their answer is sent.
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections();
  console.log(`nano-meet serve: ${signal}, closing`);
  // A request that does not end within the grace period is cut off (its client sees the connection close).
  setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
  await service.close();
  await closed;
  process.exit(0);
}
// A second signal while stopping changes nothing: the grace period already bounds how long it takes.
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
