/**
 * The one table of names between Jitsi's public IFrame API and its postMessage wire
 * (shared/jitsi-wire.md §7–§9, shared/jitsi-iframe-api.json `internalName`).
 *
 * Jitsi ships two current name maps that differ in three entries (jitsi-wire.md §7/§8 "Variant"): one has
 * `setLowBandwidthMode`/`low-bandwidth-mode-changed`, `setParticipantProperties` and `_document-pip-signal`, the
 * other `setAudioOnly`/`audio-only-changed`. We keep the union, because a host cannot know which build a meeting
 * server runs and a command the page does not know is ignored there.
 */

/** Public command name (`executeCommand(name, …)`) → wire name (`data.name` of the command message). */
export const COMMAND_WIRE_NAMES = {
  addBreakoutRoom: 'add-breakout-room',
  answerKnockingParticipant: 'answer-knocking-participant',
  approveVideo: 'approve-video',
  askToUnmute: 'ask-to-unmute',
  autoAssignToBreakoutRooms: 'auto-assign-to-breakout-rooms',
  avatarUrl: 'avatar-url',
  cancelPrivateChat: 'cancel-private-chat',
  closeBreakoutRoom: 'close-breakout-room',
  displayName: 'display-name',
  endConference: 'end-conference',
  email: 'email',
  grantModerator: 'grant-moderator',
  grantRecordingConsent: 'grant-recording-consent',
  hangup: 'video-hangup',
  hideNotification: 'hide-notification',
  initiatePrivateChat: 'initiate-private-chat',
  joinBreakoutRoom: 'join-breakout-room',
  localSubject: 'local-subject',
  kickParticipant: 'kick-participant',
  muteEveryone: 'mute-everyone',
  muteRemoteParticipant: 'mute-remote-participant',
  overwriteConfig: 'overwrite-config',
  overwriteNames: 'overwrite-names',
  password: 'password',
  pinParticipant: 'pin-participant',
  rejectParticipant: 'reject-participant',
  removeBreakoutRoom: 'remove-breakout-room',
  resizeFilmStrip: 'resize-film-strip',
  resizeLargeVideo: 'resize-large-video',
  sendCameraFacingMode: 'send-camera-facing-mode-message',
  sendChatMessage: 'send-chat-message',
  sendEndpointTextMessage: 'send-endpoint-text-message',
  sendParticipantToRoom: 'send-participant-to-room',
  sendTones: 'send-tones',
  setAudioOnly: 'set-audio-only',
  setLowBandwidthMode: 'set-low-bandwidth-mode',
  setAssumedBandwidthBps: 'set-assumed-bandwidth-bps',
  setBlurredBackground: 'set-blurred-background',
  setFollowMe: 'set-follow-me',
  setLargeVideoParticipant: 'set-large-video-participant',
  setMediaEncryptionKey: 'set-media-encryption-key',
  setMeetingTimer: 'set-meeting-timer',
  setNoiseSuppressionEnabled: 'set-noise-suppression-enabled',
  setParticipantProperties: 'set-participant-properties',
  setParticipantVolume: 'set-participant-volume',
  setSecondScreen: 'set-second-screen',
  setSubtitles: 'set-subtitles',
  setTileView: 'set-tile-view',
  setVideoQuality: 'set-video-quality',
  setVirtualBackground: 'set-virtual-background',
  showNotification: 'show-notification',
  startRecording: 'start-recording',
  startShareVideo: 'start-share-video',
  stopRecording: 'stop-recording',
  stopShareVideo: 'stop-share-video',
  subject: 'subject',
  submitFeedback: 'submit-feedback',
  toggleAudio: 'toggle-audio',
  toggleCamera: 'toggle-camera',
  toggleCameraMirror: 'toggle-camera-mirror',
  toggleChat: 'toggle-chat',
  toggleE2EE: 'toggle-e2ee',
  toggleFilmStrip: 'toggle-film-strip',
  toggleLobby: 'toggle-lobby',
  toggleModeration: 'toggle-moderation',
  toggleNoiseSuppression: 'toggle-noise-suppression',
  toggleParticipantsPane: 'toggle-participants-pane',
  toggleRaiseHand: 'toggle-raise-hand',
  toggleShareScreen: 'toggle-share-screen',
  toggleSubtitles: 'toggle-subtitles',
  toggleTileView: 'toggle-tile-view',
  toggleVirtualBackgroundDialog: 'toggle-virtual-background',
  toggleVideo: 'toggle-video',
  toggleWhiteboard: 'toggle-whiteboard',
  showPiP: 'show-pip',
  hidePiP: 'hide-pip',
} as const;

