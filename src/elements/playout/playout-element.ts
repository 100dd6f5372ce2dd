// Over 400 lines on purpose: most of it is the element's documented public surface (attributes, methods and
// their JSDoc, from which custom-elements.json is generated); the playing itself is src/playout's
// PlaybackSession, the look-up before play is playout/broadcast-lookup.ts and the texts are playout-messages.ts.
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { BrandingError } from '../../branding/load-branding.js';
import type { MessageKey } from '../../i18n/catalogue.js';
import { backoffDelay } from '../../playout/backoff-delay.js';
import { lookUpBroadcast, type BroadcastOutlook } from '../../playout/broadcast-lookup.js';
import { loadPlayoutEngines } from '../../playout/load-playout-engines.js';
import type { PlaybackSession } from '../../playout/playback-session.js';
import type { PlayoutStats } from '../../playout/playout-stats.js';
import { StreamNameError } from '../../broadcast/broadcast-addresses.js';
import { resolveSources, SourceError, type PlayoutProtocol, type PlayoutSources } from '../../playout/source-choice.js';
import { documentParsed, whenDocumentParsed } from '../document-parsed.js';
import { eventEmitter } from '../emit-event.js';
import { warnOnce } from '../warn-once.js';
import { LanguageController } from '../language-controller.js';
import { BrandingController } from '../../branding/branding-controller.js';
import type { NanoMeetPlayoutEventMap, PlayoutErrorDetail, PlayoutState } from './playout-events.js';
import { errorSentence, outlookSentence } from './playout-messages.js';
import { playoutLook, playoutStyles } from './playout.styles.js';
import { brandingLogo, brandingStyle } from '../../branding/branding-chrome.js';

const emitEvent = eventEmitter<NanoMeetPlayoutEventMap>();

/** The properties that name the broadcast: a change starts over. */
const SOURCE_PROPERTIES = ['src', 'streamname', 'whepTemplate', 'hlsTemplate', 'vod'];

/**
 * Plays a meeting's broadcast for viewers outside the meeting, with the lowest latency the network
 * allows: WebRTC (WHEP) first, HLS (hls.js, loaded only when needed) when WebRTC is missing or fails, and
 * back to WHEP, tried again in the background, once it works.
 * It waits for a broadcast that has not started, reconnects when the stream drops, says when it has
 * ended and then plays the recording (`vod`), if there is one. A viewer who comes after the end is told so:
 * the live HLS playlist (ended with `#EXT-X-ENDLIST`) or the recording tell, as a WHEP endpoint answers 404
 * alike before and after a broadcast; give the HLS address (or `vod`) beside a WHEP one for that.
 *
 * Without `autoplay` it shows a play button, and only looks the broadcast up until the viewer presses it (or
 * `play()` is called): the live playlist and the recording's, or, for a WHEP-only source, whether its server
 * answers (a `HEAD`, never a WebRTC session). So a source that cannot work is reported at once, and a viewer
 * who comes after the end reads that it has ended.
 *
 * Viewers read short sentences, in the element's `lang`, else its nearest ancestor's, else the document's, else
 * English (switching at once when one changes); what a developer must change goes to the console (once) and to the
 * `nano-meet-playout-error` event's `detail`, in English.
 *
 * @summary Plays a nano-meet broadcast (WHEP, LL-HLS/HLS).
 * @tagname nano-meet-playout
 *
 * @slot waiting - Replaces "Waiting for the broadcast to start…" (and, before play, "The broadcast has not started yet.").
 * @slot ended - Replaces "The broadcast has ended." (when there is no recording to play).
 * @slot error - Replaces the error message.
 *
 * @csspart base - The player's box, carrying the branding's background, colour and font: a region named "Broadcast
 *   player", which takes the focus from the Play button when that goes (the video does, with `controls`).
 * @csspart video - The `<video>` element.
 * @csspart screen - The layer over the video that shows the status while not playing.
 * @csspart status - The status text (a polite live region): connecting, waiting, live, reconnecting, ended, errors.
 * @csspart error-code - The error's code under its message.
 * @csspart play-button - The play button (a `<button>` named "Play") shown before playing without `autoplay`.
 * @csspart logo - The branding's logo (a link when the branding has `logoClickUrl`).
 * @csspart badge - The "Live" (or "Recording") badge while playing.
 *
 * @cssprop --nano-meet-playout-background - Background behind the video and the status (default: the branding's, else black).
 * @cssprop --nano-meet-playout-color - Status text colour (default: the branding's `textColor`).
 * @cssprop --nano-meet-playout-accent - Badge and focus colour (default: the branding's `accentColor`).
 * @cssprop --nano-meet-playout-font-family - Status text font (default: the branding's `fontFamily`).
 *
 * @fires {CustomEvent<PlayoutPlayingDetail>} nano-meet-playout-playing - Frames are playing: `{protocol, ttff, vod}`; again when the player returns from HLS to WHEP.
 * @fires {CustomEvent<PlayoutProtocolDetail>} nano-meet-playout-waiting - The broadcast has not started (yet); the player keeps asking.
 * @fires {CustomEvent<PlayoutProtocolDetail>} nano-meet-playout-stalled - Frames stopped coming; the player is reconnecting.
 * @fires {CustomEvent<PlayoutEndedDetail>} nano-meet-playout-ended - The broadcast (`vod: false`) or its recording (`vod: true`) has ended.
 * @fires {CustomEvent<PlayoutErrorDetail>} nano-meet-playout-error - `{code, message, fatal, protocol?, httpStatus?}`; not fatal when the player carries on (or has not started: a source found not to work before play).
 * @fires {CustomEvent<PlayoutStats>} nano-meet-playout-stats - Every second while playing: latency, bitrate, frames, size.
 */
