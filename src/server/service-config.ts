import * as z from 'zod/mini';
import type { JWK } from 'jose';
import { checkBranding, type Branding } from '../branding/branding-schema.js';
import { CodedError } from '../shared/coded-error.js';
import { MIN_SECRET_LENGTH } from '../token/signing-key.js';
import { isValidServerHost } from '../token/server-host.js';
import { SHA256_HEX, type ApiKeyHash } from './api-keys.js';
import type { RateLimit } from './rate-limiter.js';
import type { RedisStoreOptions } from './store/redis-store.js';
import type { ServiceStore } from './store/service-store.js';

/** An HS256 key: the `app_secret` of a self-hosted Jitsi with token authentication. */
export interface SharedSecretKeyConfig {
  /** Jitsi's `app_id` (the tokens' `iss`). */
  appId: string;
  /** At least 32 characters. */
  secret: string;
  /** Put in the tokens' header, so that verifiers can tell rotated secrets apart. */
  kid?: string;
  audience?: string;
  subject?: string;
  /** The key that signs new tokens; required when there are several keys. */
  current?: boolean;
}

/** An RS256 (Jitsi ASAP, JaaS), ES256 or EdDSA key, published by kid in `/.well-known/jwks.json`. */
export interface PrivateKeyConfig {
  appId: string;
  alg: 'RS256' | 'ES256' | 'EdDSA';
  /** JaaS: `vpaas-magic-cookie-<appId>/<keyId>`. */
  kid: string;
  /** A PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`) or a private JWK. */
  privateKey: string | JWK;
  audience?: string;
  subject?: string;
  current?: boolean;
}

/** One signing key. With several, one is `current` (it signs) and all verify, for rotation. */
export type TokenServiceKeyConfig = SharedSecretKeyConfig | PrivateKeyConfig;

/** What the service writes to its `log` hook: never an API key, a secret, a private key or a token. */
export interface TokenServiceLogEntry {
  level: 'info' | 'warn' | 'error';
  /**
   * `request`: one per request; `service-error`: something the operator must fix or look at (`code`
   * `store-unavailable`: the store went away, once per outage); `store-recovered`: the store answers again.
   */
  event: 'request' | 'service-error' | 'store-recovered';
  /** A fresh id per request, also sent back as the `X-Request-Id` header, so that a client can quote it. */
  requestId?: string;
  /** The route that served the request (`/api/v1/rooms`); absent for a path the service does not serve. */
  route?: string;
  method?: string;
  /** The path only, with key- and token-shaped pieces redacted: the query string is never logged. */
  path?: string;
  status?: number;
  /** The error code of a refused request. */
  code?: string;
  durationMs?: number;
  /** The name of the API key that was used (never the key). */
  apiKey?: string;
  origin?: string;
  room?: string;
  server?: string;
  moderator?: boolean;
  /** The kid of the key that signed the new token. */
  kid?: string;
  message?: string;
}

/** Where viewers watch a room's broadcast; `{streamname}` and `{server}` are filled in. */
export interface PlayoutTemplates {
  /** e.g. `https://{server}/whep/{streamname}` */
  whep?: string;
  /** e.g. `https://{server}/hls/{streamname}/index.m3u8` */
  hls?: string;
}

/** The token service's configuration: see {@link loadConfigFromEnv} for the environment variables. */
export interface TokenServiceConfig {
  keys: TokenServiceKeyConfig[];
  /** The SHA-256 digests of the API keys that may create rooms ({@link hashApiKey}). */
  apiKeys: ApiKeyHash[];
  /** Meeting servers (host, optional port) rooms may be created on; any other → 403 `server-not-allowed`. */
  allowedServers: string[];
  /** Exact origins (`https://app.example`) whose pages may call the service. Default: none. */
  corsOrigins?: string[];
  /** The invite page, with `{token}`: e.g. `https://app.example/meeting.html?token={token}`. */
  inviteUrl?: string;
  /** When set, room responses also carry `playout` addresses. */
  playout?: PlayoutTemplates;
  /**
   * Per API key (rooms) and per chain of invites (all invites that descend from one room token). Default 60 per
   * 60 s; `false` turns it off.
   */
  rateLimit?: RateLimit | false;
  /**
   * Wrong API keys per client (see `clientAddress`): past the limit, every API-key request of that client is
   * answered 429 with `Retry-After` until the window ends, right keys included, so that the answers do not tell
   * whether a key exists. Default 10 per 600 s; `false` turns it off.
   */
  failedApiKeyLimit?: RateLimit | false;
  /**
   * The longest a room token may be valid, in seconds, from its `nbf` (or from now, when `nbf` is past).
   * Default 7 days (604800), the classic API's one-week room. Invites never outlive their parent.
   */
  maxTokenLifetimeSeconds?: number;
  /**
   * The header in which a trusted proxy in front of the service names the client's address (`x-real-ip`,
   * `cf-connecting-ip`; for `x-forwarded-for` its last entry, the one the proxy added). Only set it behind such
   * a proxy: a client could send the header itself.
   */
  clientAddressHeader?: string;
  /**
   * Who the client is, for the failed-API-key limit. Default: `clientAddressHeader` when set, else the socket's
   * remote address when the service is served through `toNodeListener`, else one shared client (`unknown`).
   * On serverless and edge runtimes, pass the platform's client address here. (Under `toNodeListener` the
   * Request it gets has the method, URL and headers, but no body: the service reads that itself.)
   */
  clientAddress?: (request: Request) => string | undefined;
  /** Default 16 KiB. */
  maxBodyBytes?: number;
  /**
   * Keep rate limits and room brandings in Redis, shared by every instance that names the same Redis (and
   * prefix), instead of in this process's memory. Needs the `@redis/client` package. While Redis cannot be
   * reached, what needs it is answered 503 `store-unavailable`.
   */
  redis?: RedisStoreOptions;
  /** Another shared store (e.g. a serverless platform's key-value store); instead of `redis`. */
  store?: ServiceStore;
  /**
   * The branding Jitsi shows (through its `brandingDataUrl`, `GET /api/v1/branding`) in rooms that were not given
   * one when they were created, unless their tenant has one in `tenantBrandings`.
   */
  defaultBranding?: Branding;
  /** The branding of the rooms of a tenant (the first segment of `tenant/room` in the meeting URL), by tenant name. */
  tenantBrandings?: Record<string, Branding>;
  /** Receives one structured entry per request. Never given secrets. */
  log?: (entry: TokenServiceLogEntry) => void;
  /** Milliseconds since the epoch (default `Date.now`): for tests. */
  clock?: () => number;
}

