/**
 * What every Jitsi IFrame API event carries: the payload `external_api.js` hands to `on(name, …)` listeners, which
 * is the wire message minus its `name` (test/fixtures/jitsi-iframe-api.json `payload`, corrected by docs/jitsi/failures.md §3).
 *
 * Types only. Values come from another origin and are not checked here; a field the docs call a string may still
 * be missing from an odd Jitsi build. Keys whose value is `undefined` vanish on the wire (JSON), so "may be
 * undefined" is written as an optional field.
 *
 * Over 400 lines on purpose: one interface per Jitsi event, side by side, so that the whole list can be read
 * against test/fixtures/jitsi-iframe-api.json in one place; it is types only and costs the bundle nothing.
 */
import type { JitsiEventName } from './jitsi-wire/wire-names.js';

/** An event that carries nothing: it arrives as `{}`. */
type NoPayload = Record<string, never>;

/** An event whose shape no source we read documents: only newer Jitsi builds send it. */
type UnknownPayload = Record<string, unknown>;

/** A string constant: the values Jitsi documents (for autocompletion), and any other a newer build may send. */
type KnownOr<Known extends string> = Known | (string & {});

/** `'audio'` or `'video'`: which medium an event is about. */
export type JitsiMediaType = 'audio' | 'video';

/** lib-jitsi-meet's error names (docs/jitsi/failures.md §1); newer builds may add others. */
export type JitsiErrorName = KnownOr<
  | 'connection.passwordRequired'
  | 'connection.droppedError'
  | 'connection.otherError'
  | 'connection.serverError'
  | 'connection.notLiveError'
  | 'connection.conferenceRequestFailed'
  | 'connection.shardChangedError'
  | 'conference.authenticationRequired'
  | 'conference.passwordRequired'
  | 'conference.connectionError'
  | 'conference.connectionError.notAllowed'
  | 'conference.connectionError.membersOnly'
  | 'conference.connectionError.accessDenied'
  | 'conference.destroyed'
  | 'conference.max_users'
  | 'conference.display_name_required'
  | 'conference.iceFailed'
  | 'conference.focusLeft'
  | 'conference.focusDisconnected'
  | 'conference.videobridgeNotAvailable'
  | 'conference.offerAnswerFailed'
  | 'conference.restarted'
  | 'conference.gracefulShutdown'
  | 'conference.reservationError'
  | 'conference.incompatible_server_versions'
  | 'conference.passwordNotSupported'
  | 'conference.chatError'
  | 'conference.settingsError'
>;

/**
 * The `error` of `errorOccurred` (docs/jitsi/failures.md §1, §3): Jitsi's stored config, connection or conference
 * error spread out, plus `type` and `isFatal`. Conference errors carry `params` and no `message`; connection
 * errors carry `message`, `credentials` and `details`.
 */
export interface JitsiMeetingError {
  /** Which failure, e.g. `connection.passwordRequired` or `conference.connectionError.notAllowed`. */
  name: JitsiErrorName;
  /** Where it was stored: config, connection or conference. */
  type: 'CONFIG' | 'CONNECTION' | 'CONFERENCE';
  /** Whether the meeting cannot go on (Jitsi then shows its reload overlay). */
  isFatal: boolean;
  /** Conference errors: the failure's arguments, e.g. `[type, text]` for `notAllowed`, `[reason]` for `destroyed`. */
  params?: unknown[];
  /** `true` when Jitsi itself retries or prompts (lobby, password, login); absent otherwise. */
  recoverable?: boolean;
  /** Connection errors: the server's reason, e.g. Prosody's SASL text `Not acceptable by exp`. */
  message?: string;
  /** Connection errors: extra facts about the failure. */
  details?: Record<string, unknown>;
  /** Connection errors: the credentials that were tried (often `{}` after JSON). */
  credentials?: Record<string, unknown>;
}

/** A participant of a breakout room, by XMPP JID. */
export interface JitsiBreakoutRoomParticipant {
  displayName: string;
  jid: string;
  role: string;
}

/** One room of `breakoutRoomsUpdated`, including the main room. */
export interface JitsiBreakoutRoom {
  id: string;
  jid: string;
  name: string;
  /** Set (to `true`) only on the main room. */
  isMainRoom?: true;
  participants: Record<string, JitsiBreakoutRoomParticipant>;
}

/** A media device as JSON carries a `MediaDeviceInfo`. */
export interface JitsiMediaDevice {
  deviceId: string;
  groupId: string;
  kind: MediaDeviceKind;
  label: string;
}

