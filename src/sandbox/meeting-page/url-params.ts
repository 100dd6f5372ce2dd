/**
 * What the meeting page reads from its own URL, decoded exactly as Jitsi's `parseURLParams` does
 * (docs/jitsi/wire.md §1): the host's `external_api.js` puts the whole configuration into the hash.
 */

/** Flat, dotted keys as Jitsi keeps them: `{"config.a": 1, "userInfo.displayName": "Ann", …}`. */
export type UrlParams = Record<string, unknown>;

/** The settings the sandbox page acts on, read from {@link UrlParams}. */
export interface PageParams {
  /** The external API's instance id; the API is enabled only when it is a number. */
  apiId: number | undefined;
  jwt: string | undefined;
  displayName: string | undefined;
  email: string | undefined;
  /**
   * Every hash parameter, for anything else the page may want to honour. Its `config.*` and `interfaceConfig.*`
   * count only through Jitsi's whitelists (config-overrides.ts).
   */
  hash: UrlParams;
}

/** Jitsi's blacklist: a key with one of these segments could reach an object's prototype. */
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Bourne (Jitsi's JSON parser) refuses a document with an own `__proto__` key anywhere; `JSON.parse`
 * creates such keys as plain properties, so look for them after parsing.
 */
function refuseProtoKeys(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  if (!Array.isArray(value) && Object.hasOwn(value, '__proto__'))
    throw new SyntaxError('Object contains forbidden prototype property');
  for (const child of Object.values(value)) refuseProtoKeys(child);
}

function decodeValue(raw: string | undefined): unknown {
  // As in Jitsi: only the first `\&` is unescaped, and smart quotes typed by people become ASCII.
  const decoded = decodeURIComponent(String(raw))
    .replace(/\\&/, '&')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"');
  if (decoded === 'undefined') return undefined;
  const value: unknown = JSON.parse(decoded);
  refuseProtoKeys(value);
  return value;
}

function splitParams(text: string, decode: boolean): UrlParams {
  const params: UrlParams = {};
  for (const part of text.split('&')) {
    // `split('=')` and only element [1]: a value with a literal `=` is cut there, as in Jitsi.
    const [key, raw] = part.split('=');
    if (!key || key.split('.').some((segment) => FORBIDDEN_SEGMENTS.has(segment))) continue;
    if (!decode) {
      params[key] = raw;
      continue;
    }
    try {
      params[key] = decodeValue(raw);
    } catch {
      // Jitsi reports and skips a value it cannot decode; the page must never fail on its own URL.
    }
  }
  return params;
}

/**
 * Parses a `location.hash` (with or without the leading `#`) as Jitsi's page does: `&`-separated
 * `key=value` pairs, each value URI-decoded, then JSON-parsed; `undefined` stays undefined.
 */
export function parseHashParams(hash: string): UrlParams {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  // A lone `#/…` belongs to a hash router, not to Jitsi.
  if (text === '' || (text.startsWith('/') && !text.includes('&'))) return {};
  return splitParams(text, true);
}

/** Query parameters as Jitsi reads them for the JWT: raw, neither decoded nor parsed. */
export function parseQueryParams(search: string): UrlParams {
  const text = search.startsWith('?') ? search.slice(1) : search;
  return text === '' ? {} : splitParams(text, false);
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A list of log levels (`config.apiLogLevels`): only its strings count. */
export function logLevelsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((level): level is string => typeof level === 'string') : [];
}

/** Reads the page's settings from its location (`hash` and `search`). */
export function readPageParams(location: Pick<Location, 'hash' | 'search'>): PageParams {
  const hash = parseHashParams(location.hash);
  const apiId = hash['jitsi_meet_external_api_id'];
  return {
    apiId: typeof apiId === 'number' ? apiId : undefined,
    // Jitsi's `parseJWTFromURLParams`: the hash first (JSON), then the query (raw).
    jwt: stringOf(hash['jwt']) || stringOf(parseQueryParams(location.search)['jwt']) || undefined,
    displayName: stringOf(hash['userInfo.displayName']),
    email: stringOf(hash['userInfo.email']),
    hash,
  };
}