/** The configuration cannot be used; the message names the setting (never its value). */
export class TokenServiceConfigError extends CodedError<'config-invalid'> {
  override readonly name = 'TokenServiceConfigError';
}

export const DEFAULT_RATE_LIMIT: RateLimit = { requests: 60, windowSeconds: 60 };
export const DEFAULT_FAILED_API_KEY_LIMIT: RateLimit = { requests: 10, windowSeconds: 600 };
/** One week: the classic API's example room. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 7 * 24 * 3600;
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

const text = z.string().check(z.minLength(1), z.maxLength(256));
const common = { appId: text, audience: z.optional(text), subject: z.optional(text), current: z.optional(z.boolean()) };

const sharedSecretKeySchema = z.strictObject({
  ...common,
  secret: z.string().check(z.minLength(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`)),
  kid: z.optional(text),
});

const privateKeySchema = z.strictObject({
  ...common,
  alg: z.enum(['RS256', 'ES256', 'EdDSA']),
  kid: text,
  privateKey: z.union([
    z
      .string()
      .check(
        z.refine(
          (pem) => pem.trim().startsWith('-----BEGIN PRIVATE KEY-----'),
          'must be a PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)',
        ),
      ),
    z.looseObject({ kty: z.string(), d: z.string() }),
  ]),
});

const httpTemplate = (placeholder: string) =>
  z.string().check(
    z.refine(
      (value) => /^https?:\/\//i.test(value) && URL.canParse(value.replaceAll(/\{\w+\}/g, 'x')),
      'must be an http(s) URL',
    ),
    z.refine((value) => value.includes(placeholder), `must contain ${placeholder}`),
  );

const origin = z.string().check(
  z.refine((value) => value !== '*', '"*" is not allowed: the API takes credentials, so list the exact origins'),
  z.refine(
    (value) => URL.canParse(value) && new URL(value).origin === value,
    'must be an origin such as https://app.example (scheme, host, optional port; no path or trailing slash)',
  ),
);

const rateLimitSchema = z.union([
  z.literal(false),
  z.strictObject({ requests: z.int().check(z.positive()), windowSeconds: z.int().check(z.positive()) }),
]);

const configSchema = z.strictObject({
  keys: z.array(z.union([sharedSecretKeySchema, privateKeySchema])).check(
    z.minLength(1, 'needs at least one signing key'),
    z.refine(
      (keys) => keys.length === 1 || keys.filter((key) => key.current).length === 1,
      'with several keys, exactly one must be current: true',
    ),
    z.refine(
      (keys) => keys.length === 1 || keys.filter((key) => key.current).length <= 1,
      'only one key may be current',
    ),
    z.refine((keys) => {
      const kids = keys.flatMap((key) => (key.kid === undefined ? [] : [key.kid]));
      return new Set(kids).size === kids.length;
    }, 'kids must be unique'),
  ),
  apiKeys: z.array(
    z.strictObject({
      sha256: z.string().check(z.regex(SHA256_HEX, 'must be the SHA-256 of the key as 64 hex digits (hashApiKey)')),
      name: z.optional(text),
    }),
  ),
  allowedServers: z
    .array(z.string().check(z.refine(isValidServerHost, 'must be a host name with an optional port, not a URL')))
    .check(z.minLength(1, 'needs at least one meeting server')),
  corsOrigins: z.optional(z.array(origin)),
  inviteUrl: z.optional(httpTemplate('{token}')),
  playout: z.optional(
    z.strictObject({ whep: z.optional(httpTemplate('{streamname}')), hls: z.optional(httpTemplate('{streamname}')) }),
  ),
  rateLimit: z.optional(rateLimitSchema),
  failedApiKeyLimit: z.optional(rateLimitSchema),
  maxTokenLifetimeSeconds: z.optional(z.int().check(z.gte(60), z.lte(366 * 24 * 3600))),
  clientAddressHeader: z.optional(z.string().check(z.regex(/^[a-z0-9-]{1,64}$/i, 'must be a header name'))),
  clientAddress: z.optional(
    z.custom<TokenServiceConfig['clientAddress']>((value) => typeof value === 'function', 'must be a function'),
  ),
  maxBodyBytes: z.optional(z.int().check(z.gte(256), z.lte(1024 * 1024))),
  redis: z.optional(
    z.strictObject({
      url: z
        .string()
        .check(
          z.refine(
            (value) => /^rediss?:\/\//i.test(value) && URL.canParse(value),
            'must be a redis:// or rediss:// URL',
          ),
        ),
      prefix: z.optional(text),
    }),
  ),
  store: z.optional(
    z.custom<ServiceStore>(
      isStore,
      'must be a ServiceStore (increment, peek, setRoomBranding, getRoomBranding, ping, close)',
    ),
  ),
  defaultBranding: z.optional(z.unknown()),
  tenantBrandings: z.optional(z.record(z.string(), z.unknown())),
  log: z.optional(z.custom<TokenServiceConfig['log']>((value) => typeof value === 'function', 'must be a function')),
  clock: z.optional(
    z.custom<TokenServiceConfig['clock']>((value) => typeof value === 'function', 'must be a function'),
  ),
});

const STORE_METHODS = ['increment', 'peek', 'setRoomBranding', 'getRoomBranding', 'ping', 'close'] as const;

function isStore(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    STORE_METHODS.every((name) => typeof (value as Record<string, unknown>)[name] === 'function')
  );
}

/** The configuration with its defaults, checked. */
export interface ResolvedConfig extends Omit<
  TokenServiceConfig,
  | 'rateLimit'
  | 'failedApiKeyLimit'
  | 'maxTokenLifetimeSeconds'
  | 'maxBodyBytes'
  | 'clock'
  | 'corsOrigins'
  | 'tenantBrandings'
