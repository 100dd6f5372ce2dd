import { unsafeCSS, type CSSResult } from 'lit';

/**
 * Our own constant strings (the elements' default colours) as values a stylesheet can interpolate: Lit's `css` tag
 * takes only CSSResults. This is the one place that calls `unsafeCSS`, apart from every stylesheet, because the
 * build's template minifier leaves all the CSS of a file that mentions it unminified (it cannot tell what such a
 * value holds); rollup.config.mjs leaves this file, which has no stylesheet, out of the minifier. Never pass it
 * anything that came from outside the code: a branding's values go through custom properties (branding-chrome.ts).
 */
export function trustedCssValues<Values extends Record<string, string>>(
  values: Values,
): Record<keyof Values, CSSResult> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, unsafeCSS(value)])) as Record<
    keyof Values,
    CSSResult
  >;
}
