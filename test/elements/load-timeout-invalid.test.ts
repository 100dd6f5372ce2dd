/**
 * A `load-timeout` that is no wait (`"abc"`, `"0"`, `"-5"`, empty) used to arm the timers with NaN, 0 or less, which
 * fire at once: every meeting failed "within NaN s" before it could load. Such a value is said once in the console and
 * the default 30 s is taken (meeting-settings.ts), by the element and by the pre-iframe core alike.
 */
import { expect } from '@open-wc/testing';
import { cleanUp } from './support/meeting-fixture.js';
import { earlyExternalScript, noneFailsAtOnce } from './support/load-timeout-cases.js';

const NO_WAITS = ['abc', '0', '-5', ''];

describe('<nano-meet load-timeout> that is no wait', () => {
  afterEach(cleanUp);

  it('takes the default 30 s, saying so once in the console, instead of failing the meeting at once', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      await noneFailsAtOnce(NO_WAITS);
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