> {
  corsOrigins: string[];
  rateLimit: RateLimit | false;
  failedApiKeyLimit: RateLimit | false;
  maxTokenLifetimeSeconds: number;
  maxBodyBytes: number;
  clock: () => number;
  /** By lower-cased tenant name. */
  tenantBrandings: Map<string, Branding>;
}

/** Checks a configuration; throws {@link TokenServiceConfigError} naming what is wrong. */
export function resolveConfig(config: TokenServiceConfig): ResolvedConfig {
  const parsed = configSchema.safeParse(config);
  // The messages name settings and rules only; zod does not quote the values (which may be secrets).
  if (!parsed.success)
    throw new TokenServiceConfigError(
      'config-invalid',
      `The token service configuration is not valid:\n${z.prettifyError(parsed.error)}`,
    );
  if (config.redis && config.store)
    throw new TokenServiceConfigError('config-invalid', 'Set redis or store, not both.');
  // Checked as the element checks a branding, so that a room looks the same in the element and inside Jitsi.
  const problems: string[] = [];
  const defaultBranding =
    config.defaultBranding === undefined
      ? undefined
      : checkBranding(config.defaultBranding, problems, 'defaultBranding');
  const tenantBrandings = new Map(
    Object.entries(config.tenantBrandings ?? {}).map(([tenant, branding]) => {
      // A tenant is one segment of the meeting's path.
      if (!/^[^/]{1,256}$/.test(tenant))
        problems.push(`tenantBrandings: a tenant name must be 1–256 characters without "/"`);
      return [tenant.toLowerCase(), checkBranding(branding, problems, `tenantBrandings.${tenant}`)];
    }),
  );
  if (problems.length > 0)
    throw new TokenServiceConfigError(
      'config-invalid',
      `The token service configuration is not valid:\n${problems.join('\n')}`,
    );
  return {
    ...(config as TokenServiceConfig),
    ...(defaultBranding && { defaultBranding }),
    tenantBrandings,
    corsOrigins: config.corsOrigins ?? [],
    rateLimit: config.rateLimit ?? DEFAULT_RATE_LIMIT,
    failedApiKeyLimit: config.failedApiKeyLimit ?? DEFAULT_FAILED_API_KEY_LIMIT,
    maxTokenLifetimeSeconds: config.maxTokenLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
    maxBodyBytes: config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    clock: config.clock ?? Date.now,
  };
}
