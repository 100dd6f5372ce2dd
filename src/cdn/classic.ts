/**
 * dist/cdn/nano-meet.iife.js, the classic-script build: defines a global `NanoMeet` at once, as the old script tag
 * did, puts up the iframes of the `<nano-meet>` elements on the page (src/elements/early-meeting), then defines each
 * element the page uses from its own file next to this one (autoloader.ts; ES modules, which a classic script may
 * import).
 */
import './shared-core.js';
import { NanoMeet } from '../api/nano-meet.js';
import { startOnPage } from './start-on-page.js';

(globalThis as { NanoMeet?: typeof NanoMeet }).NanoMeet ??= NanoMeet;

startOnPage();
