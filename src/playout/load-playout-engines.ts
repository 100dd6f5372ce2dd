export type PlayoutEngines = typeof import('./playout-engines.js');

let engines: Promise<PlayoutEngines> | undefined;

/** The playout engines, fetched once per page; a failed fetch is retried by the next caller. */
export function loadPlayoutEngines(): Promise<PlayoutEngines> {
  engines ??= import('./playout-engines.js').catch((error: unknown) => {
    engines = undefined;
    throw error;
  });
  return engines;
}
