/**
 * Draws the "composed meeting view" a Jibri would record: one coloured tile per participant on a
 * background, markers for a raised hand and a muted microphone, a bar that moves every frame (so a
 * frozen picture is visible) and the clock barcode. No text: a colour per participant is enough to
 * tell tiles apart in a screenshot.
 */
import { CLOCK_BITS, CLOCK_BLOCK, drawClockBarcode } from './clock-barcode.js';
import { fillRect, i420Size, rgbToYuv, type I420Data, type YuvColor } from './i420-frame.js';

/** One participant as the composition shows it. */
export interface CompositionTile {
  /** Stable participant id; its hash picks the tile's colour, so a tile keeps its colour as others come and go. */
  id: string;
  handRaised: boolean;
  audioMuted: boolean;
  videoMuted: boolean;
}

const BACKGROUND = rgbToYuv(24, 28, 38);
const BAND = rgbToYuv(10, 10, 14);
const CAMERA_OFF = rgbToYuv(58, 60, 66);
const FACE = rgbToYuv(235, 220, 205);
const HAND = rgbToYuv(250, 204, 21);
const MUTED = rgbToYuv(220, 38, 38);
const MOVER = rgbToYuv(255, 255, 255);
/** Top band that holds the barcode, bottom band that holds the moving bar. */
const TOP_BAND = CLOCK_BLOCK + 8;
const BOTTOM_BAND = 16;
const GAP = 8;

/** FNV-1a: cheap, stable across runs, well spread for short ids. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) value = Math.imul(value ^ text.charCodeAt(index), 0x01000193);
  return value >>> 0;
}

/** A saturated, mid-bright colour from a hue in [0, 360). */
function hueColor(hue: number): YuvColor {
  const sector = hue / 60;
  const x = 1 - Math.abs((sector % 2) - 1);
  const [r, g, b] =
    sector < 1
      ? [1, x, 0]
      : sector < 2
        ? [x, 1, 0]
        : sector < 3
          ? [0, 1, x]
          : sector < 4
            ? [0, x, 1]
            : sector < 5
              ? [x, 0, 1]
              : [1, 0, x];
  const scale = (channel: number) => 50 + channel * 170;
  return rgbToYuv(scale(r), scale(g), scale(b));
}

/** The colour a participant's tile gets. */
export function tileColor(id: string): YuvColor {
  return hueColor(hash(id) % 360);
}

/** Grid columns and rows for `count` tiles, as Jitsi's tile view roughly lays them out. */
function grid(count: number): { columns: number; rows: number } {
  const columns = Math.max(1, Math.ceil(Math.sqrt(count)));
  return { columns, rows: Math.max(1, Math.ceil(count / columns)) };
}

/** Paints composed frames of one size into fresh buffers. */
export class CompositionPainter {
  readonly width: number;
  readonly height: number;
  private frameNumber = 0;

  constructor(width: number, height: number) {
    if (width % 2 || height % 2 || width < CLOCK_BITS * CLOCK_BLOCK || height < TOP_BAND + BOTTOM_BAND + 2 * GAP + 16) {
      throw new RangeError(
        `A composed frame must have even dimensions of at least ${CLOCK_BITS * CLOCK_BLOCK}×${TOP_BAND + BOTTOM_BAND + 2 * GAP + 16}; got ${width}×${height}.`,
      );
    }
    this.width = width;
    this.height = height;
  }

  /**
   * A new frame for `tiles` at wall-clock time `now`. A fresh buffer each time because the ffmpeg pipe
   * holds on to what it was given until the bytes are written.
   */
  paint(tiles: readonly CompositionTile[], now: number): Buffer {
    const frame: I420Data = {
      width: this.width,
      height: this.height,
      data: Buffer.allocUnsafe(i420Size(this.width, this.height)),
    };
    fillRect(frame, 0, 0, this.width, this.height, BACKGROUND);
    fillRect(frame, 0, 0, this.width, TOP_BAND, BAND);
    fillRect(frame, 0, this.height - BOTTOM_BAND, this.width, BOTTOM_BAND, BAND);
    this.paintTiles(frame, tiles);
    const moverWidth = 32;
    const travel = this.width - moverWidth;
    const position = (this.frameNumber * 4) % (2 * travel);
    fillRect(
      frame,
      position < travel ? position : 2 * travel - position,
      this.height - BOTTOM_BAND + 4,
      moverWidth,
      BOTTOM_BAND - 8,
      MOVER,
    );
    drawClockBarcode(frame, now);
    this.frameNumber++;
    return frame.data as Buffer;
  }

  private paintTiles(frame: I420Data, tiles: readonly CompositionTile[]): void {
    if (tiles.length === 0) return;
    const { columns, rows } = grid(tiles.length);
    const areaTop = TOP_BAND + GAP;
    const areaHeight = this.height - TOP_BAND - BOTTOM_BAND - 2 * GAP;
    const tileWidth = Math.floor((this.width - GAP * (columns + 1)) / columns) & ~1;
    const tileHeight = Math.floor((areaHeight - GAP * (rows - 1)) / rows) & ~1;
    tiles.forEach((tile, index) => {
      const row = Math.floor(index / columns);
      // The last row is centred when it is not full, as in Jitsi's tile view.
      const inRow = row === rows - 1 ? tiles.length - row * columns : columns;
      const rowLeft = Math.floor((this.width - inRow * tileWidth - (inRow - 1) * GAP) / 2);
      const x = rowLeft + (index % columns) * (tileWidth + GAP);
      const y = areaTop + row * (tileHeight + GAP);
      this.paintTile(frame, tile, x & ~1, y & ~1, tileWidth, tileHeight);
    });
  }

  private paintTile(frame: I420Data, tile: CompositionTile, x: number, y: number, width: number, height: number): void {
    const color = tileColor(tile.id);
    const marker = Math.max(6, Math.floor(Math.min(width, height) / 6));
    if (tile.videoMuted) {
      // Camera off: a grey tile with the participant's colour as a frame, like an avatar placeholder.
      fillRect(frame, x, y, width, height, color);
      const border = Math.max(2, Math.floor(marker / 3));
      fillRect(frame, x + border, y + border, width - 2 * border, height - 2 * border, CAMERA_OFF);
    } else {
      fillRect(frame, x, y, width, height, color);
      const face = Math.floor(Math.min(width, height) / 3);
      fillRect(frame, x + (width - face) / 2, y + (height - face) / 2, face, face, FACE);
    }
    if (tile.handRaised) this.paintMarker(frame, x + marker / 2, y + marker / 2, marker, HAND);
    if (tile.audioMuted) this.paintMarker(frame, x + width - 1.5 * marker, y + height - 1.5 * marker, marker, MUTED);
  }

  /** A square with a dark outline, so it shows on a tile of any colour (a red mark on a red tile). */
  private paintMarker(frame: I420Data, x: number, y: number, size: number, color: YuvColor): void {
    fillRect(frame, x - 2, y - 2, size + 4, size + 4, BAND);
    fillRect(frame, x, y, size, size, color);
  }
}
