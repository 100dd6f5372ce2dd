/**
 * The meeting's actions as a table, as media-chrome's request map has them: for each public method of
 * `<nano-meet>`, who may run it, which arguments it refuses, the Jitsi command it sends, and the event that
 * confirms it. One runner executes any entry, so every action checks, sends and waits in the same order; the
 * element's methods only name their entry.
 *
 * Each action settles when the meeting confirms it: with the confirming event, or, for a command Jitsi confirms
 * with nothing, with a round trip (commands are handled in order, so the answer to a request sent after one proves
 * that the command was handled).
 *
 * Languages: a refusal the page hears of (`not-moderator`, also a `nano-meet-error`) is a catalogue sentence in the
 * element's language. `invalid-argument` and `timeout` only reject the promise of the page's own call: they tell
 * the page's developer what to fix, in English.
 */
import { isHttpUrl } from '../../branding/branding-schema.js';
import { text, type MessageKey, type Text } from '../../i18n/catalogue.js';
import type { EventWaiter } from '../../meeting/event-waiter.js';
import type { JitsiCommandName, JitsiEventName } from '../../meeting/jitsi-wire/wire-names.js';
import { MeetingError } from '../../meeting/meeting-error.js';
import type { MeetingSession } from '../../meeting/meeting-session.js';
import type { MeetingParticipant } from './meeting-state.js';
import type { ParticipantRoster } from './participant-roster.js';
import { isHandRaised, roomsInfoOf, textOf } from './payload-fields.js';

type Payload = Record<string, unknown>;

/** What the actions need of the meeting element. */
export interface ActionMeeting {
  /** The session of the joined meeting; `not-joined` otherwise. */
  joined(): MeetingSession;
  readonly moderator: boolean;
  readonly roster: ParticipantRoster;
  /** Where the meeting's events confirm what was asked. */
  readonly waiter: EventWaiter;
  /** Tells the page (`nano-meet-error`) about a refusal that the action then throws, in the element's language. */
  report(error: MeetingError): void;
  /** Says a sentence in the element's language. */
  say(said: Text | string): string;
}

/** The arguments of each action, as the element's method takes them. */
export interface ActionArguments {
  sendChatMessage: [message: string, to?: string];
  raiseHand: [];
  lowerHand: [];
  setTileView: [enabled: boolean];
  setFollowMe: [enabled: boolean];
  setLobby: [enabled: boolean];
  answerKnock: [participantId: string, approved: boolean];
  setPassword: [password: string];
  kickParticipant: [participantId: string];
  grantModerator: [participantId: string];
  muteEveryone: [mediaType: 'audio' | 'video'];
  setSubject: [subject: string];
  setAudioMuted: [muted: boolean];
  setVideoMuted: [muted: boolean];
  setAvatar: [url: string];
  setVirtualBackground: [imageUrl: string | null];
  shareVideo: [url: string];
  stopShareVideo: [];
  hangUp: [];
}

export type ActionName = keyof ActionArguments;

/** The event that confirms an action, or `'round-trip'` for a command the meeting confirms with nothing. */
type Confirmation<Args extends unknown[]> =
  | 'round-trip'
  | {
      event: JitsiEventName;
      /** Whether this event is the confirmation (default: any event of that name is). */
      matches?(payload: Payload, meeting: ActionMeeting, ...args: Args): boolean;
      /** What did not happen, for the `timeout` message: "The meeting did not confirm <what>". */
      what: string;
    };

/** Who may run an action; a moderator's action names itself for the refusal ("<what> needs a moderator"). */
type Runner = { who: 'anyone' } | { who: 'moderator'; what: MessageKey };

export type MeetingAction<Args extends unknown[]> = Runner & {
  /** Throws `invalid-argument` for arguments the meeting would not take. */
  check?(meeting: ActionMeeting, ...args: Args): void;
  /** Whether the meeting already is as asked: then nothing is sent. */
  already?(meeting: ActionMeeting, ...args: Args): boolean;
  command: JitsiCommandName;
  /** The command's arguments (default: the action's own). */
  commandArgs?(...args: Args): unknown[] | Promise<unknown[]>;
  confirm: Confirmation<Args> | ((...args: Args) => Confirmation<Args>);
};

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;

const requireParticipant = (meeting: ActionMeeting, participantId: string) => {
  meeting.roster.participant(participantId);
};

