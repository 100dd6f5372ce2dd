/**
 * `server` and `allowedServers` set as properties, as a framework binds them: `allowedServers` may be an array of
 * servers (`['meet.example.org']`), as a framework holds a list; anything else that is not text is refused on the
 * element's own screen with `server-not-allowed` and a sentence that names the setting, in the element's language,
 * and no meeting opens. Such a value threw inside the element's update (`text.split is not a function`): the
 * element stayed blank, or went on showing the screen of the meeting before. A `server` the sentence could not name
 * (a BigInt, an object that holds itself) threw the same way.
 */
import { expect, oneEvent } from '@open-wc/testing';
import type { NanoMeetElement } from '../../src/elements/nano-meet.js';
import { cleanUp, joined, meeting, sandbox, uniqueRoom } from './support/meeting-fixture.js';
import { uncaughtDuring } from './support/uncaught-errors.js';

/** Mounts `el` (or changes it, with `change`) and returns the refusal it shows, checking that nothing threw. */
async function refusedOnScreen(el: NanoMeetElement, change = () => {}): Promise<string> {
  let message = '';
  const errors = await uncaughtDuring(async () => {
    const error = oneEvent(el, 'nano-meet-error');
    change();
    if (!el.isConnected) document.body.append(el);
    const { detail } = await error;
    expect(detail.code).to.equal('server-not-allowed');
    message = detail.message;
  });
  expect(errors, 'thrown on the page').to.deep.equal([]);
  await el.updateComplete;
  expect(el.state).to.equal('error');
  expect(el.iframe).to.equal(undefined);
  expect(el.shadowRoot!.querySelector('iframe')).to.equal(null);
  const alert = el.shadowRoot!.querySelector('[part="status"].error');
  expect(alert?.textContent).to.contain(message);
  return message;
}

/** Values no list of servers is: each must be refused, never read as "no list" (which allows any server). */
const NOT_LISTS: [string, () => unknown][] = [
  ['a number', () => 42],
  ['true', () => true],
  ['an object', () => ({ servers: 'meet.example.org' })],
  ['an array with a number in it', async () => [(await sandbox()).server, 42]],
  ['an object no conversion to text survives', () => ({ toString: 1, valueOf: 1 })],
  ['a BigInt', () => 10n],
  ['an object that holds itself', () => cyclic()],
];

function cyclic(): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  value['self'] = value;
  return value;
}

describe('<nano-meet> server and allowedServers set as properties', () => {
  afterEach(cleanUp);

  it('takes allowedServers as an array of servers: joins a listed one, refuses one not listed', async () => {
    const home = await sandbox();
    const el = await meeting('native', { room: uniqueRoom() });
    el.allowedServers = ['other.example', `https://${home.server}`];
    await joined(el);
    const frame = el.iframe!;
    expect(new URL(frame.src).host).to.equal(home.server);
    // A framework passes a new array at each render: the same list again leaves the meeting as it is.
    const changes: string[] = [];
    el.addEventListener('nano-meet-state-change', (event) => changes.push(event.detail.state));
    el.allowedServers = ['other.example', `https://${home.server}`];
    await el.updateComplete;
    expect(el.iframe === frame, 'the same meeting iframe').to.equal(true);
    expect(changes).to.deep.equal([]);

    const message = await refusedOnScreen(el, () => (el.allowedServers = ['other.example', 'meet.example.org']));
    expect(message).to.contain(`${home.server}, a server this page does not allow`);
    // An empty array is an empty list, as allowed-servers="" is: it allows nothing.
    await refusedOnScreen(el, () => (el.allowedServers = []));
  });

  for (const [name, value] of NOT_LISTS) {
    it(`refuses allowedServers set to ${name}, on its screen, and opens no meeting`, async () => {
      const el = await meeting('native', { room: uniqueRoom() });
      (el as unknown as Record<string, unknown>)['allowedServers'] = await value();
      const message = await refusedOnScreen(el);
      expect(message).to.contain('allowed-servers must be text or an array of texts, not ');
      expect(message).to.contain('no server is allowed');
    });
  }

  it('says so in German, and joins once allowedServers is a list again', async () => {
    const home = await sandbox();
    const el = await meeting('native', { room: uniqueRoom() }, { lang: 'de' });
    (el as unknown as Record<string, unknown>)['allowedServers'] = 42;
    const message = await refusedOnScreen(el);
    expect(message).to.contain('allowed-servers muss Text oder ein Array von Texten sein, nicht 42');
    const ready = oneEvent(el, 'nano-meet-ready');
    el.allowedServers = home.server;
    await ready;
  });

  it('opens on the token’s server once the server attribute is removed, or the property is null or undefined', async () => {
    const home = await sandbox();
    const clears: [string, (el: NanoMeetElement) => void][] = [
      ['the attribute removed', (el) => el.removeAttribute('server')],
      ['the property null', (el) => ((el as unknown as Record<string, unknown>)['server'] = null)],
      ['the property undefined', (el) => ((el as unknown as Record<string, unknown>)['server'] = undefined)],
    ];
    for (const [name, clear] of clears) {
      // A framework binds server="…" and removes the attribute once its value is undefined; Lit then sets the
      // property to null, which the element took for a server asked for: "…must be a host…, not null".
      const el = await meeting('native', { room: uniqueRoom() }, { server: home.server });
      await joined(el);
      const errors: string[] = [];
      el.addEventListener('nano-meet-error', (event) => errors.push(event.detail.code));
      const thrown = await uncaughtDuring(async () => {
        clear(el);
        await el.updateComplete;
      });
      expect(thrown, `${name}: thrown on the page`).to.deep.equal([]);
      expect(errors, `${name}: errors`).to.deep.equal([]);
      expect(el.state, name).to.not.equal('error');
      expect(new URL(el.iframe!.src).host, name).to.equal(home.server);
      el.remove();
    }
  });

  for (const [name, value] of [
    ['a number', () => 8443],
    ['an array of one server', async () => [(await sandbox()).server]],
    ['an object no conversion to text survives', () => ({ toString: 1, valueOf: 1 })],
    // JSON.stringify throws for these: the sentence that named the value threw instead.
    ['a BigInt', () => 10n],
    ['an object that holds itself', () => cyclic()],
  ] as const) {
    it(`refuses server set to ${name}, on its screen`, async () => {
      const el = await meeting('native', { room: uniqueRoom() });
      (el as unknown as Record<string, unknown>)['server'] = await value();
      const message = await refusedOnScreen(el);
      expect(message).to.contain('The server attribute must be a host with an optional port, not ');
    });
  }
});
