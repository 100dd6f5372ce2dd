import { watchEarlyMeetings } from '../elements/early-meeting/watch-early-meetings.js';

/**
 * Puts up the iframes of the page's `<nano-meet>` elements (src/elements/early-meeting) until the element is
 * defined: from then on each element opens its own meeting.
 */
export function watchEarlyMeetingsUntilDefined(): void {
  if (typeof document === 'undefined' || typeof customElements === 'undefined') return;
  const stop = watchEarlyMeetings(document);
  void customElements.whenDefined('nano-meet').then(stop);
}
