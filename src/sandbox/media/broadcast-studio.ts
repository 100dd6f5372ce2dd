/**
 * The sandbox's stand-in for Jibri + a media server: when a moderator starts the live stream, the
 * studio composes the meeting's view itself (tiles from the room's state, a moving bar, a clock
 * barcode, a tone) and really publishes it, as WHEP (WebRTC) and as HLS, plus a VOD playlist after
 * the end when the broadcast was recorded.
 *
 * Routes (all with CORS for any origin):
 * - `/whep/<stream>` and its sessions (whep-routes.ts), also as a second node at `/edge/whep/<stream>`;
 * - `GET /hls/<stream>/index.m3u8` and its segments: live window, `#EXT-X-ENDLIST` once stopped.
 * - `GET /vod/<stream>/index.m3u8` and its segments: the whole recording, after the stop only.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { STREAM_NAME_RULE, isValidStreamName } from '../../token/stream-name.js';
import type { CompositionTile } from './composition-painter.js';
import { serveHlsFile } from './hls-files.js';
import { liveWindow } from './hls-live-window.js';
import { HlsPackager, LIVE_WINDOW_SEGMENTS } from './hls-packager.js';
import { LiveComposer } from './live-composer.js';
import { corsHeaders, MediaHttpError, reply } from './media-http.js';
import { WhepPublisher } from './whep-publisher.js';
import type { WhepRequestRecord } from './whep-request-log.js';
import { EDGE_NODE, whepHeaders, WhepRoutes } from './whep-routes.js';
import { loadWrtc } from './wrtc.js';

export type { CompositionTile } from './composition-painter.js';
export type { WhepRequestRecord } from './whep-request-log.js';

/** Construction options; every one has a default that suits the sandbox. */
export interface BroadcastStudioOptions {
  /** Parent of the per-stream temporary directories (default: the OS temp directory). */
  workDir?: string;
  /** The ffmpeg binary (default: `ffmpeg` on the PATH). */
  ffmpegPath?: string;
  /** Composed frame size; even numbers (default 640×360). */
  width?: number;
  height?: number;
  /** Frames per second (default 30). */
  fps?: number;
  /** WHEP viewers per stream (default 50). */
  maxViewers?: number;
  /** Longest wait for the first HLS segment in `start()` (default 20 s). */
  startTimeoutMs?: number;
}

/** What `start()` needs to know about the broadcast. */
export interface BroadcastStartOptions {
  /** Keep every segment and publish a VOD playlist after the stop. */
  record: boolean;
  /** The room's participants as they should appear now; called once per frame, so keep it cheap. */
  composition: () => CompositionTile[];
}

type BroadcastState = 'starting' | 'live' | 'stopping' | 'ended';

interface Broadcast {
  readonly name: string;
  readonly record: boolean;
  readonly directory: string;
  readonly composer: LiveComposer;
  readonly whep: WhepPublisher;
  readonly hls: HlsPackager;
  state: BroadcastState;
  starting: Promise<void>;
  stopping?: Promise<{ vod: boolean }>;
}

/** Ended broadcasts kept for their final playlist and VOD; the oldest go first. */
const MAX_ENDED = 20;
const HLS_FILES = 'GET, HEAD, OPTIONS';

/** Throws unless `name` is a valid stream name (it becomes a directory name and URL segment). */
function checkStreamName(name: string): void {
  if (!isValidStreamName(name)) {
    throw new MediaHttpError(400, `A stream name is ${STREAM_NAME_RULE}.`);
  }
}

/** Publishes sandbox broadcasts as WHEP, HLS and VOD; one instance serves every stream of a server. */
export class BroadcastStudio {
  private readonly options: Required<BroadcastStudioOptions>;
  private readonly broadcasts = new Map<string, Broadcast>();
  private readonly whep = new WhepRoutes((name) => {
    const broadcast = this.broadcasts.get(name);
    return broadcast?.state === 'live' ? broadcast.whep : undefined;
  });
  private root: Promise<string> | undefined;
  private closed = false;

