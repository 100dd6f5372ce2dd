/**
 * `<nano-meet>`'s `server` and `allowedServers` as a page may have set them: an attribute gives text, but a framework
 * binds the property, and may pass a list as an array, or anything else by mistake. The element and the pre-iframe
 * core (src/elements/early-meeting) read them here, the same way, so that both refuse the same values. Only this is here:
 * the CDN entries carry every export of a module they share with the element (src/tooling/rollup-shared-core.mjs).
 */

/**
 * The `allowed-servers` list as text: the attribute's string, or an array of servers (each a string) as one list.
 * `null` and `undefined` are no list. `false` for anything else: a list the page meant to give but that cannot be read,
 * which allows no server (never "no list", which would allow any server).
 */
export function serverListText(list: unknown): string | null | undefined | false {
  if (list == null || typeof list == 'string') return list as string | null | undefined;
  return Array.isArray(list) && list.every((server) => typeof server == 'string') && list.join(' ');
}

/**
 * The server a token's meeting opens on: the page's `server` where it names another than the token's, else the
 * token's. No `server` is `''`, `null` (the attribute removed: Lit sets the property to null, as a framework does
 * when its value becomes undefined) or `undefined`; anything else is asked for, and checked as a host where it is used.
 */
export function chosenServer<T>(server: T, tokenServer: string): { server: T | string; overridden: boolean } {
  const overridden = server != null && server !== '' && server !== tokenServer;
  return { server: overridden ? server : tokenServer, overridden };
}
