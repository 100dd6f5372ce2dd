import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { isHttpUrl } from '../../branding/branding-schema.js';
import { brandingLogo, brandingStyle } from '../../branding/branding-chrome.js';
import { jitsiInterfaceConfigOf } from '../../branding/jitsi-branding.js';
import type { BrandingError } from '../../branding/load-branding.js';
import { classifyJitsiError, type JitsiErrorPayload } from '../../meeting/classify-jitsi-error.js';
import { EventWaiter } from '../../meeting/event-waiter.js';
import type { JitsiCommandName, JitsiEventName } from '../../meeting/jitsi-wire/wire-names.js';
import { preconnect } from '../../meeting/preconnect.js';
import { MeetingError, type MeetingErrorCode } from '../../meeting/meeting-error.js';
import { MeetingLoadWatch } from '../../meeting/meeting-load-watch.js';
import type { MeetingLoader, MeetingSession } from '../../meeting/meeting-session.js';
import { openNativeSession } from '../../meeting/native-session.js';
import { allowedServers, serverRefusal } from '../../meeting/server-allowlist.js';
import type { NanoMeetToken } from '../../token/claims.js';
import { decodeToken } from '../../token/decode-token.js';
import { isValidServerHost } from '../../token/server-host.js';
import { eventEmitter } from '../emit-event.js';
import { BrandingController } from '../../branding/branding-controller.js';
import { meetingContext, type MeetingContextValue, type MeetingHandle } from './meeting-context.js';
import type { LeftReason, MeetingParticipant, MeetingScreen } from './meeting-state.js';
import { domEventName, isReemittedJitsiEvent, type BroadcastErrorDetail, type BroadcastState, type MeetingState, type NanoMeetEventMap } from './nano-meet-events.js';
import { ingestUrl, playoutUrls, type BroadcastPlayout, type BroadcastTemplates, type StreamPlace } from '../../broadcast/broadcast-addresses.js';
import { nanoMeetStyles } from './nano-meet.styles.js';
import { TokenClock } from './token-clock.js';

const emitEvent = eventEmitter<NanoMeetEventMap>();

export type { MeetingParticipant, LeftReason } from './meeting-state.js';
export type { MeetingState } from './nano-meet-events.js';
export type { MeetingErrorCode } from '../../meeting/meeting-error.js';
export { MeetingError } from '../../meeting/meeting-error.js';
export type { BroadcastPlayout, BroadcastTemplates } from '../../broadcast/broadcast-addresses.js';

/** Jibri needs a while to join and start streaming. */
const BROADCAST_TIMEOUT_MS = 60_000;

export interface StartBroadcastOptions extends BroadcastTemplates {
  /** Keep a recording for VOD after the broadcast. */
  record?: boolean;
}

type Payload = Record<string, unknown>;

/**
 * A secure, branded Jitsi meeting, configured by a nano-meet token.
 *
 * @summary Embeds a Jitsi meeting named by a signed token.
 * @tagname nano-meet
 *
 * @slot loading - Shown while the meeting loads.
 * @slot error - Shown instead of the built-in message when the meeting cannot open.
 * @slot ended - Shown when this participant is out of the meeting (left, removed, meeting ended).
 *
 * @csspart base - The element's box, carrying the branding's background.
 * @csspart meeting - The box the meeting iframe is in.
 * @csspart status - The screen over the meeting: loading, waiting, lobby, password, error, ended.
 * @csspart logo - The branding's logo on those screens.
 * @csspart error - The error message.
 * @csspart button - Buttons on those screens (rejoin, submit the password).
 *
 * @cssprop --nano-meet-background - Background behind the meeting (default: the branding's).
 * @cssprop --nano-meet-color - Text colour of the element's own screens.
 * @cssprop --nano-meet-accent - Buttons and focus rings.
 * @cssprop --nano-meet-error-color - Text colour of error messages.
 * @cssprop --nano-meet-font-family - Font of the element's own screens.
 *
 * @fires nano-meet-ready - Joined; `detail.moderator`, `detail.participantId`, `detail.roomName`.
 * @fires nano-meet-error - Something failed; `detail.code` says what (e.g. `token-expired`, `not-moderator`).
 * @fires nano-meet-token-expiring - The token ends within `expiry-warning` seconds; `detail.expiresAt`.
 * @fires nano-meet-state-change - `state` changed; `detail.state`, `detail.previous`.
 * @fires nano-meet-left - Out of the meeting; `detail.reason`: hangup, kicked, ended or expired.
 * @fires nano-meet-broadcast-started - The broadcast is live; `detail.playout` has `live`, `whep`, `hls`, `vod`.
 * @fires nano-meet-broadcast-stopped - The broadcast ended.
 * @fires nano-meet-broadcast-error - The broadcast could not start or failed; `detail.code`, `detail.reason`.
 * @fires nano-meet-broadcast-state-change - `broadcastState` changed.
 * @fires nano-meet-video-conference-joined - Every Jitsi event, as `nano-meet-<kebab-case name>`, with Jitsi's payload.
 */
export class NanoMeetElement extends LitElement implements MeetingHandle {
  static override styles = nanoMeetStyles;

  /** The nano-meet token (a JWT) naming the server, room, role and stream. */
  @property() token = '';

  /** The branding: the URL of a branding JSON file, or the JSON itself. */
  @property() branding = '';