/** A name `executeCommand` accepts. */
export type JitsiCommandName = keyof typeof COMMAND_WIRE_NAMES;
/** The wire name of a command. */
export type JitsiCommandWireName = (typeof COMMAND_WIRE_NAMES)[JitsiCommandName];

/** Wire event name (`data.name` of an event from the page) → the public name the API emits. */
export const EVENT_PUBLIC_NAMES = {
  '_document-pip-signal': '_documentPiPSignal',
  '_pip-requested': '_pipRequested',
  'pip-entered': 'pipEntered',
  'pip-left': 'pipLeft',
  'second-screen-source-changed': 'secondScreenSourceChanged',
  'second-screen-closed': 'secondScreenClosed',
  'second-screen-error': 'secondScreenError',
  'avatar-changed': 'avatarChanged',
  'audio-availability-changed': 'audioAvailabilityChanged',
  'audio-mute-status-changed': 'audioMuteStatusChanged',
  'audio-only-changed': 'audioOnlyChanged',
  'low-bandwidth-mode-changed': 'lowBandwidthModeChanged',
  'audio-or-video-sharing-toggled': 'audioOrVideoSharingToggled',
  'breakout-rooms-updated': 'breakoutRoomsUpdated',
  'browser-support': 'browserSupport',
  'camera-error': 'cameraError',
  'chat-updated': 'chatUpdated',
  'compute-pressure-changed': 'computePressureChanged',
  'conference-created-timestamp': 'conferenceCreatedTimestamp',
  'content-sharing-participants-changed': 'contentSharingParticipantsChanged',
  'custom-notification-action-triggered': 'customNotificationActionTriggered',
  'data-channel-closed': 'dataChannelClosed',
  'data-channel-opened': 'dataChannelOpened',
  'device-list-changed': 'deviceListChanged',
  'display-name-change': 'displayNameChange',
  'dominant-speaker-changed': 'dominantSpeakerChanged',
  'email-change': 'emailChange',
  'error-occurred': 'errorOccurred',
  'endpoint-text-message-received': 'endpointTextMessageReceived',
  'external-share-signal': 'externalShareSignal',
  'face-landmark-detected': 'faceLandmarkDetected',
  'feedback-submitted': 'feedbackSubmitted',
  'feedback-prompt-displayed': 'feedbackPromptDisplayed',
  'file-deleted': 'fileDeleted',
  'file-uploaded': 'fileUploaded',
  'filmstrip-display-changed': 'filmstripDisplayChanged',
  'incoming-message': 'incomingMessage',
  'knocking-participant': 'knockingParticipant',
  log: 'log',
  'mic-error': 'micError',
  'moderation-participant-approved': 'moderationParticipantApproved',
  'moderation-participant-rejected': 'moderationParticipantRejected',
  'moderation-status-changed': 'moderationStatusChanged',
  'mouse-enter': 'mouseEnter',
  'mouse-leave': 'mouseLeave',
  'mouse-move': 'mouseMove',
  'non-participant-message-received': 'nonParticipantMessageReceived',
  'notification-triggered': 'notificationTriggered',
  'outgoing-message': 'outgoingMessage',
  'p2p-status-changed': 'p2pStatusChanged',
  'participant-joined': 'participantJoined',
  'participant-kicked-out': 'participantKickedOut',
  'participant-left': 'participantLeft',
  'participant-muted': 'participantMuted',
  'participant-role-changed': 'participantRoleChanged',
  'participants-pane-toggled': 'participantsPaneToggled',
  'password-required': 'passwordRequired',
  'peer-connection-failure': 'peerConnectionFailure',
  'prejoin-screen-loaded': 'prejoinScreenLoaded',
  'proxy-connection-event': 'proxyConnectionEvent',
  'raise-hand-updated': 'raiseHandUpdated',
  ready: 'ready',
  'recording-consent-dialog-open': 'recordingConsentDialogOpen',
  'recording-link-available': 'recordingLinkAvailable',
  'recording-status-changed': 'recordingStatusChanged',
  'participant-menu-button-clicked': 'participantMenuButtonClick',
  'video-ready-to-close': 'readyToClose',
  'video-conference-joined': 'videoConferenceJoined',
  'video-conference-left': 'videoConferenceLeft',
  'video-availability-changed': 'videoAvailabilityChanged',
  'video-mute-status-changed': 'videoMuteStatusChanged',
  'video-quality-changed': 'videoQualityChanged',
  'screen-sharing-status-changed': 'screenSharingStatusChanged',
  'subject-change': 'subjectChange',
  'suspend-detected': 'suspendDetected',
  'tile-view-changed': 'tileViewChanged',
  'toolbar-button-clicked': 'toolbarButtonClicked',
  'toolbar-visibility-changed': 'toolbarVisibilityChanged',
  'transcribing-status-changed': 'transcribingStatusChanged',
  'transcription-chunk-received': 'transcriptionChunkReceived',
  'whiteboard-status-changed': 'whiteboardStatusChanged',
} as const;

