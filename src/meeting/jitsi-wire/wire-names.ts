/**
 * The names between Jitsi's public IFrame API and its postMessage wire (docs/jitsi/wire.md §7–§9,
 * test/fixtures/jitsi-iframe-api.json `internalName`).
 *
 * Most wire names are the public name in kebab case (`toggleAudio` → `toggle-audio`, `p2pStatusChanged` →
 * `p2p-status-changed`), so only the public names are listed, with the few wire names that break the rule
 * (`hangup` → `video-hangup`). Both directions come from these lists: a command or request goes public → wire,
 * an event is looked up wire → public among the listed events, so a wire name that merely looks right
 * (`participant-menu-button-click`) is not taken for one. test/meeting/wire-names.node.test.ts checks every
 * name against both sources.
 *
 * Jitsi ships two current name maps that differ in three entries (docs/jitsi/wire.md §7/§8 "Variant"): one has
 * `setLowBandwidthMode`/`low-bandwidth-mode-changed`, `setParticipantProperties` and `_document-pip-signal`, the
 * other `setAudioOnly`/`audio-only-changed`. We keep the union, because a host cannot know which build a meeting
 * server runs and a command the page does not know is ignored there.
 */
import { kebabCase, type KebabCase } from './kebab-case.js';

/** The wire name of `Name`: its entry in `Exceptions`, else its kebab case. */
type WireName<Name extends string, Exceptions> = Name extends keyof Exceptions ? Exceptions[Name] : KebabCase<Name>;

/** `exceptions[name]` when that is an own entry, else `name` in kebab case. */
function derivedWireName<Name extends string, Exceptions extends Readonly<Record<string, string>>>(
  name: Name,
  exceptions: Exceptions,
): WireName<Name, Exceptions> {
  return (Object.hasOwn(exceptions, name) ? exceptions[name] : kebabCase(name)) as WireName<Name, Exceptions>;
}

/**
 * A lookup wire name → the one of `names` with that wire name, undefined for any other (prototype keys such as
 * `toString` included). It builds its map on first use.
 */
function publicNameIn<Name extends string>(names: readonly Name[], wireNameOf: (name: Name) => string) {
  let byWireName: ReadonlyMap<string, Name> | undefined;
  return (wireName: string): Name | undefined => {
    byWireName ??= new Map(names.map((name) => [wireNameOf(name), name]));
    return byWireName.get(wireName);
  };
}

/** Every name `executeCommand` accepts. */
export const COMMAND_NAMES = [
  'addBreakoutRoom',
  'answerKnockingParticipant',
  'approveVideo',
  'askToUnmute',
  'autoAssignToBreakoutRooms',
  'avatarUrl',
  'cancelPrivateChat',
  'closeBreakoutRoom',
  'displayName',
  'endConference',
  'email',
  'grantModerator',
  'grantRecordingConsent',
  'hangup',
  'hideNotification',
  'initiatePrivateChat',
  'joinBreakoutRoom',
  'localSubject',
  'kickParticipant',
  'muteEveryone',
  'muteRemoteParticipant',
  'overwriteConfig',
  'overwriteNames',
  'password',
  'pinParticipant',
  'rejectParticipant',
  'removeBreakoutRoom',
  'resizeFilmStrip',
  'resizeLargeVideo',
  'sendCameraFacingMode',
  'sendChatMessage',
  'sendEndpointTextMessage',
  'sendParticipantToRoom',
  'sendTones',
  'setAudioOnly',
  'setLowBandwidthMode',
  'setAssumedBandwidthBps',
  'setBlurredBackground',
  'setFollowMe',
  'setLargeVideoParticipant',
  'setMediaEncryptionKey',
  'setMeetingTimer',
  'setNoiseSuppressionEnabled',
  'setParticipantProperties',
  'setParticipantVolume',
  'setSecondScreen',
  'setSubtitles',
  'setTileView',
  'setVideoQuality',
  'setVirtualBackground',
  'showNotification',
  'startRecording',
  'startShareVideo',
  'stopRecording',
  'stopShareVideo',
  'subject',
  'submitFeedback',
  'toggleAudio',
  'toggleCamera',
  'toggleCameraMirror',
  'toggleChat',
  'toggleE2EE',
  'toggleFilmStrip',
  'toggleLobby',
  'toggleModeration',
  'toggleNoiseSuppression',
  'toggleParticipantsPane',
  'toggleRaiseHand',
  'toggleShareScreen',
  'toggleSubtitles',
  'toggleTileView',
  'toggleVirtualBackgroundDialog',
  'toggleVideo',
  'toggleWhiteboard',
  'showPiP',
  'hidePiP',
] as const;

