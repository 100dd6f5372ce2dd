import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextConsumer } from '@lit/context';
import type { MessageKey } from '../../i18n/catalogue.js';
import { LanguageController } from '../language-controller.js';
import { broadcastError } from '../nano-meet/broadcast-messages.js';
import { meetingContext, type MeetingContextValue, type MeetingHandle } from '../nano-meet/meeting-context.js';
import type { BroadcastErrorDetail, BroadcastState } from '../nano-meet/nano-meet-events.js';
import { livePulseStyles } from '../live-pulse.styles.js';
import { visuallyHiddenStyles } from '../visually-hidden.styles.js';
import { IdReference } from './id-reference.js';

export type { BroadcastState } from '../nano-meet/nano-meet-events.js';

/** The events of the meeting that change what the button shows. */
const MEETING_EVENTS = [
  'nano-meet-state-change',
  'nano-meet-broadcast-state-change',
  'nano-meet-ready',
  'nano-meet-participant-role-changed',
  'nano-meet-broadcast-error',
];

const LABELS: Record<BroadcastState, MessageKey> = {
  idle: 'button.go-live',
  starting: 'button.starting',
  live: 'button.stop',
  stopping: 'button.stopping',
  error: 'button.go-live',
};

const ANNOUNCEMENTS: Record<BroadcastState, MessageKey> = {
  idle: 'button.idle-status',
  starting: 'button.starting-status',
  live: 'button.live-status',
  stopping: 'button.stopping-status',
  error: 'button.error-status',
};

/**
 * How long after a broadcast began starting a press cancels it. Sooner, the press is taken for the second click of
 * the double-click (or the repeat of the held key) that started it, and ignored: the button still reads "Starting…"
 * and is unavailable, as it was before a start could be cancelled. Longer than any double-click interval systems
 * allow (900 ms at most), and short beside the seconds Jibri takes to go live, so that a moderator who pressed
 * "Go live" by mistake can take it back for nearly all of the start.
 */
const CANCEL_AFTER_MS = 1000;

/** Why the button cannot be used, for the title, the accessible description and the status. */
const REASONS = {
  noMeeting: 'button.no-meeting',
  notJoined: 'button.not-joined',
  notModerator: 'button.not-moderator',
} satisfies Record<string, MessageKey>;

/** Whether an element is a `<nano-meet>`, upgraded or not (it reports its state once it is). */
function isMeeting(element: Element): element is MeetingHandle {
  return element.localName === 'nano-meet';
}

/**
 * Starts and stops the live broadcast of a meeting. Only moderators can broadcast: for guests the button is
 * hidden (or disabled, with `guests="disabled"`). Its state follows Jitsi's own status events, not the click.
 *
 * It finds its meeting as the `<nano-meet>` it is inside, or by `for="<meeting id>"`: in its own shadow root
 * if it is in one, else in the document. It follows the page as it changes: a meeting added after the button,
 * replaced by another, renamed or removed, and a button moved into or out of a meeting.
 *
 * While it cannot be used, its title and accessible description say why (no meeting, not joined yet, or not a
 * moderator), and so does its status while nothing is being broadcast. It speaks its `lang`, else its nearest
 * ancestor's, else the document's, else English, and switches at once when one changes.
 *
 * While a broadcast is starting, which takes Jibri seconds, it offers to cancel it ("Cancel going live"): from a
 * moment after the start, so that a double-click on "Go live" does not take the start back. Its status still says
 * that the broadcast is starting; cancelled, it is back at "Go live", with no error.
 *
 * @summary Puts a meeting on air.
 * @tagname nano-meet-broadcast-button
 *
 * @slot - The label, instead of "Go live" / "Stop broadcast".
 *
 * @csspart button - The button.
 * @csspart status - The status text (also announced to screen readers).
 * @csspart badge - The "LIVE" badge while broadcasting.
 *
 * @cssprop --nano-meet-accent - Background of the button.
 * @cssprop --nano-meet-live-color - Background of the button and badge while live.
 *
 * The broadcast's events (`nano-meet-broadcast-started`, `-stopped`, `-error`) come from the meeting element.
 */