export class NanoMeetPlayoutElement extends LitElement {
  static override styles = playoutStyles;

  /** The stream's address: a WHEP endpoint, or an HLS playlist (`….m3u8`). */
  @property() src = '';

  /** The stream's name, put into `whep-template` and `hls-template` (and `vod`) for `{streamname}`. */
  @property() streamname = '';

  /** The WHEP endpoint for `streamname`, with a `{streamname}` placeholder. */
  @property({ attribute: 'whep-template' }) whepTemplate = '';

  /** The HLS playlist for `streamname`, with a `{streamname}` placeholder. */
  @property({ attribute: 'hls-template' }) hlsTemplate = '';

  /** The recording's HLS playlist (may use `{streamname}`), played once the broadcast has ended. */
  @property() vod = '';

  /** Start as soon as the element is on the page (browsers allow sound only after a user gesture: add `muted`). */
  @property({ type: Boolean }) autoplay = false;

  /** Play without sound. */
  @property({ type: Boolean }) muted = false;

  /** Show the browser's playback controls. */
  @property({ type: Boolean }) controls = false;

  /** An image shown before the first frame. */
  @property() poster = '';

  /**
   * Seconds of buffering to aim for: the WebRTC jitter-buffer target, or the distance behind the live edge
   * for HLS. Unset leaves each its own (lowest safe) choice.
   */
  @property({ attribute: 'latency-target', type: Number }) latencyTarget?: number;

  /** The branding of `<nano-meet>`: the URL of a branding JSON file, or the JSON itself. */
  @property() branding = '';

  /** What the player is doing. Read-only. */
  @property({ reflect: true }) readonly state: PlayoutState = 'idle';

  /**
   * How the broadcast is received: `whep`, `hls` (hls.js) or `native-hls`; unset before a choice. It says so from
   * the moment the player chooses: `hls` as soon as it turns to HLS (first, or falling back from WHEP), before hls.js
   * has loaded; `native-hls` once hls.js turns out not to run in this browser. Read-only.
   */
  @property({ reflect: true }) readonly protocol: PlayoutProtocol | undefined = undefined;

  /** The inner `<video>`. */
  @query('video') readonly video!: HTMLVideoElement;

  @state() private _error: PlayoutErrorDetail | undefined;
  @state() private _vod = false;
  /** What the attributes name, once they name something playable: the play button needs something to play. */
  @state() private _sources: PlayoutSources | undefined;
  /** What a look-up found before play. */
  @state() private _outlook: BroadcastOutlook | undefined;
  /** While connecting again (after a stall, a retried error, a wait): what the status said, and keeps saying. */
  @state() private _retrying: string | TemplateResult | undefined;