/** A name `executeCommand` accepts. */
export type JitsiCommandName = (typeof COMMAND_NAMES)[number];

/** Commands whose wire name (`data.name` of the command message) is not their kebab case. */
const COMMAND_WIRE_EXCEPTIONS = {
  hangup: 'video-hangup',
  sendCameraFacingMode: 'send-camera-facing-mode-message',
  toggleE2EE: 'toggle-e2ee',
  toggleVirtualBackgroundDialog: 'toggle-virtual-background',
  showPiP: 'show-pip',
  hidePiP: 'hide-pip',
} as const satisfies Partial<Record<JitsiCommandName, string>>;

/** The wire name of a command. */
export type JitsiCommandWireName = WireName<JitsiCommandName, typeof COMMAND_WIRE_EXCEPTIONS>;

/** The wire name of a command: `hangup` → `video-hangup`, `toggleAudio` → `toggle-audio`. */
export function commandWireName<Name extends JitsiCommandName>(
  name: Name,
): WireName<Name, typeof COMMAND_WIRE_EXCEPTIONS> {
  return derivedWireName(name, COMMAND_WIRE_EXCEPTIONS);
}

/**
 * Whether Jitsi has a command named `name`. Jitsi uses `name in commands`, which also lets `toString` through;
 * we do not.
 */
export function isCommandName(name: unknown): name is JitsiCommandName {
  return (COMMAND_NAMES as readonly unknown[]).includes(name);
}

/** The public names of the events that come over the wire: the API re-emits each under this name. */
export const EVENT_NAMES = [
  '_documentPiPSignal',
  '_pipRequested',
  'pipEntered',
  'pipLeft',
  'secondScreenSourceChanged',
  'secondScreenClosed',
  'secondScreenError',
  'avatarChanged',
  'audioAvailabilityChanged',
  'audioMuteStatusChanged',
  'audioOnlyChanged',
  'lowBandwidthModeChanged',
  'audioOrVideoSharingToggled',
  'breakoutRoomsUpdated',
  'browserSupport',
  'cameraError',
  'chatUpdated',
  'computePressureChanged',
  'conferenceCreatedTimestamp',
  'contentSharingParticipantsChanged',
  'customNotificationActionTriggered',
  'dataChannelClosed',
  'dataChannelOpened',
  'deviceListChanged',
  'displayNameChange',
  'dominantSpeakerChanged',
  'emailChange',
  'errorOccurred',
  'endpointTextMessageReceived',
  'externalShareSignal',
  'faceLandmarkDetected',
  'feedbackSubmitted',
  'feedbackPromptDisplayed',
  'fileDeleted',
  'fileUploaded',
  'filmstripDisplayChanged',
  'incomingMessage',
  'knockingParticipant',
  'log',
  'micError',
  'moderationParticipantApproved',
  'moderationParticipantRejected',
  'moderationStatusChanged',
  'mouseEnter',
  'mouseLeave',
  'mouseMove',
  'nonParticipantMessageReceived',
  'notificationTriggered',
  'outgoingMessage',
  'p2pStatusChanged',
  'participantJoined',
  'participantKickedOut',
  'participantLeft',
  'participantMuted',
  'participantRoleChanged',
  'participantsPaneToggled',
  'passwordRequired',
  'peerConnectionFailure',
  'prejoinScreenLoaded',
  'proxyConnectionEvent',
  'raiseHandUpdated',
  'ready',
  'recordingConsentDialogOpen',
  'recordingLinkAvailable',
  'recordingStatusChanged',
  'participantMenuButtonClick',
  'readyToClose',
  'videoConferenceJoined',
  'videoConferenceLeft',
  'videoAvailabilityChanged',
  'videoMuteStatusChanged',
  'videoQualityChanged',
  'screenSharingStatusChanged',
  'subjectChange',
  'suspendDetected',
  'tileViewChanged',
  'toolbarButtonClicked',
  'toolbarVisibilityChanged',
  'transcribingStatusChanged',
  'transcriptionChunkReceived',
  'whiteboardStatusChanged',
] as const;

/** The public name of an event that comes over the wire. */
type RelayedEventName = (typeof EVENT_NAMES)[number];

/** Events whose wire name (`data.name` of the event from the page) is not their kebab case. */
const EVENT_WIRE_EXCEPTIONS = {
  _documentPiPSignal: '_document-pip-signal',
  participantMenuButtonClick: 'participant-menu-button-clicked',
  readyToClose: 'video-ready-to-close',
} as const satisfies Partial<Record<RelayedEventName, string>>;

/** An event name on the wire that the API re-emits. */
export type JitsiEventWireName = WireName<RelayedEventName, typeof EVENT_WIRE_EXCEPTIONS>;

