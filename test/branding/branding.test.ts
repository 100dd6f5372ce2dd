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

  it('maps branding onto the Jitsi interfaceConfig options it can overwrite', () => {
    const branding = parseBranding('{"backgroundColor":"#000","logoImageUrl":"https://x.example/l.png","logoClickUrl":"https://x.example/"}');
    expect(jitsiInterfaceConfigOf(branding)).to.deep.equal({
      DEFAULT_BACKGROUND: '#000',
      DEFAULT_LOGO_URL: 'https://x.example/l.png',
      SHOW_JITSI_WATERMARK: true,
      JITSI_WATERMARK_LINK: 'https://x.example/',
    });
  });
});
