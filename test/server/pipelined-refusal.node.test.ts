// Bytes the parser refuses, pipelined behind a request whose answer is still under way, are answered and
// logged once, however many chunks of them arrive before that answer is done.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type AddressInfo } from 'node:net';
import { createNodeServer, createTokenService, type TokenServiceLogEntry } from '../../src/server/index.js';
import { createMemoryStore } from '../../src/server/store/memory-store.js';
import { baseConfig } from './server-fixtures.js';

it('answers and logs refused bytes once while the request before them is still answered', async () => {
  const entries: TokenServiceLogEntry[] = [];
  const memory = createMemoryStore();
  let slow = false;
  // /readyz waits on the store: a slow store keeps the first request's answer under way.
  const store = { ...memory, ping: () => (slow ? new Promise<void>((r) => setTimeout(r, 400)) : memory.ping()) };
  const service = createTokenService(baseConfig({ store, log: (entry) => entries.push(entry) }));
  await service.ready;
  slow = true;
  const server = createNodeServer(service);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const received = await new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => {
      socket.write('GET /readyz HTTP/1.1\r\nhost: x\r\n\r\nBLAH\r\n');
      setTimeout(() => socket.write('more bytes\r\n'), 100);
      setTimeout(() => socket.write('and more\r\n'), 200);
    });
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await service.close();
  const statuses = [...received.matchAll(/HTTP\/1\.1 (\d+)/g)].map((match) => Number(match[1]));
  const lines = entries.filter((entry) => entry.event === 'request').map((entry) => entry.status);
  assert.deepEqual(statuses, [200, 400], received);
  assert.deepEqual(lines.sort(), [200, 400], JSON.stringify(entries));
});
