// <nano-meet-playout> against the kinds of WHEP server it may meet: tracks grouped in one stream, one stream
// per track or none, and the protocol's rules for a player (draft-ietf-wish-whep with WHIP's HTTP rules, RFC
// 9725), each checked from the server's side through the sandbox's record of what the player asked. The
// server behaviours are chosen by the endpoint URL's query (src/sandbox/media/whep-behaviour.ts).
import { expect } from '@open-wc/testing';
import '../../src/elements/nano-meet-playout.js';
import type { NanoMeetPlayoutElement } from '../../src/elements/nano-meet-playout.js';
import type { PlayoutErrorDetail } from '../../src/elements/playout/playout-events.js';
import type { WhepRequestRecord } from '../../src/sandbox/media/whep-request-log.js';
import { control } from '../support/sandbox.js';
import {
  expectPlaying,
  live,
  nextEvent,
  startStream,
  statusText,
  stopLiveStreams,
  stopStream,
  studio,
  uniqueStream,
  untilState,
} from '../playout/playout-helpers.js';

let stream = '';
let endpoint = '';
let keys = 0;

/** The shared stream's WHEP endpoint with these server options, and a key of its own (for counted options). */
function endpointWith(options: string): string {
  keys += 1;
  return `${endpoint}?${options}${options ? '&' : ''}x-key=${Date.now().toString(36)}-${keys}`;
}

async function requestsFor(url: string, streamName = stream): Promise<WhepRequestRecord[]> {
  const { requests } = await control<{ requests: WhepRequestRecord[] }>(
    await studio(),
    'GET',
    `/streams/${streamName}/whep-requests`,
  );
  const key = new URL(url).searchParams.get('x-key');
  // The endpoint's own requests, and those of the sessions it created (their paths carry no query).
  const sessions = new Set<string>();
  return requests.filter((request) => {
    if (key && request.url.includes(`x-key=${key}`)) {
      if (request.status === 201) sessions.add(request.url.split('?')[0] ?? '');
      return true;
    }
    return [...sessions].some((path) => request.url.startsWith(`${path}/`));
  });
}

