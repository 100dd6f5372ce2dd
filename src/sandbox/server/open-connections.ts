import type { Server, Socket } from 'node:net';

/**
 * The connections a server has open, to cut them all on close: an HTTP/2 server has no `closeAllConnections()`,
 * and event streams and idle HTTP/2 sessions never end by themselves. `event` is the one each connection comes with
 * (`secureConnection` on a TLS server, `connection` otherwise).
 */
export function trackConnections(server: Server, event: 'connection' | 'secureConnection') {
  const sockets = new Set<Socket>();
  server.on(event, (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return {
    destroyAll(): void {
      for (const socket of sockets) socket.destroy();
    },
  };
}