/** The wire name of an event: `readyToClose` → `video-ready-to-close`, `participantJoined` → `participant-joined`. */
export function eventWireName<Name extends RelayedEventName>(name: Name): WireName<Name, typeof EVENT_WIRE_EXCEPTIONS> {
  return derivedWireName(name, EVENT_WIRE_EXCEPTIONS);
}

/** The public name the API emits for the wire event `wireName`; undefined for a wire name it does not re-emit. */
export const eventPublicName = publicNameIn(EVENT_NAMES, eventWireName);

/**
 * Events the API emits without a wire name of their own: `largeVideoChanged` (from `on-stage-participant-changed`
 * and `large-video-visibility-changed`), `prejoinVideoChanged` (from `on-prejoin-video-changed`) and `_willDispose`.
 */
export const SYNTHETIC_EVENT_NAMES = ['largeVideoChanged', 'prejoinVideoChanged', '_willDispose'] as const;

/** A public event name: one the API emits to `on(name, …)` listeners. */
export type JitsiEventName = RelayedEventName | (typeof SYNTHETIC_EVENT_NAMES)[number];

/** The request functions that map to one wire request each (their arguments travel as named fields). */
export const REQUEST_NAMES = [
  'captureCameraPicture',
  'captureLargeVideoScreenshot',
  'getConnectionStats',
  'getContentSharingParticipants',
  'getCustomAvatarBackgrounds',
  'getDeploymentInfo',
  'getLivestreamUrl',
  'getRoomsInfo',
  'getSessionId',
  'getSharedDocumentUrl',
  'invite',
  'isAudioAvailable',
  'isAudioDisabled',
  'isAudioMuted',
  'isModerationOn',
  'isP2pActive',
  'isParticipantForceMuted',
  'isParticipantsPaneOpen',
  'isSharingScreen',
  'isStartSilent',
  'isVideoAvailable',
  'isVideoMuted',
  'listBreakoutRooms',
  '_isNewElectronScreensharingSupported',
  '_openDesktopPicker',
] as const;

/** A request function that maps to one wire request. */
export type JitsiRequestName = (typeof REQUEST_NAMES)[number];

/** Requests whose wire name (`data.name` of the request) is not their kebab case. */
const REQUEST_WIRE_EXCEPTIONS = {
  captureLargeVideoScreenshot: 'capture-largevideo-screenshot',
  getConnectionStats: 'connection-stats',
  getDeploymentInfo: 'deployment-info',
  getRoomsInfo: 'rooms-info',
  getSessionId: 'session-id',
  isP2pActive: 'get-p2p-status',
  _isNewElectronScreensharingSupported: '_new_electron_screensharing_supported',
  _openDesktopPicker: 'open-desktop-picker',
} as const satisfies Partial<Record<JitsiRequestName, string>>;

/** The wire name of a request. */
export type JitsiRequestWireName = WireName<JitsiRequestName, typeof REQUEST_WIRE_EXCEPTIONS>;

/** The wire name of a request: `getRoomsInfo` → `rooms-info`, `isAudioMuted` → `is-audio-muted`. */
export function requestWireName<Name extends JitsiRequestName>(
  name: Name,
): WireName<Name, typeof REQUEST_WIRE_EXCEPTIONS> {
  return derivedWireName(name, REQUEST_WIRE_EXCEPTIONS);
}

/**
 * Device functions → wire request name; these requests also carry `type: 'devices'` (Jitsi's `functions.js`).
 * The three setters share the `setDevice` request and differ only in `device.kind`. A table, because these
 * names follow no case rule: the wire uses the public name itself.
 */
export const DEVICE_REQUEST_WIRE_NAMES = {
  getAvailableDevices: 'getAvailableDevices',
  getCurrentDevices: 'getCurrentDevices',
  isDeviceChangeAvailable: 'isDeviceChangeAvailable',
  isMultipleAudioInputSupported: 'isMultipleAudioInputSupported',
  setAudioInputDevice: 'setDevice',
  setAudioOutputDevice: 'setDevice',
  setVideoInputDevice: 'setDevice',
} as const;

/** A device function. */
export type JitsiDeviceRequestName = keyof typeof DEVICE_REQUEST_WIRE_NAMES;

/** Requests that flow the other way, page → host: the public event the API emits with a callback. */
export const PAGE_REQUEST_NAMES = ['_requestDesktopSources'] as const;

/** The public name of a page → host request, by its wire name (`_request-desktop-sources`); else undefined. */
export const pageRequestPublicName = publicNameIn(PAGE_REQUEST_NAMES, kebabCase);
