/**
 * All rooms of the sandbox and the ways into them: a page joining with its JWT, a page's commands and
 * requests, and the participants a test scripts through the control API. The hub is the authority on
 * roles: a role comes from the verified token (or the control API), never from the page.
 */
import type { ServerResponse } from 'node:http';
import { ParticipantStream } from './event-stream.js';
import { ConnectionCut, HttpError } from './http-helpers.js';
import { checkJoinToken, isJitsiModerator, parseRoomPath, roomKeyOf, type SandboxKey } from './join-check.js';
import type { JitsiSession } from './prosody-token.js';
import { COMMANDS, runCommand } from './commands.js';
import { admitOrHold, enterConference, knock, leave } from './membership.js';
import type { CommandResponse, JoinRequest, JoinResponse } from '../protocol/page-protocol.js';
import { newParticipant, type Participant } from './participant.js';
import { settleP2p } from './p2p.js';
import { conferenceFull, wire } from '../protocol/jitsi-events.js';
import { endStream, type StreamPublisher } from './recording.js';
import { answerRequest } from './requests.js';
import { Room } from './room.js';
import { nameOf } from './participant.js';
import { JITSI_RESUME, type ResumeSettings } from '../meeting-page/resume-timing.js';

/** A page that joined but never opened its stream is gone after this long. */
const STREAM_CONNECT_TIMEOUT_MS = 20_000;
/** As a deployment's muc_max_occupants: one more page is refused with `conference.max_users`. */
const MAX_PARTICIPANTS_PER_ROOM = 100;
const NO_SESSION = 'No such session: the page is not (or no longer) in this room.';
const MAX_ROOMS = 1000;

/** A room as the control API reports it. */
export interface RoomSnapshot {
  name: string;
  subject: string;
  lobbyEnabled: boolean;
  locked: boolean;
  followMe: boolean;
  sharedVideo?: { url: string; kind: 'youtube' | 'stream' };
  streaming?: { streamName: string; record: boolean; live: boolean };
  participants: {
    id: string;
    name: string;
    moderator: boolean;
    phase: 'joined' | 'lobby' | 'password';
    scripted: boolean;
    handRaised: boolean;
    audioMuted: boolean;
    videoMuted: boolean;
    tileView: boolean;
    /** Meeting pages only: how often the page resumed its connection after a break. */
    resumes?: number;
  }[];
}

function isFull(room: Room): boolean {
  return room.participants.size >= MAX_PARTICIPANTS_PER_ROOM;
}

/** A `context.user` field the web client would use: a string, at most 256 characters here (2048 for URLs). */
function userText(session: JitsiSession, field: 'name' | 'email' | 'avatar'): string | undefined {
  const value = session.user[field];
  return typeof value === 'string' ? value.slice(0, field === 'avatar' ? 2048 : 256) : undefined;
}

