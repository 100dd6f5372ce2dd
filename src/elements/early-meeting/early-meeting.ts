/**
 * What `<nano-meet>` does before its own code (Lit, the IFrame client, the screens) has arrived, so that the meeting
 * page loads while the rest of nano-meet does: reads the token, asks the page which servers it allows, opens the
 * connection to the meeting server, and puts the meeting's iframe into the element's shadow root. The element
 * takes that iframe over once defined (src/meeting/early-frame.ts); it adopts the shadow root (Lit reuses an open
 * one) and renders beside the iframe. On the external route it starts loading the meeting server's own
 * external_api.js instead, which the element then uses (load-external-api.ts keeps one load per page): the script
 * comes alongside the elements rather than after them. Anything else (no token, an error, a token not valid yet) is
 * left to the element, which shows its own screens once it has arrived.
 */
import { loadBranding } from '../../branding/load-branding.js';
import type { Branding } from '../../branding/branding-schema.js';
import { declaredLanguageOf } from '../../i18n/element-language.js';
import { placeEarlyFrame } from '../../meeting/early-frame.js';
import { loadExternalApi } from '../../meeting/load-external-api.js';
import { preconnect } from '../../meeting/preconnect.js';
import { allowedServers, refusalOf } from '../../meeting/server-allowlist.js';
import { decodeToken } from '../../token/decode-token.js';
import { isValidServerHost } from '../../token/server-host.js';
import { sessionOptions } from '../nano-meet/meeting-settings.js';
import { readEarlyAttributes } from './early-attributes.js';
import { earlyMeetingSheet } from './early-sheets.js';

const started = new WeakSet<Element>();

/**
 * Puts up `element`'s meeting iframe (on the external route: starts loading the server's script) if the element would
 * open its meeting at once; does nothing for an element already defined or already started. Synchronous unless the
 * element has a branding to load first (the iframe's URL carries its background colour).
 */
export async function openEarlyMeeting(element: Element): Promise<void> {
  if (element.localName !== 'nano-meet' || !element.isConnected || started.has(element) || upgraded(element)) return;
  const attributes = readEarlyAttributes(element as HTMLElement);
  const external = attributes.loader === 'external';
  if (!attributes.token || (attributes.loader !== 'native' && !external)) return;
  // As the element reads it (meeting-connection.ts): no leeway, the meeting server allows none.
  const result = decodeToken(attributes.token, { allowNotYetValid: true, clockSkewSeconds: 0 });
  if (!result.ok || result.token.notBefore.getTime() > Date.now()) return;
  const token = result.token;
  const overridden = attributes.server !== '' && attributes.server !== token.server;
  const server = overridden ? attributes.server : token.server;
  const allowed = allowedServers(element.ownerDocument, attributes.allowedServers);
  if (!isValidServerHost(server) || refusalOf({ server, overridden, external }, allowed) !== undefined) return;
  started.add(element);
  preconnect(server);
  if (external) {
    // A failure is the element's to report: it asks again, as a failed load is forgotten.
    loadExternalApi(server, { timeoutMs: attributes.loadTimeout * 1000 }).catch(() => undefined);
    return;
  }
  // A branding that fails leaves the default look, as in the element, which reports it.
  const branding: Branding = attributes.branding.trim()
    ? await loadBranding(attributes.branding).catch(() => ({}))
    : {};
  if (upgraded(element) || !element.isConnected) return;
  const root = element.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [earlyMeetingSheet()];
  const opening = {
    token,
    server,
    container: element as HTMLElement,
    moderator: token.moderator,
    branding,
    // As the element computes it (meeting-connection.ts): the iframe's URL carries it, and must match to be kept.
    language: declaredLanguageOf(element),
  };
  placeEarlyFrame(root, sessionOptions(opening, attributes));
}

/** Whether the element's own code has taken the element (it then opens its meeting itself). */
function upgraded(element: Element): boolean {
  return element.shadowRoot !== null || element.matches(':defined');
}
