/**
 * The meeting page's command table, keyed by Jitsi's wire name (`internalName`), with the real argument
 * positions. Role checks follow jitsi-iframe-api.json and docs/jitsi/failures.md §S7: some commands are refused
 * with a log line only, some silently, and `password` (locking) with a notification.
 */
import { conferenceError, leftConference, notification, wire } from '../protocol/jitsi-events.js';
import { answerKnock, enterConference, kick, leave, submitPassword } from './membership.js';
import type { CommandResponse, WireEvent } from '../protocol/page-protocol.js';
import { addChatLine, nameOf, type Participant } from './participant.js';
import { startRecording, stopRecording, type StreamPublisher } from './recording.js';
import type { Room } from './room.js';
import { setTileView } from './tile-view.js';
import { sharedVideoOf } from './shared-video.js';

export interface CommandContext {
  room: Room;
  self: Participant;
  /** Makes streams live; absent, streaming is refused as a deployment without Jibri refuses it. */
  publisher?: StreamPublisher | undefined;
}

type CommandHandler = (context: CommandContext, args: unknown[]) => CommandResponse | void;

const MAX_TEXT = 10_000;

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value.slice(0, MAX_TEXT) : undefined;
}

function mediaTypeOf(value: unknown): 'audio' | 'video' {
  return value === 'video' ? 'video' : 'audio';
}

/** API.js checks the role itself for these and only logs, in these words (visible through the `log` event). */
function moderatorLogged(what: string, handler: CommandHandler): CommandHandler {
  return (context, args) =>
    context.self.moderator
      ? handler(context, args)
      : { log: { level: 'error', args: [`Missing moderator rights to ${what}`] } };
}

/** Refused further down (the server or the lib) or by a silent check: nothing reaches the host. */
function moderatorSilent(handler: CommandHandler): CommandHandler {
  return (context, args) => (context.self.moderator ? handler(context, args) : undefined);
}

function member(room: Room, id: unknown): Participant | undefined {
  const found = typeof id === 'string' ? room.participants.get(id) : undefined;
  return found?.phase === 'joined' ? found : undefined;
}

function displayNameChange(participant: Participant): (to: Participant) => WireEvent[] {
  return (to) => [
    wire('display-name-change', {
      id: participant.id,
      displayname: participant.displayName,
      formattedDisplayName: to === participant ? `${nameOf(participant)} (me)` : nameOf(participant),
    }),
  ];
}

function muteBy(room: Room, target: Participant, mediaType: 'audio' | 'video'): void {
  const key = mediaType === 'audio' ? 'audioMuted' : 'videoMuted';
  if (target[key]) return;
  target[key] = true;
  room.send(target, wire(`${mediaType}-mute-status-changed`, { muted: true }));
  room.sendOthers(target, () => [wire('participant-muted', { id: target.id, isMuted: true, mediaType })]);
}

function toggleOwnMute({ room, self }: CommandContext, mediaType: 'audio' | 'video'): void {
  const key = mediaType === 'audio' ? 'audioMuted' : 'videoMuted';
  self[key] = !self[key];
  room.send(self, wire(`${mediaType}-mute-status-changed`, { muted: self[key] }));
}

function sendChat({ room, self }: CommandContext, [message, to]: unknown[]): void {
  const body = text(message);
  if (body === undefined) return;
  const recipient = to === undefined || to === null || to === '' ? undefined : member(room, to);
  // An unknown private recipient: Jitsi logs and drops the message.
  if (to && !recipient) return;
  const privateMessage = recipient !== undefined;
  const stamp = new Date().toISOString();
  addChatLine(self, { from: self.id, nick: nameOf(self), message: body, privateMessage, stamp });
  room.send(self, wire('outgoing-message', { message: body, privateMessage }));
  for (const other of recipient ? [recipient] : room.members().filter((m) => m !== self)) {
    addChatLine(other, { from: self.id, nick: nameOf(self), message: body, privateMessage, stamp });
    if (!other.chatOpen) other.unreadCount += 1;
    room.send(
      other,
      wire('incoming-message', { from: self.id, nick: nameOf(self), privateMessage, message: body, stamp }),
    );
  }
}

