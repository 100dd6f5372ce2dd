import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hlsStats, webRtcSample, webRtcStats, type HlsSample } from '../../src/playout/playout-stats.js';

function report(entries: Record<string, unknown>[]) {
  return new Map(entries.map((entry, index) => [String(index), entry]));
}

function reading(t: number, frames: number, bytes: number, extra: Record<string, unknown> = {}) {
  return report([
    {
      type: 'inbound-rtp',
      kind: 'video',
      timestamp: t,
      bytesReceived: bytes,
      framesDecoded: frames,
      framesDropped: 2,
      frameWidth: 640,
      frameHeight: 360,
      jitterBufferDelay: frames * 0.02,
      jitterBufferEmittedCount: frames,
      totalDecodeTime: frames * 0.004,
      ...extra,
    },
    { type: 'inbound-rtp', kind: 'audio', bytesReceived: bytes / 10 },
    { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.01 },
    { type: 'candidate-pair', nominated: false, state: 'succeeded', currentRoundTripTime: 5 },
  ]);
}

describe('WebRTC statistics', () => {
  it('reads the video receiver, the audio bytes and the nominated pair', () => {
    const sample = webRtcSample(reading(1000, 30, 100_000, { framesPerSecond: 29 }));
    assert.equal(sample.bytesReceived, 110_000);
    assert.equal(sample.framesDecoded, 30);
    assert.equal(sample.framesPerSecond, 29);
    assert.equal(sample.roundTripTime, 0.01);
  });

  it('estimates latency as RTT/2 + jitter-buffer delay + decode time, over the last interval', () => {
    const previous = webRtcSample(reading(1000, 30, 100_000));
    // 30 more frames, each 100 ms in the jitter buffer now (the lifetime average would still be lower).
    const current = webRtcSample(
      reading(2000, 60, 200_000, { jitterBufferDelay: 30 * 0.02 + 30 * 0.1, totalDecodeTime: 60 * 0.004 }),
    );
    const stats = webRtcStats(current, previous, 1);
    assert.equal(stats.protocol, 'whep');
    assert.ok(Math.abs((stats.latency ?? 0) - (0.005 + 0.1 + 0.004)) < 1e-9, String(stats.latency));
    assert.equal(stats.bitrateKbps, 880); // 110 000 bytes in 1 s
    assert.equal(stats.fps, 30);
    assert.deepEqual([stats.width, stats.height, stats.droppedFrames, stats.stalls], [640, 360, 2, 1]);
  });

  it('has no latency before the first frame and no rates from one reading', () => {
    const stats = webRtcStats(
      webRtcSample(report([{ type: 'inbound-rtp', kind: 'video', timestamp: 5 }])),
      undefined,
      0,
    );
    assert.equal(stats.latency, undefined);
    assert.equal(stats.bitrateKbps, 0);
    assert.equal(stats.fps, 0);
  });

  it('ignores values that are not finite numbers', () => {
    const sample = webRtcSample(
      report([{ type: 'inbound-rtp', kind: 'video', framesDecoded: 'x', bytesReceived: Number.NaN }]),
    );
    assert.equal(sample.framesDecoded, 0);
    assert.equal(sample.bytesReceived, 0);
  });
});

describe('HLS statistics', () => {
  const base: HlsSample = {
    protocol: 'hls',
    timestamp: 0,
    bytesLoaded: 0,
    liveLatency: 2.1,
    playingDate: undefined,
    wallClock: 0,
    totalFrames: 0,
    droppedFrames: 0,
    width: 640,
    height: 360,
    live: true,
  };

  it('uses hls.js latency, and rates between samples', () => {
    const stats = hlsStats(
      { ...base, timestamp: 2000, bytesLoaded: 250_000, totalFrames: 60, droppedFrames: 1 },
      base,
      2,
    );
    assert.deepEqual(stats, {
      protocol: 'hls',
      latency: 2.1,
      bitrateKbps: 1000,
      droppedFrames: 1,
      stalls: 2,
      fps: 30,
      width: 640,
      height: 360,
    });
  });

  it('falls back to program date-time when hls.js has no latency', () => {
    const stats = hlsStats({ ...base, liveLatency: Number.NaN, playingDate: 10_000, wallClock: 12_500 }, undefined, 0);
    assert.equal(stats.latency, 2.5);
  });

  it('has no latency for a recording', () => {
    assert.equal(hlsStats({ ...base, live: false }, undefined, 0).latency, undefined);
  });
});
