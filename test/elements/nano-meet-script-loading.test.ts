/**
 * `loader="external"`: the meeting server's own external_api.js. Its own file, so that this page has loaded
 * no script yet when the tests start (scripts are cached per server for the page's life).
 */
import { expect, oneEvent } from '@open-wc/testing';
import { cleanUp, control, joined, meeting, sandbox, uniqueRoom } from './support/meeting-fixture.js';
import { FAULT_SANDBOX } from '../support/sandbox.js';

function scriptLoads(server: string): number {
  return performance.getEntriesByType('resource').filter((entry) => entry.name === `https://${server}/external_api.js`)
    .length;
}

describe('<nano-meet loader="external"> loading the server\'s script', () => {
  afterEach(cleanUp);
  afterEach(async () => control(await sandbox(FAULT_SANDBOX), 'DELETE', '/faults/script-loading'));

  it('times out with script-load-failed when the server is too slow', async () => {
    const info = await sandbox(FAULT_SANDBOX);
    await control(info, 'PUT', '/faults/script-loading', { delayMs: 3000, delayPaths: ['/external_api.js'] });
    const el = await meeting('external', { room: uniqueRoom() }, { 'load-timeout': '0.5' }, info);
    const error = oneEvent(el, 'nano-meet-error');
    document.body.append(el);
    const { detail } = await error;
    expect(detail.code).to.equal('script-load-failed');
    expect(detail.message).to.contain('did not load within');
    expect(el.state).to.equal('error');
  });

  it('reports a failed load, and tries again on the next use instead of caching the failure', async () => {
    const info = await sandbox(FAULT_SANDBOX);
    await control(info, 'PUT', '/faults/script-loading', { failPaths: ['/external_api.js'], failStatus: 503 });
    const el = await meeting('external', { room: uniqueRoom() }, {}, info);
    const error = oneEvent(el, 'nano-meet-error');
    document.body.append(el);
    expect((await error).detail.code).to.equal('script-load-failed');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="status"].error')?.textContent).to.contain('could not be loaded');
    await control(info, 'DELETE', '/faults/script-loading');
    const ready = oneEvent(el, 'nano-meet-ready');
    el.rejoin();
    await ready;
  });

  it("loads each server's script once for all its meetings", async () => {
    const info = await sandbox(FAULT_SANDBOX);
    const before = scriptLoads(info.server);
    await Promise.all([
      joined(await meeting('external', { room: uniqueRoom() }, {}, info)),
      joined(await meeting('external', { room: uniqueRoom() }, {}, info)),
    ]);
    expect(scriptLoads(info.server) - before).to.be.at.most(1);
    expect(document.querySelectorAll(`script[src*="external_api.js"]`).length).to.equal(0);
  });
});
