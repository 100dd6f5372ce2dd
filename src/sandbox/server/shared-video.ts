import type { SharedVideoView } from '../protocol/page-protocol.js';

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const YOUTUBE_HOSTS = ['youtube.com', 'www.youtube.com', 'm.youtube.com', 'youtu.be', 'www.youtube-nocookie.com'];

/**
 * What `start-share-video` queues into the room: a YouTube video (a URL or a bare id, as Jitsi accepts)
 * or a direct stream URL. Anything else is ignored, as Jitsi ignores an unparseable URL.
 */
export function sharedVideoOf(input: unknown, by: string): SharedVideoView | undefined {
  if (typeof input !== 'string' || input.length > 2048) return undefined;
  const url = input.trim();
  if (YOUTUBE_ID.test(url)) return { url: `https://www.youtube.com/watch?v=${url}`, kind: 'youtube', by };
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  return { url: parsed.href, kind: YOUTUBE_HOSTS.includes(parsed.hostname) ? 'youtube' : 'stream', by };
}
