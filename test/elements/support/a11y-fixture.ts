/**
 * What the accessibility tests share: brandings (one with colours that would be unreadable as given), axe's
 * verdict on an element, and the texts a live region has said.
 */
import { expect } from '@open-wc/testing';
import { axeViolations } from '../../support/axe.js';

/** A 1×1 PNG, so that the logo and its link are drawn without a request. */
const LOGO =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** White text on yellow, a pale accent, a logo with a link: every colour rule has something to check. */
export const LOW_CONTRAST_BRANDING = JSON.stringify({
  backgroundColor: '#ffff00',
  textColor: '#ffffff',
  accentColor: '#ffff66',
  logoImageUrl: LOGO,
  logoClickUrl: 'https://example.org/',
});

export const BRANDINGS = { 'without branding': '', 'with a low-contrast branding': LOW_CONTRAST_BRANDING };

/** Lets a branding (parsed in a promise) and the render after it land. */
export async function rendered(el: HTMLElement & { updateComplete: Promise<unknown> }): Promise<void> {
  await el.updateComplete;
  await new Promise((resolve) => setTimeout(resolve));
  await el.updateComplete;
}

/** No WCAG 2.2 AA violation in the element, its shadow DOM included. */
export async function expectNoViolations(el: Element, what: string): Promise<void> {
  expect(await axeViolations(el), what).to.deep.equal([]);
}

/**
 * Every text the element's live regions take on from now, in order: what a screen reader announces. A region
 * whose text does not change says nothing; so a repeated entry is a repeated announcement.
 */
export function announcements(el: Element): { said: string[]; stop(): void } {
  const said: string[] = [];
  const regions = () => [...el.shadowRoot!.querySelectorAll('[role="status"], [role="alert"], [aria-live]')];
  const read = (region: Element) => region.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const last = new Map(regions().map((region) => [region, read(region)]));
  const observer = new MutationObserver(() => {
    for (const region of regions()) {
      const text = read(region);
      if (text !== (last.get(region) ?? '') && text !== '') said.push(text);
      last.set(region, text);
    }
  });
  observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
  return { said, stop: () => observer.disconnect() };
}
