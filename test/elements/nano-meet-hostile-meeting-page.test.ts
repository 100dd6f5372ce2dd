/**
 * A meeting page that says what no Jitsi says: fields of the wrong type in its events and answers. The page is
 * another origin's; the transport only checks that a message comes from the meeting's own frame and origin, so
 * whatever JSON it holds reaches the element. `String({toString: 1})` throws: a throw halfway through an event left
 * the element where it was, a join shown as "Joining…" forever, a removal not shown at all, and `getStats()` and
 * `getParticipants()` rejected with a TypeError. An error object in place of Jitsi's message made the element say
 * one of its own sentences ("The token has expired…") of the meeting's choosing. Settings of 900 000 characters left
 * with the host (`local-storage-changed`) went into every later meeting's iframe URL, too long for Chromium to load:
 * every meeting of the host's origin, on any server, then ended in load-timeout, across reloads.
 *
 * The sandbox speaks only Jitsi's shapes, so the hostile page is played here by dispatching its messages as the
 * browser delivers them from the meeting frame: `source` the frame's window, `origin` the meeting server's.
 * (Messages from other windows, frames and origins are dropped by the transport:
 * test/meeting/postis-transport.test.ts.)
 */
import { expect, oneEvent } from '@open-wc/testing';
import type { NanoMeetElement } from '../../src/elements/nano-meet.js';
import { cleanUp, control, joined, meeting, sandbox, uniqueRoom } from './support/meeting-fixture.js';
import { FAULT_SANDBOX } from '../support/sandbox.js';
import { event, fromMeetingPage } from './support/meeting-page.js';
import { uncaughtDuring } from './support/uncaught-errors.js';

const FAULT = '/faults/hostile-meeting-page';
/** An object no conversion to text survives: `String()` and `Number()` of it throw. */
const UNPRINTABLE = { toString: 1, valueOf: 1 };

async function frameOf(el: NanoMeetElement): Promise<void> {
  for (let attempt = 0; attempt < 200 && !el.iframe; attempt += 1) await new Promise((r) => setTimeout(r, 20));
  expect(el.iframe, 'the meeting iframe').to.be.instanceOf(HTMLIFrameElement);
}

