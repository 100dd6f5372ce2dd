import { loadOnce } from '../shared/load-once.js';

export type PlayoutEngines = typeof import('./playout-engines.js');

/** The playout engines, fetched once per page. */
export const loadPlayoutEngines = loadOnce((): Promise<PlayoutEngines> => import('./playout-engines.js'));