  /** The name others see (a name in the token wins). */
  @property({ attribute: 'display-name' }) displayName = '';

  /** The URL of this participant's picture. */
  @property() avatar = '';

  /** The meeting's language (e.g. `de`); applies when the meeting loads. */
  @property() override lang = '';

  /** `tile` shows everyone in a grid, `stage` the active speaker large. */
  @property() layout: 'tile' | 'stage' | '' = '';

  /** Moderators only: everyone follows the moderator's view (Jitsi's follow-me). */
  @property({ type: Boolean, attribute: 'presenter-mode' }) presenterMode = false;

  /** Moderators only: guests wait in a lobby until a moderator lets them in. */
  @property({ type: Boolean }) lobby = false;

  /** Moderators only: the meeting's subject. */
  @property() subject = '';

  /** Join, and stay, with the microphone muted. */
  @property({ type: Boolean, attribute: 'audio-muted' }) audioMuted = false;

  /** Join, and stay, with the camera off. */
  @property({ type: Boolean, attribute: 'video-muted' }) videoMuted = false;

  /**
   * Another meeting server than the token's: honoured only when the page lists it (`allowed-servers`, or
   * `<meta name="nano-meet-allowed-servers" content="…">`).
   */
  @property() server = '';

  /**
   * The meeting servers this element may talk to: origins (`https://meet.example.org`) or hosts
   * (`meet.example.org:8443`), separated by spaces or commas. A token naming another server is refused before
   * anything is sent to it. With `<meta name="nano-meet-allowed-servers">` on the page too, only servers on both
   * lists are allowed. Without either list any server is, except for `loader="external"`, which needs one.
   */
  @property({ attribute: 'allowed-servers' }) allowedServers: string | null = null;

  /**
   * `native` (default): nano-meet speaks the meeting's protocol itself, no script from the meeting server runs in
   * the page. `external`: the server's own `external_api.js` is loaded, for deployments whose protocol differs.
   */
  @property() loader: MeetingLoader = 'native';

  /** Seconds before the token ends at which `nano-meet-token-expiring` fires. */
  @property({ type: Number, attribute: 'expiry-warning' }) expiryWarning = 300;

  /**
   * Seconds the meeting may take to load (the server's script with `loader="external"`, then the meeting page),
   * and again to join or to show a screen that waits for the person (prejoin, password, lobby), before the element
   * gives up with `load-timeout` (`script-load-failed` for the script).
   */
  @property({ type: Number, attribute: 'load-timeout' }) loadTimeout = 30;

  /** Seconds an action waits for the meeting to confirm it before it fails with `timeout`. */
  @property({ type: Number, attribute: 'action-timeout' }) actionTimeout = 15;

  /** Where the broadcast goes in: a template with `{streamname}` and `{server}` (default `rtmp://{server}/live/{streamname}`). */
  @property({ attribute: 'ingest-template' }) ingestTemplate = '';

  /** The WHEP playout address template (default `https://{server}/whep/{streamname}`). */
  @property({ attribute: 'whep-template' }) whepTemplate = '';

  /** The HLS playout address template (default `https://{server}/hls/{streamname}/index.m3u8`). */
  @property({ attribute: 'hls-template' }) hlsTemplate = '';

  /** The VOD address template, for recorded broadcasts (default `https://{server}/vod/{streamname}/index.m3u8`). */
  @property({ attribute: 'vod-template' }) vodTemplate = '';

  /** The live broadcast: `idle`, `starting`, `live`, `stopping` or `error`. Read-only. */
  @property({ attribute: 'broadcast-state', reflect: true }) readonly broadcastState: BroadcastState = 'idle';

  /** Where the element is: `idle`, `loading`, `joined`, `left` or `error`. Read-only. */
  @property({ reflect: true }) readonly state: MeetingState = 'idle';

  @state() private _screen: MeetingScreen = { kind: 'none' };
  @state() private _participants: MeetingParticipant[] = [];
  @state() private _token?: NanoMeetToken;
  @state() private _roleModerator?: boolean;