describe('<nano-meet> and a meeting page that sends fields of the wrong type', () => {
  afterEach(cleanUp);
  afterEach(async () => control(await sandbox(FAULT_SANDBOX), 'DELETE', FAULT));

  it('joins, and follows who comes and raises a hand, whatever the names and times are', async () => {
    const info = await sandbox(FAULT_SANDBOX);
    const room = uniqueRoom();
    // The real page says ready and never joins: the only join is the hostile one.
    await control(info, 'PUT', FAULT, { stuckJoinPaths: [`/${room}`] });
    const el = await meeting('native', { room }, {}, info);
    document.body.append(el);
    await frameOf(el);
    const ready = oneEvent(el, 'nano-meet-ready');
    const errors = await uncaughtDuring(() => {
      fromMeetingPage(
        el,
        event('video-conference-joined', { id: 'me', displayName: UNPRINTABLE, roomName: UNPRINTABLE }),
      );
      fromMeetingPage(el, event('participant-joined', { id: 'other', displayName: UNPRINTABLE }));
      fromMeetingPage(el, event('participant-joined', { id: UNPRINTABLE, displayName: 'Nobody' }));
      fromMeetingPage(el, event('display-name-change', { id: 'other', displayname: ['x'] }));
      fromMeetingPage(el, event('raise-hand-updated', { id: 'me', handRaised: UNPRINTABLE }));
    });
    expect(errors).to.deep.equal([]);
    expect((await ready).detail).to.deep.equal({ moderator: false, participantId: 'me', roomName: '' });
    expect(el.state).to.equal('joined');
    expect(el.participants.map(({ id, displayName }) => ({ id, displayName }))).to.deep.equal([
      { id: 'me', displayName: '' },
      { id: 'other', displayName: '' },
    ]);
    // The hand's time is no number: the hand is down, and raising it is asked of the meeting.
    const asked = el.raiseHand();
    fromMeetingPage(el, event('raise-hand-updated', { id: 'me', handRaised: 1700000000000 }));
    await asked;
  });

  it('shows the removal by a moderator whose name is no text', async () => {
    const el = await joined(await meeting('native', { room: uniqueRoom() }));
    const left = oneEvent(el, 'nano-meet-left');
    const errors = await uncaughtDuring(() =>
      fromMeetingPage(el, event('participant-kicked-out', { kicked: { local: true }, kicker: { name: UNPRINTABLE } })),
    );
    expect(errors).to.deep.equal([]);
    expect((await left).detail.reason).to.equal('kicked');
    await el.updateComplete;
    expect(el.state).to.equal('left');
    expect(el.shadowRoot!.querySelector('[part="status"]')!.textContent).to.contain('You were removed');
  });

  it('says the meeting failed in its own words: an error whose message is an object names none of its sentences', async () => {
    const el = await joined(await meeting('native', { room: uniqueRoom() }));
    const failed = oneEvent(el, 'nano-meet-error');
    const errors = await uncaughtDuring(() =>
      fromMeetingPage(
        el,
        event('error-occurred', {
          error: { name: { key: 'failure.token-expired' }, isFatal: true, message: { key: 'failure.token-expired' } },
        }),
      ),
    );
    expect(errors).to.deep.equal([]);
    const { detail } = await failed;
    // Without a name of its own the error is no known one: a fatal one, with no words of the meeting's to add.
    expect(detail).to.deep.equal({ code: 'meeting-failed', message: 'The meeting failed.', jitsiName: 'unknown' });
    await el.updateComplete;
    const screen = el.shadowRoot!.querySelector('[part="status"].error')!.textContent!;
    expect(screen).to.contain('The meeting failed.');
    expect(screen).not.to.contain('expired');
  });

  describe('settings left with the host (local-storage-changed)', () => {
    const saved = localStorage.getItem('jitsiLocalStorage');
    afterEach(() => {
      if (saved === null) localStorage.removeItem('jitsiLocalStorage');
      else localStorage.setItem('jitsiLocalStorage', saved);
    });

    /** A meeting on the page after, on the same server: it must join, within a deadline it would miss otherwise. */
    async function nextMeetingJoins(): Promise<NanoMeetElement> {
      const next = await meeting('native', { room: uniqueRoom() }, { 'load-timeout': '8' });
      const failed = oneEvent(next, 'nano-meet-error').then(({ detail }) => {
        throw new Error(`the next meeting failed: ${detail.code} ${detail.message}`);
      });
      await Promise.race([joined(next), failed]);
      return next;
    }

    it('keeps no more than Jitsi keeps: a page that leaves 900 000 characters does not stop every later meeting', async () => {
      const el = await joined(await meeting('native', { room: uniqueRoom() }));
      // Percent signs, encoded three times longer in the next iframe's URL: 2.7 MB, more than Chromium loads.
      fromMeetingPage(el, event('local-storage-changed', { localStorageContent: '%'.repeat(900_000) }));
      fromMeetingPage(el, event('local-storage-changed', { localStorageContent: UNPRINTABLE }));
      expect(localStorage.getItem('jitsiLocalStorage')?.length ?? 0).to.be.below(64 * 1024);
      await nextMeetingJoins();
    });

    it('hands on none of what a page left before: a host with too much stored still meets', async () => {
      localStorage.setItem('jitsiLocalStorage', '%'.repeat(900_000));
      const next = await nextMeetingJoins();
      expect(next.iframe!.src).to.contain('appData.localStorageContent=null');
    });
  });

  it('counts only participants of Jitsi’s shape in getStats() and getParticipants()', async () => {
    const el = await joined(await meeting('native', { room: uniqueRoom(), moderator: true }));
    const hostile = {
      rooms: [
        null,
        'room',
        {
          isMainRoom: true,
          participants: [
            null,
            { id: UNPRINTABLE, role: 'moderator' },
            { id: 'a', role: 'moderator', displayName: UNPRINTABLE },
            { id: 'b', role: 'participant', displayName: 'Bea' },
          ],
        },
      ],
    };
    /** Answers the requests the element just sent (the client numbers them from 1) before the real page can. */
    const answerAll = (result: unknown) => {
      for (let id = 1; id <= 50; id += 1) fromMeetingPage(el, { type: 'response', id, result });
    };
    const errors = await uncaughtDuring(async () => {
      const stats = el.getStats();
      answerAll(hostile);
      expect((await stats)?.participants).to.deep.equal({ total: 2, moderators: 1, participants: 1, visitors: 0 });
      const participants = el.getParticipants();
      answerAll(hostile);
      expect(await participants).to.deep.equal([
        { id: 'a', displayName: '', moderator: true, local: false },
        { id: 'b', displayName: 'Bea', moderator: false, local: false },
      ]);
      const none = el.getParticipants();
      answerAll({ rooms: 5 });
      expect(await none).to.deep.equal([]);
    });
    expect(errors).to.deep.equal([]);
  });
});
