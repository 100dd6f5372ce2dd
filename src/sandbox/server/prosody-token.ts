/**
 * What a token-auth Jitsi makes of a JWT, apart from nano-meet's own token reader (src/token), which is stricter on
 * purpose. The sandbox must accept what Jitsi accepts (a token without `jti` or nano-meet's claim, `room: "*"`, a room
 * with a hyphen) and refuse what it refuses, in its words: Prosody's checks at login in their order
 * (luajwtjitsi, token/util.lib.lua; docs/jitsi/tokens.md §0.1, §1), what they bind to the session, and the web
 * client's own look at the token (`validateJwt`), which only decides which toast a refusal gets.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** What Prosody keeps of a verified token (`session.jitsi_meet_*`). */
export interface JitsiSession {
  /** The `room` claim, as written. */
  room: string;
  /** The `sub` claim: the domain or tenant the token is for. */
  domain: string;
  /** `context.user`, unchecked: Jitsi reads only what it knows of it. */
  user: Record<string, unknown>;
  /** `context.features`, absent when the token has none. */
  features: Record<string, unknown> | undefined;
}

export type TokenAuth =
  | { ok: true; session: JitsiSession }
  /** `reason`: Prosody's text (the page's `error.message`); `clientSeesReasons`: `validateJwt` listed errors. */
  | { ok: false; reason: string; clientSeesReasons: boolean };

/** The deployment's token settings: `app_id` (the one accepted issuer) and `app_secret` (HS256). */
export interface ProsodyTokenKey {
  appId: string;
  secret: string;
}

type Json = Record<string, unknown>;

function decodeJson(segment: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** Lua's truthiness for a JSON value: only absent (nil) and `false` are false; `null` decodes to a true value. */
const present = (value: unknown): boolean => value !== undefined && value !== false;

/** luajwtjitsi `verify` and util.lib.lua's claim checks, in order; the first failure is the refusal. */
function prosodyRefusal(jwt: string, key: ProsodyTokenKey, now: number): string | undefined {
  // `gmatch("([^.]+)")`: empty segments are dropped before counting.
  const segments = jwt.split('.').filter((segment) => segment !== '');
  if (segments.length !== 3) return 'Invalid token';
  const header = decodeJson(segments[0]!);
  if (!header) return 'Invalid header';
  const body = decodeJson(segments[1]!);
  if (!body) return 'Invalid body';
  if (header['typ'] !== 'JWT') return 'Invalid typ';
  if (header['alg'] !== 'HS256') return 'Invalid or incorrect alg';
  const expected = createHmac('sha256', key.secret).update(`${segments[0]}.${segments[1]}`).digest();
  const given = Buffer.from(segments[2]!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'Invalid signature';
  const { exp, nbf, iss, aud, room, sub } = body;
  if (present(exp) && typeof exp !== 'number') return 'exp must be number';
  if (present(nbf) && typeof nbf !== 'number') return 'nbf must be number';
  // No leeway: one second past `exp` is refused.
  if (typeof exp === 'number' && now >= exp) return 'Not acceptable by exp';
  if (typeof nbf === 'number' && now < nbf) return 'Not acceptable by nbf';
  if (iss === undefined) return "'iss' claim is missing";
  if (iss !== key.appId) return "invalid 'iss' claim";
  if (aud === undefined) return "'aud' claim is missing";
  // Any audience is accepted by default, but only as a string: an array never equals one.
  if (typeof aud !== 'string') return "invalid 'aud' claim";
  if (room === undefined) return 'room claim is missing';
  if (sub === undefined) return 'sub claim is missing';
  return undefined;
}

/** Jitsi's web client's feature names (`MEET_FEATURES`): any other key in `context.features` is an error to it. */
const MEET_FEATURES = new Set([
  'branding',
  'calendar',
  'create-polls',
  'flip',
  'inbound-call',
  'livestreaming',
  'lobby',
  'moderation',
  'outbound-call',
  'recording',
  'room',
  'screen-sharing',
  'send-groupchat',
  'sip-inbound-call',
  'sip-outbound-call',
  'transcription',
]);
const FEATURE_VALUES = new Set<unknown>([true, false, 'true', 'false']);

const isTimestamp = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(new Date(value * 1000).getTime());

/**
 * Whether the web client's `validateJwt` finds anything to list (react/features/base/jwt/functions.ts): its list
 * turns the refusal toast's description into `dialog.tokenAuthFailedWithReasons`.
 */
function clientSeesReasons(jwt: string, nowMs: number): boolean {
  const [headerPart = '', payloadPart = ''] = jwt.split('.');
  const header = decodeJson(headerPart);
  const payload = decodeJson(payloadPart);
  if (!header || !payload) return true;
  const { aud, context, exp, iss, nbf, sub } = payload;
  if (typeof sub === 'string' && sub.startsWith('vpaas-magic-cookie')) {
    const kid = header['kid'];
    if (typeof kid !== 'string' || kid === '') return true;
    if (kid.slice(0, kid.indexOf('/')) !== sub || aud !== 'jitsi' || iss !== 'chat') return true;
    if (!(context as Json | undefined)?.['features']) return true;
  }
  if (nbf && (!isTimestamp(nbf) || nowMs < nbf * 1000)) return true;
  if (!isTimestamp(exp) || nowMs > exp * 1000) return true;
  if (typeof context !== 'object' || context === null) return true;
  const features = (context as Json)['features'];
  if (typeof features !== 'object' || features === null) return false;
  return Object.entries(features).some(([name, value]) => !MEET_FEATURES.has(name) || !FEATURE_VALUES.has(value));
}

/** Prosody's login with `jwt` (SASL with the token), at `nowMs`. */
export function authenticate(jwt: string, key: ProsodyTokenKey, nowMs = Date.now()): TokenAuth {
  const reason = prosodyRefusal(jwt, key, Math.floor(nowMs / 1000));
  if (reason !== undefined) return { ok: false, reason, clientSeesReasons: clientSeesReasons(jwt, nowMs) };
  const body = decodeJson(jwt.split('.').filter((segment) => segment !== '')[1]!)!;
  const context = typeof body['context'] === 'object' && body['context'] !== null ? (body['context'] as Json) : {};
  const user = context['user'];
  const features = context['features'];
  return {
    ok: true,
    session: {
      room: String(body['room']),
      domain: String(body['sub']),
      user: typeof user === 'object' && user !== null ? (user as Json) : {},
      features: typeof features === 'object' && features !== null ? (features as Json) : undefined,
    },
  };
}
