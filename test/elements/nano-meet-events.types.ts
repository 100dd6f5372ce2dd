// Type test, never run: `npx tsc -p test/tsconfig.json` compiles it. Each `@ts-expect-error` line must fail to
// compile, so a typing that lets everything through (an `any` detail, a missing map entry) fails the type check.
import type {
  JitsiDomEventName,
  KebabCase,
  MeetingErrorCode,
  NanoMeetEventMap,
  NanoMeetJitsiEventMap,
  ReemittedJitsiEventName,
} from '../../src/elements/nano-meet/nano-meet-events.js';
import type { domEventName } from '../../src/elements/nano-meet/nano-meet-events.js';
import type { JitsiEventPayloads } from '../../src/meeting/jitsi-event-payloads.js';
import type { JitsiEventName } from '../../src/meeting/jitsi-wire/wire-names.js';

declare const element: HTMLElement;
declare const event: <Name extends keyof HTMLElementEventMap>(name: Name) => HTMLElementEventMap[Name];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
function assertType<T extends true>(): T | void {}

// KebabCase and the DOM names.
assertType<Same<KebabCase<'videoConferenceJoined'>, 'video-conference-joined'>>();
assertType<Same<KebabCase<'p2pStatusChanged'>, 'p2p-status-changed'>>();
assertType<Same<KebabCase<string>, string>>();
assertType<Same<JitsiDomEventName<'participantMenuButtonClick'>, 'nano-meet-participant-menu-button-click'>>();
assertType<Same<JitsiDomEventName<'_willDispose'>, 'nano-meet-will-dispose'>>();
assertType<Same<ReturnType<typeof domEventName<'readyToClose'>>, 'nano-meet-ready-to-close'>>();
// @ts-expect-error: the kebab case of a camel-case name is not the name itself
assertType<Same<KebabCase<'participantJoined'>, 'participantJoined'>>();

// The payload interface covers exactly the table's public names.
assertType<Same<keyof JitsiEventPayloads, JitsiEventName>>();
// Every table name but the private ones and `ready` has a DOM event.
assertType<Same<ReemittedJitsiEventName, Exclude<JitsiEventName, `_${string}` | 'ready'>>>();
assertType<Same<keyof NanoMeetJitsiEventMap, JitsiDomEventName<ReemittedJitsiEventName>>>();

// Jitsi events: detail is the Jitsi payload, on elements, the document and the window.
const joined: HTMLElementEventMap['nano-meet-participant-joined'] = event('nano-meet-participant-joined');
joined.detail.id satisfies string;
joined.detail.formattedDisplayName satisfies string;
joined.detail.displayName satisfies string | undefined;
// @ts-expect-error: participantJoined has no participantId
joined.detail.participantId;
element.addEventListener('nano-meet-participant-joined', (e) => e.detail.id satisfies string);
document.addEventListener('nano-meet-video-conference-joined', (e) => e.detail.roomName satisfies string);
window.addEventListener('nano-meet-p2p-status-changed', (e) => e.detail.isP2p satisfies boolean | null);
element.addEventListener('nano-meet-participant-menu-button-click', (e) => e.detail.preventExecution satisfies boolean);
element.addEventListener('nano-meet-display-name-change', (e) => {
  e.detail.displayname satisfies string;
  // @ts-expect-error: displayNameChange spells it `displayname`
  e.detail.displayName;
});

const failed = event('nano-meet-error-occurred').detail.error;
failed.type satisfies 'CONFIG' | 'CONNECTION' | 'CONFERENCE';
failed.params satisfies unknown[] | undefined;
failed.recoverable satisfies boolean | undefined;
failed.message satisfies string | undefined;
failed.credentials satisfies Record<string, unknown> | undefined;
// @ts-expect-error: isFatal is a boolean
failed.isFatal satisfies string;

const kicked = event('nano-meet-participant-kicked-out').detail;
kicked.kicked.name satisfies string;
kicked.kicked.local satisfies boolean;
kicked.kicker.local satisfies boolean | undefined;

const recording = event('nano-meet-recording-status-changed').detail;
recording.mode satisfies 'local' | 'file' | 'stream';
recording.error satisfies string | undefined;
recording.transcription satisfies boolean;
// @ts-expect-error: not a recording mode
recording.mode satisfies 'pending';

// Payload-less events carry nothing.
event('nano-meet-ready-to-close').detail satisfies Record<string, never>;
// @ts-expect-error: readyToClose has no fields
event('nano-meet-ready-to-close').detail.reason.length;
event('nano-meet-large-video-changed').detail satisfies Record<string, never>;

// Not re-emitted: private events and Jitsi's `ready` (whose name is our own event's).
// @ts-expect-error: no DOM event for _willDispose
event('nano-meet-will-dispose');
// @ts-expect-error: no DOM event for _pipRequested
event('nano-meet-pip-requested');
// @ts-expect-error: there is no such Jitsi event
event('nano-meet-participant-joinedd');

// Our own events.
const ready = event('nano-meet-ready').detail;
ready.moderator satisfies boolean;
ready.participantId satisfies string;
ready.roomName satisfies string;

const error = event('nano-meet-error').detail;
error.code satisfies MeetingErrorCode;
error.message satisfies string;
// Read from NanoMeetEventMap: nano-meet-element.ts still declares its own, narrower `nano-meet-error` globally.
declare const fullError: NanoMeetEventMap['nano-meet-error'];
fullError.detail.jitsiName satisfies string | undefined;
document.addEventListener('nano-meet-error', (e) => e.detail.message satisfies string);
// @ts-expect-error: not an error code
error.code satisfies 'token-lost';
// Every code the element promises.
[
  'token-malformed',
  'token-expired',
  'token-not-yet-valid',
  'token-invalid-claims',
  'room-invalid',
  'script-load-failed',
  'not-moderator',
  'timeout',
  'not-joined',
  'token-refused',
  'room-refused',
  'lobby-denied',
  'connection-lost',
  'media-failed',
  'meeting-failed',
  'branding-invalid',
  'branding-unreachable',
  'server-not-allowed',
] as const satisfies readonly MeetingErrorCode[];

const expiring = event('nano-meet-token-expiring').detail;
expiring.expiresAt satisfies Date;
expiring.secondsLeft satisfies number;

const change = event('nano-meet-state-change').detail;
change.state satisfies 'idle' | 'loading' | 'joined' | 'left' | 'error';
change.previous satisfies 'idle' | 'loading' | 'joined' | 'left' | 'error';
// @ts-expect-error: not a state
change.state satisfies 'closed';

const left = event('nano-meet-left').detail;
left.reason satisfies 'hangup' | 'kicked' | 'ended' | 'expired' | 'removed';
// @ts-expect-error: nano-meet-left has no code
left.code;

// The combined map is what the global maps extend.
assertType<Same<NanoMeetEventMap['nano-meet-ready'], HTMLElementEventMap['nano-meet-ready']>>();
// @ts-expect-error: an unknown nano-meet event has no typed detail
element.addEventListener('nano-meet-nothing', (e: CustomEvent<{ id: string }>) => e.detail.id);
