/**
 * `<nano-meet-playout>` (CDN build) against a sandbox broadcast: time to first frame and glass-to-glass
 * latency, over WHEP and over HLS. The sandbox draws `Date.now() mod 2^24` into every frame as a barcode
 * (src/sandbox/media/clock-barcode.ts: 24 black/white 16×16 blocks along the top edge of the 640-wide
 * composed frame, least significant bit first); the page draws each displayed frame to a canvas
 * (`requestVideoFrameCallback`), reads the barcode back and subtracts it from the time the frame is shown.
 */
import type { Browser } from 'playwright-core';
import { CLOCK_BITS, CLOCK_BLOCK } from '../src/sandbox/media/clock-barcode.js';
import type { RunningSandbox } from '../src/sandbox/server/sandbox-server.js';
import { attribute, scriptLiteral, type PageServer } from './page-server.js';
import { sandboxCall } from './sandbox-control.js';
import { median, percentile, round } from './stats.js';

/** Width the sandbox's broadcast studio composes at (its default). */
const COMPOSED_WIDTH = 640;

export type PlayoutProtocolName = 'whep' | 'hls';

export interface PlayoutLatencyResult {
  protocol: PlayoutProtocolName;
  /** What the element actually played with (`whep`, `hls`, `native-hls`), or undefined when it never played. */
  playedWith: string | undefined;
  /** ms from putting the element into the (loaded) page to the first frame shown. */
  firstFrameMs: number | undefined;
  /** ms from navigation start to the first frame shown (includes loading the bundle, and hls.js for HLS). */
  firstFrameFromNavigationMs: number | undefined;
  /** The element's own `ttff` (`nano-meet-playout-playing`). */
  elementTtffMs: number | undefined;
  frames: number;
  decodedFrames: number;
  glassToGlassMedianMs: number | undefined;
  glassToGlassP90Ms: number | undefined;
  glassToGlassMinMs: number | undefined;
  errors: string[];
  note?: string;
}

const PLAYOUT_SCRIPT = (src: string, sampleMs: number, firstFrameTimeoutMs: number) => `
const BITS = ${CLOCK_BITS}, BLOCK = ${CLOCK_BLOCK}, COMPOSED_WIDTH = ${COMPOSED_WIDTH}, MODULUS = 2 ** BITS;
const result = (window.__playout = { done: false, frames: 0, decoded: 0, ages: [], errors: [] });
await (await import('/cdn/nano-meet.js')).loadElement('nano-meet-playout');
const element = document.createElement('nano-meet-playout');
element.setAttribute('muted', '');
element.setAttribute('autoplay', '');
element.setAttribute('src', ${scriptLiteral(src)});
element.style.cssText = 'display:block;width:640px;height:360px';
element.addEventListener('nano-meet-playout-playing', (event) => { result.elementTtff ??= event.detail.ttff; result.protocol ??= event.detail.protocol; });
element.addEventListener('nano-meet-playout-error', (event) => result.errors.push(event.detail.code));
result.attachAt = performance.now();
document.body.append(element);
await element.updateComplete;
const video = element.video;
const canvas = document.createElement('canvas');
const context = canvas.getContext('2d', { willReadFrequently: true });
// One barcode block's mean luma over its inner half (edges bleed after compression); undefined when grey.
const blockBit = (pixels, width, block, bit) => {
  const x0 = Math.round(bit * block + block / 4), y0 = Math.round(block / 4), size = Math.max(1, Math.round(block / 2));
  let sum = 0;
  for (let y = y0; y < y0 + size; y++) for (let x = x0; x < x0 + size; x++) {
    const i = (y * width + x) * 4;
    sum += 0.299 * pixels[i] + 0.587 * pixels[i + 1] + 0.114 * pixels[i + 2];
  }
  const luma = sum / (size * size);
  return luma > 192 ? 1 : luma < 64 ? 0 : undefined;
};
const onFrame = (now, meta) => {
  result.frames++;
  if (result.firstFrameAt === undefined) result.firstFrameAt = now;
  const shownAt = performance.timeOrigin + (meta.expectedDisplayTime ?? now);
  if (canvas.width !== meta.width || canvas.height !== meta.height) { canvas.width = meta.width; canvas.height = meta.height; }
  const block = BLOCK * (meta.width / COMPOSED_WIDTH);
  const stripWidth = Math.min(meta.width, Math.ceil(BITS * block)), stripHeight = Math.min(meta.height, Math.ceil(block));
  context.drawImage(video, 0, 0, meta.width, meta.height);
  const pixels = context.getImageData(0, 0, stripWidth, stripHeight).data;
  let value = 0, readable = true;
  for (let bit = 0; bit < BITS && readable; bit++) {
    const b = blockBit(pixels, stripWidth, block, bit);
    if (b === undefined) readable = false; else if (b) value += 2 ** bit;
  }
  if (readable) {
    const age = (Math.floor(shownAt) % MODULUS - value + MODULUS) % MODULUS;
    // A frame drawn more than 30 s ago is a misread, not latency.
    if (age < 30000) { result.decoded++; result.ages.push(age); }
  }
  if (performance.now() - result.firstFrameAt < ${sampleMs}) video.requestVideoFrameCallback(onFrame);
  else result.done = true;
};
video.requestVideoFrameCallback(onFrame);
setTimeout(() => { if (result.firstFrameAt === undefined) result.done = true; }, ${firstFrameTimeoutMs});
`;

