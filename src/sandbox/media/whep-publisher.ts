/**
 * The WHEP side of one broadcast: a libwebrtc video and audio source fed by the composer, and one
 * peer connection per viewer that sends those tracks (libwebrtc encodes per connection, VP8/H.264 as
 * the viewer's offer prefers, and answers PLI so a new viewer gets a keyframe at once).
 */
import { randomUUID } from 'node:crypto';
import type { MediaTick } from './live-composer.js';
import type { SentMedia, TrackGrouping } from './whep-behaviour.js';
import { checkOffer, iceUfrag, parseTrickleFragment, SdpError } from './whep-sdp.js';
import type { Wrtc, WrtcAudioSource, WrtcVideoSource } from './wrtc.js';

/** Thrown when the stream already has its maximum number of viewers; the route answers 503. */
export class WhepBusyError extends Error {}

/** Thrown when the stream stopped while an offer was being answered; the route answers 404. */
export class WhepEndedError extends Error {}

/** The outcome of a trickle PATCH. */
export type TrickleResult = 'applied' | 'unknown-session' | 'ice-restart';

export interface WhepPublisherOptions {
  maxSessions: number;
  /** Longest wait for the server's own candidates before answering. */
  gatherTimeoutMs?: number;
  /** A session that has not connected by then is dropped (viewers that POST and vanish). */
  connectTimeoutMs?: number;
}

interface Session {
  readonly pc: RTCPeerConnection;
  readonly connectTimer: NodeJS.Timeout;
}

/** After the first candidate, how long to wait for the rest of its batch when gathering is slow. */
const CANDIDATE_SETTLE_MS = 20;

/**
 * Waits until the answer can go out: ICE gathering complete, or host candidates present for
 * `CANDIDATE_SETTLE_MS` (libwebrtc's allocator steps keep "gathering" ~100 ms after the UDP host
 * candidates, which are all a local viewer needs), at most `timeoutMs`. wrtc can report "complete"
 * before the candidates reach the local description, so a candidate is always required.
 */
function gathered(pc: RTCPeerConnection, timeoutMs: number): Promise<void> {
  const hasCandidate = () => (pc.localDescription?.sdp ?? '').includes('a=candidate:');
  return new Promise((resolve) => {
    let settle: NodeJS.Timeout | undefined;
    let finished = false;
    const timer = setTimeout(done, timeoutMs);
    function done() {
      finished = true;
      clearTimeout(timer);
      clearTimeout(settle);
      pc.removeEventListener('icegatheringstatechange', later);
      pc.removeEventListener('icecandidate', later);
      resolve();
    }
    function check() {
      if (finished || !hasCandidate()) return;
      if (pc.iceGatheringState === 'complete') done();
      else settle ??= setTimeout(done, CANDIDATE_SETTLE_MS);
    }
    // The candidate event fires before the description is updated: look again on the next turn.
    const later = () => setImmediate(check);
    pc.addEventListener('icegatheringstatechange', later);
    pc.addEventListener('icecandidate', later);
    check();
  });
}

export class WhepPublisher {
  private readonly video: WrtcVideoSource;
  private readonly audio: WrtcAudioSource;
  private readonly videoTrack: MediaStreamTrack;
  private readonly audioTrack: MediaStreamTrack;
  /** The streams each track is announced in (the answer's msid), for each grouping a test asks for. */
  private readonly streams: Readonly<Record<TrackGrouping, { video: MediaStream[]; audio: MediaStream[] }>>;
  private readonly sessions = new Map<string, Session>();
  /** Samples not yet sent: libwebrtc takes audio in exact 10 ms chunks, frames bring 33.3 ms. */
  private pendingAudio = new Int16Array(0);
  private closed = false;

  constructor(
    private readonly wrtc: Wrtc,
    private readonly options: WhepPublisherOptions,
  ) {
    this.video = new wrtc.nonstandard.RTCVideoSource();
    this.audio = new wrtc.nonstandard.RTCAudioSource();
    this.videoTrack = this.video.createTrack();
    this.audioTrack = this.audio.createTrack();
    const both = new wrtc.MediaStream([this.videoTrack, this.audioTrack]);
    this.streams = {
      // What WHEP asks for: a viewer's track events both carry `streams[0]`.
      'one-stream': { video: [both], audio: [both] },
      'stream-per-track': {
        video: [new wrtc.MediaStream([this.videoTrack])],
        audio: [new wrtc.MediaStream([this.audioTrack])],
      },
      // `a=msid:- <track>`: the track events carry no stream at all.
      'no-stream': { video: [], audio: [] },
    };
  }

  /** Number of open viewer sessions. */
  get size(): number {
    return this.sessions.size;
  }

