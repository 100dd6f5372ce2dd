import { expect } from '@open-wc/testing';
import { isCssColor, isSafeImageUrl } from '../../src/branding/branding-schema.js';
import { BrandingError, loadBranding, parseBranding } from '../../src/branding/load-branding.js';
import { jitsiInterfaceConfigOf } from '../../src/branding/jitsi-branding.js';

async function brandingError(promise: Promise<unknown>): Promise<BrandingError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(BrandingError);
    return error as BrandingError;
  }
  throw new Error('expected the branding to be refused');
}

describe('branding', () => {
  describe('loadBranding', () => {
    it('loads the classic branding file from a URL', async () => {
      const branding = await loadBranding('/test/branding/fixtures/classic.json');
      expect(branding).to.deep.equal({
        backgroundColor: '#102030',
        backgroundImageUrl: 'https://cdn.example.org/background.jpg',
        logoClickUrl: 'https://www.example.org/',
        logoImageUrl: 'https://cdn.example.org/logo.png',
      });
    });

    it('reads inline JSON with the extensions', async () => {
      const branding = await loadBranding(
        '{"accentColor":"oklch(60% 0.2 250)","fontFamily":"\\"Inter\\", sans-serif","virtualBackgrounds":["https://cdn.example.org/vb.jpg"]}',
      );
      expect(branding.accentColor).to.equal('oklch(60% 0.2 250)');
      expect(branding.fontFamily).to.equal('"Inter", sans-serif');
      expect(branding.virtualBackgrounds).to.deep.equal(['https://cdn.example.org/vb.jpg']);
    });

    it('refuses CSS injection and javascript: links with branding-invalid, naming the fields', async () => {
      const error = await brandingError(loadBranding('/test/branding/fixtures/hostile.json'));
      expect(error.code).to.equal('branding-invalid');
      expect(error.message).to.contain('backgroundColor');
      expect(error.message).to.contain('logoClickUrl');
    });

    it('reports an unreachable file as branding-unreachable', async () => {
      const error = await brandingError(loadBranding('/test/branding/fixtures/missing.json'));
      expect(error.code).to.equal('branding-unreachable');
      expect(error.message).to.contain('404');
    });

    it('stops reading a file that does not end at 64 KB, with branding-invalid rather than a timeout', async () => {
      // The whole body was read first: a file without end held the page until the timeout, growing all the while.
      const error = await brandingError(loadBranding('/__endless-branding__.json', { timeoutMs: 5000 }));
      expect(error.code).to.equal('branding-invalid');
      expect(error.message).to.contain('larger than 64 KB');
    });

    it('refuses non-http URLs and broken JSON', async () => {
      expect((await brandingError(loadBranding('javascript:alert(1)'))).code).to.equal('branding-invalid');
      expect((await brandingError(loadBranding('{"backgroundColor": '))).code).to.equal('branding-invalid');
    });

    it('stops, with the abort reason, when the element that asked is gone', async () => {
      const controller = new AbortController();
      controller.abort();
      let caught: unknown;
      try {
        await loadBranding('/test/branding/fixtures/classic.json', { signal: controller.signal });
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(DOMException);
    });
  });

  describe('parseBranding', () => {
    const problems = (json: string) => {
      try {
        parseBranding(json);
      } catch (error) {
        expect(error).to.be.instanceOf(BrandingError);
        expect((error as BrandingError).code).to.equal('branding-invalid');
        return (error as BrandingError).message.split('\n').slice(1);
      }
      throw new Error('expected the branding to be refused');
    };

    it('keeps only the keys it knows, so newer files still work', () => {
      expect(
        parseBranding('{"textColor":"#fff","futureKey":{"a":1},"logoImageUrl":"https://x.example/l.png"}'),
      ).to.deep.equal({
        textColor: '#fff',
        logoImageUrl: 'https://x.example/l.png',
      });
      expect(parseBranding('{}')).to.deep.equal({});
    });

    it('names every failing key, one a line in the order of the file format, with what it must be', () => {
      expect(
        problems(
          '{"accentColor":"var(--x)","logoClickUrl":"javascript:alert(1)","logoImageUrl":"data:image/svg+xml;base64,PHN2Zz4=","fontFamily":"x;y"}',
        ),
      ).to.deep.equal([
        'logoClickUrl: must be an http(s) URL of at most 2048 characters',
        'logoImageUrl: must be an http(s) URL or a base64 PNG/JPEG/GIF/WebP/AVIF data URL',
        'accentColor: must be a CSS colour, e.g. #0a66c2 or rgb(10 102 194)',
        'fontFamily: must be a CSS font-family list, e.g. "Inter", sans-serif',
      ]);
    });

    it('refuses JSON that is not an object', () => {
      for (const json of ['[]', 'null', '"#fff"', '42']) expect(problems(json)).to.deep.equal(['must be an object']);
    });

    it('refuses keys of the wrong type, and a link that is not http(s) or too long', () => {
      expect(problems('{"backgroundColor":1,"textColor":null}')).to.have.length(2);
      expect(problems('{"logoClickUrl":"data:image/png;base64,iVBORw0KGgo="}')).to.have.length(1);
      const link = (length: number) => `https://x.example/${'a'.repeat(length - 18)}`;
      expect(parseBranding(JSON.stringify({ logoClickUrl: link(2048) })).logoClickUrl).to.have.length(2048);
      expect(problems(JSON.stringify({ logoClickUrl: link(2049) }))).to.have.length(1);
    });

    it('takes a font-family list of 1–200 characters of letters, digits, spaces, commas, quotes and -', () => {
      expect(parseBranding(JSON.stringify({ fontFamily: 'a'.repeat(200) })).fontFamily).to.have.length(200);
      for (const fontFamily of ['', 'a'.repeat(201), 'x}', 'url(x)', 42])
        expect(problems(JSON.stringify({ fontFamily }))).to.have.length(1);
    });

    it('takes up to 24 virtual backgrounds and names the one that is not an image URL', () => {
      const image = 'https://cdn.example.org/vb.jpg';
      expect(
        parseBranding(JSON.stringify({ virtualBackgrounds: Array(24).fill(image) })).virtualBackgrounds,
      ).to.have.length(24);
      expect(problems(JSON.stringify({ virtualBackgrounds: Array(25).fill(image) }))).to.deep.equal([
        'virtualBackgrounds: must be an array of at most 24 items',
      ]);
      expect(problems(JSON.stringify({ virtualBackgrounds: [image, 'javascript:x'] }))).to.deep.equal([
        'virtualBackgrounds[1]: must be an http(s) URL or a base64 PNG/JPEG/GIF/WebP/AVIF data URL',
      ]);
      expect(problems('{"virtualBackgrounds":"https://cdn.example.org/vb.jpg"}')).to.have.length(1);
    });
  });

  describe('colours and images', () => {
    it('accepts CSS colours and refuses anything that is not only a colour', () => {
      for (const good of ['#fff', '#0a66c2cc', 'rgb(10 102 194)', 'hsl(210 90% 40%)', 'rebeccapurple', 'transparent']) {
        expect(isCssColor(good), good).to.equal(true);
      }
      for (const bad of ['var(--x)', 'red;color:blue', 'url(x)', 'notacolour', '}', 'red /* */']) {
        expect(isCssColor(bad), bad).to.equal(false);
      }
    });

    it('allows raster data images but never SVG data or javascript:', () => {
      expect(isSafeImageUrl('data:image/png;base64,iVBORw0KGgo=')).to.equal(true);
      expect(isSafeImageUrl('data:image/svg+xml;base64,PHN2Zz4=')).to.equal(false);
      expect(isSafeImageUrl('javascript:alert(1)')).to.equal(false);
      expect(isSafeImageUrl('https://cdn.example.org/a.png')).to.equal(true);
    });
  });

  it('gives Jitsi only the background colour, the one branding override a meeting page honours', () => {
    const branding = parseBranding(
      '{"backgroundColor":"#000","logoImageUrl":"https://x.example/l.png","logoClickUrl":"https://x.example/"}',
    );
    expect(jitsiInterfaceConfigOf(branding)).to.deep.equal({ DEFAULT_BACKGROUND: '#000' });
    expect(jitsiInterfaceConfigOf(parseBranding('{"logoImageUrl":"https://x.example/l.png"}'))).to.deep.equal({});
  });
});
