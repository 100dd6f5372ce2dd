/**
 * `<nano-meet>`'s statistics against the sandbox: `getStats()` as participants come, go and change role, the
 * dominant speaker, P2P or bridge, the broadcast, the periodic `nano-meet-stats` event and its timer, and
 * deployments that do not answer (an older Jitsi that does not know `connection-stats`, a page that is slow).
 */
import { expect, oneEvent } from '@open-wc/testing';
import type { MeetingLoader, MeetingStats, NanoMeetElement } from '../../src/elements/nano-meet.js';
import { STATS_REQUEST_TIMEOUT_MS } from '../../src/elements/nano-meet/meeting-stats-controller.js';
import { loadExternalApi } from '../../src/meeting/load-external-api.js';
import { actAs, cleanUp, control, joined, meeting, sandbox, scripted, uniqueRoom } from './support/meeting-fixture.js';
import { FAULT_SANDBOX } from '../support/sandbox.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads the statistics until `predicate` holds (the meeting's events reach the element a moment later). */
async function statsWhere(el: NanoMeetElement, predicate: (stats: MeetingStats) => boolean): Promise<MeetingStats> {
  let last: MeetingStats | undefined;
  for (let attempt = 0; attempt < 60; attempt += 1) {
    last = await el.getStats();
    if (last && predicate(last)) return last;
    await sleep(50);
  }
  throw new Error(`The statistics never matched; last: ${JSON.stringify(last)}`);
}

/** Collects the element's `nano-meet-stats` events. */
function statsEvents(el: NanoMeetElement): MeetingStats[] {
  const seen: MeetingStats[] = [];
  el.addEventListener('nano-meet-stats', (event) => seen.push(event.detail));
  return seen;
}

