import { watchEarlyMeetings } from '../elements/early-meeting/watch-early-meetings.js';
import { discover } from './autoloader.js';

/**
 * What a CDN entry does on the page that loads it: puts up the iframes of the page's `<nano-meet>` elements
 * (src/elements/early-meeting) until the element is defined, from when on each element opens its own meeting; then
 * defines the elements the page uses (autoloader.ts). Does nothing without a DOM (Node, server-side rendering).
 *
 * The elements are asked for in a task of their own, after the one that put up the iframes: the page's first
 * dynamic import costs its main thread some milliseconds, which would otherwise come between the iframes and
 * whatever the page does once they are there (its mutation observers run at the end of this task). A message to
 * itself rather than a timer, which a tab in the background holds back for up to a second.
 */
export function startOnPage(): void {
  if (typeof document === 'undefined' || typeof customElements === 'undefined') return;
  const stop = watchEarlyMeetings(document);
  void customElements.whenDefined('nano-meet').then(stop);
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    discover(document);
  };
  channel.port2.postMessage(undefined);
}