function putOnStage({ room, self }: CommandContext, id: unknown): boolean {
  if (id === undefined || id === null) {
    self.stageId = undefined;
  } else {
    if (!member(room, id)) return false; // Jitsi: logger.warn, ignored
    self.stageId = id as string;
  }
  room.send(self, wire('on-stage-participant-changed', { id: self.stageId ?? null }));
  return true;
}

const LOCK_FAILED = notification('dialog.lockTitle', 'dialog.lockMessage');

/**
 * Commands the real page accepts that change only its own UI or media settings, which the sandbox does not
 * draw: accepted (so nothing is reported), with no event, as on a real page.
 */
const LOCAL_UI_ONLY = [
  'send-tones',
  'set-noise-suppression-enabled',
  'toggle-noise-suppression',
  'toggle-subtitles',
  'set-subtitles',
  'send-camera-facing-mode-message',
  'cancel-private-chat',
  'overwrite-config',
  'toggle-camera',
  'toggle-camera-mirror',
  'toggle-virtual-background',
  'set-participant-volume',
  'join-breakout-room',
  'resize-film-strip',
  'resize-large-video',
  'overwrite-names',
  'show-notification',
  'hide-notification',
  'set-assumed-bandwidth-bps',
  'set-meeting-timer',
  'grant-recording-consent',
  'set-media-encryption-key',
  'set-second-screen',
  'toggle-e2ee',
  'show-pip',
  'hide-pip',
] as const;