  constructor(options: BroadcastStudioOptions = {}) {
    this.options = {
      workDir: options.workDir ?? tmpdir(),
      ffmpegPath: options.ffmpegPath ?? 'ffmpeg',
      width: options.width ?? 640,
      height: options.height ?? 360,
      fps: options.fps ?? 30,
      maxViewers: options.maxViewers ?? 50,
      startTimeoutMs: options.startTimeoutMs ?? 20_000,
    };
  }

  /**
   * Starts publishing `streamName`. Resolves once the stream is really live: WHEP accepts viewers and
   * the HLS playlist has its first segment. Rejects with a clear Error (invalid name, already live,
   * ffmpeg or @roamhq/wrtc missing, no segment in time) and then leaves nothing running.
   * Starting a name that ended earlier replaces that broadcast's final playlist and VOD.
   */
  async start(streamName: string, options: BroadcastStartOptions): Promise<void> {
    if (this.closed) throw new Error('The broadcast studio is closed.');
    checkStreamName(streamName);
    const previous = this.broadcasts.get(streamName);
    if (previous && previous.state !== 'ended')
      throw new Error(`The stream "${streamName}" is already ${previous.state}.`);
    const wrtc = loadWrtc();
    if (previous) await this.forget(previous);
    const { width, height, fps, ffmpegPath, maxViewers, startTimeoutMs } = this.options;
    const directory = await mkdtemp(join(await this.workRoot(), `${streamName}-`));
    const composer = new LiveComposer(width, height, fps, options.composition);
    const broadcast: Broadcast = {
      name: streamName,
      record: options.record,
      directory,
      composer,
      whep: new WhepPublisher(wrtc, { maxSessions: maxViewers }),
      hls: new HlsPackager({
        ffmpegPath,
        directory,
        segmentPrefix: randomBytes(4).toString('hex'),
        record: options.record,
        width,
        height,
        fps,
        sampleRate: 48_000,
      }),
      state: 'starting',
      starting: Promise.resolve(),
    };
    this.broadcasts.set(streamName, broadcast);
    composer.connect((tick) => broadcast.whep.feed(tick));
    composer.connect((tick) => broadcast.hls.feed(tick));
    composer.start();
    broadcast.starting = broadcast.hls.ready(startTimeoutMs);
    try {
      await broadcast.starting;
    } catch (error) {
      composer.stop();
      broadcast.whep.close();
      await broadcast.hls.kill();
      if (this.broadcasts.get(streamName) === broadcast) this.broadcasts.delete(streamName);
      await rm(directory, { recursive: true, force: true });
      throw broadcast.state === 'starting'
        ? error
        : new Error(`The stream "${streamName}" was stopped before it went live.`);
    }
    if (broadcast.state === 'starting') broadcast.state = 'live';
  }

  /**
   * Ends the broadcast: WHEP sessions close (viewers' tracks end), the live playlist gets
   * `#EXT-X-ENDLIST`, and with `record` the VOD playlist appears. `vod` says whether it did.
   */
  async stop(streamName: string): Promise<{ vod: boolean }> {
    const broadcast = this.broadcasts.get(streamName);
    if (!broadcast) return { vod: false };
    if (broadcast.stopping) return broadcast.stopping;
    if (broadcast.state === 'ended') return { vod: false };
    broadcast.state = 'stopping';
    broadcast.stopping = (async () => {
      broadcast.whep.close();
      broadcast.composer.stop();
      await broadcast.starting.catch(() => {});
      await broadcast.hls.stop();
      broadcast.state = 'ended';
      this.trimEnded();
      const playlist = await readFile(broadcast.hls.playlistPath, 'utf8').catch(() => '');
      return { vod: broadcast.record && playlist.includes('#EXTINF') && playlist.includes('#EXT-X-ENDLIST') };
    })();
    return broadcast.stopping;
  }

