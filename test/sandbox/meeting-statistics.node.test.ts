/**
 * What the sandbox tells a page about the meeting's statistics, as a Jitsi page does: P2P or bridge
 * (`p2p-status-changed`, `get-p2p-status`, lib-jitsi-meet's default `backToP2PDelay`), the dominant speaker, and
 * `connection-stats`, which an older Jitsi answers as any unknown request (docs/jitsi/wire.md §4).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server/sandbox-server.js';
import { BACK_TO_P2P_DELAY_MS } from '../../src/sandbox/server/p2p.js';
import { call, mintToken, NodePage } from './support/node-page.js';

let sandbox: RunningSandbox;
let roomCounter = 0;
const pages: NodePage[] = [];

before(async () => {
  sandbox = await startSandbox({ media: false });
});
after(() => {
  for (const page of pages) page.close();
  return sandbox.close();
});

function newRoom(): string {
  roomCounter += 1;
  return `stats_${roomCounter}`;
}

async function join(room: string, fields: Record<string, unknown> = {}): Promise<NodePage> {
  const page = await NodePage.open(sandbox, `/${room}`, await mintToken(sandbox, { room, ...fields }));
  await page.next('video-conference-joined');
  pages.push(page);
  return page;
}

const p2pEvents = (page: NodePage) =>
  page.events.filter((event) => event.name === 'p2p-status-changed').map((event) => event['isP2p']);

async function control(method: string, path: string, body?: unknown) {
  const answer = await call(sandbox, method, `/_sandbox/control${path}`, body);
  assert.equal(answer.status, 200, answer.body);
}

describe('sandbox: P2P or bridge', () => {
  it('is on the bridge alone, P2P as a pair, back on the bridge with a third, and says so to each page', async () => {
    const room = newRoom();
    const ann = await join(room, { moderator: true });
    assert.equal(await ann.request('get-p2p-status'), false);
    const bob = await join(room);
    await ann.next('p2p-status-changed', (event) => event['isP2p'] === true);
    await bob.next('p2p-status-changed', (event) => event['isP2p'] === true);
    assert.equal(await bob.request('get-p2p-status'), true);
    const cy = await join(room);
    await ann.next('p2p-status-changed', (event) => event['isP2p'] === false);
    await bob.next('p2p-status-changed', (event) => event['isP2p'] === false);
    assert.equal(await ann.request('get-p2p-status'), false);
    // The third's conference never was P2P: nothing changed for it.
    assert.deepEqual(p2pEvents(cy), []);
    assert.deepEqual(p2pEvents(ann), [true, false]);
  });

  it('goes back to P2P only after backToP2PDelay when a departure leaves two', async () => {
    const room = newRoom();
    const ann = await join(room, { moderator: true });
    const bob = await join(room);
    const cy = await join(room);
    await ann.next('p2p-status-changed', (event) => event['isP2p'] === false);
    const left = Date.now();
    await cy.command('video-hangup');
    await ann.next('participant-left');
    assert.equal(await ann.request('get-p2p-status'), false);
    const seen = ann.events.length;
    await ann.next('p2p-status-changed', (event) => event['isP2p'] === true, seen);
    assert.ok(Date.now() - left >= BACK_TO_P2P_DELAY_MS - 50, 'not before the delay');
    assert.equal(await bob.request('get-p2p-status'), true);
  });

  it('leaves P2P when the other one goes', async () => {
    const room = newRoom();
    const ann = await join(room, { moderator: true });
    const bob = await join(room);
    await ann.next('p2p-status-changed', (event) => event['isP2p'] === true);
    await bob.command('video-hangup');
    await ann.next('p2p-status-changed', (event) => event['isP2p'] === false);
    assert.equal(await ann.request('get-p2p-status'), false);
  });
});

describe('sandbox: dominant speaker', () => {
  it('names the speaker to everyone, the speaker included, only when it changes', async () => {
    const room = newRoom();
    const ann = await join(room, { moderator: true });
    const bob = await join(room);
    await control('POST', `/rooms/${room}/participants/${bob.id}/speak`);
    await ann.next('dominant-speaker-changed', (event) => event['id'] === bob.id);
    await bob.next('dominant-speaker-changed', (event) => event['id'] === bob.id);
    await control('POST', `/rooms/${room}/participants/${bob.id}/speak`);
    await control('POST', `/rooms/${room}/participants/${ann.id}/speak`);
    await bob.next('dominant-speaker-changed', (event) => event['id'] === ann.id);
    const named = bob.events.filter((event) => event.name === 'dominant-speaker-changed').map((event) => event['id']);
    assert.deepEqual(named, [bob.id, ann.id]);
  });
});

describe('sandbox: connection-stats', () => {
  it("invents no measurement: connectionQuality is lib-jitsi-meet's initial 100, no jvbRTT on the bridge or in P2P", async () => {
    const room = newRoom();
    const ann = await join(room, { moderator: true });
    const alone = (await ann.request('connection-stats')) as Record<string, unknown>;
    // lib-jitsi-meet's ConnectionQuality starts at 100 with jvbRTT, serverRegion undefined (docs/jitsi/wire.md §9).
    assert.deepEqual(alone, { connectionQuality: 100, bridgeCount: 1 });
    const bob = await join(room);
    await ann.next('p2p-status-changed', (event) => event['isP2p'] === true);
    assert.equal(await ann.request('get-p2p-status'), true);
    // jvbRTT is only ever the bridge connection's RTT: never a P2P one, and the sandbox measures neither.
    for (const page of [ann, bob]) {
      assert.equal('jvbRTT' in ((await page.request('connection-stats')) as object), false);
    }
  });

  it('answers with the fields it has, and as unknown (`{error: {}}`) on a page served as an older Jitsi', async () => {
    const room = newRoom();
    const ann = await join(room, { moderator: true });
    const stats = (await ann.request('connection-stats')) as Record<string, unknown>;
    assert.equal(typeof stats['connectionQuality'], 'number');
    assert.equal('error' in stats, false);
    await control('PUT', '/faults/older-page', { olderPagePaths: [`/${room}`] });
    try {
      assert.deepEqual(await ann.request('connection-stats'), { error: {} });
      // Everything else it knows as before.
      assert.equal(await ann.request('get-p2p-status'), false);
    } finally {
      await control('DELETE', '/faults/older-page');
    }
  });
});
