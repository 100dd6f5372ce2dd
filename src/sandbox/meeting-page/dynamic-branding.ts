/**
 * Jitsi's dynamic branding as its meeting page asks for it (docs/jitsi/branding.md §2): which URL, one plain
 * `fetch` with no options, and what comes of the answer. The page starts it before joining and never waits for it.
 */
import { isObject } from '../../shared/json-checks.js';
import type { JsonObject } from './config-overrides.js';

/** The fields of Jitsi's branding data that the sandbox shows (§2–§4); copied without checks, as Jitsi does. */
export interface BrandingData {
  logoImageUrl?: string;
  logoClickUrl?: string;
  /** Jitsi's own logo and link instead of `logoImageUrl`/`logoClickUrl` (§3). */
  defaultBranding?: boolean;
  backgroundColor?: string;
  backgroundImageUrl?: string;
  /** A CSS `background` for the lobby and prejoin screens. */
  premeetingBackground?: string;
}

/**
 * Where the branding stands: `none` without a branding URL (Jitsi is ready at once and uses no branding data),
 * `pending` while asked for (`customizationReady` false), then `ready` with the data or `failed`
 * (`customizationFailed`).
 */
export type DynamicBranding =
  { status: 'none' } | { status: 'pending' } | { status: 'failed' } | { status: 'ready'; data: BrandingData };

/** How long the newest Jitsi builds hide the page's paint while the branding is asked for (§2). */
export const BRANDING_PAINT_HOLD_MS = 3000;

/**
 * The conference's fqn from the meeting page's path, still percent-encoded: the last two segments
 * (`tenant/room`) when there are more than two parts, else the second one (`room`).
 */
export function conferenceFqnOf(pathname: string): string | undefined {
  const parts = pathname.split('/');
  return (parts.length > 2 ? parts.slice(-2).join('/') : parts[1]) || undefined;
}

/**
 * `buildDynamicBrandingUrl`: `dynamicBrandingUrl` as it is, else `${brandingDataUrl}?conferenceFqn=…` with the fqn
 * encoded once more (room `a b` → `a%2520b`), else none. Read from the deployment's config only: neither key can be
 * overridden from the URL (override-whitelist.ts).
 */
export function brandingUrlOf(config: JsonObject, pathname: string): string | undefined {
  const dynamic = config['dynamicBrandingUrl'];
  if (typeof dynamic === 'string' && dynamic !== '') return dynamic;
  const base = config['brandingDataUrl'];
  const fqn = conferenceFqnOf(pathname);
  return typeof base === 'string' && base !== '' && fqn
    ? `${base}?conferenceFqn=${encodeURIComponent(fqn)}`
    : undefined;
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The fields the sandbox uses; values of another type count as absent. */
export function brandingDataOf(json: JsonObject): BrandingData {
  const data: BrandingData = { defaultBranding: Boolean(json['defaultBranding']) };
  for (const key of [
    'logoImageUrl',
    'logoClickUrl',
    'backgroundColor',
    'backgroundImageUrl',
    'premeetingBackground',
  ] as const) {
    const value = text(json[key]);
    if (value !== undefined) data[key] = value;
  }
  return data;
}

/**
 * Jitsi's `doGetJSON(url)`: a GET with `fetch`'s defaults (mode `cors`, credentials `same-origin`, no custom
 * headers, no timeout, no retry). A non-2xx status, a body that is not a JSON object, or a network or CORS error
 * fails it.
 */
export async function fetchDynamicBranding(
  url: string,
  fetchJson: (url: string) => Promise<Response>,
): Promise<DynamicBranding> {
  try {
    const response = await fetchJson(url);
    const json: unknown = await response.json();
    if (!response.ok || !isObject(json)) return { status: 'failed' };
    return { status: 'ready', data: brandingDataOf(json) };
  } catch {
    return { status: 'failed' };
  }
}
