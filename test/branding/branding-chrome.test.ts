import { expect } from '@open-wc/testing';
import { html, render } from 'lit';
import { brandingLogo, brandingStyle } from '../../src/branding/branding-chrome.js';
import type { Branding } from '../../src/branding/branding-schema.js';
import type { ElementLook } from '../../src/branding/branding-chrome.js';

const LOOK: ElementLook = { background: '#101418', color: '#f4f6f8', accent: '#2f6fed' };

function rendered(container: HTMLElement, branding: Branding): HTMLElement {
  render(html`<div ${brandingStyle(branding, LOOK)}></div>`, container);
  return container.firstElementChild as HTMLElement;
}

describe('brandingStyle', () => {
  it('sets the branding as custom properties through the CSSOM, and removes those a new branding leaves out', () => {
    const container = document.createElement('div');
    const setAttribute = Element.prototype.setAttribute;
    const attributesSet: string[] = [];
    // A style attribute is what a strict CSP refuses (style-src-attr): it must never be written.
    Element.prototype.setAttribute = function (name: string, value: string) {
      attributesSet.push(name);
      setAttribute.call(this, name, value);
    };
    try {
      const first = rendered(container, {
        backgroundColor: '#123456',
        backgroundImageUrl: 'https://cdn.example.org/a.png',
        fontFamily: 'Georgia, serif',
      });
      expect(first.style.getPropertyValue('--_background')).to.equal('#123456');
      expect(first.style.getPropertyValue('--_background-image')).to.equal('url("https://cdn.example.org/a.png")');
      expect(first.style.getPropertyValue('--_font-family')).to.equal('Georgia, serif');

      const second = rendered(container, { accentColor: 'rgb(1 2 3)', fontFamily: 'serif' });
      expect(second).to.equal(first);
      expect(second.style.getPropertyValue('--_background')).to.equal('');
      expect(second.style.getPropertyValue('--_background-image')).to.equal('');
      expect(second.style.getPropertyValue('--_accent')).to.equal('rgb(1 2 3)');
      expect(second.style.getPropertyValue('--_font-family')).to.equal('serif');

      rendered(container, {});
      expect(second.style.length).to.equal(0);
    } finally {
      Element.prototype.setAttribute = setAttribute;
    }
    expect(attributesSet).to.not.include('style');
  });

  it('belongs on an element, not in an attribute', () => {
    expect(() => render(html`<div style=${brandingStyle({}, LOOK)}></div>`, document.createElement('div'))).to.throw(
      /belongs on an element/,
    );
  });
});

describe('brandingLogo', () => {
  const logoImageUrl = 'https://cdn.example.org/logo.png';

  it('links the logo only to an http(s) URL, in a new tab without opener, under the part asked for', () => {
    const container = document.createElement('div');
    render(brandingLogo({ logoImageUrl, logoClickUrl: 'https://example.org/' }, 'meeting-logo'), container);
    const link = container.querySelector('a')!;
    expect(link.getAttribute('part')).to.equal('meeting-logo');
    expect(link.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(link.getAttribute('aria-label')).to.equal('Home page');
    for (const logoClickUrl of ['javascript:alert(1)', 'data:text/html,x', '//example.org/']) {
      render(brandingLogo({ logoImageUrl, logoClickUrl }, 'meeting-logo'), container);
      expect(container.querySelector('a'), logoClickUrl).to.equal(null);
      expect(container.querySelector('[part="meeting-logo"] img')).not.to.equal(null);
    }
  });
});
