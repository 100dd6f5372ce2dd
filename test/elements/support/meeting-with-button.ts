/** A joined meeting with its broadcast button, for the tests of what a person gets from both. */
import type { NanoMeetBroadcastButtonElement } from '../../../src/elements/nano-meet-broadcast-button.js';
import type { NanoMeetElement } from '../../../src/elements/nano-meet.js';
import type { TokenRequest } from '../../support/sandbox.js';
import { button, settled } from './broadcast-button-fixture.js';
import { joined, meeting, onPage, uniqueRoom } from './meeting-fixture.js';

let meetings = 0;

/**
 * A native `<nano-meet>` for `request` (a moderator in a new room unless it says otherwise) with a broadcast
 * button `for` it beside it on the page; resolves once the meeting is joined and the button shows it. Both go at
 * `cleanUp()`.
 */
export async function joinedWithButton(
  request: Partial<TokenRequest> = {},
  attributes: Record<string, string> = {},
): Promise<{ el: NanoMeetElement; toggle: NanoMeetBroadcastButtonElement }> {
  const el = await meeting('native', { room: uniqueRoom(), moderator: true, ...request });
  el.id = `broadcast-meeting-${++meetings}`;
  const toggle = onPage(button({ for: el.id, ...attributes }));
  await joined(el);
  await settled(toggle);
  return { el, toggle };
}
