import { decodeJwt } from 'jose/jwt/decode';
import { fillTemplate } from '../meeting/broadcast-urls.js';
import { createInviteToken } from '../token/create-invite-token.js';
import { createRoomToken } from '../token/create-room-token.js';
import { TokenError } from '../token/token-error.js';
import { inviteSetupSchema, parseSetup, roomSetupSchema } from '../token/token-setup.js';
import { isObject } from '../shared/json-checks.js';
import { findApiKey, storeApiKey, type StoredApiKey } from './api-keys.js';
import { createCorsPolicy } from './cors.js';
import { createKeyRing, resignWithCurrent, verifyWithRing, type KeyRing } from './key-ring.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import { readJsonBody } from './read-json-body.js';
import { resolveConfig, type TokenServiceConfig, type TokenServiceLogEntry } from './service-config.js';
import { ServiceError, statusOfTokenError } from './service-error.js';

/** The token service: a web-standard handler (Node via {@link toNodeListener}, serverless, edge). */
export interface TokenService {
  (request: Request): Promise<Response>;
  /** Settles once the keys are imported; rejects with the reason when they cannot be (requests then get 503). */
  readonly ready: Promise<void>;
}

/** Query parameters that would carry a credential in the URL, where proxies, logs and history keep it. */
const CREDENTIAL_PARAMS = ['api_key', 'apikey', 'api-key', 'key', 'x-api-key', 'access_token', 'token', 'jwt'];

