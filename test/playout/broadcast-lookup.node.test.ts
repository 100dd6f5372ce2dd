import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lookUpBroadcast, type LookupSources } from '../../src/playout/broadcast-lookup.js';

const LIVE = '#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1.0,\na-00001.ts\n';
const ENDED = `${LIVE}#EXT-X-ENDLIST\n`;

const WHEP = 'https://media.example/whep/s';
const HLS = 'https://media.example/hls/s/index.m3u8';
const VOD = 'https://media.example/vod/s/index.m3u8';

/** A media server with these files (a number is a status); `down` fails every request as a network error. */
function server(files: Record<string, string | number>, down = false) {
  const requests: string[] = [];
  const fetcher = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    requests.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}${init?.mode ? ` ${init.mode}` : ''}`);
    if (down) throw new TypeError('Failed to fetch');
    const file = files[url];
    if (file === undefined) return new Response('not found', { status: 404 });
    return typeof file === 'number' ? new Response('', { status: file }) : new Response(file, { status: 200 });
  }) as typeof fetch;
  return { fetch: fetcher, requests };
}

async function lookUp(sources: LookupSources, files: Record<string, string | number>, down = false) {
  const media = server(files, down);
  return { outlook: await lookUpBroadcast(sources, { fetch: media.fetch }), requests: media.requests };
}

describe('lookUpBroadcast', () => {
  it('reads a growing live playlist as live, with one request and none to the WHEP endpoint', async () => {
    const { outlook, requests } = await lookUp({ whep: WHEP, hls: HLS, vod: VOD }, { [HLS]: LIVE });
    assert.deepEqual(outlook, { kind: 'live' });
    assert.deepEqual(requests, ['GET /hls/s/index.m3u8']);
  });

  it('reads an ended live playlist as ended, with or without a recording', async () => {
    assert.deepEqual((await lookUp({ hls: HLS, vod: VOD }, { [HLS]: ENDED })).outlook, {
      kind: 'ended',
      recording: false,
    });
    assert.deepEqual((await lookUp({ hls: HLS, vod: VOD }, { [HLS]: ENDED, [VOD]: ENDED })).outlook, {
      kind: 'ended',
      recording: true,
    });
    assert.deepEqual((await lookUp({ hls: HLS }, { [HLS]: ENDED })).outlook, { kind: 'ended', recording: false });
  });

  it('reads a missing live playlist as not started, unless a recording says the broadcast is over', async () => {
    assert.deepEqual((await lookUp({ hls: HLS, vod: VOD }, {})).outlook, { kind: 'not-started' });
    assert.deepEqual((await lookUp({ hls: HLS, vod: VOD }, { [VOD]: ENDED })).outlook, {
      kind: 'ended',
      recording: true,
    });
  });

  it('reports an unreachable playlist server, and a playlist answered with an error status', async () => {
    const down = await lookUp({ hls: HLS }, {}, true);
    assert.equal(down.outlook.kind, 'unreachable');
    assert.match((down.outlook as { message: string }).message, /could not be loaded \(Failed to fetch\)/);
    const forbidden = await lookUp({ hls: HLS }, { [HLS]: 403 });
    assert.deepEqual(
      { ...forbidden.outlook, message: undefined },
      { kind: 'unplayable', httpStatus: 403, message: undefined },
    );
  });

  it('asks a WHEP-only source only whether its server answers: a no-cors HEAD, never a POST', async () => {
    const reachable = await lookUp({ whep: WHEP }, { [WHEP]: 405 });
    assert.deepEqual(reachable.outlook, { kind: 'unknown' });
    assert.deepEqual(reachable.requests, ['HEAD /whep/s no-cors']);
    const down = await lookUp({ whep: WHEP }, {}, true);
    assert.equal(down.outlook.kind, 'unreachable');
    assert.match(
      (down.outlook as { message: string }).message,
      /The WHEP server at https:\/\/media\.example\/whep\/s could not/,
    );
  });

  it('finds the recording of a WHEP-only source before asking the WHEP server', async () => {
    const { outlook, requests } = await lookUp({ whep: WHEP, vod: VOD }, { [VOD]: ENDED });
    assert.deepEqual(outlook, { kind: 'ended', recording: true });
    assert.deepEqual(requests, ['GET /vod/s/index.m3u8']);
  });

  it('rejects as soon as it is aborted', async () => {
    const abort = new AbortController();
    // Like the browser's fetch: pending until the signal aborts it.
    const hanging = ((_input: string, init: RequestInit) =>
      new Promise<Response>((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      )) as unknown as typeof fetch;
    const lookup = lookUpBroadcast({ hls: HLS }, { fetch: hanging, signal: abort.signal });
    abort.abort(new Error('stopped'));
    await assert.rejects(lookup, /stopped/);
  });
});
