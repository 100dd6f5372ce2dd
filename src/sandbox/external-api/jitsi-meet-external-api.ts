/**
 * The sandbox's `JitsiMeetExternalAPI`: the public surface of Jitsi's class (test/fixtures/jitsi-iframe-api.json
 * `functions`), as thin wrappers over our protocol client in `src/meeting/jitsi-wire/`, which does all the work,
 * and its participant book, which answers the synchronous getters.
 *
 * Over 400 lines on purpose: it mirrors Jitsi's one class method for method (about 60 public functions), so
 * each can be held against the list above; the work is elsewhere and every method stays a few lines.
 */
import type { JitsiEventPayload, JitsiRequestData } from '../../meeting/jitsi-wire/jitsi-iframe-client.js';
import { frameSize } from '../../meeting/jitsi-wire/create-meeting-iframe.js';
import { openMeeting } from '../../meeting/jitsi-wire/open-meeting.js';
import { isDocumentPiPCapable, isPiPEnabled, watchFrameVisibility, type PipConfig } from './pip-support.js';
import { ParticipantBook, type JitsiParticipantInfo } from './participant-book.js';
import {
  COMMAND_NAMES,
  DEVICE_REQUEST_WIRE_NAMES,
  EVENT_NAMES,
  SYNTHETIC_EVENT_NAMES,
  commandWireName,
  isCommandName,
  requestWireName,
  type JitsiDeviceRequestName,
  type JitsiRequestName,
} from '../../meeting/jitsi-wire/wire-names.js';
import type { JitsiIframeClient } from '../../meeting/jitsi-wire/jitsi-iframe-client.js';
import { EventEmitter, type EmitterListener } from './event-emitter.js';

/** The documented constructor options. */
export interface JitsiMeetExternalAPIOptions {
  roomName?: string;
  width?: number | string;
  height?: number | string;
  parentNode?: Node;
  configOverwrite?: Record<string, unknown>;
  interfaceConfigOverwrite?: Record<string, unknown>;
  jwt?: string;
  userInfo?: Record<string, unknown>;
  lang?: string;
  devices?: Record<string, unknown>;
  invitees?: unknown[];
  onload?: () => void;
  e2eeKey?: string;
  release?: string;
  sandbox?: string;
  iceServers?: unknown;
}

/** Counts instances on this page: each one's id names its URL, postis scope and frame. */
let nextId = 0;

/** `new JitsiMeetExternalAPI(domain, options)`: a meeting iframe on `domain` and the API to drive it. */
export class JitsiMeetExternalAPI extends EventEmitter {
  readonly #client: JitsiIframeClient;
  readonly #book: ParticipantBook;
  readonly #frame: HTMLIFrameElement;
  readonly #width: unknown;
  readonly #height: unknown;
  #pip: PipConfig | undefined;
  #stopPiPWatch: (() => void) | undefined;
  #disposed = false;

