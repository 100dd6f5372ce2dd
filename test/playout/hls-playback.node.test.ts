// HlsPlayback's retry loop in Node: the playlist's server scripted by a fake fetch, hls.js by a stand-in that the
// test makes fail, so that what the playback does when its server goes away can be seen without a browser.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HlsPlayback, type HlsPlaybackError, type HlsPlaybackState } from '../../src/playout/hls-playback.js';
import type { HlsConstructor } from '../../src/playout/load-hls.js';
import { FakeFetch, waitFor } from './fake-webrtc.js';

const PLAYLIST = 'https://media.example/hls/stream/index.m3u8';
const LIVE = '#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nseg0.ts\n';

type Handler = (event: string, data: Record<string, unknown>) => void;

/** hls.js as far as HlsPlayback uses it; each instance waits for the test to raise its errors. */
class FakeHls {
  static instances: FakeHls[] = [];
  static readonly Events = { ERROR: 'hlsError', FRAG_LOADED: 'hlsFragLoaded' };
  static readonly ErrorTypes = { NETWORK_ERROR: 'networkError', MEDIA_ERROR: 'mediaError' };
  static readonly ErrorDetails = { MANIFEST_LOAD_ERROR: 'manifestLoadError' };
  static isSupported = () => true;
  readonly config: Record<string, unknown>;
  readonly handlers = new Map<string, Handler>();
  loads = 0;
  destroyed = false;

  constructor(config: Record<string, unknown>) {
    this.config = config;
    FakeHls.instances.push(this);
  }

  on(event: string, handler: Handler): void {
    this.handlers.set(event, handler);
  }

  loadSource(): void {}
  attachMedia(): void {}
  startLoad(): void {
    this.loads++;
  }
  destroy(): void {
    this.destroyed = true;
  }

  /** Raises a fatal network error, as hls.js does when a request gets no answer (`code` 0) or an HTTP status. */
  fail(details: string, code: number): void {
    this.handlers.get(FakeHls.Events.ERROR)?.(FakeHls.Events.ERROR, {
      fatal: true,
      type: FakeHls.ErrorTypes.NETWORK_ERROR,
      details,
      response: { code },
    });
  }
}

interface Harness {
  playback: HlsPlayback;
  states: HlsPlaybackState[];
  errors: HlsPlaybackError[];
}

let running: HlsPlayback[] = [];
afterEach(() => {
  for (const playback of running) playback.stop();
  running = [];
  FakeHls.instances = [];
});

function start(
  fetch: FakeFetch,
  load: () => Promise<HlsConstructor> = async () => FakeHls as unknown as HlsConstructor,
): Harness {
  const states: HlsPlaybackState[] = [];
  const errors: HlsPlaybackError[] = [];
  const playback = new HlsPlayback({
    video: new EventTarget() as HTMLVideoElement,
    url: PLAYLIST,
    onState: (state) => states.push(state),
    onProtocol: () => undefined,
    onError: (error) => errors.push(error),
    loadHls: load,
    fetch: fetch.fetch,
    // Every retry comes after 1 ms.
    sleep: (_ms, signal) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, 1);
        signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
      }),
  });
  running.push(playback);
  playback.start();
  return { playback, states, errors };
}

const offline = () => new TypeError('Failed to fetch');