  readonly #language = new LanguageController(this);
  readonly #branding = new BrandingController(this, (error) => this.#brandingFailed(error));
  /** Counts starts and teardowns, so that engines arriving after a stop start nothing. */
  #run = 0;
  /** Plays the sources of the last start, once the engines are loaded. */
  #session: PlaybackSession | undefined;
  #wanted = false;
  #retry: ReturnType<typeof setTimeout> | undefined;
  /** Outlives the session: loading the engines and a failing WHEP back off together, until frames play. */
  #retries = 0;
  /** The look-up before play. */
  #lookup: AbortController | undefined;
  #refreshQueued = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#branding.source = this.branding;
    window.addEventListener('pagehide', this.#onPageHide);
    window.addEventListener('pageshow', this.#onPageShow);
    // Put back on the page after a removal: firstUpdated() will not run again.
    if (this.hasUpdated) this.#refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pagehide', this.#onPageHide);
    window.removeEventListener('pageshow', this.#onPageShow);
    this.#teardown(true);
    this.#setState('idle');
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    return this.#language.whenReady(() => super.scheduleUpdate());
  }

  protected override update(changed: PropertyValues): void {
    const playFocused = this.shadowRoot?.activeElement === this.#playButtonElement();
    super.update(changed);
    if (playFocused && !this.#playButtonElement()) this.#focusAfterPlay();
  }

  protected override firstUpdated(): void {
    this.#refresh();
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('branding')) this.#branding.source = this.branding;
    if (changed.has('latencyTarget')) this.#session?.setLatencyTarget(this.latencyTarget);
    // Changes from the initial values (undefined before) are firstUpdated()'s.
    const changedLater = (name: string) => changed.has(name) && changed.get(name) !== undefined;
    const sourceChanged = SOURCE_PROPERTIES.some(changedLater);
    const autoplayed = changedLater('autoplay') && this.autoplay && this.state === 'idle';
    if (sourceChanged || autoplayed) this.#refresh();
  }

  /** Starts playing (loading the stream first if needed); resolves like `HTMLMediaElement.play()`. */
  play(): Promise<void> {
    this.#wanted = true;
    if (this.state === 'idle' || this.state === 'error') this.#start();
    return this.video.play().catch((error: unknown) => this.#autoplayRefused(error));
  }

  /** Pauses the video; a live stream keeps arriving (press play to return to the live edge). */
  pause(): void {
    this.video.pause();
  }

  /** Stops playing and lets go of the stream (the WHEP session is deleted); the play button shows again. */
  stop(): void {
    this.#wanted = false;
    this.#teardown(false);
    this.#setState('idle');
  }

  /** Starts over: chooses the protocol again and reconnects. */
  reload(): void {
    this.#teardown(false);
    this.#start();
  }

  /** The playback statistics now (as `nano-meet-playout-stats` carries them), or undefined while not playing. */
  async getStats(): Promise<PlayoutStats | undefined> {
    return this.#session?.measure(false);
  }

  /** Plays when the viewer wants it (`autoplay`, or play pressed), else looks up: after this update, not inside it. */
  #refresh() {
    if (this.#refreshQueued) return;
    this.#refreshQueued = true;
    void this.updateComplete.then(() => {
      this.#refreshQueued = false;
      if (!this.isConnected) return;
      if (this.autoplay || this.#wanted) this.#start();
      else this.#preview();
    });
  }

  /**
   * The sources the attributes name, or undefined once the reason is reported. That nothing is named is only
   * said once the page's scripts have run: a script that sets `src` right after the element is honoured.
   */
  #resolveSources(): PlayoutSources | undefined {
    try {
      this._sources = resolveSources(
        {
          src: this.src,
          streamname: this.streamname,
          whepTemplate: this.whepTemplate,
          hlsTemplate: this.hlsTemplate,
          vod: this.vod,
        },
        document.baseURI,
      );
      return this._sources;
    } catch (error) {
      if (!(error instanceof SourceError || error instanceof StreamNameError)) throw error;
      this._sources = undefined;
      if (error.code === 'no-source' && !documentParsed(this.ownerDocument)) {
        this.#setState('idle');
        void whenDocumentParsed(this.ownerDocument).then(() => this.#refresh());
        return undefined;
      }
      warnOnce(`<nano-meet-playout>: ${error.message}`);
      this.#fail({ code: error.code, message: error.message, fatal: true });
      return undefined;
    }
  }

  /**
   * Before play: the play button, and a look-up of the broadcast that reports at once a source that cannot work
   * and tells a viewer who comes late that it has ended, without a WebRTC session.
   */
  #preview() {
    this.#teardown(false);
    const sources = this.#resolveSources();
    if (!sources) return;
    this.#setState('idle');
    const lookup = (this.#lookup = new AbortController());
    lookUpBroadcast(sources, { signal: lookup.signal }).then(
      (outlook) => {
        if (lookup.signal.aborted) return;
        this._outlook = outlook;
        this.#reportOutlook(outlook, sources);
      },
      () => undefined,
    );
  }

  /** A source found not to work before play is reported at once (not fatal: the viewer may still press play). */
  #reportOutlook(outlook: BroadcastOutlook, sources: PlayoutSources) {
    if (outlook.kind === 'unreachable') {
      this.#emitError({ code: 'source-unreachable', message: outlook.message, fatal: false });
    } else if (outlook.kind === 'unplayable') {
      const status = outlook.httpStatus !== undefined ? { httpStatus: outlook.httpStatus } : {};
      this.#emitError({ code: 'hls-failed', message: outlook.message, fatal: false, ...status });
    } else if (outlook.kind === 'not-started') {
      const message = `The playlist ${sources.hls} does not exist (yet): the broadcast has not started.`;
      this.#emitError({ code: 'hls-not-found', message, fatal: false, httpStatus: 404 });
    }
  }

  #start() {
    this.#teardown(false);
    const sources = this.#resolveSources();
    if (!sources) return;
    const startedAt = performance.now();
    this.#setState('connecting');
    const run = this.#run;
    loadPlayoutEngines().then(
      (engines) => {
        if (run !== this.#run) return;
        this.#session = new engines.PlaybackSession(
          sources,
          {
            video: this.video,
            state: () => this.state,
            setState: (next) => this.#setState(next),
            setProtocol: (protocol) => this.#setProtocol(protocol),
            setVod: (vod) => (this._vod = vod),
            playIfWanted: () => this.#playIfWanted(),
            emit: (type, detail) => emitEvent(this, type, detail),
            fail: (detail) => this.#fail(detail),
            retry: () => this.#retryLater(),
            playing: () => (this.#retries = 0),
          },
          { startedAt, latencyTarget: this.latencyTarget },
        );
        this.#session.start();
      },
      (error: unknown) => {
        if (run !== this.#run) return;
        const why = error instanceof Error ? error.message : String(error);
        const message = `The player could not be loaded (${why}). Retrying.`;
        this.#fail({ code: 'load-failed', message, fatal: false });
        this.#retryLater();
      },
    );
  }

  #retryLater() {
    this.#retry = setTimeout(() => this.#start(), backoffDelay(this.#retries++));
  }

  #setState(next: PlayoutState): boolean {
    if (this.state === next) return false;
    // A retry is not news: the status (a live region) stays as it was, so that nobody hears it again at each try.
    this._retrying = next === 'connecting' && this.#retriesByItself() ? this.#statusText() : undefined;
    if (next !== 'error') this._error = undefined;
    (this as { state: PlayoutState }).state = next;
    return true;
  }

  /** Whether the player is, in this state, about to connect again without being asked. */
  #retriesByItself(): boolean {
    return (
      this.state === 'stalled' || this.state === 'waiting' || (this.state === 'error' && this._error?.fatal === false)
    );
  }

  #setProtocol(protocol: PlayoutProtocol | undefined) {
    (this as { protocol: PlayoutProtocol | undefined }).protocol = protocol;
  }

