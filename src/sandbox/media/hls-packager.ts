/**
 * Packages the composed frames as HLS with ffmpeg: raw I420 on stdin, raw PCM on a second pipe,
 * H.264 (keyframe every second) + AAC out, 1 s MPEG-TS segments with program date-time, in one
 * directory. Recording keeps an EVENT playlist with every segment, which becomes the VOD once ffmpeg
 * writes `#EXT-X-ENDLIST` at the end of the input.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { MediaTick } from './live-composer.js';

/** The playlist ffmpeg writes in the stream's directory. */
export const PLAYLIST_FILE = 'index.m3u8';
/** Segments of the live window when not recording (ffmpeg deletes older ones). */
export const LIVE_WINDOW_SEGMENTS = 6;

export interface HlsPackagerOptions {
  ffmpegPath: string;
  directory: string;
  /** Segment names start with it, so a restarted stream never reuses a URL a player may have cached. */
  segmentPrefix: string;
  record: boolean;
  width: number;
  height: number;
  fps: number;
  sampleRate: number;
}

/** Frames more than this far behind mean ffmpeg cannot keep up: ticks are dropped, not buffered. */
const MAX_BACKLOG_SECONDS = 2;
const STDERR_TAIL = 2_000;

function ffmpegArguments(options: HlsPackagerOptions): string[] {
  const { width, height, fps, sampleRate, record, directory, segmentPrefix } = options;
  const flags = ['program_date_time', 'independent_segments', 'temp_file', ...(record ? [] : ['delete_segments'])];
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    '-video_size',
    `${width}x${height}`,
    '-framerate',
    String(fps),
    '-thread_queue_size',
    '512',
    '-i',
    'pipe:0',
    '-f',
    's16le',
    '-ar',
    String(sampleRate),
    '-ac',
    '1',
    '-thread_queue_size',
    '512',
    '-i',
    'pipe:3',
    '-map',
    '0:v',
    '-map',
    '1:a',
    // One thread, ultrafast: the machine has 2 cores shared with the tests and the WebRTC encoders.
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-tune',
    'zerolatency',
    '-profile:v',
    'baseline',
    '-pix_fmt',
    'yuv420p',
    '-threads',
    '1',
    '-g',
    String(Math.round(fps)),
    '-keyint_min',
    String(Math.round(fps)),
    '-sc_threshold',
    '0',
    '-b:v',
    '700k',
    '-maxrate',
    '900k',
    '-bufsize',
    '900k',
    '-c:a',
    'aac',
    '-b:a',
    '64k',
    '-f',
    'hls',
    '-hls_time',
    '1',
    ...(record
      ? ['-hls_playlist_type', 'event', '-hls_list_size', '0']
      : ['-hls_list_size', String(LIVE_WINDOW_SEGMENTS)]),
    '-hls_flags',
    flags.join('+'),
    '-hls_segment_type',
    'mpegts',
    '-hls_segment_filename',
    join(directory, `${segmentPrefix}-%05d.ts`),
    join(directory, PLAYLIST_FILE),
  ];
}

export class HlsPackager {
  private readonly process: ChildProcess;
  private readonly video: Writable;
  private readonly audio: Writable;
  private readonly exited: Promise<void>;
  private stderr = '';
  private failure: Error | undefined;
  private hasExited = false;

  constructor(private readonly options: HlsPackagerOptions) {
    this.process = spawn(options.ffmpegPath, ffmpegArguments(options), { stdio: ['pipe', 'ignore', 'pipe', 'pipe'] });
    const [video, , stderr, audio] = this.process.stdio;
    this.video = video as Writable;
    this.audio = audio as Writable;
    // Writes after ffmpeg died end in EPIPE; the exit is what reports the problem.
    this.video.on('error', () => {});
    this.audio.on('error', () => {});
    stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    this.exited = new Promise((resolve) => {
      this.process.once('error', (error: NodeJS.ErrnoException) => {
        this.failure =
          error.code === 'ENOENT'
            ? new Error(
                `ffmpeg was not found at "${options.ffmpegPath}": install it (apt-get install -y ffmpeg) or pass ffmpegPath.`,
              )
            : new Error(`ffmpeg could not start: ${error.message}`);
        this.hasExited = true;
        resolve();
      });
      this.process.once('exit', (code, signal) => {
        this.failure ??= new Error(
          `ffmpeg ended (${signal ?? `exit code ${code}`})${this.stderr ? `: ${this.stderr.trim()}` : ''}`,
        );
        this.hasExited = true;
        resolve();
      });
    });
  }

  get playlistPath(): string {
    return join(this.options.directory, PLAYLIST_FILE);
  }

  /** Resolves once the playlist lists a segment; rejects if ffmpeg fails first or `timeoutMs` passes. */
  async ready(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.hasExited) throw this.failure ?? new Error('ffmpeg ended before the first segment.');
      const text = await readFile(this.playlistPath, 'utf8').catch(() => '');
      if (text.includes('#EXTINF')) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(
      `ffmpeg wrote no HLS segment within ${timeoutMs} ms${this.stderr ? `: ${this.stderr.trim()}` : ''}.`,
    );
  }

  /** Writes one tick; drops it whole (video and audio, so they stay in sync) when ffmpeg lags. */
  feed(tick: MediaTick): void {
    if (this.hasExited || !this.video.writable || !this.audio.writable) return;
    if (this.video.writableLength > MAX_BACKLOG_SECONDS * this.options.fps * tick.video.length) return;
    this.video.write(tick.video);
    this.audio.write(Buffer.from(tick.audio.buffer, tick.audio.byteOffset, tick.audio.byteLength));
  }

  /**
   * Ends the input so ffmpeg finishes the last segment and writes `#EXT-X-ENDLIST`; kills it after
   * `timeoutMs`, and then writes the end tag itself so players still see the end.
   */
  async stop(timeoutMs = 5_000): Promise<void> {
    this.video.end();
    this.audio.end();
    const timer = setTimeout(() => this.process.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
    const text = await readFile(this.playlistPath, 'utf8').catch(() => undefined);
    if (text !== undefined && !text.includes('#EXT-X-ENDLIST')) {
      const temporary = `${this.playlistPath}.end`;
      await writeFile(temporary, `${text.trimEnd()}\n#EXT-X-ENDLIST\n`);
      await rename(temporary, this.playlistPath);
    }
  }

  /** Kills ffmpeg at once (start failed or the studio closes). */
  async kill(): Promise<void> {
    if (!this.hasExited) this.process.kill('SIGKILL');
    await this.exited;
  }
}
