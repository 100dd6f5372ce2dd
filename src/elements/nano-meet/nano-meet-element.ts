import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { brandingLogo, brandingStyle } from '../../branding/branding-chrome.js';
import { BrandingController } from '../../branding/branding-controller.js';
import type { BroadcastPlayout } from '../../broadcast/broadcast-addresses.js';
import type { MeetingLoader } from '../../meeting/meeting-session.js';
import { LanguageController } from '../language-controller.js';
import { BroadcastController, type StartBroadcastOptions } from './broadcast-controller.js';
import { meetingContext, type MeetingContextValue, type MeetingHandle } from './meeting-context.js';
import { participantsOf, runAction } from './meeting-actions.js';
import { MeetingConnection } from './meeting-connection.js';
import { MeetingStatsController } from './meeting-stats-controller.js';
import { meetingScreen, statusText } from './meeting-screens.js';
import type { MeetingParticipant } from './meeting-state.js';
import type { BroadcastState, MeetingState, MeetingStats } from './nano-meet-events.js';
import { nanoMeetLook, nanoMeetStyles } from './nano-meet.styles.js';
import { ParticipantRoster } from './participant-roster.js';
import { ScreenFocus } from './screen-focus.js';
import { serverListText } from './server-settings.js';

export type { MeetingParticipant, LeftReason } from './meeting-state.js';
export type { MeetingState } from './nano-meet-events.js';
export type { MeetingErrorCode } from '../../meeting/meeting-error.js';
export { MeetingError } from '../../meeting/meeting-error.js';
export type { BroadcastPlayout, BroadcastTemplates } from '../../broadcast/broadcast-addresses.js';
export type { StartBroadcastOptions } from './broadcast-controller.js';

