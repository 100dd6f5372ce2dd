/**
 * What a broadcast's addresses say about it, learned without opening a WHEP session: the live HLS playlist
 * (missing, still growing, or ended with `#EXT-X-ENDLIST`), the recording's playlist, and whether the WHEP
 * server answers at all. A WHEP endpoint only tells whether a stream is live by creating a session (a POST
 * with an offer, which costs the server a peer connection), so it is only asked whether it is reachable: a
 * `HEAD` in `no-cors` mode, which no server treats as a session, needs no CORS preflight and fails only when
 * the host cannot be reached (DNS, refused connection, TLS).
 */
import { PlaylistProbeError, probePlaylist } from './playlist-probe.js';

/**
 * - `live`: the live playlist is growing;
 * - `not-started`: the live playlist does not exist (yet), and there is no recording;
 * - `ended`: the live playlist has ended, or a recording exists; `recording` says whether there is one;
 * - `unknown`: only WHEP names the stream, and its server answers: only playing will tell more;
 * - `unreachable`: the stream's server could not be reached;
 * - `unplayable`: the playlist answered with an error status, or is not a playlist.
 */
export type BroadcastOutlook =
  | { kind: 'live' | 'not-started' | 'unknown' }
  | { kind: 'ended'; recording: boolean }
  | { kind: 'unreachable' | 'unplayable'; message: string; httpStatus?: number };

/** The addresses to look at: the live WHEP endpoint and HLS playlist, and the recording's playlist. */
export interface LookupSources {
  whep?: string;
  hls?: string;
  vod?: string;
}

export interface LookupOptions {
  signal?: AbortSignal;
  /** Default: the browser's `fetch`. */
  fetch?: typeof fetch;
}

/**
 * Looks the broadcast up: at most the live playlist and the recording's (one request each, two for a
 * multivariant playlist), or a `HEAD` to the WHEP endpoint when there is no playlist. Rejects only when the
 * signal aborts.
 */
export async function lookUpBroadcast(sources: LookupSources, options: LookupOptions = {}): Promise<BroadcastOutlook> {
  const fetcher = fetchOf(options);
  const { signal } = options;
  const recorded = () => (sources.vod ? hasRecording(sources.vod, options) : Promise.resolve(false));
  if (sources.hls) {
    let status;
    try {
      status = await probePlaylist(sources.hls, fetcher, signal);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (!(error instanceof PlaylistProbeError)) return { kind: 'unreachable', message: String(error) };
      if (error.status === undefined) return { kind: 'unreachable', message: error.message };
      return { kind: 'unplayable', message: error.message, httpStatus: error.status };
    }
    if (status === 'live') return { kind: 'live' };
    if (status === 'ended') return { kind: 'ended', recording: await recorded() };
    // A live playlist that is gone may have been cleaned up after the end: a recording tells.
    return (await recorded()) ? { kind: 'ended', recording: true } : { kind: 'not-started' };
  }
  if (await recorded()) return { kind: 'ended', recording: true };
  if (!sources.whep) return { kind: 'unknown' };
  return reachable(sources.whep, fetcher, signal);
}

/** Whether the recording's playlist is there (a missing or unreadable one is no recording to offer). */
export async function hasRecording(url: string, options: LookupOptions = {}): Promise<boolean> {
  const { signal } = options;
  try {
    return (await probePlaylist(url, fetchOf(options), signal)) !== 'missing';
  } catch {
    if (signal?.aborted) throw signal.reason;
    return false;
  }
}

function fetchOf(options: LookupOptions): typeof fetch {
  return options.fetch ?? ((input, init) => globalThis.fetch(input, init));
}

async function reachable(url: string, fetcher: typeof fetch, signal?: AbortSignal): Promise<BroadcastOutlook> {
  try {
    // An opaque answer of any status means the host answered.
    await fetcher(url, { method: 'HEAD', mode: 'no-cors', cache: 'no-store', ...(signal && { signal }) });
    return { kind: 'unknown' };
  } catch (cause) {
    if (signal?.aborted) throw signal.reason;
    return {
      kind: 'unreachable',
      message: `The WHEP server at ${url} could not be reached (${(cause as Error).message}).`,
    };
  }
}
