/**
 * The WHEP player's state machine: negotiates sessions ({@link openWhepSession}), waits while the stream
 * is not live (404/409, polling with backoff or as Retry-After says), watches the media (ICE connected,
 * frames decoded, frames still coming; audio packets for a stream without video), reconnects when a live
 * stream drops, reports the end, and gives up with a {@link WhepFailure} when WHEP cannot work here, so that
 * the caller falls back to HLS.
 */
import { RetrySchedule, type RetryOptions } from './backoff.js';
import { openWhepSession, WhepFailure, type WhepDependencies, type WhepSession } from './whep-session.js';

export { WhepFailure } from './whep-session.js';
export type { WhepDependencies, WhepFailureCode } from './whep-session.js';

/**
 * - `connecting`: negotiating or waiting for the first frame;
 * - `waiting`: the stream is not live yet (polling);
 * - `live`: frames are being decoded (or, for a stream without video, audio arrives);
 * - `stalled`: frames stopped coming, or the connection dropped and is being re-established;
 * - `ended`: the stream was live and the server no longer has it (polling in case it comes back).
 */
export type WhepClientState = 'connecting' | 'waiting' | 'live' | 'stalled' | 'ended';

/** How long to wait for what; the defaults suit a real network. */
export interface WhepTiming {
  /** ICE must connect within this after the answer (ms). */
  connectTimeoutMs: number;
  /** The first frame must be decoded within this after ICE connected (ms). */
  mediaTimeoutMs: number;
  /** How often the receiver's statistics are read (ms). */
  pollMs: number;
  /** No new frame for this long is a stall (ms). */
  stallMs: number;
  /** No new frame for this long, or a `disconnected` connection, is a drop: reconnect (ms). */
  dropMs: number;
}

export const DEFAULT_WHEP_TIMING: Readonly<WhepTiming> = {
  connectTimeoutMs: 5000,
  mediaTimeoutMs: 5000,
  pollMs: 250,
  stallMs: 1500,
  dropMs: 4000,
};

export interface WhepClientOptions extends RetryOptions {
  /** The WHEP endpoint. */
  url: string;
  onState(state: WhepClientState): void;
  /** A (new) stream to show, with every track the server sends; called once per session. */
  onStream(stream: MediaStream): void;
  /** WHEP cannot play this stream here; the client has stopped. */
  onFailure(failure: WhepFailure): void;
  /** The server is full (503/429) and the client waits as it asked before trying again; said once per episode. */
  onBusy?(failure: WhepFailure): void;
  /** Defaults: the browser's `fetch`, `RTCPeerConnection` and `MediaStream`, looked up when a session starts. */
  dependencies?: Partial<WhepDependencies>;
  iceServers?: RTCIceServer[];
  /** `RTCRtpReceiver.jitterBufferTarget` in milliseconds; unset leaves the browser's choice. */
  jitterBufferTargetMs?: number;
  timing?: Partial<WhepTiming>;
  /** 503 answers in a row before giving up (default 5). */
  maxBusyRetries?: number;
}

type WatchOutcome = 'dropped' | 'ice-failed' | 'no-media';

/** Sessions in a row that never showed a frame, after the stream had played, before WHEP is given up. */
const MAX_FAILED_RECONNECTS = 3;

export class WhepClient {
  readonly #options: WhepClientOptions;
  readonly #timing: WhepTiming;
  #abort: AbortController | undefined;
  #session: WhepSession | undefined;
  #state: WhepClientState | undefined;
  #jitterBufferTargetMs: number | undefined;

  constructor(options: WhepClientOptions) {
    this.#options = options;
    this.#timing = { ...DEFAULT_WHEP_TIMING, ...options.timing };
    this.#jitterBufferTargetMs = options.jitterBufferTargetMs;
  }

  /** The current session's peer connection, for statistics. */
  get peerConnection(): RTCPeerConnection | undefined {
    return this.#session?.pc;
  }

  get state(): WhepClientState | undefined {
    return this.#state;
  }

  /** Starts (or keeps) playing; does nothing while already running. */
  start(): void {
    if (this.#abort) return;
    const abort = (this.#abort = new AbortController());
    this.#run(abort.signal).catch((error: unknown) => {
      if (abort.signal.aborted) return;
      this.#stopRunning();
      this.#options.onFailure(error instanceof WhepFailure ? error : new WhepFailure('server', String(error)));
    });
  }

  /** Stops and DELETEs the session; `keepalive` lets the DELETE outlive a page being left. */
  stop(options: { keepalive?: boolean } = {}): Promise<void> {
    const session = this.#session;
    this.#stopRunning();
    this.#state = undefined;
    return session?.close(options) ?? Promise.resolve();
  }

  /** Changes the jitter-buffer target (ms) of the current and later sessions. */
  setJitterBufferTarget(ms: number | undefined): void {
    this.#jitterBufferTargetMs = ms;
    if (this.#session) applyJitterBufferTarget(this.#session.pc, ms);
  }

  #stopRunning() {
    this.#abort?.abort();
    this.#abort = undefined;
    this.#session = undefined;
  }

  #setState(state: WhepClientState) {
    if (state === this.#state) return;
    this.#state = state;
    this.#options.onState(state);
  }