/** The devices of `deviceListChanged`: the shape `getAvailableDevices()` resolves to. */
export interface JitsiDeviceList {
  audioInput: JitsiMediaDevice[];
  audioOutput: JitsiMediaDevice[];
  videoInput: JitsiMediaDevice[];
}

/** A mouse event over the meeting frame, reduced to its coordinates. */
export interface JitsiMouseEvent {
  clientX: number;
  clientY: number;
  movementX: number;
  movementY: number;
  offsetX: number;
  offsetY: number;
  pageX: number;
  pageY: number;
  x: number;
  y: number;
  screenX: number;
  screenY: number;
}

/** A Compute Pressure `PressureRecord` after JSON (its `toJSON()`). */
export interface JitsiPressureRecord {
  source: string;
  state: 'nominal' | 'fair' | 'serious' | 'critical';
  time: number;
}

/** A file shared in the meeting. */
export interface JitsiSharedFile {
  authorParticipantId: string;
  authorParticipantJid: string;
  authorParticipantName: string;
  conferenceFullName: string;
  fileId: string;
  fileName: string;
  /** In bytes. */
  fileSize: number;
  fileType: string;
  /** When it was uploaded, in ms since the epoch. */
  timestamp: number;
}

/**
 * The payload of every public Jitsi event, by public name (what `api.on(name, listener)` passes to `listener`).
 * Its keys are exactly the public event names of wire-names.ts: a check below fails to compile otherwise.
 */
