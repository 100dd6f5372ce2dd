/**
 * Script URLs for pages that enforce Trusted Types (`require-trusted-types-for 'script'`): such a page refuses a
 * plain string as a script's `src`. The one script nano-meet ever puts into a page is a meeting server's
 * `external_api.js` (loader="external", for a server the page lists), so the policy makes exactly those URLs and
 * refuses any other. A page that names its policies (`trusted-types …`) lists `nano-meet` (and Lit's `lit-html`).
 */

/** The policy's name, as a page's `trusted-types` directive lists it. */
export const TRUSTED_TYPES_POLICY = 'nano-meet';

/** `https://<host[:port]>/external_api.js`: nothing else may become a script URL. */
const EXTERNAL_API_URL = /^https:\/\/[^/?#@\\\s]+\/external_api\.js$/;

interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown;
}

interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy;
}

/**
 * Kept once per page: a page may run two copies of this module (both CDN entries, or one beside an app's own
 * bundle), and a page that lists its policies may allow each name only once.
 */
const PAGE_POLICY = Symbol.for('nano-meet.trusted-types-policy');

/** `url` itself, if it is a meeting server's `external_api.js`; throws for any other. */
function checked(url: string): string {
  if (EXTERNAL_API_URL.test(url)) return url;
  throw new TypeError(url);
}

/**
 * `url` as a script's `src` takes it: a TrustedScriptURL where the browser enforces Trusted Types (then a URL that is
 * not a meeting server's `external_api.js` throws, as does a page whose `trusted-types` directive refuses the
 * policy), else the string.
 */
export function trustedScriptUrl(url: string): string {
  const page = globalThis as { trustedTypes?: TrustedTypesFactory; [PAGE_POLICY]?: ScriptUrlPolicy };
  if (!page.trustedTypes) return url;
  page[PAGE_POLICY] ??= page.trustedTypes.createPolicy(TRUSTED_TYPES_POLICY, { createScriptURL: checked });
  // A TrustedScriptURL, which `script.src` takes as it takes a string.
  return page[PAGE_POLICY].createScriptURL(url) as string;
}
