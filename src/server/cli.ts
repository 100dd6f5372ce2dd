#!/usr/bin/env node
/**
 * `nano-meet serve [--port N] [--host H] [--config file] [--request-timeout S]`: the token service over
 * createNodeServer's `node:http` server, configured from the environment (see loadConfigFromEnv) and optionally a
 * JSON file; logs one JSON line per request to stdout; stops gracefully on SIGINT/SIGTERM: no new connections,
 * requests on open ones answered 503 `shutting-down`, requests under way finished, the store closed, exit 0.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import { loadConfigFromEnv } from './load-config-from-env.js';
import { createNodeServer } from './node-server.js';
import type { TokenServiceLogEntry } from './service-config.js';
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

// How long a request may take to arrive whole (createNodeServer's requestTimeoutMs), in seconds here.
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

const server = createNodeServer(service, { requestTimeoutMs: requestTimeoutSeconds * 1000 });
let stopping = false;
// After createNodeServer's own listener, and still before any answer is written (the service answers a tick later).
server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
  // While stopping, every answer ends its connection, so that keep-alive clients go to another instance.
  if (stopping) res.setHeader('connection', 'close');
  res.once('finish', () => {
    if (stopping) server.closeIdleConnections();
  });
});
server.on('error', (error) => fail(`nano-meet serve: ${error.message}`, 1));
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
