/**
 * Plays one resolved set of sources for `<nano-meet-playout>`: chooses the protocol, falls back from WHEP to
 * HLS, returns to WHEP in the background, plays the recording after the end, and measures. It lives in the
 * lazily loaded playout engines; the element stays a view and reaches it through {@link PlaybackHost}.
 */
import type { PlayoutErrorDetail, PlayoutEventDetails, PlayoutState } from './playout-vocabulary.js';
import { backoffDelay } from './backoff-delay.js';
import { RetrySchedule } from './backoff.js';
import { hasRecording, lookUpBroadcast } from './broadcast-lookup.js';
import { HlsPlayback, type HlsPlaybackError, type HlsPlaybackState } from './hls-playback.js';
import { hlsStats, webRtcSample, webRtcStats, type PlayoutStats, type WebRtcSample } from './playout-stats.js';
import { protocolOrder } from './protocol-choice.js';
import type { PlayoutProtocol, PlayoutSources } from './source-choice.js';
import { WhepClient, type WhepFailure } from './whep-client.js';

/** How often `nano-meet-playout-stats` is emitted while playing. */
const STATS_INTERVAL_MS = 1000;

/**
 * After falling back to HLS, WHEP is tried again in the background this often (doubling, with jitter), so
 * that a viewer returns to the lowest latency once WebRTC works again, without a crowd retrying in step.
 */
const UPGRADE_BACKOFF = { minMs: 5000, maxMs: 60_000 };

/**
 * After the live end, the recording's playlist is asked for this often until it appears: a recording is
 * published some time after the stop (seconds on the sandbox, minutes behind a real Jibri), and a viewer
 * who stays on the page gets it without reloading.
 */
const RECORDING_BACKOFF = { minMs: 2000, maxMs: 60_000 };

/** What a session drives: the element's video, state and events, which stay the element's own. */
export interface PlaybackHost {
  readonly video: HTMLVideoElement;
  state(): PlayoutState;
  /** Answers whether the state changed. */
  setState(next: PlayoutState): boolean;
  setProtocol(protocol: PlayoutProtocol): void;
  /** True while the recording plays after the end. */
  setVod(vod: boolean): void;
  /** Plays the video if the viewer wants it (autoplay, or play() was called). */
  playIfWanted(): void;
  emit<K extends keyof PlayoutEventDetails>(type: K, detail: PlayoutEventDetails[K]): void;
  /** The playback has stopped with this error. */
  fail(detail: PlayoutErrorDetail): void;
  /** After a failure that may pass by itself: start over, with backoff. */
  retry(): void;
  /** Frames are playing: the backoff starts again from its shortest delay. */
  playing(): void;
}

export interface PlaybackSessionOptions {
  /** When the viewer asked to play: time to first frame counts from here, the engines' loading included. */
  startedAt: number;
  /** Seconds of buffering to aim for (the element's `latency-target`); unset leaves each engine its own. */
  latencyTarget: number | undefined;
}

export class PlaybackSession {
  readonly #sources: PlayoutSources;
  readonly #host: PlaybackHost;
  #latencyTarget: number | undefined;
  #protocol: PlayoutProtocol | undefined;
  #vod = false;
  #whep: WhepClient | undefined;
  /** A WHEP session tried in the background while HLS plays; it takes over once it shows frames. */
  #upgrade: WhepClient | undefined;
  #upgradeTimer: ReturnType<typeof setTimeout> | undefined;
  /** Since the start, not since the last upgrade: a WHEP that keeps failing again is asked less and less often. */
  #upgradeAttempts = 0;
  #hls: HlsPlayback | undefined;
  #statsTimer: ReturnType<typeof setInterval> | undefined;
  #previousWebRtc: { pc: RTCPeerConnection; sample: WebRtcSample } | undefined;
  #previousHls: ReturnType<HlsPlayback['sample']>;
  #stalls = 0;
  #startedAt = 0;
  #firstFrameAt: number | undefined;
  /** Aborted at stop(): look-ups of the broadcast and the search for its recording end with the session. */
  readonly #abort = new AbortController();
  #recordingSearch: AbortController | undefined;

