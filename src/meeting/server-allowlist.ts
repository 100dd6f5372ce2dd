/**
 * Which meeting servers a page lets its meetings talk to. The page is the authority, never the token: a browser
 * cannot check a token's signature, and tokens travel in invite links, so anyone who can send a link can hand
 * over a token naming their own server. A page lists its servers in
 * `<meta name="nano-meet-allowed-servers" content="…">` and/or an element's `allowed-servers` attribute; where
 * both are given, only servers on both lists are allowed. A page that lists nothing allows any server for the
 * native route, and none for the external one, whose script would run in the page itself.
 */
import { isValidServerHost } from '../token/server-host.js';

export const ALLOWED_SERVERS_META = 'nano-meet-allowed-servers';

/** How the meeting would be opened, as far as the allowlist cares. */
export interface ServerUse {
  /** The server the meeting would be opened on: host and optional port, as tokens name it. */
  server: string;
  /** Whether `server` comes from the page's `server` attribute rather than from the token. */
  overridden: boolean;
  /** Whether the server's own `external_api.js` would run in the page (`loader="external"`). */
  external: boolean;
}

/**
 * The servers the page allows, normalised (`normalizeServer`), or `undefined` when it lists none. Every
 * allowed-servers meta of `doc` and `attribute` (when not null) are lists; the result is what all of them allow.
 * A list that is present but empty, or holds nothing valid, allows nothing.
 */
export function allowedServers(doc: Document, attribute: string | null | undefined): ReadonlySet<string> | undefined {
  const metas = doc.querySelectorAll<HTMLMetaElement>(`meta[name="${ALLOWED_SERVERS_META}"]`);
  const lists = [...metas].map((meta) => meta.content);
  if (attribute !== null && attribute !== undefined) lists.push(attribute);
  let allowed: Set<string> | undefined;
  for (const list of lists.map(parseServerList)) {
    allowed = allowed ? new Set([...allowed].filter((server) => list.has(server))) : list;
  }
  return allowed;
}

/** A list of origins (`https://meet.example.org`) or hosts (`meet.example.org:8443`), split by spaces or commas. */
export function parseServerList(text: string): Set<string> {
  const servers = new Set<string>();
  for (const entry of text.split(/[\s,]+/)) {
    const server = normalizeServer(entry);
    if (server !== undefined) servers.add(server);
  }
  return servers;
}

/**
 * `host[:port]` in lower case, without the default port 443, for an https origin or a host; `undefined` for
 * anything else (another scheme, a user-info part, a malformed host), which therefore matches no server.
 */
export function normalizeServer(entry: string): string | undefined {
  let host = entry;
  if (entry.includes('://')) {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      return undefined;
    }
    // Meetings are always https; a path would be a tenant, which the allowlist does not distinguish.
    if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return undefined;
    host = url.host;
  }
  if (!isValidServerHost(host)) return undefined;
  return host.toLowerCase().replace(/:443$/, '');
}

/** Why a page refuses a meeting server; src/meeting/server-refusal.ts says it in words. */
export type ServerRefusal = 'server-not-listed' | 'server-not-moved' | 'server-not-allowed' | 'override-not-allowed';

/**
 * Whether the page refuses `use`, and why; `undefined` when it allows it. The CDN entries ask before they put up an
 * early iframe, and only need the answer: the sentences stay with the element, which shows them.
 */
export function refusalOf(use: ServerUse, allowed: ReadonlySet<string> | undefined): ServerRefusal | undefined {
  if (!allowed) {
    if (use.external) return 'server-not-listed';
    if (use.overridden) return 'server-not-moved';
    return undefined;
  }
  const normalized = normalizeServer(use.server);
  if (normalized !== undefined && allowed.has(normalized)) return undefined;
  return use.overridden ? 'override-not-allowed' : 'server-not-allowed';
}
