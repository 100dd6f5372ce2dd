// Over 400 lines on purpose: the service's routes, each short, in one file so that the order of checks every
// request goes through (method, API key and its throttle, body, setup, limits, store) reads top to bottom in one
// place; keys, limits, stores, CORS, redaction and the Node adapter are modules of their own beside it.
import { fillTemplate } from '../broadcast/broadcast-addresses.js';
import { checkBranding, type Branding } from '../branding/branding-schema.js';
import { createInviteToken } from '../token/create-invite-token.js';
import { signRoomToken } from '../token/create-room-token.js';
import { TokenError } from '../token/token-error.js';
import { jitsiRoomName } from '../token/room-name.js';
import { epochSecondsOf, inviteSetupSchema, parseSetup, roomSetupSchema } from '../token/token-setup.js';
import { isObject } from '../shared/json-checks.js';
import { findApiKey, storeApiKey, type StoredApiKey } from './api-keys.js';
import { createCorsPolicy } from './cors.js';
import { jitsiBrandingDataOf, parseConferenceFqn } from './jitsi-branding-data.js';
import { createKeyRing, resignWithCurrent, verifyWithRing, type KeyRing } from './key-ring.js';
import { socketAddressOf } from './node-listener.js';
import { createRateLimiter, retryAfterOf, type RateDecision, type RateLimit } from './rate-limiter.js';
import { readJsonBody } from './read-json-body.js';
import { redact, redactOrigin } from './redact.js';
import { resolveConfig, type TokenServiceConfig, type TokenServiceLogEntry } from './service-config.js';
import {
  SERVICE_EXCHANGE,
  FetchServiceRequest,
  toFetchResponse,
  type ServiceAnswer,
  type ServiceRequest,
  type UnreadableRequest,
} from './service-exchange.js';
import { ServiceError, statusOfTokenError } from './service-error.js';
import { guardStore } from './store/guard-store.js';
import { openStore } from './store/open-store.js';

/** The token service: a web-standard handler (Node via {@link toNodeListener}, serverless, edge). */
export interface TokenService {
  (request: Request): Promise<Response>;
  /**
   * Settles once the keys are imported and the store is set up (not: reachable; see `GET /readyz`); rejects with
   * the reason when either cannot be (requests then get 503).
   */
  readonly ready: Promise<void>;
  /**
   * Answers (and logs) a request that Node accepted but that cannot become a `Request`: for toNodeListener around
   * a handler that wraps this one.
   */
  answerUnreadable(request: UnreadableRequest): Response;
  /**
   * Stops the service: requests from now on are answered 503 `shutting-down`, those under way finish, then the
   * store's connections close. Resolves when all that is done.
   */
  close(): Promise<void>;
}

/** Query parameters that would carry a credential in the URL, where proxies, logs and history keep it. */
const CREDENTIAL_PARAMS = ['api_key', 'apikey', 'api-key', 'key', 'x-api-key', 'access_token', 'token', 'jwt'];

/** What the request's log line may say about it (no secrets), filled in as the request gets along. */
type LogFields = Omit<TokenServiceLogEntry, 'level' | 'event'>;
interface Outcome {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** These headers only, without the JSON answers' own (a CORS preflight's answer). */
  bare?: boolean;
}
interface Route {
  methods: readonly string[];
  handle: (request: ServiceRequest, fields: LogFields) => Promise<Outcome>;
  /**
   * Public data that any page may read (Jitsi's meeting page fetches the branding from its own origin): no CORS
   * refusal, `Access-Control-Allow-Origin: *`. Such a route takes no credentials.
   */
  public?: boolean;
}

/** How long Jitsi (and any cache between) may keep a room's branding answer: a changed branding shows within it. */
const BRANDING_MAX_AGE_SECONDS = 60;

