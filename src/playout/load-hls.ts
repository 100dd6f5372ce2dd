/**
 * hls.js, loaded on first use only: it is larger than all of nano-meet, and most viewers get WebRTC.
 * Library builds keep `import('hls.js')` for the page's bundler to split off; the CDN builds rewrite it to
 * the `hls.js` file next to the bundle (rollup.config.mjs).
 */
import type HlsType from 'hls.js';
import { loadOnce } from '../shared/load-once.js';

export type Hls = HlsType;
export type HlsConstructor = typeof HlsType;

/** Resolves with the hls.js class; a failed load is tried again on the next call. */
export const loadHls = loadOnce((): Promise<HlsConstructor> => import('hls.js').then((module) => module.default));