  /** Hands one composer tick to libwebrtc; skipped without viewers, to spare the CPU. */
  feed(tick: MediaTick): void {
    if (this.closed || this.sessions.size === 0) {
      this.pendingAudio = new Int16Array(0);
      return;
    }
    this.video.onFrame({ width: tick.width, height: tick.height, data: tick.video });
    const chunk = tick.sampleRate / 100;
    const samples = new Int16Array(this.pendingAudio.length + tick.audio.length);
    samples.set(this.pendingAudio);
    samples.set(tick.audio, this.pendingAudio.length);
    let offset = 0;
    for (; offset + chunk <= samples.length; offset += chunk) {
      this.audio.onData({
        samples: samples.slice(offset, offset + chunk),
        sampleRate: tick.sampleRate,
        bitsPerSample: 16,
        channelCount: 1,
        numberOfFrames: chunk,
      });
    }
    this.pendingAudio = samples.slice(offset);
  }

  /**
   * Answers a viewer's offer, announcing the tracks grouped as `grouping` says, and only the kinds `send` names
   * (the other sections are answered inactive). Throws `SdpError` for an offer to refuse (400) and
   * `WhepBusyError` when full (503).
   */
  async createSession(
    offer: string,
    grouping: TrackGrouping = 'one-stream',
    send: SentMedia = 'both',
  ): Promise<{ id: string; answer: string }> {
    const { kinds } = checkOffer(offer);
    if (this.closed) throw new WhepEndedError('The stream has ended.');
    if (this.sessions.size >= this.options.maxSessions)
      throw new WhepBusyError(
        `This stream already has ${this.options.maxSessions} WHEP viewers; use HLS or retry later.`,
      );
    // No ICE servers: the sandbox is local, and a STUN lookup would only delay gathering.
    const pc = new this.wrtc.RTCPeerConnection({ iceServers: [], bundlePolicy: 'max-bundle' });
    const id = randomUUID();
    const connectTimer = setTimeout(() => this.delete(id), this.options.connectTimeoutMs ?? 30_000);
    this.sessions.set(id, { pc, connectTimer });
    try {
      await pc.setRemoteDescription({ type: 'offer', sdp: offer });
      // addTrack reuses the offer's recvonly transceivers, so only add the kinds the viewer asked for.
      const streams = this.streams[grouping];
      const sends = (kind: 'audio' | 'video') => kinds.has(kind) && (send === 'both' || send === kind);
      if (sends('video')) pc.addTrack(this.videoTrack, ...streams.video);
      if (sends('audio')) pc.addTrack(this.audioTrack, ...streams.audio);
      await pc.setLocalDescription(await pc.createAnswer());
      // WHEP has no way to trickle the server's candidates, so they must be in the answer; host
      // candidates without STUN gather in a few milliseconds, the timeout only bounds a stuck gatherer.
      await gathered(pc, this.options.gatherTimeoutMs ?? 1_000);
    } catch (error) {
      this.delete(id);
      if (this.closed) throw new WhepEndedError('The stream has ended.');
      throw new SdpError(`The offer was refused by WebRTC: ${(error as Error).message}`);
    }
    if (this.closed || !this.sessions.has(id)) throw new WhepEndedError('The stream has ended.');
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'connected') clearTimeout(connectTimer);
      if (pc.connectionState === 'failed' || pc.connectionState === 'closed') this.delete(id);
    });
    const answer = pc.localDescription?.sdp;
    if (!answer) {
      this.delete(id);
      throw new SdpError('WebRTC produced no answer for this offer.');
    }
    return { id, answer };
  }

  /** Applies trickled viewer candidates (RFC 8840 fragment). */
  async trickle(id: string, fragment: string): Promise<TrickleResult> {
    const session = this.sessions.get(id);
    if (!session) return 'unknown-session';
    const { ufrag, candidates } = parseTrickleFragment(fragment);
    const current = iceUfrag(session.pc.remoteDescription?.sdp ?? '');
    if (ufrag !== undefined && current !== undefined && ufrag !== current) return 'ice-restart';
    for (const candidate of candidates) {
      try {
        await session.pc.addIceCandidate(candidate);
      } catch (error) {
        throw new SdpError(`A candidate was refused: ${(error as Error).message}`);
      }
    }
    return 'applied';
  }

  /** Whether the session exists (a viewer whose connection failed or timed out is gone). */
  has(id: string): boolean {
    return this.sessions.has(id);
  }

  /** Ends one session; false when it did not exist. */
  delete(id: string): boolean {
    const session = this.sessions.get(id);
    if (!session) return false;
    this.sessions.delete(id);
    clearTimeout(session.connectTimer);
    session.pc.close();
    return true;
  }

  /** Ends every session and the tracks: the viewers' connections close, new POSTs are refused. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const id of [...this.sessions.keys()]) this.delete(id);
    // A live wrtc track keeps Node's event loop alive forever: always stop them.
    this.videoTrack.stop();
    this.audioTrack.stop();
  }
}