export const COMMANDS: Readonly<Record<string, CommandHandler>> = {
  'display-name': ({ room, self }, [name]) => {
    const value = text(name)?.trim().slice(0, 256);
    if (value === undefined) return;
    self.displayName = value;
    room.sendOthers(undefined, displayNameChange(self));
  },
  email: ({ room, self }, [email]) => {
    const value = text(email)?.trim().slice(0, 256);
    if (value === undefined) return;
    self.email = value;
    room.sendMembers(wire('email-change', { id: self.id, email: value }));
  },
  'avatar-url': ({ room, self }, [url]) => {
    const value = text(url);
    if (value === undefined) return;
    self.avatarURL = value;
    room.sendMembers(wire('avatar-changed', { id: self.id, avatarURL: value }));
  },
  password: ({ room, self }, [password]) => {
    const value = text(password) ?? '';
    if (self.phase === 'password') return submitPassword(room, self, value);
    // API.js locks `conference`, which a guest waiting in the lobby does not have yet: it throws, nothing happens.
    if (self.phase !== 'joined') return;
    if (!self.moderator) return void room.send(self, LOCK_FAILED);
    const locked = value !== '';
    room.password = locked ? value : undefined;
    room.sendOthers(self, () => [
      notification(locked ? 'notify.passwordSetRemotely' : 'notify.passwordRemovedRemotely'),
    ]);
  },
  'toggle-lobby': moderatorSilent(({ room, self }, [enabled]) => {
    const on = enabled === true;
    if (room.lobbyEnabled === on) return;
    room.lobbyEnabled = on;
    room.sendOthers(self, () => [
      notification(
        'lobby.notificationTitle',
        on ? 'lobby.notificationLobbyEnabled' : 'lobby.notificationLobbyDisabled',
      ),
    ]);
    // Without a lobby the waiting guests are simply let in.
    if (!on) for (const guest of room.knocking()) enterConference(room, guest);
  }),
  'start-share-video': ({ room, self }, [url]) => {
    const video = sharedVideoOf(url, self.id);
    if (!video || room.sharedVideo) return;
    room.sharedVideo = video;
    room.sendMembers(
      wire('audio-or-video-sharing-toggled', { mediaType: 'video', value: 'playing', participantId: self.id }),
    );
  },
  'stop-share-video': ({ room, self }) => {
    if (room.sharedVideo?.by !== self.id) return;
    room.sharedVideo = undefined;
    room.sendMembers(
      wire('audio-or-video-sharing-toggled', { mediaType: 'video', value: 'stop', participantId: self.id }),
    );
  },
  subject: ({ room, self }, [subject]) => {
    const value = text(subject);
    if (value === undefined) return;
    room.setSubject(self, value);
  },
  'local-subject': ({ room, self }, [subject]) => {
    const value = text(subject);
    if (value === undefined) return;
    self.localSubject = value;
    room.send(self, wire('subject-change', { subject: value }));
  },
  'toggle-audio': (context) => toggleOwnMute(context, 'audio'),
  'toggle-video': (context) => toggleOwnMute(context, 'video'),
  'toggle-film-strip': ({ room, self }) => {
    self.filmstripVisible = !self.filmstripVisible;
    room.send(self, wire('filmstrip-display-changed', { visible: self.filmstripVisible }));
  },
  'toggle-chat': ({ room, self }) => {
    self.chatOpen = !self.chatOpen;
    if (self.chatOpen) self.unreadCount = 0;
    room.send(self, wire('chat-updated', { isOpen: self.chatOpen, unreadCount: self.unreadCount }));
  },
  'toggle-participants-pane': ({ room, self }, [enabled]) => {
    self.participantsPaneOpen = enabled === true;
    room.send(self, wire('participants-pane-toggled', { open: self.participantsPaneOpen }));
  },
  'toggle-raise-hand': ({ room, self }) => {
    self.handRaised = self.handRaised ? 0 : Date.now();
    room.sendMembers(wire('raise-hand-updated', { id: self.id, handRaised: self.handRaised }));
  },
  'toggle-tile-view': ({ room, self }) => setTileView(room, self, !self.tileView),
  'set-tile-view': ({ room, self }, [enabled]) => setTileView(room, self, enabled === true),
  'set-follow-me': moderatorSilent(({ room, self }, [value]) => {
    room.followMe = value === true;
    if (room.followMe) setTileView(room, self, self.tileView);
  }),
  'video-hangup': ({ room, self }) => leave(room, self, 'hangup'),
  'end-conference': moderatorSilent(({ room, self }) => {
    for (const other of room.members()) {
      if (other === self) continue;
      room.send(
        other,
        conferenceError('conference.destroyed', ['The meeting has been terminated']),
        ...leftConference(room.name),
      );
    }
    for (const participant of [...room.participants.values()]) {
      if (participant !== self) {
        room.participants.delete(participant.id);
        participant.stream?.end();
      }
    }
    leave(room, self, 'hangup');
  }),
  'mute-everyone': moderatorSilent(({ room, self }, [mediaType]) => {
    for (const other of room.members()) if (other !== self) muteBy(room, other, mediaTypeOf(mediaType));
  }),
  'mute-remote-participant': moderatorLogged('mute remote participant', ({ room }, [id, mediaType]) => {
    const target = member(room, id);
    if (target) muteBy(room, target, mediaTypeOf(mediaType));
  }),
  'kick-participant': moderatorSilent(({ room, self }, [id]) => {
    const target = member(room, id);
    if (target && target !== self) kick(room, self, target);
  }),
  'grant-moderator': moderatorLogged('grant moderator right to another participant', ({ room }, [id]) => {
    const target = member(room, id);
    if (!target || target.moderator) return;
    target.moderator = true;
    room.sendMembers(wire('participant-role-changed', { id: target.id, role: 'moderator' }));
    if (target.pendingSubject !== undefined) room.setSubject(target, target.pendingSubject);
  }),
  'answer-knocking-participant': moderatorSilent(({ room }, [id, approved]) => {
    if (typeof id === 'string') answerKnock(room, id, approved === true);
  }),
  'send-chat-message': sendChat,
  'send-endpoint-text-message': ({ room, self }, [to, message]) => {
    const target = member(room, to);
    const body = text(message);
    if (!target || body === undefined) return;
    room.send(
      target,
      wire('endpoint-text-message-received', {
        data: {
          senderInfo: { jid: `${room.name}@conference.sandbox/${self.id}`, id: self.id },
          eventData: { name: 'endpoint-text-message', text: body },
        },
      }),
    );
  },
  'start-recording': ({ room, self, publisher }, [options]) => startRecording(room, self, options, publisher),
  'stop-recording': ({ room, self, publisher }, [mode]) => stopRecording(room, self, mode, publisher),
  'set-virtual-background': ({ self }, [enabled]) => {
    self.virtualBackground = enabled === true;
  },
  'set-blurred-background': ({ self }, [blurType]) => {
    self.virtualBackground = typeof blurType === 'string' && blurType !== '' && blurType !== 'none';
  },
  'pin-participant': (context, [id]) => void putOnStage(context, id),
  'set-large-video-participant': (context, [id]) => {
    if (putOnStage(context, id)) setTileView(context.room, context.self, false);
  },
  'set-video-quality': ({ room, self }, [height]) => {
    if (typeof height === 'number' && Number.isFinite(height))
      room.send(self, wire('video-quality-changed', { videoQuality: height }));
  },
  'set-audio-only': ({ room, self }, [enable]) =>
    room.send(self, wire('audio-only-changed', { enabled: enable === true })),
  'toggle-moderation': moderatorSilent(({ room }, [enable, mediaType]) => {
    const type = mediaTypeOf(mediaType);
    room.moderation[type] = enable === true;
    room.sendMembers(wire('moderation-status-changed', { mediaType: type, enabled: enable === true }));
  }),
  'ask-to-unmute': moderatorSilent(() => undefined),
  'approve-video': moderatorSilent(() => undefined),
  'reject-participant': moderatorSilent(() => undefined),
  'add-breakout-room': moderatorLogged('add breakout rooms', () => undefined),
  'auto-assign-to-breakout-rooms': moderatorLogged('auto-assign participants to breakout rooms', () => undefined),
  'close-breakout-room': moderatorLogged('close breakout rooms', () => undefined),
  'remove-breakout-room': moderatorLogged('remove breakout rooms', () => undefined),
  'send-participant-to-room': moderatorLogged('send participants to rooms', () => undefined),
  'submit-feedback': ({ room, self }) => room.send(self, wire('feedback-submitted')),
  'toggle-share-screen': ({ room, self }) => {
    self.screenSharing = !self.screenSharing;
    room.send(
      self,
      wire('screen-sharing-status-changed', {
        on: self.screenSharing,
        details: self.screenSharing ? { sourceType: 'screen' } : {},
      }),
    );
    const sharing = room
      .members()
      .filter((member) => member.screenSharing)
      .map((member) => member.id);
    room.sendMembers(wire('content-sharing-participants-changed', { data: sharing }));
  },
  'toggle-whiteboard': ({ room, self }) => {
    self.whiteboardOpen = !self.whiteboardOpen;
    room.send(self, wire('whiteboard-status-changed', { status: self.whiteboardOpen ? 'SHOWN' : 'HIDDEN' }));
  },
  'initiate-private-chat': ({ room, self }, [id]) => {
    if (!member(room, id)) return { log: { level: 'error', args: [`Participant ${String(id)} not found`] } };
    if (!self.chatOpen) {
      self.chatOpen = true;
      self.unreadCount = 0;
      room.send(self, wire('chat-updated', { isOpen: true, unreadCount: 0 }));
    }
  },
  ...Object.fromEntries(LOCAL_UI_ONLY.map((name) => [name, () => undefined])),
};

/** Runs one command from a member's page; unknown names are ignored, as the real page does. */
export function runCommand(context: CommandContext, name: string, args: unknown[]): CommandResponse {
  const handler = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  // Before the conference, only the password answer means anything.
  if (!handler || (context.self.phase !== 'joined' && name !== 'password')) return {};
  return handler(context, args) ?? {};
}