  /** True from the moment `start()` resolved until `stop()` is called. */
  isLive(streamName: string): boolean {
    return this.broadcasts.get(streamName)?.state === 'live';
  }

  /** What WHEP players asked about `streamName` and were answered, oldest first (for tests). */
  whepRequests(streamName: string): readonly WhepRequestRecord[] {
    return this.whep.requests(streamName);
  }

  /** Serves `/whep/…`, `/edge/whep/…`, `/hls/…` and `/vod/…`; returns false (writing nothing) for other paths. */
  async handle(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const match = /^(\/edge)?\/(whep|hls|vod)(?:\/(.*))?$/.exec(path);
    if (!match) return false;
    const [, node = '', kind = '', rest = ''] = match;
    if (node === EDGE_NODE && kind !== 'whep') return false;
    const parts = rest.split('/');
    const headers = kind === 'whep' ? whepHeaders(parts) : corsHeaders(HLS_FILES);
    try {
      if (request.method === 'OPTIONS') {
        reply(request, response, 204, headers);
        return true;
      }
      checkStreamName(parts[0] ?? '');
      if (kind === 'whep') await this.whep.handle(request, response, node, parts);
      else await this.handleHls(request, response, kind === 'vod', parts, headers);
    } catch (error) {
      if (response.headersSent) {
        response.destroy();
        return true;
      }
      const refusal = error instanceof MediaHttpError ? error : new MediaHttpError(500, 'The media server failed.');
      reply(
        request,
        response,
        refusal.status,
        { ...headers, ...refusal.headers, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
        refusal.message,
      );
    }
    return true;
  }

  /** Stops everything at once: closes WHEP sessions, kills ffmpeg, removes the temporary directories. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.broadcasts.values()];
    this.broadcasts.clear();
    await Promise.all(all.map((broadcast) => this.forget(broadcast)));
    const root = this.root;
    this.root = undefined;
    if (root) await rm(await root.catch(() => ''), { recursive: true, force: true });
  }

  private async handleHls(
    request: IncomingMessage,
    response: ServerResponse,
    vod: boolean,
    parts: string[],
    headers: Record<string, string>,
  ): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      throw new MediaHttpError(405, 'Only GET is served here.', { allow: HLS_FILES });
    const broadcast = this.broadcasts.get(parts[0] ?? '');
    if (parts.length !== 2 || !broadcast)
      throw new MediaHttpError(404, vod ? 'No recording of this stream.' : 'The stream is not live (yet).');
    if (vod && (!broadcast.record || broadcast.state !== 'ended'))
      throw new MediaHttpError(
        404,
        broadcast.record ? 'The recording is available once the stream has ended.' : 'This stream was not recorded.',
      );
    await serveHlsFile(
      request,
      response,
      broadcast.directory,
      parts[1] ?? '',
      headers,
      vod ? (text) => text : (text) => liveWindow(text, LIVE_WINDOW_SEGMENTS),
    );
  }

  private workRoot(): Promise<string> {
    this.root ??= mkdtemp(join(this.options.workDir, 'nano-meet-media-'));
    return this.root;
  }

  /** Tears a broadcast down without the graceful ffmpeg ending and removes its directory. */
  private async forget(broadcast: Broadcast): Promise<void> {
    if (this.broadcasts.get(broadcast.name) === broadcast) this.broadcasts.delete(broadcast.name);
    broadcast.composer.stop();
    broadcast.whep.close();
    await broadcast.hls.kill();
    await broadcast.stopping?.catch(() => {});
    await rm(broadcast.directory, { recursive: true, force: true });
  }

  private trimEnded(): void {
    const ended = [...this.broadcasts.values()].filter((broadcast) => broadcast.state === 'ended');
    for (const broadcast of ended.slice(0, Math.max(0, ended.length - MAX_ENDED))) void this.forget(broadcast);
  }
}
