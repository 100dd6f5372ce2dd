/**
 * A `load-timeout` that is no wait (`"abc"`, `"0"`, `"-5"`, empty) used to arm the timers with NaN, 0 or less, which
 * fire at once: every meeting failed "within NaN s" before it could load. Such a value is said once in the console and
 * the default 30 s is taken (meeting-settings.ts), by the element and by the pre-iframe core alike.
 */
import { expect } from '@open-wc/testing';
import type { NanoMeetElement } from '../../src/elements/nano-meet.js';
import { cleanUp, meeting, uniqueRoom } from './support/meeting-fixture.js';
import { refusingServer } from '../support/sandbox.js';
import { earlyExternalScript } from './support/early-external-script.js';

const NO_WAITS = ['abc', '0', '-5', ''];

function still(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('<nano-meet load-timeout> that is no wait', () => {
  afterEach(cleanUp);

  it('takes the default 30 s, saying so once in the console, instead of failing the meeting at once', async () => {
    const server = await refusingServer();
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      const elements: NanoMeetElement[] = [];
      for (const seconds of NO_WAITS) {
        elements.push(await meeting('native', { room: uniqueRoom(), server }, { 'load-timeout': seconds }));
      }
      const errors: string[] = [];
      for (const el of elements) {
        el.addEventListener('nano-meet-error', (event) => errors.push(`${el.loadTimeout}: ${event.detail.message}`));
        document.body.append(el);
      }
      // A server that refuses connections is only told from a slow one by the deadline: none may have passed.
      await still(1000);
      expect(errors).to.deep.equal([]);
      expect(elements.map((el) => el.state)).to.deep.equal(NO_WAITS.map(() => 'loading'));
      const said = warnings.filter((warning) => warning.includes('load-timeout'));
      // What the attributes became: NaN, 0, -5 and, for the empty one, 0 again (said once).
      const values = said.map((warning) => /load-timeout="([^"]*)" is not seconds above 0/.exec(warning)?.[1]);
      expect(values).to.have.members(['NaN', '0', '-5']);
      expect(said[0]).to.contain('30 s');
    } finally {
      console.warn = warn;
    }
  });

  it('external, before the element has arrived: the core waits 30 s for the server’s script, not none', async () => {
    expect(typeof (await earlyExternalScript('abc'))).to.equal('function');
  });
});
