/**
 * The life of `<nano-meet>`'s meeting: reads the token (its window, and the server the page allows), opens the
 * meeting once the window is open, hears what the meeting says, and closes it (hang-up, removal, expiry, a new
 * token). The element's `state` and the screen over the meeting follow from here; the element keeps its attributes,
 * its Lit lifecycle and its rendering.
 *
 * What the meeting says goes, in this order, to the actions waiting for a confirmation, to the roster and the
 * broadcast, to the element's own state, and out as DOM events: confirmations first, because tracking may end the
 * session, which fails whatever still waits.
 */
import type { ReactiveControllerHost } from 'lit';
import type { Branding } from '../../branding/branding-schema.js';
import type { StreamPlace } from '../../broadcast/broadcast-addresses.js';
import { text, type Text } from '../../i18n/catalogue.js';
import { declaredLanguageOf } from '../../i18n/element-language.js';
import { saidBy } from '../../i18n/localized-error.js';
import { classifyJitsiError, type JitsiErrorPayload } from '../../meeting/classify-jitsi-error.js';
import { dropEarlyFrame, takeEarlyFrame } from '../../meeting/early-frame.js';
import { EventWaiter } from '../../meeting/event-waiter.js';
import type { JitsiCommandName, JitsiEventName } from '../../meeting/jitsi-wire/wire-names.js';
import { MeetingError, type MeetingErrorCode } from '../../meeting/meeting-error.js';
import { MeetingLoadWatch } from '../../meeting/meeting-load-watch.js';
import type { MeetingLoader, MeetingSession } from '../../meeting/meeting-session.js';
import { openNativeSession } from '../../meeting/native-session.js';
import { preconnect } from '../../meeting/preconnect.js';
import { allowedServers } from '../../meeting/server-allowlist.js';
import { serverRefusal } from '../../meeting/server-refusal.js';
import type { NanoMeetToken } from '../../token/claims.js';
import { decodeToken } from '../../token/decode-token.js';
import type { TokenError } from '../../token/token-error.js';
import { isValidServerHost } from '../../token/server-host.js';
import { eventEmitter } from '../emit-event.js';
import { warnOnce } from '../warn-once.js';
import { submitPassword, type ActionMeeting } from './meeting-actions.js';
import { shownValue } from './shown-value.js';
import { chosenServer, serverListText } from './server-settings.js';
import { FAILURE_MESSAGES } from './meeting-screens.js';
import { changeCommands, joinCommands, type KnownMeeting } from './meeting-commands.js';
import { frameTitle, loadTimeoutMs, sessionOptions, type MeetingAttributes } from './meeting-settings.js';
import type { LeftReason, MeetingScreen } from './meeting-state.js';
import { domEventName, isReemittedJitsiEvent, type MeetingState, type NanoMeetEventMap } from './nano-meet-events.js';
import type { ParticipantRoster } from './participant-roster.js';
import { TokenClock } from './token-clock.js';
import { fieldsOf, jitsiErrorOf, textOf } from './payload-fields.js';

const emitEvent = eventEmitter<NanoMeetEventMap>();

type Payload = Record<string, unknown>;

/** The element's attributes the meeting opens with, and what the connection needs of the element itself. */
export interface ConnectionHost extends ReactiveControllerHost, HTMLElement, MeetingAttributes {
  readonly token: string;
  readonly server: string;
  /** Whatever the page set: meant to be a string, an array of strings or null (server-settings.ts). */
  readonly allowedServers: unknown;
  readonly loader: MeetingLoader;
  readonly expiryWarning: number;
  readonly loadTimeout: number;
  readonly state: MeetingState;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
}

/** The element's other parts that follow the meeting. */
export interface ConnectionParts {
  roster: ParticipantRoster;
  /** The branding once loaded: the meeting opens with its look. */
  brandingReady(): Promise<Branding>;
  /** Writes the element's `state`, before `nano-meet-state-change` goes out. */
  onStateChange(state: MeetingState): void;
  /** Hears every event of the meeting, after the roster (the broadcast). */
  onEvent(name: JitsiEventName, payload: Payload): void;
  /** The meeting is about to close: its iframe, which may have focus, is still on the page. */
  beforeClose(): void;
  /** The meeting is closed (the broadcast ends with it). */
  onClose(): void;
  /** Says a sentence in the element's language. */
  say(said: Text | string): string;
}

