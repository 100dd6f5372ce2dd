/**
 * A branding applied to an element's own chrome, the same way in every nano-meet element: its values as the
 * private custom properties the styles read (page CSS still wins), and the logo with its link.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { StyleInfo } from 'lit/directives/style-map.js';
import type { Branding } from './branding-schema.js';

export function brandingProperties(branding: Branding): StyleInfo {
  return {
    ...(branding.backgroundColor && { '--_background': branding.backgroundColor }),
    ...(branding.backgroundImageUrl && { '--_background-image': `url(${JSON.stringify(branding.backgroundImageUrl)})` }),
    ...(branding.accentColor && { '--_accent': branding.accentColor }),
    ...(branding.textColor && { '--_color': branding.textColor }),
    ...(branding.fontFamily && { '--_font-family': branding.fontFamily }),
  };
}

/** The logo as `part="logo"`, a link when the branding gives one. */
export function brandingLogo({ logoImageUrl, logoClickUrl }: Branding): TemplateResult | typeof nothing {
  if (!logoImageUrl) return nothing;
  const image = html`<img src=${logoImageUrl} alt="" />`;
  return logoClickUrl
    ? html`<a part="logo" class="logo" href=${logoClickUrl} target="_blank" rel="noopener noreferrer" aria-label="Home page">${image}</a>`
    : html`<span part="logo" class="logo">${image}</span>`;
}
