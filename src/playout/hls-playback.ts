/**
 * Plays an HLS playlist into a `<video>`: waits while the playlist is missing (the broadcast has not
 * started), loads hls.js on first use and plays through it, or through the browser where hls.js cannot
 * run; recovers from network and media errors; reports the end (`#EXT-X-ENDLIST` played out) and, for a
 * live source, watches for the broadcast to start again.
 */
import { CodedError } from '../shared/coded-error.js';
import { RetrySchedule, type RetryOptions } from './backoff.js';
import { loadHls, type Hls, type HlsConstructor } from './load-hls.js';
import { PlaylistProbeError, probePlaylist } from './playlist-probe.js';
import type { HlsSample } from './playout-stats.js';
import { hlsFlavour } from './protocol-choice.js';

/** The same states as the WHEP client's, so that the element handles both alike. */
export type HlsPlaybackState = 'connecting' | 'waiting' | 'live' | 'stalled' | 'ended';

export interface HlsPlaybackError {
  code: 'hls-not-found' | 'hls-failed' | 'source-unreachable' | 'load-failed';
  message: string;
  fatal: boolean;
  httpStatus?: number;
}

export interface HlsPlaybackOptions extends RetryOptions {
  video: HTMLVideoElement;
  url: string;
  /** A recording: plays once to its end; a missing playlist is waited for (it appears after the stop). */
  vod?: boolean;
  /** Seconds behind the live edge to aim for (hls.js `liveSyncDuration`); unset keeps hls.js's choice. */
  latencyTarget?: number;
  onState(state: HlsPlaybackState): void;
  onProtocol(protocol: 'hls' | 'native-hls'): void;
  /** Non-fatal errors are reported once per episode; a fatal one has stopped the playback. */
  onError(error: HlsPlaybackError): void;
  loadHls?: () => Promise<HlsConstructor>;
  fetch?: typeof fetch;
}

/**
 * How one run of the media ended when it did not fail: played to its end, the playlist vanished, or its server
 * stopped answering (no HTTP status: offline, timed out) or failed (5xx), when the playlist is asked for again to
 * learn which.
 */
type MediaOutcome = 'ended' | 'missing' | 'lost';

/** hls.js itself could not be fetched (a network hiccup, a CDN that failed): tried again, as the player's code is. */
class HlsLoadError extends CodedError<'load-failed'> {
  override readonly name = 'HlsLoadError';
}

/** hls.js or the browser gave up on the media: the playout's `hls-failed`. */
class FatalHlsError extends CodedError<'hls-failed'> {
  override readonly name = 'FatalHlsError';

  constructor(
    message: string,
    readonly status?: number,
  ) {
    super('hls-failed', message);
  }
}

const MAX_NETWORK_RETRIES = 3;
const MAX_MEDIA_RECOVERIES = 2;

export class HlsPlayback {
  readonly #options: HlsPlaybackOptions;
  #abort: AbortController | undefined;
  #hls: Hls | undefined;
  #protocol: 'hls' | 'native-hls' | undefined;
  #bytesLoaded = 0;
  #state: HlsPlaybackState | undefined;

  constructor(options: HlsPlaybackOptions) {
    this.#options = options;
  }

  get protocol(): 'hls' | 'native-hls' | undefined {
    return this.#protocol;
  }

  /** The last state reported through `onState`; undefined once stopped. */
  get state(): HlsPlaybackState | undefined {
    return this.#state;
  }

