// dist/cdn/nano-meet-elements.js: defines the three elements at once and exports their classes, for a module page
// that wants them (after nano-meet.js, whose registered modules the element files use: rollup.config.mjs).
export * from '../elements/nano-meet.js';
export * from '../elements/nano-meet-broadcast-button.js';
export * from '../elements/nano-meet-playout.js';