export class NanoMeetBroadcastButtonElement extends LitElement {
  static override styles = [
    visuallyHiddenStyles,
    livePulseStyles,
    css`
    :host {
      display: inline-flex;
      align-items: center;
      gap: 0.6em;
      font-family: var(--nano-meet-font-family, system-ui, sans-serif);
    }
    :host([hidden]) {
      display: none;
    }
    button {
      font: inherit;
      padding: 0.5em 1.1em;
      border: 0;
      border-radius: 0.4em;
      background: var(--nano-meet-accent, #2f6fed);
      color: #fff;
      cursor: pointer;
    }
    :host([state='live']) button {
      background: var(--nano-meet-live-color, #d92d20);
    }
    button:disabled,
    button[aria-disabled='true'] {
      opacity: 0.55;
      cursor: not-allowed;
    }
    /* Outside the button, on the page: in the accent, which the page picks to show on its own background (the
       button's white text colour would vanish on a white page). */
    button:focus-visible {
      outline: 2px solid var(--nano-meet-accent, #2f6fed);
      outline-offset: 2px;
    }
    [part='badge'] {
      padding: 0.1em 0.5em;
      border-radius: 0.3em;
      background: var(--nano-meet-live-color, #d92d20);
      color: #fff;
      font-weight: 600;
      font-size: 0.8em;
      letter-spacing: 0.05em;
    }
    [part='status'] {
      font-size: 0.9em;
    }
  `,
  ];

  /** The id of the `<nano-meet>` this button controls, when it is not inside it. */
  @property({ attribute: 'for' }) htmlFor = '';

  /** Keep a VOD recording of the broadcast. */
  @property({ type: Boolean }) record = false;

  /** What guests see: `hidden` (default) or a `disabled` button. */
  @property() guests: 'hidden' | 'disabled' = 'hidden';

  /** Ingest address template (`{streamname}`, `{server}`); default: the meeting's. */
  @property({ attribute: 'ingest-template' }) ingestTemplate = '';

  /** WHEP playout template; default: the meeting's. */
  @property({ attribute: 'whep-template' }) whepTemplate = '';

  /** HLS playout template; default: the meeting's. */
  @property({ attribute: 'hls-template' }) hlsTemplate = '';

  /** VOD template; default: the meeting's. */
  @property({ attribute: 'vod-template' }) vodTemplate = '';

  /** The broadcast's state, as the meeting reports it. Read-only. */
  @property({ reflect: true }) readonly state: BroadcastState = 'idle';

  @state() private _meeting?: MeetingHandle;
  /** The meeting's last broadcast error, said again in the button's language where it can be. */
  @state() private _failure?: BroadcastErrorDetail;

  readonly #language = new LanguageController(this);

