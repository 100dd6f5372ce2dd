import { randomBytes } from 'node:crypto';
import type { ChatLine, ParticipantView } from '../protocol/page-protocol.js';
import type { ParticipantStream } from './event-stream.js';
import type { JitsiSession } from './prosody-token.js';

/** Jitsi's default name for someone who gave none. */
export const DEFAULT_DISPLAY_NAME = 'Fellow Jitster';
const MAX_CHAT_LINES = 100;

/** One person in a room: a meeting page (with a stream) or a participant scripted by a test. */
export interface Participant {
  readonly id: string;
  /** Proves a post comes from this participant's page; never shown to others. */
  readonly session: string;
  readonly stream: ParticipantStream | undefined;
  /** What Prosody bound to the page's session from its token; scripted participants have none. */
  readonly token: JitsiSession | undefined;
  displayName: string;
  email: string | undefined;
  avatarURL: string | undefined;
  moderator: boolean;
  phase: 'joined' | 'lobby' | 'password';
  handRaised: number;
  audioMuted: boolean;
  videoMuted: boolean;
  tileView: boolean;
  chatOpen: boolean;
  unreadCount: number;
  filmstripVisible: boolean;
  participantsPaneOpen: boolean;
  virtualBackground: boolean;
  screenSharing: boolean;
  whiteboardOpen: boolean;
  /** Whether this page's conference sends its media P2P (p2p.ts). */
  p2p: boolean;
  stageId: string | undefined;
  localSubject: string | undefined;
  /**
   * The page's `config.subject`, which Jitsi's page keeps pending until it is set: once the conference is joined, by a
   * moderator, or when its participant becomes one (membership.ts, `enterConference`; commands.ts, `grant-moderator`).
   */
  pendingSubject: string | undefined;
  chat: ChatLine[];
}

/** Jitsi participant ids are 8 hex digits. */
export function newParticipantId(): string {
  return randomBytes(4).toString('hex');
}

export function newParticipant(fields: {
  stream: ParticipantStream | undefined;
  token: JitsiSession | undefined;
  displayName: string;
  email?: string | undefined;
  avatarURL?: string | undefined;
  moderator: boolean;
}): Participant {
  return {
    id: newParticipantId(),
    session: randomBytes(24).toString('base64url'),
    phase: 'joined',
    handRaised: 0,
    audioMuted: false,
    videoMuted: false,
    tileView: false,
    chatOpen: false,
    unreadCount: 0,
    filmstripVisible: true,
    participantsPaneOpen: false,
    virtualBackground: false,
    screenSharing: false,
    whiteboardOpen: false,
    p2p: false,
    stageId: undefined,
    localSubject: undefined,
    pendingSubject: undefined,
    chat: [],
    ...fields,
    email: fields.email,
    avatarURL: fields.avatarURL,
  };
}

export function nameOf(participant: Participant): string {
  return participant.displayName || DEFAULT_DISPLAY_NAME;
}

export function addChatLine(participant: Participant, line: ChatLine): void {
  participant.chat.push(line);
  if (participant.chat.length > MAX_CHAT_LINES) participant.chat.shift();
}

export function viewOf(participant: Participant, viewer: Participant): ParticipantView {
  return {
    id: participant.id,
    displayName: nameOf(participant),
    ...(participant.avatarURL !== undefined && { avatarURL: participant.avatarURL }),
    moderator: participant.moderator,
    local: participant === viewer,
    handRaised: participant.handRaised,
    audioMuted: participant.audioMuted,
    videoMuted: participant.videoMuted,
    scripted: participant.stream === undefined,
  };
}