/** What the request's log line may say about it (no secrets), filled in as the request gets along. */
type LogFields = Omit<TokenServiceLogEntry, 'level' | 'event'>;
interface Outcome {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
interface Route {
  methods: readonly string[];
  handle: (request: Request, fields: LogFields) => Promise<Outcome>;
}

/**
 * Makes the token service from its configuration (throws {@link TokenServiceConfigError} when it is not
 * valid). Routes:
 * - `POST /api/v1/rooms`: API key (`Authorization: Bearer` or `X-API-Key`) + the classic room setup →
 *   201 `{data: {expiration, notbefore, room, server, streamname, moderator, token}}`;
 * - `POST /api/v1/invites`: a moderator token (body `token` or `Authorization: Bearer`) + `{moderator, nbf?,
 *   exp?, user?}` → 201 `{data: {moderator, token, inviteLink}}`;
 * - `GET /.well-known/jwks.json`: the public keys of the asymmetric signing keys;
 * - `GET /healthz`.
 * Every refusal is JSON `{error: {code, message}}` with a stable code.
 */
export function createTokenService(config: TokenServiceConfig): TokenService {
  const settings = resolveConfig(config);
  const { clock, maxBodyBytes } = settings;
  const apiKeys: StoredApiKey[] = settings.apiKeys.map(storeApiKey);
  const allowedServers = new Set(settings.allowedServers.map((server) => server.toLowerCase()));
  const cors = createCorsPolicy(settings.corsOrigins);
  const limiter: RateLimiter | undefined = settings.rateLimit ? createRateLimiter(settings.rateLimit, clock) : undefined;
  const log = (entry: TokenServiceLogEntry) => {
    try {
      settings.log?.(entry);
    } catch {
      // A failing logger must not fail the request.
    }
  };

  // Importing keys is asynchronous (Web Crypto); requests wait for it, and a key that fails is logged once.
  const ring = createKeyRing(settings.keys);
  const ready = ring.then(() => undefined);
  // Handled here, so a caller that never awaits `ready` gets no unhandled rejection; awaiting it still throws.
  ready.catch(() => {});
  ring.catch((error: unknown) => {
    log({ level: 'error', event: 'service-error', code: 'config-invalid', message: error instanceof Error ? error.message : 'The signing keys could not be imported.' });
  });
  const keyRing = (): Promise<KeyRing> =>
    ring.catch(() => {
      throw new ServiceError(503, 'service-unavailable', 'The token service’s signing keys could not be loaded; see its log.');
    });

  function rateLimit(caller: string) {
    const decision = limiter?.take(caller);
    if (decision && !decision.ok) {
      throw new ServiceError(429, 'rate-limited', `Too many requests; try again in ${decision.retryAfterSeconds} s.`, {
        'retry-after': String(decision.retryAfterSeconds),
      });
    }
  }

  async function createRoom(request: Request, fields: LogFields): Promise<Outcome> {
    const apiKey = await authenticate(request, apiKeys);
    fields.apiKey = apiKey.name;
    rateLimit(`api-key:${apiKey.id}`);
    const setup = parseSetup(roomSetupSchema, await readJsonBody(request, maxBodyBytes), 'room setup');
    Object.assign(fields, { room: setup.room, server: setup.server, moderator: setup.moderator });
    if (!allowedServers.has(setup.server.toLowerCase())) {
      throw new ServiceError(403, 'server-not-allowed', `This service does not issue tokens for ${setup.server}; use one of its meeting servers.`);
    }
    const { current } = await keyRing();
    const token = await createRoomToken(current.signing, setup, { now: clock() });
    if (current.kid !== undefined) fields.kid = current.kid;
    const claims = decodeJwt(token) as { nbf: number; exp: number };
    const values = { streamname: setup.streamname, server: setup.server };
    const playout = settings.playout && {
      ...(settings.playout.whep && { whep: fillTemplate(settings.playout.whep, values) }),
      ...(settings.playout.hls && { hls: fillTemplate(settings.playout.hls, values) }),
    };
    const data = {
      expiration: new Date(claims.exp * 1000).toISOString(),
      notbefore: new Date(claims.nbf * 1000).toISOString(),
      room: setup.room,
      server: setup.server,
      streamname: setup.streamname,
      moderator: setup.moderator,
      token,
      ...(playout && { playout }),
    };
    return { status: 201, body: { data } };
  }

  async function createInvite(request: Request, fields: LogFields): Promise<Outcome> {
    const body = await readJsonBody(request, maxBodyBytes);
    if (!isObject(body)) throw new TokenError('setup-invalid', 'The invite setup must be a JSON object: {token, moderator, nbf?, exp?, user?}.');
    const { token: bodyToken, ...input } = body;
    const setup = parseSetup(inviteSetupSchema, input, 'invite setup');
    fields.moderator = setup.moderator;
    const keys = await keyRing();
    const now = clock();
    const parent = await verifyWithRing(keys, bodyToken ?? bearerOf(request), now);
    if (!parent.ok) throw parent.error;
    Object.assign(fields, { room: parent.token.room, server: parent.token.server });
    // Per moderator token: a leaked one cannot mint invites without end.
    rateLimit(`token:${parent.token.id}`);
    let token = await createInviteToken(parent.key.signing, parent.token.jwt, setup, { now });
    if (parent.key !== keys.current) token = await resignWithCurrent(keys, token);
    if (keys.current.kid !== undefined) fields.kid = keys.current.kid;
    const inviteLink = settings.inviteUrl?.replaceAll('{token}', encodeURIComponent(token));
    return { status: 201, body: { data: { moderator: setup.moderator, token, ...(inviteLink !== undefined && { inviteLink }) } } };
  }

  const routes: Record<string, Route> = {
    '/api/v1/rooms': { methods: ['POST'], handle: createRoom },
    '/api/v1/invites': { methods: ['POST'], handle: createInvite },
    '/.well-known/jwks.json': {
      methods: ['GET', 'HEAD'],
      handle: async () => ({ status: 200, body: (await keyRing()).jwks, headers: { 'cache-control': 'public, max-age=300' } }),
    },
    '/healthz': {
      methods: ['GET', 'HEAD'],
      handle: async () => {
        await keyRing();
        return { status: 200, body: { status: 'ok' } };
      },
    },
  };

  async function route(request: Request, url: URL, fields: LogFields): Promise<Outcome | Response> {
    if (CREDENTIAL_PARAMS.some((name) => url.searchParams.has(name))) {
      throw new ServiceError(400, 'credential-in-url', 'Never put an API key or token in the URL (logs and proxies keep URLs): send the API key in the Authorization or X-API-Key header, the token in the JSON body. Revoke a key that was sent in a URL.');
    }
    const found = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined;
    if (!found) throw new ServiceError(404, 'not-found', `There is no ${url.pathname} here; the API is under /api/v1/.`);
    const refusal = cors.refusal(request);
    if (refusal) throw refusal;
    if (cors.isPreflight(request)) return cors.preflight(request, found.methods);
    if (!found.methods.includes(request.method)) {
      const allow = [...found.methods, 'OPTIONS'].join(', ');
      if (request.method === 'OPTIONS') return { status: 204, headers: { allow } };
      throw new ServiceError(405, 'method-not-allowed', `${url.pathname} takes ${found.methods.join(' or ')}.`, { allow });
    }
    return found.handle(request, fields);
  }

  const service = async (request: Request): Promise<Response> => {
    const started = performance.now();
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      url = new URL('http://invalid/');
    }
    const fields: LogFields = {};
    let outcome: Outcome | Response;
    try {
      outcome = await route(request, url, fields);
    } catch (error) {
      outcome = refusalOf(error, log);
    }
    const response = outcome instanceof Response ? outcome : toResponse(outcome, request);
    for (const [name, value] of Object.entries(cors.headersFor(request))) response.headers.set(name, value);
    const code = outcome instanceof Response ? undefined : (outcome.body as { error?: { code?: string } } | undefined)?.error?.code;
    log({
      level: response.status >= 500 ? 'error' : response.status >= 400 ? 'warn' : 'info',
      event: 'request',
      method: request.method,
      path: url.pathname,
      status: response.status,
      ...(code !== undefined && { code }),
      durationMs: Math.round(performance.now() - started),
      ...(request.headers.has('origin') && { origin: request.headers.get('origin')! }),
      ...fields,
    });
    return response;
  };
  return Object.assign(service, { ready });
}