export class MeetingConnection implements ActionMeeting {
  /** What the element shows over (or instead of) the meeting. */
  screen: MeetingScreen = { kind: 'none' };
  /** The token, once decoded. */
  token: NanoMeetToken | undefined;
  readonly waiter = new EventWaiter(() => this.host.actionTimeout * 1000);
  readonly roster: ParticipantRoster;
  #session?: MeetingSession;
  /** The server the token's meeting opens on, once the page has allowed it. */
  #server?: string;
  #loadWatch?: MeetingLoadWatch;
  /** Counts openings and closings, so that an opening overtaken by another gives up. */
  #generation = 0;
  readonly #clock: TokenClock;

  constructor(
    private readonly host: ConnectionHost,
    private readonly parts: ConnectionParts,
  ) {
    this.roster = parts.roster;
    this.#clock = new TokenClock(host, {
      onOpen: () => void this.#join(),
      onExpiring: (expiresAt) => {
        const secondsLeft = Math.max(0, Math.round((expiresAt.getTime() - Date.now()) / 1000));
        emitEvent(host, 'nano-meet-token-expiring', { expiresAt, secondsLeft });
      },
      onExpired: () => this.#expire(),
    });
  }

  /** The meeting while it is on the page. */
  get session(): MeetingSession | undefined {
    return this.#session;
  }

  /** Whether this participant is a moderator: from the token, then as roles change in the meeting. */
  get moderator(): boolean {
    return this.roster.moderator ?? this.token?.moderator ?? false;
  }

  joined(): MeetingSession {
    if (!this.#session || this.host.state !== 'joined')
      throw this.#said(new MeetingError('not-joined', text('meeting.join-first')));
    return this.#session;
  }

  /**
   * Tells the page about `error` in the element's language; a thrown error carrying a catalogue sentence is
   * reworded too, so that the promise it rejects says the same as the event.
   */
  report(error: { code: MeetingErrorCode; message: string; text?: Text }): void {
    error.message = this.#error(error.code, saidBy(error));
  }

  /** Says a sentence in the element's language. */
  say(said: Text | string): string {
    return this.parts.say(said);
  }

  /**
   * `error` with its message said in the element's language: a page may show what an action was refused with
   * (the classic API's startBroadcast and stopBroadcast pass it on to the page).
   */
  #said(error: MeetingError): MeetingError {
    error.message = this.parts.say(saidBy(error));
    return error;
  }

  /** Sends a command without waiting for it; nothing happens without a meeting. */
  command(name: JitsiCommandName, ...args: unknown[]): void {
    this.#session?.command(name, ...args);
  }

  /** The broadcast's stream on the server this page meets on (a `server` override included). */
  streamPlace(): StreamPlace {
    return { streamName: this.token!.streamName, server: this.#server ?? this.token!.server };
  }

  /** Reads the token again and joins with it, now or when its window opens; whatever was open closes. */
  open(): void {
    this.close();
    this.token = undefined;
    this.#server = undefined;
    this.roster.forgetRole();
    if (!this.host.token) {
      this.#clock.watch(undefined);
      this.#show('idle', { kind: 'none' });
      return;
    }
    // No clock leeway here: the meeting server allows none, so an early join would only be refused.
    const result = decodeToken(this.host.token, { allowNotYetValid: true, clockSkewSeconds: 0 });
    if (!result.ok) {
      this.#clock.watch(undefined);
      this.#fail(result.error.code, tokenFailure(result.error));
      return;
    }
    const token = result.token;
    this.token = token;
    this.#clock.watch({
      notBefore: token.notBefore,
      expiresAt: token.expiresAt,
      warnBeforeMs: this.host.expiryWarning * 1000,
    });
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
    this.#error('token-not-yet-valid', text('meeting.opens-at-status', { time: token.notBefore }));
  }

  /** Takes the meeting off the page: hangs up first, so the others see this participant go at once. */
  close(): void {
    this.#generation += 1;
    const session = this.#session;
    if (!session) return;
    this.#session = undefined;
    this.#loadWatch?.dispose();
    this.#loadWatch = undefined;
    this.waiter.cancel(this.#said(new MeetingError('not-joined', text('meeting.closed'))));
    this.parts.beforeClose();
    try {
      session.command('hangup');
    } finally {
      session.dispose();
    }
    this.roster.clear();
    this.parts.onClose();
  }

  /** The element left the page: the meeting closes, and the page hears so if this participant was in. */
  removed(): void {
    const wasIn = this.#session !== undefined;
    this.close();
    // An early iframe not taken yet would load again, as it was opened, once the element is back: it goes too.
    dropEarlyFrame(this.host.renderRoot);
    if (wasIn) emitEvent(this.host, 'nano-meet-left', { reason: 'removed' });
  }

  /** Answers the meeting's question for a password; settles once inside. */
  submitPassword(password: string): Promise<void> {
    if (!this.#session || this.screen.kind !== 'password') {
      // The element's password screen asks only when the meeting does: only a page's code calls this out of turn.
      throw new MeetingError('not-joined', 'The meeting is not asking for a password.');
    }
    return submitPassword(this.#session, this.waiter, password);
  }

  /** Names the meeting's iframe in the element's language now (it may have changed since the meeting opened). */
  nameFrame(): void {
    const frame = this.#session?.iframe;
    if (!frame || !this.token) return;
    const title = this.parts.say(frameTitle(this.token.room));
    if (frame.title !== title) frame.title = title;
  }

  /** Brings the joined meeting in line with the attributes for which `changed` holds. */
  applyChanges(changed: (name: keyof MeetingAttributes) => boolean): void {
    if (this.host.state !== 'joined') return;
    for (const command of changeCommands(this.host, changed, this.#known())) this.command(...command);
  }

  /** The server to open the token's meeting on, if the page allows it; otherwise fails, before any request. */
  #allowedServerFor(token: NanoMeetToken): string | undefined {
    const { server, overridden } = chosenServer(this.host.server, token.server);
    const list = serverListText(this.host.allowedServers);
    const refusal =
      list === false
        ? text('failure.allowed-servers-invalid', { list: shownValue(this.host.allowedServers) })
        : isValidServerHost(server)
          ? serverRefusal(
              { server, overridden, external: this.host.loader === 'external' },
              allowedServers(this.host.ownerDocument, list),
            )
          : text('failure.server-invalid', { server: shownValue(server) });
    if (refusal === undefined) return server;
    this.#fail('server-not-allowed', refusal);
    return undefined;
  }

  async #join() {
    const host = this.host;
    const token = this.token;
    const server = this.#server;
    if (!token || !server || !host.isConnected || this.#session) return;
    const generation = ++this.#generation;
    this.#show('loading', { kind: 'loading' });
    const branding = await this.parts.brandingReady();
    await host.updateComplete;
    const container = host.renderRoot.querySelector<HTMLElement>('[part="meeting"]');
    if (generation !== this.#generation || !container) return;
    const language = declaredLanguageOf(host);
    const opening = { token, server, container, moderator: this.moderator, branding, language };
    const options = sessionOptions(opening, host);
    // The iframe src/elements/early-meeting put up before this code arrived: kept if it shows this very meeting.
    const early = takeEarlyFrame(host.renderRoot);
    if (host.loader === 'external') early?.frame.remove();
    let session: MeetingSession;
    try {
      session =
        host.loader === 'external'
          ? // Rare, and it loads the server's script anyway: its code is fetched only when asked for.
            await (
              await import('../../meeting/external-session.js')
            ).openExternalSession({ ...options, scriptTimeoutMs: loadTimeoutMs(host.loadTimeout) })
          : openNativeSession(options, early);
    } catch (error) {
      if (generation === this.#generation) {
        this.#fail('script-load-failed', error instanceof Error ? saidBy(error) : String(error));
      }
      return;
    }
    if (generation !== this.#generation || !host.isConnected) {
      session.dispose();
      return;
    }
    this.#session = session;
    this.roster.start({ audio: host.audioMuted, video: host.videoMuted });
    const watch = new MeetingLoadWatch({
      server,
      timeoutMs: loadTimeoutMs(host.loadTimeout),
      onTimeout: (error) => {
        if (this.#session !== session) return;
        this.close();
        this.#fail(error.code, saidBy(error));
      },
    });
    this.#loadWatch = watch;
    session.onEvent((name, payload) => {
      if (this.#session !== session) return;
      watch.observe(name, payload);
      this.#onJitsiEvent(name, payload);
    });
  }

  #expire() {
    const wasIn = this.#session !== undefined;
    this.close();
    this.#fail('token-expired', text('failure.token-expired'));
    if (wasIn) emitEvent(this.host, 'nano-meet-left', { reason: 'expired' satisfies LeftReason });
  }

  #ended(reason: LeftReason, by?: string) {
    this.close();
    this.#show('left', { kind: 'ended', reason, ...(by && { by }) });
    emitEvent(this.host, 'nano-meet-left', { reason });
  }

  #onJitsiEvent(name: JitsiEventName, payload: Payload) {
    this.waiter.observe(name, payload);
    this.roster.track(name, payload);
    this.parts.onEvent(name, payload);
    this.#track(name, payload);
    // Jitsi's payload goes out as it came; the event map types it for listeners.
    if (isReemittedJitsiEvent(name)) emitEvent(this.host, domEventName(name), payload as never);
  }

  /** What the element itself does about what the meeting says. */
  #track(name: JitsiEventName, payload: Payload) {
    switch (name) {
      case 'videoConferenceJoined': {
        const id = typeof payload['id'] === 'string' ? payload['id'] : undefined;
        this.roster.joined(id, textOf(payload['displayName']), this.moderator);
        this.#show('joined', { kind: 'none' });
        for (const command of joinCommands(this.host, this.#known())) this.command(...command);
        const roomName = textOf(payload['roomName']);
        emitEvent(this.host, 'nano-meet-ready', { moderator: this.moderator, participantId: id ?? '', roomName });
        break;
      }
      case 'passwordRequired':
        this.#show('loading', { kind: 'password', wrong: this.screen.kind === 'password' });
        break;
      case 'prejoinScreenLoaded':
        // The meeting's own screen asks the person to join (a deployment that keeps prejoin on): let them see it.
        this.#show('loading', { kind: 'none' });
        break;
      case 'participantKickedOut': {
        if (fieldsOf(payload['kicked'])['local'] === true) {
          this.#ended('kicked', textOf(fieldsOf(payload['kicker'])['name']));
        }
        break;
      }
      case 'videoConferenceLeft':
        if (this.#session) this.#ended('hangup');
        break;
      case 'errorOccurred':
        this.#onJitsiError(jitsiErrorOf(payload));
        break;
    }
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
      case 'failed': {
        this.close();
        const message = text(FAILURE_MESSAGES[outcome.code]!);
        const { detail } = outcome;
        this.#fail(
          outcome.code,
          detail ? text('failure.with-detail', { message, detail }) : message,
          outcome.jitsiName,
        );
        return;
      }
      default:
        return;
    }
  }

  #known(): KnownMeeting {
    const { tileView, audioMuted, videoMuted } = this.roster;
    return { moderator: this.moderator, tileView, audioMuted, videoMuted };
  }

  #show(next: MeetingState, screen: MeetingScreen) {
    if (next !== 'loading') dropEarlyFrame(this.host.renderRoot);
    this.screen = screen;
    this.host.requestUpdate();
    const previous = this.host.state;
    if (previous === next) return;
    this.parts.onStateChange(next);
    emitEvent(this.host, 'nano-meet-state-change', { state: next, previous });
  }

  /** The error first, so that whoever hears the state change to `error` already knows why. */
  #fail(code: MeetingErrorCode, message: Text | string, jitsiName?: string) {
    this.#error(code, message, jitsiName);
    this.#show('error', { kind: 'error', code, message });
  }

  /** Emits `nano-meet-error` with the message said in the element's language; returns those words. */
  #error(code: MeetingErrorCode, message: Text | string, jitsiName?: string): string {
    const said = this.parts.say(message);
    emitEvent(this.host, 'nano-meet-error', { code, message: said, ...(jitsiName && { jitsiName }) });
    return said;
  }
}

/**
 * What the element says about a token it cannot use. The token's own message is for the page's developer
 * (English, ISO times, which claim is wrong): it goes to the console once; the person reads a sentence in their
 * language, with the time formatted by Intl.
 */
function tokenFailure(error: TokenError): Text {
  if (error.code === 'token-expired' && error.at) return text('failure.token-expired-at', { time: error.at });
  if (error.code === 'token-not-yet-valid' && error.at) return text('meeting.opens-at-status', { time: error.at });
  warnOnce(`<nano-meet>: ${error.message}`);
  return text('failure.token-unreadable');
}
