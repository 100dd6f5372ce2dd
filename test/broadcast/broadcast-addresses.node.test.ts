import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_BROADCAST_TEMPLATES,
  StreamNameError,
  fillTemplate,
  ingestUrl,
  playoutUrls,
} from '../../src/broadcast/broadcast-addresses.js';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof StreamNameError ? error.code : 'not a StreamNameError';
  }
  return undefined;
}

describe('fillTemplate', () => {
  it('replaces every {streamname} and, when given, every {server}', () => {
    assert.equal(
      fillTemplate('https://h/{streamname}/a/{streamname}.m3u8', { streamName: 'XXXXX-YYYYY' }),
      'https://h/XXXXX-YYYYY/a/XXXXX-YYYYY.m3u8',
    );
    assert.equal(
      fillTemplate('https://{server}/whep/{streamname}', { streamName: 's', server: 'meet.example:8443' }),
      'https://meet.example:8443/whep/s',
    );
    assert.equal(fillTemplate('https://{server}/{streamname}', { streamName: 's' }), 'https://{server}/s');
  });

  it('refuses names outside [A-Za-z0-9_-]{1,128}, which could leave the path', () => {
    for (const name of ['', '../admin', 'a b', 'a/b', 'x'.repeat(129), 'é', '%2e%2e']) {
      assert.equal(
        codeOf(() => fillTemplate('{streamname}', { streamName: name })),
        'streamname-invalid',
        name,
      );
    }
    assert.equal(fillTemplate('{streamname}', { streamName: 'x'.repeat(128) }).length, 128);
  });
});

describe('ingestUrl and playoutUrls', () => {
  const place = { streamName: 'room-7', server: 'meet.example' };

  it('fill the defaults for the meeting server', () => {
    assert.equal(ingestUrl({}, place, false), 'rtmp://meet.example/live/room-7');
    assert.deepEqual(playoutUrls({}, place, false), {
      live: 'https://meet.example/whep/room-7',
      whep: 'https://meet.example/whep/room-7',
      hls: 'https://meet.example/hls/room-7/index.m3u8',
    });
  });

  it('carry the wish for a recording to the ingest and name the recording', () => {
    assert.equal(ingestUrl({}, place, true), 'rtmp://meet.example/live/room-7?record=1');
    assert.equal(
      ingestUrl({ ingest: 'rtmp://in.example/live/{streamname}?key=1' }, place, true),
      'rtmp://in.example/live/room-7?key=1&record=1',
    );
    assert.equal(
      playoutUrls({}, place, true).vod,
      DEFAULT_BROADCAST_TEMPLATES.vod.replace('{server}', 'meet.example').replace('{streamname}', 'room-7'),
    );
  });

  it('take a page template over the default, one by one', () => {
    const playout = playoutUrls({ hls: 'https://cdn.example/{streamname}.m3u8' }, place, false);
    assert.equal(playout.hls, 'https://cdn.example/room-7.m3u8');
    assert.equal(playout.whep, 'https://meet.example/whep/room-7');
  });
});
