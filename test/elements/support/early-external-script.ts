/**
 * The pre-iframe core on the external route with a given `load-timeout`: how long it lets the meeting server's
 * `external_api.js` take is the element's `load-timeout`, so a value it misreads makes the load fail at once.
 */
import { sandbox, token, uniqueRoom } from '../../support/sandbox.js';
import { earlyPage } from './early-page.js';

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