/** The API key from `X-API-Key` or `Authorization: Bearer`, checked against the configured digests. */
async function authenticate(request: Request, apiKeys: readonly StoredApiKey[]): Promise<StoredApiKey> {
  const presented = request.headers.get('x-api-key') ?? bearerOf(request);
  const found = presented ? await findApiKey(presented, apiKeys) : undefined;
  if (found) return found;
  throw new ServiceError(401, 'api-key-invalid', presented ? 'This API key is not valid for this service.' : 'Send your API key in the Authorization (Bearer) or X-API-Key header.', {
    'www-authenticate': 'Bearer',
  });
}

function bearerOf(request: Request): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1];
}

/** Any error as a JSON refusal; unexpected ones become a 500 whose details stay in the log, by name only. */
function refusalOf(error: unknown, log: (entry: TokenServiceLogEntry) => void): Outcome {
  if (error instanceof ServiceError) return refusal(error.status, error.code, error.message, error.headers);
  if (error instanceof TokenError) return refusal(statusOfTokenError(error.code), error.code, error.message);
  // By name only: an unexpected error's message could quote anything, a key included.
  log({ level: 'error', event: 'service-error', code: 'internal-error', message: error instanceof Error ? error.name : typeof error });
  return refusal(500, 'internal-error', 'The token service failed; try again later.');
}

function refusal(status: number, code: string, message: string, headers: Record<string, string> = {}): Outcome {
  return { status, body: { error: { code, message } }, headers };
}

function toResponse({ status, body, headers }: Outcome, request: Request): Response {
  const hasBody = body !== undefined && request.method !== 'HEAD';
  return new Response(hasBody ? JSON.stringify(body) : null, {
    status,
    headers: {
      // Tokens must not sit in shared caches; routes that may be cached say so.
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...(body !== undefined && { 'content-type': 'application/json; charset=utf-8' }),
      ...headers,
    },
  });
}
