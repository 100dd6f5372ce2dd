/**
 * The page, not the token, decides which meeting servers `<nano-meet>` talks to (issue 14 item 4). Sandbox [1], on
 * another origin, plays a stranger's server; it is named by a host name of its own (any `*.localhost` reaches it),
 * so that its visit count shows whether this page contacted it, whatever other tests do with it meanwhile.
 */
import { expect, oneEvent } from '@open-wc/testing';
import type { NanoMeetElement } from '../../src/elements/nano-meet.js';
import { cleanUp, joined, meeting, sandbox, uniqueRoom } from './support/meeting-fixture.js';
import { visits, type SandboxInfo } from '../support/sandbox.js';

const META = 'nano-meet-allowed-servers';

/** A host name for the foreign sandbox that no other test uses, and its `host:port`. */
function strangerOn(foreign: SandboxInfo): { host: string; server: string } {
  const host = `${uniqueRoom('stranger').replaceAll('_', '-')}.localhost`;
  return { host, server: `${host}:${new URL(foreign.url).port}` };
}

function allowInMeta(content: string): HTMLMetaElement {
  const meta = Object.assign(document.createElement('meta'), { name: META, content });
  document.head.append(meta);
  return meta;
}

async function refused(el: NanoMeetElement): Promise<string> {
  const error = oneEvent(el, 'nano-meet-error');
  if (!el.isConnected) document.body.append(el);
  const { detail } = await error;
  expect(detail.code).to.equal('server-not-allowed');
  await el.updateComplete;
  expect(el.state).to.equal('error');
  expect(el.iframe).to.equal(undefined);
  expect(el.shadowRoot!.querySelector('iframe')).to.equal(null);
  const alert = el.shadowRoot!.querySelector('[part="status"].error');
  expect(alert?.textContent).to.contain(detail.message);
  return detail.message;
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Never saw ${what}.`);
}

describe('<nano-meet> and the servers the page allows', () => {
  const metas: HTMLMetaElement[] = [];
  afterEach(cleanUp);
  afterEach(() => metas.splice(0).forEach((meta) => meta.remove()));
  afterEach(() => localStorage.removeItem('jitsiLocalStorage'));

  it('refuses a token naming a server the page does not list before any request: no iframe, nothing reaches it', async () => {
    const [home, foreign] = [await sandbox(0), await sandbox(1)];
    const stranger = strangerOn(foreign);
    // What Jitsi's page leaves with its host, e-mail included, travels in the next meeting's URL.
    localStorage.setItem('jitsiLocalStorage', JSON.stringify({ email: 'ann@example.org' }));
    const el = await meeting(
      'native',
      { room: uniqueRoom(), server: stranger.server },
      { 'allowed-servers': home.server },
      foreign,
    );
    const message = await refused(el);
    expect(message).to.contain(`${stranger.server}, a server this page does not allow`);
    expect(document.querySelector(`link[href*="${stranger.host}"]`)).to.equal(null);
    expect(await visits(foreign, stranger.host)).to.deep.equal({ connections: 0, requests: 0 });

    // The same token, once the page lists its server, does reach it (with the e-mail): the count above could see it.
    el.allowedServers = `${home.server} https://${stranger.server}`;
    await until(async () => (await visits(foreign, stranger.host)).requests > 0, `a request to ${stranger.host}`);
    expect(el.iframe?.src).to.contain('ann%40example.org');
  });

  it('with only <meta name="nano-meet-allowed-servers">: refuses another server, joins a listed one', async () => {
    const [home, foreign] = [await sandbox(0), await sandbox(1)];
    const stranger = strangerOn(foreign);
    metas.push(allowInMeta(`https://${home.server}`));
    await refused(await meeting('native', { room: uniqueRoom(), server: stranger.server }, {}, foreign));
    expect(await visits(foreign, stranger.host)).to.deep.equal({ connections: 0, requests: 0 });
    const el = await joined(await meeting('native', { room: uniqueRoom() }, {}, home));
    expect(new URL(el.iframe!.src).origin).to.equal(home.url);
  });

  it('with a meta and an attribute, allows only the servers on both lists', async () => {
    const [home, foreign] = [await sandbox(0), await sandbox(1)];
    metas.push(allowInMeta(`${home.server}, ${foreign.server}`));
    const both = { 'allowed-servers': `https://${foreign.server}` };
    const message = await refused(await meeting('native', { room: uniqueRoom() }, both, home));
    expect(message).to.contain(home.server);
    await joined(await meeting('native', { room: uniqueRoom() }, both, foreign));

    // Lists with nothing in common allow nothing.
    const none = { 'allowed-servers': 'other.example' };
    await refused(await meeting('native', { room: uniqueRoom() }, none, foreign));
  });

  it('refuses loader="external" on a page that lists no server: no script runs, nothing reaches the server', async () => {
    const foreign = await sandbox(1);
    const stranger = strangerOn(foreign);
    const el = await meeting('external', { room: uniqueRoom(), server: stranger.server }, {}, foreign);
    el.allowedServers = null;
    const message = await refused(el);
    expect(message).to.contain('loader="external"');
    expect(document.querySelector('script[src*="external_api.js"]')).to.equal(null);
    const scripts = performance.getEntriesByType('resource').filter((entry) => entry.name.includes(stranger.host));
    expect(scripts).to.deep.equal([]);
    expect(await visits(foreign, stranger.host)).to.deep.equal({ connections: 0, requests: 0 });
  });

  it('runs loader="external" for a server the page lists', async () => {
    const foreign = await sandbox(1);
    const el = await joined(
      await meeting('external', { room: uniqueRoom() }, { 'allowed-servers': `https://${foreign.server}` }, foreign),
    );
    expect(new URL(el.iframe!.src).origin).to.equal(foreign.url);
  });
});
