import { CodedError } from '../shared/coded-error.js';
import type { TokenErrorCode } from '../token/token-error.js';

/**
 * Every way the token service refuses a request, as the stable `code` of its JSON error body.
 * The token's own codes (`token-expired`, `not-moderator`, …) pass through unchanged.
 */
export type ServiceErrorCode =
  | TokenErrorCode
  /** The request target or Host header makes no URL, or the request cannot be read. */
  | 'request-invalid'
  /** The body is not JSON (or not UTF-8). */
  | 'json-invalid'
  /** An API key or token was put in the URL, where proxies, logs and browser history keep it. */
  | 'credential-in-url'
  /** No API key, or one the service does not know. */
  | 'api-key-invalid'
  /** The room setup names a meeting server this service does not issue tokens for. */
  | 'server-not-allowed'
  /** A browser page from an origin that is not in the CORS list. */
  | 'origin-not-allowed'
  | 'not-found'
  | 'method-not-allowed'
  | 'body-too-large'
  /** The request line and headers are larger than the server reads (Node's 16 KB by default). */
  | 'headers-too-large'
  /** The request did not arrive whole in time (createNodeServer's `requestTimeoutMs`, `--request-timeout`). */
  | 'request-timeout'
  | 'content-type-not-json'
  | 'rate-limited'
  /** The room's `branding` is not one the element would take (the same checks). */
  | 'branding-invalid'
  /** `GET /api/v1/branding` without a `conferenceFqn` of the shape Jitsi sends (`room` or `tenant/room`). */
  | 'conference-fqn-invalid'
  /** The shared store (Redis) cannot be reached: nothing that needs it is done, and nothing goes unlimited. */
  | 'store-unavailable'
  /** The service is stopping (SIGTERM): a load balancer should send the request to another instance. */
  | 'shutting-down'
  /** The service's own configuration could not be used (e.g. a private key that does not import). */
  | 'service-unavailable'
  | 'internal-error';

/** A refusal with its HTTP status and any headers it needs (`Allow`, `Retry-After`, `WWW-Authenticate`). */
export class ServiceError extends CodedError<ServiceErrorCode> {
  override readonly name = 'ServiceError';

  constructor(
    readonly status: number,
    code: ServiceErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(code, message);
  }
}

/** The HTTP status each token refusal deserves: a bad token is an authentication failure, a bad setup a bad request. */
export function statusOfTokenError(code: TokenErrorCode): number {
  switch (code) {
    case 'setup-invalid':
      return 400;
    case 'not-moderator':
      return 403;
    case 'window-wider-than-parent':
      return 422;
    default:
      return 401;
  }
}
