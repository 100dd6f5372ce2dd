import { randomUUID } from 'node:crypto';
import { wire } from '../protocol/jitsi-events.js';
import { STREAM_EVENTS, type MeetingView, type SharedVideoView, type WireEvent } from '../protocol/page-protocol.js';
import { viewOf, type Participant } from './participant.js';

/** A live stream started from this room: who started it, under which name, and whether it is live yet. */
export interface StreamingSession {
  initiatorId: string;
  streamName: string;
  record: boolean;
  /** False while the stream is starting (Jitsi's `pending`: nothing is announced yet). */
  live: boolean;
  /** Where viewers watch it (Jibri's `liveStreamViewURL`). */
  viewUrl: string;
}

/** One conference: its people and the state everyone shares. */
export class Room {
  readonly participants = new Map<string, Participant>();
  readonly createdAt = Date.now();
  readonly sessionId = randomUUID();
  subject = '';
  lobbyEnabled = false;
  password: string | undefined;
  followMe = false;
  sharedVideo: SharedVideoView | undefined;
  streaming: StreamingSession | undefined;
  /** Whom the bridge last named the dominant speaker; nobody once they left. */
  dominantSpeakerId: string | undefined;
  /** Members at the last settling: tells an arrival from a departure (p2p.ts). */
  memberCount = 0;
  /** Audio/video moderation state, per media type. */
  readonly moderation = { audio: false, video: false };

  /**
   * @param key how the hub finds the room: `room` or `tenant/room`, lower-cased
   * @param name the conference name Jitsi reports (`roomName`): the room, lower-cased
   */
  constructor(
    readonly key: string,
    readonly name: string,
  ) {}

  /** People in the conference itself (not waiting in the lobby or for a password). */
  members(): Participant[] {
    return [...this.participants.values()].filter((participant) => participant.phase === 'joined');
  }

  moderators(): Participant[] {
    return this.members().filter((participant) => participant.moderator);
  }

  send(to: Participant, ...events: WireEvent[]): void {
    for (const event of events) to.stream?.send(STREAM_EVENTS.wire, event);
  }

  /** To every member but `except`, each getting the events built for them. */
  sendOthers(except: Participant | undefined, events: (to: Participant) => WireEvent[]): void {
    for (const member of this.members()) if (member !== except) this.send(member, ...events(member));
  }

  sendMembers(...events: WireEvent[]): void {
    for (const member of this.members()) this.send(member, ...events);
  }

  /**
   * `by` sets the subject, if a moderator: lib-jitsi-meet's JitsiConference.setSubject only warns for anyone else.
   * Every member who hears a non-empty subject drops the config subject still pending for them, as Jitsi's page does
   * on CONFERENCE_SUBJECT_CHANGED (base/conference/middleware.any.ts).
   */
  setSubject(by: Participant, subject: string): void {
    if (!by.moderator) return;
    by.pendingSubject = undefined;
    this.subject = subject;
    this.sendMembers(wire('subject-change', { subject }));
    if (subject) for (const member of this.members()) member.pendingSubject = undefined;
  }

  /** Every page redraws from its own view after each change; rooms are small, so whole views are fine. */
  publishViews(): void {
    for (const participant of this.participants.values()) {
      participant.stream?.send(STREAM_EVENTS.view, this.viewFor(participant));
    }
  }

  viewFor(viewer: Participant): MeetingView {
    const members = viewer.phase === 'joined' ? this.members() : [viewer];
    return {
      roomName: this.name,
      subject: viewer.localSubject ?? this.subject,
      tileView: viewer.tileView,
      ...(viewer.stageId !== undefined && { stageId: viewer.stageId }),
      participants: members.map((member) => viewOf(member, viewer)),
      chat: viewer.chat,
      ...(this.sharedVideo && viewer.phase === 'joined' && { sharedVideo: this.sharedVideo }),
      knocking:
        viewer.moderator && viewer.phase === 'joined'
          ? this.knocking().map(({ id, displayName }) => ({ id, name: displayName }))
          : [],
      recording: this.streaming?.live === true,
      virtualBackground: viewer.virtualBackground,
      phase: viewer.phase,
    };
  }

  knocking(): Participant[] {
    return [...this.participants.values()].filter((participant) => participant.phase === 'lobby');
  }
}
