/**
 * Who is in a room and how they get in and out: the join sequence, lobby knocks, the password prompt,
 * leaving, kicks. Each function sends exactly what a real Jitsi page sends (docs/jitsi/failures.md S3–S5).
 */
import {
  leftConference,
  lobbyRejected,
  membersOnly,
  notification,
  passwordRequired,
  wire,
} from '../protocol/jitsi-events.js';
import type { WireEvent } from '../protocol/page-protocol.js';
import { nameOf, type Participant } from './participant.js';
import type { Room } from './room.js';

function joinedEvent(participant: Participant): WireEvent {
  return wire('participant-joined', {
    id: participant.id,
    displayName: nameOf(participant),
    formattedDisplayName: nameOf(participant),
  });
}

/** Puts the participant into the conference and tells everyone. */
export function enterConference(room: Room, participant: Participant): void {
  const others = room.members().filter((member) => member !== participant);
  participant.phase = 'joined';
  // Follow-me: a newcomer gets the moderator's layout.
  const leader = room.followMe ? room.moderators().find((member) => member !== participant) : undefined;
  if (leader) participant.tileView = leader.tileView;
  room.send(
    participant,
    wire('video-conference-joined', {
      roomName: room.name,
      id: participant.id,
      displayName: participant.displayName,
      formattedDisplayName: `${nameOf(participant)} (me)`,
      avatarURL: participant.avatarURL,
      breakoutRoom: false,
      visitor: false,
      email: participant.email,
    }),
    ...others.map(joinedEvent),
    ...(participant.moderator ? [wire('participant-role-changed', { id: participant.id, role: 'moderator' })] : []),
    wire('conference-created-timestamp', { timestamp: room.createdAt }),
    ...(room.subject ? [wire('subject-change', { subject: room.subject })] : []),
    ...(leader?.tileView ? [wire('tile-view-changed', { enabled: true })] : []),
    ...(room.streaming?.live
      ? [wire('recording-status-changed', { on: true, mode: 'stream', transcription: false })]
      : []),
  );
  for (const other of others) room.send(other, joinedEvent(participant));
  // The page's config.subject waited, as on Jitsi's page, for the conference (base/conference/middleware.any.ts):
  // a moderator sets it now; a guest keeps it unless the room's own subject, just heard, dropped it.
  if (participant.pendingSubject === undefined) return;
  if (participant.moderator) room.setSubject(participant, participant.pendingSubject);
  else if (room.subject) participant.pendingSubject = undefined;
}

/**
 * A new arrival meets Prosody's join checks in their order: the lobby gate (mod_muc_lobby_rooms, hook priority -4)
 * before the room password (the MUC's own check, -20). Neither spares a moderator token: while the lobby is on,
 * mod_token_affiliation grants no role on a first join, so its holder knocks like anyone (docs/jitsi/tokens.md
 * §0.1), and the password is asked of every occupant, whatever their affiliation.
 */
export function admitOrHold(room: Room, participant: Participant): void {
  if (room.lobbyEnabled) {
    knock(room, participant);
  } else if (room.password !== undefined) {
    participant.phase = 'password';
    room.send(participant, ...passwordRequired());
  } else {
    enterConference(room, participant);
  }
}

/**
 * The `password` command from someone the room asked for one: a rejoin with it. The right password also passes a
 * lobby turned on meanwhile, as mod_muc_lobby_rooms lets a join with the room's password straight in.
 */
export function submitPassword(room: Room, participant: Participant, password: string): void {
  if (password !== room.password) {
    room.send(participant, ...passwordRequired());
    return;
  }
  enterConference(room, participant);
}

/** S4: the guest waits; moderators with the participants pane closed hear the knock. */
export function knock(room: Room, participant: Participant): void {
  participant.phase = 'lobby';
  room.send(participant, ...membersOnly(`${room.name}@lobby.sandbox`));
  const waiting = room.knocking().length;
  for (const moderator of room.moderators()) {
    if (moderator.participantsPaneOpen) continue;
    room.send(
      moderator,
      notification(undefined, waiting > 1 ? 'notify.participantsWantToJoin' : 'notify.participantWantsToJoin'),
      wire('knocking-participant', { participant: { id: participant.id, name: nameOf(participant) } }),
    );
  }
}

/**
 * A moderator's answer: in, or refused and sent away. Returns false for an unknown id. An admitted guest is a member
 * now, and mod_muc_lobby_rooms adds the room's password to a member's join: a locked room does not ask them for it.
 */
export function answerKnock(room: Room, id: string, approved: boolean): boolean {
  const guest = room.participants.get(id);
  if (!guest || guest.phase !== 'lobby') return false;
  if (approved) {
    enterConference(room, guest);
  } else {
    room.send(guest, ...lobbyRejected());
    room.participants.delete(guest.id);
    guest.stream?.end();
  }
  return true;
}

/** Hangup, scripted leave or a lost connection: the others see `participant-left`. */
export function leave(room: Room, participant: Participant, how: 'hangup' | 'silent' | 'dropped'): void {
  const wasMember = participant.phase === 'joined';
  room.participants.delete(participant.id);
  if (how === 'hangup') room.send(participant, ...leftConference(room.name));
  if (how === 'dropped') participant.stream?.drop();
  else participant.stream?.end();
  if (!wasMember) return;
  room.sendOthers(participant, () => [wire('participant-left', { id: participant.id })]);
  afterDeparture(room, participant);
}

/** S5: the kicked one hears it first, then leaves; the others see the kick, then the departure. */
export function kick(room: Room, kicker: Participant, target: Participant): void {
  room.send(
    target,
    wire('participant-kicked-out', {
      kicked: { id: target.id, name: nameOf(target), local: true },
      kicker: { id: kicker.id, name: nameOf(kicker) },
    }),
    ...leftConference(room.name),
  );
  room.participants.delete(target.id);
  target.stream?.end();
  room.sendOthers(target, (to) => [
    wire('participant-kicked-out', {
      kicked: { id: target.id, local: false, name: nameOf(target) },
      kicker: { id: kicker.id, local: to === kicker, name: nameOf(kicker) },
    }),
    wire('participant-left', { id: target.id }),
  ]);
  afterDeparture(room, target);
}

/** What someone leaves behind: a shared video they were playing stops; they are no longer the dominant speaker. */
function afterDeparture(room: Room, participant: Participant): void {
  if (room.dominantSpeakerId === participant.id) room.dominantSpeakerId = undefined;
  if (room.sharedVideo?.by !== participant.id) return;
  room.sharedVideo = undefined;
  room.sendMembers(
    wire('audio-or-video-sharing-toggled', { mediaType: 'video', value: 'stop', participantId: participant.id }),
  );
}
