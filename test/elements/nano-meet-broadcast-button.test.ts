import { expect, oneEvent } from '@open-wc/testing';
import '../../src/elements/nano-meet-broadcast-button.js';
import type { NanoMeetElement } from '../../src/elements/nano-meet.js';
import '../../src/elements/nano-meet-playout.js';
import { actAs, cleanUp, joined, meeting, sandbox, scripted, uniqueRoom } from './support/meeting-fixture.js';
import {
  accessibleButton,
  button,
  describedBy,
  settled,
  shadowButton,
  statusText,
} from './support/broadcast-button-fixture.js';
import { readFrameClock, untilState } from '../playout/playout-helpers.js';

/** A moderator's meeting with a button inside it, both ready. */
async function moderatorWithButton(options: Omit<Parameters<typeof meeting>[1], 'moderator' | 'room'> = {}) {
  const el = await meeting('native', { room: uniqueRoom(), moderator: true, ...options });
  const control = button();
  el.append(control);
  await joined(el);
  await settled(control);
  return { el, control };
}

let streams = 0;
function uniqueStream(): string {
  streams += 1;
  return `button-${Date.now().toString(36)}-${streams}`;
}

describe('<nano-meet-broadcast-button>', () => {
  const extra: HTMLElement[] = [];
  afterEach(() => {
    cleanUp();
    for (const el of extra.splice(0)) el.remove();
  });

  it("inside a moderator's meeting: goes live on click, following Jitsi's status, then stops", async () => {
    const info = await sandbox();
    const streamname = uniqueStream();
    const { el, control } = await moderatorWithButton({ streamname });
    expect(control.hidden).to.equal(false);
    expect(shadowButton(control).disabled).to.equal(false);
    expect(shadowButton(control).textContent).to.contain('Go live');

    const states: string[] = [];
    el.addEventListener('nano-meet-broadcast-state-change', (event) => states.push(event.detail.state));
    const started = oneEvent(el, 'nano-meet-broadcast-started');
    shadowButton(control).click();
    await settled(control);
    expect(control.state).to.equal('starting');
    // Unavailable but still focusable, so that a keyboard user's focus stays on it.
    expect(shadowButton(control).getAttribute('aria-disabled')).to.equal('true');
    const { detail } = await started;
    expect(detail.playout.whep).to.equal(info.whepTemplate.replace('{streamname}', streamname));
    expect(detail.playout.hls).to.equal(info.hlsTemplate.replace('{streamname}', streamname));
    expect(detail.playout.live).to.equal(detail.playout.whep);
    // Live means live: the playlist is there.
    expect((await fetch(detail.playout.hls!)).status).to.equal(200);
    await settled(control);
    expect(control.getAttribute('state')).to.equal('live');
    expect(control.shadowRoot!.querySelector('[part="badge"]')?.textContent).to.equal('LIVE');
    expect(statusText(control)).to.contain('Live');

    const stopped = oneEvent(el, 'nano-meet-broadcast-stopped');
    shadowButton(control).click();
    await stopped;
    await settled(control);
    expect(control.state).to.equal('idle');
    expect(states).to.deep.equal(['starting', 'live', 'stopping', 'idle']);
  });

  it('end to end: the button puts the meeting on air, playouts on the page show moving frames over WHEP and HLS, stop ends them', async function () {
    // Real media end to end, about 8 s on an idle machine, which mocha's 10 s left too little of on a busy one:
    // joined at 0.1 s, live (ffmpeg) at 1.3, both playing at 1.9, frames read by 2.9; after the stop HLS ends with
    // its playlist's end (1.8 s), WHEP once no frame has come for its drop time (whep-client.ts dropMs, 4 s), since
    // Chromium does not see the server close the session sooner.
    this.timeout(30_000);
    const streamname = uniqueStream();
    const { el, control } = await moderatorWithButton({ streamname });
    const started = oneEvent(el, 'nano-meet-broadcast-started');
    shadowButton(control).click();
    const { playout } = (await started).detail;
    const players = [playout.whep!, playout.hls!].map((src) => {
      const player = document.createElement('nano-meet-playout');
      player.style.cssText = 'display: block; width: 320px; height: 180px';
      player.muted = true;
      player.autoplay = true;
      player.src = src;
      document.body.append(player);
      extra.push(player);
      return player;
    });
    await Promise.all(players.map((player) => untilState(player, 'playing')));
    expect(players.map((player) => player.protocol)).to.deep.equal(['whep', 'hls']);
    for (const player of players) {
      const video = player.shadowRoot!.querySelector('video')!;
      const first = await readFrameClock(video);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await readFrameClock(video)).to.not.equal(first);
    }
    shadowButton(control).click();
    await Promise.all(players.map((player) => untilState(player, 'ended')));
  });

  it('keeps a VOD recording with record, reported in the playout addresses', async () => {
    const streamname = uniqueStream();
    const el = await joined(await meeting('native', { room: uniqueRoom(), moderator: true, streamname }));
    const playout = await el.startBroadcast({ record: true });
    expect(playout.vod).to.match(new RegExp(`/vod/${streamname}/index.m3u8$`));
    await el.stopBroadcast();
    const vod = await (await fetch(playout.vod!)).text();
    expect(vod).to.contain('#EXT-X-ENDLIST');
  });

  it('is hidden for guests, or disabled with guests="disabled", saying why in its title and description', async () => {
    const room = uniqueRoom();
    const el = await meeting('native', { room });
    el.id = 'guest-meeting';
    const hidden = button();
    el.append(hidden);
    // On the page, where Chromium's accessibility tree has it (<nano-meet> renders no light children).
    const disabled = button({ guests: 'disabled', for: 'guest-meeting', id: 'guest-button' });
    document.body.append(disabled);
    extra.push(disabled);
    await joined(el);
    await settled(hidden);
    await settled(disabled);
    expect(hidden.hidden).to.equal(true);
    expect(disabled.hidden).to.equal(false);
    expect(shadowButton(disabled).disabled).to.equal(true);
    expect(shadowButton(disabled).title).to.equal('Only moderators can broadcast.');
    expect(statusText(disabled)).to.equal('Only moderators can broadcast.');
    const accessible = await accessibleButton(disabled);
    expect(accessible.name).to.equal('Go live');
    expect(accessible.description).to.equal('Only moderators can broadcast.');
    expect(describedBy(disabled)).to.equal('Only moderators can broadcast.');
    expect(accessible.disabled).to.equal(true);
    let error: { code?: string } | undefined;
    await el.startBroadcast().catch((caught) => (error = caught));
    expect(error?.code).to.equal('not-moderator');
  });

  it('finds its meeting with for="<id>" anywhere on the page', async () => {
    const el = await meeting('native', { room: uniqueRoom(), moderator: true });
    el.id = 'the-meeting';
    const control = button({ for: 'the-meeting' });
    document.body.append(control);
    extra.push(control);
    await joined(el);
    await settled(control);
    expect(control.meeting).to.equal(el);
    expect(shadowButton(control).disabled).to.equal(false);
  });

  it('shows the refusal when the token may not stream (no livestreaming feature)', async () => {
    const { el, control } = await moderatorWithButton({ withoutFeatures: ['livestreaming'] });
    const error = oneEvent(el, 'nano-meet-broadcast-error');
    shadowButton(control).click();
    const { detail } = await error;
    expect(detail.code).to.equal('broadcast-refused');
    expect(detail.reason).to.equal('forbidden');
    await settled(control);
    expect(control.state).to.equal('error');
    expect(statusText(control)).to.contain('may not stream');
    // It can be tried again.
    expect(shadowButton(control).disabled).to.equal(false);
  });

  it('follows a broadcast another moderator started', async () => {
    const room = uniqueRoom();
    const streamname = uniqueStream();
    const el = await meeting('native', { room, moderator: true, streamname });
    const control = button();
    el.append(control);
    await joined(el);
    const other = await scripted(room, { name: 'Other moderator', moderator: true });
    const started = oneEvent(el, 'nano-meet-broadcast-started');
    await actAs(room, other, 'start-recording', { mode: 'stream', rtmpStreamKey: streamname });
    await started;
    await settled(control);
    expect(control.state).to.equal('live');
    const stopped = oneEvent(el, 'nano-meet-broadcast-stopped');
    await actAs(room, other, 'stop-recording', 'stream');
    await stopped;
    await settled(control);
    expect(control.state).to.equal('idle');
  });

  it('without a meeting: disabled, and says so in its status, title and description', async () => {
    const control = button({ for: 'nothing-here', id: 'lonely-button' });
    document.body.append(control);
    extra.push(control);
    await settled(control);
    expect(shadowButton(control).disabled).to.equal(true);
    expect(statusText(control)).to.equal('No meeting to broadcast.');
    expect(shadowButton(control).title).to.equal('No meeting to broadcast.');
    expect((await accessibleButton(control)).description).to.equal('No meeting to broadcast.');
    expect(describedBy(control)).to.equal('No meeting to broadcast.');
  });

  it('before its meeting is joined: disabled, and says to join; once joined, no reason is given', async () => {
    const el = await meeting('native', { room: uniqueRoom(), moderator: true });
    // Without its token the meeting waits, however long the checks below take.
    const moderatorToken = el.token;
    el.token = '';
    el.id = 'early-meeting';
    const control = button({ guests: 'disabled', for: 'early-meeting', id: 'early-button' });
    document.body.append(el, control);
    extra.push(control);
    await settled(control);
    expect(shadowButton(control).disabled).to.equal(true);
    expect(shadowButton(control).title).to.equal('Join the meeting to broadcast.');
    expect((await accessibleButton(control)).description).to.equal('Join the meeting to broadcast.');
    el.token = moderatorToken;
    await joined(el);
    await settled(control);
    expect(shadowButton(control).disabled).to.equal(false);
    expect(shadowButton(control).hasAttribute('title')).to.equal(false);
    expect((await accessibleButton(control)).description ?? '').to.equal('');
    expect(describedBy(control)).to.equal('');
  });
});

export type { NanoMeetElement };
