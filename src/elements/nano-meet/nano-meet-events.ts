/**
 * The DOM events of `<nano-meet>`: every Jitsi event re-emitted as `nano-meet-<kebab-case public name>` with the
 * Jitsi payload as `detail`, and the element's own events, with the lists of their names that the React wrapper
 * reads. Apart from two one-line functions the element uses, this is types and lists the CDN bundle leaves out.
 *
 * Naming: `videoConferenceJoined` → `nano-meet-video-conference-joined`. Each ASCII capital becomes `-` plus its
 * lower case (`kebabCase`, the rule of most Jitsi wire names); digits stay where they are (`p2pStatusChanged` →
 * `nano-meet-p2p-status-changed`); the public name is used, not the wire name (`participantMenuButtonClick` →
 * `nano-meet-participant-menu-button-click`, `readyToClose` → `nano-meet-ready-to-close`).
 *
 * Not re-emitted: Jitsi's private events, whose names start with `_` (`_willDispose`, `_pipRequested`,
 * `_documentPiPSignal`), are plumbing between external_api.js and the page that the element handles itself and
 * that Jitsi does not document; and Jitsi's `ready` (its API came up in the frame), whose DOM name is our own
 * `nano-meet-ready` (the conference is joined).
 */
import type { BroadcastPlayout } from '../../broadcast/broadcast-addresses.js';
import type { JitsiEventPayloads } from '../../meeting/jitsi-event-payloads.js';
import { kebabCase, type KebabCase } from '../../meeting/jitsi-wire/kebab-case.js';
import { EVENT_NAMES, SYNTHETIC_EVENT_NAMES } from '../../meeting/jitsi-wire/wire-names.js';
import { keysOf } from '../../shared/keys-of.js';
import type { MeetingErrorCode } from '../../meeting/meeting-error.js';
import type { MeetingStats } from '../../meeting/meeting-stats.js';

export type {
  JitsiConnectionStats,
  MeetingRecordingStats,
  MeetingRoleCounts,
  MeetingStats,
} from '../../meeting/meeting-stats.js';

// The same kebab case as most of Jitsi's wire names; part of the element's public types.
export type { KebabCase };

/** The DOM event name of a Jitsi public event name (one leading `_` dropped). */
export type JitsiDomEventName<PublicName extends string> =
  `nano-meet-${KebabCase<PublicName extends `_${infer Rest}` ? Rest : PublicName>}`;

/** Jitsi event names `<nano-meet>` does not re-emit: private ones, and `ready` (see the module comment). */
type UnemittedName = `_${string}` | 'ready';

/** A Jitsi public event that `<nano-meet>` re-emits as a DOM event. */
export type ReemittedJitsiEventName = Exclude<keyof JitsiEventPayloads, UnemittedName>;

/**
 * The DOM event name for a Jitsi public event name: `participantJoined` → `nano-meet-participant-joined`.
 * Total, so that any name gives a valid event name; whether `<nano-meet>` emits it is `isReemittedJitsiEvent`.
 */
export function domEventName<PublicName extends string>(publicName: PublicName): JitsiDomEventName<PublicName> {
  return `nano-meet-${kebabCase(publicName.replace(/^_/, ''))}` as JitsiDomEventName<PublicName>;
}

/** Whether `<nano-meet>` re-emits the Jitsi event `publicName`: all but private (`_…`) ones and `ready`. */
export function isReemittedJitsiEvent<PublicName extends string>(
  publicName: PublicName,
): publicName is Exclude<PublicName, UnemittedName> {
  return !publicName.startsWith('_') && publicName !== 'ready';
}

/** Every re-emitted Jitsi event by DOM name, with its Jitsi payload as `detail`. */
export type NanoMeetJitsiEventMap = {
  [Name in ReemittedJitsiEventName as JitsiDomEventName<Name>]: CustomEvent<JitsiEventPayloads[Name]>;
};

/** Where a meeting element is in its life. */
export type MeetingState = 'idle' | 'loading' | 'joined' | 'left' | 'error';

/** Stable codes of `nano-meet-error` (token codes, and those documented in meeting/meeting-error.ts). */
export type { MeetingErrorCode };

/** `nano-meet-ready`: the local user joined the conference. */
export interface MeetingReadyDetail {
  /** Whether the local user is a moderator. */
  moderator: boolean;
  /** The local participant's Jitsi id. */
  participantId: string;
  /** The room that was joined. */
  roomName: string;
}

/** `nano-meet-error`: the meeting or an action in it failed. */
export interface MeetingErrorDetail {
  /** Why, as a stable code. */
  code: MeetingErrorCode;
  /** What happened and what to do, for people. */
  message: string;
  /** The Jitsi error name behind it (`errorOccurred`'s `error.name`), when there is one. */
  jitsiName?: string;
}

