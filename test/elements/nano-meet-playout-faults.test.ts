import { expect } from '@open-wc/testing';
import '../../src/elements/nano-meet-playout.js';
import type { NanoMeetPlayoutElement, PlayoutErrorDetail } from '../../src/elements/nano-meet-playout.js';
import { control } from '../support/sandbox.js';
import {
  expectPlaying,
  live,
  nextEvent,
  statusText,
  stopLiveStreams,
  studio,
  uniqueStream,
  untilState,
} from '../playout/playout-helpers.js';

afterEach(stopLiveStreams);

async function untilProtocol(el: NanoMeetPlayoutElement, protocol: string) {
  while (el.protocol !== protocol) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('<nano-meet-playout> when servers fail', function () {
  this.timeout(60_000);

  it('falls back to HLS when the WHEP server fails, and says why', async () => {
    const info = await studio();
    const name = uniqueStream('fault');
    await live(name);
    // Only this stream's WHEP path fails, so that other tests' streams are not disturbed.
    await control(info, 'PUT', '/faults/playout', { failPaths: [`/whep/${name}`], failStatus: 500 });
    try {
      const el = document.createElement('nano-meet-playout');
      const error = nextEvent(el, 'nano-meet-playout-error');
      const playing = nextEvent(el, 'nano-meet-playout-playing');
      Object.assign(el, {
        streamname: name,
        whepTemplate: info.whepTemplate,
        hlsTemplate: info.hlsTemplate,
        autoplay: true,
        muted: true,
      });
      document.body.append(el);
      const { detail } = await error;
      expect(detail.code).to.equal('whep-failed');
      expect(detail.fatal).to.equal(false);
      expect(detail.protocol).to.equal('whep');
      // From the moment it falls back, not once hls.js has been fetched and has read the playlist.
      await el.updateComplete;
      expect(el.protocol).to.equal('hls');
      expect(el.getAttribute('protocol')).to.equal('hls');
      // Chromium defers loading media in a page it has never shown (the test runner's second tab):
      // there, the fallback can be seen up to hls.js attaching, but frames only in a shown page.
      if (document.visibilityState === 'visible') {
        expect((await playing).detail.protocol).to.equal('hls');
        await expectPlaying(el);
      } else {
        expect(el.video.src).to.match(/^blob:/, 'hls.js attached its MediaSource');
      }
      el.remove();
    } finally {
      await control(info, 'DELETE', '/faults/playout');
    }
  });

  it('falls back to HLS at once when the WHEP server is full (503), instead of waiting as long as it asks', async () => {
    const info = await studio();
    const name = uniqueStream('full');
    await live(name);
    const el = document.createElement('nano-meet-playout');
    try {
      const error = nextEvent(el, 'nano-meet-playout-error');
      Object.assign(el, {
        streamname: name,
        whepTemplate: `${info.whepTemplate}?fail=503&retry-after=60`,
        hlsTemplate: info.hlsTemplate,
        autoplay: true,
        muted: true,
      });
      document.body.append(el);
      expect((await error).detail).to.include({ code: 'whep-failed', fatal: false, httpStatus: 503 });
      const deadline = Date.now() + 3000;
      while (el.protocol !== 'hls' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(el.protocol, 'HLS within 3 s, not after the 60 s Retry-After').to.equal('hls');
    } finally {
      el.remove();
    }
  });

  it('returns from HLS to WHEP, tried again in the background, once WHEP works again', async () => {
    const info = await studio();
    const name = uniqueStream('upgrade');
    await live(name);
    await control(info, 'PUT', '/faults/upgrade', { failPaths: [`/whep/${name}`], failStatus: 500 });
    const el = document.createElement('nano-meet-playout');
    try {
      const error = nextEvent(el, 'nano-meet-playout-error');
      Object.assign(el, {
        streamname: name,
        whepTemplate: info.whepTemplate,
        hlsTemplate: info.hlsTemplate,
        autoplay: true,
        muted: true,
      });
      document.body.append(el);
      expect((await error).detail.code).to.equal('whep-failed');
      await untilProtocol(el, 'hls');
      const playingOverWhep = new Promise<CustomEvent>((resolve) =>
        el.addEventListener('nano-meet-playout-playing', (event) => event.detail.protocol === 'whep' && resolve(event)),
      );
      // WHEP works again: the next background attempt (2.5–5 s later) takes over from HLS.
      await control(info, 'DELETE', '/faults/upgrade');
      await untilProtocol(el, 'whep');
      expect(el.getAttribute('protocol')).to.equal('whep');
      expect(el.video.srcObject).to.be.instanceOf(MediaStream);
      expect(el.video.getAttribute('src'), 'hls.js let go of the video').to.equal(null);
      expect((await playingOverWhep).detail.vod).to.equal(false);
      expect(el.state).to.equal('playing');
      await expectPlaying(el);
    } finally {
      el.remove();
      await control(info, 'DELETE', '/faults/upgrade');
    }
  });

  it('reports a clear error when WHEP fails and there is no HLS to fall back to', async () => {
    const info = await studio();
    const name = uniqueStream('fault-only');
    // The WHEP endpoint answers 500 itself, with CORS headers, so that the page can read the status.
    const src = `${info.whepTemplate.replace('{streamname}', name)}?fail=500`;
    const el = document.createElement('nano-meet-playout');
    const error = nextEvent(el, 'nano-meet-playout-error');
    Object.assign(el, { src, autoplay: true, muted: true });
    document.body.append(el);
    try {
      expect((await error).detail).to.include({ code: 'whep-failed', httpStatus: 500, fatal: false });
      await untilState(el, 'error');
      expect(el.shadowRoot!.querySelector('[part="error-code"]')?.textContent).to.equal('whep-failed');
      expect(statusText(el)).to.equal('The broadcast cannot be played. Retrying…');
    } finally {
      el.remove();
    }
  });

  it('says a WHEP server that answers without CORS headers cannot be reached: a page cannot tell it from a network failure', async () => {
    const info = await studio();
    const name = uniqueStream('fault-cors');
    await control(info, 'PUT', '/faults/playout', { failPaths: [`/whep/${name}`], failStatus: 500 });
    const el = document.createElement('nano-meet-playout');
    try {
      const error = nextEvent(el, 'nano-meet-playout-error');
      Object.assign(el, { src: info.whepTemplate.replace('{streamname}', name), autoplay: true, muted: true });
      document.body.append(el);
      expect((await error).detail).to.include({ code: 'source-unreachable', fatal: false, protocol: 'whep' });
      await untilState(el, 'error');
      expect(statusText(el)).to.equal('The broadcast cannot be reached. Retrying…');
    } finally {
      el.remove();
      await control(info, 'DELETE', '/faults/playout');
    }
  });

  it('says a WHEP-only broadcast cannot be played in a browser without WebRTC, instead of connecting for ever', async () => {
    const info = await studio();
    const global = window as { RTCPeerConnection?: typeof RTCPeerConnection };
    const Native = global.RTCPeerConnection;
    // As with WebRTC turned off (Firefox's media.peerconnection.enabled, some privacy browsers).
    global.RTCPeerConnection = undefined;
    const el = document.createElement('nano-meet-playout');
    try {
      const error = nextEvent(el, 'nano-meet-playout-error');
      Object.assign(el, { src: info.whepTemplate.replace('{streamname}', uniqueStream('no-webrtc')), autoplay: true });
      document.body.append(el);
      const { detail } = await error;
      expect(detail).to.include({ code: 'whep-failed', fatal: true, protocol: 'whep' });
      expect(detail.message).to.contain('no WebRTC').and.contain('hls-template');
      await untilState(el, 'error');
      expect(statusText(el)).to.equal('The broadcast cannot be played.');
    } finally {
      el.remove();
      global.RTCPeerConnection = Native;
    }
  });

  it('waits with hls-not-found for an HLS stream that does not exist', async () => {
    const info = await studio();
    const el = document.createElement('nano-meet-playout');
    const error = nextEvent(el, 'nano-meet-playout-error');
    const waiting = nextEvent(el, 'nano-meet-playout-waiting');
    Object.assign(el, {
      src: info.hlsTemplate.replace('{streamname}', uniqueStream('unknown')),
      autoplay: true,
      muted: true,
    });
    document.body.append(el);
    const { detail } = await error;
    expect(detail).to.include({ code: 'hls-not-found', fatal: false, httpStatus: 404 });
    expect((await waiting).detail.protocol).to.equal('hls');
    await el.updateComplete;
    expect(el.state).to.equal('waiting');
    expect(statusText(el)).to.contain('Waiting for the broadcast');
    el.remove();
  });

  it('says it is on HLS after falling back from WHEP while the HLS playlist is still missing', async () => {
    const info = await studio();
    const name = uniqueStream('fallback-waits');
    const el = document.createElement('nano-meet-playout');
    try {
      const error = nextEvent(el, 'nano-meet-playout-error');
      const waiting = nextEvent(el, 'nano-meet-playout-waiting');
      // The WHEP server fails (500, readable); the broadcast has not started, so HLS waits for its playlist and
      // hls.js is never loaded: the protocol must not stay "whep" for as long as the wait lasts.
      Object.assign(el, {
        streamname: name,
        whepTemplate: `${info.whepTemplate}?fail=500`,
        hlsTemplate: info.hlsTemplate,
        autoplay: true,
        muted: true,
      });
      document.body.append(el);
      expect((await error).detail).to.include({ code: 'whep-failed', fatal: false, protocol: 'whep', httpStatus: 500 });
      expect((await waiting).detail.protocol).to.equal('hls');
      await el.updateComplete;
      expect(el.state).to.equal('waiting');
      expect(el.protocol).to.equal('hls');
      expect(el.getAttribute('protocol')).to.equal('hls');
    } finally {
      el.remove();
    }
  });

  it('keeps asking an HLS playlist server that answers with a server error (5xx), saying so, then plays', async () => {
    const info = await studio();
    const name = uniqueStream('hls-5xx');
    await live(name);
    const src = info.hlsTemplate.replace('{streamname}', name);
    // The sandbox's faults answer without CORS (a page reads them as unreachable): the page's own fetch answers the
    // playlist with a readable 503, as a failing CDN does, twice, then lets the real server answer; hls.js loads the
    // media itself, from the sandbox. That the player never gives up is hls-playback.node.test.ts's (it counts).
    const nativeFetch = window.fetch;
    const FAILURES = 2;
    let failures = 0;
    window.fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url === src && failures < FAILURES) {
        failures++;
        return Promise.resolve(new Response('busy', { status: 503 }));
      }
      return nativeFetch(input, init);
    };
    const el = document.createElement('nano-meet-playout');
    const errors: PlayoutErrorDetail[] = [];
    el.addEventListener('nano-meet-playout-error', ({ detail }) => errors.push(detail));
    try {
      Object.assign(el, { src, autoplay: true, muted: true });
      document.body.append(el);
      await untilState(el, 'error', 5000);
      expect(statusText(el)).to.equal('The broadcast cannot be played. Retrying…');
      expect(el.shadowRoot!.querySelector('[part="error-code"]')?.textContent).to.equal('hls-failed');
      expect(errors[0]).to.include({ code: 'hls-failed', fatal: false, httpStatus: 503 });
      expect(errors[0]?.message).to.match(/ Retrying\.$/);
      // Until the server answers and hls.js has attached, nothing says it gave up.
      while (failures < FAILURES || !el.video.src) {
        expect(errors.filter((error) => error.fatal)).to.deep.equal([]);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(el.video.src).to.match(/^blob:/, 'hls.js attached its MediaSource once the server answered');
      if (document.visibilityState === 'visible') await expectPlaying(el);
      expect(errors.map(({ code, fatal }) => ({ code, fatal }))).to.deep.equal([{ code: 'hls-failed', fatal: false }]);
    } finally {
      window.fetch = nativeFetch;
      el.remove();
    }
  });

  it('plays an HLS-only stream once its playlist appears (the broadcast starts after the page opened)', async () => {
    const info = await studio();
    const name = uniqueStream('hls-later');
    const el = document.createElement('nano-meet-playout');
    try {
      const waiting = nextEvent(el, 'nano-meet-playout-waiting');
      Object.assign(el, { src: info.hlsTemplate.replace('{streamname}', name), autoplay: true, muted: true });
      document.body.append(el);
      await waiting;
      const playing = nextEvent(el, 'nano-meet-playout-playing');
      await live(name);
      expect((await playing).detail.protocol).to.equal('hls');
      await expectPlaying(el);
      expect(statusText(el)).to.equal('Live.');
    } finally {
      el.remove();
    }
  });
});
