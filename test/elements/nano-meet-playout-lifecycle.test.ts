import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/nano-meet-playout.js';
import type { NanoMeetPlayoutElement } from '../../src/elements/nano-meet-playout.js';
import {
  expectPlaying,
  live,
  nextEvent,
  statusText,
  stopLiveStreams,
  stopStream,
  studio,
  uniqueStream,
  untilState,
} from '../playout/playout-helpers.js';

afterEach(stopLiveStreams);

describe("<nano-meet-playout> over a broadcast's life: waiting, end, recording, drops", function () {
  this.timeout(60_000);

  it('waits for a broadcast that has not started, says so, and plays once it starts', async () => {
    const info = await studio();
    const name = uniqueStream('later');
    const el = document.createElement('nano-meet-playout');
    const waiting = nextEvent(el, 'nano-meet-playout-waiting');
    Object.assign(el, {
      streamname: name,
      whepTemplate: info.whepTemplate,
      hlsTemplate: info.hlsTemplate,
      autoplay: true,
      muted: true,
    });
    document.body.append(el);
    expect((await waiting).detail.protocol).to.equal('whep');
    await el.updateComplete;
    expect(el.state).to.equal('waiting');
    expect(statusText(el)).to.contain('Waiting for the broadcast');
    await expect(el).to.be.accessible();

    const playing = nextEvent(el, 'nano-meet-playout-playing');
    await live(name);
    expect((await playing).detail.protocol).to.equal('whep');
    await expectPlaying(el);
    el.remove();
  });

  it('emits nano-meet-playout-ended when the broadcast stops, and shows it', async () => {
    const name = uniqueStream('end');
    const urls = await live(name);
    const el = await fixture<NanoMeetPlayoutElement>(
      html`<nano-meet-playout src=${urls.whep} autoplay muted></nano-meet-playout>`,
    );
    await nextEvent(el, 'nano-meet-playout-playing');
    const ended = nextEvent(el, 'nano-meet-playout-ended');
    await stopStream(name);
    const { detail } = await ended;
    expect(detail).to.deep.equal({ protocol: 'whep', vod: false });
    await el.updateComplete;
    expect(el.state).to.equal('ended');
    expect(statusText(el)).to.equal('The broadcast has ended.');
  });

  it('plays the recording after the end when vod is given', async () => {
    const info = await studio();
    const name = uniqueStream('vod');
    await live(name, true);
    const el = await fixture<NanoMeetPlayoutElement>(
      html`<nano-meet-playout streamname=${name} whep-template=${info.whepTemplate} hls-template=${info.hlsTemplate} vod=${info.vodTemplate} autoplay muted></nano-meet-playout>`,
    );
    await nextEvent(el, 'nano-meet-playout-playing');
    await new Promise((resolve) => setTimeout(resolve, 2500)); // a few seconds of recording
    const ended = nextEvent(el, 'nano-meet-playout-ended');
    const recording = new Promise<CustomEvent>((resolve) =>
      el.addEventListener('nano-meet-playout-playing', (event) => event.detail.vod && resolve(event)),
    );
    await stopStream(name);
    expect((await ended).detail.vod).to.equal(false);
    const { detail } = await recording;
    expect(detail.protocol).to.equal('hls');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="badge"]')?.textContent).to.equal('Recording');
    await expectPlaying(el);
  });

  it('survives the stream dropping and coming back: plays again', async () => {
    const name = uniqueStream('drop');
    const urls = await live(name);
    const el = await fixture<NanoMeetPlayoutElement>(
      html`<nano-meet-playout src=${urls.whep} autoplay muted></nano-meet-playout>`,
    );
    await nextEvent(el, 'nano-meet-playout-playing');
    const ended = nextEvent(el, 'nano-meet-playout-ended');
    await stopStream(name);
    await ended;
    const playing = nextEvent(el, 'nano-meet-playout-playing');
    await live(name);
    expect((await playing).detail.protocol).to.equal('whep');
    await untilState(el, 'playing');
    await expectPlaying(el);
  });
});
