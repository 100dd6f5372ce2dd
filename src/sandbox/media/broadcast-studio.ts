/**
 * The sandbox's stand-in for Jibri + a media server: when a moderator starts the live stream, the
 * studio composes the meeting's view itself (tiles from the room's state, a moving bar, a clock
 * barcode, a tone) and really publishes it, as WHEP (WebRTC) and as HLS, plus a VOD playlist after
 * the end when the broadcast was recorded.
 *
 * Routes (all with CORS for any origin):
 * - `POST /whep/<stream>` (`application/sdp` offer) → 201, `Location: /whep/<stream>/<session>`, answer;
 *   404 while the stream is not live (players poll this), 400 bad SDP, 415, 413, 503 when full.
 * - `PATCH /whep/<stream>/<session>` (`application/trickle-ice-sdpfrag`) → 204; 405 for an ICE restart.
 * - `DELETE /whep/<stream>/<session>` → 200.
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
import { corsHeaders, MediaHttpError, readBody, reply, requireContentType } from './media-http.js';
import { WhepBusyError, WhepEndedError, WhepPublisher } from './whep-publisher.js';
import { SdpError } from './whep-sdp.js';
import { loadWrtc } from './wrtc.js';

export type { CompositionTile } from './composition-painter.js';

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

const MAX_OFFER_BYTES = 64 * 1024;
const MAX_FRAGMENT_BYTES = 16 * 1024;
/** Ended broadcasts kept for their final playlist and VOD; the oldest go first. */
const MAX_ENDED = 20;
const WHEP_COLLECTION = 'POST, OPTIONS';
const WHEP_SESSION = 'PATCH, DELETE, OPTIONS';
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
    if (previous && previous.state !== 'ended') throw new Error(`The stream "${streamName}" is already ${previous.state}.`);
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
      hls: new HlsPackager({ ffmpegPath, directory, segmentPrefix: randomBytes(4).toString('hex'), record: options.record, width, height, fps, sampleRate: 48_000 }),
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
      throw broadcast.state === 'starting' ? error : new Error(`The stream "${streamName}" was stopped before it went live.`);
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

  /** Serves `/whep/…`, `/hls/…` and `/vod/…`; returns false (and writes nothing) for any other path. */
  async handle(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const match = /^\/(whep|hls|vod)(?:\/(.*))?$/.exec(path);
    if (!match) return false;
    const [, kind = '', rest = ''] = match;
    const parts = rest.split('/');
    const methods = kind !== 'whep' ? HLS_FILES : parts.length > 1 ? WHEP_SESSION : WHEP_COLLECTION;
    const headers = corsHeaders(methods);
    try {
      if (request.method === 'OPTIONS') {
        reply(request, response, 204, headers);
        return true;
      }
      checkStreamName(parts[0] ?? '');
      if (kind === 'whep') await this.handleWhep(request, response, parts, headers);
      else await this.handleHls(request, response, kind === 'vod', parts, headers);
    } catch (error) {
      if (response.headersSent) {
        response.destroy();
        return true;
      }
      const refusal = error instanceof MediaHttpError ? error : new MediaHttpError(500, 'The media server failed.');
      reply(request, response, refusal.status, { ...headers, ...refusal.headers, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, refusal.message);
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

  private async handleWhep(request: IncomingMessage, response: ServerResponse, parts: string[], headers: Record<string, string>): Promise<void> {
    if (parts.length > 2) throw new MediaHttpError(404, 'No such WHEP resource.');
    const broadcast = this.broadcasts.get(parts[0] ?? '');
    const live = broadcast?.state === 'live' ? broadcast : undefined;
    const session = parts[1];
    if (session === undefined) {
      if (request.method !== 'POST') throw new MediaHttpError(405, 'POST an SDP offer here.', { allow: WHEP_COLLECTION });
      requireContentType(request, 'application/sdp');
      if (!live) throw new MediaHttpError(404, 'The stream is not live (yet): retry later.');
      const offer = await readBody(request, MAX_OFFER_BYTES);
      try {
        const { id, answer } = await live.whep.createSession(offer);
        reply(request, response, 201, { ...headers, 'content-type': 'application/sdp', location: `/whep/${live.name}/${id}`, 'cache-control': 'no-store' }, answer);
      } catch (error) {
        if (error instanceof SdpError) throw new MediaHttpError(400, error.message);
        if (error instanceof WhepBusyError) throw new MediaHttpError(503, error.message, { 'retry-after': '5' });
        if (error instanceof WhepEndedError) throw new MediaHttpError(404, error.message);
        throw error;
      }
      return;
    }
    if (request.method === 'DELETE') {
      if (!live?.whep.delete(session)) throw new MediaHttpError(404, 'No such WHEP session.');
      reply(request, response, 200, { ...headers, 'cache-control': 'no-store' });
      return;
    }
    if (request.method !== 'PATCH') throw new MediaHttpError(405, 'PATCH trickle candidates or DELETE the session.', { allow: WHEP_SESSION });
    requireContentType(request, 'application/trickle-ice-sdpfrag');
    if (!live) throw new MediaHttpError(404, 'No such WHEP session.');
    const fragment = await readBody(request, MAX_FRAGMENT_BYTES);
    let result;
    try {
      result = await live.whep.trickle(session, fragment);
    } catch (error) {
      if (error instanceof SdpError) throw new MediaHttpError(400, error.message);
      throw error;
    }
    // RFC 9725 §4.3.1: a session that trickles but cannot restart ICE answers a restart with 405.
    if (result === 'ice-restart') throw new MediaHttpError(405, 'ICE restart is not supported: DELETE this session and POST a new offer.', { allow: WHEP_SESSION });
    if (result === 'unknown-session') throw new MediaHttpError(404, 'No such WHEP session.');
    reply(request, response, 204, { ...headers, 'cache-control': 'no-store' });
  }

  private async handleHls(request: IncomingMessage, response: ServerResponse, vod: boolean, parts: string[], headers: Record<string, string>): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') throw new MediaHttpError(405, 'Only GET is served here.', { allow: HLS_FILES });
    const broadcast = this.broadcasts.get(parts[0] ?? '');
    if (parts.length !== 2 || !broadcast) throw new MediaHttpError(404, vod ? 'No recording of this stream.' : 'The stream is not live (yet).');
    if (vod && (!broadcast.record || broadcast.state !== 'ended')) throw new MediaHttpError(404, broadcast.record ? 'The recording is available once the stream has ended.' : 'This stream was not recorded.');
    await serveHlsFile(request, response, broadcast.directory, parts[1] ?? '', headers, vod ? (text) => text : (text) => liveWindow(text, LIVE_WINDOW_SEGMENTS));
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
