/**
 * hls.js, loaded on first use only: it is larger than all of nano-meet, and most viewers get WebRTC.
 * Its light build (about 114 KiB gzip instead of 178): the playout plays one plain HLS rendition (H.264/AAC,
 * MPEG-TS or fMP4), and light leaves out only what it never uses: alternate audio, subtitles, EME (DRM), CMCD,
 * variable substitution, interstitials, I-frame trick play, Media Capabilities and HEVC/AC-3 in MPEG-TS.
 * Library builds keep `import('hls.js/light')` for the page's bundler to split off; the CDN builds rewrite it
 * to the `hls.js` file next to the bundle (rollup.config.mjs).
 */
import type HlsType from 'hls.js';
import { loadOnce } from '../shared/load-once.js';

export type Hls = HlsType;
export type HlsConstructor = typeof HlsType;

/** Resolves with the hls.js class; a failed load is tried again on the next call. */
export const loadHls = loadOnce((): Promise<HlsConstructor> => import('hls.js/light').then((module) => module.default));
