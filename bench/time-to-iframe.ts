/**
 * Time from navigation start to the meeting iframe in the DOM, for every route, interleaved (the
 * order rotates every round so no route always goes first), each run in a fresh browser context.
 */
import type { Browser } from 'playwright-core';
import type { RunningSandbox } from '../src/sandbox/server/sandbox-server.js';
import { loadRoute, ROUTES, type Route } from './meeting-routes.js';
import type { PageServer } from './page-server.js';
import { median, percentile, round } from './stats.js';

export interface RatioSamples {
  samples: number[];
  median: number;
}

export interface TimeToIframeResult {
  runs: number;
  /** Discarded first round: it warms the sandbox's lazy bundle builds and Chromium's own start. */
  warmup: number;
  routes: Record<
    Route,
    { samples: number[]; median: number; p90: number; failures: number; definedMedian: number | undefined }
  >;
  /** Per round, native / bare and external / bare. */
  ratios: { nativeOverBare: RatioSamples; classicOverBare: RatioSamples; externalOverBare: RatioSamples };
}

export async function measureTimeToIframe(
  browser: Browser,
  server: PageServer,
  sandbox: RunningSandbox,
  runs: number,
): Promise<TimeToIframeResult> {
  const perRoute = <T>(make: () => T) => Object.fromEntries(ROUTES.map((route) => [route, make()])) as Record<Route, T>;
  const samples = perRoute<(number | undefined)[]>(() => []);
  const defined = perRoute<number[]>(() => []);
  const failures = perRoute(() => 0);
  const warmup = 1;
  for (let round = 0; round < runs + warmup; round++) {
    const order = ROUTES.map((_, index) => ROUTES[(index + round) % ROUTES.length]!);
    for (const route of order) {
      let at: number | undefined;
      try {
        const load = await loadRoute(browser, server, sandbox, route, `bench_ttf_${route}_${round}`);
        at = load.iframeAt;
        if (round >= warmup && load.definedAt !== undefined) defined[route].push(load.definedAt);
      } catch (error) {
        if (round >= warmup) failures[route]++;
        console.warn(
          `  time-to-iframe ${route} round ${round}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        );
      }
      if (round >= warmup) samples[route].push(at);
    }
  }
  const summary = (route: Route) => {
    const values = samples[route].filter((value): value is number => value !== undefined).map((value) => round(value));
    const definedMedian = defined[route].length ? round(median(defined[route])) : undefined;
    return {
      samples: values,
      median: round(median(values)),
      p90: round(percentile(values, 90)),
      failures: failures[route],
      definedMedian,
    };
  };
  const ratio = (over: Route) => {
    const values: number[] = [];
    samples[over].forEach((value, index) => {
      const bare = samples.bare[index];
      if (value !== undefined && bare !== undefined) values.push(round(value / bare, 3));
    });
    return { samples: values, median: round(median(values), 3) };
  };
  return {
    runs,
    warmup,
    routes: Object.fromEntries(ROUTES.map((route) => [route, summary(route)])) as TimeToIframeResult['routes'],
    ratios: { nativeOverBare: ratio('native'), classicOverBare: ratio('classic'), externalOverBare: ratio('external') },
  };
}
