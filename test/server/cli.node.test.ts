import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_ENV as ENV, runCli as run, serveCli as serve } from './cli-process.js';
import { SECRET } from './server-fixtures.js';

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
    const logLine = output().split('\n').find((line) => line.startsWith('{'));
    assert.equal(JSON.parse(logLine!).path, '/healthz');
    assert.equal(output().includes(SECRET), false);
  });

  it('reads --config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nano-meet-cli-'));
    try {
      const file = join(dir, 'config.json');
      writeFileSync(file, JSON.stringify({ keys: [{ appId: 'nano_app', secret: SECRET }], apiKeys: [], allowedServers: ['meet.example.org'] }));
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