  /** The meeting around the button, as its context provides it; forgotten when the button leaves it. */
  #surrounding?: MeetingHandle;
  readonly #consumer = new ContextConsumer(this, {
    context: meetingContext,
    subscribe: true,
    callback: (value: MeetingContextValue | undefined) => {
      this.#surrounding = value?.meeting;
      this.#choose();
    },
  });
  readonly #named = new IdReference(this, { id: () => this.htmlFor, accept: isMeeting, changed: () => this.#choose() });
  #awaitingDefinition = false;
  #listening?: MeetingHandle;
  /** Whether this button showed the current broadcast live: back at idle, its status says the broadcast ended. */
  #wasLive = false;
  /** While starting: whether a press cancels the start (CANCEL_AFTER_MS after it began). */
  #cancellable = false;
  #cancellableLater?: ReturnType<typeof setTimeout>;
  readonly #onMeetingEvent = (event: Event) => {
    if (event.type === 'nano-meet-broadcast-error') this._failure = (event as CustomEvent<BroadcastErrorDetail>).detail;
    this.#sync();
  };

  /** The meeting this button controls, if it found one. */
  get meeting(): MeetingHandle | undefined {
    return this._meeting;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#whenMeetingsDefined();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // No provider answers a button that moved out of its meeting, so nothing else would forget it.
    this.#surrounding = undefined;
    this.#choose();
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    return this.#language.whenReady(() => super.scheduleUpdate());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('htmlFor')) return;
    this.#named.refresh();
    this.#choose();
  }

  /** Starts the broadcast, stops it when live, and cancels it while starting (a moment after the start began). */
  async toggle(): Promise<void> {
    const meeting = this._meeting;
    if (!meeting || !this.#canAct() || this.#busy()) return;
    this._failure = undefined;
    if (this.state === 'live' || this.#cancellable) {
      // Stopped while starting, the start rejects with broadcast-cancelled and the meeting reports no error.
      await meeting.stopBroadcast().catch(() => undefined);
      return;
    }
    const templates = {
      ...(this.ingestTemplate && { ingest: this.ingestTemplate }),
      ...(this.whepTemplate && { whep: this.whepTemplate }),
      ...(this.hlsTemplate && { hls: this.hlsTemplate }),
      ...(this.vodTemplate && { vod: this.vodTemplate }),
    };
    // The meeting reports a failure itself (nano-meet-broadcast-error), which the button then shows.
    await meeting.startBroadcast({ record: this.record, ...templates }).catch(() => undefined);
  }

  /** `for` names a meeting explicitly; the surrounding one counts only without it. */
  #choose() {
    const meeting = !this.isConnected ? undefined : this.htmlFor ? this.#named.target : this.#surrounding;
    this._meeting = meeting;
    this.#listen(meeting);
    this.#sync();
  }

  /**
   * A page may load this element before `<nano-meet>`: a meeting around the button then cannot answer its
   * context request yet, and one named by `for` has no state yet. Ask again once meetings are defined.
   */
  #whenMeetingsDefined() {
    if (this.#awaitingDefinition || customElements.get('nano-meet')) return;
    this.#awaitingDefinition = true;
    void customElements.whenDefined('nano-meet').then(() => {
      this.#awaitingDefinition = false;
      if (!this.isConnected) return;
      // The consumer's only public way to send its context request again.
      if (!this.#surrounding) this.#consumer.hostConnected();
      this.#sync();
    });
  }

  #listen(meeting: MeetingHandle | undefined) {
    if (this.#listening === meeting) return;
    for (const type of MEETING_EVENTS) {
      this.#listening?.removeEventListener(type, this.#onMeetingEvent);
      meeting?.addEventListener(type, this.#onMeetingEvent);
    }
    this.#listening = meeting;
  }

  #sync() {
    const state = this._meeting?.broadcastState ?? 'idle';
    if (state !== this.state) {
      // Also when the button leaves its meeting (state idle): no timer outlives the start it was for.
      clearTimeout(this.#cancellableLater);
      this.#cancellable = false;
      if (state === 'starting') this.#cancellableLater = setTimeout(() => this.#offerCancel(), CANCEL_AFTER_MS);
    }
    if (state === 'live') this.#wasLive = true;
    else if (state === 'starting' || this._meeting === undefined) this.#wasLive = false;
    (this as { state: BroadcastState }).state = state;
    this.hidden = !this.#canAct() && this.guests === 'hidden' && this._meeting !== undefined;
    this.requestUpdate();
  }

  #offerCancel() {
    this.#cancellable = true;
    this.requestUpdate();
  }

  /** Stopping, or just started (see CANCEL_AFTER_MS): a press now is ignored. */
  #busy(): boolean {
    return this.state === 'stopping' || (this.state === 'starting' && !this.#cancellable);
  }

  #canAct(): boolean {
    return this.#reason() === undefined;
  }

  /** Why the button cannot be used now, if it cannot (a broadcast starting or stopping is not a reason). */
  #reason(): MessageKey | undefined {
    const meeting = this._meeting;
    if (!meeting) return REASONS.noMeeting;
    if (meeting.state !== 'joined') return REASONS.notJoined;
    if (!meeting.moderator) return REASONS.notModerator;
    return undefined;
  }

  #status(reason: string | undefined): string {
    const failure = this._failure;
    if (this.state === 'error' && failure) {
      const { code, reason: jitsiReason } = failure;
      const refused = code === 'broadcast-refused' || code === 'broadcast-failed';
      return refused ? this.#language.say(broadcastError(code, jitsiReason)) : failure.message;
    }
    if (this.state !== 'idle') return this.#language.t(ANNOUNCEMENTS[this.state]);
    return reason ?? this.#language.t(this.#wasLive ? 'button.ended-status' : ANNOUNCEMENTS.idle);
  }

  protected override render() {
    const why = this.#reason();
    const reason = why && this.#language.t(why);
    const busy = this.#busy();
    // The reason is the title for the pointer and the description for assistive technology, which a
    // disabled button's title alone does not reliably reach. While busy the button only says it is unavailable
    // (aria-disabled; toggle() ignores presses): a disabled button would drop the focus of the keyboard user who
    // just pressed it, onto the page's <body>. Cancellable, it is still busy starting (aria-busy) but usable.
    return html`
      <button
        part="button"
        type="button"
        ?disabled=${reason !== undefined}
        aria-disabled=${busy ? 'true' : nothing}
        aria-busy=${busy || this.#cancellable ? 'true' : 'false'}
        title=${reason ?? nothing}
        aria-describedby=${reason ? 'reason' : nothing}
        @click=${() => this.toggle()}
      >
        <slot>${this.#language.t(this.#cancellable ? 'button.cancel' : LABELS[this.state])}</slot>
      </button>
      ${reason ? html`<span id="reason" class="visually-hidden">${reason}</span>` : nothing}
      ${
        this.state === 'live'
          ? html`<span part="badge" class="live-pulse">${this.#language.t('button.badge')}</span>`
          : nothing
      }
      <span part="status" role="status" aria-live="polite">${this.#status(reason)}</span>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nano-meet-broadcast-button': NanoMeetBroadcastButtonElement;
  }
}