export const MEETING_ACTIONS: { readonly [Name in ActionName]: MeetingAction<ActionArguments[Name]> } = {
  sendChatMessage: {
    who: 'anyone',
    check: (meeting, message, to) => {
      if (typeof message !== 'string' || message.trim() === '') {
        throw new MeetingError('invalid-argument', 'A chat message needs some text.');
      }
      if (to !== undefined) requireParticipant(meeting, to);
    },
    command: 'sendChatMessage',
    commandArgs: (message, to) => [message, to ?? ''],
    confirm: {
      event: 'outgoingMessage',
      matches: (payload, _, message) => payload['message'] === message,
      what: 'the chat message',
    },
  },
  raiseHand: handAction(true),
  lowerHand: handAction(false),
  setTileView: {
    who: 'anyone',
    already: (meeting, enabled) => meeting.roster.tileView === enabled,
    command: 'setTileView',
    confirm: {
      event: 'tileViewChanged',
      matches: (payload, _, enabled) => payload['enabled'] === enabled,
      what: 'the layout',
    },
  },
  setFollowMe: { who: 'moderator', what: 'action.follow-me', command: 'setFollowMe', confirm: 'round-trip' },
  setLobby: { who: 'moderator', what: 'action.lobby', command: 'toggleLobby', confirm: 'round-trip' },
  answerKnock: {
    who: 'moderator',
    what: 'action.answer-knock',
    command: 'answerKnockingParticipant',
    // A guest turned away leaves no trace in the meeting's events.
    confirm: (participantId, approved) =>
      approved
        ? { event: 'participantJoined', matches: (payload) => payload['id'] === participantId, what: 'the admission' }
        : 'round-trip',
  },
  setPassword: { who: 'moderator', what: 'action.password', command: 'password', confirm: 'round-trip' },
  kickParticipant: {
    who: 'moderator',
    what: 'action.kick',
    check: requireParticipant,
    command: 'kickParticipant',
    confirm: {
      event: 'participantKickedOut',
      matches: (payload, _, participantId) => (payload['kicked'] as Payload | undefined)?.['id'] === participantId,
      what: 'the removal',
    },
  },
  grantModerator: {
    who: 'moderator',
    what: 'action.grant-moderator',
    check: requireParticipant,
    command: 'grantModerator',
    confirm: {
      event: 'participantRoleChanged',
      matches: (payload, _, participantId) => payload['id'] === participantId && payload['role'] === 'moderator',
      what: 'the new role',
    },
  },
  muteEveryone: { who: 'moderator', what: 'action.mute-everyone', command: 'muteEveryone', confirm: 'round-trip' },
  setSubject: {
    who: 'moderator',
    what: 'action.subject',
    command: 'subject',
    confirm: {
      event: 'subjectChange',
      matches: (payload, _, subject) => payload['subject'] === subject,
      what: 'the subject',
    },
  },
  setAudioMuted: muteAction('audio'),
  setVideoMuted: muteAction('video'),
  setAvatar: {
    who: 'anyone',
    check: (_, url) => {
      if (!isHttpUrl(url)) throw new MeetingError('invalid-argument', 'An avatar must be an http(s) URL.');
    },
    command: 'avatarUrl',
    confirm: {
      event: 'avatarChanged',
      matches: (payload, meeting, url) => payload['id'] === meeting.roster.myId && payload['avatarURL'] === url,
      what: 'the avatar',
    },
  },
  setVirtualBackground: {
    who: 'anyone',
    command: 'setVirtualBackground',
    // Jitsi wants the image itself, not its address.
    commandArgs: async (imageUrl) => (imageUrl === null ? [false] : [true, await imageAsDataUrl(imageUrl)]),
    confirm: 'round-trip',
  },
  shareVideo: {
    who: 'anyone',
    check: (_, url) => {
      if (!isHttpUrl(url) && !YOUTUBE_ID.test(url)) {
        throw new MeetingError('invalid-argument', 'Share an http(s) stream URL, a YouTube URL or a YouTube video id.');
      }
    },
    command: 'startShareVideo',
    confirm: {
      event: 'audioOrVideoSharingToggled',
      matches: (payload, meeting) => payload['value'] === 'playing' && payload['participantId'] === meeting.roster.myId,
      what: 'the shared video',
    },
  },
  stopShareVideo: {
    who: 'anyone',
    command: 'stopShareVideo',
    confirm: {
      event: 'audioOrVideoSharingToggled',
      matches: (payload) => payload['value'] === 'stop',
      what: 'the end of the shared video',
    },
  },
  hangUp: { who: 'anyone', command: 'hangup', confirm: { event: 'videoConferenceLeft', what: 'leaving' } },
};

/** Jitsi only toggles the hand: raising a raised hand would lower it. */
function handAction(raised: boolean): MeetingAction<[]> {
  return {
    who: 'anyone',
    already: (meeting) => meeting.roster.handRaised === raised,
    command: 'toggleRaiseHand',
    confirm: {
      event: 'raiseHandUpdated',
      matches: (payload, meeting) =>
        payload['id'] === meeting.roster.myId && isHandRaised(payload['handRaised']) === raised,
      what: 'the hand',
    },
  };
}

