/**
 * `<nano-meet>`'s broadcast as Jitsi's `recordingStatusChanged` drives it
 * (src/elements/nano-meet/broadcast-controller.ts): a stream another moderator starts on a page that meets on
 * another server than its token names.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { actAs, cleanUp, joined, meeting, sandbox, scripted, uniqueRoom } from './support/meeting-fixture.js';

let streams = 0;
function uniqueStream(): string {
  streams += 1;
  return `broadcast-${Date.now().toString(36)}-${streams}`;
}

describe('<nano-meet> broadcast', () => {
  afterEach(cleanUp);

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
