import { expect } from '@open-wc/testing';
import { nextEvent, startStream, stopStream, uniqueStream } from '../playout/playout-helpers.js';

/** Adds a classic `<script src>` to the page; resolves once it has run. */
export function loadClassicScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`${src} failed to load`));
    document.head.append(script);
  });
}

/** The paths of the resources this page has fetched whose file name is `file`. */
export function fetched(file: string): string[] {
  return performance
    .getEntriesByType('resource')
    .filter((entry) => entry.name.endsWith(`/${file}`))
    .map((entry) => new URL(entry.name).pathname);
}

/**
 * Plays a fresh HLS stream in a `<nano-meet-playout>` made by the CDN build already on the page, and checks that
 * hls.js came from next to the bundle, fetched only for it.
 */
export async function playHlsFromCdn(streamPrefix: string): Promise<void> {
  expect(fetched('hls.js')).to.deep.equal([]);
  const name = uniqueStream(streamPrefix);
  const { hls } = await startStream(name);
  try {
    const el = document.createElement('nano-meet-playout');
    const playing = nextEvent(el, 'nano-meet-playout-playing');
    Object.assign(el, { src: hls, autoplay: true, muted: true });
    document.body.append(el);
    expect((await playing).detail.protocol).to.equal('hls');
    expect(fetched('hls.js')).to.deep.equal(['/dist/cdn/hls.js']);
    el.remove();
  } finally {
    await stopStream(name);
  }
}
