/**
 * The token service on 127.0.0.1 in a process of its own, so the load generator does not share its event
 * loop. Prints `{"port": n}` once listening, and `{"cpuMicros": n}` (its CPU time so far) for each `cpu` line
 * on stdin; exits when its parent closes stdin.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTokenService, toNodeListener } from '../src/server/index.js';
import { benchServiceConfig } from './token-service-config.js';

const service = createTokenService(benchServiceConfig());
await service.ready;
const server = createServer(toNodeListener(service));
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  for (const line of chunk.split('\n')) {
    if (line !== 'cpu') continue;
    const { user, system } = process.cpuUsage();
    process.stdout.write(`${JSON.stringify({ cpuMicros: user + system })}\n`);
  }
});
process.stdin.on('end', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
