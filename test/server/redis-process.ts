// Debian's redis-server as a real child process, for the tests of the token service's shared store: on a free
// port of 127.0.0.1, nothing written to disk, stopped and started again on the same port to play an outage.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

export interface RunningRedis {
  port: number;
  /** `redis://:<password>@127.0.0.1:<port>` */
  url: string;
  /** Stops it (SIGTERM) and waits until it is gone. */
  stop(): Promise<void>;
  /** Starts a new, empty redis-server on the same port and password. */
  restart(): Promise<void>;
}

/** A port that nothing listens on just now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `redis-server` with a password (so that a test can check it never reaches a log). */
export async function startRedis(password = 'redis-password-for-tests'): Promise<RunningRedis> {
  const port = await freePort();
  let child = await spawnRedis(port, password);
  return {
    port,
    url: `redis://:${password}@127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    },
    async restart() {
      child = await spawnRedis(port, password);
    },
  };
}

async function spawnRedis(port: number, password: string): Promise<ChildProcess> {
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--requirepass',
    password,
  ];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start within 10 s:\n${output}`)), 10_000);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`redis-server could not be started (${error.message}); install Debian's redis-server package.`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
  return child;
}