/** An event name on the wire that the API re-emits. */
export type JitsiEventWireName = keyof typeof EVENT_PUBLIC_NAMES;

/**
 * Events the API emits without a wire name of their own: `largeVideoChanged` (from `on-stage-participant-changed`
 * and `large-video-visibility-changed`), `prejoinVideoChanged` (from `on-prejoin-video-changed`) and `_willDispose`.
 */
export const SYNTHETIC_EVENT_NAMES = ['largeVideoChanged', 'prejoinVideoChanged', '_willDispose'] as const;

/** A public event name: one the API emits to `on(name, …)` listeners. */
export type JitsiEventName = (typeof EVENT_PUBLIC_NAMES)[JitsiEventWireName] | (typeof SYNTHETIC_EVENT_NAMES)[number];

/** Public request function → wire request name (`data.name` of a request; its arguments travel as named fields). */
export const REQUEST_WIRE_NAMES = {
  captureCameraPicture: 'capture-camera-picture',
  captureLargeVideoScreenshot: 'capture-largevideo-screenshot',
  getConnectionStats: 'connection-stats',
  getContentSharingParticipants: 'get-content-sharing-participants',
  getCustomAvatarBackgrounds: 'get-custom-avatar-backgrounds',
  getDeploymentInfo: 'deployment-info',
  getLivestreamUrl: 'get-livestream-url',
  getRoomsInfo: 'rooms-info',
  getSessionId: 'session-id',
  getSharedDocumentUrl: 'get-shared-document-url',
  invite: 'invite',
  isAudioAvailable: 'is-audio-available',
  isAudioDisabled: 'is-audio-disabled',
  isAudioMuted: 'is-audio-muted',
  isModerationOn: 'is-moderation-on',
  isP2pActive: 'get-p2p-status',
  isParticipantForceMuted: 'is-participant-force-muted',
  isParticipantsPaneOpen: 'is-participants-pane-open',
  isSharingScreen: 'is-sharing-screen',
  isStartSilent: 'is-start-silent',
  isVideoAvailable: 'is-video-available',
  isVideoMuted: 'is-video-muted',
  listBreakoutRooms: 'list-breakout-rooms',
  _isNewElectronScreensharingSupported: '_new_electron_screensharing_supported',
  _openDesktopPicker: 'open-desktop-picker',
} as const;

/** A request function that maps to one wire request. */
export type JitsiRequestName = keyof typeof REQUEST_WIRE_NAMES;

/**
 * Device functions → wire request name; these requests also carry `type: 'devices'` (Jitsi's `functions.js`).
 * The three setters share the `setDevice` request and differ only in `device.kind`.
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

/** Requests that flow the other way, page → host: wire name → the public event the API emits with a callback. */
export const PAGE_REQUEST_PUBLIC_NAMES = {
  '_request-desktop-sources': '_requestDesktopSources',
} as const;

/**
 * Whether `name` is an own key of `table`. Jitsi uses `name in commands`, which also lets `toString` through;
 * we do not.
 */
export function hasName<T extends object>(table: T, name: unknown): name is keyof T {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(table, name);
}
