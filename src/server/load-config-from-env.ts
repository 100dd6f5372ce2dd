import type { JWK } from 'jose';
import type { ApiKeyHash } from './api-keys.js';
import {
  resolveConfig,
  TokenServiceConfigError,
  type PrivateKeyConfig,
  type TokenServiceConfig,
  type TokenServiceKeyConfig,
} from './service-config.js';

type Env = Record<string, string | undefined>;

/**
 * Reads the token service's configuration from environment variables and, when `NANO_MEET_CONFIG` names
 * one, a JSON file of the {@link TokenServiceConfig} shape. A variable replaces the file's setting of the same
 * name. Secrets may come from files (`…_FILE`), as Docker and Kubernetes secrets do. Checks the result and
 * throws {@link TokenServiceConfigError} naming the setting (never its value).
 *
 * Files are read (with `node:fs`) only when a variable names one, so the loader also runs where there is
 * no file system and everything comes from the environment.
 *
 * | variable | meaning |
 * | --- | --- |
 * | `NANO_MEET_CONFIG` | path of a JSON config file; its keys may give `privateKeyFile` (relative to the file) instead of `privateKey` |
 * | `NANO_MEET_APP_ID` | Jitsi's `app_id` (the tokens' `iss`) of the signing key below |
 * | `NANO_MEET_SECRET`, `NANO_MEET_SECRET_FILE` | HS256 secret (≥ 32 characters) of a self-hosted Jitsi: the current signing key |
 * | `NANO_MEET_PRIVATE_KEY`, `NANO_MEET_PRIVATE_KEY_FILE` | or a private key, PEM (PKCS#8, PKCS#1 or SEC1) or JWK JSON: the current signing key |
 * | `NANO_MEET_KEY_ALG` | that private key's algorithm: `RS256` (default; Jitsi ASAP, JaaS), `ES256`, `EdDSA` |
 * | `NANO_MEET_KID` | the key id (required with a private key; JaaS: `vpaas-magic-cookie-<appId>/<keyId>`) |
 * | `NANO_MEET_AUDIENCE`, `NANO_MEET_SUBJECT` | the tokens' `aud` (default `jitsi`) and `sub` (default: the meeting server's host) |
 * | `NANO_MEET_PREVIOUS_KEYS` | JSON array of earlier keys (config `keys` shape) that still verify until their tokens expire |
 * | `NANO_MEET_API_KEY_HASHES` | comma-separated `name:sha256hex` or `sha256hex` (see `hashApiKey`), never the keys |
 * | `NANO_MEET_ALLOWED_SERVERS` | comma-separated meeting servers (host, optional port) rooms may be created on |
 * | `NANO_MEET_CORS_ORIGINS` | comma-separated exact origins (`https://app.example`) whose pages may call the service |
 * | `NANO_MEET_INVITE_URL` | the invite page with `{token}`, e.g. `https://app.example/meeting.html?token={token}` |
 * | `NANO_MEET_WHEP_URL`, `NANO_MEET_HLS_URL` | playout templates with `{streamname}` (and `{server}`), added to room responses |
 * | `NANO_MEET_RATE_LIMIT` | `N/seconds` (default `60/60`) per API key and per chain of invites, or `off` |
 * | `NANO_MEET_FAILED_API_KEY_LIMIT` | wrong API keys per client, `N/seconds` (default `10/600`), or `off`; past it, 429 |
 * | `NANO_MEET_CLIENT_ADDRESS_HEADER` | behind a trusted proxy: the header naming the client (`x-real-ip`, `x-forwarded-for`) |
 * | `NANO_MEET_MAX_TOKEN_LIFETIME` | the longest a room token may be valid: seconds, or `7d`, `12h`, `30m` (default `7d`) |
 * | `NANO_MEET_MAX_BODY_BYTES` | largest accepted request body (default 16384) |
 * | `NANO_MEET_REDIS_URL`, `…_FILE` | `redis://[:password@]host:port[/db]`: rate limits and room brandings in Redis, shared by all instances (default: in memory) |
 * | `NANO_MEET_REDIS_PREFIX` | put before every Redis key (default `nano-meet:`), so that several services can share one Redis |
 * | `NANO_MEET_DEFAULT_BRANDING`, `…_FILE` | branding JSON (the element's shape) that Jitsi shows in rooms created without one |
 * | `NANO_MEET_TENANT_BRANDINGS`, `…_FILE` | JSON object of tenant name → branding, for the rooms under `https://<jitsi>/<tenant>/` |
 * | `NANO_MEET_PORT` (or `PORT`), `NANO_MEET_HOST` | `nano-meet serve` only: where to listen (default 8080 on 127.0.0.1) |
 */
