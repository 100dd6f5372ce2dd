/**
 * `<nano-meet>`'s `allowedServers` as a page may have set it: an attribute gives text, but a framework binds the
 * property, and may pass a list as an array, or anything else by mistake. The element and the pre-iframe core
 * (src/elements/early-meeting) read it here, the same way, so that both refuse the same values. Only this is here:
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
