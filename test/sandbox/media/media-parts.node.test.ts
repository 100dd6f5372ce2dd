// The pure parts of the broadcast studio: clock barcode, drawing, SDP checks, the live playlist window.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CLOCK_BLOCK,
  clockAge,
  clockValue,
  drawClockBarcode,
  readClockBarcode,
} from '../../../src/sandbox/media/clock-barcode.js';
import { CompositionPainter, tileColor } from '../../../src/sandbox/media/composition-painter.js';
import { fillRect, i420Size, type I420Data } from '../../../src/sandbox/media/i420-frame.js';
import { liveWindow } from '../../../src/sandbox/media/hls-live-window.js';
import { checkOffer, parseTrickleFragment, SdpError } from '../../../src/sandbox/media/whep-sdp.js';

function blankFrame(width: number, height: number): I420Data {
  return { width, height, data: new Uint8Array(i420Size(width, height)).fill(128) };
}

/** Halves a frame's luma, as an encoder's CPU adaptation would scale it. */
function halve(frame: I420Data): I420Data {
  const small = blankFrame(frame.width / 2, frame.height / 2);
  for (let y = 0; y < small.height; y++) {
    for (let x = 0; x < small.width; x++)
      small.data[y * small.width + x] = frame.data[2 * y * frame.width + 2 * x] ?? 0;
  }
  return small;
}

describe('clock barcode', () => {
  it('reads back the value it drew, also from a frame scaled to half size', () => {
    const now = 1_761_000_123_456;
    const frame = blankFrame(640, 360);
    drawClockBarcode(frame, now);
    assert.equal(readClockBarcode(frame, 640), clockValue(now));
    assert.equal(readClockBarcode(halve(frame), 640), clockValue(now));
  });

  it('measures age across the 2^24 wrap', () => {
    assert.equal(clockAge(clockValue(2 ** 24 - 10), 2 ** 24 + 30), 40);
    assert.equal(clockAge(clockValue(5_000), 5_000), 0);
  });
});

describe('composition painter', () => {
  it('draws a frame of the I420 size with the barcode on top and a distinct colour per tile', () => {
    const painter = new CompositionPainter(640, 360);
    const now = Date.now();
    const frame = painter.paint(
      [
        { id: 'a', handRaised: true, audioMuted: true, videoMuted: false },
        { id: 'b', handRaised: false, audioMuted: false, videoMuted: true },
      ],
      now,
    );
    assert.equal(frame.length, i420Size(640, 360));
    assert.equal(readClockBarcode({ width: 640, height: 360, data: frame }, 640), clockValue(now));
    assert.notDeepEqual(tileColor('alice'), tileColor('bob'));
    assert.deepEqual(tileColor('alice'), tileColor('alice'));
  });

  it('refuses odd or too small sizes', () => {
    assert.throws(() => new CompositionPainter(641, 360), RangeError);
    assert.throws(() => new CompositionPainter(CLOCK_BLOCK * 10, 360), RangeError);
  });

  it('clips rectangles to the frame', () => {
    const frame = blankFrame(8, 8);
    fillRect(frame, -4, -4, 100, 100, { y: 1, u: 2, v: 3 });
    assert.ok(frame.data.subarray(0, 64).every((value) => value === 1));
    assert.ok(frame.data.subarray(64, 80).every((value) => value === 2));
    assert.ok(frame.data.subarray(80, 96).every((value) => value === 3));
  });
});

describe('WHEP SDP checks', () => {
  const offer = [
    'v=0',
    'o=- 1 2 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    'a=fingerprint:sha-256 AB:CD',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    'a=ice-ufrag:u1',
    'a=ice-pwd:p1',
    'a=mid:0',
    'a=recvonly',
    'm=video 9 UDP/TLS/RTP/SAVPF 96',
    'a=ice-ufrag:u1',
    'a=ice-pwd:p1',
    'a=mid:1',
    'a=sendonly',
    '',
  ].join('\r\n');

  it('accepts an offer and reports the kinds it receives', () => {
    assert.deepEqual([...checkOffer(offer).kinds], ['audio']);
  });

  it('refuses what is not a receiving DTLS-SRTP offer', () => {
    for (const bad of [
      '',
      'hello',
      'v=0\r\ns=-\r\n',
      offer.replace('a=recvonly', 'a=inactive'),
      offer.replaceAll('UDP/TLS/RTP/SAVPF', 'RTP/AVP'),
      offer.replace('a=fingerprint:sha-256 AB:CD\r\n', ''),
      offer.replace('s=-', 'garbage'),
    ]) {
      assert.throws(() => checkOffer(bad), SdpError, JSON.stringify(bad.slice(0, 40)));
    }
  });

  it('parses trickle fragments with their mids', () => {
    const fragment = parseTrickleFragment(
      [
        'a=ice-ufrag:u1',
        'a=ice-pwd:p1',
        'm=audio 9 UDP/TLS/RTP/SAVPF 0',
        'a=mid:0',
        'a=candidate:1 1 udp 2122260223 10.200.0.1 5000 typ host',
        'm=video 9 UDP/TLS/RTP/SAVPF 0',
        'a=mid:1',
        'a=candidate:2 1 udp 2122260223 10.200.0.1 5001 typ host',
        'a=end-of-candidates',
      ].join('\r\n'),
    );
    assert.equal(fragment.ufrag, 'u1');
    assert.equal(fragment.endOfCandidates, true);
    assert.deepEqual(
      fragment.candidates.map((candidate) => [candidate.sdpMid, candidate.sdpMLineIndex]),
      [
        ['0', 0],
        ['1', 1],
      ],
    );
    assert.throws(() => parseTrickleFragment('a=candidate:nonsense'), SdpError);
  });
});

describe('live playlist window', () => {
  const event = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    '#EXT-X-TARGETDURATION:1',
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:EVENT',
    '#EXT-X-INDEPENDENT-SEGMENTS',
    ...[0, 1, 2, 3].flatMap((n) => [
      `#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:0${n}.000+0000`,
      '#EXTINF:1.000000,',
      `abcd0123-0000${n}.ts`,
    ]),
    '#EXT-X-ENDLIST',
    '',
  ].join('\n');

  it('keeps the last segments, moves the media sequence and drops the EVENT type', () => {
    const live = liveWindow(event, 2);
    assert.match(live, /#EXT-X-MEDIA-SEQUENCE:2\n/);
    assert.doesNotMatch(live, /PLAYLIST-TYPE|abcd0123-00001\.ts/);
    assert.match(
      live,
      /#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:02.000\+0000\n#EXTINF:1.000000,\nabcd0123-00002.ts\n/,
    );
    assert.match(live, /#EXT-X-ENDLIST\n$/);
  });

  it('leaves a short playlist whole', () => {
    assert.equal(liveWindow(event, 10).match(/\.ts/g)?.length, 4);
  });
});
