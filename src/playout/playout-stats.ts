/**
 * One shape of playback statistics for every protocol, from each transport's own numbers: WebRTC's
 * `getStats()` report, hls.js's latency and fragment loads, and the `<video>` element's playback quality.
 */
import type { PlayoutProtocol } from './source-choice.js';

/** The `nano-meet-playout-stats` event's detail. */
export interface PlayoutStats {
  protocol: PlayoutProtocol;
  /**
   * Estimated seconds from the media server to the screen. WebRTC: RTT/2 + jitter-buffer delay + decode
   * time; HLS: distance to the live edge (hls.js) or program date-time; `undefined` when unknown (VOD).
   */
  latency: number | undefined;
  /** Received media bitrate over the last interval, in kbit/s. */
  bitrateKbps: number;
  droppedFrames: number;
  /** Times playback stalled since it started. */
  stalls: number;
  fps: number;
  width: number;
  height: number;
}

/** The cumulative counters of one WebRTC statistics reading. */
export interface WebRtcSample {
  /** Milliseconds (the report's clock). */
  timestamp: number;
  bytesReceived: number;
  framesDecoded: number;
  framesDropped: number;
  framesPerSecond: number | undefined;
  width: number;
  height: number;
  jitterBufferDelay: number;
  jitterBufferEmittedCount: number;
  totalDecodeTime: number;
  /** Seconds, of the nominated candidate pair. */
  roundTripTime: number | undefined;
}

type StatsEntry = Record<string, unknown> & { type?: string };

const number = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** Reads the counters out of an `RTCStatsReport` (or anything with its `forEach`). */
export function webRtcSample(report: { forEach(callback: (entry: StatsEntry) => void): void }): WebRtcSample {
  const sample: WebRtcSample = {
    timestamp: 0,
    bytesReceived: 0,
    framesDecoded: 0,
    framesDropped: 0,
    framesPerSecond: undefined,
    width: 0,
    height: 0,
    jitterBufferDelay: 0,
    jitterBufferEmittedCount: 0,
    totalDecodeTime: 0,
    roundTripTime: undefined,
  };
  report.forEach((entry) => {
    if (entry.type === 'inbound-rtp') {
      sample.bytesReceived += number(entry['bytesReceived']);
      if (entry['kind'] !== 'video') return;
      sample.timestamp = number(entry['timestamp']);
      sample.framesDecoded = number(entry['framesDecoded']);
      sample.framesDropped = number(entry['framesDropped']);
      if (typeof entry['framesPerSecond'] === 'number') sample.framesPerSecond = entry['framesPerSecond'];
      sample.width = number(entry['frameWidth']);
      sample.height = number(entry['frameHeight']);
      sample.jitterBufferDelay = number(entry['jitterBufferDelay']);
      sample.jitterBufferEmittedCount = number(entry['jitterBufferEmittedCount']);
      sample.totalDecodeTime = number(entry['totalDecodeTime']);
    } else if (entry.type === 'candidate-pair' && entry['nominated'] === true && entry['state'] === 'succeeded') {
      if (typeof entry['currentRoundTripTime'] === 'number') sample.roundTripTime = entry['currentRoundTripTime'];
    }
  });
  return sample;
}

/**
 * Statistics from two readings (`previous` may be missing on the first): rates and averages over the
 * interval between them, so that they describe now rather than the whole session.
 */
export function webRtcStats(current: WebRtcSample, previous: WebRtcSample | undefined, stalls: number): PlayoutStats {
  const seconds = previous ? (current.timestamp - previous.timestamp) / 1000 : 0;
  const delta = (
    key: 'bytesReceived' | 'framesDecoded' | 'jitterBufferDelay' | 'jitterBufferEmittedCount' | 'totalDecodeTime',
  ) => (previous && seconds > 0 ? current[key] - previous[key] : current[key]);
  const emitted = delta('jitterBufferEmittedCount');
  const decoded = delta('framesDecoded');
  const jitterBuffer = emitted > 0 ? delta('jitterBufferDelay') / emitted : 0;
  const decode = decoded > 0 ? delta('totalDecodeTime') / decoded : 0;
  const latency = current.framesDecoded > 0 ? (current.roundTripTime ?? 0) / 2 + jitterBuffer + decode : undefined;
  return {
    protocol: 'whep',
    latency,
    bitrateKbps: seconds > 0 ? Math.max(0, Math.round((delta('bytesReceived') * 8) / seconds / 1000)) : 0,
    droppedFrames: current.framesDropped,
    stalls,
    fps: current.framesPerSecond ?? (seconds > 0 ? Math.round(decoded / seconds) : 0),
    width: current.width,
    height: current.height,
  };
}

/** What an HLS playback knows at one moment. */
export interface HlsSample {
  protocol: 'hls' | 'native-hls';
  /** Milliseconds (any monotonic clock). */
  timestamp: number;
  /** Bytes of media fragments loaded so far. */
  bytesLoaded: number;
  /** hls.js's distance to the live edge, in seconds, when it has one. */
  liveLatency: number | undefined;
  /** Wall-clock time of the frame on screen, from EXT-X-PROGRAM-DATE-TIME (ms since the epoch). */
  playingDate: number | undefined;
  /** Now, on the same clock as `playingDate`. */
  wallClock: number;
  totalFrames: number;
  droppedFrames: number;
  width: number;
  height: number;
  /** False for a VOD: no latency to speak of. */
  live: boolean;
}

/** Statistics of an HLS playback from two samples. */
export function hlsStats(current: HlsSample, previous: HlsSample | undefined, stalls: number): PlayoutStats {
  const seconds = previous ? (current.timestamp - previous.timestamp) / 1000 : 0;
  let latency: number | undefined;
  if (current.live) {
    if (current.liveLatency !== undefined && Number.isFinite(current.liveLatency) && current.liveLatency > 0)
      latency = current.liveLatency;
    else if (current.playingDate !== undefined) latency = Math.max(0, (current.wallClock - current.playingDate) / 1000);
  }
  return {
    protocol: current.protocol,
    latency,
    bitrateKbps:
      previous && seconds > 0
        ? Math.max(0, Math.round(((current.bytesLoaded - previous.bytesLoaded) * 8) / seconds / 1000))
        : 0,
    droppedFrames: current.droppedFrames,
    stalls,
    fps: previous && seconds > 0 ? Math.max(0, Math.round((current.totalFrames - previous.totalFrames) / seconds)) : 0,
    width: current.width,
    height: current.height,
  };
}