export interface JitsiEventPayloads {
  /** Internal Document Picture-in-Picture signalling; shape undocumented. */
  _documentPiPSignal: UnknownPayload;
  /** Internal: Electron asks for Picture-in-Picture after a user gesture. */
  _pipRequested: NoPayload;
  /** The meeting entered Picture-in-Picture. */
  pipEntered: NoPayload;
  /** The meeting left Picture-in-Picture. */
  pipLeft: NoPayload;
  /** The second-screen source changed (newest builds only; shape unknown). */
  secondScreenSourceChanged: UnknownPayload;
  /** The second screen was closed (newest builds only; shape unknown). */
  secondScreenClosed: UnknownPayload;
  /** The second screen failed (newest builds only; shape unknown). */
  secondScreenError: UnknownPayload;
  /** A participant's avatar URL changed. */
  avatarChanged: { id: string; avatarURL: string };
  /** Whether local audio can be used changed. */
  audioAvailabilityChanged: { available: boolean };
  /** The local microphone was muted or unmuted. */
  audioMuteStatusChanged: { muted: boolean };
  /** Audio-only mode was switched (Jitsi sends `enabled`, not the handbook's `audioOnlyChanged`). */
  audioOnlyChanged: { enabled: boolean };
  /** Low-bandwidth mode, the newer name of audio-only mode, was switched. */
  lowBandwidthModeChanged: { enabled: boolean };
  /** Playback of a shared audio or video file changed. */
  audioOrVideoSharingToggled: { mediaType: JitsiMediaType; value: 'playing' | 'pause' | 'stop'; participantId: string };
  /** The breakout rooms changed; `rooms` maps room id to room (the handbook drops the `rooms` key). */
  breakoutRoomsUpdated: { rooms: Record<string, JitsiBreakoutRoom> };
  /** Sent once at start: whether Jitsi supports this browser. */
  browserSupport: { supported: boolean };
  /** The camera could not be opened. */
  cameraError: { type: string; message: string };
  /** The chat panel opened or closed, or its unread count changed. */
  chatUpdated: { isOpen: boolean; unreadCount: number };
  /** The device's compute pressure changed. */
  computePressureChanged: { records: JitsiPressureRecord[] };
  /** When the conference started, in ms since the epoch. */
  conferenceCreatedTimestamp: { timestamp: number };
  /** The set of participants sharing their screen changed; `data` lists their ids. */
  contentSharingParticipantsChanged: { data: string[] };
  /** A custom action of a `showNotification` toast was clicked; `data.id` names it. */
  customNotificationActionTriggered: { data: { id: string } };
  /** The data channel to the video bridge closed. */
  dataChannelClosed: { code: number; reason: string };
  /** The data channel to the video bridge opened. */
  dataChannelOpened: NoPayload;
  /** The available media devices changed. */
  deviceListChanged: { devices: JitsiDeviceList };
  /** A participant's display name changed (note the lower-case `n` of `displayname`). */
  displayNameChange: { id: string; displayname: string; formattedDisplayName: string };
  /** Another participant became the dominant speaker. */
  dominantSpeakerChanged: { id: string };
  /** A participant's email changed. */
  emailChange: { id: string; email: string };
  /** Jitsi stored a new config, connection or conference error (docs/jitsi/failures.md §1). */
  errorOccurred: { error: JitsiMeetingError };
  /** A text message arrived over the data channel. */
  endpointTextMessageReceived: {
    data: { senderInfo: { jid: string; id: string }; eventData: { name: 'endpoint-text-message'; text: string } };
  };
  /** External share signalling (newest builds only; shape unknown). */
  externalShareSignal: UnknownPayload;
  /** Face landmarks were detected in the local video. */
  faceLandmarkDetected: {
    /** Percent of the video width; only with `faceLandmarks.faceCenteringThreshold` set. */
    faceBox?: { left: number; right: number; width: number };
    faceExpression: string;
  };
  /** Sending feedback finished; `error` says why it failed. */
  feedbackSubmitted: { error?: string };
  /** The feedback dialog was shown. */
  feedbackPromptDisplayed: NoPayload;
  /** A shared file was deleted. */
  fileDeleted: { fileId: string };
  /** A file was shared in the meeting. */
  fileUploaded: { file: JitsiSharedFile };
  /** The filmstrip was shown or hidden. */
  filmstripDisplayChanged: { visible: boolean };
  /** A chat message from someone else arrived (never the local user's own). */
  incomingMessage: {
    /** The sender's participant id. */
    from: string;
    nick: string;
    privateMessage: boolean;
    message: string;
    /** When it was sent (ISO 8601). */
    stamp: string;
  };
  /** Someone knocks in the lobby; sent to moderators only while their participants pane is closed. */
  knockingParticipant: { participant: { id: string; name: string } };
  /** A log line of the meeting page, for levels listed in `config.apiLogLevels`. */
  log: { logLevel: 'info' | 'error' | 'debug' | 'warn'; args: string[] };
  /** The microphone could not be opened. */
  micError: { type: string; message: string };
  /** A moderator allowed a participant to unmute under audio/video moderation. */
  moderationParticipantApproved: { id: string; mediaType: JitsiMediaType };
  /** A moderator refused a participant under audio/video moderation. */
  moderationParticipantRejected: { id: string; mediaType: JitsiMediaType };
  /** Audio or video moderation was switched on or off. */
  moderationStatusChanged: { mediaType: JitsiMediaType; enabled: boolean };
  /** The mouse entered the meeting frame. */
  mouseEnter: { event: JitsiMouseEvent };
  /** The mouse left the meeting frame. */
  mouseLeave: { event: JitsiMouseEvent };
  /** The mouse moved over the meeting frame (throttled by `config.mouseMoveCallbackInterval`). */
  mouseMove: { event: JitsiMouseEvent };
  /** A message from outside the participant list (e.g. a Prosody module); `message` is its parsed JSON. */
  nonParticipantMessageReceived: { id: string | null; message: Record<string, unknown> };
  /** Jitsi raised a notification: i18n keys, sent even when config hides the toast; a missing key is absent. */
  notificationTriggered: { title?: string; description?: string };
  /** The local user sent a chat message. */
  outgoingMessage: { message: string; privateMessage: boolean };
  /** The media connection switched between peer-to-peer and the bridge. */
  p2pStatusChanged: { isP2p: boolean | null };
  /** A remote participant joined. */
  participantJoined: {
    id: string;
    /** Absent when the participant has no name. */
    displayName?: string;
    /** The name as the meeting shows it. */
    formattedDisplayName: string;
    /** From the participant's token, when it has one. */
    userContext?: { id: string };
  };
  /** A participant was removed; `kicked.local` says whether it was the local user. */
  participantKickedOut: {
    kicked: { id: string; name: string; local: boolean };
    /** `local` is absent when the local user is the one kicked. */
    kicker: { id: string; name: string; local?: boolean };
  };
  /** A participant left. */
  participantLeft: { id: string };
  /** A participant's audio or video was muted or unmuted (`id`, not the handbook's `participantId`). */
  participantMuted: { id: string; isMuted: boolean; mediaType: JitsiMediaType | 'desktop' };
  /** A participant's role changed. */
  participantRoleChanged: { id: string; role: KnownOr<'moderator' | 'participant' | 'none' | 'visitor'> };
  /** The participants pane opened or closed. */
  participantsPaneToggled: { open: boolean };
  /** The room needs a password to join (answer with the `password` command). */
  passwordRequired: NoPayload;
  /** A peer connection failed (only with rtcstats on). */
  peerConnectionFailure: { isP2P: boolean; wasConnected: boolean };
  /** The prejoin screen is showing. */
  prejoinScreenLoaded: {
    /** `'local'` until the conference assigns an id. */
    id: string;
    /** Absent when no name is set yet. */
    displayName?: string;
    formattedDisplayName: string;
  };
  /** Spot/proxy connection signalling: the fields of the proxied event. */
  proxyConnectionEvent: UnknownPayload;
  /** A participant raised or lowered their hand. */
  raiseHandUpdated: {
    id: string;
    /** 0 when lowered, otherwise when it was raised (ms since the epoch). */
    handRaised: number;
  };
  /** The meeting page's API is up (external_api.js then calls `onload`). */
  ready: NoPayload;
  /** The recording-consent dialog opened or closed. */
  recordingConsentDialogOpen: { open: boolean };
  /** A recording can be downloaded (JaaS file recordings started locally only). */
  recordingLinkAvailable: {
    link: string;
    /** How long the link stays valid. */
    ttl: number;
  };
  /** Recording or streaming went on or off, or failed to start; never sent while pending. */
  recordingStatusChanged: {
    on: boolean;
    mode: 'local' | 'file' | 'stream';
    /** Why starting failed: the XMPP error tag (e.g. `service-unavailable`, `policy-violation`), `timeout`, `unknown`. */
    error?: KnownOr<
      | 'busy'
      | 'error'
      | 'policy-violation'
      | 'resource-constraint'
      | 'service-unavailable'
      | 'unexpected-request'
      | 'timeout'
      | 'unknown'
    >;
    /** Whether the recorder also transcribes. */
    transcription: boolean;
  };
  /** A button of a participant's context menu was clicked (public name ends in `Click`, the wire's in `clicked`). */
  participantMenuButtonClick: { key: string; participantId: string; preventExecution: boolean };
  /** Hangup is complete and the meeting may be disposed. */
  readyToClose: NoPayload;
  /** The local user joined the conference. */
  videoConferenceJoined: {
    roomName: string;
    /** The local participant's id. */
    id: string;
    /** Absent when the user has no name. */
    displayName?: string;
    formattedDisplayName: string;
    /** Absent when the user has no avatar. */
    avatarURL?: string;
    breakoutRoom: boolean;
    /** Whether the user joined as a visitor. */
    visitor: boolean;
    /** Absent when the user has no email. */
    email?: string;
  };
  /** The local user left the conference. */
  videoConferenceLeft: { roomName: string };
  /** Whether local video can be used changed. */
  videoAvailabilityChanged: { available: boolean };
  /** The local camera was muted or unmuted. */
  videoMuteStatusChanged: { muted: boolean };
  /** The video quality setting changed; `videoQuality` is the maximum height. */
  videoQualityChanged: { videoQuality: number };
  /** Local screen sharing started or stopped. */
  screenSharingStatusChanged: { on: boolean; details: { sourceType?: 'window' | 'screen' | 'proxy' | 'device' } };
  /** The conference subject changed. */
  subjectChange: { subject: string };
  /** The computer was suspended and woke up. */
  suspendDetected: NoPayload;
  /** Tile view was entered or left. */
  tileViewChanged: { enabled: boolean };
  /** A toolbar button listed in `config.buttonsWithNotifyClick` was clicked. */
  toolbarButtonClicked: { key: string; preventExecution: boolean };
  /** The meeting's toolbar was shown or hidden. */
  toolbarVisibilityChanged: { visible: boolean };
  /** Transcribing started or stopped. */
  transcribingStatusChanged: { on: boolean };
  /** A piece of transcription arrived. */
  transcriptionChunkReceived: {
    data: {
      language: string;
      messageID: string;
      participant: { avatarUrl: string; id: string; name: string };
      final?: string;
      stable?: string;
      unstable?: string;
    };
  };
  /** The whiteboard's state changed. */
  whiteboardStatusChanged: { status: string };
  /** The on-stage participant or its visibility changed (emitted by external_api.js itself, with nothing). */
  largeVideoChanged: NoPayload;
  /** The prejoin video preview was shown or hidden (emitted by external_api.js itself, with nothing). */
  prejoinVideoChanged: NoPayload;
  /** The API is about to dispose itself (emitted by external_api.js itself, with nothing). */
  _willDispose: NoPayload;
}

/** Compiles only for `never`: an error here names the event that is missing or extra. */
type MustBeEmpty<T extends never> = T;
/** Public event names of wire-names.ts without a payload type here. */
type MissingPayloads = MustBeEmpty<Exclude<JitsiEventName, keyof JitsiEventPayloads>>;
/** Payload types here for names that wire-names.ts does not list. */
type ExtraPayloads = MustBeEmpty<Exclude<keyof JitsiEventPayloads, JitsiEventName>>;
