import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/nano-meet-playout.js';
import type { NanoMeetPlayoutElement } from '../../src/elements/nano-meet-playout.js';
import {
  expectPlaying,
  hlsRequested,
  live,
  nextEvent,
  statusText,
  stopLiveStreams,
  uniqueStream,
} from '../playout/playout-helpers.js';

afterEach(stopLiveStreams);

describe('<nano-meet-playout>', function () {
  this.timeout(60_000);

  it('plays a live broadcast over WHEP: protocol whep, moving frames, "Live" in its chrome, and no hls.js loaded', async () => {
    const urls = await live(uniqueStream('whep'));
    const el = document.createElement('nano-meet-playout');
    const playing = nextEvent(el, 'nano-meet-playout-playing');
    Object.assign(el, { src: urls.whep, hlsTemplate: '', autoplay: true, muted: true });
    document.body.append(el);
    const { detail } = await playing;
    expect(detail.protocol).to.equal('whep');
    expect(detail.vod).to.equal(false);
    expect(detail.ttff).to.be.a('number').and.at.least(0);
    await el.updateComplete;
    expect(el.state).to.equal('playing');
    expect(el.getAttribute('state')).to.equal('playing');
    expect(el.getAttribute('protocol')).to.equal('whep');
    expect(el.shadowRoot!.querySelector('[part="badge"]')?.textContent).to.equal('Live');
    expect(statusText(el)).to.equal('Live.');
    await expectPlaying(el);
    expect(hlsRequested(), 'hls.js is loaded only for HLS').to.equal(false);

    const { detail: stats } = await nextEvent(el, 'nano-meet-playout-stats');
    expect(stats.protocol).to.equal('whep');
    expect(stats.width).to.be.greaterThan(0);
    expect(stats.latency).to.be.a('number');
    el.remove();
  });

  it('plays a live broadcast over HLS through hls.js, loaded when HLS is chosen', async () => {
    const urls = await live(uniqueStream('hls'));
    const el = await fixture<NanoMeetPlayoutElement>(
      html`<nano-meet-playout src=${urls.hls} autoplay muted></nano-meet-playout>`,
    );
    const { detail } = await nextEvent(el, 'nano-meet-playout-playing');
    expect(detail.protocol).to.equal('hls');
    expect(el.getAttribute('protocol')).to.equal('hls');
    expect(hlsRequested()).to.equal(true);
    await expectPlaying(el);
    const { detail: stats } = await nextEvent(el, 'nano-meet-playout-stats');
    expect(stats.protocol).to.equal('hls');
    expect(stats.height).to.be.greaterThan(0);
  });

  it('closes its peer connection and DELETEs the WHEP session when removed', async () => {
    const urls = await live(uniqueStream('cleanup'));
    const NativePeerConnection = window.RTCPeerConnection;
    const nativeFetch = window.fetch;
    const connections: RTCPeerConnection[] = [];
    const deletes: string[] = [];
    // Observed from outside, as a page would: every connection made and every DELETE sent.
    window.RTCPeerConnection = class extends NativePeerConnection {
      constructor(configuration?: RTCConfiguration) {
        super(configuration);
        connections.push(this);
      }
    };
    window.fetch = (input, init) => {
      if (init?.method === 'DELETE') deletes.push(String(input));
      return nativeFetch(input, init);
    };
    try {
      const el = document.createElement('nano-meet-playout');
      const playing = nextEvent(el, 'nano-meet-playout-playing');
      Object.assign(el, { src: urls.whep, autoplay: true, muted: true });
      document.body.append(el);
      await playing;
      expect(connections).to.have.length(1);
      el.remove();
      expect(connections.map((pc) => pc.connectionState)).to.deep.equal(['closed']);
      expect(deletes).to.have.length(1);
      expect(deletes[0]).to.match(new RegExp(`^${urls.whep}/[^/]+$`));
      expect(el.state).to.equal('idle');
      expect(el.video.srcObject).to.equal(null);
    } finally {
      window.RTCPeerConnection = NativePeerConnection;
      window.fetch = nativeFetch;
    }
  });

  it('does nothing without autoplay until play() is called', async () => {
    const urls = await live(uniqueStream('click'));
    const el = await fixture<NanoMeetPlayoutElement>(
      html`<nano-meet-playout src=${urls.whep} muted controls></nano-meet-playout>`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(el.state).to.equal('idle');
    const playing = nextEvent(el, 'nano-meet-playout-playing');
    void el.play();
    expect((await playing).detail.protocol).to.equal('whep');
    el.stop();
    expect(el.state).to.equal('idle');
  });

  it('shows no-source as a fatal error when nothing playable is named, in words for viewers', async () => {
    const el = document.createElement('nano-meet-playout');
    const error = nextEvent(el, 'nano-meet-playout-error');
    el.streamname = 'only-a-name';
    el.autoplay = true;
    document.body.append(el);
    expect((await error).detail).to.include({ code: 'no-source', fatal: true });
    await el.updateComplete;
    expect(el.state).to.equal('error');
    expect(statusText(el)).to.equal('There is no broadcast to show here.');
    expect(el.shadowRoot!.querySelector('[part="error-code"]')?.textContent).to.equal('no-source');
    el.remove();
  });

  it('applies the branding to its chrome, and falls back to the default look with branding-invalid', async () => {
    const branding = JSON.stringify({
      backgroundColor: 'rgb(1, 2, 3)',
      textColor: 'rgb(250, 240, 230)',
      logoImageUrl: 'https://example.org/logo.png',
      logoClickUrl: 'https://example.org/',
    });
    const el = await fixture<NanoMeetPlayoutElement>(
      html`<nano-meet-playout branding=${branding}></nano-meet-playout>`,
    );
    await el.updateComplete;
    const base = el.shadowRoot!.querySelector<HTMLElement>('[part="base"]')!;
    expect(getComputedStyle(base).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(base).color).to.equal('rgb(250, 240, 230)');
    expect(el.shadowRoot!.querySelector('a[part="logo"]')?.getAttribute('href')).to.equal('https://example.org/');

    const error = nextEvent(el, 'nano-meet-playout-error');
    el.branding = '{"backgroundColor": "red; background: url(https://evil.example)"}';
    expect((await error).detail).to.include({ code: 'branding-invalid', fatal: false });
    await el.updateComplete;
    expect(getComputedStyle(base).backgroundColor).to.equal('rgb(0, 0, 0)');
    expect(el.shadowRoot!.querySelector('[part="logo"]')).to.equal(null);
  });
});