/**
 * Makes the token service from its configuration (throws {@link TokenServiceConfigError} when it is not
 * valid). Routes:
 * - `POST /api/v1/rooms`: API key (`Authorization: Bearer` or `X-API-Key`) + the classic room setup →
 *   201 `{data: {expiration, notbefore, room, server, streamname, moderator, token}}`. The setup may carry a
 *   `branding` (checked as the element checks one), kept for the room until `exp`;
 * - `POST /api/v1/invites`: a moderator token (body `token` or `Authorization: Bearer`) + `{moderator, nbf?,
 *   exp?, user?}` → 201 `{data: {moderator, token, inviteLink}}`;
 * - `GET /api/v1/branding?conferenceFqn=<room>|<tenant>/<room>`: Jitsi's dynamic branding for the room, for its
 *   `brandingDataUrl` (docs/jitsi/branding.md §2): the room's branding, else its tenant's, else the default one,
 *   else `{defaultBranding: true}` (Jitsi's own look);
 * - `GET /.well-known/jwks.json`: the public keys of the asymmetric signing keys;
 * - `GET /healthz`: the process answers; `GET /readyz`: the keys are loaded and the store answers (else 503).
 * Every refusal is JSON `{error: {code, message}}` with a stable code.
 */
export function createTokenService(config: TokenServiceConfig): TokenService {
  const settings = resolveConfig(config);
  const { clock, maxBodyBytes } = settings;
  const apiKeys: StoredApiKey[] = settings.apiKeys.map(storeApiKey);
  const allowedServers = new Set(settings.allowedServers.map((server) => server.toLowerCase()));
  const cors = createCorsPolicy(settings.corsOrigins);
  const storeReady = openStore(settings);
  const store = guardStore(storeReady, (state, reason) => {
    if (state === 'recovered') log({ level: 'info', event: 'store-recovered', message: 'The store answers again.' });
    else
      log({
        level: 'error',
        event: 'service-error',
        code: 'store-unavailable',
        message: `The store cannot be reached (${reason}); answering 503 until it is back.`,
      });
  });
  const limiterOf = (limit: RateLimit | false, prefix: string) =>
    limit ? createRateLimiter(limit, store, prefix) : undefined;
  const limiter = limiterOf(settings.rateLimit, 'rate');
  const failedKeys = limiterOf(settings.failedApiKeyLimit, 'failed-api-keys');
  const log = (entry: TokenServiceLogEntry) => {
    try {
      settings.log?.(entry);
    } catch {
      // A failing logger must not fail the request.
    }
  };

  // Importing keys is asynchronous (Web Crypto); requests wait for it, and a key that fails is logged once.
  const ring = createKeyRing(settings.keys);
  const ready = Promise.all([ring, storeReady]).then(() => undefined);
  // Handled here, so a caller that never awaits `ready` gets no unhandled rejection; awaiting it still throws.
  ready.catch(() => {});
  for (const [setup, fallback] of [
    [ring, 'The signing keys could not be imported.'],
    [storeReady, 'The store could not be set up.'],
  ] as const) {
    setup.catch((error: unknown) => {
      log({
        level: 'error',
        event: 'service-error',
        code: 'config-invalid',
        message: error instanceof Error ? error.message : fallback,
      });
    });
  }
  // Once imported, the keys are used as they are: no promise to wait for per request.
  let loadedRing: KeyRing | undefined;
  ring.then(
    (keys) => (loadedRing = keys),
    () => {},
  );
  const keyRing = (): KeyRing | Promise<KeyRing> =>
    loadedRing ??
    ring.catch(() => {
      throw new ServiceError(
        503,
        'service-unavailable',
        'The token service’s signing keys could not be loaded; see its log.',
      );
    });

  function refuseWhenLimited(decision: RateDecision | undefined) {
    if (decision && !decision.ok) {
      throw new ServiceError(429, 'rate-limited', `Too many requests; try again in ${decision.retryAfterSeconds} s.`, {
        'retry-after': String(decision.retryAfterSeconds),
      });
    }
  }

  const clientOf = (request: ServiceRequest): string =>
    settings.clientAddress?.(request.fetchRequest()) ??
    headerAddressOf(request, settings.clientAddressHeader) ??
    request.socketAddress ??
    'unknown';

  /**
   * The API key from `X-API-Key` or `Authorization: Bearer`, checked against the configured digests. A client
   * past its limit of wrong keys gets 429 whatever it sends, so that no answer tells whether a key exists.
   */
  async function authenticate(request: ServiceRequest): Promise<StoredApiKey> {
    const client = clientOf(request);
    if (failedKeys) refuseWhenLimited(await failedKeys.check(client));
    const presented = request.header('x-api-key') ?? bearerOf(request);
    const found = presented ? await findApiKey(presented, apiKeys) : undefined;
    if (found) return found;
    if (presented) await failedKeys?.take(client);
    throw new ServiceError(
      401,
      'api-key-invalid',
      presented
        ? 'This API key is not valid for this service.'
        : 'Send your API key in the Authorization (Bearer) or X-API-Key header.',
      {
        'www-authenticate': 'Bearer',
      },
    );
  }

  /** A room token may be valid for at most maxTokenLifetimeSeconds, counted from when it can first be used. */
  function checkLifetime(claims: { nbf: number; exp: number }) {
    const usableFrom = Math.max(claims.nbf, Math.floor(clock() / 1000));
    const lifetime = claims.exp - usableFrom;
    const max = settings.maxTokenLifetimeSeconds;
    if (lifetime > max) {
      throw new TokenError(
        'setup-invalid',
        `The token would be valid for ${durationOf(lifetime)}; this service issues tokens valid for at most ${durationOf(max)} (exp − nbf).`,
      );
    }
  }

  async function createRoom(request: ServiceRequest, fields: LogFields): Promise<Outcome> {
    const apiKey = await authenticate(request);
    fields.apiKey = apiKey.name;
    if (limiter) refuseWhenLimited(await limiter.take(`api-key:${apiKey.id}`));
    const body = await readJsonBody(request, maxBodyBytes);
    // The branding travels beside the classic setup, whose schema takes nothing else.
    const { branding: brandingInput, ...setupInput } = isObject(body) ? body : {};
    const setup = parseSetup(roomSetupSchema, isObject(body) ? setupInput : body, 'room setup');
    const branding = brandingInput === undefined ? undefined : brandingOf(brandingInput);
    Object.assign(fields, { room: setup.room, server: setup.server, moderator: setup.moderator });
    if (!allowedServers.has(setup.server.toLowerCase())) {
      throw new ServiceError(
        403,
        'server-not-allowed',
        `This service does not issue tokens for ${setup.server}; use one of its meeting servers.`,
      );
    }
    // The token's own nbf and exp, as createRoomToken reckons them: no need to read back the token just signed.
    const claims = { nbf: epochSecondsOf(setup.nbf), exp: epochSecondsOf(setup.exp) };
    checkLifetime(claims);
    const { current } = await keyRing();
    // Parsed above: signed without checking the setup again (the checks are a fifth of the cost of a token).
    const token = await signRoomToken(current.signing, setup, { now: clock() });
    if (current.kid !== undefined) fields.kid = current.kid;
    // Kept while the room's tokens are valid; Jitsi asks for it by the room's name, which it does not tell by case.
    if (branding)
      await store.setRoomBranding(jitsiRoomName(setup.room), JSON.stringify(branding), claims.exp - clock() / 1000);
    const place = { streamName: setup.streamname, server: setup.server };
    const playout = settings.playout && {
      ...(settings.playout.whep && { whep: fillTemplate(settings.playout.whep, place) }),
      ...(settings.playout.hls && { hls: fillTemplate(settings.playout.hls, place) }),
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

  /** The room's branding, checked as the element checks one. */
  function brandingOf(input: unknown): Branding {
    const problems: string[] = [];
    const branding = checkBranding(input, problems, 'branding');
    if (problems.length > 0)
      throw new ServiceError(400, 'branding-invalid', `The room’s branding is not valid:\n${problems.join('\n')}`);
    return branding;
  }

  /** Jitsi's `brandingDataUrl` request: the room's own branding, its tenant's, the default one, or Jitsi's look. */
  async function brandingData({ url }: ServiceRequest): Promise<Outcome> {
    const { tenant, room } = parseConferenceFqn(url.searchParams.get('conferenceFqn'));
    const stored = await store.getRoomBranding(tenant === undefined ? room : `${tenant}/${room}`);
    const branding =
      stored === undefined
        ? (tenant !== undefined && settings.tenantBrandings.get(tenant)) || settings.defaultBranding
        : (JSON.parse(stored) as Branding);
    return {
      status: 200,
      body: jitsiBrandingDataOf(branding),
      headers: { 'cache-control': `public, max-age=${BRANDING_MAX_AGE_SECONDS}` },
    };
  }

  async function createInvite(request: ServiceRequest, fields: LogFields): Promise<Outcome> {
    const body = await readJsonBody(request, maxBodyBytes);
    if (!isObject(body))
      throw new TokenError(
        'setup-invalid',
        'The invite setup must be a JSON object: {token, moderator, nbf?, exp?, user?}.',
      );
    const { token: bodyToken, ...input } = body;
    const setup = parseSetup(inviteSetupSchema, input, 'invite setup');
    fields.moderator = setup.moderator;
    const keys = await keyRing();
    const now = clock();
    const parent = await verifyWithRing(keys, bodyToken ?? bearerOf(request), now);
    if (!parent.ok) throw parent.error;
    Object.assign(fields, { room: parent.token.room, server: parent.token.server });
    // Per chain of invites (every invite carries a new id, so per parent would let chains multiply the budget):
    // a leaked moderator token cannot mint invites without end. Older invites without a root count by parent.
    const lineage = parent.token.rootId ?? parent.token.parentId ?? parent.token.id;
    if (limiter) refuseWhenLimited(await limiter.take(`lineage:${lineage}`));
    let token = await createInviteToken(parent.key.signing, parent.token.jwt, setup, { now });
    if (parent.key !== keys.current) token = await resignWithCurrent(keys, token);
    if (keys.current.kid !== undefined) fields.kid = keys.current.kid;
    const inviteLink = settings.inviteUrl?.replaceAll('{token}', encodeURIComponent(token));
    return {
      status: 201,
      body: { data: { moderator: setup.moderator, token, ...(inviteLink !== undefined && { inviteLink }) } },
    };
  }

  const routes: Record<string, Route> = {
    '/api/v1/rooms': { methods: ['POST'], handle: createRoom },
    '/api/v1/invites': { methods: ['POST'], handle: createInvite },
    '/.well-known/jwks.json': {
      methods: ['GET', 'HEAD'],
      handle: async () => ({
        status: 200,
        body: (await keyRing()).jwks,
        headers: { 'cache-control': 'public, max-age=300' },
      }),
    },
    '/api/v1/branding': { methods: ['GET', 'HEAD'], handle: brandingData, public: true },
    // The process answers: a load balancer that restarts instances asks here.
    '/healthz': { methods: ['GET', 'HEAD'], handle: async () => ({ status: 200, body: { status: 'ok' } }) },
    // The instance can serve: keys imported and store reachable. A load balancer sends requests only here.
    '/readyz': {
      methods: ['GET', 'HEAD'],
      handle: async () => {
        await keyRing();
        await store.ping();
        return { status: 200, body: { status: 'ready' } };
      },
    },
  };

  const routeOf = (path: string): Route | undefined => (Object.hasOwn(routes, path) ? routes[path] : undefined);
  const allowOf = (found: Route) => [...found.methods, 'OPTIONS'].join(', ');
  const notFound = (path: string) =>
    new ServiceError(404, 'not-found', `There is no ${redact(path)} here; the API is under /api/v1/.`);

  async function route(request: ServiceRequest, fields: LogFields): Promise<Outcome> {
    const { url } = request;
    if (url.search !== '' && CREDENTIAL_PARAMS.some((name) => url.searchParams.has(name))) {
      throw new ServiceError(
        400,
        'credential-in-url',
        'Never put an API key or token in the URL (logs and proxies keep URLs): send the API key in the Authorization or X-API-Key header, the token in the JSON body. Revoke a key that was sent in a URL.',
      );
    }
    const found = routeOf(url.pathname);
    if (!found) throw notFound(url.pathname);
    fields.route = url.pathname;
    if (!found.public) {
      const refusal = cors.refusal(request);
      if (refusal) throw refusal;
      if (cors.isPreflight(request)) return cors.preflight(request, found.methods);
    }
    if (!found.methods.includes(request.method)) {
      if (request.method === 'OPTIONS') {
        const methods: Record<string, string> = found.public
          ? { 'access-control-allow-methods': found.methods.join(', ') }
          : {};
        return { status: 204, headers: { allow: allowOf(found), ...methods } };
      }
      throw new ServiceError(405, 'method-not-allowed', `${url.pathname} takes ${found.methods.join(' or ')}.`, {
        allow: allowOf(found),
      });
    }
    return found.handle(request, fields);
  }

  /** The CORS headers of an answer: any origin may read a public route; the rest only the listed origins. */
  const corsHeadersOf = (request: ServiceRequest, fields: LogFields): Record<string, string> =>
    fields.route !== undefined && routeOf(fields.route)?.public
      ? { 'access-control-allow-origin': '*' }
      : cors.headersFor(request);

  /**
   * The request's one log line: the route, the status and the request id; client-sent text redacted. No method
   * and no path for a request that could not be read.
   */
  function logRequest(
    answered: ServiceAnswer,
    outcome: Outcome,
    fields: LogFields,
    started: number,
    method: string | undefined,
    path: string | undefined,
  ) {
    if (!settings.log) return;
    const code = (outcome.body as { error?: { code?: string } } | undefined)?.error?.code;
    log({
      level: answered.status >= 500 ? 'error' : answered.status >= 400 ? 'warn' : 'info',
      event: 'request',
      method: method === undefined ? undefined : redact(method),
      // One of our routes is our own text, and not secret-shaped; anything else the client sent is redacted.
      path: path === undefined || path === fields.route ? path : redact(path),
      status: answered.status,
      ...(code !== undefined && { code }),
      durationMs: Math.round(performance.now() - started),
      ...fields,
    });
  }

  let closing: Promise<void> | undefined;
  // Requests under way, for close() to wait for: a count and one waiter rather than a set of promises per request.
  let underWay = 0;
  let drained: (() => void) | undefined;

  /** Every request, however it came: close() waits for those under way. */
  const answer = async (request: ServiceRequest): Promise<ServiceAnswer> => {
    underWay++;
    try {
      return await answerNow(request);
    } finally {
      if (--underWay === 0) drained?.();
    }
  };

  const answerNow = async (request: ServiceRequest): Promise<ServiceAnswer> => {
    const started = performance.now();
    const requestId = crypto.randomUUID();
    const fields: LogFields = { requestId };
    let path = '/';
    let outcome: Outcome;
    try {
      path = request.url.pathname;
      const origin = request.header('origin');
      if (origin !== null) fields.origin = settings.corsOrigins.includes(origin) ? origin : redactOrigin(origin);
      if (closing)
        throw new ServiceError(
          503,
          'shutting-down',
          'This instance of the token service is stopping; send the request again.',
          { 'retry-after': '1' },
        );
      outcome = await route(request, fields);
    } catch (error) {
      outcome = refusalOf(error, log);
    }
    let answered: ServiceAnswer;
    try {
      answered = answerOf(outcome, request.method, { 'x-request-id': requestId, ...corsHeadersOf(request, fields) });
    } catch (error) {
      // Never a throw out of the service: whatever went wrong is a 500 answer and a log line.
      outcome = refusalOf(error, log);
      answered = answerOf(outcome, request.method, { 'x-request-id': requestId });
    }
    logRequest(answered, outcome, fields, started, request.method, path);
    return answered;
  };

  const service = async (request: Request): Promise<Response> =>
    toFetchResponse(await answer(new FetchServiceRequest(request, socketAddressOf(request))));

  function close(): Promise<void> {
    closing ??= (async () => {
      if (underWay > 0) await new Promise<void>((resolve) => (drained = resolve));
      await store.close();
    })();
    return closing;
  }

  /** The answer to a request toNodeListener could not make into a Request: 405 with Allow, 404 or 400. */
  function answerUnreadable({ method, path, problem }: UnreadableRequest): ServiceAnswer {
    const started = performance.now();
    const fields: LogFields = { requestId: crypto.randomUUID() };
    const found = path === undefined ? undefined : routeOf(path);
    if (found) fields.route = path;
    let error: ServiceError;
    if (problem === 'request') {
      error = new ServiceError(400, 'request-invalid', 'The request target or Host header is not a valid URL.');
    } else if (path !== undefined && !found) {
      error = notFound(path);
    } else {
      // A method fetch cannot carry (TRACE, CONNECT): no route takes it; a CONNECT names no path at all.
      const methods = found ? found.methods : [...new Set(Object.values(routes).flatMap((each) => each.methods))];
      error = new ServiceError(
        405,
        'method-not-allowed',
        `${found ? path : 'This service'} takes ${methods.join(' or ')}.`,
        {
          allow: [...methods, 'OPTIONS'].join(', '),
        },
      );
    }
    return answerRefusal(error, fields, started, method, path ?? '(unreadable)');
  }

  /** A request its carrier refused before it could be read: no method, no path, only the refusal. */
  function answerRefused(refusal: ServiceError): ServiceAnswer {
    return answerRefusal(refusal, { requestId: crypto.randomUUID() }, performance.now(), undefined, undefined);
  }

  /** A refusal that no route made, as the answer (with its request id) and its log line. */
  function answerRefusal(
    error: ServiceError,
    fields: LogFields,
    started: number,
    method: string | undefined,
    path: string | undefined,
  ): ServiceAnswer {
    const outcome = refusalOf(error, log);
    // A HEAD's answer has no body; an unread request's method is not known, so its answer has one.
    const answered = answerOf(outcome, method ?? 'GET', { 'x-request-id': fields.requestId! });
    logRequest(answered, outcome, fields, started, method, path);
    return answered;
  }

  return Object.assign(service, {
    ready,
    answerUnreadable: (request: UnreadableRequest) => toFetchResponse(answerUnreadable(request)),
    close,
    [SERVICE_EXCHANGE]: { answer, answerUnreadable, answerRefused },
  });
}

/** The client's address as a trusted proxy put it in `header`; for X-Forwarded-For the last entry, the proxy's own. */
function headerAddressOf(request: ServiceRequest, header: string | undefined): string | undefined {
  const value = header === undefined ? null : request.header(header);
  if (value === null) return undefined;
  const address = value.split(',').at(-1)!.trim();
  return address === '' ? undefined : address;
}

/** 3600 → "1 h", 604800 → "7 d": for messages. */
function durationOf(seconds: number): string {
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['min', 60],
  ] as const) {
    if (seconds >= size && seconds % size === 0) return `${seconds / size} ${unit}`;
  }
  return `${seconds} s`;
}

