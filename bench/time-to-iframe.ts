/**
 * Per network profile, for every route and both ways of shipping nano-meet: bytes before the iframe, time from
 * navigation start to the meeting iframe in the DOM, and to `videoConferenceJoined`. Each load runs in a fresh
 * browser context (cold cache, no open connection) through the delaying proxies (network-origins.ts); the order
 * rotates every round so no variant always goes first, and ratios to the bare route are taken per round, so that
 * both sides of a ratio ran at nearly the same time.
 */
import { gzipSync } from 'node:zlib';
import { BundleCache } from '../src/sandbox/server/bundles.js';
import { CDN_ELEMENTS_SHARED, cdnFileGzipBytes } from './bundle-bytes.js';
import { loadRoute, type Route, type RouteLoad, type Shipping } from './meeting-routes.js';
import type { NetworkOrigins } from './network-origins.js';
import type { NetworkProfile } from './network-profiles.js';
import { median, percentile, round } from './stats.js';

export interface Variant {
  route: Route;
  /** Where nano-meet's script came from; undefined on the bare route (external_api.js is the meeting server's). */
  shipping: Shipping | undefined;
  /** The page names its meeting server in a `<link rel="preconnect">` in its head. */
  hint?: boolean;
}

export const VARIANTS: readonly Variant[] = [
  { route: 'bare', shipping: undefined },
  { route: 'native', shipping: 'cdn' },
  { route: 'classic', shipping: 'cdn' },
  { route: 'external', shipping: 'cdn' },
  { route: 'native', shipping: 'own' },
  { route: 'classic', shipping: 'own' },
  { route: 'external', shipping: 'own' },
];

/**
 * The preconnect hint's part, in a fresh regular profile per load (an off-the-record context ignores the hint):
 * bare and the native route from the CDN as they are, and the native route from either origin on a page that
 * names its meeting server in its head.
 */
export const HINT_VARIANTS: readonly Variant[] = [
  { route: 'bare', shipping: undefined },
  { route: 'native', shipping: 'cdn' },
  { route: 'native', shipping: 'cdn', hint: true },
  { route: 'native', shipping: 'own', hint: true },
];

export const variantKey = ({ route, shipping, hint }: Variant) =>
  `${shipping ? `${route}/${shipping}` : route}${hint ? '+hint' : ''}`;

export interface Summary {
  median: number;
  p90: number;
  samples: number[];
}

export interface VariantResult extends Variant {
  failures: number;
  /** Everything on the wire before the iframe (CDP, headers included), median over runs. */
  bytesBeforeIframe: number;
  /** The scripts among them. */
  scriptBytesBeforeIframe: number;
  iframe: Summary;
  joined: Summary;
  /** Median of per-round ratios to the bare route (1 for bare itself). */
  iframeOverBare: number;
  joinedOverBare: number;
}

export interface ProfileResult {
  profile: NetworkProfile;
  runs: number;
  variants: VariantResult[];
}

export interface TimeToIframeResult {
  /** gzip -9 of the scripts that come before the iframe, as the bench serves them. */
  scripts: {
    externalApiGzipBytes: number;
    nanoMeetGzipBytes: number;
    classicGzipBytes: number;
    /** Fetched by the native routes once the iframe is up: element-nano-meet.js and elements-shared.js. */
    elementsGzipBytes: number;
  };
  profiles: ProfileResult[];
  /** The preconnect hint's part ({@link HINT_VARIANTS}), on the networks with latency. */
  hint?: ProfileResult[];
}

const SCRIPT = /javascript|ecmascript/;

/** How the loads of one measurement run. */
export interface MeasureOptions {
  /** Default {@link VARIANTS}. */
  variants?: readonly Variant[];
  /** Each load in a fresh regular profile (default: a fresh off-the-record context). */
  regularProfile?: boolean;
}

