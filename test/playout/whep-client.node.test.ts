import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  WhepClient,
  type WhepClientOptions,
  type WhepClientState,
  type WhepFailure,
} from '../../src/playout/whep-client.js';
import { iceServerLinks, trickleFragment } from '../../src/playout/whep-session.js';
import { withRtcpMuxOnly } from '../../src/playout/whep-session.js';
import {
  created,
  FakeFetch,
  FakeMediaStream,
  FakePeerConnection,
  OFFER,
  status,
  waitFor,
  type TrackGrouping,
} from './fake-webrtc.js';

const URL_ = 'https://media.example/whep/stream';
/** Watch-loop polls sleep this long; every other sleep is a retry delay. */
const POLL_MS = 3;

interface Harness {
  client: WhepClient;
  fetch: FakeFetch;
  states: WhepClientState[];
  failures: WhepFailure[];
  streams: FakeMediaStream[];
  /** Retry delays the client asked for (the sleeps themselves last 1 ms). */
  delays: number[];
}

function harness(fetch: FakeFetch, options: Partial<WhepClientOptions> = {}): Harness {
  const states: WhepClientState[] = [];
  const failures: WhepFailure[] = [];
  const streams: FakeMediaStream[] = [];
  const delays: number[] = [];
  const client = new WhepClient({
    url: URL_,
    onState: (state) => states.push(state),
    onStream: (stream) => streams.push(stream as unknown as FakeMediaStream),
    onFailure: (failure) => failures.push(failure),
    dependencies: {
      fetch: fetch.fetch,
      RTCPeerConnection: FakePeerConnection as unknown as typeof RTCPeerConnection,
      MediaStream: FakeMediaStream as unknown as typeof MediaStream,
    },
    backoff: { minMs: 1000, maxMs: 8000 },
    random: () => 0,
    timing: { pollMs: POLL_MS, connectTimeoutMs: 100, mediaTimeoutMs: 100, stallMs: 40, dropMs: 80 },
    sleep: (ms, signal) => {
      if (ms !== POLL_MS) delays.push(ms);
      return new Promise((resolve, reject) => {
        const abort = () => (clearTimeout(timer), reject(signal.reason));
        const timer = setTimeout(() => (signal.removeEventListener('abort', abort), resolve()), 1);
        signal.addEventListener('abort', abort, { once: true });
      });
    },
    ...options,
  });
  return { client, fetch, states, failures, streams, delays };
}

/** Connects every peer connection as soon as it has its answer. */
function connectWhenAnswered(): void {
  FakePeerConnection.autoConnect = true;
}

let running: WhepClient[] = [];

beforeEach(() => FakePeerConnection.reset());
afterEach(async () => {
  await Promise.all(running.map((client) => client.stop()));
  running = [];
});

function start(h: Harness): Harness {
  running.push(h.client);
  h.client.start();
  return h;
}

