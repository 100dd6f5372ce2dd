/**
 * The state Jitsi's `external_api.js` keeps from the events it sees (`_setupListeners`, docs/jitsi/wire.md §6): who is
 * in the meeting, the local participant, the video quality, the visitor flag. Its listener also sends the E2EE key
 * once the conference is joined (§5), as Jitsi's does, first thing on `video-conference-joined`.
 *
 * Only the sandbox's `JitsiMeetExternalAPI` answers from this state; `<nano-meet>` asks the page instead, so the
 * protocol client it ships with stays free of it.
 */
import {
  isRecord,
  type JitsiEventPayload,
  type JitsiIframeClient,
} from '../../meeting/jitsi-wire/jitsi-iframe-client.js';
import { commandWireName } from '../../meeting/jitsi-wire/wire-names.js';

/** What the API knows about a participant from the events it saw. */
export interface JitsiParticipant {
  email?: string;
  avatarURL?: string;
  displayName?: string;
  formattedDisplayName?: string;
}

/** One entry of `getParticipantsInfo()`. */
export interface JitsiParticipantInfo extends JitsiParticipant {
  participantId: string;
}

/** What the book does besides keeping count. */
export interface ParticipantBookOptions {
  /** A hex E2EE key to send as `set-media-encryption-key` when the conference is joined. */
  e2eeKey?: string;
}

/**
 * Follows one client's wire events. Wire listeners hear an event before its public listeners do, so whoever
 * listens to the public event already reads the updated state, as with Jitsi; create the book right after the
 * client, before any message can arrive, so it is also the first of the wire listeners.
 */
export class ParticipantBook {
  readonly #client: JitsiIframeClient;
  #e2eeKey: string | undefined;
  #participants: Record<string, JitsiParticipant> = Object.create(null);
  #numberOfParticipants = 0;
  #myUserId: string | undefined;
  #videoQuality: number | undefined;
  #isVisitor: boolean | undefined;

  /** Starts following `client` at once. */
  constructor(client: JitsiIframeClient, options: ParticipantBookOptions = {}) {
    this.#client = client;
    this.#e2eeKey = options.e2eeKey;
    client.onWireEvent((name, payload) => this.#track(name, payload));
  }

  /** The local participant's id, from `videoConferenceJoined`. */
  get myUserId(): string | undefined {
    return this.#myUserId;
  }

  /** Participants counted from join/leave events (duplicate joins count twice, as in Jitsi). */
  get numberOfParticipants(): number {
    return this.#numberOfParticipants;
  }

  /** The last `videoQualityChanged` value. */
  get videoQuality(): number | undefined {
    return this.#videoQuality;
  }

  /** Whether the local participant joined as a visitor (`videoConferenceJoined.visitor`). */
  get isVisitor(): boolean | undefined {
    return this.#isVisitor;
  }

  /** What is known about one participant; a copy. */
  getParticipant(id: string): JitsiParticipant | undefined {
    const participant = this.#participants[id];
    return participant && { ...participant };
  }

  /** Every known participant, in the order Jitsi lists them, with `participantId`; copies. */
  getParticipantsInfo(): JitsiParticipantInfo[] {
    return Object.entries(this.#participants).map(([participantId, participant]) => ({
      ...participant,
      participantId,
    }));
  }

  #track(name: string, data: JitsiEventPayload): void {
    const id = typeof data['id'] === 'string' || typeof data['id'] === 'number' ? String(data['id']) : undefined;
    const known = id === undefined ? undefined : this.#participants[id];
    switch (name) {
      case 'video-conference-joined':
        if (this.#e2eeKey !== undefined) {
          this.#client.sendCommand(commandWireName('setMediaEncryptionKey'), [
            JSON.stringify({ exportedKey: hexToBytes(this.#e2eeKey), index: 0 }),
          ]);
          this.#e2eeKey = undefined;
        }
        this.#myUserId = id;
        this.#isVisitor = data['visitor'] as boolean | undefined;
        if (id !== undefined)
          this.#participants[id] = {
            email: data['email'] as string | undefined,
            avatarURL: data['avatarURL'] as string | undefined,
          };
        // Jitsi falls through here: joining counts the local participant like any other.
        return this.#addParticipant(id, data);
      case 'participant-joined':
        return this.#addParticipant(id, data);
      case 'participant-left':
        this.#numberOfParticipants -= 1;
        if (id !== undefined) delete this.#participants[id];
        return;
      case 'display-name-change':
        if (known) {
          // Lower-case n: this one event spells it so.
          known.displayName = data['displayname'] as string | undefined;
          known.formattedDisplayName = data['formattedDisplayName'] as string | undefined;
        }
        return;
      case 'email-change':
        if (known) known.email = data['email'] as string | undefined;
        return;
      case 'avatar-changed':
        if (known) known.avatarURL = data['avatarURL'] as string | undefined;
        return;
      case 'video-conference-left':
        this.#numberOfParticipants -= 1;
        if (this.#myUserId !== undefined) delete this.#participants[this.#myUserId];
        return;
      case 'video-quality-changed':
        this.#videoQuality = data['videoQuality'] as number | undefined;
        return;
      case 'breakout-rooms-updated':
        this.#countBreakoutRooms(data['rooms']);
        return;
      case 'prejoin-screen-loaded':
        if (id !== undefined)
          this.#participants[id] = {
            displayName: data['displayName'] as string | undefined,
            formattedDisplayName: data['formattedDisplayName'] as string | undefined,
          };
    }
  }

  #addParticipant(id: string | undefined, data: JitsiEventPayload): void {
    if (id !== undefined) {
      const participant = (this.#participants[id] ??= {});
      participant.displayName = data['displayName'] as string | undefined;
      participant.formattedDisplayName = data['formattedDisplayName'] as string | undefined;
    }
    // Counted even when the id is already known: Jitsi counts duplicate joins too.
    this.#numberOfParticipants += 1;
  }

  #countBreakoutRooms(rooms: unknown): void {
    if (!isRecord(rooms) || Object.keys(rooms).length === 0) return;
    let count = 0;
    for (const room of Object.values(rooms)) {
      if (isRecord(room) && isRecord(room['participants'])) count += Object.keys(room['participants']).length;
    }
    this.#numberOfParticipants = count;
  }
}

/** Jitsi's E2EE key encoding: two hex digits per byte. */
function hexToBytes(hex: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < hex.length; i += 2) bytes.push(parseInt(hex.substring(i, i + 2), 16));
  return bytes;
}
