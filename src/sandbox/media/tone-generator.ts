/** The broadcast's audio: a quiet sine with a continuous phase, as 16-bit mono PCM. */
export class ToneGenerator {
  private phase = 0;

  constructor(
    readonly sampleRate = 48_000,
    private readonly frequency = 440,
    private readonly amplitude = 6_000,
  ) {}

  /** The next `count` samples. */
  next(count: number): Int16Array {
    const samples = new Int16Array(count);
    const step = (2 * Math.PI * this.frequency) / this.sampleRate;
    for (let index = 0; index < count; index++) {
      samples[index] = Math.round(this.amplitude * Math.sin(this.phase));
      this.phase += step;
    }
    // Keeps the phase small so precision does not drift over a long broadcast.
    this.phase %= 2 * Math.PI;
    return samples;
  }
}
