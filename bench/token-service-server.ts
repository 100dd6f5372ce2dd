/**
 * The token service on 127.0.0.1 in a process of its own, so the load generator does not share its event
 * loop. Prints `{"port": n}` once listening; exits when its parent closes stdin.
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
process.stdin.resume();
process.stdin.on('end', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
