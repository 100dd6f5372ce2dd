import type { ServiceRequest } from './service-exchange.js';
import { ServiceError } from './service-error.js';

/** Request headers a page may send: the two ways to pass an API key, and JSON. */
const ALLOWED_HEADERS = 'authorization, content-type, x-api-key';
/** How long a browser may cache a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE = '600';

/**
 * CORS for an exact list of origins. There is no `*`: the API takes credentials (API keys, moderator
 * tokens), so only pages the operator named may call it from a browser. Requests without an `Origin`
 * (servers, curl) are not browsers and pass; a browser request from an unlisted origin is refused outright
 * rather than merely left unreadable, so a foreign page cannot even spend an API key's rate limit.
 */
export function createCorsPolicy(origins: readonly string[]) {
  const allowed = new Set(origins);

  function refusal(request: ServiceRequest): ServiceError | undefined {
    const origin = request.header('origin');
    if (origin === null || allowed.has(origin)) return undefined;
    return new ServiceError(
      403,
      'origin-not-allowed',
      'This origin may not call the token service; add it to the service’s CORS origins (NANO_MEET_CORS_ORIGINS).',
    );
  }

  return {
    refusal,

    /** The headers every answer to an allowed browser request carries. */
    headersFor(request: ServiceRequest): Record<string, string> {
      const origin = request.header('origin');
      // Vary on every answer: a cache must not hand one origin's answer to another.
      const headers: Record<string, string> = { vary: 'Origin' };
      if (origin !== null && allowed.has(origin)) {
        headers['access-control-allow-origin'] = origin;
        headers['access-control-expose-headers'] = 'retry-after';
      }
      return headers;
    },

    isPreflight(request: ServiceRequest): boolean {
      return (
        request.method === 'OPTIONS' &&
        request.header('origin') !== null &&
        request.header('access-control-request-method') !== null
      );
    },

    /** The answer to a preflight from an allowed origin (refusal() has been checked before). */
    preflight(request: ServiceRequest, methods: readonly string[]) {
      return {
        status: 204,
        headers: {
          ...this.headersFor(request),
          'access-control-allow-methods': methods.join(', '),
          'access-control-allow-headers': ALLOWED_HEADERS,
          'access-control-max-age': PREFLIGHT_MAX_AGE,
        },
        // Only these: no JSON, nothing to cache but what Access-Control-Max-Age says.
        bare: true,
      };
    },
  };
}

export type CorsPolicy = ReturnType<typeof createCorsPolicy>;