/** One cold load of a variant; undefined if it failed (counted, and reported on stderr). */
async function loadOnce(
  origins: NetworkOrigins,
  variant: Variant,
  room: string,
  timeoutMs: number,
  regularProfile: boolean,
) {
  try {
    return await loadRoute(origins.browser, origins.server, origins.sandbox, variant.route, room, true, {
      pageOrigin: origins.pageOrigin,
      scriptOrigin: variant.shipping === 'cdn' ? origins.cdnOrigin : undefined,
      joined: true,
      bodies: false,
      timeoutMs,
      ...(variant.hint && { preconnect: new URL(origins.sandbox.url).origin }),
      ...(regularProfile && { openContext: origins.openRegularProfile }),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    console.warn(`  ${variantKey(variant)} (${room}): ${message}`);
    return undefined;
  }
}

function bytesBefore(load: RouteLoad) {
  const before = new Set(load.loadedBefore);
  const counted = load.responses.filter((response) => before.has(response.url));
  const sum = (responses: typeof counted) => responses.reduce((total, response) => total + response.wireBytes, 0);
  return {
    all: sum(counted),
    scripts: sum(counted.filter((response) => SCRIPT.test(response.mimeType))),
  };
}

const summary = (values: number[]): Summary => ({
  median: round(median(values)),
  p90: round(percentile(values, 90)),
  samples: values.map((value) => round(value)),
});

export async function measureProfile(
  origins: NetworkOrigins,
  profile: NetworkProfile,
  runs: number,
  { variants: measured = VARIANTS, regularProfile = false }: MeasureOptions = {},
): Promise<ProfileResult> {
  origins.use(profile);
  // Joining crosses the network a dozen times; on the slow profiles that takes seconds.
  const timeoutMs = 15_000 + profile.rttMs * 100;
  const loads = new Map<string, (RouteLoad | undefined)[]>(measured.map((variant) => [variantKey(variant), []]));
  for (let round = 0; round < runs; round++) {
    for (let index = 0; index < measured.length; index++) {
      const variant = measured[(index + round) % measured.length]!;
      const room = `bench_${profile.name}_${variantKey(variant).replace(/\W/g, '_')}_${round}`;
      loads.get(variantKey(variant))!.push(await loadOnce(origins, variant, room, timeoutMs, regularProfile));
    }
  }
  const bare = loads.get('bare')!;
  /** Median over rounds of this variant's time ÷ bare's in the same round. */
  const ratio = (own: (RouteLoad | undefined)[], at: (load: RouteLoad) => number | undefined) => {
    const ratios = own.flatMap((load, index) => {
      const mine = load && at(load);
      const theirs = bare[index] && at(bare[index]);
      return mine !== undefined && theirs !== undefined ? [mine / theirs] : [];
    });
    return round(median(ratios), 3);
  };
  const variants = measured.map((variant): VariantResult => {
    const own = loads.get(variantKey(variant))!;
    const done = own.filter((load): load is RouteLoad => load !== undefined);
    const bytes = done.map(bytesBefore);
    return {
      ...variant,
      failures: own.length - done.length,
      bytesBeforeIframe: median(bytes.map((entry) => entry.all)),
      scriptBytesBeforeIframe: median(bytes.map((entry) => entry.scripts)),
      iframe: summary(done.map((load) => load.iframeAt)),
      joined: summary(done.flatMap((load) => (load.joinedAt === undefined ? [] : [load.joinedAt]))),
      iframeOverBare: ratio(own, (load) => load.iframeAt),
      joinedOverBare: ratio(own, (load) => load.joinedAt),
    };
  });
  return { profile, runs, variants };
}

/** gzip -9 of external_api.js as the sandbox serves it, of nano-meet's two CDN entries and of the elements. */
export async function scriptSizes(): Promise<TimeToIframeResult['scripts']> {
  return {
    externalApiGzipBytes: gzipSync((await new BundleCache().get('externalApi')).code, { level: 9 }).length,
    nanoMeetGzipBytes: await cdnFileGzipBytes('nano-meet.js'),
    classicGzipBytes: await cdnFileGzipBytes('nano-meet.iife.js'),
    elementsGzipBytes: (await cdnFileGzipBytes('element-nano-meet.js')) + (await cdnFileGzipBytes(CDN_ELEMENTS_SHARED)),
  };
}
