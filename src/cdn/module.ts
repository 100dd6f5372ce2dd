/**
 * dist/cdn/nano-meet.js, the ES module a CDN page loads. It carries what a meeting needs before its iframe exists
 * (src/elements/early-meeting: no Lit), the classic API and decodeToken; it puts up the iframes of the
 * `<nano-meet>` elements on the page, then defines each element the page uses from its own file next to this one
 * (autoloader.ts). The element classes are exported by `nano-meet-elements.js` beside it, which defines all three;
 * or `await customElements.whenDefined(tag)`, or `loadElement(tag)`.
 */
import './shared-core.js';
import { startOnPage } from './start-on-page.js';

export { NanoMeet, NanoMeetApiError, TOKEN_SERVICE_META } from '../api/nano-meet.js';
export { registerMessages } from '../i18n/catalogue.js';
export { decodeToken } from '../token/decode-token.js';
export { TokenError } from '../token/token-error.js';
export { discover, loadElement, type AutoloadedTag } from './autoloader.js';

startOnPage();
