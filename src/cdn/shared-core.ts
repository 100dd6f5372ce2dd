/**
 * Empty in the source. In the CDN entries' builds it registers, on the page, the modules that the element files
 * use too, which the element files then take from the page rather than carry a second copy
 * (src/tooling/rollup-shared-core.mjs, rollup.config.mjs). Imported first by each entry.
 */
export {};