/** Jitsi only toggles the microphone and the camera: the action sends the toggle only when it changes something. */
function muteAction(mediaType: 'audio' | 'video'): MeetingAction<[muted: boolean]> {
  const audio = mediaType === 'audio';
  return {
    who: 'anyone',
    already: (meeting, muted) => (audio ? meeting.roster.audioMuted : meeting.roster.videoMuted) === muted,
    command: audio ? 'toggleAudio' : 'toggleVideo',
    commandArgs: () => [],
    confirm: {
      event: audio ? 'audioMuteStatusChanged' : 'videoMuteStatusChanged',
      matches: (payload, _, muted) => payload['muted'] === muted,
      what: audio ? 'the microphone' : 'the camera',
    },
  };
}

/**
 * Runs the action `name`: checks who asks and with what, sends the command unless the meeting already is as asked,
 * and settles when the meeting confirms it. The wait starts before the command goes out, so that no confirmation
 * can slip past.
 */
export async function runAction<Name extends ActionName>(
  meeting: ActionMeeting,
  name: Name,
  ...args: ActionArguments[Name]
): Promise<void> {
  // One entry, seen through the arguments of its own name.
  const action = MEETING_ACTIONS[name] as MeetingAction<ActionArguments[Name]>;
  const session = action.who === 'moderator' ? moderatorSession(meeting, action.what) : meeting.joined();
  action.check?.(meeting, ...args);
  if (action.already?.(meeting, ...args)) return;
  const commandArgs = action.commandArgs ? await action.commandArgs(...args) : args;
  const confirm = typeof action.confirm === 'function' ? action.confirm(...args) : action.confirm;
  if (confirm === 'round-trip') {
    // Commands are handled in order: the answer to a request sent after one proves that it was handled.
    session.command(action.command, ...commandArgs);
    await meeting.joined().request('isAudioMuted');
    return;
  }
  const { event, matches, what } = confirm;
  const confirmed = meeting.waiter.next(event, (payload) => matches?.(payload, meeting, ...args) ?? true, what);
  session.command(action.command, ...commandArgs);
  await confirmed;
}

/**
 * The session, for a moderator of the joined meeting. A guest's attempt is reported (`nano-meet-error`) and thrown
 * as `not-moderator`: `what` names the action, as in "Broadcasting needs a moderator".
 */
export function moderatorSession(meeting: ActionMeeting, what: MessageKey): MeetingSession {
  const session = meeting.joined();
  if (!meeting.moderator) {
    const error = new MeetingError('not-moderator', text('action.not-moderator', { action: text(what) }));
    meeting.report(error);
    throw error;
  }
  return session;
}

/** Answers the meeting's question for a password: settles once inside, or fails when it asks again. */
export async function submitPassword(session: MeetingSession, waiter: EventWaiter, password: string): Promise<void> {
  const joined = waiter.next('videoConferenceJoined', () => true, 'the password');
  const refused = waiter.next('passwordRequired', () => true, 'the password');
  session.command('password', password);
  await Promise.race([
    joined,
    refused.then(() => {
      throw new MeetingError('invalid-argument', 'That password is not right.');
    }),
  ]);
}

/** Everyone in the main room, as the meeting itself reports them now. */
export async function participantsOf(session: MeetingSession, myId: string | undefined): Promise<MeetingParticipant[]> {
  // The meeting page's answer, read as Jitsi shapes it: another page's JSON may hold anything.
  const rooms = roomsInfoOf(await session.request('getRoomsInfo'))?.rooms ?? [];
  const main = rooms.find((room) => room.isMainRoom !== false) ?? rooms[0];
  return (main?.participants ?? []).map((participant) => ({
    id: participant.id,
    displayName: textOf(participant.displayName),
    moderator: participant.role === 'moderator',
    local: participant.id === myId,
  }));
}

async function imageAsDataUrl(url: string): Promise<string> {
  if (/^data:image\/(png|jpeg|webp|gif|avif);base64,/.test(url)) return url;
  if (!isHttpUrl(url)) {
    throw new MeetingError(
      'invalid-argument',
      'A virtual background must be an http(s) image URL or an image data URL.',
    );
  }
  let blob: Blob;
  try {
    const response = await fetch(url, { credentials: 'omit' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    blob = await response.blob();
  } catch (cause) {
    throw new MeetingError('invalid-argument', `The virtual background ${url} could not be loaded.`, { cause });
  }
  if (!blob.type.startsWith('image/')) throw new MeetingError('invalid-argument', `${url} is not an image.`);
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () =>
      reject(new MeetingError('invalid-argument', `The virtual background ${url} could not be read.`));
    reader.readAsDataURL(blob);
  });
}
