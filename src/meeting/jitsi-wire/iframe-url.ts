/**
 * Builds the meeting iframe's URL byte for byte as Jitsi's `external_api.js` does (docs/jitsi/wire.md §1), because the
 * meeting page parses that exact shape: the API id and every override travel in the hash.
 */

/** What goes into the URL; the names are those of the `JitsiMeetExternalAPI` options. */
export interface IframeUrlOptions {
  /** The API instance id: the page derives its postMessage scope `jitsi_meet_external_api_<id>` from it. */
  id: number;
  roomName?: string;
  jwt?: string;
  lang?: string;
  release?: string;
  configOverwrite?: Record<string, unknown>;
  interfaceConfigOverwrite?: Record<string, unknown>;
  iceServers?: unknown;
  devices?: Record<string, unknown>;
  userInfo?: Record<string, unknown>;
  /** The host's `localStorage.jitsiLocalStorage`, handed to the page; `null` when there is none. */
  localStorageContent?: string | null;
}

/** Hash prefixes in the order Jitsi writes them, each with the option it reads. */
const HASH_SECTIONS = [
  ['config', 'configOverwrite'],
  ['iceServers', 'iceServers'],
  ['interfaceConfig', 'interfaceConfigOverwrite'],
  ['devices', 'devices'],
  ['userInfo', 'userInfo'],
  ['appData', 'appData'],
] as const;

/**
 * The iframe URL for a meeting on `domain` (a host, optionally with `:port` and a `/tenant` path).
 *
 * @example buildIframeUrl('meet.example.org', { id: 0, roomName: 'Room1', jwt: 'x.y.z' })
 *   // 'https://meet.example.org/Room1?jwt=x.y.z#jitsi_meet_external_api_id=0&jwt="x.y.z"&appData.localStorageContent=null'
 */
export function buildIframeUrl(domain: string, options: IframeUrlOptions): string {
  // Jitsi strips whitespace from the base URL (not from the room) before it parses it.
  const base = `https://${domain}/#jitsi_meet_external_api_id=${options.id}`.replace(/\s/g, '');
  // Always matches: every group may be empty. A user-info part of the authority is dropped, as Jitsi's parser does.
  const [, authority = '', rawPath = '', rawSearch = '', baseHash = ''] =
    /^https:\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/.exec(base) ?? [];
  const host = authority.slice(authority.indexOf('@') + 1);

  let path = rawPath.startsWith('/') ? rawPath : `/${rawPath}`;
  const room = options.roomName;
  if (room && (path.endsWith('/') || !path.endsWith(`/${room}`))) {
    if (!path.endsWith('/')) path += '/';
    path += room;
  }

  const search = new URLSearchParams(rawSearch);
  const { jwt, release } = options;
  const lang = options.lang || (options.configOverwrite?.['defaultLanguage'] as string | undefined);
  if (jwt) search.set('jwt', jwt);
  if (lang) search.set('lang', lang);
  if (release) search.set('release', release);
  const query = search.toString();

  const hash = [baseHash];
  if (jwt) hash.push(`jwt=${JSON.stringify(jwt)}`);
  const sources: Partial<Record<(typeof HASH_SECTIONS)[number][1], unknown>> = {
    ...options,
    appData: { localStorageContent: options.localStorageContent ?? null },
  };
  for (const [prefix, option] of HASH_SECTIONS) hash.push(...hashParams(prefix, sources[option]));

  return `https://${host}${path}${query ? `?${query}` : rawSearch}${hash.join('&')}`;
}

/** `prefix.key=<encodeURIComponent(JSON.stringify(value))>` for each enumerable key, as Jitsi's `for…in` does. */
function hashParams(prefix: string, source: unknown): string[] {
  const params: string[] = [];
  // Jitsi falls back to `{}` for a falsy source and walks anything else with for…in, a string included.
  const object: Record<string, unknown> = source ? Object(source) : {};
  for (const key in object) {
    try {
      // JSON.stringify(undefined) is undefined, which encodes as the text "undefined": the page reads it back so.
      params.push(`${prefix}.${key}=${encodeURIComponent(JSON.stringify(object[key]) as string)}`);
    } catch {
      // A value JSON cannot write (a BigInt, a cycle) is left out; Jitsi logs a warning and does the same.
    }
  }
  return params;
}