  async #run(signal: AbortSignal): Promise<void> {
    const options = this.#options;
    const retry = new RetrySchedule(options, signal);
    const dependencies: WhepDependencies = {
      fetch: options.dependencies?.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      RTCPeerConnection: options.dependencies?.RTCPeerConnection ?? globalThis.RTCPeerConnection,
      MediaStream: options.dependencies?.MediaStream ?? globalThis.MediaStream,
    };
    let busy = 0;
    let played = false;
    let failedReconnects = 0;
    /** The STUN/TURN servers the server named in its last 201 (`Link: rel="ice-server"`), for the next sessions. */
    let linked: RTCIceServer[] = [];
    /** Set once the browser refused them: they are not tried again. */
    let linkedRefused = false;
    this.#setState('connecting');
    while (!signal.aborted) {
      let session: WhepSession;
      const withLinked = linked.length > 0;
      const iceServers = [...(options.iceServers ?? []), ...linked];
      try {
        session = await openWhepSession(options.url, dependencies, { signal, iceServers });
      } catch (error) {
        if (signal.aborted) return;
        if (withLinked && !(error instanceof WhepFailure)) {
          // The browser refused the servers the WHEP server named (a malformed URL): carry on without them.
          linked = [];
          linkedRefused = true;
          continue;
        }
        if (!(error instanceof WhepFailure)) throw error;
        if (error.code === 'not-live') {
          // A stream that played and is gone has ended; it may still come back, so keep asking.
          this.#setState(played ? 'ended' : 'waiting');
          busy = 0;
        } else if (error.code !== 'busy' || ++busy > (options.maxBusyRetries ?? 5)) throw error;
        else if (busy === 1) options.onBusy?.(error);
        await retry.wait(error.retryAfterMs);
        continue;
      }
      if (signal.aborted) {
        void session.close();
        return;
      }
      this.#session = session;
      applyJitterBufferTarget(session.pc, this.#jitterBufferTargetMs);
      options.onStream(session.stream);
      if (this.#state !== 'stalled') this.#setState('connecting');
      const outcome = await this.#watch(session, signal).catch(() => undefined);
      if (signal.aborted || outcome === undefined) return;
      this.#session = undefined;
      void session.close();
      // The servers arrive with the answer, after this session began gathering without them (its offer went out
      // at once): only a new session, or an ICE restart that few servers take, can use them. Fresh credentials
      // replace older ones.
      const named = session.iceServers.length > 0 && !linkedRefused;
      const unused = named && !withLinked;
      if (named) linked = session.iceServers;
      if (outcome === 'dropped') {
        played = true;
        retry.reset();
        failedReconnects = 0;
        this.#setState('stalled');
      } else if (outcome === 'ice-failed' && unused) {
        // Behind a firewall that lets no UDP through, only the server's TURN relay connects: try it at once.
        continue;
      } else if (!played || ++failedReconnects > MAX_FAILED_RECONNECTS) {
        throw new WhepFailure(
          outcome,
          outcome === 'ice-failed'
            ? `WebRTC could not connect to ${options.url}.`
            : `No media arrived from ${options.url}.`,
        );
      }
      await retry.wait();
    }
  }

  /** Resolves when the session is over: it dropped after frames came, or never got going. */
  async #watch(session: WhepSession, signal: AbortSignal): Promise<WatchOutcome> {
    const { connectTimeoutMs, mediaTimeoutMs, pollMs, stallMs, dropMs } = this.#timing;
    const poll = new RetrySchedule(this.#options, signal);
    const { pc } = session;
    // A stream without video (the server had only audio to send) plays when its audio comes.
    const kind = session.kinds.has('video') ? 'video' : 'audio';
    const started = Date.now();
    let connectedAt: number | undefined;
    let live = false;
    let received = 0;
    let lastFrameAt = 0;
    for (;;) {
      await poll.pause(pollMs);
      const now = Date.now();
      const connection = pc.connectionState;
      if (connection === 'failed' || connection === 'closed') return live ? 'dropped' : 'ice-failed';
      if (connectedAt === undefined) {
        if (connection === 'connected') connectedAt = now;
        else if (now - started > connectTimeoutMs) return live ? 'dropped' : 'ice-failed';
      }
      const progress = await mediaReceived(pc, kind);
      if (signal.aborted) throw signal.reason;
      if (progress > received) {
        received = progress;
        lastFrameAt = now;
        live = true;
        this.#setState('live');
      } else if (!live) {
        if (connectedAt !== undefined && now - connectedAt > mediaTimeoutMs) return 'no-media';
      } else if (now - lastFrameAt > dropMs) return 'dropped';
      else if (now - lastFrameAt > stallMs) this.#setState('stalled');
    }
  }
}

/**
 * How far the receiver of `kind` has got: the video frames it has decoded, or the audio packets it has received
 * (audio has no frames; its sample count grows with concealment even when nothing arrives). 0 before any.
 */
async function mediaReceived(pc: RTCPeerConnection, kind: 'video' | 'audio'): Promise<number> {
  let count = 0;
  try {
    (await pc.getStats()).forEach(
      (report: { type?: string; kind?: string; framesDecoded?: number; packetsReceived?: number }) => {
        if (report.type !== 'inbound-rtp' || report.kind !== kind) return;
        count = Math.max(count, (kind === 'video' ? report.framesDecoded : report.packetsReceived) ?? 0);
      },
    );
  } catch {
    // A closing connection has no statistics; the connection state says why.
  }
  return count;
}

function applyJitterBufferTarget(pc: RTCPeerConnection, ms: number | undefined): void {
  for (const receiver of pc.getReceivers?.() ?? []) {
    // Not in every browser yet; where it is missing the browser keeps its own target.
    if ('jitterBufferTarget' in receiver)
      (receiver as { jitterBufferTarget: number | null }).jitterBufferTarget = ms ?? null;
  }
}
