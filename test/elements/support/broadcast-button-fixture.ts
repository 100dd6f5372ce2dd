/**
 * Puts `<nano-meet-broadcast-button>` elements on the test page and reads what a person (or a screen reader)
 * gets from them.
 */
import { a11ySnapshot } from '@web/test-runner-commands';
import type { NanoMeetBroadcastButtonElement } from '../../../src/elements/nano-meet-broadcast-button.js';
import type { NanoMeetElement } from '../../../src/elements/nano-meet.js';
import type { TokenRequest } from '../../support/sandbox.js';
import { joined, meeting, onPage, uniqueRoom } from './meeting-fixture.js';

export function button(attributes: Record<string, string> = {}): NanoMeetBroadcastButtonElement {
  const el = document.createElement('nano-meet-broadcast-button');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
}

export function shadowButton(el: NanoMeetBroadcastButtonElement): HTMLButtonElement {
  return el.shadowRoot!.querySelector('button')!;
}

export function statusText(el: NanoMeetBroadcastButtonElement): string {
  return el.shadowRoot!.querySelector('[role="status"]')?.textContent ?? '';
}

/**
 * The text the inner button's aria-describedby points to: a description of its own, where Chromium would
 * otherwise fall back to the title, which not every screen reader reads.
 */
export function describedBy(el: NanoMeetBroadcastButtonElement): string {
  const ids = shadowButton(el).getAttribute('aria-describedby')?.split(/\s+/) ?? [];
  return ids.map((id) => el.shadowRoot!.getElementById(id)?.textContent ?? '').join(' ');
}

/** Resolves once the button has rendered what its meeting last reported (events, then Lit's update). */
export async function settled(el: NanoMeetBroadcastButtonElement): Promise<void> {
  await el.updateComplete;
  await new Promise((resolve) => setTimeout(resolve));
  await el.updateComplete;
}

let meetings = 0;

/**
 * A native `<nano-meet>` for `request` (a moderator in a new room unless it says otherwise) with a broadcast
 * button `for` it beside it on the page, where a person finds it (`<nano-meet>` has no default slot: a button
 * inside it is not rendered); resolves once the meeting is joined and the button shows it. Both go at `cleanUp()`.
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

interface AccessibilityNode {
  role: string;
  name?: string;
  description?: string;
  disabled?: boolean;
  children?: AccessibilityNode[];
}

/** The button as Chromium's accessibility tree exposes it; `el` must be in the document with an id. */
export async function accessibleButton(el: NanoMeetBroadcastButtonElement): Promise<AccessibilityNode> {
  const tree = (await a11ySnapshot({ selector: `#${el.id}` })) as unknown as AccessibilityNode;
  const find = (node: AccessibilityNode): AccessibilityNode | undefined =>
    node.role === 'button' ? node : node.children?.map(find).find((found) => found !== undefined);
  const found = find(tree);
  if (!found) throw new Error(`No button in the accessibility tree of #${el.id}.`);
  return found;
}
