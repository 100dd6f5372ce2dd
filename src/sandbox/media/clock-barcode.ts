/**
 * The clock barcode of media-lab (docs/jitsi/media-testing.md §3.5): `Date.now() mod 2^24` as 24 black/white
 * 16×16 blocks along the top-left edge, least significant bit first. A player on the same machine
 * decodes it from a displayed frame and subtracts it from its own clock: glass-to-glass latency.
 */
import { fillRect, meanLuma, type I420Data, type YuvColor } from './i420-frame.js';

/** Number of bits, hence blocks; 2^24 ms ≈ 4.6 h, far more than any latency. */
export const CLOCK_BITS = 24;
/** Side of one block in pixels of the composed frame. */
export const CLOCK_BLOCK = 16;
const MODULUS = 2 ** CLOCK_BITS;
// Neutral chroma keeps the blocks pure black and white after any RGB round trip.
const WHITE: YuvColor = { y: 255, u: 128, v: 128 };
const BLACK: YuvColor = { y: 0, u: 128, v: 128 };

/** The value the barcode carries for a wall-clock time. */
export function clockValue(now: number): number {
  return Math.floor(now) % MODULUS;
}

/** Draws `clockValue(now)` into the frame's top-left corner. */
export function drawClockBarcode(frame: I420Data, now: number): void {
  const value = clockValue(now);
  for (let bit = 0; bit < CLOCK_BITS; bit++) {
    fillRect(frame, bit * CLOCK_BLOCK, 0, CLOCK_BLOCK, CLOCK_BLOCK, (value >> bit) & 1 ? WHITE : BLACK);
  }
}

/**
 * Reads the barcode back from a received frame. `composedWidth` is the width the frame was drawn at,
 * so a frame that the sender's encoder scaled down (CPU adaptation) still decodes.
 */
export function readClockBarcode(frame: I420Data, composedWidth: number): number {
  const scale = frame.width / composedWidth;
  const block = CLOCK_BLOCK * scale;
  let value = 0;
  for (let bit = 0; bit < CLOCK_BITS; bit++) {
    // The inner half of each block: edges blur into the neighbours after compression.
    if (meanLuma(frame, bit * block + block / 4, block / 4, block / 2, block / 2) > 128) value |= 1 << bit;
  }
  return value >>> 0;
}

/** Milliseconds from the frame's drawing to `now`, modulo the barcode's range. */
export function clockAge(value: number, now: number): number {
  return (clockValue(now) - value + MODULUS) % MODULUS;
}
