/**
 * dist/cdn/nano-meet.iife.js, the classic-script build: defines a global `NanoMeet` at once, as the old script tag
 * did, puts up the iframes of the `<nano-meet>` elements on the page (src/elements/early-meeting), then imports the
 * elements from next to itself (dist/cdn/nano-meet-elements.js, an ES module: classic scripts may import one).
 */
import { NanoMeet } from '../api/nano-meet.js';
import { watchEarlyMeetings } from '../elements/early-meeting/watch-early-meetings.js';

(globalThis as { NanoMeet?: typeof NanoMeet }).NanoMeet ??= NanoMeet;

if (typeof document !== 'undefined') {
  const stopWatching = watchEarlyMeetings(document);
  import('./elements.js').finally(stopWatching).catch((error: unknown) => reportError(error));
}
