/**
 * Listening on the port a person asked for, and saying so plainly when that port cannot be had: a demo that
 * quietly moved elsewhere would leave links, bookmarks and the browser's certificate exception pointing at
 * something else.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CodedError } from '../src/shared/coded-error.js';

export type DemoPortErrorCode = 'port-taken' | 'port-forbidden' | 'port-invalid';

/** What the demo runs, each on its own port. */
export type DemoService = 'demo' | 'sandbox' | 'token service';

/** A port could not be used; `service` says for what, `port` which one. */
export class DemoPortError extends CodedError<DemoPortErrorCode> {
  override readonly name = 'DemoPortError';
  constructor(
    code: DemoPortErrorCode,
    readonly service: DemoService,
    readonly port: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

/**
 * Turns Node's `EADDRINUSE`/`EACCES` from a listen into a {@link DemoPortError}; anything else is passed on.
 */
export function portError(service: DemoService, port: number, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new DemoPortError('port-taken', service, port, `Port ${port} for the ${service} is already in use.`, {
      cause: error,
    });
  }
  if (code === 'EACCES') {
    return new DemoPortError(
      'port-forbidden',
      service,
      port,
      `Port ${port} for the ${service} may not be used by this user (ports below 1024 need root).`,
      {
        cause: error,
      },
    );
  }
  return error;
}

/**
 * Listens on `localhost:port` (0: any free port) and resolves with the port, or rejects with a
 * {@link DemoPortError}.
 */
export function listenOnPort(server: Server, port: number, service: DemoService): Promise<number> {
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => reject(portError(service, port, error));
    server.once('error', fail);
    server.listen(port, 'localhost', () => {
      server.off('error', fail);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
