// Browser-test helpers for <nano-meet-playout>: streams on the sandbox's broadcast studio, waiting for
// events and states, and reading the studio's clock barcode from displayed frames.
import { expect } from '@open-wc/testing';
import { control, sandbox, type SandboxInfo } from '../support/sandbox.js';
import type { NanoMeetPlayoutElement, PlayoutState } from '../../src/elements/nano-meet-playout.js';

export interface StreamUrls {
  whep: string;
  hls: string;
  vod?: string;
}

let streams = 0;

/** A stream name no other test uses. */
export function uniqueStream(prefix = 'playout'): string {
  streams += 1;
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}-${streams}`;
}

export async function studio(): Promise<SandboxInfo> {
  return sandbox(0);
}

/** Starts a live stream on the sandbox's studio; resolves once it is live. */
export async function startStream(name: string, record = false): Promise<StreamUrls> {
  return control<StreamUrls>(await studio(), 'POST', `/streams/${name}`, { record });
}

export async function stopStream(name: string): Promise<void> {
  await control(await studio(), 'DELETE', `/streams/${name}`);
}

/** The next `name` event on `target`, or a rejection naming what did not happen. */
export function nextEvent<K extends keyof HTMLElementEventMap>(
  target: EventTarget,
  name: K,
  timeoutMs = 25_000,
): Promise<HTMLElementEventMap[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      target.removeEventListener(name, listener);
      reject(new Error(`no ${name} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (event: Event) => {
      clearTimeout(timer);
      target.removeEventListener(name, listener);
      resolve(event as HTMLElementEventMap[K]);
    };
    target.addEventListener(name, listener);
  });
}

/** Polls until an element (a playout, a meeting, a broadcast button) is in `state`, then lets it render. */
export async function untilState<State extends string = PlayoutState>(
  element: { readonly state: State; readonly updateComplete: Promise<unknown> },
  state: State,
  timeoutMs = 25_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (element.state !== state) {
    if (Date.now() > deadline) throw new Error(`state is ${element.state}, not ${state}, after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await element.updateComplete;
}

/** The visible status text in the element's shadow DOM. */
export function statusText(element: NanoMeetPlayoutElement): string {
  return element.shadowRoot?.querySelector('[part="status"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/** The studio's frames are composed at this width; the barcode scales with the frame. */
const COMPOSED_WIDTH = 640;
const CLOCK_BITS = 24;
const CLOCK_BLOCK = 16;

/**
 * Waits for the next frame and decodes its clock barcode (`Date.now() mod 2^24` at the studio,
 * 24 black/white blocks along the top edge, least significant bit first).
 */
export async function readFrameClock(video: HTMLVideoElement): Promise<number> {
  // A page the browser is not rendering (the test runner's other tabs) gets no frame callbacks, but
  // drawImage still reads the current frame: wait for a callback only as long as one normally takes.
  await Promise.race([
    new Promise<void>((resolve) => video.requestVideoFrameCallback(() => resolve())),
    new Promise((resolve) => setTimeout(resolve, 200)),
  ]);
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2D canvas');
  context.drawImage(video, 0, 0);
  const block = (CLOCK_BLOCK * video.videoWidth) / COMPOSED_WIDTH;
  let value = 0;
  for (let bit = 0; bit < CLOCK_BITS; bit++) {
    const [r = 0, g = 0, b = 0] = context.getImageData(
      Math.floor(bit * block + block / 2),
      Math.floor(block / 2),
      1,
      1,
    ).data;
    if ((r + g + b) / 3 > 128) value |= 1 << bit;
  }
  return value >>> 0;
}

/** Milliseconds from `earlier` to `later` on the barcode's 2^24 ms clock. */
export function clockDifference(earlier: number, later: number): number {
  return (later - earlier + 2 ** CLOCK_BITS) % 2 ** CLOCK_BITS;
}

/**
 * Proves frames are moving: the decoder's frame count grows and two displayed frames carry different,
 * increasing studio clocks.
 */
export async function expectMovingFrames(
  video: HTMLVideoElement,
): Promise<{ first: number; second: number; framesBefore: number; framesAfter: number }> {
  // Right after (re)connecting the video may still show a blank frame, whose barcode reads 0 (a real studio
  // clock is 0 once in 2^24 ms): wait, for a few seconds at most, for the first real picture.
  let first = await readFrameClock(video);
  for (let attempt = 0; first === 0 && attempt < 30; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    first = await readFrameClock(video);
  }
  const framesBefore = video.getVideoPlaybackQuality().totalVideoFrames;
  await new Promise((resolve) => setTimeout(resolve, 400));
  const second = await readFrameClock(video);
  const framesAfter = video.getVideoPlaybackQuality().totalVideoFrames;
  return { first, second, framesBefore, framesAfter };
}

/** Whether this page has requested hls.js (the npm build's or the CDN's file). */
export const hlsRequested = (): boolean =>
  performance.getEntriesByType('resource').some((entry) => /\/hls\.js\/|\/hls\.m?js/.test(entry.name));

/** Asserts that the playout shows moving frames of the studio's picture. */
export async function expectPlaying(el: NanoMeetPlayoutElement): Promise<void> {
  const moving = await expectMovingFrames(el.video);
  expect(moving.framesAfter, 'decoded frames keep coming').to.be.greaterThan(moving.framesBefore);
  const advanced = clockDifference(moving.first, moving.second);
  // Two frames 0.4 s apart carry a later studio clock (a decoding error would give noise, not a small step).
  expect(advanced, `barcode ${moving.first} → ${moving.second}`).to.be.greaterThan(0).and.lessThan(60_000);
}

const started: string[] = [];

/** Starts a stream that {@link stopLiveStreams} ends after the test. */
export function live(name: string, record = false): Promise<StreamUrls> {
  started.push(name);
  return startStream(name, record);
}

/** For afterEach: ends every stream {@link live} started (those already ended are ended again, harmlessly). */
export async function stopLiveStreams(): Promise<void> {
  await Promise.all(started.splice(0).map((name) => stopStream(name).catch(() => undefined)));
}
