import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PlaylistProbeError, probePlaylist } from '../../src/playout/playlist-probe.js';

const LIVE = '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n#EXTINF:1.0,\na-00001.ts\n';
const ENDED = `${LIVE}#EXT-X-ENDLIST\n`;
const MULTIVARIANT = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000\nlow/index.m3u8\n';

function server(files: Record<string, string | number>): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  const fetcher = (async (input: string | URL | Request) => {
    const url = String(input);
    urls.push(url);
    const file = files[new URL(url).pathname];
    if (file === undefined) return new Response('not found', { status: 404 });
    return typeof file === 'number' ? new Response('', { status: file }) : new Response(file, { status: 200 });
  }) as typeof fetch;
  return { fetch: fetcher, urls };
}

describe('probePlaylist', () => {
  it('tells live, ended and missing playlists apart', async () => {
    const { fetch } = server({ '/live.m3u8': LIVE, '/ended.m3u8': ENDED, '/gone.m3u8': 410 });
    assert.equal(await probePlaylist('https://h/live.m3u8', fetch), 'live');
    assert.equal(await probePlaylist('https://h/ended.m3u8', fetch), 'ended');
    assert.equal(await probePlaylist('https://h/none.m3u8', fetch), 'missing');
    assert.equal(await probePlaylist('https://h/gone.m3u8', fetch), 'missing');
  });

  it('follows a multivariant playlist to its first variant', async () => {
    const { fetch, urls } = server({ '/m.m3u8': MULTIVARIANT, '/low/index.m3u8': ENDED });
    assert.equal(await probePlaylist('https://h/m.m3u8', fetch), 'ended');
    assert.deepEqual(urls, ['https://h/m.m3u8', 'https://h/low/index.m3u8']);
  });

  it('throws a PlaylistProbeError with the status for other answers and for non-playlists', async () => {
    const { fetch } = server({ '/forbidden.m3u8': 403, '/broken.m3u8': 500, '/page.m3u8': '<html>' });
    for (const [path, status] of [
      ['/forbidden.m3u8', 403],
      ['/broken.m3u8', 500],
      ['/page.m3u8', 200],
    ] as const) {
      await assert.rejects(
        probePlaylist(`https://h${path}`, fetch),
        (error: unknown) => error instanceof PlaylistProbeError && error.status === status,
      );
    }
  });

  it('throws a PlaylistProbeError without status on a network error', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await assert.rejects(
      probePlaylist('https://h/x.m3u8', failing),
      (error: unknown) => error instanceof PlaylistProbeError && error.status === undefined,
    );
  });
});
