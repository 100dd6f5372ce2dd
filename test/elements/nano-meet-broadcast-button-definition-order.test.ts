/**
 * A page that loads `nano-meet-broadcast-button.js` before `nano-meet.js` (two script tags, or one element's
 * module arriving later): the buttons are upgraded while their meetings are still unknown elements. This file
 * imports `<nano-meet>` only inside the test, so that it runs in a page where it is not yet defined.
 */
import { expect } from '@open-wc/testing';
import '../../src/elements/nano-meet-broadcast-button.js';
import { button, settled, shadowButton, statusText } from './support/broadcast-button-fixture.js';

describe('<nano-meet-broadcast-button> defined before <nano-meet>', () => {
  it('finds the meeting around it and the one it names once <nano-meet> is defined', async () => {
    // A boolean: chai describing a class it did not expect never finishes, and the page would hang.
    expect(customElements.get('nano-meet') === undefined, 'this page must not have defined <nano-meet> yet').to.equal(
      true,
    );
    const around = document.createElement('nano-meet');
    const inside = button();
    around.append(inside);
    const named = document.createElement('nano-meet');
    named.id = 'defined-later';
    const byId = button({ for: 'defined-later' });
    document.body.append(around, named, byId);
    try {
      await settled(inside);
      expect(inside.meeting === undefined, 'nobody answers before <nano-meet> is defined').to.equal(true);
      expect(statusText(inside)).to.equal('No meeting to broadcast.');

      await import('../../src/elements/nano-meet.js');
      await settled(inside);
      await settled(byId);
      expect(inside.meeting === around, 'the meeting around the button').to.equal(true);
      expect(byId.meeting === named, 'the meeting named by for').to.equal(true);
      for (const control of [inside, byId]) {
        expect(shadowButton(control).disabled).to.equal(true);
        expect(statusText(control)).to.equal('Join the meeting to broadcast.');
      }
    } finally {
      around.remove();
      named.remove();
      byId.remove();
    }
  });
});
