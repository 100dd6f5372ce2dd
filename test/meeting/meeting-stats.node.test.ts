/**
 * The parts of a meeting's statistics that the sandbox cannot show through `<nano-meet>` (it has no file
 * recording, no transcription, and no way for the element to change the received video quality): followed from
 * Jitsi's event payloads as docs/jitsi/wire.md §6–§7 gives them, with nothing invented.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connectionStatsOf, countRoles, MeetingStatsTracker } from '../../src/meeting/meeting-stats.js';

const me = [{ id: 'me', moderator: true }];

describe('MeetingStatsTracker', () => {
  it('knows nothing it was not told: no speaker, no P2P, no video quality, nothing recorded', () => {
    const stats = new MeetingStatsTracker().snapshot({}, me, 'me');
    assert.deepEqual(Object.keys(stats).sort(), ['participants', 'recording', 'timestamp']);
    assert.deepEqual(stats.recording, { file: false, stream: false, local: false, transcription: false });
  });

  it('keeps the received video quality from videoQualityChanged', () => {
    const tracker = new MeetingStatsTracker();
    tracker.track('videoQualityChanged', { videoQuality: 360 });
    assert.equal(tracker.snapshot({}, me, 'me').videoQuality, 360);
    tracker.track('videoQualityChanged', { videoQuality: 'high' });
    assert.equal(tracker.snapshot({}, me, 'me').videoQuality, 360);
  });

  it('follows each recording mode, transcription and the download link', () => {
    const tracker = new MeetingStatsTracker();
    tracker.track('recordingStatusChanged', { on: true, mode: 'file', transcription: true });
    tracker.track('recordingStatusChanged', { on: true, mode: 'stream', transcription: true });
    tracker.track('recordingLinkAvailable', { link: 'https://example.org/rec.mp4', ttl: 86400 });
    assert.deepEqual(tracker.snapshot({}, me, 'me').recording, {
      file: true,
      stream: true,
      local: false,
      transcription: true,
      link: 'https://example.org/rec.mp4',
    });
    // A failed start comes as on: false with an error.
    tracker.track('recordingStatusChanged', { on: false, mode: 'file', error: 'service-unavailable' });
    tracker.track('transcribingStatusChanged', { on: false });
    const { recording } = tracker.snapshot({}, me, 'me');
    assert.equal(recording.file, false);
    assert.equal(recording.stream, true);
    assert.equal(recording.transcription, false);
    tracker.reset();
    assert.deepEqual(tracker.snapshot({}, me, 'me').recording, {
      file: false,
      stream: false,
      local: false,
      transcription: false,
    });
  });

  it('takes P2P from the answer over the last event, and leaves out a null', () => {
    const tracker = new MeetingStatsTracker();
    tracker.track('p2pStatusChanged', { isP2p: true });
    assert.equal(tracker.snapshot({}, me, 'me').p2p, true);
    assert.equal(tracker.snapshot({ p2p: false }, me, 'me').p2p, false);
    tracker.track('p2pStatusChanged', { isP2p: null });
    assert.equal('p2p' in tracker.snapshot({ p2p: null }, me, 'me'), false);
  });

  it("counts the roles of the local participant's room from rooms-info, else from what it knows", () => {
    const tracker = new MeetingStatsTracker();
    const roomsInfo = {
      rooms: [
        { isMainRoom: true, participants: [{ id: 'a', role: 'moderator' }] },
        {
          isMainRoom: false,
          participants: [
            { id: 'me', role: 'participant' },
            { id: 'b', role: 'visitor' },
          ],
        },
      ],
    };
    assert.deepEqual(tracker.snapshot({ roomsInfo }, me, 'me').participants, {
      total: 2,
      moderators: 0,
      participants: 1,
      visitors: 1,
    });
    assert.deepEqual(tracker.snapshot({}, [...me, { id: 'x', moderator: false }], 'me').participants, {
      total: 2,
      moderators: 1,
      participants: 1,
      visitors: 0,
    });
  });

  it('counts a role it does not know in the total only', () => {
    assert.deepEqual(countRoles(['none', 'moderator', undefined]), {
      total: 3,
      moderators: 1,
      participants: 0,
      visitors: 0,
    });
  });
});

describe('connectionStatsOf', () => {
  it("passes Jitsi's answer through as it came, and finds none in an unknown request's answer", () => {
    assert.deepEqual(connectionStatsOf({ jvbRTT: 31 }), { jvbRTT: 31 });
    assert.equal(connectionStatsOf({ error: {} }), undefined);
    assert.equal(connectionStatsOf(null), undefined);
    assert.equal(connectionStatsOf([]), undefined);
  });
});
