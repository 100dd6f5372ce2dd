#!/usr/bin/env node
/**
 * `nano-meet serve [--port N] [--host H] [--config file]`: the token service over `node:http`, configured
 * from the environment (see loadConfigFromEnv) and optionally a JSON file; logs one JSON line per request
 * to stdout; stops gracefully on SIGINT/SIGTERM: no new connections, requests on open ones answered 503
 * `shutting-down`, requests under way finished, the store closed, exit 0.
 */
import { createServer, STATUS_CODES } from 'node:http';
import { parseArgs } from 'node:util';
import { loadConfigFromEnv } from './load-config-from-env.js';
import { toNodeListener } from './node-listener.js';
import type { TokenServiceLogEntry } from './service-config.js';
import { createTokenService } from './token-service.js';

const USAGE = 'usage: nano-meet serve [--port N] [--host H] [--config file.json]';
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

let service: ReturnType<typeof createTokenService>;
try {
  const config = await loadConfigFromEnv({
    ...process.env,
    ...(values.config !== undefined && { NANO_MEET_CONFIG: values.config }),
  });
  // One write per line, without console.log's formatting (half the cost of a request's log line).
  const log = (entry: TokenServiceLogEntry) => {
    process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
  };
  service = createTokenService({ ...config, log });
  await service.ready;
} catch (error) {
  fail(`nano-meet serve: ${(error as Error).message}`, 1);
}

const listener = toNodeListener(service);
let stopping = false;
const server = createServer((req, res) => {
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
  void response.text().then((body) => {
    const head = [
      `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`,
      'connection: close',
      `content-length: ${Buffer.byteLength(body)}`,
    ];
    response.headers.forEach((value, name) => head.push(`${name}: ${value}`));
    socket.on('error', () => {});
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  });
});
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