export async function measurePlayout(
  browser: Browser,
  server: PageServer,
  sandbox: RunningSandbox,
  protocol: PlayoutProtocolName,
  sampleMs: number,
): Promise<PlayoutLatencyResult> {
  server.page(
    '/playout.html',
    (query) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>playout</title>
<script type="module" src="/cdn/nano-meet.js"></script>
<script type="module" data-src="${attribute(query.get('src') ?? '')}">${PLAYOUT_SCRIPT(query.get('src') ?? '', Number(query.get('sample')), Number(query.get('timeout')))}</script>
</head><body></body></html>`,
  );
  const streamName = `bench-${protocol}-${Date.now().toString(36)}`;
  const started = await sandboxCall(sandbox, 'POST', `/_sandbox/control/streams/${streamName}`, {});
  const empty = (note: string, errors: string[] = []): PlayoutLatencyResult => ({
    protocol,
    playedWith: undefined,
    firstFrameMs: undefined,
    firstFrameFromNavigationMs: undefined,
    elementTtffMs: undefined,
    frames: 0,
    decodedFrames: 0,
    glassToGlassMedianMs: undefined,
    glassToGlassP90Ms: undefined,
    glassToGlassMinMs: undefined,
    errors,
    note,
  });
  if (started.status !== 200)
    return empty(`the sandbox did not start a stream: ${started.status} ${JSON.stringify(started.body)}`);
  const urls = started.body as { whep: string; hls: string };
  const firstFrameTimeoutMs = protocol === 'hls' ? 30_000 : 10_000;
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  try {
    const page = await context.newPage();
    const query = new URLSearchParams({
      src: protocol === 'whep' ? urls.whep : urls.hls,
      sample: String(sampleMs),
      timeout: String(firstFrameTimeoutMs),
    });
    await page.goto(`${server.origin}/playout.html?${query}`);
    await page.waitForFunction('window.__playout && window.__playout.done', undefined, {
      timeout: firstFrameTimeoutMs + sampleMs + 10_000,
      polling: 200,
    });
    const seen = (await page.evaluate('window.__playout')) as {
      attachAt: number;
      firstFrameAt?: number;
      elementTtff?: number;
      protocol?: string;
      frames: number;
      decoded: number;
      ages: number[];
      errors: string[];
    };
    if (seen.firstFrameAt === undefined) return empty(`no frame within ${firstFrameTimeoutMs / 1000} s`, seen.errors);
    // The first second of HLS plays from behind the live edge and catches up: latency is read after it.
    const ages = protocol === 'hls' ? seen.ages.slice(Math.floor(seen.ages.length / 4)) : seen.ages;
    return {
      protocol,
      playedWith: seen.protocol,
      firstFrameMs: round(seen.firstFrameAt - seen.attachAt),
      firstFrameFromNavigationMs: round(seen.firstFrameAt),
      elementTtffMs: seen.elementTtff,
      frames: seen.frames,
      decodedFrames: seen.decoded,
      glassToGlassMedianMs: ages.length ? round(median(ages)) : undefined,
      glassToGlassP90Ms: ages.length ? round(percentile(ages, 90)) : undefined,
      glassToGlassMinMs: ages.length ? Math.min(...ages) : undefined,
      errors: seen.errors,
    };
  } finally {
    await context.close();
    await sandboxCall(sandbox, 'DELETE', `/_sandbox/control/streams/${streamName}`).catch(() => undefined);
  }
}