  /** Creates the iframe in `options.parentNode` (default `document.body`) and starts talking to it. */
  constructor(domain: string, options: JitsiMeetExternalAPIOptions = {}) {
    super();
    const { width = '100%', height = '100%', configOverwrite = {}, invitees } = options;
    const id = nextId;
    this.#pip = configOverwrite['pip'] as PipConfig | undefined;
    const { client, frame } = openMeeting(domain, {
      ...options,
      id,
      width,
      height,
      configOverwrite,
      parentNode: options.parentNode ?? document.body,
      documentPiPCapable: () => isDocumentPiPCapable(this.#pip, window),
      // Jitsi leaves requests pending forever on dispose; a stand-in must not add rejections it never makes.
      pendingOnDispose: 'abandon',
      onPageRequest: (name, request, respond) => this.emit(name, request, respond),
    });
    this.#client = client;
    // Before anything else listens: Jitsi updates its state before it emits the event (participant-book.ts).
    this.#book = new ParticipantBook(client, { e2eeKey: options.e2eeKey });
    this.#frame = frame;
    // resizeLargeVideo compares against the options as given, and only those Jitsi accepted as a size.
    this.#width = frameSize(width) === undefined ? undefined : width;
    this.#height = frameSize(height) === undefined ? undefined : height;
    if (Array.isArray(invitees) && invitees.length > 0) void this.invite(invitees);
    client.onAnyEvent((name, payload) => this.#reemit(name, payload));
    this.#watchPiP();
    nextId++;
  }

  /** Sends a command by its public name; an unknown name is logged and nothing is sent. */
  executeCommand(name: string, ...args: unknown[]): void {
    if (!isCommandName(name)) {
      console.error('Not supported command name.');
      return;
    }
    this.#client.sendCommand(commandWireName(name), args);
    const pip = name === 'overwriteConfig' ? (args[0] as { pip?: PipConfig } | undefined)?.pip : undefined;
    if (pip) {
      this.#pip = pip;
      this.#watchPiP();
      this.#client.sendCommand('document-pip-capability', [isDocumentPiPCapable(pip, window)]);
    }
  }

  /** Runs `executeCommand(name, value)` for each entry: each value is ONE argument, arrays included. */
  executeCommands(commandList: Record<string, unknown>): void {
    for (const key in commandList) this.executeCommand(key, commandList[key]);
  }

  /** @deprecated Use `on`. */
  addEventListener(event: string, listener: EmitterListener): void {
    this.on(event, listener);
  }

  /** @deprecated Use `on` for each. */
  addEventListeners(listeners: Record<string, EmitterListener>): void {
    for (const event in listeners) this.addEventListener(event, listeners[event]!);
  }

  /** @deprecated Removes ALL listeners of `event` (Jitsi's behaviour); use `off`. */
  removeEventListener(event: string): void {
    this.removeAllListeners(event);
  }

  /** @deprecated Removes all listeners of each event. */
  removeEventListeners(eventList: string[]): void {
    for (const event of eventList) this.removeEventListener(event);
  }

  /** The meeting iframe. */
  getIFrame(): HTMLIFrameElement {
    return this.#frame;
  }

  /** Every command name `executeCommand` accepts. */
  getSupportedCommands(): string[] {
    return [...COMMAND_NAMES];
  }

  /** Every event name this API re-emits from the page. */
  getSupportedEvents(): string[] {
    return [...EVENT_NAMES];
  }

  /** @deprecated Use `getRoomsInfo`. Known participants with `participantId`. */
  getParticipantsInfo(): JitsiParticipantInfo[] {
    return this.#book.getParticipantsInfo();
  }

  /** Participants counted from the events seen so far. */
  getNumberOfParticipants(): number {
    return this.#book.numberOfParticipants;
  }

  /** The last `videoQualityChanged` height. */
  getVideoQuality(): number | undefined {
    return this.#book.videoQuality;
  }

  /** Whether the local participant is a visitor. */
  isVisitor(): boolean | undefined {
    return this.#book.isVisitor;
  }

  /** @deprecated Use `getRoomsInfo`. */
  getAvatarURL(participantId: string): string | undefined {
    return this.#book.getParticipant(participantId)?.avatarURL;
  }

  /** A participant's display name, from the events seen so far. */
  getDisplayName(participantId: string): string | undefined {
    return this.#book.getParticipant(participantId)?.displayName;
  }

  /** A participant's email, from the events seen so far. */
  getEmail(participantId: string): string | undefined {
    return this.#book.getParticipant(participantId)?.email;
  }

  /** @deprecated Always true. */
  isDeviceListAvailable(): Promise<boolean> {
    console.warn('isDeviceListAvailable is deprecated and will be removed in the future.');
    return Promise.resolve(true);
  }

  /** Invites people; an empty or missing list is refused before anything is sent. */
  invite(invitees: unknown[]): Promise<unknown> {
    if (!Array.isArray(invitees) || invitees.length === 0) return Promise.reject(new TypeError('Invalid Argument'));
    return this.#request('invite', { invitees });
  }

  /** Mobile only, on the page's side. */
  captureCameraPicture(cameraFacingMode?: string, descriptionText?: string, titleText?: string): Promise<unknown> {
    return this.#request('captureCameraPicture', { cameraFacingMode, descriptionText, titleText });
  }

  /** A picture of the on-stage video. */
  captureLargeVideoScreenshot(): Promise<unknown> {
    return this.#request('captureLargeVideoScreenshot');
  }

  /** Connection statistics of the local participant. */
  getConnectionStats(): Promise<unknown> {
    return this.#request('getConnectionStats');
  }

  /** `{ sharingParticipantIds }`. */
  getContentSharingParticipants(): Promise<unknown> {
    return this.#request('getContentSharingParticipants');
  }

  /** `{ avatarBackgrounds }`. */
  getCustomAvatarBackgrounds(): Promise<unknown> {
    return this.#request('getCustomAvatarBackgrounds');
  }

  /** The server's `config.deploymentInfo`. */
  getDeploymentInfo(): Promise<unknown> {
    return this.#request('getDeploymentInfo');
  }

  /** `{ livestreamUrl }` while streaming. */
  getLivestreamUrl(): Promise<unknown> {
    return this.#request('getLivestreamUrl');
  }

  /** The rooms (main and breakout) with their participants. */
  getRoomsInfo(includeHidden = false): Promise<unknown> {
    return this.#request('getRoomsInfo', { includeHidden });
  }

  /** The conference session id, `''` when there is none yet. */
  getSessionId(): Promise<unknown> {
    return this.#request('getSessionId');
  }

  /** The shared document's URL, `''` when there is none. */
  getSharedDocumentUrl(): Promise<unknown> {
    return this.#request('getSharedDocumentUrl');
  }

  /** Whether audio is available. */
  isAudioAvailable(): Promise<unknown> {
    return this.#request('isAudioAvailable');
  }

  /** Whether audio is disabled for this participant. */
  isAudioDisabled(): Promise<unknown> {
    return this.#request('isAudioDisabled');
  }

  /** Whether the local microphone is muted. */
  isAudioMuted(): Promise<unknown> {
    return this.#request('isAudioMuted');
  }

  /** Whether moderation of `mediaType` is on. */
  isModerationOn(mediaType?: string): Promise<unknown> {
    return this.#request('isModerationOn', { mediaType });
  }

  /** Whether the connection is peer-to-peer. */
  isP2pActive(): Promise<unknown> {
    return this.#request('isP2pActive');
  }

  /** Whether a participant is force-muted for `mediaType`. */
  isParticipantForceMuted(participantId: string, mediaType?: string): Promise<unknown> {
    return this.#request('isParticipantForceMuted', { participantId, mediaType });
  }

  /** Whether the participants pane is open. */
  isParticipantsPaneOpen(): Promise<unknown> {
    return this.#request('isParticipantsPaneOpen');
  }

  /** Whether the local participant shares the screen. */
  isSharingScreen(): Promise<unknown> {
    return this.#request('isSharingScreen');
  }

  /** Whether the meeting started silent. */
  isStartSilent(): Promise<unknown> {
    return this.#request('isStartSilent');
  }

  /** Whether video is available. */
  isVideoAvailable(): Promise<unknown> {
    return this.#request('isVideoAvailable');
  }

  /** Whether the local camera is muted. */
  isVideoMuted(): Promise<unknown> {
    return this.#request('isVideoMuted');
  }

  /** The breakout rooms, keyed by id. */
  listBreakoutRooms(): Promise<unknown> {
    return this.#request('listBreakoutRooms');
  }

  /** Electron only. */
  _isNewElectronScreensharingSupported(): Promise<unknown> {
    return this.#request('_isNewElectronScreensharingSupported');
  }

  /** Electron only. */
  _openDesktopPicker(): Promise<unknown> {
    return this.#request('_openDesktopPicker');
  }

  /** The devices by kind; `{}` when the page fails, as in Jitsi. */
  getAvailableDevices(): Promise<unknown> {
    return this.#device('getAvailableDevices').catch(() => ({}));
  }

  /** The devices in use by kind; `{}` when the page fails, as in Jitsi. */
  getCurrentDevices(): Promise<unknown> {
    return this.#device('getCurrentDevices').catch(() => ({}));
  }

  /** Whether devices of `deviceType` (`'input'`, `'output'`) can be changed. */
  isDeviceChangeAvailable(deviceType?: string): Promise<unknown> {
    return this.#send({ deviceType, type: 'devices', name: DEVICE_REQUEST_WIRE_NAMES.isDeviceChangeAvailable });
  }

  /** Whether several microphones can be used. */
  isMultipleAudioInputSupported(): Promise<unknown> {
    return this.#device('isMultipleAudioInputSupported');
  }

  /** Picks a microphone by label or id. */
  setAudioInputDevice(label?: string, deviceId?: string): Promise<unknown> {
    return this.#device('setAudioInputDevice', { device: { id: deviceId, kind: 'audioinput', label } });
  }

  /** Picks a speaker by label or id. */
  setAudioOutputDevice(label?: string, deviceId?: string): Promise<unknown> {
    return this.#device('setAudioOutputDevice', { device: { id: deviceId, kind: 'audiooutput', label } });
  }

  /** Picks a camera by label or id. */
  setVideoInputDevice(label?: string, deviceId?: string): Promise<unknown> {
    return this.#device('setVideoInputDevice', { device: { id: deviceId, kind: 'videoinput', label } });
  }

  /** Pins a participant's video. */
  pinParticipant(participantId: string, videoType?: string): void {
    this.executeCommand('pinParticipant', participantId, videoType);
  }

  /** Puts a participant on stage. */
  setLargeVideoParticipant(participantId?: string, videoType?: string): void {
    this.executeCommand('setLargeVideoParticipant', participantId, videoType);
  }

  /** Resizes the large video; sent only when it fits the `width`/`height` options. */
  resizeLargeVideo(width: number, height: number): void {
    if (width <= Number(this.#width) && height <= Number(this.#height))
      this.executeCommand('resizeLargeVideo', width, height);
  }

  /** Starts recording, streaming or transcription. */
  startRecording(options: Record<string, unknown>): void {
    this.executeCommand('startRecording', options);
  }

  /** Stops recording or streaming of `mode`. */
  stopRecording(mode: string, transcription?: boolean): void {
    this.executeCommand('stopRecording', mode, transcription);
  }

  /** Turns the virtual background on or off. */
  setVirtualBackground(enabled: boolean, backgroundImage?: string): void {
    this.executeCommand('setVirtualBackground', enabled, backgroundImage);
  }

  /** Turns end-to-end encryption on or off. */
  toggleE2EE(enabled: boolean): void {
    this.executeCommand('toggleE2EE', enabled);
  }

  /** Shows Picture-in-Picture. */
  showPiP(): void {
    this.executeCommand('showPiP');
  }

  /** Hides Picture-in-Picture. */
  hidePiP(): void {
    this.executeCommand('hidePiP');
  }

  /** Sends an E2EE key (`CryptoKey` exported raw) with its index; without a key, turns the key at `index` off. */
  async setMediaEncryptionKey(keyInfo: { key?: CryptoKey; index: number }): Promise<void> {
    const exportedKey = keyInfo.key
      ? Array.from(new Uint8Array(await crypto.subtle.exportKey('raw', keyInfo.key)))
      : false;
    this.executeCommand('setMediaEncryptionKey', JSON.stringify({ exportedKey, index: keyInfo.index }));
  }

  /** Relays a proxy connection event to the page. */
  sendProxyConnectionEvent(event: unknown): void {
    this.#client.sendCommand('proxy-connection-event', [event]);
  }

  /** Relays an external share signal to the page. */
  sendExternalShareSignal(signal: unknown): void {
    this.#client.sendCommand('external-share-signal', [signal]);
  }

  /**
   * Emits `_willDispose`, stops everything and removes the iframe. As in Jitsi, requests still pending never
   * settle, and afterwards commands do nothing and requests fail at once (docs/jitsi/wire.md §10).
   */
  dispose(): void {
    this.#disposed = true;
    this.#client.dispose();
    this.removeAllListeners();
    this.#stopPiPWatch?.();
  }

  #request(fn: JitsiRequestName, fields: Record<string, unknown> = {}): Promise<unknown> {
    return this.#send({ name: requestWireName(fn), ...fields });
  }

  #device(fn: JitsiDeviceRequestName, fields: Record<string, unknown> = {}): Promise<unknown> {
    return this.#send({ type: 'devices', name: DEVICE_REQUEST_WIRE_NAMES[fn], ...fields });
  }

  #send(data: JitsiRequestData): Promise<unknown> {
    // Jitsi's Transport has no backend once disposed, and says so in these words.
    if (this.#disposed) return Promise.reject(new Error('No transport backend defined!'));
    return this.#client.sendRequest(data);
  }

  #reemit(name: string, payload: JitsiEventPayload): void {
    // Jitsi emits its own synthetic events with no argument at all.
    if ((SYNTHETIC_EVENT_NAMES as readonly string[]).includes(name)) this.emit(name);
    else this.emit(name, payload);
  }

  /** Jitsi sends `show-pip` when the iframe leaves the viewport and `hide-pip` when it is back, if PiP is on. */
  #watchPiP(): void {
    const enabled = isPiPEnabled(this.#pip, window);
    if (enabled && !this.#stopPiPWatch) {
      this.#stopPiPWatch = watchFrameVisibility(this.#frame, (visible) => (visible ? this.hidePiP() : this.showPiP()));
    } else if (!enabled && this.#stopPiPWatch) {
      this.#stopPiPWatch();
      this.#stopPiPWatch = undefined;
    }
  }
}
