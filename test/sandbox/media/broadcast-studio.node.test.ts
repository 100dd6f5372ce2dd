// The sandbox's broadcast studio publishes for real: HLS that ffprobe reads as H.264/AAC, WHEP that a
// libwebrtc peer receives frames from, a VOD after a recorded stop. WebRTC between two local peers
// needs the test network namespace (docs/jitsi/media-testing.md §4.4); outside it those cases are skipped.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BroadcastStudio, type CompositionTile } from '../../../src/sandbox/media/broadcast-studio.js';
import { clockAge, readClockBarcode } from '../../../src/sandbox/media/clock-barcode.js';
import { loadWrtc } from '../../../src/sandbox/media/wrtc.js';

const run = promisify(execFile);
const NAMESPACE_ADDRESS = '10.200.0.1';
const inNamespace = Object.values(networkInterfaces())
  .flat()
  .some((entry) => entry?.address === NAMESPACE_ADDRESS);
const webrtc = inNamespace
  ? {}
  : {
      skip: `WebRTC needs the test network namespace: run it through npm test, which enters one (no ${NAMESPACE_ADDRESS} here)`,
    };

const tiles: CompositionTile[] = [
  { id: 'alice', handRaised: false, audioMuted: false, videoMuted: false },
  { id: 'bob', handRaised: true, audioMuted: true, videoMuted: false },
  { id: 'carol', handRaised: false, audioMuted: false, videoMuted: true },
];

let workDir: string;
let studio: BroadcastStudio;
let server: Server;
let base: string;

function url(path: string): string {
  return `${base}${path}`;
}

function postOffer(stream: string, sdp: string, type = 'application/sdp'): Promise<Response> {
  return fetch(url(`/whep/${stream}`), { method: 'POST', headers: { 'content-type': type }, body: sdp });
}

async function playlist(path: string): Promise<string> {
  const response = await fetch(url(path));
  assert.equal(response.status, 200, path);
  return response.text();
}

function segmentsOf(text: string): string[] {
  return text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
}

async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

