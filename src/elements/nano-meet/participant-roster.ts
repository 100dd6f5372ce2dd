/**
 * Who is in the meeting, as its events tell it, and what is known of this page's own participant: its id, its
 * role once the meeting changes it, its hand, its layout and whether its microphone and camera are muted. Actions
 * read it to skip what is already so, and to name only participants who are there.
 */
import type { JitsiEventName } from '../../meeting/jitsi-wire/wire-names.js';
import { MeetingError } from '../../meeting/meeting-error.js';
import type { MeetingParticipant } from './meeting-state.js';
import { isHandRaised, textOf } from './payload-fields.js';

type Payload = Record<string, unknown>;

export class ParticipantRoster {
  /**
   * Everyone, by id, in the order they came (one who comes again moves to the end): a meeting page may send
   * thousands of joins, and each costs one step, not one step per participant already there.
   */
  readonly #byId = new Map<string, MeetingParticipant>();
  /** The list handed out, made again only after a change. */
  #list: readonly MeetingParticipant[] | undefined = [];
  /** This page's participant, once joined. */
  myId: string | undefined;
  /** This participant's role as the meeting last changed it; undefined until it does (the token's role holds). */
  moderator: boolean | undefined;
  handRaised = false;
  tileView = false;
  audioMuted = false;
  videoMuted = false;

  /** @param onOwnRoleChange called when the meeting changes this participant's role */
  constructor(private readonly onOwnRoleChange: () => void) {}

  /** Everyone in the meeting, this participant included. */
  get participants(): readonly MeetingParticipant[] {
    return (this.#list ??= [...this.#byId.values()]);
  }

  /** A new meeting page: nothing is known of it yet but the mute state it was opened with. */
  start(muted: { audio: boolean; video: boolean }): void {
    this.handRaised = false;
    this.tileView = false;
    this.audioMuted = muted.audio;
    this.videoMuted = muted.video;
  }

  /** This participant is in the meeting under `id`, with the role the element knows now. */
  joined(id: string | undefined, displayName: string, moderator: boolean): void {
    this.myId = id;
    this.#upsert({ id: id ?? '', displayName, moderator, local: true });
  }

  /** Out of the meeting: nobody is known to be in it. The role stays until a new token replaces it. */
  clear(): void {
    this.myId = undefined;
    this.#byId.clear();
    this.#list = undefined;
  }

  /** A new token: its role holds until the meeting says otherwise. */
  forgetRole(): void {
    this.moderator = undefined;
  }

  /** The participant `id`, or `invalid-argument` when nobody of that id is in the meeting. */
  participant(id: string): MeetingParticipant {
    const found = this.#byId.get(id);
    if (!found) throw new MeetingError('invalid-argument', `No participant ${JSON.stringify(id)} is in the meeting.`);
    return found;
  }

  /** Follows what the meeting says about its participants. */
  track(name: JitsiEventName, payload: Payload): void {
    const id = typeof payload['id'] === 'string' ? payload['id'] : undefined;
    switch (name) {
      case 'participantJoined':
        if (id) {
          this.#upsert({
            id,
            displayName: textOf(payload['displayName']),
            moderator: false,
            local: id === this.myId,
          });
        }
        break;
      case 'participantLeft':
        if (id !== undefined && this.#byId.delete(id)) this.#list = undefined;
        break;
      case 'displayNameChange':
        if (id) this.#update(id, { displayName: textOf(payload['displayname']) });
        break;
      case 'participantRoleChanged':
        if (id) this.#update(id, { moderator: payload['role'] === 'moderator' });
        if (id && id === this.myId) {
          this.moderator = payload['role'] === 'moderator';
          this.onOwnRoleChange();
        }
        break;
      case 'raiseHandUpdated':
        if (id === this.myId) this.handRaised = isHandRaised(payload['handRaised']);
        break;
      case 'tileViewChanged':
        this.tileView = payload['enabled'] === true;
        break;
      case 'audioMuteStatusChanged':
        this.audioMuted = payload['muted'] === true;
        break;
      case 'videoMuteStatusChanged':
        this.videoMuted = payload['muted'] === true;
        break;
    }
  }

  /** `participant` in, at the end: whoever had its id before leaves its place. */
  #upsert(participant: MeetingParticipant) {
    this.#byId.delete(participant.id);
    this.#byId.set(participant.id, participant);
    this.#list = undefined;
  }

  /**
   * The participant `id` with `fields` changed, in its place. A new object, as the list is new after each change,
   * so that what a caller was given earlier does not change under it.
   */
  #update(id: string, fields: Partial<MeetingParticipant>) {
    const participant = this.#byId.get(id);
    if (!participant) return;
    this.#byId.set(id, { ...participant, ...fields });
    this.#list = undefined;
  }
}
