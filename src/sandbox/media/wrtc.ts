/**
 * Loads `@roamhq/wrtc` (libwebrtc for Node) on first use, typed narrowly for what the sandbox needs.
 * Lazy because it is a 26 MB native module and a devDependency: a sandbox that never broadcasts should
 * not pay for it, and a missing install should surface as a clear error from `start()`.
 */
import { createRequire } from 'node:module';
import type { I420Data } from './i420-frame.js';

/** PCM handed to `RTCAudioSource.onData`: exactly 10 ms per call. */
export interface WrtcAudioData {
  samples: Int16Array;
  sampleRate: number;
  bitsPerSample?: number;
  channelCount?: number;
  numberOfFrames?: number;
}

export interface WrtcVideoSource {
  createTrack(): MediaStreamTrack;
  onFrame(frame: I420Data): void;
}

export interface WrtcAudioSource {
  createTrack(): MediaStreamTrack;
  onData(data: WrtcAudioData): void;
}

/** Receives decoded frames of a remote track (tests use it to read the clock barcode). */
export interface WrtcVideoSink {
  onframe: ((event: { frame: I420Data }) => void) | null;
  stop(): void;
}

export interface Wrtc {
  RTCPeerConnection: new (configuration?: RTCConfiguration) => RTCPeerConnection;
  MediaStream: new (tracks?: MediaStreamTrack[]) => MediaStream;
  nonstandard: {
    RTCVideoSource: new () => WrtcVideoSource;
    RTCAudioSource: new () => WrtcAudioSource;
    RTCVideoSink: new (track: MediaStreamTrack) => WrtcVideoSink;
  };
}

let loaded: Wrtc | undefined;

/** The module, or an Error saying how to install it. */
export function loadWrtc(): Wrtc {
  if (loaded) return loaded;
  try {
    loaded = createRequire(import.meta.url)('@roamhq/wrtc') as Wrtc;
  } catch (error) {
    throw new Error(
      `WHEP needs the @roamhq/wrtc package (npm install --save-dev @roamhq/wrtc): ${(error as Error).message}`,
    );
  }
  // wrtc 0.10 segfaults in its environment-teardown hook when Node exits by draining the event loop
  // once a media source existed (exit code 139, which fails a test file that passed). Ending from the
  // 'exit' event skips that teardown and keeps the exit code; explicit process.exit() never crashes.
  process.on('exit', (code) => process.exit(code));
  return loaded;
}