export async function loadConfigFromEnv(env: Env = globalThis.process?.env ?? {}): Promise<TokenServiceConfig> {
  const filePath = value(env, 'NANO_MEET_CONFIG');
  const file = filePath === undefined ? {} : await readConfigFile(filePath);
  const key = await keyFromEnv(env);
  const previous = value(env, 'NANO_MEET_PREVIOUS_KEYS');
  const config = {
    ...file,
    ...(key && {
      keys: [
        { ...key, current: true },
        ...(previous === undefined ? [] : (jsonOf(previous, 'NANO_MEET_PREVIOUS_KEYS') as TokenServiceKeyConfig[])),
      ],
    }),
    ...list(env, 'NANO_MEET_API_KEY_HASHES', (entries) => ({ apiKeys: entries.map(apiKeyHashOf) })),
    ...list(env, 'NANO_MEET_ALLOWED_SERVERS', (allowedServers) => ({ allowedServers })),
    ...list(env, 'NANO_MEET_CORS_ORIGINS', (corsOrigins) => ({ corsOrigins })),
    ...(value(env, 'NANO_MEET_INVITE_URL') !== undefined && { inviteUrl: value(env, 'NANO_MEET_INVITE_URL') }),
    ...playoutFromEnv(env, file.playout),
    ...(value(env, 'NANO_MEET_RATE_LIMIT') !== undefined && {
      rateLimit: rateLimitOf(value(env, 'NANO_MEET_RATE_LIMIT')!, 'NANO_MEET_RATE_LIMIT'),
    }),
    ...(value(env, 'NANO_MEET_FAILED_API_KEY_LIMIT') !== undefined && {
      failedApiKeyLimit: rateLimitOf(value(env, 'NANO_MEET_FAILED_API_KEY_LIMIT')!, 'NANO_MEET_FAILED_API_KEY_LIMIT'),
    }),
    ...(value(env, 'NANO_MEET_CLIENT_ADDRESS_HEADER') !== undefined && {
      clientAddressHeader: value(env, 'NANO_MEET_CLIENT_ADDRESS_HEADER'),
    }),
    ...(value(env, 'NANO_MEET_MAX_TOKEN_LIFETIME') !== undefined && {
      maxTokenLifetimeSeconds: secondsOf(value(env, 'NANO_MEET_MAX_TOKEN_LIFETIME')!),
    }),
    ...(value(env, 'NANO_MEET_MAX_BODY_BYTES') !== undefined && {
      maxBodyBytes: Number(value(env, 'NANO_MEET_MAX_BODY_BYTES')),
    }),
    ...(await redisFromEnv(env, file.redis)),
    ...(await jsonSettingOf(env, 'NANO_MEET_DEFAULT_BRANDING', 'defaultBranding')),
    ...(await jsonSettingOf(env, 'NANO_MEET_TENANT_BRANDINGS', 'tenantBrandings')),
  } as TokenServiceConfig;
  if (!Array.isArray(config.keys)) {
    throw new TokenServiceConfigError(
      'config-invalid',
      'No signing key: set NANO_MEET_APP_ID with NANO_MEET_SECRET (or NANO_MEET_PRIVATE_KEY and NANO_MEET_KID), or keys in NANO_MEET_CONFIG.',
    );
  }
  config.keys = await Promise.all(config.keys.map(normalizePem));
  resolveConfig(config);
  return config;
}