  #session?: MeetingSession;
  /** The server the token's meeting opens on, once the page has allowed it. */
  #server?: string;
  #loadWatch?: MeetingLoadWatch;
  #generation = 0;
  #myId?: string;
  #handRaised = false;
  #tileView = false;
  #knownAudioMuted = false;
  #knownVideoMuted = false;
  #broadcast?: { record: boolean; playout: BroadcastPlayout };
  readonly #waiter = new EventWaiter(() => this.actionTimeout * 1000);
  readonly #branding = new BrandingController(this, (error) => this.#reportBrandingError(error));
  readonly #clock = new TokenClock(this, {
    onOpen: () => void this.#join(),
    onExpiring: (expiresAt) =>
      emitEvent(this, 'nano-meet-token-expiring', { expiresAt, secondsLeft: Math.max(0, Math.round((expiresAt.getTime() - Date.now()) / 1000)) }),
    onExpired: () => this.#expire(),
  });
  readonly #context = new ContextProvider(this, { context: meetingContext, initialValue: this.#contextValue() });

  /** Whether this participant is a moderator: from the token, then as roles change in the meeting. Read-only. */
  get moderator(): boolean {
    return this._roleModerator ?? this._token?.moderator ?? false;
  }

  /** Everyone in the meeting, this participant included. Read-only. */
  get participants(): readonly MeetingParticipant[] {
    return this._participants;
  }

  /** The stream name of the token. Read-only. */
  get streamName(): string | undefined {
    return this._token?.streamName;
  }

  /** The meeting's iframe while there is one. */
  get iframe(): HTMLIFrameElement | undefined {
    return this.#session?.iframe;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#branding.source = this.branding;
    // Re-inserted: rejoin with the same token.
    if (this.hasUpdated) this.#readToken();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    const wasIn = this.#session !== undefined;
    this.#leave();
    if (wasIn) emitEvent(this, 'nano-meet-left', { reason: 'removed' });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('branding')) this.#branding.source = this.branding;
    if (changed.has('token') || changed.has('server') || changed.has('loader') || changed.has('allowedServers')) {
      this.#readToken();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Someone must type the password: take them to the field.
    if (changed.has('_screen' as keyof NanoMeetElement) && this._screen.kind === 'password') {
      this.renderRoot.querySelector<HTMLInputElement>('#password')?.focus();
    }
    if (this.state !== 'joined') return;
    if (changed.has('displayName') && this.displayName) this.#command('displayName', this.displayName);
    if (changed.has('avatar') && this.avatar && isHttpUrl(this.avatar)) this.#command('avatarUrl', this.avatar);
    if (changed.has('layout') && this.layout) this.#applyLayout();
    if (changed.has('audioMuted') && this.audioMuted !== this.#knownAudioMuted) this.#command('toggleAudio');
    if (changed.has('videoMuted') && this.videoMuted !== this.#knownVideoMuted) this.#command('toggleVideo');
    if (this.moderator) {
      if (changed.has('presenterMode')) this.#command('setFollowMe', this.presenterMode);
      if (changed.has('lobby')) this.#command('toggleLobby', this.lobby);
      if (changed.has('subject') && this.subject) this.#command('subject', this.subject);
    }
  }

  // ── meeting actions: each settles when the meeting confirms it ──

  /** Sends a chat message to everyone, or privately to the participant `to`. */
  async sendChatMessage(message: string, to?: string): Promise<void> {
    const session = this.#joined();
    if (typeof message !== 'string' || message.trim() === '') throw new MeetingError('invalid-argument', 'A chat message needs some text.');
    if (to !== undefined) this.#participant(to);
    const sent = this.#waiter.next('outgoingMessage', (payload) => payload['message'] === message, 'the chat message');
    session.command('sendChatMessage', message, to ?? '');
    await sent;
  }

  /** Raises this participant's hand. */
  raiseHand(): Promise<void> {
    return this.#setHand(true);
  }

  /** Lowers this participant's hand. */
  lowerHand(): Promise<void> {
    return this.#setHand(false);
  }

  /** Shows everyone in a grid (`true`) or the active speaker large (`false`). */
  async setTileView(enabled: boolean): Promise<void> {
    const session = this.#joined();
    if (this.#tileView === enabled) return;
    const changed = this.#waiter.next('tileViewChanged', (payload) => payload['enabled'] === enabled, 'the layout');
    session.command('setTileView', enabled);
    await changed;
  }

  /** Moderators: everyone follows this participant's view. */
  async setFollowMe(enabled: boolean): Promise<void> {
    this.#moderatorAction('Presenter mode').command('setFollowMe', enabled);
    await this.#roundTrip();
  }

  /** Moderators: guests wait in a lobby until a moderator lets them in. */
  async setLobby(enabled: boolean): Promise<void> {
    this.#moderatorAction('The lobby').command('toggleLobby', enabled);
    await this.#roundTrip();
  }

  /** Moderators: lets a knocking guest in, or turns them away. */
  async answerKnock(participantId: string, approved: boolean): Promise<void> {
    const session = this.#moderatorAction('Answering a knock');
    const joined = approved ? this.#waiter.next('participantJoined', (payload) => payload['id'] === participantId, 'the admission') : undefined;
    session.command('answerKnockingParticipant', participantId, approved);
    await (joined ?? this.#roundTrip());
  }

  /** Moderators: locks the meeting with a password (an empty one unlocks it). */
  async setPassword(password: string): Promise<void> {
    this.#moderatorAction('Locking the meeting').command('password', password);
    await this.#roundTrip();
  }

  /** Answers the meeting's question for a password; resolves once inside. */
  async submitPassword(password: string): Promise<void> {
    const session = this.#session;
    if (!session || this._screen.kind !== 'password') throw new MeetingError('not-joined', 'The meeting is not asking for a password.');
    const joined = this.#waiter.next('videoConferenceJoined', () => true, 'the password');
    const refused = this.#waiter.next('passwordRequired', () => true, 'the password');
    session.command('password', password);
    await Promise.race([
      joined,
      refused.then(() => {
        throw new MeetingError('invalid-argument', 'That password is not right.');
      }),
    ]);
  }

  /** Moderators: removes a participant from the meeting. */
  async kickParticipant(participantId: string): Promise<void> {
    const session = this.#moderatorAction('Removing a participant');
    this.#participant(participantId);
    const kicked = this.#waiter.next('participantKickedOut', (payload) => (payload['kicked'] as Payload | undefined)?.['id'] === participantId, 'the removal');
    session.command('kickParticipant', participantId);
    await kicked;
  }

  /** Moderators: makes a participant a moderator too. */
  async grantModerator(participantId: string): Promise<void> {
    const session = this.#moderatorAction('Granting the moderator role');
    this.#participant(participantId);
    const granted = this.#waiter.next('participantRoleChanged', (payload) => payload['id'] === participantId && payload['role'] === 'moderator', 'the new role');
    session.command('grantModerator', participantId);
    await granted;
  }

  /** Moderators: mutes everyone else's microphone (or camera). */
  async muteEveryone(mediaType: 'audio' | 'video' = 'audio'): Promise<void> {
    this.#moderatorAction('Muting everyone').command('muteEveryone', mediaType);
    await this.#roundTrip();
  }

  /** Moderators: sets the meeting's subject. */
  async setSubject(subject: string): Promise<void> {
    const session = this.#moderatorAction('Setting the subject');
    const changed = this.#waiter.next('subjectChange', (payload) => payload['subject'] === subject, 'the subject');
    session.command('subject', subject);
    await changed;
  }

  /** Mutes or unmutes this participant's microphone. */
  setAudioMuted(muted: boolean): Promise<void> {
    return this.#setMuted('audio', muted);
  }

  /** Turns this participant's camera off or on. */
  setVideoMuted(muted: boolean): Promise<void> {
    return this.#setMuted('video', muted);
  }

  /** Changes this participant's picture (an http(s) URL). */
  async setAvatar(url: string): Promise<void> {
    const session = this.#joined();
    if (!isHttpUrl(url)) throw new MeetingError('invalid-argument', 'An avatar must be an http(s) URL.');
    const changed = this.#waiter.next('avatarChanged', (payload) => payload['id'] === this.#myId && payload['avatarURL'] === url, 'the avatar');
    session.command('avatarUrl', url);
    await changed;
  }

  /**
   * Puts an image behind this participant (an http(s) URL the page may fetch, or a data URL), or takes it away
   * with `null`. Jitsi wants the image itself, so it is fetched here.
   */
  async setVirtualBackground(imageUrl: string | null): Promise<void> {
    const session = this.#joined();
    if (imageUrl === null) {
      session.command('setVirtualBackground', false);
    } else {
      session.command('setVirtualBackground', true, await imageAsDataUrl(imageUrl));
    }
    await this.#roundTrip();
  }

  /** Watch party: plays a stream URL or a YouTube video for everyone in the meeting. */
  async shareVideo(url: string): Promise<void> {
    const session = this.#joined();
    if (!isHttpUrl(url) && !/^[A-Za-z0-9_-]{11}$/.test(url)) {
      throw new MeetingError('invalid-argument', 'Share an http(s) stream URL, a YouTube URL or a YouTube video id.');
    }
    const playing = this.#waiter.next('audioOrVideoSharingToggled', (payload) => payload['value'] === 'playing' && payload['participantId'] === this.#myId, 'the shared video');
    session.command('startShareVideo', url);
    await playing;
  }

  /** Stops the video this participant shares. */
  async stopShareVideo(): Promise<void> {
    const session = this.#joined();
    const stopped = this.#waiter.next('audioOrVideoSharingToggled', (payload) => payload['value'] === 'stop', 'the end of the shared video');
    session.command('stopShareVideo');
    await stopped;
  }

  /** Leaves the meeting. */
  async hangUp(): Promise<void> {
    const session = this.#joined();
    const left = this.#waiter.next('videoConferenceLeft', () => true, 'leaving');
    session.command('hangup');
    await left;
  }

  /** Everyone in the meeting, as the meeting itself reports them now. */
  async getParticipants(): Promise<MeetingParticipant[]> {
    const session = this.#joined();
    const info = await session.request('getRoomsInfo');
    const main = info.rooms.find((room) => room.isMainRoom !== false) ?? info.rooms[0];
    return (main?.participants ?? []).map((participant) => ({
      id: participant.id,
      displayName: participant.displayName ?? '',
      moderator: participant.role === 'moderator',
      local: participant.id === this.#myId,
    }));
  }

  /**
   * Moderators: puts the meeting on air (Jitsi live streaming to the ingest address), optionally recorded for
   * VOD. Resolves with the playout addresses once the stream is really live.
   */
  async startBroadcast(options: StartBroadcastOptions = {}): Promise<BroadcastPlayout> {
    let session: MeetingSession;
    try {
      session = this.#moderatorAction('Broadcasting');
    } catch (error) {
      this.#broadcastError({ code: (error as MeetingError).code as BroadcastErrorDetail['code'], message: (error as MeetingError).message });
      throw error;
    }
    if (this.broadcastState === 'live' && this.#broadcast) return this.#broadcast.playout;
    const record = options.record ?? false;
    const templates = this.#templates(options);
    const place = this.#streamPlace();
    this.#broadcast = { record, playout: playoutUrls(templates, place, record) };
    this.#setBroadcastState('starting');
    const outcome = this.#waiter.next('recordingStatusChanged', (payload) => payload['mode'] === 'stream', 'the broadcast', BROADCAST_TIMEOUT_MS);
    session.command('startRecording', { mode: 'stream', rtmpStreamKey: ingestUrl(templates, place, record) });
    let status: Payload;
    try {
      status = await outcome;
    } catch (error) {
      this.#broadcastError({ code: 'timeout', message: (error as Error).message });
      throw error;
    }
    if (status['on'] !== true) {
      throw new MeetingError('broadcast-refused', broadcastRefusal(status['error']));
    }
    return this.#broadcast.playout;
  }

  /** Moderators: takes the meeting off air. Resolves once the stream has ended. */
  async stopBroadcast(): Promise<void> {
    const session = this.#moderatorAction('Stopping the broadcast');
    if (this.broadcastState === 'idle' || this.broadcastState === 'error') return;
    this.#setBroadcastState('stopping');
    const stopped = this.#waiter.next('recordingStatusChanged', (payload) => payload['mode'] === 'stream' && payload['on'] === false, 'the end of the broadcast', BROADCAST_TIMEOUT_MS);
    session.command('stopRecording', 'stream');
    await stopped;
  }

  /** Joins again after leaving, with the same token. */
  rejoin(): void {
    this.#leave();
    this.#readToken();
  }

  // ── joining and leaving ──

  #readToken() {
    this.#leave();
    this._token = undefined;
    this.#server = undefined;
    this._roleModerator = undefined;
    if (!this.token) {
      this.#clock.watch(undefined);
      this.#show('idle', { kind: 'none' });
      return;
    }
    // No clock leeway here: the meeting server allows none, so an early join would only be refused.
    const result = decodeToken(this.token, { allowNotYetValid: true, clockSkewSeconds: 0 });
    if (!result.ok) {
      this.#clock.watch(undefined);
      this.#fail(result.error.code, result.error.message);
      return;
    }
    const token = result.token;
    this._token = token;
    this.#clock.watch({ notBefore: token.notBefore, expiresAt: token.expiresAt, warnBeforeMs: this.expiryWarning * 1000 });
    const server = this.#allowedServerFor(token);
    if (!server) return;
    this.#server = server;
    preconnect(server);
    if (token.notBefore.getTime() <= Date.now()) {
      void this.#join();
      return;
    }
    // Not yet valid: say when it opens; the clock joins then.
    this.#show('idle', { kind: 'waiting', opensAt: token.notBefore });
    this.#error('token-not-yet-valid', `The meeting opens at ${token.notBefore.toLocaleString()}.`);
  }

  /** The server to open the token's meeting on, if the page allows it; otherwise fails, before any request. */
  #allowedServerFor(token: NanoMeetToken): string | undefined {
    const overridden = this.server !== '' && this.server !== token.server;
    const server = overridden ? this.server : token.server;
    const allowed = allowedServers(this.ownerDocument, this.allowedServers);
    const refusal = isValidServerHost(server)
      ? serverRefusal({ server, overridden, external: this.loader === 'external' }, allowed)
      : `The server attribute must be a host with an optional port, not ${JSON.stringify(server)}.`;
    if (refusal === undefined) return server;
    this.#fail('server-not-allowed', refusal);
    return undefined;
  }

  /** The broadcast's stream on the server this page meets on (a `server` override included). */
  #streamPlace(): StreamPlace {
    return { streamName: this._token!.streamName, server: this.#server ?? this._token!.server };
  }

  async #join() {
    const token = this._token;
    const server = this.#server;
    if (!token || !server || !this.isConnected || this.#session) return;
    const generation = ++this.#generation;
    this.#show('loading', { kind: 'loading' });
    const branding = await this.#branding.ready;
    await this.updateComplete;
    const container = this.renderRoot.querySelector<HTMLElement>('[part="meeting"]');
    if (generation !== this.#generation || !container) return;
    const options = {
      domain: server,
      roomName: token.room,
      jwt: token.jwt,
      parentNode: container,
      title: `Meeting ${token.room}`,
      ...(this.lang && { lang: this.lang }),
      configOverwrite: {
        // Picture-in-picture would open when the page scrolls the meeting out of view.
        pip: { disabled: true },
        prejoinConfig: { enabled: false },
        startWithAudioMuted: this.audioMuted,
        startWithVideoMuted: this.videoMuted,
        ...(this.subject && this.moderator && { subject: this.subject }),
      },
      interfaceConfigOverwrite: jitsiInterfaceConfigOf(branding),
      ...(this.displayName && { userInfo: { displayName: this.displayName } }),
      requestTimeoutMs: this.actionTimeout * 1000,
    };
    let session: MeetingSession;
    try {
      session =
        this.loader === 'external'
          ? // Rare, and it loads the server's script anyway: its code is fetched only when asked for.
            await (await import('../../meeting/external-session.js')).openExternalSession({ ...options, scriptTimeoutMs: this.loadTimeout * 1000 })
          : openNativeSession(options);
    } catch (error) {
      if (generation === this.#generation) this.#fail('script-load-failed', error instanceof Error ? error.message : String(error));
      return;
    }
    if (generation !== this.#generation || !this.isConnected) {
      session.dispose();
      return;
    }
    this.#session = session;
    this.#knownAudioMuted = this.audioMuted;
    this.#knownVideoMuted = this.videoMuted;
    const watch = new MeetingLoadWatch({
      server,
      timeoutMs: this.loadTimeout * 1000,
      onTimeout: (error) => {
        if (this.#session !== session) return;
        this.#leave();
        this.#fail(error.code, error.message);
      },
    });
    this.#loadWatch = watch;
    session.onEvent((name, payload) => {
      if (this.#session !== session) return;
      watch.observe(name, payload);
      this.#onJitsiEvent(name, payload);
    });
  }

  /** Takes the meeting off the page: hangs up first, so the others see this participant go at once. */
  #leave() {
    this.#generation += 1;
    const session = this.#session;
    if (!session) return;
    this.#session = undefined;
    this.#loadWatch?.dispose();
    this.#loadWatch = undefined;
    this.#waiter.cancel(new MeetingError('not-joined', 'The meeting was closed.'));
    try {
      session.command('hangup');
    } finally {
      session.dispose();
    }
    this.#myId = undefined;
    this._participants = [];
    this.#broadcast = undefined;
    this.#setBroadcastState('idle');
  }

  #expire() {
    const wasIn = this.#session !== undefined;
    this.#leave();
    this.#fail('token-expired', 'The token has expired, so the meeting was closed. Ask for a new token.');
    if (wasIn) emitEvent(this, 'nano-meet-left', { reason: 'expired' satisfies LeftReason });
  }

  #ended(reason: LeftReason, by?: string) {
    this.#leave();
    this.#show('left', { kind: 'ended', reason, ...(by && { by }) });
    emitEvent(this, 'nano-meet-left', { reason });
  }

  // ── what the meeting says ──

  #onJitsiEvent(name: JitsiEventName, payload: Payload) {
    // Confirmations first: tracking may end the session, which fails whatever still waits.
    this.#waiter.observe(name, payload);
    this.#track(name, payload);
    // Jitsi's payload goes out as it came; the event map types it for listeners.
    if (isReemittedJitsiEvent(name)) emitEvent(this, domEventName(name), payload as never);
  }

  #track(name: JitsiEventName, payload: Payload) {
    const id = typeof payload['id'] === 'string' ? payload['id'] : undefined;
    switch (name) {
      case 'videoConferenceJoined':
        this.#myId = id;
        this.#upsert({ id: id ?? '', displayName: String(payload['displayName'] ?? ''), moderator: this.moderator, local: true });
        this.#show('joined', { kind: 'none' });
        this.#applyJoinSettings();
        emitEvent(this, 'nano-meet-ready', { moderator: this.moderator, participantId: id ?? '', roomName: String(payload['roomName'] ?? '') });
        break;
      case 'participantJoined':
        if (id) this.#upsert({ id, displayName: String(payload['displayName'] ?? ''), moderator: false, local: id === this.#myId });
        break;
      case 'participantLeft':
        this._participants = this._participants.filter((participant) => participant.id !== id);
        break;
      case 'displayNameChange':
        if (id) this.#update(id, { displayName: String(payload['displayname'] ?? '') });
        break;
      case 'participantRoleChanged':
        if (id) this.#update(id, { moderator: payload['role'] === 'moderator' });
        if (id && id === this.#myId) {
          this._roleModerator = payload['role'] === 'moderator';
          this.#publishContext();
        }
        break;
      case 'raiseHandUpdated':
        if (id === this.#myId) this.#handRaised = Number(payload['handRaised']) > 0;
        break;
      case 'tileViewChanged':
        this.#tileView = payload['enabled'] === true;
        break;
      case 'audioMuteStatusChanged':
        this.#knownAudioMuted = payload['muted'] === true;
        break;
      case 'videoMuteStatusChanged':
        this.#knownVideoMuted = payload['muted'] === true;
        break;
      case 'passwordRequired':
        this.#show('loading', { kind: 'password', wrong: this._screen.kind === 'password' });
        break;
      case 'prejoinScreenLoaded':
        // The meeting's own screen asks the person to join (a deployment that keeps prejoin on): let them see it.
        this.#show('loading', { kind: 'none' });
        break;
      case 'participantKickedOut': {
        const kicked = payload['kicked'] as Payload | undefined;
        if (kicked?.['local'] === true) this.#ended('kicked', String((payload['kicker'] as Payload | undefined)?.['name'] ?? ''));
        break;
      }
      case 'videoConferenceLeft':
        if (this.#session) this.#ended('hangup');
        break;
      case 'errorOccurred':
        this.#onJitsiError(payload as JitsiErrorPayload);
        break;
      case 'recordingStatusChanged':
        if (payload['mode'] === 'stream') this.#onStreamStatus(payload);
        break;
    }
  }

  /** Jitsi's word on the stream, whoever started it: one `on:true` when live, `on:false` at the end or on refusal. */
  #onStreamStatus(payload: Payload) {
    if (payload['on'] === true) {
      // Started by another moderator: the addresses follow from this page's templates.
      this.#broadcast ??= { record: false, playout: playoutUrls(this.#templates({}), this.#streamPlace(), false) };
      this.#setBroadcastState('live');
      emitEvent(this, 'nano-meet-broadcast-started', { playout: this.#broadcast.playout });
    } else if (payload['error'] !== undefined) {
      this.#broadcast = undefined;
      this.#broadcastError({ code: 'broadcast-refused', message: broadcastRefusal(payload['error']), reason: String(payload['error']) });
    } else {
      const wasOn = this.broadcastState !== 'idle';
      this.#broadcast = undefined;
      this.#setBroadcastState('idle');
      if (wasOn) emitEvent(this, 'nano-meet-broadcast-stopped', {});
    }
  }

  #templates(options: BroadcastTemplates): BroadcastTemplates {
    const pick = (given: string | undefined, attribute: string) => given ?? (attribute || undefined);
    const templates: BroadcastTemplates = {};
    const ingest = pick(options.ingest, this.ingestTemplate);
    const whep = pick(options.whep, this.whepTemplate);
    const hls = pick(options.hls, this.hlsTemplate);
    const vod = pick(options.vod, this.vodTemplate);
    if (ingest !== undefined) templates.ingest = ingest;
    if (whep !== undefined) templates.whep = whep;
    if (hls !== undefined) templates.hls = hls;
    if (vod !== undefined) templates.vod = vod;
    return templates;
  }

  #setBroadcastState(next: BroadcastState) {
    const previous = this.broadcastState;
    if (previous === next) return;
    (this as { broadcastState: BroadcastState }).broadcastState = next;
    this.#publishContext();
    emitEvent(this, 'nano-meet-broadcast-state-change', { state: next, previous });
  }

  #broadcastError(detail: BroadcastErrorDetail) {
    this.#setBroadcastState('error');
    emitEvent(this, 'nano-meet-broadcast-error', detail);
  }

  #onJitsiError(payload: JitsiErrorPayload) {
    const outcome = classifyJitsiError(payload);
    switch (outcome.kind) {
      case 'lobby':
        this.#show('loading', { kind: 'lobby' });
        return;
      case 'ended':
        this.#ended('ended');
        return;
      case 'failed':
        this.#leave();
        this.#fail(outcome.code, FAILURE_MESSAGES[outcome.code] + (outcome.detail ? ` (${outcome.detail})` : ''), outcome.jitsiName);
        return;
      default:
        return;
    }
  }

  /** Applies what the attributes ask for once inside. */
  #applyJoinSettings() {
    if (this.avatar && isHttpUrl(this.avatar)) this.#command('avatarUrl', this.avatar);
    if (this.layout) this.#applyLayout();
    if (this.moderator) {
      if (this.presenterMode) this.#command('setFollowMe', true);
      if (this.lobby) this.#command('toggleLobby', true);
      if (this.subject) this.#command('subject', this.subject);
    }
  }

  #applyLayout() {
    const tile = this.layout === 'tile';
    if (tile !== this.#tileView) this.#command('setTileView', tile);
  }

  // ── helpers ──

  #command(name: JitsiCommandName, ...args: unknown[]) {
    this.#session?.command(name, ...args);
  }

  #joined(): MeetingSession {
    if (!this.#session || this.state !== 'joined') throw new MeetingError('not-joined', 'Join the meeting first.');
    return this.#session;
  }

  #moderatorAction(what: string): MeetingSession {
    const session = this.#joined();
    if (!this.moderator) {
      const error = new MeetingError('not-moderator', `${what} needs a moderator; this participant is a guest.`);
      this.#error(error.code, error.message);
      throw error;
    }
    return session;
  }

  #participant(id: string): MeetingParticipant {
    const found = this._participants.find((participant) => participant.id === id);
    if (!found) throw new MeetingError('invalid-argument', `No participant ${JSON.stringify(id)} is in the meeting.`);
    return found;
  }

  /** Commands are handled in order, so an answer to a request sent after one proves the command was handled. */
  async #roundTrip(): Promise<void> {
    await this.#joined().request('isAudioMuted');
  }

  async #setHand(raised: boolean) {
    const session = this.#joined();
    if (this.#handRaised === raised) return;
    const updated = this.#waiter.next('raiseHandUpdated', (payload) => payload['id'] === this.#myId && Number(payload['handRaised']) > 0 === raised, 'the hand');
    session.command('toggleRaiseHand');
    await updated;
  }

  async #setMuted(mediaType: 'audio' | 'video', muted: boolean) {
    const session = this.#joined();
    const known = mediaType === 'audio' ? this.#knownAudioMuted : this.#knownVideoMuted;
    if (known === muted) return;
    const changed = this.#waiter.next(`${mediaType}MuteStatusChanged`, (payload) => payload['muted'] === muted, `the ${mediaType === 'audio' ? 'microphone' : 'camera'}`);
    session.command(mediaType === 'audio' ? 'toggleAudio' : 'toggleVideo');
    await changed;
  }

  #upsert(participant: MeetingParticipant) {
    this._participants = [...this._participants.filter((existing) => existing.id !== participant.id), participant];
  }

  #update(id: string, fields: Partial<MeetingParticipant>) {
    this._participants = this._participants.map((participant) => (participant.id === id ? { ...participant, ...fields } : participant));
  }

  #show(next: MeetingState, screen: MeetingScreen) {
    this._screen = screen;
    const previous = this.state;
    if (previous === next) return;
    (this as { state: MeetingState }).state = next;
    this.#publishContext();
    emitEvent(this, 'nano-meet-state-change', { state: next, previous });
  }

  /** The error first, so that whoever hears the state change to `error` already knows why. */
  #fail(code: MeetingErrorCode, message: string, jitsiName?: string) {
    this.#error(code, message, jitsiName);
    this.#show('error', { kind: 'error', code, message });
  }

  #error(code: MeetingErrorCode, message: string, jitsiName?: string) {
    emitEvent(this, 'nano-meet-error', { code, message, ...(jitsiName && { jitsiName }) });
  }

  #reportBrandingError(error: BrandingError) {
    this.#error(error.code, `${error.message} The default look is used.`);
  }

  #contextValue(): MeetingContextValue {
    return { state: this.state, moderator: this.moderator, streamName: this.streamName, broadcastState: this.broadcastState, meeting: this };
  }

  #publishContext() {
    this.#context.setValue(this.#contextValue());
  }

  protected override render() {
    return html`<div part="base" class="base" ${brandingStyle(this.#branding.branding)}>
      <div part="meeting" class="meeting"></div>
      ${this.#renderScreen()}
      <p class="visually-hidden" role="status" aria-live="polite">${statusText(this._screen, this.state)}</p>
    </div>`;
  }

  #renderScreen() {
    const screen = this._screen;
    if (screen.kind === 'none') return nothing;
    const logo = brandingLogo(this.#branding.branding);
    switch (screen.kind) {
      case 'loading':
        return html`<div part="status" class="status">${logo}<slot name="loading"><div class="spinner" aria-hidden="true"></div><p>Joining the meeting…</p></slot></div>`;
      case 'waiting':
        return html`<div part="status" class="status">${logo}<p>This meeting opens at ${screen.opensAt.toLocaleString()}.</p></div>`;
      case 'lobby':
        return html`<div part="status" class="status">${logo}<p>Waiting for a moderator to let you in…</p></div>`;
      case 'password':
        return html`<div part="status" class="status">
          ${logo}
          <form class="password" @submit=${this.#onPasswordSubmit}>
            <label for="password">${screen.wrong ? 'That password is not right. Try again:' : 'This meeting is locked. Password:'}</label>
            <input id="password" name="password" type="password" autocomplete="off" required />
            <button part="button" type="submit">Join</button>
          </form>
        </div>`;
      case 'error':
        return html`<div part="status" class="status" role="alert">
          ${logo}
          <slot name="error"><p part="error">${screen.message}</p><p class="code">${screen.code}</p></slot>
          ${RETRYABLE.has(screen.code)
            ? html`<button part="button" type="button" @click=${() => this.rejoin()}>Try again</button>`
            : nothing}
        </div>`;
      case 'ended':
        return html`<div part="status" class="status">
          ${logo}
          <slot name="ended"><p>${ENDED_MESSAGES[screen.reason](screen.by)}</p></slot>
          ${screen.reason === 'hangup' ? html`<button part="button" type="button" @click=${() => this.rejoin()}>Rejoin</button>` : nothing}
        </div>`;
    }
  }

  #onPasswordSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('password') as HTMLInputElement;
    this.submitPassword(input.value).catch(() => undefined);
  };
}

