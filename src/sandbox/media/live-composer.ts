/**
 * The clock of one broadcast: every 1/fps seconds it asks the room for its tiles, paints a frame and
 * produces the audio samples of that frame's duration, then hands both to every output (WHEP, ffmpeg).
 * One clock for both outputs keeps WebRTC and HLS showing the same picture.
 */
import { CompositionPainter, type CompositionTile } from './composition-painter.js';
import { ToneGenerator } from './tone-generator.js';

/** One frame's worth of media. `video` is I420, `audio` 16-bit mono PCM at `sampleRate`. */
export interface MediaTick {
  readonly video: Buffer;
  readonly audio: Int16Array;
  readonly width: number;
  readonly height: number;
  readonly sampleRate: number;
}

/** Frames more than this late are skipped instead of caught up, e.g. after the event loop stalled. */
const MAX_CATCH_UP_MS = 500;

export class LiveComposer {
  private readonly painter: CompositionPainter;
  private readonly tone = new ToneGenerator();
  private readonly outputs = new Set<(tick: MediaTick) => void>();
  private timer: NodeJS.Timeout | undefined;
  private due = 0;
  private audioOwed = 0;
  private tiles: readonly CompositionTile[] = [];

  constructor(
    width: number,
    height: number,
    readonly fps: number,
    private readonly composition: () => CompositionTile[],
  ) {
    if (!(fps > 0 && fps <= 60)) throw new RangeError(`fps must be in (0, 60]; got ${fps}.`);
    this.painter = new CompositionPainter(width, height);
  }

  /** Adds an output; it is called synchronously on every tick and must not throw. */
  connect(output: (tick: MediaTick) => void): () => void {
    this.outputs.add(output);
    return () => this.outputs.delete(output);
  }

  start(): void {
    if (this.timer) return;
    this.due = performance.now();
    this.tick();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.outputs.clear();
  }

  private tick(): void {
    const period = 1000 / this.fps;
    const now = performance.now();
    if (now - this.due > MAX_CATCH_UP_MS) this.due = now;
    this.emit(period);
    this.due += period;
    // Scheduling against the ideal time, not the last tick, keeps the frame rate (and the ffmpeg
    // timeline, which counts frames) in step with the wall clock.
    this.timer = setTimeout(() => this.tick(), Math.max(0, this.due - performance.now()));
  }

  private emit(period: number): void {
    try {
      this.tiles = this.composition();
    } catch {
      // A failing room callback must not stop the broadcast: keep showing the last known tiles.
    }
    this.audioOwed += (this.tone.sampleRate * period) / 1000;
    const samples = Math.floor(this.audioOwed);
    this.audioOwed -= samples;
    const tick: MediaTick = {
      video: this.painter.paint(this.tiles, Date.now()),
      audio: this.tone.next(samples),
      width: this.painter.width,
      height: this.painter.height,
      sampleRate: this.tone.sampleRate,
    };
    for (const output of this.outputs) output(tick);
  }
}