describe('WhepClient', () => {
  it('POSTs a recvonly audio+video max-bundle offer at once as application/sdp, plays after 201 + Location, and DELETEs the session on stop', async () => {
    const h = start(harness(new FakeFetch().reply('POST', created('/whep/stream/abc')).reply('PATCH', status(204))));
    connectWhenAnswered();
    await waitFor('live', () => h.states.includes('live'));
    const pc = FakePeerConnection.latest();
    assert.deepEqual(pc.transceivers, ['video:recvonly', 'audio:recvonly']);
    assert.equal(pc.configuration.bundlePolicy, 'max-bundle');
    const [post] = h.fetch.requestsOf('POST');
    assert.equal(post?.url, URL_);
    assert.equal(post?.headers['content-type'], 'application/sdp');
    assert.equal(post?.body, withRtcpMuxOnly(OFFER));
    assert.deepEqual(h.states, ['connecting', 'live']);
    assert.equal(h.streams.length, 1);
    assert.deepEqual(h.streams[0]?.kinds(), ['audio', 'video']);
    assert.equal(h.client.peerConnection, pc as unknown as RTCPeerConnection);

    await h.client.stop({ keepalive: true });
    const [del] = h.fetch.requestsOf('DELETE');
    assert.equal(del?.url, 'https://media.example/whep/stream/abc');
    assert.equal(del?.keepalive, true);
    assert.equal(pc.closed, true);
  });

  for (const grouping of ['one-stream', 'stream-per-track', 'no-stream'] as TrackGrouping[]) {
    it(`plays one stream with the video and the audio track when the server sends ${grouping}`, async () => {
      FakePeerConnection.grouping = grouping;
      const h = start(harness(new FakeFetch().reply('POST', created())));
      connectWhenAnswered();
      await waitFor('live', () => h.states.includes('live'));
      assert.equal(h.streams.length, 1, 'one stream per session, not one per track');
      assert.deepEqual(h.streams[0]?.kinds(), ['audio', 'video']);
    });
  }

  it('plays a stream without video (the server answered the video section inactive) once its audio comes', async () => {
    FakePeerConnection.sends = ['audio'];
    const h = start(harness(new FakeFetch().reply('POST', created())));
    connectWhenAnswered();
    await waitFor('live', () => h.states.includes('live') || h.failures.length > 0);
    assert.deepEqual(h.failures, []);
    assert.deepEqual(h.states, ['connecting', 'live']);
    assert.deepEqual(h.streams[0]?.kinds(), ['audio']);
    FakePeerConnection.latest().flowing = false;
    await waitFor('stalled', () => h.states.includes('stalled'));
  });

  it('fails with no-media at once, and DELETEs the session, when the answer sends neither audio nor video', async () => {
    FakePeerConnection.sends = [];
    const h = start(harness(new FakeFetch().reply('POST', created('/s/1'))));
    const [failure] = await waitFor('failure', () => h.failures.length > 0 && h.failures);
    assert.equal(failure?.code, 'no-media');
    assert.match(failure?.message ?? '', /sends neither audio nor video/);
    assert.deepEqual(h.streams, [], 'nothing to show');
    assert.deepEqual(
      h.fetch.requestsOf('DELETE').map((request) => request.url),
      ['https://media.example/s/1'],
    );
    assert.equal(FakePeerConnection.latest().closed, true);
  });

  it('adds a=rtcp-mux-only beside each a=rtcp-mux of the offer it POSTs (JSEP, "require" policy), once', () => {
    const posted = withRtcpMuxOnly(OFFER);
    assert.deepEqual(
      posted.split('\r\n').filter((line) => line.startsWith('a=rtcp-mux')),
      ['a=rtcp-mux', 'a=rtcp-mux-only', 'a=rtcp-mux', 'a=rtcp-mux-only'],
    );
    assert.equal(withRtcpMuxOnly(posted), posted);
  });

  it('sends no If-Match with the DELETE, even after an ETag (it names the ICE session, not the resource)', async () => {
    const h = start(harness(new FakeFetch().reply('POST', created('/s/1', { etag: '"v1"' }))));
    connectWhenAnswered();
    await waitFor('live', () => h.states.includes('live'));
    await h.client.stop();
    const [del] = h.fetch.requestsOf('DELETE');
    assert.equal(del?.url, 'https://media.example/s/1');
    assert.equal(del?.headers['if-match'], undefined);
  });

  it('fails with reason server when the 201 is not application/sdp, naming the type it got', async () => {
    const html = new Response('v=0\r\n', { status: 201, headers: { 'content-type': 'text/html', location: '/s/1' } });
    const h = start(harness(new FakeFetch().reply('POST', html)));
    const [failure] = await waitFor('failure', () => h.failures.length > 0 && h.failures);
    assert.equal(failure?.code, 'server');
    assert.match(failure?.message ?? '', /text\/html instead of an SDP answer \(application\/sdp\)/);
    assert.equal(FakePeerConnection.latest().remoteDescription, null, 'the body was not applied');
  });

  it('follows a 307 redirect and resolves the session URL against the new address', async () => {
    const fetch = new FakeFetch().reply(
      'POST',
      status(307, { location: 'https://edge.example/whep/other' }),
      created('session/9'),
    );
    const h = start(harness(fetch));
    connectWhenAnswered();
    await waitFor('live', () => h.states.includes('live'));
    assert.deepEqual(
      fetch.requestsOf('POST').map((request) => [request.url, request.body === withRtcpMuxOnly(OFFER)]),
      [
        [URL_, true],
        ['https://edge.example/whep/other', true],
      ],
    );
    await h.client.stop();
    assert.equal(fetch.requestsOf('DELETE')[0]?.url, 'https://edge.example/whep/session/9');
  });

  it('waits while the stream answers 404 or 409, polling with growing backoff, then plays', async () => {
    const fetch = new FakeFetch().reply('POST', status(404), status(409), status(404), created());
    const h = start(harness(fetch));
    connectWhenAnswered();
    await waitFor('live', () => h.states.includes('live'));
    assert.deepEqual(h.states, ['connecting', 'waiting', 'connecting', 'live']);
    // random() = 0: half of 1 s, 2 s, 4 s.
    assert.deepEqual(h.delays, [500, 1000, 2000]);
    assert.equal(h.failures.length, 0);
    assert.equal(
      FakePeerConnection.instances.filter((pc) => !pc.closed).length,
      1,
      'every refused attempt closed its peer connection',
    );
  });

  it('keeps asking a stream that answers 404 forever, with the default backoff: never giving up, never over 8 s apart', async () => {
    // random() = 1: the longest delay each time.
    const h = start(harness(new FakeFetch().reply('POST', status(404)), { backoff: undefined, random: () => 1 }));
    await waitFor('twelve attempts', () => h.fetch.requestsOf('POST').length >= 12);
    assert.deepEqual(h.delays.slice(0, 11), [1000, 2000, 4000, 8000, 8000, 8000, 8000, 8000, 8000, 8000, 8000]);
    assert.deepEqual(h.states, ['connecting', 'waiting']);
    assert.equal(h.failures.length, 0);
  });

  it('waits as long as a 409 or 503 Retry-After says', async () => {
    const fetch = new FakeFetch().reply(
      'POST',
      status(409, { 'retry-after': '3' }),
      status(503, { 'retry-after': '7' }),
      created(),
    );
    const h = start(harness(fetch));
    connectWhenAnswered();
    await waitFor('live', () => h.states.includes('live'));
    assert.deepEqual(h.delays, [3000, 7000]);
  });

  it('treats 429 like 503: waits as long as Retry-After says', async () => {
    const fetch = new FakeFetch().reply('POST', status(429, { 'retry-after': '2' }), created());
    const h = start(harness(fetch));
    connectWhenAnswered();
    await waitFor('live', () => h.states.includes('live'));
    assert.deepEqual(h.delays, [2000]);
    assert.equal(h.failures.length, 0);
  });

  it('gives up after too many 503s', async () => {
    const h = start(harness(new FakeFetch().reply('POST', status(503)), { maxBusyRetries: 2 }));
    const [failure] = await waitFor('failure', () => h.failures.length > 0 && h.failures);
    assert.equal(failure?.code, 'busy');
    assert.equal(failure?.status, 503);
    assert.equal(h.fetch.requestsOf('POST').length, 3);
  });

  for (const [code, reason] of [
    [400, 'refused'],
    [403, 'refused'],
    [405, 'refused'],
    [415, 'refused'],
    [422, 'refused'],
    [418, 'refused'],
    [500, 'server'],
    [599, 'server'],
  ] as const) {
    it(`fails at once with reason ${reason} on ${code}, so that the player can fall back`, async () => {
      const h = start(harness(new FakeFetch().reply('POST', status(code))));
      const [failure] = await waitFor('failure', () => h.failures.length > 0 && h.failures);
      assert.equal(failure?.code, reason);
      assert.equal(failure?.status, code);
      assert.equal(h.fetch.requestsOf('POST').length, 1);
      assert.equal(FakePeerConnection.latest().closed, true);
    });
  }

  it("quotes the server's reason for a refusal from plain text or problem details (RFC 9457), not HTML", async () => {
    const replies = [
      new Response('Send the body as application/sdp.\n', {
        status: 415,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      }),
      new Response(JSON.stringify({ title: 'Unprocessable offer', detail: 'No H.264 or VP8 in the offer.' }), {
        status: 422,
        headers: { 'content-type': 'application/problem+json' },
      }),
      new Response('<h1>Method Not Allowed</h1>', { status: 405, headers: { 'content-type': 'text/html' } }),
    ];
    const messages: string[] = [];
    for (const reply of replies) {
      const h = start(harness(new FakeFetch().reply('POST', reply)));
      const [failure] = await waitFor('failure', () => h.failures.length > 0 && h.failures);
      messages.push(failure?.message ?? '');
    }
    assert.deepEqual(messages, [
      `The WHEP server at ${URL_} refused the offer (415: Send the body as application/sdp.).`,
      `The WHEP server at ${URL_} refused the offer (422: Unprocessable offer: No H.264 or VP8 in the offer.).`,
      `The WHEP server at ${URL_} refused the offer (405).`,
    ]);
  });

  it('fails with reason network when the POST does not get through', async () => {
    const h = start(harness(new FakeFetch().reply('POST', new TypeError('Failed to fetch'))));
    const [failure] = await waitFor('failure', () => h.failures.length > 0 && h.failures);
    assert.equal(failure?.code, 'network');
    assert.equal(failure?.status, undefined);
  });

  it('fails with ice-failed when ICE does not connect in time, and with no-media when no frame comes', async () => {
    const silent = start(harness(new FakeFetch().reply('POST', created())));
    const [iceFailure] = await waitFor('ice failure', () => silent.failures.length > 0 && silent.failures);
    assert.equal(iceFailure?.code, 'ice-failed');
    assert.equal(silent.fetch.requestsOf('DELETE').length, 1, 'the failed session is deleted');

    FakePeerConnection.reset();
    const blank = start(harness(new FakeFetch().reply('POST', created())));
    const pc = await waitFor(
      'answered',
      () => FakePeerConnection.instances[0]?.remoteDescription && FakePeerConnection.instances[0],
    );
    pc.connectionState = 'connected';
    const [mediaFailure] = await waitFor('media failure', () => blank.failures.length > 0 && blank.failures);
    assert.equal(mediaFailure?.code, 'no-media');
  });

  it('trickles the candidates gathered before the answer in one PATCH, later ones in another, with the ICE credentials', async () => {
    const fetch = new FakeFetch()
      .reply('POST', created('/whep/stream/s1', { etag: '"v1"' }))
      .reply('PATCH', status(204));
    const h = start(harness(fetch));
    const pc = await waitFor(
      'offer',
      () => FakePeerConnection.instances[0]?.localDescription && FakePeerConnection.instances[0],
    );
    pc.candidate('candidate:1 1 udp 2122260223 10.200.0.1 50000 typ host');
    pc.candidate('candidate:2 1 udp 2122260222 10.200.0.1 50001 typ host');
    await waitFor('first PATCH', () => fetch.requestsOf('PATCH').length === 1);
    pc.candidate(null);
    await waitFor('second PATCH', () => fetch.requestsOf('PATCH').length === 2);
    const [first, second] = fetch.requestsOf('PATCH');
    assert.equal(first?.url, 'https://media.example/whep/stream/s1');
    assert.equal(first?.headers['content-type'], 'application/trickle-ice-sdpfrag');
    assert.equal(first?.headers['if-match'], '"v1"');
    const lines = first?.body?.split('\r\n') ?? [];
    assert.ok(
      lines.includes('a=ice-ufrag:abcd') &&
        lines.includes('a=ice-pwd:0123456789abcdefghijklmn') &&
        lines.includes('a=mid:0'),
    );
    assert.equal(lines.filter((line) => line.startsWith('a=candidate:')).length, 2);
    assert.ok(second?.body?.includes('a=end-of-candidates'));
    assert.ok(!second?.body?.includes('a=candidate:'));
    await h.client.stop();
  });

  for (const code of [405, 422, 501]) {
    it(`stops trickling after a PATCH answered ${code}, and plays on`, async () => {
      const fetch = new FakeFetch().reply('POST', created()).reply('PATCH', status(code));
      const h = start(harness(fetch));
      const pc = await waitFor(
        'answer',
        () => FakePeerConnection.instances[0]?.remoteDescription && FakePeerConnection.instances[0],
      );
      pc.candidate('candidate:1 1 udp 2122260223 10.200.0.1 50000 typ host');
      await waitFor('PATCH', () => fetch.requestsOf('PATCH').length === 1);
      await new Promise((resolve) => setTimeout(resolve, 5));
      pc.candidate('candidate:2 1 udp 2122260222 10.200.0.1 50001 typ host');
      pc.candidate(null);
      pc.connect();
      await waitFor('live', () => h.states.includes('live'));
      assert.equal(fetch.requestsOf('PATCH').length, 1);
      assert.equal(h.failures.length, 0);
    });
  }

  it('reconnects when a live stream drops, says ended while the server no longer has it, and plays again when it returns', async () => {
    const fetch = new FakeFetch().reply('POST', created('/s/1'), status(404), status(404), created('/s/2'));
    const h = start(harness(fetch));
    connectWhenAnswered();
    await waitFor('live', () => h.states.includes('live'));
    FakePeerConnection.latest().flowing = false;
    connectWhenAnswered();
    await waitFor('live again', () => h.states.filter((state) => state === 'live').length === 2);
    assert.deepEqual(h.states, ['connecting', 'live', 'stalled', 'ended', 'connecting', 'live']);
    assert.deepEqual(
      fetch.requestsOf('DELETE').map((request) => request.url),
      ['https://media.example/s/1'],
    );
    assert.equal(h.failures.length, 0);
  });

  it('reconnects at once when the connection fails during playback', async () => {
    const fetch = new FakeFetch().reply('POST', created('/s/1'), created('/s/2'));
    const h = start(harness(fetch));
    connectWhenAnswered();
    await waitFor('live', () => h.states.includes('live'));
    FakePeerConnection.latest().connectionState = 'failed';
    connectWhenAnswered();
    await waitFor('live again', () => h.states.filter((state) => state === 'live').length === 2);
    assert.deepEqual(h.states, ['connecting', 'live', 'stalled', 'live']);
    assert.equal(h.streams.length, 2);
  });

  it('tries once more at once, with the TURN server its 201 named (Link rel="ice-server"), when ICE fails without it', async () => {
    const link = '<turn:turn.example.net?transport=tcp>; rel="ice-server"; username="viewer"; credential="secret"';
    const fetch = new FakeFetch().reply('POST', created('/s/1', { link }), created('/s/2', { link }));
    const h = start(harness(fetch));
    const second = await waitFor('a second session', () => FakePeerConnection.instances[1]);
    assert.deepEqual(FakePeerConnection.instances[0]?.configuration.iceServers, []);
    assert.deepEqual(second.configuration.iceServers, [
      { urls: 'turn:turn.example.net?transport=tcp', username: 'viewer', credential: 'secret' },
    ]);
    await waitFor('answered', () => second.remoteDescription);
    second.connect();
    await waitFor('live', () => h.states.includes('live'));
    assert.deepEqual(h.delays, [], 'no backoff before the second try');
    assert.deepEqual(h.failures, []);
    assert.deepEqual(
      fetch.requestsOf('DELETE').map((request) => request.url),
      ['https://media.example/s/1'],
    );
  });

  it('gives WHEP up when ICE fails with the TURN server too, and tries no TURN server a 201 did not name', async () => {
    const link = '<turn:turn.example.net>; rel="ice-server"; username="u"; credential="p"';
    const relayed = start(harness(new FakeFetch().reply('POST', created('/s/1', { link }), created('/s/2', { link }))));
    const [failure] = await waitFor('failure', () => relayed.failures.length > 0 && relayed.failures);
    assert.equal(failure?.code, 'ice-failed');
    assert.equal(FakePeerConnection.instances.length, 2);

    FakePeerConnection.reset();
    const plain = start(harness(new FakeFetch().reply('POST', created('/s/1'))));
    await waitFor('failure', () => plain.failures.length > 0);
    assert.equal(FakePeerConnection.instances.length, 1);
  });

  it('carries on without the ICE servers a 201 named when the browser refuses them, and never tries them again', async () => {
    const link = '<stun:bad host>; rel="ice-server"';
    const fetch = new FakeFetch().reply('POST', created('/s/1', { link }), created('/s/2', { link }));
    const h = start(harness(fetch));
    const second = await waitFor('a second session', () => FakePeerConnection.instances[1]);
    assert.deepEqual(second.configuration.iceServers, []);
    const [failure] = await waitFor('failure', () => h.failures.length > 0 && h.failures);
    assert.equal(failure?.code, 'ice-failed');
    assert.equal(FakePeerConnection.instances.length, 2);
  });

  it('sets the jitter-buffer target on the receivers, now and for later sessions', async () => {
    const h = start(harness(new FakeFetch().reply('POST', created()), { jitterBufferTargetMs: 250 }));
    connectWhenAnswered();
    await waitFor('live', () => h.states.includes('live'));
    const pc = FakePeerConnection.latest();
    assert.deepEqual(
      pc.receivers.map((receiver) => receiver.jitterBufferTarget),
      [250, 250],
    );
    h.client.setJitterBufferTarget(undefined);
    assert.deepEqual(
      pc.receivers.map((receiver) => receiver.jitterBufferTarget),
      [null, null],
    );
  });

  it('stops polling and leaves no peer connection open when stopped while waiting', async () => {
    const h = start(harness(new FakeFetch().reply('POST', status(404))));
    await waitFor('waiting', () => h.states.includes('waiting'));
    await h.client.stop();
    const posts = h.fetch.requestsOf('POST').length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(h.fetch.requestsOf('POST').length, posts);
    assert.ok(FakePeerConnection.instances.every((pc) => pc.closed));
    assert.equal(h.fetch.requestsOf('DELETE').length, 0, 'no session existed, so nothing to delete');
  });
});

describe('iceServerLinks', () => {
  it('reads the STUN and TURN servers of rel="ice-server" links (RFC 9725 §4.6), quoted strings whole', () => {
    const header = [
      '<stun:stun.example.net>; rel="ice-server"',
      '<turn:turn.example.net?transport=udp>; rel="ice-server"; username="user"; credential="a;b\\"c, <d>"; ' +
        'credential-type="password"',
      '</whep/other>; rel="alternate"',
      '<turn:oauth.example.net>; rel="ice-server"; credential-type="oauth"',
      '<https://example.net/>; rel="ice-server"',
      '<turn:no-credentials.example.net>; rel="ice-server"',
    ].join(', ');
    assert.deepEqual(iceServerLinks(header), [
      { urls: 'stun:stun.example.net' },
      { urls: 'turn:turn.example.net?transport=udp', username: 'user', credential: 'a;b"c, <d>' },
    ]);
    assert.deepEqual(iceServerLinks(null), []);
    assert.deepEqual(iceServerLinks('not a link'), []);
  });
});

describe('trickleFragment', () => {
  it('is undefined without ICE credentials in the local description', () => {
    assert.equal(trickleFragment('v=0\r\n', [], true), undefined);
  });
});