/** Waits until the sandbox has recorded what `done` looks for. */
async function untilRecorded(
  url: string,
  what: string,
  done: (requests: WhepRequestRecord[]) => boolean,
  streamName = stream,
) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const requests = await requestsFor(url, streamName);
    if (done(requests)) return requests;
    if (Date.now() > deadline) throw new Error(`the sandbox did not record ${what}: ${JSON.stringify(requests)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Player {
  el: NanoMeetPlayoutElement;
  /** The peer connections it made. */
  connections: RTCPeerConnection[];
  /** Puts it on the page; resolves with its first `name` event. */
  start<K extends keyof HTMLElementEventMap>(name: K): Promise<HTMLElementEventMap[K]>;
}

/** Runs `test` with a player of `src` only (no HLS to fall back to), and takes it off the page after. */
async function withPlayer(src: string, test: (player: Player) => Promise<void>): Promise<void> {
  const Native = window.RTCPeerConnection;
  const connections: RTCPeerConnection[] = [];
  window.RTCPeerConnection = class extends Native {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      connections.push(this);
    }
  };
  const el = document.createElement('nano-meet-playout');
  Object.assign(el, { src, hlsTemplate: '', autoplay: true, muted: true });
  const start = <K extends keyof HTMLElementEventMap>(name: K) => {
    const event = nextEvent(el, name);
    document.body.append(el);
    return event;
  };
  try {
    await test({ el, connections, start });
  } finally {
    el.remove();
    window.RTCPeerConnection = Native;
  }
}

function ofMethod(requests: WhepRequestRecord[], method: string): WhepRequestRecord[] {
  return requests.filter((request) => request.method === method);
}

/** Milliseconds between one request and the next. */
function gaps(requests: WhepRequestRecord[]): number[] {
  return requests.slice(1).map((request, index) => request.at - (requests[index]?.at ?? 0));
}

interface Received {
  framesDecoded: number;
  frameWidth: number;
  audioSamples: number;
}

async function received(pc: RTCPeerConnection): Promise<Received> {
  const result: Received = { framesDecoded: 0, frameWidth: 0, audioSamples: 0 };
  (await pc.getStats()).forEach((report: Record<string, unknown>) => {
    if (report['type'] !== 'inbound-rtp') return;
    if (report['kind'] === 'video') {
      result.framesDecoded = Number(report['framesDecoded'] ?? 0);
      result.frameWidth = Number(report['frameWidth'] ?? 0);
    } else if (report['kind'] === 'audio') {
      result.audioSamples = Number(report['totalSamplesReceived'] ?? 0);
    }
  });
  return result;
}

/**
 * The loudness (RMS, 0–1) of a stream's audio as Web Audio hears it: the studio's tone is about 0.13. The
 * receiver's own `audioLevel` cannot tell, as it stays 0 while the (muted) element plays nothing out.
 */
async function loudness(stream: MediaStream): Promise<number> {
  const context = new AudioContext();
  try {
    const analyser = context.createAnalyser();
    context.createMediaStreamSource(stream).connect(analyser);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const samples = new Float32Array(analyser.fftSize);
    analyser.getFloatTimeDomainData(samples);
    return Math.sqrt(samples.reduce((sum, sample) => sum + sample * sample, 0) / samples.length);
  } finally {
    await context.close();
  }
}

describe('<nano-meet-playout> against any WHEP server', function () {
  this.timeout(60_000);

  before(async () => {
    stream = uniqueStream('whep-servers');
    endpoint = (await startStream(stream)).whep;
  });

  after(async () => {
    await stopStream(stream).catch(() => undefined);
  });

  afterEach(stopLiveStreams);

  for (const grouping of ['one-stream', 'stream-per-track', 'no-stream']) {
    it(`plays moving frames with audio when the server sends its tracks in ${grouping}`, async () => {
      await withPlayer(endpointWith(`msid=${grouping}`), async ({ el, connections, start }) => {
        expect((await start('nano-meet-playout-playing')).detail.protocol).to.equal('whep');
        const shown = el.video.srcObject as MediaStream;
        expect(shown.getVideoTracks(), 'the video track is shown').to.have.length(1);
        expect(shown.getAudioTracks(), 'the audio track is played').to.have.length(1);
        await expectPlaying(el);
        expect(el.video.videoWidth).to.be.greaterThan(0);
        const media = await received(connections[0]!);
        expect(media.framesDecoded).to.be.greaterThan(0);
        expect(media.frameWidth).to.be.greaterThan(0);
        expect(media.audioSamples, 'audio samples are decoded').to.be.greaterThan(0);
        expect(shown.getAudioTracks()[0]?.muted, 'the played audio track receives media').to.equal(false);
        expect(await loudness(shown), "the studio's tone is in the played stream").to.be.greaterThan(0.05);
      });
    });
  }

  it('plays a stream that has only audio (its video section answered inactive), and says it is live', async () => {
    await withPlayer(endpointWith('send=audio'), async ({ el, connections, start }) => {
      let errors = 0;
      el.addEventListener('nano-meet-playout-error', () => errors++);
      expect((await start('nano-meet-playout-playing')).detail.protocol).to.equal('whep');
      await untilState(el, 'playing');
      expect(statusText(el)).to.equal('Live.');
      const shown = el.video.srcObject as MediaStream;
      expect(shown.getTracks().map((track) => track.kind)).to.deep.equal(['audio']);
      expect((await received(connections[0]!)).audioSamples, 'audio samples are decoded').to.be.greaterThan(0);
      expect(await loudness(shown), "the studio's tone is in the played stream").to.be.greaterThan(0.05);
      // Still live a while later: no "no media" timeout closes a stream whose frames are all audio.
      await new Promise((resolve) => setTimeout(resolve, 6000));
      expect(el.state).to.equal('playing');
      expect(errors).to.equal(0);
      expect(connections.filter((pc) => pc.connectionState !== 'closed')).to.have.length(1);
    });
  });

  it('says at once that a stream whose answer sends nothing cannot be played, and DELETEs that session', async () => {
    const src = endpointWith('send=none');
    await withPlayer(src, async ({ el, start }) => {
      const { detail } = await start('nano-meet-playout-error');
      expect(detail).to.include({ code: 'whep-failed', protocol: 'whep' });
      expect(detail.message).to.contain('sends neither audio nor video');
      await untilRecorded(src, 'the DELETE', (all) =>
        ofMethod(all, 'DELETE').some((request) => request.status === 200),
      );
    });
  });

  it('POSTs a WHEP offer as application/sdp, trickles with If-Match, sends no Authorization, DELETEs', async () => {
    const src = endpointWith('etag=1');
    await withPlayer(src, async ({ el, start }) => {
      await start('nano-meet-playout-playing');
      const [post] = await untilRecorded(src, 'a trickle PATCH', (all) => ofMethod(all, 'PATCH').length > 0);
      expect(post).to.include({ method: 'POST', status: 201, contentType: 'application/sdp' });
      expect(post?.offerProblems, 'BUNDLE, rtcp-mux-only, recvonly').to.deep.equal([]);
      el.remove();
      const requests = await untilRecorded(src, 'the DELETE', (all) => ofMethod(all, 'DELETE').length > 0);
      const patches = ofMethod(requests, 'PATCH');
      for (const request of patches) {
        expect(request.url.startsWith(`/whep/${stream}/`)).to.equal(true);
        expect(request).to.include({ status: 204, contentType: 'application/trickle-ice-sdpfrag' });
        expect(request.ifMatch, 'the ETag of the 201').to.match(/^"[0-9a-f]{16}"$/);
      }
      const deletes = ofMethod(requests, 'DELETE');
      expect(deletes.map(({ url, status, ifMatch }) => ({ url, status, ifMatch }))).to.deep.equal([
        { url: patches[0]?.url, status: 200, ifMatch: undefined },
      ]);
      expect(
        requests.filter((request) => request.authorization),
        'no Authorization without a token',
      ).to.deep.equal([]);
    });
  });

  it('DELETEs its session when the viewer leaves the page (the DELETE outlives the page)', async () => {
    const src = endpointWith('');
    const frame = document.createElement('iframe');
    frame.src = `/test/elements/support/playout-src-after-module.html?src=${encodeURIComponent(src)}`;
    document.body.append(frame);
    try {
      type Seen = { type: string };
      const events = () => (frame.contentWindow as (Window & { playoutEvents?: Seen[] }) | null)?.playoutEvents;
      const deadline = Date.now() + 20_000;
      while (!events()?.some((event) => event.type === 'nano-meet-playout-playing')) {
        if (Date.now() > deadline) throw new Error(`not playing: ${JSON.stringify(events())}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      frame.src = 'about:blank';
      const requests = await untilRecorded(src, 'the DELETE', (all) => ofMethod(all, 'DELETE').length > 0);
      expect(ofMethod(requests, 'DELETE').map((request) => request.status)).to.deep.equal([200]);
    } finally {
      frame.remove();
    }
  });

  for (const code of [307, 308]) {
    it(`follows a ${code} redirect of the POST; a relative Location is resolved against where it led`, async () => {
      const src = endpointWith(`redirect=${code}&location=relative`);
      await withPlayer(src, async ({ el, start }) => {
        await start('nano-meet-playout-playing');
        await expectPlaying(el);
        el.remove();
        const requests = await untilRecorded(src, 'the DELETE', (all) => ofMethod(all, 'DELETE').length > 0);
        const summary = requests.map(({ method, url, status }) => {
          return `${method} ${url.split('?')[0]?.replace(/[0-9a-f-]{36}$/, '<id>')} ${status}`;
        });
        expect(summary[0]).to.equal(`POST /whep/${stream} ${code}`);
        expect(summary[1], 'the browser sent the POST again, with its body').to.equal(`POST /edge/whep/${stream} 201`);
        expect(requests[1]?.contentType).to.equal('application/sdp');
        const session = `/edge/whep/${stream}/<id>`;
        expect(summary.slice(2), 'the session is where it was created').to.deep.equal([
          ...summary.slice(2, -1).map(() => `PATCH ${session} 204`),
          `DELETE ${session} 200`,
        ]);
      });
    });
  }

  it('waits as long as 503 Retry-After says, saying once that it cannot play for now, then plays', async () => {
    const src = endpointWith('fail=503&times=2&retry-after=2');
    await withPlayer(src, async ({ el, start }) => {
      const errors: PlayoutErrorDetail[] = [];
      el.addEventListener('nano-meet-playout-error', (event) => errors.push(event.detail));
      const playing = start('nano-meet-playout-playing');
      // Not "Connecting…" for as long as the server asks to wait.
      await untilState(el, 'error', 1500);
      expect(statusText(el)).to.equal('The broadcast cannot be played. Retrying…');
      await playing;
      const posts = ofMethod(await requestsFor(src), 'POST');
      expect(posts.map((request) => request.status)).to.deep.equal([503, 503, 201]);
      // Without Retry-After the first retries would come after 0.5–1 s and 1–2 s.
      for (const gap of gaps(posts)) expect(gap, `waited ${gaps(posts).join(', ')} ms`).to.be.at.least(1950);
      expect(errors.map(({ code, fatal, httpStatus }) => ({ code, fatal, httpStatus }))).to.deep.equal([
        { code: 'whep-failed', fatal: false, httpStatus: 503 },
      ]);
      expect(errors[0]?.message).to.contain('Retrying as Retry-After says.');
    });
  });

  it('keeps asking with bounded backoff while the stream does not exist (404), and plays once it starts', async () => {
    const name = uniqueStream('later');
    const src = `${endpoint.replace(stream, name)}?x-key=later-${keys++}`;
    await withPlayer(src, async ({ el, start }) => {
      let fatal = false;
      el.addEventListener('nano-meet-playout-error', (event) => (fatal ||= event.detail.fatal));
      await start('nano-meet-playout-waiting');
      await untilRecorded(src, 'two 404s', (all) => all.filter((request) => request.status === 404).length >= 2, name);
      const playing = nextEvent(el, 'nano-meet-playout-playing');
      await live(name);
      await playing;
      await expectPlaying(el);
      const posts = ofMethod(await requestsFor(src, name), 'POST');
      expect(posts.map((request) => request.status)).to.deep.equal([...posts.slice(1).map(() => 404), 201]);
      // Backoff doubles from 1 s up to 8 s at most (src/playout/backoff-delay.ts).
      for (const gap of gaps(posts)) expect(gap, `retried after ${gaps(posts).join(', ')} ms`).to.be.within(400, 8500);
      expect(fatal, 'a stream that does not exist yet is not an error').to.equal(false);
    });
  });

  for (const code of [405, 415, 422]) {
    it(`reports a ${code} refusal of the offer with its status and the server's words, and stops asking`, async () => {
      const src = endpointWith(`fail=${code}`);
      await withPlayer(src, async ({ el, start }) => {
        const { detail } = await start('nano-meet-playout-error');
        expect(detail).to.include({ code: 'whep-failed', fatal: true, protocol: 'whep', httpStatus: code });
        expect(detail.message).to.contain(`(${code}: `).and.contain('The sandbox was asked to refuse this offer.');
        await untilState(el, 'error');
        await new Promise((resolve) => setTimeout(resolve, 1500));
        const requests = (await requestsFor(src)).map((request) => `${request.method} ${request.status}`);
        expect(requests).to.deep.equal([`POST ${code}`]);
      });
    });
  }

  it('does not play an answer that is not application/sdp, and says what it got', async () => {
    const src = endpointWith('answer-type=text/plain');
    await withPlayer(src, async ({ el, start }) => {
      const { detail } = await start('nano-meet-playout-error');
      expect(detail).to.include({ code: 'whep-failed', httpStatus: 201 });
      expect(detail.message).to.contain('text/plain instead of an SDP answer (application/sdp)');
      expect(el.video.srcObject).to.equal(null);
      el.remove();
      // The session the server created is let go of at once.
      const deleted = (all: WhepRequestRecord[]) => ofMethod(all, 'DELETE').some((request) => request.status === 200);
      await untilRecorded(src, 'the DELETE', deleted);
    });
  });

  it('plays on when the server takes no trickled candidates (PATCH answered 405), and trickles no more', async () => {
    const src = endpointWith('trickle=405');
    await withPlayer(src, async ({ el, start }) => {
      await start('nano-meet-playout-playing');
      await expectPlaying(el);
      expect(ofMethod(await requestsFor(src), 'PATCH').map((request) => request.status)).to.deep.equal([405]);
    });
  });
});
