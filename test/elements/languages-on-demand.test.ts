/**
 * German is fetched only when an element speaks it, and before the element says anything: no English first,
 * not on the screen and not in the error event. (A page of its own: nothing here has loaded German before.)
 */
import { expect } from '@open-wc/testing';
import '../../src/elements/nano-meet.js';
import { sandbox, token, uniqueRoom } from '../support/sandbox.js';

const germanFetched = () =>
  performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/i18n/messages-de.'));

describe('a language loaded on demand', () => {
  it('is fetched for the first German element, which says its first words, and its error, in German', async () => {
    const jwt = await token(await sandbox(), { room: uniqueRoom('lang'), validFrom: -7200, validFor: 3600 });
    expect(germanFetched(), 'not before it is needed').to.have.length(0);
    const el = document.createElement('nano-meet');
    el.lang = 'de';
    el.token = jwt;
    const error = new Promise<string>((resolve) =>
      el.addEventListener('nano-meet-error', (event) => resolve(event.detail.message), { once: true }),
    );
    document.body.append(el);
    try {
      expect(await error).to.contain('Das Token ist am');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="error"]')?.textContent).to.contain('Das Token ist am');
      expect(germanFetched()).to.have.length(1);
    } finally {
      el.remove();
    }
  });
});
