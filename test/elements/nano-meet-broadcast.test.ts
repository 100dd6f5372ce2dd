/**
 * `<nano-meet>`'s broadcast as Jitsi's `recordingStatusChanged` drives it
 * (src/elements/nano-meet/broadcast-controller.ts): a stream that fails once live, a stream stopped while it is
 * still starting, and a stream another moderator starts on a page that meets on another server than its token
 * names.
 */
import { expect, oneEvent } from '@open-wc/testing';
import '../../src/elements/nano-meet-broadcast-button.js';
import { settled, shadowButton, statusText } from './support/broadcast-button-fixture.js';
import { actAs, cleanUp, control, joined, meeting, sandbox, scripted, uniqueRoom } from './support/meeting-fixture.js';
import { joinedWithButton } from './support/meeting-with-button.js';

let streams = 0;
function uniqueStream(): string {
  streams += 1;
  return `broadcast-${Date.now().toString(36)}-${streams}`;
}

/** `promise`, or a failure naming `what` once `ms` have passed. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

describe('<nano-meet> broadcast', () => {
  afterEach(cleanUp);

  it('reports a stream that fails once live as broadcast-failed, and can go on air again', async () => {
    const info = await sandbox();
    const room = uniqueRoom();
    const el = await joined(await meeting('native', { room, moderator: true, streamname: uniqueStream() }));
    const states: string[] = [];
    el.addEventListener('nano-meet-broadcast-state-change', (event) => states.push(event.detail.state));
    await el.startBroadcast();
    expect(el.broadcastState).to.equal('live');

    const error = oneEvent(el, 'nano-meet-broadcast-error');
    const failure = await control<{ failed: boolean }>(info, 'POST', `/rooms/${room}/stream-failure`, {
      error: 'error',
    });
    expect(failure.failed).to.equal(true);
    const { detail } = await error;
    expect(detail.code).to.equal('broadcast-failed');
    expect(detail.reason).to.equal('error');
    expect(detail.message).to.contain('failed while live');
    await el.updateComplete;
    expect(el.getAttribute('broadcast-state')).to.equal('error');
    expect(states).to.deep.equal(['starting', 'live', 'error']);

    await el.startBroadcast();
    expect(el.broadcastState).to.equal('live');
    await el.stopBroadcast();
    expect(el.broadcastState).to.equal('idle');
  });

  it('starts once when asked again while starting: both calls resolve with the first call’s addresses, no refusal', async () => {
    const el = await joined(
      await meeting('native', { room: uniqueRoom(), moderator: true, streamname: uniqueStream() }),
    );
    const states: string[] = [];
    const errors: string[] = [];
    el.addEventListener('nano-meet-broadcast-state-change', (event) => states.push(event.detail.state));
    el.addEventListener('nano-meet-broadcast-error', (event) => errors.push(event.detail.code));
    // Two presses of a page's own button, or two scripts: Jitsi would refuse a second start as already running.
    const [first, second] = await Promise.all([el.startBroadcast({ record: true }), el.startBroadcast()]);
    expect(second).to.deep.equal(first);
    expect(first.vod, 'recorded, as the first call asked').to.be.a('string');
    expect(el.broadcastState).to.equal('live');
    expect(errors).to.deep.equal([]);
    expect(states).to.deep.equal(['starting', 'live']);
    await el.stopBroadcast();
  });

  it('goes on air again when asked while the last broadcast is stopping, once the stop is confirmed', async () => {
    const el = await joined(
      await meeting('native', { room: uniqueRoom(), moderator: true, streamname: uniqueStream() }),
    );
    await el.startBroadcast();
    const states: string[] = [];
    const errors: string[] = [];
    el.addEventListener('nano-meet-broadcast-state-change', (event) => states.push(event.detail.state));
    el.addEventListener('nano-meet-broadcast-error', (event) => errors.push(event.detail.code));
    const stopped = el.stopBroadcast();
    const again = el.startBroadcast();
    await Promise.all([stopped, el.stopBroadcast()]);
    const playout = await again;
    expect(playout.whep).to.be.a('string');
    expect(el.broadcastState).to.equal('live');
    expect(errors).to.deep.equal([]);
    expect(states).to.deep.equal(['stopping', 'idle', 'starting', 'live']);
    await el.stopBroadcast();
  });

  it('stopped while it starts: the stop ends it at once, the start says it was stopped, no error', async () => {
    const info = await sandbox();
    const streamname = uniqueStream();
    // Jibri takes this long to start, and again to announce the end, as a real one takes seconds.
    const jibriDelayMs = 1_000;
    const fault = `/faults/${streamname}`;
    await control(info, 'PUT', fault, { slowStreams: [streamname], streamDelayMs: jibriDelayMs });
    try {
      const { el, toggle } = await joinedWithButton({ streamname });
      const states: string[] = [];
      const errors: string[] = [];
      const ended: string[] = [];
      el.addEventListener('nano-meet-broadcast-state-change', (event) => states.push(event.detail.state));
      el.addEventListener('nano-meet-broadcast-error', (event) => errors.push(event.detail.code));
      el.addEventListener('nano-meet-broadcast-stopped', (event) => ended.push(event.type));
      const start = el.startBroadcast().then(
        () => undefined,
        (error: { code?: string; message?: string }) => error,
      );
      await settled(toggle);
      expect(toggle.state).to.equal('starting');
      // Just started, the button ignores presses (it offers to cancel only a moment later): the page's code stops it.
      expect(shadowButton(toggle).getAttribute('aria-disabled')).to.equal('true');

      // Jitsi announces the end of the pending session once Jibri has stopped: after about one delay, where the
      // element would otherwise wait its 60 s for both the start and the stop.
      await within(el.stopBroadcast(), 3 * jibriDelayMs, 'stopBroadcast()');
      const refusal = await within(start, jibriDelayMs, 'startBroadcast()');
      expect(refusal?.code).to.equal('broadcast-cancelled');
      expect(refusal?.message).to.equal('The broadcast was stopped before it went on air.');
      expect(el.broadcastState).to.equal('idle');
      expect(states).to.deep.equal(['starting', 'stopping', 'idle']);
      expect(errors, 'the stop was asked for: no error').to.deep.equal([]);
      expect(ended).to.deep.equal(['nano-meet-broadcast-stopped']);
      await el.updateComplete;
      expect(el.getAttribute('broadcast-state')).to.equal('idle');

      await settled(toggle);
      expect(toggle.state).to.equal('idle');
      expect(shadowButton(toggle).textContent).to.contain('Go live');
      expect(shadowButton(toggle).hasAttribute('aria-disabled')).to.equal(false);
      expect(statusText(toggle)).to.equal('Not broadcasting.');

      // Nothing of the stopped stream is left running: the same stream goes on air again.
      const playout = await el.startBroadcast();
      expect(playout.whep).to.be.a('string');
      expect(el.broadcastState).to.equal('live');
      await el.stopBroadcast();
      expect(errors).to.deep.equal([]);
    } finally {
      await control(info, 'DELETE', fault);
    }
  });

  it('leaving the meeting while the broadcast starts is no timeout: back to idle, without an error', async () => {
    const el = await joined(
      await meeting('native', { room: uniqueRoom(), moderator: true, streamname: uniqueStream() }),
    );
    const errors: string[] = [];
    el.addEventListener('nano-meet-broadcast-error', (event) => errors.push(event.detail.code));
    const start = el.startBroadcast();
    expect(el.broadcastState).to.equal('starting');
    el.remove();
    const refusal = await start.then(
      () => undefined,
      (error: { code?: string }) => error,
    );
    expect(refusal?.code).to.equal('not-joined');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(el.broadcastState).to.equal('idle');
    expect(errors).to.deep.equal([]);
  });

  it('announces a broadcast another moderator started on the server this page meets on (server override)', async () => {
    const info = await sandbox();
    // The same sandbox under a host name of its own: the token names `localhost:<port>`, the page meets on this.
    const override = `${uniqueRoom('override').replaceAll('_', '-')}.localhost:${new URL(info.url).port}`;
    const room = uniqueRoom();
    const streamname = uniqueStream();
    const el = await joined(
      await meeting('native', { room, moderator: true, streamname }, { server: override, 'allowed-servers': override }),
    );
    expect(new URL(el.iframe!.src).host).to.equal(override);
    const own = await el.startBroadcast();
    expect(new URL(own.whep!).host).to.equal(override);
    await el.stopBroadcast();

    const other = await scripted(room, { name: 'Other moderator', moderator: true });
    const started = oneEvent(el, 'nano-meet-broadcast-started');
    await actAs(room, other, 'start-recording', { mode: 'stream', rtmpStreamKey: streamname });
    const { playout } = (await started).detail;
    expect(playout).to.deep.equal(own);
    // The announced address is where the stream is.
    expect((await fetch(playout.hls!)).status).to.equal(200);
    const stopped = oneEvent(el, 'nano-meet-broadcast-stopped');
    await actAs(room, other, 'stop-recording', 'stream');
    await stopped;
  });
});