/** What Jitsi's refusal of a stream (docs/jitsi/failures.md §S6) means for the person who asked. */
function broadcastRefusal(reason: unknown): string {
  switch (reason) {
    case 'forbidden':
    case 'not-allowed':
      return 'The meeting server refused the broadcast: this token may not stream (no livestreaming feature).';
    case 'service-unavailable':
      return 'No broadcasting service is available on the meeting server right now.';
    case 'resource-constraint':
      return 'The broadcasting service is busy; try again in a moment.';
    case 'unexpected-request':
      return 'A broadcast of this meeting is already running.';
    default:
      return `The broadcast could not start (${String(reason ?? 'no reason given')}).`;
  }
}

const FAILURE_MESSAGES: Record<string, string> = {
  'token-refused': 'The meeting server did not accept the token. Ask for a new one.',
  'room-refused': 'The token is not valid for this meeting room.',
  'lobby-denied': 'A moderator did not let you in.',
  'connection-lost': 'The connection to the meeting was lost.',
  'media-failed': 'Audio and video could not be set up with the meeting server.',
  'meeting-failed': 'The meeting failed.',
};

/** Failures that trying again may cure: the server was out of reach or lost. */
const RETRYABLE: ReadonlySet<string> = new Set<MeetingErrorCode>([
  'load-timeout',
  'script-load-failed',
  'connection-lost',
]);

