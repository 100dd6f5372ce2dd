// Clients that go away mid-request, over real sockets: the request is answered (to no one) and logged as the
// client's doing, never left under way for ever, so that close() (and with it `nano-meet serve`'s SIGTERM) ends.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { createTokenService, type ServiceStore, type TokenServiceLogEntry } from '../../src/server/index.js';
import { createMemoryStore } from '../../src/server/store/memory-store.js';
import { CLI_ENV, serveCli } from './cli-process.js';
import { API_KEY, baseConfig, listen } from './server-fixtures.js';

/** A room request's head and the first bytes of a body that never arrives whole. */
const PARTIAL_ROOM =
  'POST /api/v1/rooms HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\n' +
  `authorization: Bearer ${API_KEY}\r\ncontent-length: 1000\r\n\r\n{"room": `;

/** Settles with `promise`, or rejects saying `what` did not settle within `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Sends `bytes` on a new connection to `port` and closes it at once (a client that gave up). */
function sendAndLeave(port: number, bytes: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes, () => socket.destroy()));
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
}

describe('a client that goes away mid-body', () => {
  it('before the service asks for the body: answered 400 request-invalid and logged, and close() ends', async () => {
    // The store holds the API key check until the client is gone, so the body is asked for only afterwards.
    let clientGone!: () => void;
    const gone = new Promise<void>((resolve) => (clientGone = resolve));
    const memory = createMemoryStore();
    const store: ServiceStore = { ...memory, peek: async (key) => gone.then(() => memory.peek(key)) };
    const entries: TokenServiceLogEntry[] = [];
    const service = createTokenService(baseConfig({ store, log: (entry) => entries.push(entry) }));
    const server = await listen(service);
    server.server.on('request', (req) => req.once('close', () => setImmediate(clientGone)));
    try {
      await sendAndLeave(server.port, PARTIAL_ROOM);
      await gone;
      await within(service.close(), 5000, 'close() after the client went away');
      assert.deepEqual(
        entries.map(({ level, status, code, route }) => ({ level, status, code, route })),
        [{ level: 'warn', status: 400, code: 'request-invalid', route: '/api/v1/rooms' }],
      );
    } finally {
      await server.close();
    }
  });

  it('while the service reads it: logged 400 request-invalid, not a failure of the service', async () => {
    const cli = await serveCli([], CLI_ENV);
    try {
      await sendAndLeave(cli.port, PARTIAL_ROOM);
      const line = await within(
        cli.waitForLog((entry) => entry.event === 'request'),
        5000,
        'the log line',
      );
      assert.deepEqual([line.level, line.status, line.code], ['warn', 400, 'request-invalid']);
      assert.equal(cli.output().includes('internal-error'), false, cli.output());
    } finally {
      assert.equal(await cli.stop(), 0);
    }
  });
});
