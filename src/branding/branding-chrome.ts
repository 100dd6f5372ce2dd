/**
 * A branding applied to an element's own chrome, the same way in every nano-meet element: its values as the
 * private custom properties the styles read (page CSS still wins), and the logo with its link.
 */
import { html, noChange, nothing, type TemplateResult } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';
import { isHttpUrl, type Branding } from './branding-schema.js';
import { readableColors, type ElementLook } from './readable-colors.js';

export type { ElementLook };

/** The branding's values as the custom properties the elements' styles read. */
function brandingProperties(branding: Branding, look: ElementLook): Record<string, string> {
  return {
    ...(branding.backgroundColor && { '--_background': branding.backgroundColor }),
    ...(branding.backgroundImageUrl && {
      '--_background-image': `url(${JSON.stringify(branding.backgroundImageUrl)})`,
    }),
    ...(branding.accentColor && { '--_accent': branding.accentColor }),
    ...(branding.textColor && { '--_color': branding.textColor }),
    ...(branding.fontFamily && { '--_font-family': branding.fontFamily }),
    ...readableColors(branding, look),
  };
}

/**
 * Sets the branding's custom properties through the CSSOM (`style.setProperty`), never as a `style` attribute:
 * a page whose CSP has no `'unsafe-inline'` in `style-src` refuses style attributes written in markup or with
 * `setAttribute` (lit's `styleMap` writes one on first render), but not CSSOM writes. A property the branding
 * no longer sets is removed, so a branding change leaves nothing of the old one behind.
 */
class BrandingStyleDirective extends Directive {
  #applied: string[] = [];

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT)
      throw new Error('brandingStyle() belongs on an element: <div ${brandingStyle(branding)}>.');
  }

  render(_branding: Branding, _look: ElementLook): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [branding, look]: [Branding, ElementLook]): typeof noChange {
    const { style } = part.element as HTMLElement;
    const properties = brandingProperties(branding, look);
    for (const name of this.#applied) if (!(name in properties)) style.removeProperty(name);
    for (const [name, value] of Object.entries(properties)) style.setProperty(name, value);
    this.#applied = Object.keys(properties);
    return noChange;
  }
}

/**
 * `<div ${brandingStyle(branding, look)}>`: the branding's custom properties on that element, CSP-safe, with the
 * colours the element's `look` would otherwise use where the branding would leave its text unreadable.
 */
export const brandingStyle = directive(BrandingStyleDirective);

/**
 * The logo as `part="logo"` (or the part given, which is also its class), a link when the branding gives an
 * http(s) one: a new tab, with no opener and no referrer for the linked page.
 */
export function brandingLogo(
  { logoImageUrl, logoClickUrl }: Branding,
  part: 'logo' | 'meeting-logo' = 'logo',
): TemplateResult | typeof nothing {
  if (!logoImageUrl) return nothing;
  const image = html`<img src=${logoImageUrl} alt="" />`;
  return logoClickUrl && isHttpUrl(logoClickUrl)
    ? html`<a part=${part} class=${part} href=${logoClickUrl} target="_blank" rel="noopener noreferrer" aria-label="Home page">${image}</a>`
    : html`<span part=${part} class=${part}>${image}</span>`;
}