  constructor(sources: PlayoutSources, host: PlaybackHost, options: PlaybackSessionOptions) {
    this.#sources = sources;
    this.#host = host;
    this.#latencyTarget = options.latencyTarget;
    this.#markStart(options.startedAt);
  }

  start(): void {
    const sources = this.#sources;
    this.#statsTimer = setInterval(() => void this.measure(true), STATS_INTERVAL_MS);
    const [first] = protocolOrder(sources, { webrtc: typeof RTCPeerConnection === 'function' });
    if (first === 'whep' && sources.whep) this.#startWhep(sources.whep);
    else if (sources.hls) this.#startHls(sources.hls, false);
    else {
      // Only WHEP is named, and this browser has no WebRTC (turned off, or too old): nothing will ever connect.
      const message =
        'This browser has no WebRTC (RTCPeerConnection) to play the WHEP stream, and no HLS address is given to ' +
        'fall back to: add hls-template (or an .m3u8 src).';
      this.#host.fail({ code: 'whep-failed', message, fatal: true, protocol: 'whep' });
    }
  }

  /** Lets go of the stream; `keepalive` lets the WHEP DELETE outlive the page. */
  stop(keepalive: boolean): void {
    this.#abort.abort();
    this.#recordingSearch?.abort();
    this.#stopTransports(keepalive);
    clearInterval(this.#statsTimer);
  }

  /** Applied to the running WHEP client or HLS playback at once. */
  setLatencyTarget(seconds: number | undefined): void {
    this.#latencyTarget = seconds;
    this.#whep?.setJitterBufferTarget(this.#latencyTargetMs());
    this.#hls?.setLatencyTarget(seconds);
  }

  /** The statistics now, or undefined while not playing; `emit` also sends them and keeps them for the next rates. */
  async measure(emit: boolean): Promise<PlayoutStats | undefined> {
    const state = this.#host.state();
    if (state !== 'playing' && state !== 'stalled') return undefined;
    let stats: PlayoutStats | undefined;
    const pc = this.#whep?.peerConnection;
    if (pc) {
      // A connection closing meanwhile has no statistics: skip this round.
      const report = await pc.getStats().catch(() => undefined);
      if (!report) return undefined;
      const sample = webRtcSample(report);
      const previous = this.#previousWebRtc?.pc === pc ? this.#previousWebRtc.sample : undefined;
      stats = webRtcStats(sample, previous, this.#stalls);
      if (emit) this.#previousWebRtc = { pc, sample };
    } else {
      const sample = this.#hls?.sample();
      if (!sample) return undefined;
      stats = hlsStats(sample, this.#previousHls, this.#stalls);
      if (emit) this.#previousHls = sample;
    }
    if (emit) this.#host.emit('nano-meet-playout-stats', stats);
    return stats;
  }

  #startWhep(url: string) {
    this.#setProtocol('whep');
    const client = this.#whepClient(url);
    this.#whep = client;
    client.start();
  }

  /** A WHEP client that drives the player once it is `#whep`, and only tries to take over while it is `#upgrade`. */
  #whepClient(url: string): WhepClient {
    let stream: MediaStream | undefined;
    const client: WhepClient = new WhepClient({
      url,
      onState: (state) => {
        if (this.#whep === client) {
          if (state === 'waiting') this.#waiting(() => this.#whep === client && client.state === 'waiting', true);
          else this.#onTransportState(state);
        } else if (this.#upgrade !== client) return;
        else if (state === 'live' && stream) this.#upgradeTo(client, stream);
        // Not live over WHEP (or gone again): HLS carries on, and WHEP is asked again later.
        else if (state === 'waiting' || state === 'ended') this.#upgradeFailed(client);
      },
      onStream: (next) => {
        stream = next;
        if (this.#whep !== client) return;
        this.#host.video.srcObject = next;
        this.#host.playIfWanted();
      },
      onFailure: (failure) => {
        if (this.#whep === client) this.#whepFailed(client, failure);
        else this.#upgradeFailed(client);
      },
      // Full for now, and no HLS to fall to: the viewer reads that it cannot play and is retried, not "Connecting…"
      // for as long as the server's Retry-After says (up to minutes).
      onBusy: (failure) => {
        if (this.#whep !== client) return;
        const message = `${failure.message} Retrying${failure.retryAfterMs ? ' as Retry-After says' : ''}.`;
        const status = failure.status !== undefined ? { httpStatus: failure.status } : {};
        this.#host.fail({ code: 'whep-failed', message, fatal: false, protocol: 'whep', ...status });
      },
      // A WHEP that is full gives way to HLS at once (the upgrade tries WHEP again later, with backoff).
      ...(this.#sources.hls && { maxBusyRetries: 0 }),
      ...(this.#latencyTarget !== undefined && { jitterBufferTargetMs: this.#latencyTargetMs() }),
    });
    return client;
  }

  #scheduleUpgrade() {
    const url = this.#sources.whep;
    if (!url || this.#vod) return;
    clearTimeout(this.#upgradeTimer);
    this.#upgradeTimer = setTimeout(
      () => {
        if (!this.#hls || this.#vod) return;
        this.#upgrade = this.#whepClient(url);
        this.#upgrade.start();
      },
      backoffDelay(this.#upgradeAttempts++, UPGRADE_BACKOFF),
    );
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
    this.#host.video.srcObject = stream;
    this.#host.playIfWanted();
    this.#host.playing();
    if (this.#host.state() === 'playing')
      this.#host.emit('nano-meet-playout-playing', { protocol: 'whep', ttff: 0, vod: false });
    else this.#onTransportState('live');
  }

  #startHls(url: string, vod: boolean) {
    this.#vod = vod;
    this.#host.setVod(vod);
    // Said from the moment the player turns to HLS (a fallback from WHEP too), not once hls.js has loaded: hls.js is
    // what it tries first, and only once hls.js has loaded is it known to leave the playlist to the browser instead
    // (`native-hls`, which this browser then keeps needing).
    this.#setProtocol(this.#protocol === 'native-hls' ? 'native-hls' : 'hls');
    const playback: HlsPlayback = new HlsPlayback({
      video: this.#host.video,
      url,
      vod,
      ...(this.#latencyTarget !== undefined && { latencyTarget: this.#latencyTarget }),
      // A playback replaced by WHEP (or stopped) has no more say.
      onState: (state) => {
        if (this.#hls !== playback) return;
        // A recording that vanished again is looked for again: still "loading the recording".
        if (state === 'waiting' && vod) return;
        if (state === 'waiting') this.#waiting(() => this.#hls === playback && playback.state === 'waiting', false);
        else this.#onTransportState(state);
      },
      onProtocol: (protocol) => {
        if (this.#hls !== playback) return;
        this.#setProtocol(protocol);
        this.#host.playIfWanted();
      },
      onError: (error) => this.#hls === playback && this.#hlsError(error),
    });
    this.#hls = playback;
    playback.start();
  }

  #whepFailed(client: WhepClient, failure: WhepFailure) {
    if (this.#whep !== client) return;
    this.#whep = undefined;
    this.#host.video.srcObject = null;
    const hls = this.#sources.hls;
    const status = failure.status !== undefined ? { httpStatus: failure.status } : {};
    if (hls) {
      this.#host.emit('nano-meet-playout-error', {
        code: 'whep-failed',
        message: `${failure.message} Falling back to HLS.`,
        fatal: false,
        protocol: 'whep',
        ...status,
      });
      this.#markStart();
      this.#startHls(hls, false);
      this.#scheduleUpgrade();
      return;
    }
    // Without HLS there is nothing else to try; a refusal (4xx) will not change by itself, the rest may.
    const retry = failure.code !== 'refused';
    this.#host.fail({
      // A server that does not answer is unreachable, as the look-up before play says of it too.
      code: failure.code === 'network' ? 'source-unreachable' : 'whep-failed',
      message: `${failure.message}${retry ? ' Retrying.' : ''}`,
      fatal: !retry,
      protocol: 'whep',
      ...status,
    });
    if (retry) this.#host.retry();
  }

  /**
   * A fatal error stops the player; a server that cannot be reached or fails (5xx), or hls.js that could not be
   * fetched, is shown too while it is tried again, as a failing WHEP server is (the viewer would otherwise read
   * "Connecting…" for as long as it lasts). A playlist not there yet is only reported: the player says it waits.
   */
  #hlsError(error: HlsPlaybackError) {
    const detail: PlayoutErrorDetail = { ...error, ...(this.#protocol && { protocol: this.#protocol }) };
    if (error.code === 'hls-not-found') this.#host.emit('nano-meet-playout-error', detail);
    else this.#host.fail(detail);
  }

  #onTransportState(state: HlsPlaybackState) {
    const host = this.#host;
    const protocol = this.#protocol;
    switch (state) {
      case 'connecting':
        if (host.state() !== 'connecting') this.#markStart();
        host.setState('connecting');
        return;
      case 'waiting':
        if (host.setState('waiting')) host.emit('nano-meet-playout-waiting', { protocol });
        return;
      case 'live':
        if (!protocol || !host.setState('playing')) return;
        host.playing();
        host.emit('nano-meet-playout-playing', {
          protocol,
          ttff: Math.round((this.#firstFrameAt ?? performance.now()) - this.#startedAt),
          vod: this.#vod,
        });
        return;
      case 'stalled':
        if (!host.setState('stalled')) return;
        this.#stalls++;
        this.#markStart();
        host.emit('nano-meet-playout-stalled', { protocol });
        return;
      case 'ended':
        this.#ended();
    }
  }

  /**
   * A live source that is not there (WHEP answers 404, the live playlist is missing) may be before the broadcast
   * or after it. The playlists the waiting transport has not read tell which: a live playlist that has ended, or
   * a recording, mean it is over, so that a viewer who comes late is not told to wait for it.
   */
  #waiting(stillWaiting: () => boolean, askLivePlaylist: boolean) {
    const { hls, vod } = this.#sources;
    const sources = { ...(askLivePlaylist && hls && { hls }), ...(vod && { vod }) };
    if (!sources.hls && !sources.vod) return this.#onTransportState('waiting');
    lookUpBroadcast(sources, { signal: this.#abort.signal }).then(
      (outlook) => {
        // The stream went live meanwhile (or the session stopped): the transport has the last word.
        if (!stillWaiting()) return;
        if (outlook.kind === 'ended') this.#ended(outlook.recording);
        else this.#onTransportState('waiting');
      },
      () => undefined,
    );
  }

  /** The live broadcast is over; `recording` when a look-up already found its recording. */
  #ended(recording = false) {
    const wasVod = this.#vod;
    if (!this.#host.setState('ended')) return;
    this.#host.emit('nano-meet-playout-ended', { protocol: this.#protocol, vod: wasVod });
    const vod = this.#sources.vod;
    if (wasVod || !vod) return;
    if (recording) this.#playRecording(vod);
    else void this.#findRecording(vod);
  }

  /**
   * Asks for the recording until it appears, while the player says the broadcast has ended. The live source
   * is still watched meanwhile: the same stream may start again before (or instead of) a recording.
   */
  async #findRecording(vod: string) {
    this.#recordingSearch?.abort();
    const search = (this.#recordingSearch = new AbortController());
    const signal = AbortSignal.any([this.#abort.signal, search.signal]);
    const retry = new RetrySchedule({ backoff: RECORDING_BACKOFF }, signal);
    try {
      while (!(await hasRecording(vod, { signal }))) {
        await retry.wait();
        if (this.#host.state() !== 'ended') return;
      }
    } catch {
      return; // stopped
    }
    if (this.#host.state() === 'ended' && !this.#vod) this.#playRecording(vod);
  }

  /** The live stream is over for good once its recording plays: stop watching it. */
  #playRecording(vod: string) {
    this.#recordingSearch?.abort();
    this.#stopTransports(false);
    this.#host.video.srcObject = null;
    this.#markStart();
    this.#startHls(vod, true);
  }

  #setProtocol(protocol: PlayoutProtocol) {
    this.#protocol = protocol;
    this.#host.setProtocol(protocol);
  }

  /** Time to first frame counts from here: re-armed at each (re)start. */
  #markStart(at = performance.now()) {
    this.#startedAt = at;
    this.#firstFrameAt = undefined;
    this.#host.video.requestVideoFrameCallback?.(() => {
      this.#firstFrameAt ??= performance.now();
    });
  }

  #latencyTargetMs(): number | undefined {
    const seconds = this.#latencyTarget;
    return seconds !== undefined && seconds >= 0 ? seconds * 1000 : undefined;
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
}