export class RoomHub {
  readonly #rooms = new Map<string, Room>();
  /** Every page's session while its stream lives: also after it left the room, until its goodbye is delivered. */
  readonly #streams = new Map<string, { roomKey: string; participant: Participant }>();
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly key: SandboxKey,
    private readonly publisher?: StreamPublisher,
    private readonly resume: ResumeSettings = JITSI_RESUME,
  ) {}

  async join(request: JoinRequest): Promise<JoinResponse> {
    const address = parseRoomPath(request.path);
    if (!address) throw new HttpError(400, 'The path must be /<room> or /<tenant>/<room>.');
    const check = checkJoinToken(request.jwt, address, this.key);
    if (!check.ok) return { ok: false, events: check.events };
    const { session } = check;
    const room = this.#roomFor(roomKeyOf(address), address.room.toLowerCase());
    if (isFull(room)) return { ok: false, events: conferenceFull() };
    const participant = newParticipant({
      stream: new ParticipantStream({
        hibernationMs: this.resume.hibernationMs,
        onGone: () => this.#remove(room, participant, 'dropped'),
        onClosed: () => this.#streams.delete(participant.session),
      }),
      token: session,
      // What the web client takes from `context.user` (strings only), before the page's own `userInfo`.
      displayName: userText(session, 'name') ?? request.displayName?.slice(0, 256) ?? '',
      email: userText(session, 'email') ?? request.email?.slice(0, 256),
      avatarURL: userText(session, 'avatar'),
      moderator: isJitsiModerator(session),
    });
    participant.audioMuted = request.startMuted?.audio ?? false;
    participant.videoMuted = request.startMuted?.video ?? false;
    participant.pendingSubject = request.subject;
    room.participants.set(participant.id, participant);
    this.#streams.set(participant.session, { roomKey: room.key, participant });
    admitOrHold(room, participant);
    this.#settle(room);
    this.#later(STREAM_CONNECT_TIMEOUT_MS, () => {
      if (!participant.stream?.attached && room.participants.get(participant.id) === participant) {
        this.#remove(room, participant, 'dropped');
      }
    });
    const { unitMs, attempts } = this.resume;
    const resume = { unitMs, attempts };
    return { ok: true, room: room.key, participantId: participant.id, session: participant.session, resume };
  }

  /**
   * The page's `EventSource` for its session: the first, or a resume after a break from the frame after `after`.
   * A stream that breaks keeps the session for the hibernation time (event-stream.ts); the others see nothing
   * unless it runs out.
   */
  attachStream(roomKey: string, participantId: string, session: string, response: ServerResponse, after = 0): void {
    // Not only members: a page that was sent away during a break still hears why when it comes back.
    const found = this.#streams.get(session);
    if (!found || found.roomKey !== roomKey) throw new HttpError(404, NO_SESSION);
    const { participant } = found;
    if (participant.stream!.cut) throw new ConnectionCut();
    if (participant.id !== participantId) throw new HttpError(403, 'This session belongs to another participant.');
    participant.stream!.attach(response, after);
  }

  /** The page is going away (it unloads): as Jitsi's page leaves the conference on unload, the others see it go. */
  leave(roomKey: string, session: string): void {
    const { room, participant } = this.#session(roomKey, session);
    // Nobody is left to hear a goodbye: the stream is simply cut, and the session forgotten at once.
    this.#remove(room, participant, 'dropped');
  }

  command(roomKey: string, session: string, name: string, args: unknown[]): CommandResponse {
    const { room, participant } = this.#session(roomKey, session);
    const response = runCommand({ room, self: participant, publisher: this.publisher }, name, args);
    this.#settle(room);
    return response;
  }

  /** Answers a page's request; `older`: as an older Jitsi, which does not know the newest requests. */
  request(
    roomKey: string,
    session: string | undefined,
    data: { name: string; [field: string]: unknown },
    older = false,
  ): unknown {
    if (session === undefined) return answerRequest(undefined, undefined, data);
    const { room, participant } = this.#session(roomKey, session);
    return answerRequest(participant, room, data, older);
  }

  // ── control API: participants scripted by tests ──

  addScripted(roomKey: string, options: { name: string; moderator: boolean }): Participant {
    const room = this.#roomFor(roomKey, roomKey.split('/').at(-1)!);
    const participant = this.#scripted(room, options);
    enterConference(room, participant);
    this.#settle(room);
    return participant;
  }

  knockScripted(roomKey: string, options: { name: string }): Participant {
    const room = this.#roomFor(roomKey, roomKey.split('/').at(-1)!);
    const participant = this.#scripted(room, { ...options, moderator: false });
    knock(room, participant);
    this.#settle(room);
    return participant;
  }

  /** Runs a command as a scripted participant (chat, raise hand, hangup…). */
  scriptedCommand(roomKey: string, participantId: string, name: keyof typeof COMMANDS, args: unknown[]): void {
    const room = this.#rooms.get(roomKey);
    const participant = room?.participants.get(participantId);
    if (!room || !participant || participant.stream)
      throw new HttpError(404, 'No such scripted participant in this room.');
    if (!Object.hasOwn(COMMANDS, name))
      throw new HttpError(
        400,
        `${JSON.stringify(name)} is not a command of the meeting page (use wire names, e.g. send-chat-message).`,
      );
    runCommand({ room, self: participant, publisher: this.publisher }, name, args);
    this.#settle(room);
  }

  /**
   * The participant speaks loudest: the bridge names them the dominant speaker to everyone in the conference, the
   * speaker included, and only when that changes (Jitsi's `dominant-speaker-changed`).
   */
  speak(roomKey: string, participantId: string): void {
    const room = this.#rooms.get(roomKey);
    const participant = room?.participants.get(participantId);
    if (!room || participant?.phase !== 'joined') throw new HttpError(404, 'No such participant in this conference.');
    if (room.dominantSpeakerId === participantId) return;
    room.dominantSpeakerId = participantId;
    room.sendMembers(wire('dominant-speaker-changed', { id: participantId }));
  }

  /**
   * The person picks a video quality in the meeting's own settings: Jitsi tells that page's host, as it does for
   * the host's `setVideoQuality` (`video-quality-changed`, docs/jitsi/wire.md §6 and §8), with the height picked.
   */
  pickVideoQuality(roomKey: string, participantId: string, height: number): void {
    const room = this.#rooms.get(roomKey);
    const participant = room?.participants.get(participantId);
    if (!room || participant?.phase !== 'joined') throw new HttpError(404, 'No such participant in this conference.');
    runCommand({ room, self: participant, publisher: this.publisher }, 'set-video-quality', [height]);
  }

  /** What a test may assert about a room: who is in it (and where), and the state everyone shares. */
  snapshot(roomKey: string): RoomSnapshot | undefined {
    const room = this.#rooms.get(roomKey);
    if (!room) return undefined;
    return {
      name: room.name,
      subject: room.subject,
      lobbyEnabled: room.lobbyEnabled,
      locked: room.password !== undefined,
      followMe: room.followMe,
      ...(room.sharedVideo && { sharedVideo: { url: room.sharedVideo.url, kind: room.sharedVideo.kind } }),
      ...(room.streaming && {
        streaming: { streamName: room.streaming.streamName, record: room.streaming.record, live: room.streaming.live },
      }),
      participants: [...room.participants.values()].map((participant) => ({
        id: participant.id,
        name: nameOf(participant),
        moderator: participant.moderator,
        phase: participant.phase,
        scripted: participant.stream === undefined,
        handRaised: participant.handRaised > 0,
        audioMuted: participant.audioMuted,
        videoMuted: participant.videoMuted,
        tileView: participant.tileView,
        ...(participant.stream && { resumes: participant.stream.resumes }),
      })),
    };
  }

  scriptedRaiseHand(roomKey: string, participantId: string, raised: boolean): void {
    const participant = this.#rooms.get(roomKey)?.participants.get(participantId);
    if (participant && Boolean(participant.handRaised) !== raised)
      this.scriptedCommand(roomKey, participantId, 'toggle-raise-hand', []);
    else if (!participant) throw new HttpError(404, 'No such scripted participant in this room.');
  }

  /** A network outage of `ms` for one page (S8): its stream breaks and its tries to come back fail until it is over. */
  interruptStream(roomKey: string, participantId: string, ms: number): void {
    const participant = this.#rooms.get(roomKey)?.participants.get(participantId);
    if (!participant?.stream) throw new HttpError(404, 'No such meeting page in this room.');
    participant.stream.interrupt(ms);
  }

  /** Cuts every page's connection in the room for good, as a server that lost the sessions would (S8). */
  drop(roomKey: string): number {
    const room = this.#rooms.get(roomKey);
    if (!room) return 0;
    const pages = [...room.participants.values()].filter((participant) => participant.stream);
    for (const page of pages) this.#remove(room, page, 'dropped');
    return pages.length;
  }

  /** Fails the room's live stream, as Jibri or the media server failing would; false when none is live. */
  failStream(roomKey: string, errorTag: string): boolean {
    const room = this.#rooms.get(roomKey);
    if (!room?.streaming?.live) return false;
    endStream(room, this.publisher, errorTag);
    return true;
  }

  roomCount(): number {
    return this.#rooms.size;
  }

  close(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const { participant } of [...this.#streams.values()]) participant.stream?.drop();
    this.#streams.clear();
    for (const room of this.#rooms.values()) {
      endStream(room, this.publisher);
      for (const participant of room.participants.values()) participant.stream?.drop();
    }
    this.#rooms.clear();
  }

  #scripted(room: Room, options: { name: string; moderator: boolean }): Participant {
    this.#checkCapacity(room);
    const participant = newParticipant({
      stream: undefined,
      token: undefined,
      displayName: options.name.slice(0, 256),
      moderator: options.moderator,
    });
    room.participants.set(participant.id, participant);
    return participant;
  }

  #roomFor(key: string, name: string): Room {
    let room = this.#rooms.get(key);
    if (!room) {
      if (this.#rooms.size >= MAX_ROOMS) throw new HttpError(503, 'The sandbox has too many rooms open.');
      room = new Room(key, name);
      this.#rooms.set(key, room);
    }
    return room;
  }

  /** A test scripting into a full room is told so; a page is refused as Jitsi refuses it (see `join`). */
  #checkCapacity(room: Room): void {
    if (isFull(room)) throw new HttpError(503, 'This room is full.');
  }

  #session(roomKey: string, session: string): { room: Room; participant: Participant } {
    const room = this.#rooms.get(roomKey);
    const participant = room && [...room.participants.values()].find((candidate) => candidate.session === session);
    if (!room || !participant) throw new HttpError(404, NO_SESSION);
    if (participant.stream?.cut) throw new ConnectionCut();
    return { room, participant };
  }

  #remove(room: Room, participant: Participant, how: 'dropped' | 'silent'): void {
    if (room.participants.get(participant.id) !== participant) return;
    leave(room, participant, how);
    this.#settle(room);
  }

  /** After every change: redraw, and forget rooms nobody is in (their stream ends with them). */
  #settle(room: Room): void {
    settleP2p(room, (ms, run) => this.#later(ms, run));
    room.publishViews();
    if (room.participants.size === 0 && this.#rooms.get(room.key) === room) {
      endStream(room, this.publisher);
      this.#rooms.delete(room.key);
    }
  }

  #later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    this.#timers.add(timer);
  }
}
