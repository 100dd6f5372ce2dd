import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { BrandingError } from '../../branding/load-branding.js';
import { backoffDelay } from '../../playout/backoff.js';
import type { HlsPlayback, HlsPlaybackError, HlsPlaybackState } from '../../playout/hls-playback.js';
import { loadPlayoutEngines, type PlayoutEngines } from '../../playout/load-playout-engines.js';
import type { PlayoutStats, WebRtcSample } from '../../playout/playout-stats.js';
import { protocolOrder, resolveSources, SourceError, type PlayoutProtocol, type PlayoutSources } from '../../playout/source-choice.js';
import type { WhepClient, WhepFailure } from '../../playout/whep-client.js';
import { emitEvent } from '../emit-event.js';
import { BrandingController } from '../nano-meet/branding-controller.js';
import type { PlayoutErrorDetail, PlayoutState } from './playout-events.js';
import { playoutStyles } from './playout.styles.js';
import { brandingLogo, brandingProperties } from '../../branding/branding-chrome.js';

/** How often `nano-meet-playout-stats` is emitted while playing. */
const STATS_INTERVAL_MS = 1000;

/**
 * After falling back to HLS, WHEP is tried again in the background this often (doubling, with jitter), so
 * that a viewer returns to the lowest latency once WebRTC works again, without a crowd retrying in step.
 */
const UPGRADE_BACKOFF = { minMs: 5000, maxMs: 60_000 };