function value(env: Env, name: string): string | undefined {
  const text = env[name]?.trim();
  return text === undefined || text === '' ? undefined : text;
}

/** A secret (or any long value) from the variable itself or from the file its `_FILE` twin names. */
async function secretOf(env: Env, name: string): Promise<string | undefined> {
  const path = value(env, `${name}_FILE`);
  return path === undefined ? value(env, name) : (await readText(path, `${name}_FILE`)).trim();
}

function list<T>(env: Env, name: string, make: (entries: string[]) => T): T | undefined {
  const text = value(env, name);
  return text === undefined
    ? undefined
    : make(
        text
          .split(',')
          .map((entry) => entry.trim())
          .filter((entry) => entry !== ''),
      );
}

async function keyFromEnv(env: Env): Promise<TokenServiceKeyConfig | undefined> {
  const secret = await secretOf(env, 'NANO_MEET_SECRET');
  const privateKey = await secretOf(env, 'NANO_MEET_PRIVATE_KEY');
  if (secret === undefined && privateKey === undefined) return undefined;
  if (secret !== undefined && privateKey !== undefined) {
    throw new TokenServiceConfigError(
      'config-invalid',
      'Set NANO_MEET_SECRET or NANO_MEET_PRIVATE_KEY, not both (older keys go in NANO_MEET_PREVIOUS_KEYS).',
    );
  }
  const appId = value(env, 'NANO_MEET_APP_ID');
  if (appId === undefined)
    throw new TokenServiceConfigError(
      'config-invalid',
      'NANO_MEET_APP_ID (Jitsi’s app_id) is required with a signing key.',
    );
  const kid = value(env, 'NANO_MEET_KID');
  const audience = value(env, 'NANO_MEET_AUDIENCE');
  const subject = value(env, 'NANO_MEET_SUBJECT');
  const identity = { appId, ...(audience !== undefined && { audience }), ...(subject !== undefined && { subject }) };
  if (secret !== undefined) return { ...identity, secret, ...(kid !== undefined && { kid }) };
  if (kid === undefined)
    throw new TokenServiceConfigError(
      'config-invalid',
      'NANO_MEET_KID is required with NANO_MEET_PRIVATE_KEY: the JWKS publishes the key by it.',
    );
  const alg = (value(env, 'NANO_MEET_KEY_ALG') ?? 'RS256') as PrivateKeyConfig['alg'];
  return {
    ...identity,
    alg,
    kid,
    privateKey: privateKey!.startsWith('{') ? (jsonOf(privateKey!, 'NANO_MEET_PRIVATE_KEY') as JWK) : privateKey!,
  };
}

function apiKeyHashOf(entry: string): ApiKeyHash {
  const colon = entry.lastIndexOf(':');
  return colon === -1 ? { sha256: entry } : { name: entry.slice(0, colon), sha256: entry.slice(colon + 1) };
}

function playoutFromEnv(env: Env, fromFile: TokenServiceConfig['playout']) {
  const whep = value(env, 'NANO_MEET_WHEP_URL');
  const hls = value(env, 'NANO_MEET_HLS_URL');
  if (whep === undefined && hls === undefined) return undefined;
  return { playout: { ...fromFile, ...(whep !== undefined && { whep }), ...(hls !== undefined && { hls }) } };
}

/** The Redis URL holds its password, so it may come from a file too; the prefix alone keeps the file's URL. */
async function redisFromEnv(env: Env, fromFile: TokenServiceConfig['redis']) {
  const url = await secretOf(env, 'NANO_MEET_REDIS_URL');
  const prefix = value(env, 'NANO_MEET_REDIS_PREFIX');
  if (url === undefined && prefix === undefined) return undefined;
  return {
    redis: {
      ...fromFile,
      ...(url !== undefined && { url }),
      ...(prefix !== undefined && { prefix }),
    } as TokenServiceConfig['redis'],
  };
}

