import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTokenService, loadConfigFromEnv, TokenServiceConfigError } from '../../src/server/index.js';
import { segment } from '../token/token-fixtures.js';
import { API_KEY, API_KEY_SHA256, NOW, SECRET, expectJson, roomRequest } from './server-fixtures.js';

const ENV = {
  NANO_MEET_APP_ID: 'nano_app',
  NANO_MEET_SECRET: SECRET,
  NANO_MEET_API_KEY_HASHES: `ci:${API_KEY_SHA256}, ${'ab'.repeat(32)}`,
  NANO_MEET_ALLOWED_SERVERS: 'meet.example.org, backup.example.org:8443',
};

async function assertConfigError(promise: Promise<unknown>, pattern: RegExp, secret?: string) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof TokenServiceConfigError, String(error));
    assert.match(error.message, pattern);
    if (secret) assert.equal(error.message.includes(secret), false, 'the message quotes the value');
    return true;
  });
}

describe('loadConfigFromEnv', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'nano-meet-config-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads an HS256 key, API key hashes with names, servers, origins, invite page, limits', async () => {
    const config = await loadConfigFromEnv({
      ...ENV,
      NANO_MEET_KID: 'hs-1',
      NANO_MEET_SUBJECT: 'meet.jitsi',
      NANO_MEET_CORS_ORIGINS: 'https://app.example,https://cms.example:8443',
      NANO_MEET_INVITE_URL: 'https://app.example/meeting.html?token={token}',
      NANO_MEET_HLS_URL: 'https://cdn.example/{streamname}.m3u8',
      NANO_MEET_RATE_LIMIT: '10/30',
      NANO_MEET_MAX_BODY_BYTES: '4096',
      UNRELATED: 'ignored',
    });
    assert.deepEqual(config, {
      keys: [{ appId: 'nano_app', secret: SECRET, kid: 'hs-1', subject: 'meet.jitsi', current: true }],
      apiKeys: [{ name: 'ci', sha256: API_KEY_SHA256 }, { sha256: 'ab'.repeat(32) }],
      allowedServers: ['meet.example.org', 'backup.example.org:8443'],
      corsOrigins: ['https://app.example', 'https://cms.example:8443'],
      inviteUrl: 'https://app.example/meeting.html?token={token}',
      playout: { hls: 'https://cdn.example/{streamname}.m3u8' },
      rateLimit: { requests: 10, windowSeconds: 30 },
      maxBodyBytes: 4096,
    });
    assert.equal((await loadConfigFromEnv({ ...ENV, NANO_MEET_RATE_LIMIT: 'off' })).rateLimit, false);
  });

  it('reads the abuse limits: token lifetime, wrong API keys per client, the client address header', async () => {
    const config = await loadConfigFromEnv({
      ...ENV,
      NANO_MEET_MAX_TOKEN_LIFETIME: '2d',
      NANO_MEET_FAILED_API_KEY_LIMIT: '5/300',
      NANO_MEET_CLIENT_ADDRESS_HEADER: 'x-real-ip',
    });
    assert.equal(config.maxTokenLifetimeSeconds, 2 * 86400);
    assert.deepEqual(config.failedApiKeyLimit, { requests: 5, windowSeconds: 300 });
    assert.equal(config.clientAddressHeader, 'x-real-ip');
    for (const [text, seconds] of [
      ['3600', 3600],
      ['90s', 90],
      ['30m', 1800],
      ['12h', 43200],
    ] as const) {
      assert.equal(
        (await loadConfigFromEnv({ ...ENV, NANO_MEET_MAX_TOKEN_LIFETIME: text })).maxTokenLifetimeSeconds,
        seconds,
      );
    }
    assert.equal((await loadConfigFromEnv({ ...ENV, NANO_MEET_FAILED_API_KEY_LIMIT: 'off' })).failedApiKeyLimit, false);
    await assertConfigError(
      loadConfigFromEnv({ ...ENV, NANO_MEET_MAX_TOKEN_LIFETIME: '1 week' }),
      /NANO_MEET_MAX_TOKEN_LIFETIME/,
    );
    await assertConfigError(
      loadConfigFromEnv({ ...ENV, NANO_MEET_MAX_TOKEN_LIFETIME: '400d' }),
      /maxTokenLifetimeSeconds/,
    );
    await assertConfigError(
      loadConfigFromEnv({ ...ENV, NANO_MEET_FAILED_API_KEY_LIMIT: 'many' }),
      /NANO_MEET_FAILED_API_KEY_LIMIT/,
    );
  });

  it('reads the shared store (Redis URL from a _FILE, as it holds a password) and the brandings', async () => {
    const urlFile = join(dir, 'redis-url');
    writeFileSync(urlFile, 'redis://:s3cret-redis@redis.internal:6380/2\n');
    const tenantsFile = join(dir, 'tenants.json');
    writeFileSync(tenantsFile, JSON.stringify({ acme: { logoImageUrl: 'https://acme.example/logo.png' } }));
    const config = await loadConfigFromEnv({
      ...ENV,
      NANO_MEET_REDIS_URL_FILE: urlFile,
      NANO_MEET_REDIS_PREFIX: 'staging:',
      NANO_MEET_DEFAULT_BRANDING: '{"backgroundColor": "#112233", "logoImageUrl": "https://brand.example/logo.png"}',
      NANO_MEET_TENANT_BRANDINGS_FILE: tenantsFile,
    });
    assert.deepEqual(config.redis, { url: 'redis://:s3cret-redis@redis.internal:6380/2', prefix: 'staging:' });
    assert.deepEqual(config.defaultBranding, {
      backgroundColor: '#112233',
      logoImageUrl: 'https://brand.example/logo.png',
    });
    assert.deepEqual(config.tenantBrandings, { acme: { logoImageUrl: 'https://acme.example/logo.png' } });
    assert.deepEqual((await loadConfigFromEnv({ ...ENV, NANO_MEET_REDIS_URL: 'redis://127.0.0.1:6379' })).redis, {
      url: 'redis://127.0.0.1:6379',
    });
  });

  it('refuses a Redis URL that is not one, and a branding the element would refuse, naming the setting', async () => {
    await assertConfigError(
      loadConfigFromEnv({ ...ENV, NANO_MEET_REDIS_URL: 'https://:pw-in-url@redis.example' }),
      /redis:\/\/ or rediss:\/\/ URL\n.*redis\.url/,
      'pw-in-url',
    );
    await assertConfigError(
      loadConfigFromEnv({ ...ENV, NANO_MEET_DEFAULT_BRANDING: '{"logoImageUrl": "javascript:alert(1)"}' }),
      /defaultBranding\.logoImageUrl: must be/,
    );
    await assertConfigError(
      loadConfigFromEnv({ ...ENV, NANO_MEET_TENANT_BRANDINGS: '{"acme": {"backgroundColor": "url(x)"}}' }),
      /tenantBrandings\.acme\.backgroundColor/,
    );
    await assertConfigError(loadConfigFromEnv({ ...ENV, NANO_MEET_TENANT_BRANDINGS: '{"a/b": {}}' }), /without "\/"/);
    await assertConfigError(
      loadConfigFromEnv({ ...ENV, NANO_MEET_DEFAULT_BRANDING: '{logo}' }),
      /NANO_MEET_DEFAULT_BRANDING is not valid JSON/,
    );
  });

  it('makes a working service', async () => {
    const service = createTokenService({ ...(await loadConfigFromEnv(ENV)), clock: () => NOW });
    await expectJson(await service(roomRequest()), 201);
  });

  it('takes a PKCS#1 or SEC1 PEM (as openssl writes them) from a _FILE and the older keys from NANO_MEET_PREVIOUS_KEYS', async () => {
    const rsa = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const ec = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      privateKeyEncoding: { type: 'sec1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const file = join(dir, 'rsa.pem');
    writeFileSync(file, rsa.privateKey);
    const { NANO_MEET_SECRET: _secret, ...withoutSecret } = ENV;
    const config = await loadConfigFromEnv({
      ...withoutSecret,
      NANO_MEET_PRIVATE_KEY_FILE: file,
      NANO_MEET_KID: 'vpaas-magic-cookie-abc/key1',
      NANO_MEET_PREVIOUS_KEYS: JSON.stringify([
        { appId: 'nano_app', alg: 'ES256', kid: 'ec-old', privateKey: ec.privateKey },
      ]),
    });
    assert.equal(config.keys.length, 2);
    for (const key of config.keys)
      assert.match((key as { privateKey: string }).privateKey, /^-----BEGIN PRIVATE KEY-----/);
    const service = createTokenService({ ...config, clock: () => NOW });
    const { data } = await expectJson(await service(roomRequest()), 201);
    assert.deepEqual(segment(data.token, 0), { alg: 'RS256', typ: 'JWT', kid: 'vpaas-magic-cookie-abc/key1' });
  });

  it('reads a JSON config file (NANO_MEET_CONFIG) with privateKeyFile relative to it; variables replace its settings', async () => {
    const ec = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    writeFileSync(join(dir, 'ec.pem'), ec.privateKey);
    const path = join(dir, 'config.json');
    writeFileSync(
      path,
      JSON.stringify({
        keys: [{ appId: 'nano_app', alg: 'ES256', kid: 'ec-1', privateKeyFile: 'ec.pem' }],
        apiKeys: [{ sha256: API_KEY_SHA256, name: 'from-file' }],
        allowedServers: ['file.example.org'],
        corsOrigins: ['https://file.example'],
      }),
    );
    const fromFile = await loadConfigFromEnv({ NANO_MEET_CONFIG: path });
    assert.equal(
      fromFile.keys[0] && 'privateKey' in fromFile.keys[0] && fromFile.keys[0].privateKey,
      ec.privateKey.trim(),
    );
    assert.deepEqual(fromFile.allowedServers, ['file.example.org']);
    const mixed = await loadConfigFromEnv({ NANO_MEET_CONFIG: path, NANO_MEET_ALLOWED_SERVERS: 'meet.example.org' });
    assert.deepEqual(mixed.allowedServers, ['meet.example.org']);
    assert.deepEqual(mixed.corsOrigins, ['https://file.example']);
    const service = createTokenService({ ...mixed, clock: () => NOW });
    await expectJson(await service(roomRequest(undefined, { 'x-api-key': API_KEY })), 201);
  });

  it('says which setting is wrong, never quoting a secret', async () => {
    await assertConfigError(loadConfigFromEnv({}), /No signing key/);
    await assertConfigError(
      loadConfigFromEnv({ ...ENV, NANO_MEET_SECRET: 'short-secret' }),
      /at least 32/,
      'short-secret',
    );
    await assertConfigError(loadConfigFromEnv({ ...ENV, NANO_MEET_APP_ID: '' }), /NANO_MEET_APP_ID/);
    await assertConfigError(loadConfigFromEnv({ ...ENV, NANO_MEET_PRIVATE_KEY: '{"kty":"RSA"' }), /not both/);
    const { NANO_MEET_SECRET: _secret, ...withoutSecret } = ENV;
    await assertConfigError(
      loadConfigFromEnv({ ...withoutSecret, NANO_MEET_PRIVATE_KEY: '{"kty":"RSA", "d": "secret-d-value"' }),
      /NANO_MEET_KID/,
    );
    await assertConfigError(
      loadConfigFromEnv({
        ...withoutSecret,
        NANO_MEET_KID: 'k',
        NANO_MEET_PRIVATE_KEY: '{"kty":"RSA", "d": "secret-d-value"',
      }),
      /not valid JSON/,
      'secret-d-value',
    );
    await assertConfigError(loadConfigFromEnv({ ...ENV, NANO_MEET_API_KEY_HASHES: API_KEY }), /SHA-256/, API_KEY);
    await assertConfigError(loadConfigFromEnv({ ...ENV, NANO_MEET_RATE_LIMIT: 'lots' }), /NANO_MEET_RATE_LIMIT/);
    await assertConfigError(loadConfigFromEnv({ ...ENV, NANO_MEET_CORS_ORIGINS: '*' }), /exact origins/);
    await assertConfigError(
      loadConfigFromEnv({ ...ENV, NANO_MEET_CONFIG: join(dir, 'missing.json') }),
      /NANO_MEET_CONFIG: cannot read .*ENOENT/,
    );
    await assertConfigError(
      loadConfigFromEnv({ ...ENV, NANO_MEET_SECRET_FILE: join(dir, 'missing') }),
      /NANO_MEET_SECRET_FILE/,
    );
  });
});