/**
 * Plays a meeting's broadcast for viewers outside the meeting, with the lowest latency the network
 * allows: WebRTC (WHEP) first, HLS (hls.js, loaded only when needed) when WebRTC is missing or fails, and
 * back to WHEP, tried again in the background, once it works.
 * It waits for a broadcast that has not started, reconnects when the stream drops, says when it has
 * ended and then plays the recording (`vod`), if there is one.
 *
 * Without `autoplay` nothing is loaded until the viewer presses play (`controls`) or `play()` is called.
 *
 * @summary Plays a nano-meet broadcast (WHEP, LL-HLS/HLS).
 * @tagname nano-meet-playout
 *
 * @slot waiting - Replaces "Waiting for the broadcast to start…".
 * @slot ended - Replaces "The broadcast has ended.".
 * @slot error - Replaces the error message.
 *
 * @csspart base - The player's box, carrying the branding's background, colour and font.
 * @csspart video - The `<video>` element.
 * @csspart screen - The layer over the video that shows the status while not playing.
 * @csspart status - The status text (a polite live region): connecting, waiting, live, reconnecting, ended, errors.
 * @csspart error-code - The error's code under its message.
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
 * @fires {CustomEvent<PlayoutErrorDetail>} nano-meet-playout-error - `{code, message, fatal, protocol?, httpStatus?}`; not fatal when the player carries on.
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

  /** How the broadcast is received: `whep`, `hls` (hls.js) or `native-hls`; unset before a choice. Read-only. */
  @property({ reflect: true }) readonly protocol: PlayoutProtocol | undefined = undefined;

  /** The inner `<video>`. */
  @query('video') readonly video!: HTMLVideoElement;

  @state() private _error: PlayoutErrorDetail | undefined;
  @state() private _vod = false;

  readonly #branding = new BrandingController(this, (error) => this.#brandingFailed(error));
  #sources: PlayoutSources | undefined;
  #engines: PlayoutEngines | undefined;
  /** Counts starts and teardowns, so that engines arriving after a stop start nothing. */
  #run = 0;
  #whep: WhepClient | undefined;
  /** A WHEP session tried in the background while HLS plays; it takes over once it shows frames. */
  #upgrade: WhepClient | undefined;
  #upgradeTimer: ReturnType<typeof setTimeout> | undefined;
  /** Since the last start, not since the last upgrade: a WHEP that keeps failing again is asked less and less often. */
  #upgradeAttempts = 0;
  #hls: HlsPlayback | undefined;
  #wanted = false;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #retries = 0;
  #statsTimer: ReturnType<typeof setInterval> | undefined;
  #previousWebRtc: { pc: RTCPeerConnection; sample: WebRtcSample } | undefined;
  #previousHls: ReturnType<HlsPlayback['sample']>;
  #stalls = 0;
  #startedAt = 0;
  #firstFrameAt: number | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#branding.source = this.branding;
    window.addEventListener('pagehide', this.#onPageHide);
    window.addEventListener('pageshow', this.#onPageShow);
    // Put back on the page after a removal: firstUpdated() will not run again.
    if (this.hasUpdated && this.autoplay) this.#start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pagehide', this.#onPageHide);
    window.removeEventListener('pageshow', this.#onPageShow);
    this.#teardown(true);
    this.#setState('idle');
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('branding')) this.#branding.source = this.branding;
    if (changed.has('latencyTarget')) {
      this.#whep?.setJitterBufferTarget(this.#latencyTargetMs());
      this.#hls?.setLatencyTarget(this.latencyTarget);
    }
    const sourceChanged = ['src', 'streamname', 'whepTemplate', 'hlsTemplate', 'vod'].some((name) => changed.has(name) && changed.get(name) !== undefined);
    const autoplayed = changed.has('autoplay') && this.autoplay;
    if (!sourceChanged && !autoplayed) return;
    // Starting changes state and protocol: after this update, not inside it.
    void this.updateComplete.then(() => {
      if (sourceChanged && this.state !== 'idle') this.reload();
      else if (this.autoplay && this.state === 'idle' && this.isConnected) this.#start();
    });
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

  /** Stops playing and lets go of the stream (the WHEP session is deleted). */
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
    return this.#measure(false);
  }

  #start() {
    this.#teardown(false);
    this._error = undefined;
    let sources: PlayoutSources;
    try {
      sources = resolveSources(
        { src: this.src, streamname: this.streamname, whepTemplate: this.whepTemplate, hlsTemplate: this.hlsTemplate, vod: this.vod },
        document.baseURI,
      );
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      this.#fail({ code: error.code, message: error.message, fatal: true });
      return;
    }
    this.#sources = sources;
    this.#markStart();
    this.#stalls = 0;
    this.#upgradeAttempts = 0;
    this.#statsTimer = setInterval(() => void this.#measure(true), STATS_INTERVAL_MS);
    this.#setState('connecting');
    const run = this.#run;
    loadPlayoutEngines().then(
      (engines) => {
        if (run !== this.#run) return;
        this.#engines = engines;
        const [first] = protocolOrder(sources, { webrtc: typeof RTCPeerConnection === 'function' });
        if (first === 'whep' && sources.whep) this.#startWhep(sources.whep);
        else if (sources.hls) this.#startHls(sources.hls, false);
      },
      (error: unknown) => {
        if (run !== this.#run) return;
        this.#fail({ code: 'load-failed', message: `The player could not be loaded (${error instanceof Error ? error.message : String(error)}). Retrying.`, fatal: false });
        this.#retry = setTimeout(() => this.#start(), backoffDelay(this.#retries++));
      },
    );
  }

  // Only called once the engines are loaded: from #start, and for fallbacks and recordings after it.
  #startWhep(url: string) {
    this.#setProtocol('whep');
    const client = this.#whepClient(url);
    this.#whep = client;
    client.start();
  }

  /** A WHEP client that drives the player once it is `#whep`, and only tries to take over while it is `#upgrade`. */
  #whepClient(url: string): WhepClient {
    let stream: MediaStream | undefined;
    const client: WhepClient = new this.#engines!.WhepClient({
      url,
      onState: (state) => {
        if (this.#whep === client) this.#onTransportState(state);
        else if (this.#upgrade !== client) return;
        else if (state === 'live' && stream) this.#upgradeTo(client, stream);
        // Not live over WHEP (or gone again): HLS carries on, and WHEP is asked again later.
        else if (state === 'waiting' || state === 'ended') this.#upgradeFailed(client);
      },
      onStream: (next) => {
        stream = next;
        if (this.#whep !== client) return;
        this.video.srcObject = next;
        this.#playIfWanted();
      },
      onFailure: (failure) => {
        if (this.#whep === client) this.#whepFailed(client, failure);
        else this.#upgradeFailed(client);
      },
      ...(this.latencyTarget !== undefined && { jitterBufferTargetMs: this.#latencyTargetMs() }),
    });
    return client;
  }

  #scheduleUpgrade() {
    const url = this.#sources?.whep;
    if (!url || this._vod) return;
    clearTimeout(this.#upgradeTimer);
    this.#upgradeTimer = setTimeout(() => {
      if (!this.#hls || this._vod) return;
      this.#upgrade = this.#whepClient(url);
      this.#upgrade.start();
    }, backoffDelay(this.#upgradeAttempts++, UPGRADE_BACKOFF));
  }

  #upgradeFailed(client: WhepClient) {
    if (this.#upgrade !== client) return;
    this.#upgrade = undefined;
    void client.stop();
    this.#scheduleUpgrade();
  }

  /** WHEP shows frames again: it replaces HLS, and the viewer is back at the lowest latency. */
  #upgradeTo(client: WhepClient, stream: MediaStream) {
    this.#upgrade = undefined;
    this.#hls?.stop();
    this.#hls = undefined;
    this.#previousHls = undefined;
    this.#whep = client;
    this.#setProtocol('whep');
    this.video.srcObject = stream;
    this.#playIfWanted();
    this.#retries = 0;
    if (this.state === 'playing') emitEvent(this, 'nano-meet-playout-playing', { protocol: 'whep', ttff: 0, vod: false });
    else this.#onTransportState('live');
  }

  #startHls(url: string, vod: boolean) {
    this._vod = vod;
    const playback: HlsPlayback = new this.#engines!.HlsPlayback({
      video: this.video,
      url,
      vod,
      ...(this.latencyTarget !== undefined && { latencyTarget: this.latencyTarget }),
      // A playback replaced by WHEP (or stopped) has no more say.
      onState: (state) => this.#hls === playback && this.#onTransportState(state),
      onProtocol: (protocol) => {
        if (this.#hls !== playback) return;
        this.#setProtocol(protocol);
        this.#playIfWanted();
      },
      onError: (error) => this.#hls === playback && this.#hlsError(error),
    });
    this.#hls = playback;
    playback.start();
  }

  #whepFailed(client: WhepClient, failure: WhepFailure) {
    if (this.#whep !== client) return;
    this.#whep = undefined;
    this.video.srcObject = null;
    const hls = this.#sources?.hls;
    const status = failure.status !== undefined ? { httpStatus: failure.status } : {};
    if (hls) {
      this.#emitError({ code: 'whep-failed', message: `${failure.message} Falling back to HLS.`, fatal: false, protocol: 'whep', ...status });
      this.#markStart();
      this.#startHls(hls, false);
      this.#scheduleUpgrade();
      return;
    }
    // Without HLS there is nothing else to try; a refusal (4xx) will not change by itself, the rest may.
    const retry = failure.reason !== 'refused';
    this.#fail({ code: 'whep-failed', message: `${failure.message}${retry ? ' Retrying.' : ''}`, fatal: !retry, protocol: 'whep', ...status });
    if (retry) this.#retry = setTimeout(() => this.#start(), backoffDelay(this.#retries++));
  }

  #hlsError(error: HlsPlaybackError) {
    const detail: PlayoutErrorDetail = { ...error, ...(this.protocol && { protocol: this.protocol }) };
    if (error.fatal) this.#fail(detail);
    else this.#emitError(detail);
  }

  #onTransportState(state: HlsPlaybackState) {
    const protocol = this.protocol;
    switch (state) {
      case 'connecting':
        if (this.state !== 'connecting') this.#markStart();
        this.#setState('connecting');
        return;
      case 'waiting':
        if (this.#setState('waiting')) emitEvent(this, 'nano-meet-playout-waiting', { protocol });
        return;
      case 'live':
        if (!protocol || !this.#setState('playing')) return;
        this.#retries = 0;
        emitEvent(this, 'nano-meet-playout-playing', { protocol, ttff: Math.round((this.#firstFrameAt ?? performance.now()) - this.#startedAt), vod: this._vod });
        return;
      case 'stalled':
        if (!this.#setState('stalled')) return;
        this.#stalls++;
        this.#markStart();
        emitEvent(this, 'nano-meet-playout-stalled', { protocol });
        return;
      case 'ended':
        this.#ended();
    }
  }

  #ended() {
    const wasVod = this._vod;
    if (!this.#setState('ended')) return;
    emitEvent(this, 'nano-meet-playout-ended', { protocol: this.protocol, vod: wasVod });
    const vod = this.#sources?.vod;
    if (wasVod || !vod) return;
    // The live stream is over for good once its recording plays: stop watching it.
    this.#stopTransports(false);
    this.video.srcObject = null;
    this.#markStart();
    this.#startHls(vod, true);
  }

  #setState(next: PlayoutState): boolean {
    if (this.state === next) return false;
    (this as { state: PlayoutState }).state = next;
    return true;
  }

  #setProtocol(protocol: PlayoutProtocol | undefined) {
    (this as { protocol: PlayoutProtocol | undefined }).protocol = protocol;
  }

  /** Time to first frame counts from here: re-armed at each (re)start. */
  #markStart() {
    this.#startedAt = performance.now();
    this.#firstFrameAt = undefined;
    const video = this.video as HTMLVideoElement | null;
    video?.requestVideoFrameCallback?.(() => {
      this.#firstFrameAt ??= performance.now();
    });
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

  #latencyTargetMs(): number | undefined {
    return this.latencyTarget !== undefined && this.latencyTarget >= 0 ? this.latencyTarget * 1000 : undefined;
  }

  async #measure(emit: boolean): Promise<PlayoutStats | undefined> {
    if (this.state !== 'playing' && this.state !== 'stalled') return undefined;
    let stats: PlayoutStats | undefined;
    const engines = this.#engines;
    if (!engines) return undefined;
    const pc = this.#whep?.peerConnection;
    if (pc) {
      // A connection closing meanwhile has no statistics: skip this round.
      const report = await pc.getStats().catch(() => undefined);
      if (!report) return undefined;
      const sample = engines.webRtcSample(report);
      const previous = this.#previousWebRtc?.pc === pc ? this.#previousWebRtc.sample : undefined;
      stats = engines.webRtcStats(sample, previous, this.#stalls);
      if (emit) this.#previousWebRtc = { pc, sample };
    } else {
      const sample = this.#hls?.sample();
      if (!sample) return undefined;
      stats = engines.hlsStats(sample, this.#previousHls, this.#stalls);
      if (emit) this.#previousHls = sample;
    }
    if (emit) emitEvent(this, 'nano-meet-playout-stats', stats);
    return stats;
  }

  #stopTransports(keepalive: boolean) {
    void this.#whep?.stop({ keepalive });
    this.#whep = undefined;
    clearTimeout(this.#upgradeTimer);
    void this.#upgrade?.stop({ keepalive });
    this.#upgrade = undefined;
    this.#hls?.stop();
    this.#hls = undefined;
  }

  #teardown(keepalive: boolean) {
    this.#run += 1;
    this.#stopTransports(keepalive);
    clearTimeout(this.#retry);
    clearInterval(this.#statsTimer);
    this.#statsTimer = undefined;
    this.#previousWebRtc = undefined;
    this.#previousHls = undefined;
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
    if (event.persisted && (this.autoplay || this.#wanted)) this.#start();
  };

  // A new source (hls.js attaching its MediaSource) pauses the video and rejects an earlier play(): ask again.
  #onCanPlay = () => {
    if (this.video.paused && this.state !== 'idle') this.#playIfWanted();
  };

  #onVideoPlay = () => {
    if (this.state === 'idle') {
      this.#wanted = true;
      this.#start();
    }
  };

  protected override render() {
    return html`<div part="base" class="base" style=${styleMap(brandingProperties(this.#branding.branding))}>
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
      <div part="screen" class="screen ${this.state}">
        <p part="status" role="status" aria-live="polite">${this.#statusText()}</p>
        ${this.state === 'error' && this._error ? html`<p part="error-code" class="code">${this._error.code}</p>` : nothing}
      </div>
      ${brandingLogo(this.#branding.branding)}
      ${this.state === 'playing' ? html`<span part="badge">${this._vod ? 'Recording' : 'Live'}</span>` : nothing}
    </div>`;
  }

  #statusText() {
    switch (this.state) {
      case 'idle':
        return '';
      case 'connecting':
        return this._vod ? 'Loading the recording…' : 'Connecting to the broadcast…';
      case 'waiting':
        return html`<slot name="waiting">Waiting for the broadcast to start…</slot>`;
      case 'playing':
        return this._vod ? 'Playing the recording.' : 'Live.';
      case 'stalled':
        return 'Reconnecting…';
      case 'ended':
        return html`<slot name="ended">${this._vod ? 'The recording has ended.' : 'The broadcast has ended.'}</slot>`;
      case 'error':
        return html`<slot name="error">${this._error?.message ?? 'The broadcast cannot be played.'}</slot>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'nano-meet-playout': NanoMeetPlayoutElement;
  }
}
