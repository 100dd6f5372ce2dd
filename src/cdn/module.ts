/**
 * dist/cdn/nano-meet.js, the ES module a CDN page loads. It carries what a meeting needs before its iframe exists
 * (src/elements/early-meeting: no Lit), the classic API and decodeToken; it puts up the iframes of the
 * `<nano-meet>` elements on the page, then imports the elements from next to itself (dist/cdn/nano-meet-elements.js)
 * and waits for them, so that whoever imports this module finds the three elements defined, as before.
 */
import { watchEarlyMeetings } from '../elements/early-meeting/watch-early-meetings.js';

export { NanoMeet, NanoMeetApiError, TOKEN_SERVICE_META } from '../api/nano-meet.js';
export { registerMessages } from '../i18n/catalogue.js';
export { decodeToken } from '../token/decode-token.js';
export { TokenError } from '../token/token-error.js';

const stopWatching = typeof document === 'undefined' ? () => {} : watchEarlyMeetings(document);
const elements = await import('./elements.js').finally(stopWatching);

export const { NanoMeetElement, MeetingError, meetingContext, NanoMeetBroadcastButtonElement, NanoMeetPlayoutElement } =
  elements;
