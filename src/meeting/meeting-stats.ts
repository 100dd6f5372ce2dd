/**
 * What a meeting's statistics are made of, from what Jitsi's IFrame API offers: the events that say who speaks,
 * how media flows, what is recorded and the received video quality (kept as they come), and, when asked, the
 * requests `rooms-info`, `get-p2p-status` and `connection-stats` (docs/jitsi/wire.md §9). Nothing is invented:
 * what Jitsi has not said stays absent, so a chart shows a gap rather than a zero that never was.
 */
import type { JitsiEventName } from './jitsi-wire/wire-names.js';
import type { RoomsInfo } from './meeting-session.js';

/** Who is in the meeting, by their Jitsi role. */
export interface MeetingRoleCounts {
  /** Everyone in the meeting, this participant included. */
  total: number;
  /** Jitsi role `moderator`. */
  moderators: number;
  /** Jitsi role `participant`: in the meeting without moderator rights (nano-meet's guests). */
  participants: number;
  /** Jitsi role `visitor`, on deployments with visitors. */
  visitors: number;
}

/** What is being recorded or streamed, as Jitsi's `recordingStatusChanged` and related events tell it. */
export interface MeetingRecordingStats {
  /** A recording to a file (Jitsi's `file` mode) is running. */
  file: boolean;
  /** A live stream (Jitsi's `stream` mode, which a nano-meet broadcast is) is on air. */
  stream: boolean;
  /** A local recording (Jitsi's `local` mode) is running. */
  local: boolean;
  /** Transcription is running. */
  transcription: boolean;
  /** Where the last file recording can be downloaded, once Jitsi offers it (`recordingLinkAvailable`). */
  link?: string;
}

/**
 * Jitsi's connection statistics of this participant (`getConnectionStats()`, request `connection-stats`), as the
 * deployment answered them: a field it left out is absent here too. The fields are the Jitsi handbook's.
 */
export interface JitsiConnectionStats {
  /** Jitsi's connection indicator, 0–100. */
  connectionQuality?: number;
  /** Round-trip time to the bridge, in ms. */
  jvbRTT?: number;
  bridgeCount?: number;
  serverRegion?: string | null;
  /** Estimated bandwidth, kbit/s. */
  bandwidth?: { download?: number; upload?: number };
  /** kbit/s. */
  bitrate?: {
    download?: number;
    upload?: number;
    audio?: { download?: number; upload?: number };
    video?: { download?: number; upload?: number };
  };
  /** Per cent. */
  packetLoss?: { download?: number; total?: number; upload?: number };
  maxEnabledResolution?: number;
  /** By participant id, then SSRC. */
  codec?: Record<string, unknown>;
  framerate?: Record<string, unknown>;
  framesDecoded?: Record<string, unknown>;
  resolution?: Record<string, unknown>;
  transport?: { ip?: string; localCandidateType?: string; p2p?: boolean; rtt?: number; type?: string }[];
  /** Fields newer deployments add. */
  [field: string]: unknown;
}

/** The `nano-meet-stats` event's detail, and what `<nano-meet>`'s `getStats()` resolves with. */
export interface MeetingStats {
  /** When these were read, in ms since the epoch. */
  timestamp: number;
  participants: MeetingRoleCounts;
  /** The participant Jitsi last named the dominant speaker (`dominantSpeakerChanged`), while still here. */
  dominantSpeakerId?: string;
  /**
   * `true`: media flows straight between the two participants (P2P); `false`: through the bridge (JVB).
   * Absent when Jitsi has not said.
   */
  p2p?: boolean;
  /** The highest video height this participant receives (`videoQualityChanged`), once Jitsi has said. */
  videoQuality?: number;
  recording: MeetingRecordingStats;
  /** Jitsi's connection statistics; absent when the deployment does not answer `getConnectionStats`. */
  connection?: JitsiConnectionStats;
}

/** What the meeting answered when asked, each absent when it did not (in time). */
export interface MeetingAnswers {
  roomsInfo?: RoomsInfo;
  p2p?: boolean | null;
  connection?: JitsiConnectionStats;
}

/** Someone in the meeting as the element's own roster knows them (the fallback when `rooms-info` is not answered). */
export interface KnownParticipant {
  id: string;
  moderator: boolean;
}

type Payload = Record<string, unknown>;