describe('HlsPlayback', () => {
  it('keeps asking a playlist server that cannot be reached, saying so once, never giving up', async () => {
    const fetch = new FakeFetch().reply('GET', offline());
    const h = start(fetch);
    await waitFor('twelve attempts', () => fetch.requestsOf('GET').length >= 12);
    assert.deepEqual(
      h.errors.map(({ code, fatal }) => ({ code, fatal })),
      [{ code: 'source-unreachable', fatal: false }],
    );
    assert.match(h.errors[0]?.message ?? '', /could not be loaded .* Retrying\.$/);
    assert.equal(h.playback.state, 'connecting');
  });

  it('plays once the unreachable server answers again', async () => {
    const fetch = new FakeFetch().reply('GET', offline(), offline(), new Response(LIVE));
    const h = start(fetch);
    await waitFor('hls.js', () => FakeHls.instances.length === 1);
    assert.deepEqual(
      h.errors.map(({ code }) => code),
      ['source-unreachable'],
    );
  });

  it('tries again to fetch hls.js when it could not be loaded, saying so once, then plays', async () => {
    let loads = 0;
    const load = async () => {
      loads++;
      if (loads <= 2) throw new TypeError('Failed to fetch dynamically imported module: /hls.js');
      return FakeHls as unknown as HlsConstructor;
    };
    const fetch = new FakeFetch().reply('GET', new Response(LIVE), new Response(LIVE), new Response(LIVE));
    const h = start(fetch, load);
    await waitFor('hls.js', () => FakeHls.instances.length === 1);
    assert.deepEqual(
      h.errors.map(({ code, fatal }) => ({ code, fatal })),
      [{ code: 'load-failed', fatal: false }],
    );
    assert.match(h.errors[0]?.message ?? '', /hls\.js could not be loaded \(Failed to fetch .*\)\. Retrying\.$/);
    assert.equal(loads, 3);
  });

  it('keeps asking a playlist server that answers with a server error (5xx), saying so once, then plays', async () => {
    // A CDN failing for longer than a few tries: the viewer who opened the page meanwhile gets the stream once it
    // recovers, as with a failing WHEP server, instead of a player that gave up.
    const failing = Array.from({ length: 12 }, (_, index) => new Response('', { status: index % 2 ? 503 : 502 }));
    const fetch = new FakeFetch().reply('GET', ...failing, new Response(LIVE));
    const h = start(fetch);
    await waitFor('hls.js', () => FakeHls.instances.length === 1);
    assert.equal(fetch.requestsOf('GET').length, 13);
    assert.deepEqual(
      h.errors.map(({ code, fatal, httpStatus }) => ({ code, fatal, httpStatus })),
      [{ code: 'hls-failed', fatal: false, httpStatus: 502 }],
    );
    assert.match(h.errors[0]?.message ?? '', / Retrying\.$/);
  });

  it('still gives up on a playlist that its server refuses (4xx other than 404/410): asking again will not help', async () => {
    const fetch = new FakeFetch().reply('GET', new Response('', { status: 403 }));
    const h = start(fetch);
    await waitFor('a fatal error', () => h.errors.some((error) => error.fatal));
    assert.deepEqual(
      h.errors.map(({ code, fatal, httpStatus }) => ({ code, fatal, httpStatus })),
      [{ code: 'hls-failed', fatal: true, httpStatus: 403 }],
    );
    assert.equal(fetch.requestsOf('GET').length, 1);
  });

  /**
   * The playing hls.js fails its fragment loads with `status` (0: no answer) until it gives up (it retries three
   * times itself); resolves once the player has put it away and started another.
   */
  async function hlsGivesUp(status: number): Promise<void> {
    const first = await waitFor('hls.js', () => FakeHls.instances[0]);
    for (let attempt = 0; attempt < 4; attempt++) {
      first.fail('fragLoadError', status);
      await waitFor(`retry ${attempt}`, () => attempt === 3 || first.loads === attempt + 1);
    }
    await waitFor('hls.js again', () => FakeHls.instances.length === 2);
    assert.equal(first.destroyed, true);
  }

  it('when its server stops answering while playing, asks for the playlist again instead of failing for good', async () => {
    const fetch = new FakeFetch().reply('GET', new Response(LIVE), offline(), offline(), new Response(LIVE));
    const h = start(fetch);
    await hlsGivesUp(0);
    assert.deepEqual(
      h.errors.map(({ code, fatal }) => ({ code, fatal })),
      [{ code: 'source-unreachable', fatal: false }],
    );
    assert.deepEqual(h.states, ['connecting', 'stalled']);
  });

  it('when its server fails (5xx) while playing, asks for the playlist again instead of failing for good', async () => {
    const failing = new Response('', { status: 500 });
    const fetch = new FakeFetch().reply('GET', new Response(LIVE), failing, new Response(LIVE));
    const h = start(fetch);
    await hlsGivesUp(500);
    assert.deepEqual(
      h.errors.map(({ code, fatal, httpStatus }) => ({ code, fatal, httpStatus })),
      [{ code: 'hls-failed', fatal: false, httpStatus: 500 }],
    );
  });

  it('fails for good when the server refuses the media while playing (an HTTP status, not silence)', async () => {
    const h = start(new FakeFetch().reply('GET', new Response(LIVE)));
    const first = await waitFor('hls.js', () => FakeHls.instances[0]);
    for (let attempt = 0; attempt < 4; attempt++) {
      first.fail('fragLoadError', 403);
      await waitFor(`retry ${attempt}`, () => attempt === 3 || first.loads === attempt + 1);
    }
    const [error] = await waitFor('a fatal error', () => h.errors.length > 0 && h.errors);
    assert.deepEqual(
      { code: error?.code, fatal: error?.fatal, httpStatus: error?.httpStatus },
      {
        code: 'hls-failed',
        fatal: true,
        httpStatus: 403,
      },
    );
    assert.equal(FakeHls.instances.length, 1);
  });
});