before(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'studio-test-'));
  studio = new BroadcastStudio({ workDir });
  server = createServer((request, response) => {
    studio.handle(request, response).then((handled) => {
      if (!handled) response.writeHead(404, { 'x-handled-by': 'test-server' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  base = `http://127.0.0.1:${address.port}`;
});

after(async () => {
  await studio.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(workDir, { recursive: true, force: true });
});

describe('BroadcastStudio before a stream starts', () => {
  it('leaves other paths to the host server', async () => {
    const response = await fetch(url('/whepx/room'));
    assert.equal(response.headers.get('x-handled-by'), 'test-server');
  });

  it('answers 404 to WHEP and HLS, with CORS so a player can keep polling', async () => {
    const whep = await postOffer('room-1', 'v=0\r\n');
    assert.equal(whep.status, 404);
    assert.equal(whep.headers.get('access-control-allow-origin'), '*');
    assert.equal((await fetch(url('/hls/room-1/index.m3u8'))).status, 404);
    assert.equal(studio.isLive('room-1'), false);
  });

  it('answers a CORS preflight that exposes Location and ETag', async () => {
    const response = await fetch(url('/whep/room-1'), {
      method: 'OPTIONS',
      headers: { origin: 'https://page.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.match(response.headers.get('access-control-expose-headers') ?? '', /Location.*ETag/);
  });

  it('refuses invalid stream names with 400 without touching the filesystem', async () => {
    for (const path of [
      '/whep/bad.name',
      '/hls/..%2F..%2Fetc/index.m3u8',
      '/vod/a%20b/index.m3u8',
      `/hls/${'x'.repeat(129)}/index.m3u8`,
    ]) {
      const response = await fetch(url(path), {
        method: path.startsWith('/whep') ? 'POST' : 'GET',
        headers: { 'content-type': 'application/sdp' },
        body: path.startsWith('/whep') ? 'v=0' : null,
      });
      assert.equal(response.status, 400, path);
    }
    await assert.rejects(studio.start('../escape', { record: false, composition: () => [] }), /stream name/);
  });
});

describe('BroadcastStudio live, recorded', () => {
  let startMs = 0;

  before(async () => {
    const started = Date.now();
    await studio.start('room-1', { record: true, composition: () => tiles });
    startMs = Date.now() - started;
    console.log(`# start() → live (first HLS segment) in ${startMs} ms`);
  });

  it('is live and refuses a second start of the same name', async () => {
    assert.equal(studio.isLive('room-1'), true);
    await assert.rejects(studio.start('room-1', { record: false, composition: () => [] }), /already live/);
  });

  it('serves a live HLS playlist with 1 s segments and program date-time, never cached', async () => {
    const response = await fetch(url('/hls/room-1/index.m3u8'));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/vnd.apple.mpegurl');
    assert.equal(response.headers.get('cache-control'), 'no-cache');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    const text = await response.text();
    assert.match(text, /^#EXTM3U\n/);
    assert.match(text, /#EXT-X-TARGETDURATION:1\n/);
    assert.match(text, /#EXT-X-MEDIA-SEQUENCE:\d+\n/);
    assert.match(text, /#EXT-X-PROGRAM-DATE-TIME:\d{4}-\d\d-\d\dT/);
    assert.doesNotMatch(text, /#EXT-X-ENDLIST|#EXT-X-PLAYLIST-TYPE/);
    for (const duration of text.matchAll(/#EXTINF:([\d.]+),/g))
      assert.ok(Number(duration[1]) <= 1.2, `segment of ${duration[1]} s`);
    assert.ok(segmentsOf(text).length >= 1);
  });

  it('serves segments that ffprobe reads as H.264 video and AAC audio', async () => {
    const text = await playlist('/hls/room-1/index.m3u8');
    const name = segmentsOf(text)[0];
    assert.ok(name);
    const response = await fetch(url(`/hls/room-1/${name}`));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'video/mp2t');
    const file = join(workDir, 'probe.ts');
    await writeFile(file, Buffer.from(await response.arrayBuffer()));
    const { stdout } = await run('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_type,codec_name,width,height,sample_rate',
      '-of',
      'compact=p=0',
      file,
    ]);
    assert.match(stdout, /codec_name=h264\|codec_type=video\|width=640\|height=360/);
    assert.match(stdout, /codec_name=aac\|codec_type=audio\|sample_rate=48000/);
  });

  it('answers 404 for files it did not write and 405 for writes', async () => {
    assert.equal((await fetch(url('/hls/room-1/../../etc/passwd'))).status, 404);
    assert.equal((await fetch(url('/hls/room-1/other.ts'))).status, 404);
    assert.equal((await fetch(url('/hls/room-1/index.m3u8'), { method: 'PUT', body: 'x' })).status, 405);
  });

  it('offers no VOD while the stream is still live', async () => {
    assert.equal((await fetch(url('/vod/room-1/index.m3u8'))).status, 404);
  });

  it('refuses a bad WHEP body: 415 for another type, 400 for bad SDP, 413 for a huge one', async () => {
    assert.equal((await postOffer('room-1', 'v=0', 'text/plain')).status, 415);
    assert.equal((await postOffer('room-1', 'hello')).status, 400);
    assert.equal(
      (await postOffer('room-1', 'v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n')).status,
      400,
      'no ICE credentials',
    );
    // Well-formed to our checks, refused by libwebrtc (bad fingerprint): still a 400, not a crash.
    const forged = [
      'v=0',
      'o=- 1 2 IN IP4 127.0.0.1',
      's=-',
      't=0 0',
      'm=video 9 UDP/TLS/RTP/SAVPF 96',
      'c=IN IP4 0.0.0.0',
      'a=ice-ufrag:abcd',
      'a=ice-pwd:abcdefghijklmnopqrstuvwx',
      'a=fingerprint:sha-256 nonsense',
      'a=setup:actpass',
      'a=mid:0',
      'a=recvonly',
      'a=rtpmap:96 VP8/90000',
      '',
    ].join('\r\n');
    const refused = await postOffer('room-1', forged);
    assert.equal(refused.status, 400);
    assert.match(await refused.text(), /refused by WebRTC/);
    assert.equal((await postOffer('room-1', `v=0\r\n${'a=x\r\n'.repeat(20_000)}`)).status, 413);
    assert.equal(studio.isLive('room-1'), true);
  });

  it('answers PATCH and DELETE for unknown sessions with 404 and a wrong fragment type with 415', async () => {
    const patch = (type: string) =>
      fetch(url('/whep/room-1/nope'), {
        method: 'PATCH',
        headers: { 'content-type': type },
        body: 'a=end-of-candidates\r\n',
      });
    assert.equal((await patch('application/trickle-ice-sdpfrag')).status, 404);
    assert.equal((await patch('application/sdp')).status, 415);
    assert.equal((await fetch(url('/whep/room-1/nope'), { method: 'DELETE' })).status, 404);
  });

  it(
    'sends the composed view over WHEP: 201 + Location + answer, trickle, frames with a sane clock barcode, DELETE',
    webrtc,
    async () => {
      const { RTCPeerConnection, nonstandard } = loadWrtc();
      const pc = new RTCPeerConnection({ iceServers: [], bundlePolicy: 'max-bundle' });
      try {
        pc.addTransceiver('video', { direction: 'recvonly' });
        pc.addTransceiver('audio', { direction: 'recvonly' });
        const candidates: string[] = [];
        pc.addEventListener('icecandidate', (event) => {
          if (event.candidate?.candidate) candidates.push(`a=${event.candidate.candidate}`);
        });
        const streamsPerTrack: number[] = [];
        const firstFrame = new Promise<{ at: number; width: number; age: number }>((resolve) => {
          pc.addEventListener('track', (event) => {
            streamsPerTrack.push(event.streams.length);
            if (event.track.kind !== 'video') return;
            const sink = new nonstandard.RTCVideoSink(event.track);
            sink.onframe = ({ frame }) => {
              sink.stop();
              resolve({ at: Date.now(), width: frame.width, age: clockAge(readClockBarcode(frame, 640), Date.now()) });
            };
          });
        });
        const offer = await pc.createOffer();
        await pc.setLocalDescription(offer);
        // POST at once and trickle afterwards, as the playout element does (docs/jitsi/media-testing.md §3.2).
        const posted = Date.now();
        const response = await postOffer('room-1', offer.sdp ?? '');
        assert.equal(response.status, 201);
        const location = response.headers.get('location') ?? '';
        assert.match(location, /^\/whep\/room-1\/[0-9a-f-]{36}$/);
        assert.equal(response.headers.get('content-type'), 'application/sdp');
        const answer = await response.text();
        assert.match(answer, /^v=0\r\n/);
        assert.match(answer, /a=candidate:/, 'the answer carries the server candidates');
        const answeredMs = Date.now() - posted;
        await pc.setRemoteDescription({ type: 'answer', sdp: answer });
        await waitFor('own candidates', () => (candidates.length > 0 ? true : undefined));
        const ufrag = /a=ice-ufrag:(\S+)/.exec(offer.sdp ?? '')?.[1];
        const fragment = [
          `a=ice-ufrag:${ufrag}`,
          'm=video 9 UDP/TLS/RTP/SAVPF 0',
          'a=mid:0',
          ...candidates,
          'a=end-of-candidates',
          '',
        ].join('\r\n');
        const patch = await fetch(url(location), {
          method: 'PATCH',
          headers: { 'content-type': 'application/trickle-ice-sdpfrag' },
          body: fragment,
        });
        assert.equal(patch.status, 204);
        const restart = await fetch(url(location), {
          method: 'PATCH',
          headers: { 'content-type': 'application/trickle-ice-sdpfrag' },
          body: 'a=ice-ufrag:other\r\na=ice-pwd:otherotherotherotherother\r\n',
        });
        assert.equal(restart.status, 422, 'ICE restart is refused as WHEP says: 422, the session carries on');

        const frame = await waitFor(
          'a video frame',
          () => Promise.race([firstFrame, new Promise<undefined>((resolve) => setTimeout(resolve, 100))]),
          15_000,
        );
        console.log(
          `# WHEP: answer in ${answeredMs} ms, first frame ${frame.at - posted} ms after POST, barcode age ${frame.age} ms, width ${frame.width}`,
        );
        // The barcode is the server's clock when the frame was drawn: a few ms to a few hundred ago.
        assert.ok(frame.age < 5_000, `clock barcode age ${frame.age} ms`);
        const bytes = await waitFor('audio and video bytes', async () => {
          const stats = await pc.getStats();
          const received = { audio: 0, video: 0 };
          stats.forEach((report: { type: string; kind?: string; bytesReceived?: number }) => {
            if (report.type === 'inbound-rtp' && (report.kind === 'audio' || report.kind === 'video'))
              received[report.kind] += report.bytesReceived ?? 0;
          });
          return received.audio > 0 && received.video > 0 ? received : undefined;
        });
        assert.ok(bytes.video > 0 && bytes.audio > 0);
        assert.deepEqual(
          streamsPerTrack,
          [1, 1],
          'both tracks arrive in one MediaStream, as players attach streams[0]',
        );

        assert.equal((await fetch(url(location), { method: 'DELETE' })).status, 200);
        assert.equal((await fetch(url(location), { method: 'DELETE' })).status, 404);
      } finally {
        pc.close();
      }
    },
  );

  it('announces its tracks in one stream, one per track, or none, as the endpoint URL asks', webrtc, async () => {
    const { RTCPeerConnection } = loadWrtc();
    const seen: Record<string, { msid: string[]; streams: string[][] }> = {};
    for (const grouping of ['one-stream', 'stream-per-track', 'no-stream']) {
      const pc = new RTCPeerConnection({ iceServers: [], bundlePolicy: 'max-bundle' });
      try {
        pc.addTransceiver('video', { direction: 'recvonly' });
        pc.addTransceiver('audio', { direction: 'recvonly' });
        const streams: string[][] = [];
        pc.addEventListener('track', (event) => streams.push(event.streams.map((stream) => stream.id)));
        const offer = await pc.createOffer();
        await pc.setLocalDescription(offer);
        const response = await fetch(url(`/whep/room-1?msid=${grouping}`), {
          method: 'POST',
          headers: { 'content-type': 'application/sdp' },
          body: offer.sdp,
        });
        assert.equal(response.status, 201);
        const answer = await response.text();
        await pc.setRemoteDescription({ type: 'answer', sdp: answer });
        // The stream part of each section's a=msid line: "-" is no stream.
        seen[grouping] = { msid: [...answer.matchAll(/^a=msid:(\S+) /gm)].map((match) => match[1] ?? ''), streams };
        await fetch(url(response.headers.get('location') ?? ''), { method: 'DELETE' });
      } finally {
        pc.close();
      }
    }
    const one = seen['one-stream'];
    assert.equal(new Set(one?.msid).size, 1);
    assert.deepEqual(one?.streams, [one?.msid.slice(0, 1), one?.msid.slice(0, 1)]);
    const perTrack = seen['stream-per-track'];
    assert.equal(new Set(perTrack?.msid).size, 2);
    assert.deepEqual(
      perTrack?.streams,
      perTrack?.msid.map((id) => [id]),
    );
    assert.deepEqual(seen['no-stream'], { msid: ['-', '-'], streams: [[], []] });
  });

  it('on stop: closes WHEP viewers, ends the live playlist, publishes the VOD, then 404s WHEP', webrtc, async () => {
    const { RTCPeerConnection } = loadWrtc();
    const pc = new RTCPeerConnection({ iceServers: [] });
    try {
      pc.addTransceiver('video', { direction: 'recvonly' });
      await pc.setLocalDescription(await pc.createOffer());
      await waitFor('gathering', () => (pc.iceGatheringState === 'complete' ? true : undefined));
      const response = await postOffer('room-1', pc.localDescription?.sdp ?? '');
      assert.equal(response.status, 201);
      await pc.setRemoteDescription({ type: 'answer', sdp: await response.text() });
      await waitFor('connected', () => (pc.connectionState === 'connected' ? true : undefined));
      const result = await studio.stop('room-1');
      assert.deepEqual(result, { vod: true });
      const state = await waitFor(
        'the viewer to notice',
        () => (['closed', 'failed', 'disconnected'].includes(pc.connectionState) ? pc.connectionState : undefined),
        15_000,
      );
      console.log(`# viewer after stop: ${state}`);
    } finally {
      pc.close();
    }
  });
});

describe('BroadcastStudio after a recorded stop', () => {
  before(async () => {
    await studio.stop('room-1'); // a no-op when the WebRTC case above already stopped it
  });

  it('is no longer live and answers WHEP with 404', async () => {
    assert.equal(studio.isLive('room-1'), false);
    assert.equal((await postOffer('room-1', 'v=0\r\n')).status, 404);
  });

  it('ends the live playlist with #EXT-X-ENDLIST', async () => {
    assert.match(await playlist('/hls/room-1/index.m3u8'), /#EXT-X-ENDLIST\n$/);
  });

  it('serves the whole recording as VOD, from the first segment to #EXT-X-ENDLIST', async () => {
    const text = await playlist('/vod/room-1/index.m3u8');
    assert.match(text, /#EXT-X-PLAYLIST-TYPE:EVENT/);
    assert.match(text, /#EXT-X-MEDIA-SEQUENCE:0\n/);
    assert.match(text, /#EXT-X-ENDLIST\n$/);
    const segments = segmentsOf(text);
    assert.ok(segments.length >= 2, `${segments.length} segments`);
    const last = await fetch(url(`/vod/room-1/${segments.at(-1)}`));
    assert.equal(last.status, 200);
    assert.ok((await last.arrayBuffer()).byteLength > 0);
  });
});

describe('BroadcastStudio without recording', () => {
  it('ends the live playlist on stop and offers no VOD', async () => {
    await studio.start('room-2', { record: false, composition: () => tiles.slice(0, 1) });
    assert.equal(studio.isLive('room-2'), true);
    assert.equal((await fetch(url('/vod/room-2/index.m3u8'))).status, 404);
    assert.deepEqual(await studio.stop('room-2'), { vod: false });
    assert.match(await playlist('/hls/room-2/index.m3u8'), /#EXT-X-ENDLIST\n$/);
    assert.equal((await fetch(url('/vod/room-2/index.m3u8'))).status, 404);
    assert.equal((await postOffer('room-2', 'v=0\r\n')).status, 404);
  });

  it('rejects start() clearly when ffmpeg is missing, leaving nothing behind', async () => {
    const broken = new BroadcastStudio({ workDir, ffmpegPath: '/nonexistent/ffmpeg' });
    try {
      await assert.rejects(broken.start('room-3', { record: false, composition: () => [] }), /ffmpeg was not found/);
      assert.equal(broken.isLive('room-3'), false);
    } finally {
      await broken.close();
    }
  });

  it('bounds WHEP viewers per stream (503 + Retry-After) and removes its temporary directories on close', async () => {
    const own = await mkdtemp(join(workDir, 'close-'));
    const other = new BroadcastStudio({ workDir: own, maxViewers: 1 });
    const otherServer = createServer((request, response) => void other.handle(request, response));
    await new Promise<void>((resolve) => otherServer.listen(0, '127.0.0.1', resolve));
    const { RTCPeerConnection } = loadWrtc();
    const viewers = [new RTCPeerConnection({ iceServers: [] }), new RTCPeerConnection({ iceServers: [] })];
    try {
      await other.start('room-4', { record: true, composition: () => [] });
      assert.equal((await readdir(own)).length, 1);
      const address = otherServer.address();
      assert.ok(address && typeof address === 'object');
      const statuses = [];
      for (const viewer of viewers) {
        viewer.addTransceiver('video', { direction: 'recvonly' });
        const offer = await viewer.createOffer();
        const response = await fetch(`http://127.0.0.1:${address.port}/whep/room-4`, {
          method: 'POST',
          headers: { 'content-type': 'application/sdp' },
          body: offer.sdp,
        });
        statuses.push(response.status, response.headers.get('retry-after'));
      }
      assert.deepEqual(statuses, [201, null, 503, '5']);
    } finally {
      for (const viewer of viewers) viewer.close();
      await other.close();
      otherServer.closeAllConnections();
      await new Promise((resolve) => otherServer.close(resolve));
    }
    assert.deepEqual(await readdir(own), []);
    assert.equal(other.isLive('room-4'), false);
  });
});
