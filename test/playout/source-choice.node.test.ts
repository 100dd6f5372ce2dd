import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hlsFlavour, protocolOrder } from '../../src/playout/protocol-choice.js';
import { isHlsUrl, resolveSources } from '../../src/playout/source-choice.js';
import { CodedError } from '../../src/shared/coded-error.js';

const templates = {
  whepTemplate: 'https://media.example:8889/live/{streamname}/whep',
  hlsTemplate: 'https://media.example:8888/live/{streamname}/index.m3u8',
};

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof CodedError ? error.code : 'not a CodedError';
  }
  return undefined;
}

describe('isHlsUrl', () => {
  it('looks at the path only', () => {
    assert.equal(isHlsUrl('https://h/live/s/index.m3u8'), true);
    assert.equal(isHlsUrl('https://h/live/s/INDEX.M3U8?token=1'), true);
    assert.equal(isHlsUrl('/hls/s/index.m3u8'), true);
    assert.equal(isHlsUrl('https://h/whep/s'), false);
    assert.equal(isHlsUrl('https://h/whep/s?format=.m3u8'), false);
  });
});

describe('resolveSources', () => {
  it('takes src as WHEP unless it is a playlist', () => {
    assert.deepEqual(resolveSources({ src: 'https://h/whep/s' }), { whep: 'https://h/whep/s' });
    assert.deepEqual(resolveSources({ src: 'https://h/hls/s/index.m3u8' }), { hls: 'https://h/hls/s/index.m3u8' });
  });

  it('fills the templates with streamname, and the vod too', () => {
    assert.deepEqual(
      resolveSources({ streamname: 'meeting-42', ...templates, vod: 'https://h/vod/{streamname}/index.m3u8' }),
      {
        whep: 'https://media.example:8889/live/meeting-42/whep',
        hls: 'https://media.example:8888/live/meeting-42/index.m3u8',
        vod: 'https://h/vod/meeting-42/index.m3u8',
      },
    );
  });

  it('lets src override the template of its kind and keeps the other', () => {
    assert.deepEqual(resolveSources({ src: 'https://other/whep/x', streamname: 's', ...templates }), {
      whep: 'https://other/whep/x',
      hls: 'https://media.example:8888/live/s/index.m3u8',
    });
  });

  it('resolves relative addresses against the base URL', () => {
    assert.deepEqual(resolveSources({ src: '/live/s.m3u8', vod: 'rec.m3u8' }, 'https://page.example/watch/'), {
      hls: 'https://page.example/live/s.m3u8',
      vod: 'https://page.example/watch/rec.m3u8',
    });
  });

  it('says no-source when nothing playable is named', () => {
    assert.equal(
      codeOf(() => resolveSources({})),
      'no-source',
    );
    assert.equal(
      codeOf(() => resolveSources({ streamname: 's' })),
      'no-source',
    );
    assert.equal(
      codeOf(() => resolveSources({ whepTemplate: templates.whepTemplate })),
      'no-source',
    );
    assert.equal(
      codeOf(() => resolveSources({ src: '   ', vod: 'https://h/v.m3u8' })),
      'no-source',
    );
  });

  it('refuses non-http addresses and bad stream names', () => {
    assert.equal(
      codeOf(() => resolveSources({ src: 'javascript:alert(1)' })),
      'source-invalid',
    );
    assert.equal(
      codeOf(() => resolveSources({ src: 'rtmp://h/live/s' })),
      'source-invalid',
    );
    assert.equal(
      codeOf(() => resolveSources({ streamname: '../x', ...templates })),
      'streamname-invalid',
    );
  });
});

describe('protocolOrder', () => {
  const both = { whep: 'https://h/whep/s', hls: 'https://h/s.m3u8' };

  it('tries WHEP first where WebRTC exists, then HLS', () => {
    assert.deepEqual(protocolOrder(both, { webrtc: true }), ['whep', 'hls']);
    assert.deepEqual(protocolOrder({ whep: both.whep }, { webrtc: true }), ['whep']);
  });

  it('goes straight to HLS without RTCPeerConnection or a WHEP address', () => {
    assert.deepEqual(protocolOrder(both, { webrtc: false }), ['hls']);
    assert.deepEqual(protocolOrder({ hls: both.hls }, { webrtc: true }), ['hls']);
    assert.deepEqual(protocolOrder({ whep: both.whep }, { webrtc: false }), []);
  });
});

describe('hlsFlavour', () => {
  it('plays through hls.js wherever it is supported, natively only where not', () => {
    assert.equal(hlsFlavour(true), 'hls');
    assert.equal(hlsFlavour(false), 'native-hls');
  });
});
