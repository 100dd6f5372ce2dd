/**
 * Serves a stream's HLS directory: the playlist (never cached: it changes every second) and the
 * segments (cacheable: their names are unique per run). Only names this module generated are served,
 * so no request path ever reaches the filesystem unchecked.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PLAYLIST_FILE } from './hls-packager.js';
import { MediaHttpError, reply } from './media-http.js';

/** Segment names: `<8 hex digits of the run>-<sequence>.ts`, as the packager writes them. */
const SEGMENT_NAME = /^[0-9a-f]{8}-\d{5,9}\.ts$/;

/** True for the names a client may ask for in a stream directory. */
export function isServedName(name: string): boolean {
  return name === PLAYLIST_FILE || SEGMENT_NAME.test(name);
}

/**
 * Replies with `name` from `directory`. `playlist` turns the file into what the route serves (the live
 * window, or the VOD as is); a playlist without segments yet is a 404, as before the stream started.
 */
export async function serveHlsFile(
  request: IncomingMessage,
  response: ServerResponse,
  directory: string,
  name: string,
  headers: Record<string, string>,
  playlist: (text: string) => string,
): Promise<void> {
  if (!isServedName(name)) throw new MediaHttpError(404, 'No such HLS file.');
  const bytes = await readFile(join(directory, name)).catch(() => undefined);
  if (!bytes) throw new MediaHttpError(404, 'No such HLS file (yet).');
  if (name === PLAYLIST_FILE) {
    const text = bytes.toString('utf8');
    if (!text.includes('#EXTINF')) throw new MediaHttpError(404, 'The stream has no segment yet.');
    reply(
      request,
      response,
      200,
      { ...headers, 'content-type': 'application/vnd.apple.mpegurl', 'cache-control': 'no-cache' },
      playlist(text),
    );
    return;
  }
  reply(
    request,
    response,
    200,
    { ...headers, 'content-type': 'video/mp2t', 'cache-control': 'public, max-age=3600' },
    bytes,
  );
}
