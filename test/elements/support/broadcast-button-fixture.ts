/**
 * Puts `<nano-meet-broadcast-button>` elements on the test page and reads what a person (or a screen reader)
 * gets from them. It imports nothing that defines `<nano-meet>`: a test of a page where the button is defined
 * first uses it (nano-meet-broadcast-button-definition-order.test.ts); meeting-with-button.ts has the meetings.
 */
import { a11ySnapshot } from '@web/test-runner-commands';
import type { NanoMeetBroadcastButtonElement } from '../../../src/elements/nano-meet-broadcast-button.js';

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
