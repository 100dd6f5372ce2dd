/**
 * `npm start`'s ports, as a person sets them: DEMO_PORT, DEMO_SANDBOX_PORT and DEMO_TOKEN_SERVICE_PORT are
 * used as given, and a port that is taken or not a port stops the demo with a message and a non-zero exit,
 * instead of the demo quietly moving to another port.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  /** Resolves with what was printed once `wanted` appears in stdout, or the process exits. */
  output(wanted: RegExp): Promise<{ stdout: string; stderr: string }>;
  exit: Promise<number | null>;
  stop(): Promise<number | null>;
}

/** `node demo/start.ts` (what `npm start` runs after the build) with these variables. */
function startDemoProcess(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, NANO_MEET_SERVER: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const listeners = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
    for (const listener of listeners) listener();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  return {
    output: (wanted) =>
      new Promise((resolve) => {
        const check = () => {
          if (wanted.test(stdout)) resolve({ stdout, stderr });
        };
        listeners.add(check);
        void exit.then(() => resolve({ stdout, stderr }));
        check();
      }),
    exit,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exit;
    },
  };
}

function listen(port = 0): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, 'localhost', () => resolve(server));
  });
}

const portOf = (server: Server) => (server.address() as { port: number }).port;
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** Ports nobody listens on right now. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => listen()));
  const ports = servers.map(portOf);
  await Promise.all(servers.map(close));
  return ports;
}

describe('npm start: the ports', { timeout: 120_000 }, () => {
  it('listens where DEMO_PORT, DEMO_SANDBOX_PORT and DEMO_TOKEN_SERVICE_PORT say', async () => {
    const [demoPort, sandboxPort, servicePort] = await freePorts(3);
    const run = startDemoProcess({
      DEMO_PORT: String(demoPort),
      DEMO_SANDBOX_PORT: String(sandboxPort),
      DEMO_TOKEN_SERVICE_PORT: String(servicePort),
    });
    try {
      const { stdout, stderr } = await run.output(/Development API key/);
      assert.match(stdout, new RegExp(`nano-meet demo: http://localhost:${demoPort}/ `), stderr);
      assert.match(stdout, new RegExp(`token service: +http://localhost:${servicePort}\\n`));
      assert.match(stdout, new RegExp(`Jitsi sandbox: +https://localhost:${sandboxPort}\\n`));
      const config = await (await fetch(`http://localhost:${demoPort}/demo-config.json`)).json();
      assert.equal(config.tokenService, `http://localhost:${servicePort}`);
      assert.equal(config.server, `localhost:${sandboxPort}`);
      assert.equal(
        (await fetch(`${config.tokenService}/healthz`)).status,
        200,
        'the token service answers on its port',
      );
    } finally {
      assert.equal(await run.stop(), 0);
    }
  });

  for (const [variable, service] of [
    ['DEMO_PORT', 'demo'],
    ['DEMO_SANDBOX_PORT', 'sandbox'],
    ['DEMO_TOKEN_SERVICE_PORT', 'token service'],
  ] as const) {
    it(`stops with a message when ${variable} is taken`, async () => {
      const taken = await listen();
      const port = portOf(taken);
      try {
        // Other ports free (0), so that only the taken one can fail.
        const run = startDemoProcess({ DEMO_PORT: '0', [variable]: String(port) });
        const code = await run.exit;
        const { stdout, stderr } = await run.output(/$^/);
        assert.equal(code, 1, `exit code; stderr: ${stderr}`);
        assert.ok(stderr.includes(`Port ${port} for the ${service} is already in use.`), stderr);
        assert.ok(stderr.includes(`${variable}=${port + 1} npm start`), stderr);
        assert.doesNotMatch(stdout, /nano-meet demo: http/);
      } finally {
        await close(taken);
      }
    });
  }

  it('stops with a message when a port is not a port number', async () => {
    const run = startDemoProcess({ DEMO_TOKEN_SERVICE_PORT: 'http://localhost:9000' });
    const code = await run.exit;
    const { stderr } = await run.output(/$^/);
    assert.equal(code, 2);
    const expected = 'DEMO_TOKEN_SERVICE_PORT must be a port number from 0 to 65535 (0: any free port)';
    assert.ok(stderr.includes(`${expected}, not "http://localhost:9000".`), stderr);
  });
});
