/**
 * Mounting and unmounting `<nano-meet>` again and again keeps nothing per meeting: not the elements, not their
 * iframes, and not what the browser keeps alive for the page on their behalf, which the page itself cannot see;
 * DevTools counts them (`live-objects`, web-test-runner.config.mjs). The bench's heap figure (bench/mount-cycles.ts)
 * cannot tell such objects from the code V8 compiles as it goes; these counts can.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { cleanUp, joined, meeting, uniqueRoom } from './support/meeting-fixture.js';

/** Objects of the class that `constructor` names in the page, alive after a full garbage collection. */
const live = (constructor: string) => executeServerCommand<number, string>('live-objects', constructor);

/** One meeting, joined, then taken off the page and let go of. */
async function cycle(): Promise<void> {
  await joined(await meeting('native', { room: uniqueRoom() }));
  cleanUp();
}

describe('<nano-meet> mounted and unmounted again and again', () => {
  afterEach(cleanUp);

  it('keeps no element, iframe or permission status per meeting it loaded', async () => {
    await cycle();
    const baseline = {
      elements: await live("customElements.get('nano-meet')"),
      iframes: await live('HTMLIFrameElement'),
      // The load watch asks for the camera and microphone permissions when the meeting page is up
      // (src/meeting/meeting-load-watch.ts): Chromium keeps every status it hands out for the page's life.
      permissions: await live('PermissionStatus'),
    };
    expect(baseline.permissions).to.equal(2);
    for (let index = 0; index < 4; index++) await cycle();
    expect({
      elements: await live("customElements.get('nano-meet')"),
      iframes: await live('HTMLIFrameElement'),
      permissions: await live('PermissionStatus'),
    }).to.deep.equal(baseline);
  });
});