/** Counts participants by role: `roles` has one entry (a Jitsi role) per participant. */
export function countRoles(roles: readonly (string | undefined)[]): MeetingRoleCounts {
  const count = (role: string) => roles.filter((each) => each === role).length;
  return {
    total: roles.length,
    moderators: count('moderator'),
    participants: count('participant'),
    visitors: count('visitor'),
  };
}

/** Whether a request's result is how Jitsi answers a request it does not know: `{error: …}` (wire.md §4). */
export function isUnknownRequestAnswer(answer: unknown): boolean {
  return typeof answer === 'object' && answer !== null && Object.hasOwn(answer, 'error');
}

/** The connection statistics in a `connection-stats` answer, or undefined when it holds none. */
export function connectionStatsOf(answer: unknown): JitsiConnectionStats | undefined {
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer) || isUnknownRequestAnswer(answer))
    return undefined;
  return answer as JitsiConnectionStats;
}

/** The roles in the room `myId` is in (a breakout room, else the main room), from a `rooms-info` answer. */
function rolesOf(info: RoomsInfo, myId: string | undefined): (string | undefined)[] | undefined {
  const rooms = Array.isArray(info?.rooms) ? info.rooms : [];
  const mine =
    rooms.find((room) => myId !== undefined && room.participants?.some((participant) => participant.id === myId)) ??
    rooms.find((room) => room.isMainRoom) ??
    rooms[0];
  return mine && Array.isArray(mine.participants)
    ? mine.participants.map((participant) => participant.role)
    : undefined;
}

/** Follows the events behind the statistics, for one meeting at a time. */
export class MeetingStatsTracker {
  #dominantSpeakerId: string | undefined;
  #p2p: boolean | undefined;
  #videoQuality: number | undefined;
  #recording: MeetingRecordingStats = { file: false, stream: false, local: false, transcription: false };

  /** A new meeting: nothing is known of it. */
  reset(): void {
    this.#dominantSpeakerId = undefined;
    this.#p2p = undefined;
    this.#videoQuality = undefined;
    this.#recording = { file: false, stream: false, local: false, transcription: false };
  }

  track(name: JitsiEventName, payload: Payload): void {
    switch (name) {
      case 'dominantSpeakerChanged':
        if (typeof payload['id'] === 'string' && payload['id']) this.#dominantSpeakerId = payload['id'];
        break;
      case 'participantLeft':
        // Someone who left speaks no more; Jitsi names the next speaker when there is one.
        if (payload['id'] === this.#dominantSpeakerId) this.#dominantSpeakerId = undefined;
        break;
      case 'p2pStatusChanged':
        this.#p2p = typeof payload['isP2p'] === 'boolean' ? payload['isP2p'] : undefined;
        break;
      case 'videoQualityChanged':
        if (typeof payload['videoQuality'] === 'number' && Number.isFinite(payload['videoQuality']))
          this.#videoQuality = payload['videoQuality'];
        break;
      case 'recordingStatusChanged': {
        const mode = payload['mode'];
        if (mode === 'file' || mode === 'stream' || mode === 'local') this.#recording[mode] = payload['on'] === true;
        if (typeof payload['transcription'] === 'boolean') this.#recording.transcription = payload['transcription'];
        break;
      }
      case 'transcribingStatusChanged':
        this.#recording.transcription = payload['on'] === true;
        break;
      case 'recordingLinkAvailable':
        if (typeof payload['link'] === 'string') this.#recording.link = payload['link'];
        break;
    }
  }

  /**
   * The statistics now: the events seen so far with what the meeting answered. Roles come from `rooms-info`
   * (Jitsi announces no role for those already in the room at join), else from `known`.
   */
  snapshot(answers: MeetingAnswers, known: readonly KnownParticipant[], myId: string | undefined): MeetingStats {
    const roles =
      (answers.roomsInfo && rolesOf(answers.roomsInfo, myId)) ??
      known.map((participant) => (participant.moderator ? 'moderator' : 'participant'));
    // The answer is now; the last event may be older than it.
    const p2p = typeof answers.p2p === 'boolean' ? answers.p2p : this.#p2p;
    return {
      timestamp: Date.now(),
      participants: countRoles(roles),
      ...(this.#dominantSpeakerId !== undefined && { dominantSpeakerId: this.#dominantSpeakerId }),
      ...(p2p !== undefined && { p2p }),
      ...(this.#videoQuality !== undefined && { videoQuality: this.#videoQuality }),
      recording: { ...this.#recording },
      ...(answers.connection && { connection: answers.connection }),
    };
  }
}
