// dist/cdn/nano-meet-elements.js: the three elements with Lit, which the CDN entries import once the meetings'
// iframes are up (rollup.config.mjs). Self-contained: it imports nothing from the entries.
export * from '../elements/nano-meet.js';
export * from '../elements/nano-meet-broadcast-button.js';
export * from '../elements/nano-meet-playout.js';
