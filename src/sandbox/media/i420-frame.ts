/** A colour in the I420 (YUV 4:2:0) space the encoders take, so drawing never converts per pixel. */
export interface YuvColor {
  readonly y: number;
  readonly u: number;
  readonly v: number;
}

/** BT.601 (the encoders' default matrix) from 8-bit RGB. */
export function rgbToYuv(r: number, g: number, b: number): YuvColor {
  const clamp = (value: number) => Math.max(0, Math.min(255, Math.round(value)));
  return {
    y: clamp(0.299 * r + 0.587 * g + 0.114 * b),
    u: clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b),
    v: clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b),
  };
}

/** The frame shape `@roamhq/wrtc`'s video source and sink use: planes Y, U, V back to back. */
export interface I420Data {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Bytes of one I420 frame; both dimensions must be even so the chroma planes are exact halves. */
export function i420Size(width: number, height: number): number {
  return width * height * 1.5;
}

/**
 * Fills an axis-aligned rectangle, clipped to the frame. Whole-row `fill` calls keep a 640×360 frame
 * at a few microseconds, which matters on a 2-core machine that also encodes.
 */
export function fillRect(frame: I420Data, x: number, y: number, width: number, height: number, color: YuvColor): void {
  const { width: frameWidth, height: frameHeight, data } = frame;
  const left = Math.max(0, Math.floor(x));
  const top = Math.max(0, Math.floor(y));
  const right = Math.min(frameWidth, Math.floor(x + width));
  const bottom = Math.min(frameHeight, Math.floor(y + height));
  if (right <= left || bottom <= top) return;
  for (let row = top; row < bottom; row++) data.fill(color.y, row * frameWidth + left, row * frameWidth + right);
  const chromaWidth = frameWidth >> 1;
  const uOffset = frameWidth * frameHeight;
  const vOffset = uOffset + chromaWidth * (frameHeight >> 1);
  const chromaLeft = left >> 1;
  const chromaRight = (right + 1) >> 1;
  for (let row = top >> 1; row < (bottom + 1) >> 1; row++) {
    data.fill(color.u, uOffset + row * chromaWidth + chromaLeft, uOffset + row * chromaWidth + chromaRight);
    data.fill(color.v, vOffset + row * chromaWidth + chromaLeft, vOffset + row * chromaWidth + chromaRight);
  }
}

/** Mean luma of a rectangle (clipped); a decoder reads blocks this way to survive compression noise. */
export function meanLuma(frame: I420Data, x: number, y: number, width: number, height: number): number {
  const left = Math.max(0, Math.floor(x));
  const top = Math.max(0, Math.floor(y));
  const right = Math.min(frame.width, Math.floor(x + width));
  const bottom = Math.min(frame.height, Math.floor(y + height));
  let sum = 0;
  let count = 0;
  for (let row = top; row < bottom; row++) {
    for (let column = left; column < right; column++) {
      sum += frame.data[row * frame.width + column] ?? 0;
      count++;
    }
  }
  return count === 0 ? 0 : sum / count;
}