  #playIfWanted() {
    if (this.autoplay || this.#wanted) this.video.play().catch((error: unknown) => this.#autoplayRefused(error));
  }

  /** Browsers refuse to autoplay with sound: play muted rather than not at all. */
  #autoplayRefused(error: unknown) {
    if (!(error instanceof DOMException) || error.name !== 'NotAllowedError' || this.video.muted) return;
    this.muted = true;
    this.video.muted = true;
    this.video.play().catch(() => undefined);
  }

  #fail(detail: PlayoutErrorDetail) {
    this._error = detail;
    this.#setState('error');
    this.#emitError(detail);
  }

  #emitError(detail: PlayoutErrorDetail) {
    emitEvent(this, 'nano-meet-playout-error', detail);
  }

  #brandingFailed(error: BrandingError) {
    this.#emitError({ code: error.code, message: `${error.message} The default look is used.`, fatal: false });
  }

  #teardown(keepalive: boolean) {
    this.#run += 1;
    this.#lookup?.abort();
    this.#lookup = undefined;
    this._outlook = undefined;
    this.#session?.stop(keepalive);
    this.#session = undefined;
    clearTimeout(this.#retry);
    this._vod = false;
    this.#setProtocol(undefined);
    const video = this.video as HTMLVideoElement | null;
    if (video?.srcObject) video.srcObject = null;
  }

  #onPageHide = () => {
    // The DELETE must outlive the page; a page restored from the back-forward cache starts again.
    this.#teardown(true);
    this.#setState('idle');
  };

  #onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted) this.#refresh();
  };

  // A new source (hls.js attaching its MediaSource) pauses the video and rejects an earlier play(): ask again.
  #onCanPlay = () => {
    if (this.video.paused && this.state !== 'idle') this.#playIfWanted();
  };

  #playButtonElement(): HTMLButtonElement | null {
    return this.renderRoot.querySelector<HTMLButtonElement>('[part="play-button"]');
  }

  /**
   * The Play button goes once playing starts: a keyboard user who pressed it is not sent back to the top of the
   * page but stays on the player, on its controls when it shows them, else on the player itself (a named region).
   */
  #focusAfterPlay() {
    const target = this.controls ? this.video : this.renderRoot.querySelector<HTMLElement>('[part="base"]');
    target?.focus({ preventScroll: true });
  }

  #onPlayButton = () => {
    void this.play();
  };

  #onVideoPlay = () => {
    if (this.state === 'idle') {
      this.#wanted = true;
      this.#start();
    }
  };

  protected override render() {
    return html`<div
      part="base"
      class="base"
      role="region"
      aria-label=${this.#t('playout.player')}
      tabindex="-1"
      ${brandingStyle(this.#branding.branding, playoutLook)}
    >
      <video
        part="video"
        playsinline
        poster=${ifDefined(this.poster || undefined)}
        ?autoplay=${this.autoplay}
        ?controls=${this.controls}
        .muted=${this.muted}
        @play=${this.#onVideoPlay}
        @canplay=${this.#onCanPlay}
      ></video>
      <div part="screen" class="screen ${this.state}${this.poster ? ' poster' : ''}">
        <p part="status" role="status" aria-live="polite">${this.#statusText()}</p>
        ${this.state === 'error' && this._error ? html`<p part="error-code" class="code">${this._error.code}</p>` : nothing}
        ${this.#playButton()}
      </div>
      ${brandingLogo(this.#branding.branding)}
      ${this.#badge()}
    </div>`;
  }

  /** While playing: "Live" (with a pulse as it appears) or "Recording". */
  #badge() {
    if (this.state !== 'playing') return nothing;
    return this._vod
      ? html`<span part="badge">${this.#t('playout.badge-recording')}</span>`
      : html`<span part="badge" class="live-pulse">${this.#t('playout.badge-live')}</span>`;
  }

  #statusText() {
    const t = (key: MessageKey) => this.#t(key);
    switch (this.state) {
      case 'idle':
        return this.#outlookText();
      case 'connecting':
        return this._retrying ?? t(this._vod ? 'playout.loading-recording' : 'playout.connecting');
      case 'waiting':
        return html`<slot name="waiting">${t('playout.waiting')}</slot>`;
      case 'playing':
        return t(this._vod ? 'playout.playing-recording' : 'playout.live');
      case 'stalled':
        return t('playout.stalled');
      case 'ended':
        return html`<slot name="ended">${t(this._vod ? 'playout.recording-ended' : 'playout.ended')}</slot>`;
      case 'error': {
        const sentence = errorSentence(this._error ?? { code: 'hls-failed', fatal: true });
        return html`<slot name="error">${this.#language.say(sentence)}</slot>`;
      }
    }
  }

  /** Before play, what the look-up found; the page's own words for a broadcast not started yet, or over. */
  #outlookText() {
    const outlook = this._outlook;
    const sentence = this.#language.say(outlookSentence(outlook));
    if (outlook?.kind === 'not-started') return html`<slot name="waiting">${sentence}</slot>`;
    if (outlook?.kind === 'ended' && !outlook.recording) return html`<slot name="ended">${sentence}</slot>`;
    return sentence;
  }

  #t(key: MessageKey): string {
    return this.#language.t(key);
  }

  /** Shown before play while there is something to play (not for a broadcast that ended without a recording). */
  #playButton() {
    const over = this._outlook?.kind === 'ended' && !this._outlook.recording;
    if (this.state !== 'idle' || !this._sources || over) return nothing;
    return html`<button part="play-button" class="play" type="button" @click=${this.#onPlayButton}>
      <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M4 2.5v11l9.5-5.5z" /></svg>${this.#t('playout.play')}
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nano-meet-playout': NanoMeetPlayoutElement;
  }
}