const ENDED_MESSAGES: Record<LeftReason, (by?: string) => string> = {
  hangup: () => 'You left the meeting.',
  kicked: (by) => (by ? `${by} removed you from the meeting.` : 'You were removed from the meeting.'),
  ended: () => 'The meeting has ended.',
  expired: () => 'The token has expired.',
};

function statusText(screen: MeetingScreen, state: MeetingState): string {
  switch (screen.kind) {
    case 'loading':
      return 'Joining the meeting…';
    case 'waiting':
      return `The meeting opens at ${screen.opensAt.toLocaleString()}.`;
    case 'lobby':
      return 'Waiting for a moderator to let you in.';
    case 'password':
      return 'The meeting asks for a password.';
    case 'error':
      return screen.message;
    case 'ended':
      return ENDED_MESSAGES[screen.reason](screen.by);
    default:
      return state === 'joined' ? 'In the meeting.' : '';
  }
}

async function imageAsDataUrl(url: string): Promise<string> {
  if (/^data:image\/(png|jpeg|webp|gif|avif);base64,/.test(url)) return url;
  if (!isHttpUrl(url)) throw new MeetingError('invalid-argument', 'A virtual background must be an http(s) image URL or an image data URL.');
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
    reader.onerror = () => reject(new MeetingError('invalid-argument', `The virtual background ${url} could not be read.`));
    reader.readAsDataURL(blob);
  });
}

declare global {
  interface HTMLElementTagNameMap {
    'nano-meet': NanoMeetElement;
  }
}
