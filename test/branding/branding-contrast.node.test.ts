import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  contrastRatio,
  parseColor,
  readableOn,
  relativeLuminance,
  textOn,
  toHex,
  type Rgba,
} from '../../src/branding/branding-contrast.js';

function color(value: string): Rgba {
  const parsed = parseColor(value);
  assert.ok(parsed, `${value} parses`);
  return parsed;
}

const ratio = (a: string, b: string) => contrastRatio(color(a), color(b));

describe('branding-contrast', () => {
  it('reads hex, rgb()/rgba() in both syntaxes and color(srgb …); not what it does not know', () => {
    assert.deepEqual(parseColor('#fa0'), { r: 255, g: 170, b: 0, a: 1 });
    assert.deepEqual(parseColor('#ffaa0080'), { r: 255, g: 170, b: 0, a: 128 / 255 });
    assert.deepEqual(parseColor('rgb(10, 20, 30)'), { r: 10, g: 20, b: 30, a: 1 });
    assert.deepEqual(parseColor('rgb(10 20 30 / 50%)'), { r: 10, g: 20, b: 30, a: 0.5 });
    assert.deepEqual(parseColor('rgba(10, 20, 30, 0.25)'), { r: 10, g: 20, b: 30, a: 0.25 });
    assert.deepEqual(parseColor('color(srgb 1 0.5 0)'), { r: 255, g: 127.5, b: 0, a: 1 });
    assert.equal(parseColor('oklch(60% 0.2 250)'), undefined);
    assert.equal(parseColor('#12345'), undefined);
  });

  it("computes WCAG's relative luminance and contrast ratio (the specification's end points and known pairs)", () => {
    assert.equal(relativeLuminance(color('#000')), 0);
    assert.equal(relativeLuminance(color('#fff')), 1);
    assert.equal(ratio('#000', '#fff'), 21);
    assert.equal(ratio('#777', '#777'), 1);
    // Pairs as WebAIM's contrast checker gives them.
    assert.equal(ratio('#767676', '#fff').toFixed(2), '4.54');
    assert.equal(ratio('#ffff00', '#fff').toFixed(2), '1.07');
    assert.equal(ratio('#2f6fed', '#fff').toFixed(2), '4.55');
    // Symmetric; a translucent colour counts as painted over the other.
    assert.equal(ratio('#fff', '#767676'), ratio('#767676', '#fff'));
    assert.equal(ratio('rgba(0, 0, 0, 0)', '#fff'), 1);
  });

  it('keeps a readable colour as it is', () => {
    assert.equal(toHex(readableOn(color('#0a66c2'), color('#fff'))), '#0a66c2');
  });

  for (const [text, background] of [
    ['#ffff00', '#ffffff'],
    ['#808080', '#777777'],
    ['#777777', '#808080'],
    ['#f4f6f8', '#fafafa'],
    ['#ff0000', '#0000ff'],
    ['#2f6fed', '#101418'],
    ['rgba(255, 255, 255, 0.3)', '#ffffff'],
  ] as const) {
    it(`adjusts ${text} on ${background} to at least 4.5:1, and no further than needed`, () => {
      const bg = color(background);
      const adjusted = readableOn(color(text), bg);
      assert.ok(contrastRatio(adjusted, bg) >= 4.5, `${toHex(adjusted)} on ${background}`);
      // One step less of the adjustment would not do: the least change (within a channel's rounding).
      assert.ok(contrastRatio(adjusted, bg) < 4.7, `${toHex(adjusted)} on ${background} moved too far`);
    });
  }

  it('reaches 3:1 for a focus ring where 4.5:1 is not needed', () => {
    const adjusted = readableOn(color('#ffd700'), color('#fff'), 3);
    assert.ok(contrastRatio(adjusted, color('#fff')) >= 3);
    assert.ok(contrastRatio(adjusted, color('#fff')) < 3.2);
  });

  it('puts white text on dark accents and black on light ones', () => {
    assert.equal(toHex(textOn(color('#2f6fed'))), '#ffffff');
    assert.equal(toHex(textOn(color('#d93025'))), '#ffffff');
    assert.equal(toHex(textOn(color('#ffff00'))), '#000000');
    assert.equal(toHex(textOn(color('#bbbbbb'))), '#000000');
  });

  it('finds at least 4.5:1 on every grey and primary (one of black and white always has 4.58:1)', () => {
    for (let level = 0; level <= 255; level += 5) {
      for (const background of [`rgb(${level}, ${level}, ${level})`, `rgb(${level}, 255, 0)`, `rgb(0, 0, ${level})`]) {
        const bg = color(background);
        assert.ok(contrastRatio(textOn(bg), bg) >= 4.5, background);
        assert.ok(contrastRatio(readableOn(color('#808080'), bg), bg) >= 4.5, background);
      }
    }
  });
});
