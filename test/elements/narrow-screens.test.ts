/**
 * The elements on a phone (a 375 px wide screen): what a person reads stays whole and on its lines, however
 * little room the page leaves the element.
 */
import { expect } from '@open-wc/testing';
import '../../src/elements/nano-meet-broadcast-button.js';
import { settled } from './support/broadcast-button-fixture.js';
import { joinedWithButton } from './support/meeting-with-button.js';
import { cleanUp } from './support/meeting-fixture.js';

/** How many lines `element`'s text takes: the height of its content box over that of one line of its text. */
function linesOf(element: Element): number {
  const style = getComputedStyle(element);
  const content =
    element.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
  const range = document.createRange();
  range.selectNodeContents(element);
  const line = Math.max(...[...range.getClientRects()].map((rect) => rect.height));
  return Math.round(content / line);
}

describe('the elements on a narrow screen', function () {
  this.timeout(20_000);
  afterEach(cleanUp);

  it("the broadcast button's LIVE badge keeps its dot and its word on one line", async () => {
    const { el, toggle } = await joinedWithButton({ streamname: `narrow-${Date.now().toString(36)}` });
    // As in a phone's header bar: the button may take the whole width, and no more.
    const bar = document.createElement('div');
    bar.style.width = '260px';
    toggle.style.maxWidth = '100%';
    toggle.replaceWith(bar);
    bar.append(toggle);
    try {
      await el.startBroadcast();
      await settled(toggle);
      const badge = toggle.shadowRoot!.querySelector('[part="badge"]')!;
      expect(badge.textContent).to.equal('LIVE');
      expect(linesOf(badge), 'lines of the LIVE badge').to.equal(1);
    } finally {
      bar.remove();
    }
  });
});
