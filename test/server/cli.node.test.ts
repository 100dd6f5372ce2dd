import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_ENV as ENV, runCli as run, serveCli as serve } from './cli-process.js';
import { API_KEY, SECRET } from './server-fixtures.js';

/** Polls `check` every 20 ms until it holds (a test's own timeout ends a wait that never does). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('nano-meet serve', () => {
  it('starts from the environment, answers /healthz, logs JSON lines and stops on SIGTERM', async () => {
    const { child, url, output } = await serve([], ENV);
    try {
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${url}/healthz`);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { status: 'ok' });
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
    const logLine = output()
      .split('\n')
      .find((line) => line.startsWith('{'));
    assert.equal(JSON.parse(logLine!).path, '/healthz');
    assert.equal(output().includes(SECRET), false);
  });

  it('finishes a request under way on SIGTERM, refuses new connections meanwhile, then exits 0', async () => {
    const cli = await serve([], ENV);
    const now = Date.now();
    const body = JSON.stringify({
      nbf: new Date(now).toISOString(),
      exp: new Date(now + 3_600_000).toISOString(),
      streamname: 'stream-1',
      server: 'meet.example.org',
      room: 'draining',
      moderator: true,
    });
    // The headers now, the body later: with Expect: 100-continue, the 100 says the service has the request.
    const socket = connect(cli.port, '127.0.0.1');
    socket.setEncoding('utf8');
    let received = '';
    socket.on('data', (chunk: string) => (received += chunk));
    // Connection: close, so that the server ends the connection after its answer (a client that half-closes
    // its side instead gets no answer at all from Node's HTTP server).
    const head = [
      'POST /api/v1/rooms HTTP/1.1',
      'host: 127.0.0.1',
      'connection: close',
      'content-type: application/json',
      `authorization: Bearer ${API_KEY}`,
    ];
    socket.write(
      `${[...head, `content-length: ${Buffer.byteLength(body)}`, 'expect: 100-continue'].join('\r\n')}\r\n\r\n`,
    );
    await until(() => received.startsWith('HTTP/1.1 100 Continue'));
    cli.child.kill('SIGTERM');
    await until(() => cli.output().includes('SIGTERM, closing'));
    await assert.rejects(fetch(`${cli.url}/healthz`), 'a new connection was still accepted');
    socket.write(body);
    await once(socket, 'close');
    assert.match(received, /\r\nHTTP\/1\.1 201 Created\r\n/, cli.output());
    assert.match(received, /"token":"ey/);
    assert.equal(await cli.stop(), 0);
    const logged = cli
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line));
    assert.ok(logged.some((entry) => entry.route === '/api/v1/rooms' && entry.status === 201));
  });

  it('reads --config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nano-meet-cli-'));
    try {
      const file = join(dir, 'config.json');
      writeFileSync(
        file,
        JSON.stringify({
          keys: [{ appId: 'nano_app', secret: SECRET }],
          apiKeys: [],
          allowedServers: ['meet.example.org'],
        }),
      );
      const { child, url } = await serve(['--config', file], {});
      try {
        assert.deepEqual(await (await fetch(`${url}/.well-known/jwks.json`)).json(), { keys: [] });
      } finally {
        child.kill('SIGTERM');
      }
      await once(child, 'exit');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits with a message when the configuration is not usable, without quoting secrets', async () => {
    const { code, output } = await run(['serve', '--port', '0'], { ...ENV, NANO_MEET_SECRET: 'short-secret-value' });
    assert.equal(code, 1);
    assert.match(output, /at least 32 characters/);
    assert.equal(output.includes('short-secret-value'), false);
  });

  it('prints its usage for anything but serve', async () => {
    const { code, output } = await run(['start'], ENV);
    assert.equal(code, 2);
    assert.match(output, /usage: nano-meet serve/);
  });
});
