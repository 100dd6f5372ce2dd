/**
 * Asks an HLS server whether a playlist is there and still live, before a player is set up on it: a
 * broadcast that has not started answers 404, one that is over keeps its playlist with `#EXT-X-ENDLIST`.
 */
import { CodedError } from '../shared/coded-error.js';

/** `live`: playable and still growing; `ended`: complete (ENDLIST); `missing`: 404/410. */
export type PlaylistStatus = 'live' | 'ended' | 'missing';

/** The playlist cannot be read (network, or an HTTP status other than 404/410). */
export class PlaylistProbeError extends CodedError<'playlist-unreadable'> {
  override readonly name = 'PlaylistProbeError';

  constructor(
    message: string,
    /** Undefined for a network error. */
    readonly status?: number,
  ) {
    super('playlist-unreadable', message);
  }
}

/**
 * Fetches the playlist once. A multivariant playlist (`#EXT-X-STREAM-INF`) names no segments; its first
 * variant is read instead, as the player would.
 */
export async function probePlaylist(
  url: string,
  fetcher: typeof fetch,
  signal?: AbortSignal,
  depth = 0,
): Promise<PlaylistStatus> {
  let response: Response;
  try {
    response = await fetcher(url, { cache: 'no-store', ...(signal && { signal }) });
  } catch (cause) {
    if (signal?.aborted) throw signal.reason;
    throw new PlaylistProbeError(`The playlist ${url} could not be loaded (${(cause as Error).message}).`);
  }
  if (response.status === 404 || response.status === 410) return 'missing';
  if (!response.ok) throw new PlaylistProbeError(`The playlist ${url} answered ${response.status}.`, response.status);
  const text = await response.text();
  if (!text.trimStart().startsWith('#EXTM3U'))
    throw new PlaylistProbeError(`${url} is not an HLS playlist.`, response.status);
  const variant = /#EXT-X-STREAM-INF[^\n]*\n\s*([^#\s][^\n]*)/.exec(text)?.[1]?.trim();
  if (variant && depth === 0) return probePlaylist(new URL(variant, response.url || url).href, fetcher, signal, 1);
  return /^#EXT-X-ENDLIST\b/m.test(text) ? 'ended' : 'live';
}