/** `nano-meet-token-expiring`: the token ends soon; give the element a fresh one to stay in. */
export interface TokenExpiringDetail {
  /** When the token's `exp` is reached. */
  expiresAt: Date;
  /** Whole seconds until then. */
  secondsLeft: number;
}

/** `nano-meet-state-change`: the element moved from one state to another. */
export interface MeetingStateChangeDetail {
  state: MeetingState;
  previous: MeetingState;
}

/** Why the local user is no longer in the meeting. */
export type MeetingLeftReason =
  /** The user (or the page, through `hangup()`) hung up. */
  | 'hangup'
  /** A moderator removed the user from the meeting. */
  | 'kicked'
  /** A moderator ended the meeting for everyone. */
  | 'ended'
  /** The token expired. */
  | 'expired'
  /** The element was removed from the document, or its token was taken away. */
  | 'removed';

/** `nano-meet-left`: the local user left the meeting. */
export interface MeetingLeftDetail {
  reason: MeetingLeftReason;
}

/** Where the meeting's live broadcast is, as Jitsi's recording status reports it. */
export type BroadcastState = 'idle' | 'starting' | 'live' | 'stopping' | 'error';

/** `nano-meet-broadcast-started`: the stream is live; viewers can open these addresses. */
export interface BroadcastStartedDetail {
  playout: BroadcastPlayout;
}

/** `nano-meet-broadcast-error`: the broadcast could not start, or failed. */
export interface BroadcastErrorDetail {
  code: 'not-moderator' | 'broadcast-refused' | 'broadcast-failed' | 'timeout' | 'not-joined';
  message: string;
  /** Jitsi's reason (`recordingStatusChanged.error`, e.g. `forbidden`), when it gave one. */
  reason?: string;
}

/** `nano-meet-broadcast-state-change`: the broadcast moved from one state to another. */
export interface BroadcastStateChangeDetail {
  state: BroadcastState;
  previous: BroadcastState;
}

/** The element's own events. */
export interface NanoMeetOwnEventMap {
  /** The broadcast is live. */
  'nano-meet-broadcast-started': CustomEvent<BroadcastStartedDetail>;
  /** The broadcast ended. */
  'nano-meet-broadcast-stopped': CustomEvent<Record<string, never>>;
  /** The broadcast could not start, or failed. */
  'nano-meet-broadcast-error': CustomEvent<BroadcastErrorDetail>;
  /** `broadcastState` changed. */
  'nano-meet-broadcast-state-change': CustomEvent<BroadcastStateChangeDetail>;
  /** The conference is joined. */
  'nano-meet-ready': CustomEvent<MeetingReadyDetail>;
  /** The meeting, or an action in it, failed. */
  'nano-meet-error': CustomEvent<MeetingErrorDetail>;
  /** The token ends soon. */
  'nano-meet-token-expiring': CustomEvent<TokenExpiringDetail>;
  /** The element's `state` changed. */
  'nano-meet-state-change': CustomEvent<MeetingStateChangeDetail>;
  /** The local user left the meeting. */
  'nano-meet-left': CustomEvent<MeetingLeftDetail>;
  /** The meeting's statistics, every `stats-interval` seconds while joined. */
  'nano-meet-stats': CustomEvent<MeetingStats>;
}

/** Every event `<nano-meet>` dispatches, by name. They bubble and are composed. */
export type NanoMeetEventMap = NanoMeetJitsiEventMap & NanoMeetOwnEventMap;

/** The names of the element's own events (the type check keeps the list whole). */
export const NANO_MEET_OWN_EVENT_NAMES = /*#__PURE__*/ keysOf<NanoMeetOwnEventMap>({
  'nano-meet-ready': true,
  'nano-meet-error': true,
  'nano-meet-token-expiring': true,
  'nano-meet-state-change': true,
  'nano-meet-left': true,
  'nano-meet-broadcast-started': true,
  'nano-meet-broadcast-stopped': true,
  'nano-meet-broadcast-error': true,
  'nano-meet-broadcast-state-change': true,
  'nano-meet-stats': true,
});

/** The DOM names of every Jitsi event `<nano-meet>` re-emits, from the name lists the IFrame client uses. */
export function jitsiDomEventNames(): (keyof NanoMeetJitsiEventMap)[] {
  return [...EVENT_NAMES, ...SYNTHETIC_EVENT_NAMES].filter(isReemittedJitsiEvent).map(domEventName);
}

/** Compiles only for `never`: an error here names a DOM event that both maps claim. */
type MustBeEmpty<T extends never> = T;
type SharedEventNames = MustBeEmpty<Extract<keyof NanoMeetJitsiEventMap, keyof NanoMeetOwnEventMap>>;

// The events bubble and are composed, so listeners on the document and the window see them too.
declare global {
  interface HTMLElementEventMap extends NanoMeetEventMap {}
  interface DocumentEventMap extends NanoMeetEventMap {}
  interface WindowEventMap extends NanoMeetEventMap {}
}
