/**
 * Live streaming (docs/jitsi/failures.md §S6): the page-side checks that only log, the refusals Jibri's
 * gatekeepers send back, the one `recording-status-changed` `on:true` per session, sent once the stream is
 * really live (Jitsi sends nothing while the session is pending), and the `on:false` at its end, live or not.
 */
import { streamingRefused, wire } from '../protocol/jitsi-events.js';
import type { CommandResponse } from '../protocol/page-protocol.js';
import type { Participant } from './participant.js';
import type { Room } from './room.js';

/** What stands in for Jibri and the media server: makes a stream of the room's picture live, and ends it. */
export interface StreamPublisher {
  /** Resolves once viewers can play the stream; rejects when it cannot be started. */
  start(streamName: string, options: { record: boolean; composition: () => CompositionTile[] }): Promise<void>;
  stop(streamName: string): Promise<{ vod: boolean }>;
  /** The page viewers open for the stream: what Jibri's presence reports as `liveStreamViewURL`. */
  viewUrl(streamName: string): string;
  /** What WHEP players asked about the stream and were answered, oldest first, for tests (when it serves WHEP). */
  whepRequests?(streamName: string): readonly object[];
}

/** One participant as the broadcast picture draws it. */
export interface CompositionTile {
  id: string;
  handRaised: boolean;
  audioMuted: boolean;
  videoMuted: boolean;
}

/** Where a stream key sends the meeting: `rtmp://host/live/<name>?record=1`, or the bare `<name>`. */
export interface StreamTarget {
  streamName: string;
  record: boolean;
}

const STREAM_NAME = /^[A-Za-z0-9_-]{1,128}$/;

export function parseStreamKey(key: string): StreamTarget | undefined {
  const [path = '', query = ''] = key.split('?', 2);
  const streamName = path.split('/').at(-1) ?? '';
  if (!STREAM_NAME.test(streamName)) return undefined;
  const record = new URLSearchParams(query).get('record');
  return { streamName, record: record === '1' || record === 'true' };
}

function logError(...args: string[]): CommandResponse {
  return { log: { level: 'error', args } };
}

/** Prosody's `is_feature_allowed`: no features object means "moderators only"; otherwise `true`/"true". */
function mayStream(participant: Participant): boolean {
  if (!participant.moderator) return false;
  const features = participant.token?.features;
  return features === undefined || features['livestreaming'] === true || features['livestreaming'] === 'true';
}

function compositionOf(room: Room): CompositionTile[] {
  return room
    .members()
    .map(({ id, handRaised, audioMuted, videoMuted }) => ({ id, handRaised: handRaised > 0, audioMuted, videoMuted }));
}

export function startRecording(
  room: Room,
  self: Participant,
  options: unknown,
  publisher: StreamPublisher | undefined,
): CommandResponse | void {
  const { mode, rtmpStreamKey, youtubeStreamKey } = (
    typeof options === 'object' && options !== null ? options : {}
  ) as Record<string, unknown>;
  // API.js's checks in its order and words: the stream key, then local and file recording, which this deployment
  // has not; for any other mode it makes no recording config and does nothing at all.
  const streamKey = typeof youtubeStreamKey === 'string' && youtubeStreamKey ? youtubeStreamKey : rtmpStreamKey;
  if (mode === 'stream' && (typeof streamKey !== 'string' || !streamKey)) {
    return logError('Failed starting recording: missing youtube or RTMP stream key');
  }
  if (mode === 'local')
    return logError('Failed starting recording: local recording is either disabled or not supported');
  if (mode === 'file') return logError('Failed starting recording: the recording service is not enabled');
  if (mode !== 'stream' || typeof streamKey !== 'string') return;
  // Prosody's mod_filter_iq_jibri answers a guest, or a token without the feature, with `forbidden`.
  if (!mayStream(self)) return void room.send(self, ...streamingRefused('forbidden'));
  if (room.streaming) return void room.send(self, ...streamingRefused('unexpected-request'));
  const target = parseStreamKey(streamKey);
  // Jibri would try the RTMP URL and fail; Jicofo reports that as a generic error.
  if (!target) return void room.send(self, ...streamingRefused('error'));
  // No Jibri in this sandbox: Jicofo answers that the service is unavailable.
  if (!publisher) return void room.send(self, ...streamingRefused('service-unavailable'));
  const session = { initiatorId: self.id, ...target, live: false, viewUrl: publisher.viewUrl(target.streamName) };
  room.streaming = session;
  publisher.start(target.streamName, { record: target.record, composition: () => compositionOf(room) }).then(
    () => {
      if (room.streaming !== session) return;
      session.live = true;
      room.sendMembers(wire('recording-status-changed', { on: true, mode: 'stream', transcription: false }));
      room.publishViews();
    },
    () => {
      if (room.streaming !== session) return;
      room.streaming = undefined;
      // Jibri could not start: Jicofo's presence carries a failure, shown to the one who asked.
      const initiator = room.participants.get(session.initiatorId);
      if (initiator) room.send(initiator, ...streamingRefused('service-unavailable'));
      room.publishViews();
    },
  );
}

export function stopRecording(
  room: Room,
  self: Participant,
  mode: unknown,
  publisher: StreamPublisher | undefined,
): CommandResponse | void {
  // API.js: local recording stops without a word; another mode than file or stream is refused; then the session.
  if (mode === 'local') return;
  if (mode !== 'stream' && mode !== 'file') return logError('Invalid recording mode provided!');
  if (mode !== 'stream' || !room.streaming) return logError('No recording or streaming session found');
  // Jicofo takes a stop only from a moderator; the page never learns of the refusal.
  if (!self.moderator) return;
  endStream(room, publisher);
}

/**
 * Stops the room's stream (a moderator's stop, or the room emptied). Members hear it once Jibri has really
 * stopped, so that the recording is complete when the end is announced. A session still pending (Jibri not live
 * yet) ends the same way: Jitsi's stop takes a pending session as active, and its end (PENDING → OFF) is announced
 * as `on:false` to everyone, as a live one's is (docs/jitsi/failures.md §S6, the Stop row). With `failure` (an XMPP
 * error tag such as `error`), the stream failed while live: Jicofo's presence carries the failure, and everyone
 * hears it as a `recording-status-changed` with that `error` after the failure toast.
 */
export function endStream(room: Room, publisher: StreamPublisher | undefined, failure?: string): void {
  const session = room.streaming;
  if (!session) return;
  room.streaming = undefined;
  const announce = () => {
    if (failure !== undefined) room.sendMembers(...streamingRefused(failure));
    else room.sendMembers(wire('recording-status-changed', { on: false, mode: 'stream', transcription: false }));
    room.publishViews();
  };
  if (publisher) publisher.stop(session.streamName).then(announce, announce);
  else announce();
}
