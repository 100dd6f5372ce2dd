/**
 * `<nano-meet-broadcast-button>` while the broadcast it started is starting, as with a real Jibri for seconds (the
 * sandbox's `slowStreams` fault): a moment after the start it offers to cancel, and a press then takes the start
 * back; the second click of a double-click comes sooner, and is ignored (CANCEL_AFTER_MS in
 * src/elements/broadcast-button/broadcast-button-element.ts).
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import '../../src/elements/nano-meet-broadcast-button.js';
import type { NanoMeetBroadcastButtonElement } from '../../src/elements/nano-meet-broadcast-button.js';
import type { NanoMeetElement } from '../../src/elements/nano-meet.js';
import { accessibleButton, settled, shadowButton, statusText } from './support/broadcast-button-fixture.js';
import { cleanUp, control, sandbox, snapshot, uniqueRoom, type RoomSnapshot } from './support/meeting-fixture.js';
import { joinedWithButton } from './support/meeting-with-button.js';

/** How long the sandbox's Jibri takes to go live, and to announce the end: long beside the button's moment. */
const JIBRI_DELAY_MS = 3_000;

let streams = 0;

/** What the meeting reported of its broadcast, from now on. */
function broadcastLog(el: NanoMeetElement) {
  const log = { states: [] as string[], errors: [] as string[], started: 0 };
  el.addEventListener('nano-meet-broadcast-state-change', (event) => log.states.push(event.detail.state));
  el.addEventListener('nano-meet-broadcast-error', (event) => log.errors.push(event.detail.code));
  el.addEventListener('nano-meet-broadcast-started', () => (log.started += 1));
  return log;
}

/** Resolves once the button offers to cancel the start; fails if it does not while the start is still pending. */
function cancelOffered(toggle: NanoMeetBroadcastButtonElement): Promise<void> {
  return waitUntil(
    () => shadowButton(toggle).textContent?.trim() === 'Cancel going live',
    `the button offers to cancel (it says "${shadowButton(toggle).textContent?.trim()}", state ${toggle.state})`,
    { timeout: JIBRI_DELAY_MS - 500 },
  );
}

/** The button just pressed, as it was before a start could be cancelled: starting, unavailable, still focusable. */
function expectJustStarted(toggle: NanoMeetBroadcastButtonElement): void {
  expect(toggle.state).to.equal('starting');
  expect(shadowButton(toggle).textContent?.trim()).to.equal('Starting…');
  expect(shadowButton(toggle).getAttribute('aria-disabled')).to.equal('true');
  expect(shadowButton(toggle).getAttribute('aria-busy')).to.equal('true');
  expect(statusText(toggle)).to.equal('The broadcast is starting.');
}

describe('<nano-meet-broadcast-button> while the broadcast starts', function () {
  this.timeout(20_000);
  let streamname = '';
  let fault = '';

  beforeEach(async () => {
    streams += 1;
    streamname = `cancel-${Date.now().toString(36)}-${streams}`;
    fault = `/faults/${streamname}`;
    await control(await sandbox(), 'PUT', fault, { slowStreams: [streamname], streamDelayMs: JIBRI_DELAY_MS });
  });

  afterEach(async () => {
    cleanUp();
    await resetMouse();
    await control(await sandbox(), 'DELETE', fault);
  });

  it('offers "Cancel going live"; pressed, the start is taken back: "Go live" again, no error, no stream', async () => {
    const info = await sandbox();
    const room = uniqueRoom();
    const { el, toggle } = await joinedWithButton({ room, streamname }, { id: `cancel-button-${streams}` });
    const log = broadcastLog(el);
    shadowButton(toggle).click();
    await settled(toggle);
    expectJustStarted(toggle);

    await cancelOffered(toggle);
    expect(toggle.state).to.equal('starting');
    const offered = await accessibleButton(toggle);
    expect(offered.name).to.equal('Cancel going live');
    expect(offered.disabled ?? false).to.equal(false);
    expect(shadowButton(toggle).hasAttribute('aria-disabled')).to.equal(false);
    // Still starting, and still saying so, to the eye and to a screen reader.
    expect(shadowButton(toggle).getAttribute('aria-busy')).to.equal('true');
    expect(statusText(toggle)).to.equal('The broadcast is starting.');

    const stopped = oneEvent(el, 'nano-meet-broadcast-stopped');
    shadowButton(toggle).click();
    await settled(toggle);
    expect(toggle.state).to.equal('stopping');
    await stopped;
    await settled(toggle);
    expect(toggle.state).to.equal('idle');
    expect(el.broadcastState).to.equal('idle');
    expect(shadowButton(toggle).textContent?.trim()).to.equal('Go live');
    expect(shadowButton(toggle).hasAttribute('aria-disabled')).to.equal(false);
    expect(shadowButton(toggle).getAttribute('aria-busy')).to.equal('false');
    expect(statusText(toggle)).to.equal('Not broadcasting.');
    expect(log.errors, 'cancelled, not failed').to.deep.equal([]);
    expect(log.states).to.deep.equal(['starting', 'stopping', 'idle']);
    expect(log.started).to.equal(0);

    // Past the time Jibri would have taken to go live: nothing of the stream runs, in the room or its playout.
    const { streaming } = (await snapshot(room, info)) as RoomSnapshot & { streaming?: unknown };
    expect(streaming, 'a stream in the room').to.equal(undefined);
    const playlist = await fetch(info.hlsTemplate.replace('{streamname}', streamname));
    expect(playlist.status, 'the HLS playlist of the cancelled stream').to.not.equal(200);
  });

  it('a double-click on "Go live" starts once and does not cancel: the second click comes before the offer', async () => {
    const { el, toggle } = await joinedWithButton({ streamname });
    const log = broadcastLog(el);
    const started = oneEvent(el, 'nano-meet-broadcast-started');
    let clicks = 0;
    shadowButton(toggle).addEventListener('click', () => (clicks += 1));
    const box = shadowButton(toggle).getBoundingClientRect();
    const middle: [number, number] = [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
    await sendMouse({ type: 'click', position: middle });
    await sendMouse({ type: 'click', position: middle });
    await settled(toggle);
    expect(clicks, 'both clicks reached the button').to.equal(2);
    expectJustStarted(toggle);
    expect(log.states).to.deep.equal(['starting']);

    // The offer comes, and goes unused: the broadcast goes on air as the first click asked.
    await cancelOffered(toggle);
    await started;
    await settled(toggle);
    expect(toggle.state).to.equal('live');
    expect(shadowButton(toggle).textContent?.trim()).to.equal('Stop broadcast');
    expect(log.states).to.deep.equal(['starting', 'live']);
    expect(log.errors).to.deep.equal([]);
    expect(log.started).to.equal(1);
    await el.stopBroadcast();
  });
});