describe('<nano-meet> getStats()', () => {
  afterEach(cleanUp);

  it('answers undefined outside the meeting', async () => {
    const el = await meeting('native', { room: uniqueRoom() });
    expect(await el.getStats()).to.equal(undefined);
  });

  for (const loader of ['native', 'external'] satisfies MeetingLoader[]) {
    it(`counts participants by role as they join, change role and leave (${loader})`, async () => {
      const room = uniqueRoom();
      // Already there: Jitsi announces no role for those in the room before us, rooms-info does.
      const host = await scripted(room, { name: 'Host', moderator: true });
      const el = await joined(await meeting(loader, { room }));
      let stats = await statsWhere(el, (s) => s.participants.total === 2);
      expect(stats.participants).to.deep.equal({ total: 2, moderators: 1, participants: 1, visitors: 0 });

      const guest = await scripted(room, { name: 'Guest' });
      stats = await statsWhere(el, (s) => s.participants.total === 3);
      expect(stats.participants).to.deep.equal({ total: 3, moderators: 1, participants: 2, visitors: 0 });

      // Listening before acting: the event can arrive before the control route has answered.
      const roleChanged = oneEvent(el, 'nano-meet-participant-role-changed');
      await actAs(room, host, 'grant-moderator', guest);
      await roleChanged;
      stats = await statsWhere(el, (s) => s.participants.moderators === 2);
      expect(stats.participants).to.deep.equal({ total: 3, moderators: 2, participants: 1, visitors: 0 });

      await actAs(room, host, 'video-hangup');
      stats = await statsWhere(el, (s) => s.participants.total === 2);
      expect(stats.participants).to.deep.equal({ total: 2, moderators: 1, participants: 1, visitors: 0 });
      expect(stats.timestamp).to.be.closeTo(Date.now(), 5000);
    });
  }

  it('tells P2P from the bridge as the meeting switches', async () => {
    const room = uniqueRoom();
    const el = await joined(await meeting('native', { room, moderator: true }));
    expect((await el.getStats())!.p2p).to.equal(false);
    const switched = oneEvent(el, 'nano-meet-p2p-status-changed');
    await scripted(room, { name: 'Second' });
    expect((await switched).detail.isP2p).to.equal(true);
    expect((await el.getStats())!.p2p).to.equal(true);
    await scripted(room, { name: 'Third' });
    expect((await statsWhere(el, (s) => s.participants.total === 3)).p2p).to.equal(false);
  });

  it('names the dominant speaker, and nobody once they left', async () => {
    const room = uniqueRoom();
    const el = await joined(await meeting('native', { room, moderator: true }));
    const speaker = await scripted(room, { name: 'Speaker' });
    expect((await el.getStats())!).not.to.have.property('dominantSpeakerId');
    const named = oneEvent(el, 'nano-meet-dominant-speaker-changed');
    await control(await sandbox(), 'POST', `/rooms/${room}/participants/${speaker}/speak`);
    await named;
    expect((await el.getStats())!.dominantSpeakerId).to.equal(speaker);
    await actAs(room, speaker, 'video-hangup');
    const stats = await statsWhere(el, (s) => s.participants.total === 1);
    expect(stats).not.to.have.property('dominantSpeakerId');
  });

  it('shows the live stream while the meeting is on air', async () => {
    const room = uniqueRoom();
    const streamname = `stats_${Date.now().toString(36)}`;
    const el = await joined(await meeting('native', { room, moderator: true, streamname }));
    expect((await el.getStats())!.recording).to.deep.equal({
      file: false,
      stream: false,
      local: false,
      transcription: false,
    });
    await el.startBroadcast();
    expect((await el.getStats())!.recording.stream).to.equal(true);
    await el.stopBroadcast();
    expect((await el.getStats())!.recording.stream).to.equal(false);
  });

  for (const loader of ['native', 'external'] satisfies MeetingLoader[]) {
    it(`gives the received video quality once the meeting reports one (${loader})`, async () => {
      const room = uniqueRoom();
      const el = await meeting(loader, { room });
      const ready = oneEvent(el, 'nano-meet-ready');
      document.body.append(el);
      const { participantId } = (await ready).detail;
      expect((await el.getStats())!).not.to.have.property('videoQuality');
      // The person picks a quality in the meeting's settings; Jitsi reports it as for setVideoQuality.
      await control(await sandbox(), 'POST', `/rooms/${room}/participants/${participantId}/video-quality`, {
        height: 360,
      });
      expect((await statsWhere(el, (s) => s.videoQuality !== undefined)).videoQuality).to.equal(360);
      await control(await sandbox(), 'POST', `/rooms/${room}/participants/${participantId}/video-quality`, {
        height: 720,
      });
      expect((await statsWhere(el, (s) => s.videoQuality === 720)).videoQuality).to.equal(720);
    });
  }

  it("gives Jitsi's connection statistics as the deployment answers them, inventing none", async () => {
    const el = await joined(await meeting('native', { room: uniqueRoom() }));
    const { connection } = (await el.getStats())!;
    // The sandbox answers these four, as a meeting without media measurements would; the rest stays absent.
    expect(connection).to.include({ connectionQuality: 100, bridgeCount: 1 });
    // Nothing measured a round trip: absent, not 0 (a chart would draw a flat zero).
    expect(connection).not.to.have.property('jvbRTT');
    expect(connection).not.to.have.property('bandwidth');
    expect(connection).not.to.have.property('packetLoss');
    expect((await el.getStats())!).not.to.have.property('videoQuality');
  });
});

describe('<nano-meet> nano-meet-stats', () => {
  afterEach(cleanUp);

  it('is off by default, comes every stats-interval seconds, follows the attribute and stops with 0', async () => {
    const el = await joined(await meeting('native', { room: uniqueRoom() }));
    const seen = statsEvents(el);
    await sleep(800);
    expect(seen).to.have.length(0);

    el.setAttribute('stats-interval', '0.5');
    await oneEvent(el, 'nano-meet-stats');
    const started = Date.now();
    await oneEvent(el, 'nano-meet-stats');
    expect(Date.now() - started).to.be.within(300, 900);
    expect(seen.at(-1)!.participants.total).to.equal(1);

    el.setAttribute('stats-interval', '0');
    await el.updateComplete;
    // One reading may have been under way as the attribute changed.
    await sleep(100);
    const count = seen.length;
    await sleep(1200);
    expect(seen).to.have.length(count);

    el.setAttribute('stats-interval', '1');
    await oneEvent(el, 'nano-meet-stats');
    el.removeAttribute('stats-interval');
    await el.updateComplete;
    await sleep(100);
    const after = seen.length;
    await sleep(1500);
    expect(seen).to.have.length(after);
  });

  it('stops when the element is removed: no timer is left behind', async () => {
    const el = await joined(await meeting('native', { room: uniqueRoom() }, { 'stats-interval': '0.5' }));
    const seen = statsEvents(el);
    await oneEvent(el, 'nano-meet-stats');
    el.remove();
    const count = seen.length;
    await sleep(1500);
    expect(seen).to.have.length(count);
    // And again once it is back in the meeting.
    await joined(el);
    await oneEvent(el, 'nano-meet-stats');
  });

  it('warns about a value that is not a number of seconds and sends nothing', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: unknown) => void warnings.push(String(message));
    try {
      const el = await joined(await meeting('native', { room: uniqueRoom() }, { 'stats-interval': 'often' }));
      const seen = statsEvents(el);
      await sleep(1000);
      expect(seen).to.have.length(0);
      expect(warnings.join('\n')).to.contain('stats-interval must be a number of seconds');
    } finally {
      console.warn = warn;
    }
  });
});