  start(): void {
    if (this.#abort) return;
    const abort = (this.#abort = new AbortController());
    this.#run(abort.signal).catch((error: unknown) => {
      if (abort.signal.aborted) return;
      this.stop();
      const httpStatus =
        error instanceof FatalHlsError || error instanceof PlaylistProbeError ? error.status : undefined;
      this.#options.onError({
        code: 'hls-failed',
        message: (error as Error).message,
        fatal: true,
        ...(httpStatus !== undefined && { httpStatus }),
      });
    });
  }

  stop(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    this.#detach();
    this.#state = undefined;
  }

  /** Applies a new latency target to the running hls.js (seconds; undefined: hls.js's default). */
  setLatencyTarget(seconds: number | undefined): void {
    this.#options.latencyTarget = seconds;
    if (this.#hls) Object.assign(this.#hls.config, latencyConfig(seconds, this.#options.vod));
  }

  /** What the playback knows now, for {@link hlsStats}. */
  sample(): HlsSample | undefined {
    const protocol = this.#protocol;
    if (!protocol) return undefined;
    const { video } = this.#options;
    const quality = video.getVideoPlaybackQuality?.();
    const hls = this.#hls;
    const seekable = video.seekable;
    const edge = seekable.length > 0 ? seekable.end(seekable.length - 1) - video.currentTime : undefined;
    return {
      protocol,
      timestamp: performance.now(),
      bytesLoaded: this.#bytesLoaded,
      liveLatency: hls ? hls.latency : edge,
      playingDate: hls?.playingDate?.getTime(),
      wallClock: Date.now(),
      totalFrames: quality?.totalVideoFrames ?? 0,
      droppedFrames: quality?.droppedVideoFrames ?? 0,
      width: video.videoWidth,
      height: video.videoHeight,
      live: !this.#options.vod,
    };
  }

  #setState(state: HlsPlaybackState) {
    if (state === this.#state) return;
    this.#state = state;
    this.#options.onState(state);
  }

  async #run(signal: AbortSignal): Promise<void> {
    const options = this.#options;
    const retry = new RetrySchedule(options, signal);
    const fetcher = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    let ended = false;
    let reportedMissing = false;
    let reportedUnreadable = false;
    let reportedLoad = false;
    this.#setState('connecting');
    while (!signal.aborted) {
      let status;
      try {
        status = await probePlaylist(options.url, fetcher, signal);
      } catch (error) {
        if (signal.aborted) return;
        if (!(error instanceof PlaylistProbeError)) throw error;
        const unreachable = error.status === undefined;
        // 4xx other than 404/410 (forbidden, gone wrong): asking again will not help. A server that cannot be
        // reached, or answers with a server error (5xx: a CDN or origin that is failing), is asked for ever, with
        // backoff, as the WHEP client asks its server: the viewer's network, or the server, may come back.
        if (!unreachable && error.status < 500) throw error;
        if (!reportedUnreadable)
          options.onError({
            code: unreachable ? 'source-unreachable' : 'hls-failed',
            message: `${error.message} Retrying.`,
            fatal: false,
            ...(error.status !== undefined && { httpStatus: error.status }),
          });
        reportedUnreadable = true;
        await retry.wait();
        continue;
      }
      const playable = status === 'live' || (status === 'ended' && options.vod);
      if (!playable) {
        if (status === 'ended') ended = true;
        this.#setState(ended ? 'ended' : 'waiting');
        if (status === 'missing' && !ended && !options.vod && !reportedMissing) {
          options.onError({
            code: 'hls-not-found',
            message: `The playlist ${options.url} does not exist (yet): waiting for the broadcast.`,
            fatal: false,
            httpStatus: 404,
          });
          reportedMissing = true;
        }
        await retry.wait();
        continue;
      }
      retry.reset();
      reportedMissing = false;
      reportedUnreadable = false;
      if (this.#state !== 'stalled') this.#setState('connecting');
      let outcome: MediaOutcome;
      try {
        outcome = await this.#playMedia(signal);
      } catch (error) {
        if (!(error instanceof HlsLoadError)) throw error;
        if (!reportedLoad) options.onError({ code: 'load-failed', message: error.message, fatal: false });
        reportedLoad = true;
        await retry.wait();
        continue;
      }
      reportedLoad = false;
      this.#detach();
      if (signal.aborted) return;
      if (outcome === 'ended') {
        ended = true;
        this.#setState('ended');
        // A recording is over for good; a live stream may start again under the same name.
        if (options.vod) return;
      }
      await retry.wait();
    }
  }

  /** Plays until the end, a playlist that vanished, or a fatal error (rejects). */
  async #playMedia(signal: AbortSignal): Promise<MediaOutcome> {
    const options = this.#options;
    let Hls: HlsConstructor;
    try {
      Hls = await (options.loadHls ?? loadHls)();
    } catch (cause) {
      signal.throwIfAborted();
      const why = cause instanceof Error ? cause.message : String(cause);
      throw new HlsLoadError('load-failed', `hls.js could not be loaded (${why}). Retrying.`);
    }
    signal.throwIfAborted();
    const protocol = hlsFlavour(Hls.isSupported());
    this.#protocol = protocol;
    options.onProtocol(protocol);
    const { video } = options;
    return new Promise<MediaOutcome>((resolve, reject) => {
      const listeners: Array<[string, () => void]> = [
        ['playing', () => this.#setState('live')],
        ['waiting', () => this.#state === 'live' && this.#setState('stalled')],
        ['ended', () => finish(() => resolve('ended'))],
      ];
      const finish = (settle: () => void) => {
        for (const [name, listener] of listeners) video.removeEventListener(name, listener);
        signal.removeEventListener('abort', abort);
        settle();
      };
      const abort = () => finish(() => reject(signal.reason));
      signal.addEventListener('abort', abort, { once: true });
      for (const [name, listener] of listeners) video.addEventListener(name, listener);
      if (protocol === 'native-hls') {
        const failed = () =>
          finish(() =>
            reject(
              new FatalHlsError(
                `The browser could not play ${options.url} (${video.error?.message || `media error ${video.error?.code ?? ''}`}).`,
              ),
            ),
          );
        listeners.push(['error', failed]);
        video.addEventListener('error', failed);
        video.src = options.url;
        return;
      }
      const hls = new Hls({
        lowLatencyMode: true,
        backBufferLength: 30,
        maxLiveSyncPlaybackRate: 1.5,
        ...latencyConfig(options.latencyTarget, options.vod),
      });
      this.#hls = hls;
      let networkRetries = 0;
      let mediaRecoveries = 0;
      const networkRetry = new RetrySchedule(options, signal);
      hls.on(Hls.Events.FRAG_LOADED, (_event, data) => {
        this.#bytesLoaded += data.payload.byteLength;
        networkRetries = 0;
        networkRetry.reset();
      });
      hls.on(Hls.Events.ERROR, (_event, data) => {
        if (!data.fatal) return;
        const status = data.response?.code;
        if (data.type === Hls.ErrorTypes.NETWORK_ERROR) {
          if (data.details === Hls.ErrorDetails.MANIFEST_LOAD_ERROR && (status === 404 || status === 410))
            return finish(() => resolve('missing'));
          if (networkRetries++ < MAX_NETWORK_RETRIES) {
            this.#setState('stalled');
            void networkRetry.wait().then(
              () => hls.startLoad(),
              () => undefined,
            );
            return;
          }
          // No answer at all (offline, timed out) or a server error (5xx), not a refusal: ask for the playlist
          // again, which tells whether its server is unreachable or failing, the broadcast gone, or the stream back.
          if (!status || status >= 500) return finish(() => resolve('lost'));
        } else if (data.type === Hls.ErrorTypes.MEDIA_ERROR && mediaRecoveries++ < MAX_MEDIA_RECOVERIES) {
          // The second time, the audio codec hls.js guessed may be the problem.
          if (mediaRecoveries > 1) hls.swapAudioCodec();
          hls.recoverMediaError();
          return;
        }
        finish(() =>
          reject(new FatalHlsError(`hls.js could not play ${options.url}: ${data.details}.`, status || undefined)),
        );
      });
      hls.loadSource(options.url);
      hls.attachMedia(video);
    });
  }

  #detach() {
    this.#hls?.destroy();
    this.#hls = undefined;
    const { video } = this.#options;
    if (this.#protocol === 'native-hls' && video.getAttribute('src')) {
      video.removeAttribute('src');
      video.load();
    }
  }
}

/** hls.js takes a latency target only as a pair, the maximum above the target. */
function latencyConfig(
  seconds: number | undefined,
  vod: boolean | undefined,
): { liveSyncDuration?: number; liveMaxLatencyDuration?: number } {
  if (vod || seconds === undefined || !(seconds > 0)) return {};
  return { liveSyncDuration: seconds, liveMaxLatencyDuration: seconds + Math.max(3, seconds) };
}
