import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextConsumer } from '@lit/context';
import { meetingContext, type MeetingContextValue, type MeetingHandle } from '../nano-meet/meeting-context.js';
import type { BroadcastState } from '../nano-meet/nano-meet-events.js';

export type { BroadcastState } from '../nano-meet/nano-meet-events.js';

/** The events of the meeting that change what the button shows. */
const MEETING_EVENTS = ['nano-meet-state-change', 'nano-meet-broadcast-state-change', 'nano-meet-ready', 'nano-meet-participant-role-changed'];

const LABELS: Record<BroadcastState, string> = {
  idle: 'Go live',
  starting: 'Starting…',
  live: 'Stop broadcast',
  stopping: 'Stopping…',
  error: 'Go live',
};

const ANNOUNCEMENTS: Record<BroadcastState, string> = {
  idle: 'Not broadcasting.',
  starting: 'The broadcast is starting.',
  live: 'Live: the meeting is being broadcast.',
  stopping: 'The broadcast is stopping.',
  error: 'The broadcast failed.',
};

/**
 * Starts and stops the live broadcast of a meeting. Only moderators can broadcast: for guests the button is
 * hidden (or disabled, with `guests="disabled"`). Its state follows Jitsi's own status events, not the click.
 *
 * It finds its meeting as the `<nano-meet>` it is inside, or by `for="<meeting id>"` anywhere on the page.
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
  static override styles = css`
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
    button:disabled {
      opacity: 0.55;
      cursor: not-allowed;
    }
    button:focus-visible {
      outline: 2px solid currentColor;
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
  `;

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
  @state() private _message = '';

  readonly #consumer = new ContextConsumer(this, {
    context: meetingContext,
    subscribe: true,
    callback: (value: MeetingContextValue | undefined) => this.#use(value?.meeting),
  });
  #listening?: MeetingHandle;
  readonly #onMeetingEvent = (event: Event) => {
    if (event.type === 'nano-meet-broadcast-error') this._message = (event as CustomEvent<{ message: string }>).detail.message;
    this.#sync();
  };

  /** The meeting this button controls, if it found one. */
  get meeting(): MeetingHandle | undefined {
    return this._meeting;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#findByFor();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#listen(undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('htmlFor')) this.#findByFor();
  }

  /** Starts the broadcast, or stops it when live. */
  async toggle(): Promise<void> {
    const meeting = this._meeting;
    if (!meeting || !this.#canAct()) return;
    this._message = '';
    if (this.state === 'live') {
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

  #findByFor() {
    if (!this.htmlFor || !this.isConnected) return;
    const root = this.getRootNode() as Document | ShadowRoot;
    const found = root.getElementById?.(this.htmlFor) ?? this.ownerDocument.getElementById(this.htmlFor);
    this.#use(found && found.localName === 'nano-meet' ? (found as MeetingHandle) : undefined);
  }

  #use(meeting: MeetingHandle | undefined) {
    // `for` names a meeting explicitly; the surrounding one counts only without it.
    if (this.htmlFor && meeting && meeting.id !== this.htmlFor) return;
    this._meeting = meeting;
    this.#listen(meeting);
    this.#sync();
  }

  #listen(meeting: MeetingHandle | undefined) {
    if (this.#listening === meeting) return;
    for (const type of [...MEETING_EVENTS, 'nano-meet-broadcast-error']) {
      this.#listening?.removeEventListener(type, this.#onMeetingEvent);
      meeting?.addEventListener(type, this.#onMeetingEvent);
    }
    this.#listening = meeting;
  }

  #sync() {
    (this as { state: BroadcastState }).state = this._meeting?.broadcastState ?? 'idle';
    this.hidden = !this.#canAct() && this.guests === 'hidden' && this._meeting !== undefined;
    this.requestUpdate();
  }

  #canAct(): boolean {
    return this._meeting?.state === 'joined' && this._meeting.moderator;
  }

  protected override render() {
    const busy = this.state === 'starting' || this.state === 'stopping';
    const disabled = !this.#canAct() || busy;
    const status = this.state === 'error' && this._message ? this._message : this._meeting ? ANNOUNCEMENTS[this.state] : 'No meeting to broadcast.';
    return html`
      <button part="button" type="button" ?disabled=${disabled} aria-busy=${busy ? 'true' : 'false'} @click=${() => this.toggle()}>
        <slot>${LABELS[this.state]}</slot>
      </button>
      ${this.state === 'live' ? html`<span part="badge">LIVE</span>` : nothing}
      <span part="status" role="status" aria-live="polite">${status}</span>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nano-meet-broadcast-button': NanoMeetBroadcastButtonElement;
  }
}
