/**
 * `load-timeout` values that a timer or a number could misread, tried where a misread deadline fails at once: the
 * element waiting for a server that refuses connections, and the pre-iframe core on the external route, which
 * lets the meeting server's `external_api.js` take as long as `load-timeout`.
 */
import { expect } from '@open-wc/testing';
import { refusingServer, sandbox, token, uniqueRoom } from '../../support/sandbox.js';
import { earlyPage } from './early-page.js';
import { meeting } from './meeting-fixture.js';

/**
 * Mounts a native `<nano-meet>` for each of `loadTimeouts` on a server that refuses connections, which only the
 * deadline tells from a slow one: after a second, none may have failed. Resolves with the elements, in order.
 */
export async function noneFailsAtOnce(loadTimeouts: readonly string[]) {
  const server = await refusingServer();
  const elements = [];
  for (const seconds of loadTimeouts) {
    elements.push(await meeting('native', { room: uniqueRoom(), server }, { 'load-timeout': seconds }));
  }
  const errors: string[] = [];
  for (const el of elements) {
    el.addEventListener('nano-meet-error', (event) => errors.push(`${el.loadTimeout}: ${event.detail.message}`));
    document.body.append(el);
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(errors).to.deep.equal([]);
  expect(elements.map((el) => el.state)).to.deep.equal(loadTimeouts.map(() => 'loading'));
  return elements;
}

/** A server of the foreign sandbox under a host name of its own: one whose script this page has not loaded yet. */
export async function unloadedServer(): Promise<string> {
  const info = await sandbox(1);
  return `${uniqueRoom('script').replaceAll('_', '-')}.localhost:${new URL(info.url).port}`;
}

/**
 * Opens, with the core alone (the element not defined), a `loader="external"` meeting with `load-timeout` set to
 * `loadTimeout` on such a server, and resolves with what its script's load gave: the Jitsi API, or the load's error.
 */
export async function earlyExternalScript(loadTimeout: string): Promise<unknown> {
  const server = await unloadedServer();
  const jwt = await token(await sandbox(1), { room: uniqueRoom(), server });
  const { frame, win, core } = await earlyPage(
    `<nano-meet token="${jwt}" loader="external" allowed-servers="${server}" load-timeout="${loadTimeout}"></nano-meet>`,
  );
  try {
    await core.open(win.document.querySelector('nano-meet')!);
    const loads = (win as unknown as Record<symbol, Map<string, Promise<unknown>>>)[
      Symbol.for('nano-meet.external-api-loads')
    ]!;
    return await loads.get(`https://${server}/external_api.js`)!.catch((error: unknown) => error);
  } finally {
    frame.remove();
  }
}