/** A JSON setting from a variable or its `_FILE`, checked later with the rest of the configuration. */
async function jsonSettingOf(env: Env, name: string, setting: keyof TokenServiceConfig) {
  const text = await secretOf(env, name);
  return text === undefined ? undefined : { [setting]: jsonOf(text, name) };
}

function rateLimitOf(text: string, name: string): TokenServiceConfig['rateLimit'] {
  if (text === 'off') return false;
  const match = /^(\d+)\s*\/\s*(\d+)$/.exec(text);
  if (!match)
    throw new TokenServiceConfigError(
      'config-invalid',
      `${name} must be "<requests>/<seconds>" (e.g. 60/60) or "off".`,
    );
  return { requests: Number(match[1]), windowSeconds: Number(match[2]) };
}

const UNIT_SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** `3600`, `3600s`, `60m`, `12h`, `7d` → seconds. */
function secondsOf(text: string): number {
  const match = /^(\d+)\s*([smhd]?)$/.exec(text);
  if (!match)
    throw new TokenServiceConfigError(
      'config-invalid',
      'NANO_MEET_MAX_TOKEN_LIFETIME must be seconds or a number with s, m, h or d (e.g. 7d).',
    );
  return Number(match[1]) * UNIT_SECONDS[match[2]!]!;
}

function jsonOf(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the text, which holds keys.
    throw new TokenServiceConfigError('config-invalid', `${name} is not valid JSON.`);
  }
}

async function readConfigFile(path: string): Promise<Partial<TokenServiceConfig>> {
  const config = jsonOf(
    await readText(path, 'NANO_MEET_CONFIG'),
    `The config file ${path}`,
  ) as Partial<TokenServiceConfig>;
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new TokenServiceConfigError('config-invalid', `The config file ${path} must hold a JSON object.`);
  }
  if (Array.isArray(config.keys)) {
    const { dirname, resolve } = await import('node:path');
    config.keys = await Promise.all(
      config.keys.map(async (key, index) => {
        const { privateKeyFile, ...rest } = key as TokenServiceKeyConfig & { privateKeyFile?: unknown };
        if (typeof privateKeyFile !== 'string') return key;
        const text = await readText(resolve(dirname(path), privateKeyFile), `keys[${index}].privateKeyFile`);
        return {
          ...rest,
          privateKey: text.trim().startsWith('{') ? (jsonOf(text, `keys[${index}].privateKeyFile`) as JWK) : text,
        } as TokenServiceKeyConfig;
      }),
    );
  }
  return config;
}

async function readText(path: string, setting: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    throw new TokenServiceConfigError(
      'config-invalid',
      `${setting}: cannot read ${path} (${(cause as NodeJS.ErrnoException).code ?? 'error'}).`,
      { cause },
    );
  }
}

/** PKCS#1 (`BEGIN RSA PRIVATE KEY`) and SEC1 (`BEGIN EC PRIVATE KEY`) PEMs, as openssl writes them, become PKCS#8. */
async function normalizePem(key: TokenServiceKeyConfig): Promise<TokenServiceKeyConfig> {
  if (!('privateKey' in key) || typeof key.privateKey !== 'string') return key;
  const pem = key.privateKey.trim();
  if (!/^-----BEGIN (RSA|EC) PRIVATE KEY-----/.test(pem)) return { ...key, privateKey: pem };
  const { createPrivateKey } = await import('node:crypto');
  try {
    return { ...key, privateKey: createPrivateKey(pem).export({ format: 'pem', type: 'pkcs8' }).toString() };
  } catch (cause) {
    throw new TokenServiceConfigError(
      'config-invalid',
      `The private key of kid ${JSON.stringify(key.kid)} is not a valid PEM.`,
      { cause },
    );
  }
}