function bearerOf(request: ServiceRequest): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(request.header('authorization') ?? '')?.[1];
}

/** Any error as a JSON refusal; unexpected ones become a 500 whose details stay in the log, by name only. */
function refusalOf(error: unknown, log: (entry: TokenServiceLogEntry) => void): Outcome {
  if (error instanceof ServiceError) return refusal(error.status, error.code, error.message, error.headers);
  if (error instanceof TokenError) return refusal(statusOfTokenError(error.code), error.code, error.message);
  // By name only: an unexpected error's message could quote anything, a key included.
  log({
    level: 'error',
    event: 'service-error',
    code: 'internal-error',
    message: error instanceof Error ? error.name : typeof error,
  });
  return refusal(500, 'internal-error', 'The token service failed; try again later.');
}

function refusal(status: number, code: string, message: string, headers: Record<string, string> = {}): Outcome {
  return { status, body: { error: { code, message } }, headers };
}

/** The answer to send: the outcome's headers over the JSON defaults, `extra` over both. */
function answerOf(
  { status, body, headers, bare }: Outcome,
  method: string,
  extra: Record<string, string>,
): ServiceAnswer {
  if (bare) return { status, headers: { ...headers, ...extra }, body: null };
  const hasBody = body !== undefined && method !== 'HEAD';
  return {
    status,
    headers: {
      // Tokens must not sit in shared caches; routes that may be cached say so.
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...(body !== undefined && { 'content-type': 'application/json; charset=utf-8' }),
      ...headers,
      ...extra,
    },
    body: hasBody ? JSON.stringify(body) : null,
  };
}
