/**
 * Answers to the host's requests (docs/jitsi/wire.md §9), from the server's state. Every request gets exactly
 * one defined result; an unknown one gets `{error: {}}` as the result, as API.js's `default:` branch does.
 */
import { nameOf, type Participant } from './participant.js';
import type { Room } from './room.js';

type RequestData = { name: string; [field: string]: unknown };
type Answer = (self: Participant, room: Room, data: RequestData) => unknown;

function roomsInfo(room: Room) {
  return {
    rooms: [
      {
        isMainRoom: true,
        id: room.name,
        jid: `${room.name}@conference.sandbox`,
        participants: room.members().map((member) => ({
          jid: `${room.name}@conference.sandbox/${member.id}`,
          role: member.moderator ? 'moderator' : 'participant',
          displayName: nameOf(member),
          id: member.id,
          ...(member.avatarURL !== undefined && { avatarUrl: member.avatarURL }),
        })),
      },
    ],
  };
}

function breakoutRooms(room: Room) {
  const [main] = roomsInfo(room).rooms;
  const participants = Object.fromEntries(
    main!.participants.map(({ jid, displayName, role }) => [jid, { displayName, jid, role }]),
  );
  return { [main!.id]: { id: main!.id, jid: main!.jid, name: room.name, isMainRoom: true, participants } };
}

const ANSWERS: Readonly<Record<string, Answer>> = {
  'is-audio-muted': (self) => self.audioMuted,
  'is-video-muted': (self) => self.videoMuted,
  'is-audio-available': () => true,
  'is-video-available': () => true,
  'is-audio-disabled': () => false,
  'is-sharing-screen': () => false,
  'is-start-silent': () => false,
  'is-participants-pane-open': (self) => self.participantsPaneOpen,
  'is-moderation-on': (_self, room, { mediaType }) => room.moderation[mediaType === 'video' ? 'video' : 'audio'],
  // av-moderation's isForceMuted: moderators never are; the sandbox approves nobody else (no ask-to-unmute state).
  'is-participant-force-muted': (_self, room, { participantId, mediaType }) => {
    const participant = typeof participantId === 'string' ? room.participants.get(participantId) : undefined;
    return !participant?.moderator && room.moderation[mediaType === 'video' ? 'video' : 'audio'];
  },
  'rooms-info': (_self, room) => roomsInfo(room),
  'list-breakout-rooms': (_self, room) => breakoutRooms(room),
  // Without a live stream there is no view URL (JSON drops `undefined`: `{}`).
  'get-livestream-url': (_self, room) => (room.streaming?.live ? { livestreamUrl: room.streaming.viewUrl } : {}),
  'get-shared-document-url': () => '',
  'get-p2p-status': (self) => self.p2p,
  'get-content-sharing-participants': () => ({ sharingParticipantIds: [] }),
  'get-custom-avatar-backgrounds': () => ({ avatarBackgrounds: [] }),
  'capture-largevideo-screenshot': () => ({ error: {} }),
  'capture-camera-picture': () => ({ error: 'This feature is only supported on mobile' }),
  'deployment-info': () => ({}),
  'session-id': (_self, room) => room.sessionId,
  // What lib-jitsi-meet answers before anything is measured (docs/jitsi/wire.md §9): connectionQuality starts at 100,
  // the conference has one bridge; jvbRTT (the bridge connection's RTT only, never a P2P one) and serverRegion stay
  // undefined, so JSON leaves them out. The sandbox has no media connection to measure, so it invents none.
  'connection-stats': () => ({ connectionQuality: 100, bridgeCount: 1 }),
  // No invite service behind the sandbox: API.js passes `{error, result}` as the result.
  invite: () => ({ error: {} }),
};

/** Before the page is in a conference: what the real page answers from its defaults. */
const NO_CONFERENCE: Readonly<Record<string, unknown>> = {
  'is-audio-muted': false,
  'is-video-muted': false,
  'is-audio-available': true,
  'is-video-available': true,
  'is-audio-disabled': false,
  'is-sharing-screen': false,
  'is-start-silent': false,
  'is-participants-pane-open': false,
  'get-livestream-url': {},
  'get-p2p-status': null,
  'session-id': '',
  'get-shared-document-url': '',
};

/**
 * Requests that older Jitsi pages do not know: `connection-stats` is in the handbook (2026) but in none of the
 * jitsi-meet sources docs/jitsi/wire.md was checked against, so deployments of those versions answer it as unknown.
 */
const NEWER_REQUESTS: ReadonlySet<string> = new Set(['connection-stats']);

/** The result for a request; `older`: answered as an older Jitsi page, which does not know {@link NEWER_REQUESTS}. */
export function answerRequest(
  self: Participant | undefined,
  room: Room | undefined,
  data: RequestData,
  older = false,
): unknown {
  if (older && NEWER_REQUESTS.has(data.name)) return { error: {} };
  if (!self || !room || self.phase !== 'joined') {
    return Object.hasOwn(NO_CONFERENCE, data.name) ? NO_CONFERENCE[data.name] : { error: {} };
  }
  const answer = Object.hasOwn(ANSWERS, data.name) ? ANSWERS[data.name] : undefined;
  return answer ? answer(self, room, data) : { error: {} };
}