/**
 * That `el`'s statistics leave the connection's out, in `getStats()` and in the next `nano-meet-stats` event, and
 * that it says so at once rather than after a request timed out.
 */
async function expectConnectionLeftOut(el: NanoMeetElement): Promise<void> {
  const started = Date.now();
  const stats = (await el.getStats())!;
  expect(Date.now() - started).to.be.below(STATS_REQUEST_TIMEOUT_MS / 2);
  expect(stats).not.to.have.property('connection');
  expect(stats.participants.total).to.equal(1);
  expect(stats.p2p).to.equal(false);
  const { detail } = await oneEvent(el, 'nano-meet-stats');
  expect(detail).not.to.have.property('connection');
}

describe('<nano-meet> statistics from a deployment that does not answer', () => {
  const FAULT = '/faults/stats';
  afterEach(async () => {
    cleanUp();
    await control(await sandbox(FAULT_SANDBOX), 'DELETE', FAULT);
  });

  it('leaves the connection statistics out when the deployment does not know getConnectionStats', async () => {
    const info = await sandbox(FAULT_SANDBOX);
    const room = uniqueRoom();
    await control(info, 'PUT', FAULT, { olderPagePaths: [`/${room}`] });
    const errors: unknown[] = [];
    const el = await meeting('native', { room, moderator: true }, { 'stats-interval': '0.5' }, info);
    el.addEventListener('nano-meet-error', (event) => errors.push(event.detail));
    await joined(el);
    // Jitsi answers an unknown request at once ({error: {}}), so nothing waits for a timeout.
    await expectConnectionLeftOut(el);
    expect(errors).to.deep.equal([]);
    expect(el.state).to.equal('joined');
  });

  it("leaves them out on the external route when the server's external_api.js has no getConnectionStats", async () => {
    // An older external_api.js: the sandbox's class (the one the element gets: loaded once per page) without it.
    const info = await sandbox();
    const ExternalApi = await loadExternalApi(info.server);
    const prototype = ExternalApi.prototype as Record<string, unknown>;
    const getConnectionStats = prototype['getConnectionStats'];
    delete prototype['getConnectionStats'];
    try {
      const el = await meeting('external', { room: uniqueRoom() }, { 'stats-interval': '0.5' });
      const errors: unknown[] = [];
      el.addEventListener('nano-meet-error', (event) => errors.push(event.detail));
      await joined(el);
      // Said at once by the element's external route, not a timeout later.
      await expectConnectionLeftOut(el);

      // Not asked again in that meeting, even if the function appeared; the next meeting asks again.
      prototype['getConnectionStats'] = getConnectionStats;
      expect((await el.getStats())!).not.to.have.property('connection');
      const ready = oneEvent(el, 'nano-meet-ready');
      el.rejoin();
      await ready;
      expect((await el.getStats())!.connection).to.include({ connectionQuality: 100 });
      expect(errors).to.deep.equal([]);
      expect(el.state).to.equal('joined');
    } finally {
      prototype['getConnectionStats'] = getConnectionStats;
    }
  });

  it('answers within its time bound from what it knows when the meeting is slow to answer', async () => {
    const info = await sandbox(FAULT_SANDBOX);
    const room = uniqueRoom();
    const el = await joined(await meeting('native', { room, moderator: true }, {}, info));
    await control(info, 'PUT', FAULT, { delayMs: 8000, delayPaths: [`/_sandbox/rooms/${room}/request`] });
    const started = Date.now();
    const stats = (await el.getStats())!;
    expect(Date.now() - started).to.be.within(STATS_REQUEST_TIMEOUT_MS - 100, STATS_REQUEST_TIMEOUT_MS + 1000);
    // From the element's own roster.
    expect(stats.participants).to.deep.equal({ total: 1, moderators: 1, participants: 0, visitors: 0 });
    expect(stats).not.to.have.property('connection');
    expect(el.state).to.equal('joined');
  });
});