/**
 * A secure, branded Jitsi meeting, configured by a nano-meet token.
 *
 * Observable: `getStats()` and, every `stats-interval` seconds, `nano-meet-stats` carry a `MeetingStats`
 * (src/meeting/meeting-stats.ts): `participants` by role (`total`, `moderators`, `participants`, `visitors`),
 * `dominantSpeakerId`, `p2p`, `videoQuality`, `recording` (`file`, `stream`, `local`, `transcription`, `link`),
 * Jitsi's `connection` statistics and a `timestamp`. A field Jitsi has not given is absent, never zero; a
 * deployment that does not know `getConnectionStats` leaves `connection` out.
 *
 * @summary Embeds a Jitsi meeting named by a signed token.
 * @tagname nano-meet
 *
 * @slot - Controls shown over the meeting, top right: a `<nano-meet-broadcast-button>` placed here controls this meeting.
 * @slot loading - Shown while the meeting loads.
 * @slot error - Shown instead of the built-in message when the meeting cannot open.
 * @slot ended - Shown when this participant is out of the meeting (left, removed, meeting ended).
 *
 * @csspart base - The element's box, carrying the branding's background.
 * @csspart meeting - The box the meeting iframe is in.
 * @csspart controls - The box of the default slot, over the meeting in the top-right corner.
 * @csspart status - The screen over the meeting: loading, waiting, lobby, password, error, ended.
 * @csspart logo - The branding's logo on those screens.
 * @csspart meeting-logo - The branding's logo over the meeting, top left, linked to the branding's `logoClickUrl`.
 *   nano-meet draws it itself: a real Jitsi takes no logo from an embedding page (docs/jitsi/branding.md §1).
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
 * @fires {CustomEvent<MeetingStats>} nano-meet-stats - Every `stats-interval` seconds while joined: participants by
 *   role, dominant speaker, P2P or bridge, received video quality, recording and streaming, Jitsi's connection
 *   statistics.
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

  /**
   * The language (e.g. `de`, `de-AT`) of the element's own words and the meeting iframe's name, which switch at
   * once when it changes. Without it the element speaks its nearest ancestor's `lang`, else the document's, else
   * English (README: Languages). The meeting takes the same language when it loads (Jitsi's `lang`); with no `lang`
   * on the element, its ancestors or the document, Jitsi is sent none and follows the browser.
   */
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
   * (`meet.example.org:8443`), separated by spaces or commas; as a property, also an array of them. A token naming
   * another server is refused before anything is sent to it. With `<meta name="nano-meet-allowed-servers">` on the
   * page too, only servers on both lists are allowed. Without either list any server is, except for
   * `loader="external"`, which needs one. Any other value allows no server: the element shows why
   * (`server-not-allowed`).
   */
  // A framework passes a new array at each render: the same servers again do not open the meeting again.
  @property({ attribute: 'allowed-servers', hasChanged: (value, old) => listKey(value) !== listKey(old) })
  allowedServers: string | readonly string[] | null = null;

  /**
   * `native` (default): nano-meet speaks the meeting's protocol itself, no script from the meeting server runs in
   * the page. `external`: the server's own `external_api.js` is loaded, for deployments whose protocol differs.
   */
  @property() loader: MeetingLoader = 'native';

  /** Draws no logo over the meeting (the branding's logo still shows on the element's own screens). */
  @property({ type: Boolean, attribute: 'no-logo' }) noLogo = false;

  /** Seconds before the token ends at which `nano-meet-token-expiring` fires. */
  @property({ type: Number, attribute: 'expiry-warning' }) expiryWarning = 300;

  /**
   * Seconds the meeting may take to load (the server's script with `loader="external"`, then the meeting page),
   * and again to join or to show a screen that waits for the person (prejoin, password, lobby), before the element
   * gives up with `load-timeout` (`script-load-failed` for the script). At most about 24.8 days (2^31−1 ms, what a
   * browser's timer holds, less a minute): a longer one, `Infinity` too, is taken as that. One that is no wait (not
   * a number, 0 or less) is taken as 30, with a warning in the console.
   */
  @property({ type: Number, attribute: 'load-timeout' }) loadTimeout = 30;

  /**
   * Seconds between two `nano-meet-stats` events while joined (at least 0.5). 0 or no attribute: none are sent;
   * `getStats()` answers either way.
   */
  @property({ type: Number, attribute: 'stats-interval' }) statsInterval: number | null = 0;

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

  readonly #language = new LanguageController(this);
  readonly #branding = new BrandingController(this, (error) =>
    this.#connection.report({ code: error.code, message: `${error.message} The default look is used.` }),
  );
  readonly #roster = new ParticipantRoster(() => this.#publishContext());
  readonly #connection: MeetingConnection = new MeetingConnection(this, {
    roster: this.#roster,
    brandingReady: () => this.#branding.ready,
    onStateChange: (state) => this.#reflect({ state }),
    onEvent: (name, payload) => {
      this.#broadcast.track(name, payload);
      this.#stats.track(name, payload);
    },
    beforeClose: () => this.#focus.beforeRemoval(),
    onClose: () => {
      this.#broadcast.reset();
      this.#stats.reset();
    },
    say: (said) => this.#language.say(said),
  });
  readonly #stats = new MeetingStatsController(this, this.#connection);
  readonly #broadcast = new BroadcastController(this, this.#connection, (state) =>
    this.#reflect({ broadcastState: state }),
  );
  readonly #context = new ContextProvider(this, { context: meetingContext, initialValue: this.#contextValue() });
  readonly #focus = new ScreenFocus(this);

  /** Whether this participant is a moderator: from the token, then as roles change in the meeting. Read-only. */
  get moderator(): boolean {
    return this.#connection.moderator;
  }

  /** Everyone in the meeting, this participant included. Read-only. */
  get participants(): readonly MeetingParticipant[] {
    return this.#roster.participants;
  }

  /** The stream name of the token. Read-only. */
  get streamName(): string | undefined {
    return this.#connection.token?.streamName;
  }

  /** The meeting's iframe while there is one. */
  get iframe(): HTMLIFrameElement | undefined {
    return this.#connection.session?.iframe;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#branding.source = this.branding;
    // Re-inserted: rejoin with the same token.
    if (this.hasUpdated) this.#connection.open();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#connection.removed();
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    return this.#language.whenReady(() => super.scheduleUpdate());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('branding')) this.#branding.source = this.branding;
    if (changed.has('token') || changed.has('server') || changed.has('loader') || changed.has('allowedServers')) {
      this.#connection.open();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Before focus follows the screen, which hands it to the meeting once nothing covers it any more.
    this.#coverMeeting();
    this.#focus.follow(this.#connection.screen);
    // Also after a change of language, which renders again: the iframe's name is said in it too.
    this.#connection.nameFrame();
    this.#connection.applyChanges((name) => changed.has(name));
  }

  // ── meeting actions (meeting-actions.ts): each settles when the meeting confirms it ──

  /** Sends a chat message to everyone, or privately to the participant `to`. */
  async sendChatMessage(message: string, to?: string): Promise<void> {
    return runAction(this.#connection, 'sendChatMessage', message, to);
  }

  /** Raises this participant's hand. */
  raiseHand(): Promise<void> {
    return runAction(this.#connection, 'raiseHand');
  }

  /** Lowers this participant's hand. */
  lowerHand(): Promise<void> {
    return runAction(this.#connection, 'lowerHand');
  }

  /** Shows everyone in a grid (`true`) or the active speaker large (`false`). */
  async setTileView(enabled: boolean): Promise<void> {
    return runAction(this.#connection, 'setTileView', enabled);
  }

  /** Moderators: everyone follows this participant's view. */
  async setFollowMe(enabled: boolean): Promise<void> {
    return runAction(this.#connection, 'setFollowMe', enabled);
  }

  /** Moderators: guests wait in a lobby until a moderator lets them in. */
  async setLobby(enabled: boolean): Promise<void> {
    return runAction(this.#connection, 'setLobby', enabled);
  }

  /** Moderators: lets a knocking guest in, or turns them away. */
  async answerKnock(participantId: string, approved: boolean): Promise<void> {
    return runAction(this.#connection, 'answerKnock', participantId, approved);
  }

  /** Moderators: locks the meeting with a password (an empty one unlocks it). */
  async setPassword(password: string): Promise<void> {
    return runAction(this.#connection, 'setPassword', password);
  }

  /** Answers the meeting's question for a password; resolves once inside. */
  async submitPassword(password: string): Promise<void> {
    return this.#connection.submitPassword(password);
  }

  /** Moderators: removes a participant from the meeting. */
  async kickParticipant(participantId: string): Promise<void> {
    return runAction(this.#connection, 'kickParticipant', participantId);
  }

  /** Moderators: makes a participant a moderator too. */
  async grantModerator(participantId: string): Promise<void> {
    return runAction(this.#connection, 'grantModerator', participantId);
  }

  /** Moderators: mutes everyone else's microphone (or camera). */
  async muteEveryone(mediaType: 'audio' | 'video' = 'audio'): Promise<void> {
    return runAction(this.#connection, 'muteEveryone', mediaType);
  }

  /** Moderators: sets the meeting's subject. */
  async setSubject(subject: string): Promise<void> {
    return runAction(this.#connection, 'setSubject', subject);
  }

  /** Mutes or unmutes this participant's microphone. */
  setAudioMuted(muted: boolean): Promise<void> {
    return runAction(this.#connection, 'setAudioMuted', muted);
  }

  /** Turns this participant's camera off or on. */
  setVideoMuted(muted: boolean): Promise<void> {
    return runAction(this.#connection, 'setVideoMuted', muted);
  }

  /** Changes this participant's picture (an http(s) URL). */
  async setAvatar(url: string): Promise<void> {
    return runAction(this.#connection, 'setAvatar', url);
  }

  /**
   * Puts an image behind this participant (an http(s) URL the page may fetch, or a data URL), or takes it away
   * with `null`. Jitsi wants the image itself, so it is fetched here.
   */
  async setVirtualBackground(imageUrl: string | null): Promise<void> {
    return runAction(this.#connection, 'setVirtualBackground', imageUrl);
  }

  /** Watch party: plays a stream URL or a YouTube video for everyone in the meeting. */
  async shareVideo(url: string): Promise<void> {
    return runAction(this.#connection, 'shareVideo', url);
  }

  /** Stops the video this participant shares. */
  async stopShareVideo(): Promise<void> {
    return runAction(this.#connection, 'stopShareVideo');
  }

  /** Leaves the meeting. */
  async hangUp(): Promise<void> {
    return runAction(this.#connection, 'hangUp');
  }

  /** Everyone in the meeting, as the meeting itself reports them now. */
  async getParticipants(): Promise<MeetingParticipant[]> {
    return participantsOf(this.#connection.joined(), this.#roster.myId);
  }

  /**
   * Moderators: puts the meeting on air (Jitsi live streaming to the ingest address), optionally recorded for
   * VOD. Resolves with the playout addresses once the stream is really live. Stopped before it went on air
   * (`stopBroadcast()`, or another moderator), it rejects with code `broadcast-cancelled`, and no error event.
   */
  async startBroadcast(options: StartBroadcastOptions = {}): Promise<BroadcastPlayout> {
    return this.#broadcast.start(options);
  }

  /** Moderators: takes the meeting off air. Resolves once the stream has ended. */
  async stopBroadcast(): Promise<void> {
    return this.#broadcast.stop();
  }

  /**
   * The meeting's statistics now (as `nano-meet-stats` carries them), or undefined outside the meeting. Each
   * question to the meeting is bounded in time: what the deployment does not answer is left out.
   */
  async getStats(): Promise<MeetingStats | undefined> {
    return this.#stats.measure();
  }

  /** Joins again after leaving, with the same token. */
  rejoin(): void {
    this.#connection.open();
  }

  /** Writes a read-only property (its attribute follows) and tells the elements that use this meeting. */
  #reflect(change: { state: MeetingState } | { broadcastState: BroadcastState }) {
    Object.assign(this, change);
    this.#publishContext();
  }

  #contextValue(): MeetingContextValue {
    const { state, moderator, streamName, broadcastState } = this;
    return { state, moderator, streamName, broadcastState, meeting: this };
  }

  #publishContext() {
    this.#context.setValue(this.#contextValue());
  }

  /** In the meeting, with nothing of the element's own over it: the logo a real Jitsi would not show for us. */
  #showsMeetingLogo(): boolean {
    return !this.noLogo && this.state === 'joined' && this.#connection.screen.kind === 'none';
  }

  /**
   * A screen over the meeting (loading, password, lobby) hides it: its iframe, the early one too, is then inert, out
   * of reach of Tab and of screen readers, so that focus never goes where no one can see it.
   */
  #coverMeeting() {
    const covered = this.#connection.screen.kind !== 'none';
    for (const frame of this.renderRoot.querySelectorAll('iframe')) frame.inert = covered;
  }

  protected override render() {
    const branding = this.#branding.branding;
    return html`<div part="base" class="base" ${brandingStyle(branding, nanoMeetLook)}>
      <div part="meeting" class="meeting"></div>
      ${this.#showsMeetingLogo() ? brandingLogo(branding, 'meeting-logo') : nothing}
      ${meetingScreen(this.#connection.screen, {
        logo: brandingLogo(branding),
        say: (said) => this.#language.say(said),
        rejoin: () => this.rejoin(),
        submitPassword: (password) => this.submitPassword(password).catch(() => undefined),
      })}
      <div part="controls" class="controls"><slot></slot></div>
      <p class="visually-hidden" role="status" aria-live="polite">${statusText(this.#connection.screen, this.state, (said) => this.#language.say(said))}</p>
    </div>`;
  }
}

/** What an `allowedServers` value lists: its text, or the value itself where it has none. */
function listKey(value: unknown): unknown {
  return serverListText(value) || value;
}

declare global {
  interface HTMLElementTagNameMap {
    'nano-meet': NanoMeetElement;
  }
}
