import type { Branding } from '../branding/branding-schema.js';
import { cssString } from '../shared/css-string.js';
import { ServiceError } from './service-error.js';

/** A meeting as Jitsi names it in `conferenceFqn`: the room, and the tenant when the meeting URL has one. */
export interface ConferenceName {
  tenant?: string;
  room: string;
}

/** Jitsi's dynamic branding answer (docs/jitsi/branding.md §2): the fields its meeting page reads. */
export interface JitsiBrandingData {
  logoImageUrl?: string;
  logoClickUrl?: string;
  /** Jitsi's own logo and link, as without branding data. */
  defaultBranding?: true;
  backgroundColor?: string;
  backgroundImageUrl?: string;
  /** A CSS `background` for the prejoin and lobby screens. */
  premeetingBackground?: string;
  virtualBackgrounds?: string[];
}

/** Longer than any tenant or room Jitsi takes from a URL path; longer `conferenceFqn`s are not Jitsi's. */
const MAX_FQN_LENGTH = 512;

const invalid = (why: string) =>
  new ServiceError(
    400,
    'conference-fqn-invalid',
    `conferenceFqn must be <room> or <tenant>/<room>, as Jitsi sends it (${why}).`,
  );

/**
 * Reads `conferenceFqn` as Jitsi writes it (docs/jitsi/branding.md §2): the meeting page's `location.pathname`,
 * which is percent-encoded already, cut to its last two segments (`tenant/room`) or its one (`room`), then
 * `encodeURIComponent`-ed once more. The query parser undoes the second encoding, each segment the path's own
 * (room `a b` → `a%2520b` → `a b`). Names compare lower-cased: Jitsi's rooms do not tell case apart.
 */
export function parseConferenceFqn(value: string | null): ConferenceName {
  if (value === null || value === '') throw invalid('it is missing');
  if (value.length > MAX_FQN_LENGTH) throw invalid(`it is longer than ${MAX_FQN_LENGTH} characters`);
  const segments = value.split('/');
  if (segments.length > 2) throw invalid('Jitsi sends at most two path segments');
  let names: string[];
  try {
    names = segments.map((segment) => decodeURIComponent(segment).toLowerCase());
  } catch {
    throw invalid('a segment is not percent-encoded as a URL path is');
  }
  if (names.some((name) => name.trim() === '')) throw invalid('a segment is empty');
  const [first, second] = names as [string, string?];
  return second === undefined ? { room: first } : { tenant: first, room: second };
}

/**
 * What Jitsi shows of a branding inside the meeting: its logo slot (image and link), the stage's colour and image,
 * the prejoin screen's background and the offered virtual backgrounds. Without a logo, and without any branding,
 * `defaultBranding` keeps Jitsi's own logo and link (a logo-less answer would leave an empty box, §3).
 */
export function jitsiBrandingDataOf(branding: Branding | undefined): JitsiBrandingData {
  if (!branding) return { defaultBranding: true };
  const { logoImageUrl, logoClickUrl, backgroundColor, backgroundImageUrl, virtualBackgrounds } = branding;
  const premeeting = [backgroundColor, backgroundImageUrl && `url(${cssString(backgroundImageUrl)})`]
    .filter(Boolean)
    .join(' ');
  return {
    ...(logoImageUrl ? { logoImageUrl, ...(logoClickUrl && { logoClickUrl }) } : { defaultBranding: true }),
    ...(backgroundColor && { backgroundColor }),
    ...(backgroundImageUrl && { backgroundImageUrl }),
    ...(premeeting && { premeetingBackground: premeeting }),
    ...(virtualBackgrounds?.length && { virtualBackgrounds }),
  };
}
