/**
 * All rooms of the sandbox and the ways into them: a page joining with its JWT, a page's commands and
 * requests, and the participants a test scripts through the control API. The hub is the authority on
 * roles: a role comes from the verified token (or the control API), never from the page.
 */
import type { ServerResponse } from 'node:http';
import { ParticipantStream } from './event-stream.js';
import { HttpError } from './http-helpers.js';
import { checkJoinToken, parseRoomPath, roomKeyOf, type SandboxKey } from './join-check.js';
import { COMMANDS, runCommand } from './commands.js';
import { admitOrHold, enterConference, knock, leave } from './membership.js';
import type { CommandResponse, JoinRequest, JoinResponse } from './page-protocol.js';
import { newParticipant, type Participant } from './participant.js';
import { endStream, type StreamPublisher } from './recording.js';
import { answerRequest } from './requests.js';
import { Room } from './room.js';
import { nameOf } from './participant.js';

/** A page that joined but never opened its stream is gone after this long. */
const STREAM_CONNECT_TIMEOUT_MS = 20_000;
const MAX_PARTICIPANTS_PER_ROOM = 100;
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
  }[];
}

export class RoomHub {
  readonly #rooms = new Map<string, Room>();
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly key: SandboxKey,
    private readonly publisher?: StreamPublisher,
  ) {}

  async join(request: JoinRequest): Promise<JoinResponse> {
    const address = parseRoomPath(request.path);
    if (!address) throw new HttpError(400, 'The path must be /<room> or /<tenant>/<room>.');
    const check = await checkJoinToken(request.jwt, address, this.key);
    if (!check.ok) return { ok: false, events: check.events };
    const { token } = check;
    const room = this.#roomFor(roomKeyOf(address), address.room.toLowerCase());
    const participant = newParticipant({
      stream: new ParticipantStream(() => this.#remove(room, participant, 'dropped')),
      token,
      displayName: token.user.name ?? request.displayName?.slice(0, 256) ?? '',
      email: token.user.email ?? request.email?.slice(0, 256),
      avatarURL: token.user.avatar,
      moderator: token.moderator,
    });
    room.participants.set(participant.id, participant);
    admitOrHold(room, participant);
    room.publishViews();
    this.#later(STREAM_CONNECT_TIMEOUT_MS, () => {
      if (!participant.stream?.attached && room.participants.get(participant.id) === participant) {
        this.#remove(room, participant, 'dropped');
      }
    });
    return { ok: true, room: room.key, participantId: participant.id, session: participant.session };
  }

  /** The page's `EventSource` for its session. */
  attachStream(roomKey: string, participantId: string, session: string, response: ServerResponse): void {
    const { room, participant } = this.#session(roomKey, session);
    if (participant.id !== participantId) throw new HttpError(403, 'This session belongs to another participant.');
    participant.stream!.attach(response);
    // A closed stream that was not ended by us is a lost connection: the others see the person leave.
    response.on('close', () => {
      if (room.participants.get(participant.id) === participant) {
        this.#later(0, () => {
          if (!participant.stream?.attached && room.participants.get(participant.id) === participant) {
            this.#remove(room, participant, 'dropped');
          }
        });
      }
    });
  }

  command(roomKey: string, session: string, name: string, args: unknown[]): CommandResponse {
    const { room, participant } = this.#session(roomKey, session);
    const response = runCommand({ room, self: participant, publisher: this.publisher }, name, args);
    this.#settle(room);
    return response;
  }

  request(roomKey: string, session: string | undefined, data: { name: string; [field: string]: unknown }): unknown {
    if (session === undefined) return answerRequest(undefined, undefined, data);
    const { room, participant } = this.#session(roomKey, session);
    return answerRequest(participant, room, data);
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
    if (!room || !participant || participant.stream) throw new HttpError(404, 'No such scripted participant in this room.');
    if (!Object.hasOwn(COMMANDS, name)) throw new HttpError(400, `${JSON.stringify(name)} is not a command of the meeting page (use wire names, e.g. send-chat-message).`);
    runCommand({ room, self: participant, publisher: this.publisher }, name, args);
    this.#settle(room);
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
      ...(room.streaming && { streaming: { streamName: room.streaming.streamName, record: room.streaming.record, live: room.streaming.live } }),
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
      })),
    };
  }

  scriptedRaiseHand(roomKey: string, participantId: string, raised: boolean): void {
    const participant = this.#rooms.get(roomKey)?.participants.get(participantId);
    if (participant && Boolean(participant.handRaised) !== raised) this.scriptedCommand(roomKey, participantId, 'toggle-raise-hand', []);
    else if (!participant) throw new HttpError(404, 'No such scripted participant in this room.');
  }

  /** Cuts every page's connection in the room, as a network loss would (S8). */
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
    for (const room of this.#rooms.values()) {
      endStream(room, this.publisher);
      for (const participant of room.participants.values()) participant.stream?.drop();
    }
    this.#rooms.clear();
  }

  #scripted(room: Room, options: { name: string; moderator: boolean }): Participant {
    this.#checkCapacity(room);
    const participant = newParticipant({ stream: undefined, token: undefined, displayName: options.name.slice(0, 256), moderator: options.moderator });
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
    this.#checkCapacity(room);
    return room;
  }

  #checkCapacity(room: Room): void {
    if (room.participants.size >= MAX_PARTICIPANTS_PER_ROOM) throw new HttpError(503, 'This room is full.');
  }

  #session(roomKey: string, session: string): { room: Room; participant: Participant } {
    const room = this.#rooms.get(roomKey);
    const participant = room && [...room.participants.values()].find((candidate) => candidate.session === session);
    if (!room || !participant) throw new HttpError(404, 'No such session: the page is not (or no longer) in this room.');
    return { room, participant };
  }

  #remove(room: Room, participant: Participant, how: 'dropped' | 'silent'): void {
    if (room.participants.get(participant.id) !== participant) return;
    leave(room, participant, how);
    this.#settle(room);
  }

  /** After every change: redraw, and forget rooms nobody is in (their stream ends with them). */
  #settle(room: Room): void {
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
