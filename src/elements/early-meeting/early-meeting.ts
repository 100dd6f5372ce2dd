/**
 * What `<nano-meet>` does before its own code (Lit, the IFrame client, the screens) has arrived, so that the meeting
 * page loads while the rest of nano-meet does: reads the token, asks the page which servers it allows, and puts the
 * meeting's iframe into the element's shadow root. The element takes that iframe over once defined
 * (src/meeting/early-frame.ts); it adopts the shadow root (Lit reuses an open one) and renders beside the iframe.
 * On the external route it starts loading the meeting server's own external_api.js instead, which the element then
 * uses (load-external-api.ts keeps one load per page): the script comes alongside the elements rather than after
 * them. Anything else (no token, an error, a token not valid yet) is left to the element, which shows its own
 * screens once it has arrived. Every check the element makes before its token reaches a server is made here too, on
 * the same values (test/elements/early-meeting-refusals.test.ts).
 */
import { loadBranding } from '../../branding/load-branding.js';
import type { Branding } from '../../branding/branding-schema.js';
import { declaredLanguageOf } from '../../i18n/element-language.js';
import { dropEarlyFrame, placeEarlyFrame } from '../../meeting/early-frame.js';
import { loadExternalApi } from '../../meeting/load-external-api.js';
import { preconnect } from '../../meeting/preconnect.js';
import { allowedServers, refusalOf } from '../../meeting/server-allowlist.js';
import { decodeToken } from '../../token/decode-token.js';
import { isValidServerHost } from '../../token/server-host.js';
import { loadTimeoutMs, sessionOptions } from '../nano-meet/meeting-settings.js';
import { chosenServer, serverListText } from '../nano-meet/server-settings.js';
import { openingKeyOf, readEarlyAttributes } from './early-attributes.js';
import { earlyMeetingSheet } from './early-sheets.js';

/** What the core did for an element: the settings it last opened with, and a count that outdates an opening. */
interface EarlyState {
  settings?: string | symbol;
  generation: number;
}

const states = new WeakMap<Element, EarlyState>();
/** The shadow roots the core attached: an element with one of these has not been taken by its own code yet. */
const earlyRoots = new WeakSet<ShadowRoot>();

/**
 * Puts up `element`'s meeting iframe (on the external route: starts loading the server's script) if the element would
 * open its meeting at once; does nothing for an element already defined. Called again after a change of the element's
 * settings, it takes down what it put up, as the element closes its meeting, and opens the meeting now asked for.
 * Synchronous unless the element has a branding to load first (the iframe's URL carries its background colour).
 */
export async function openEarlyMeeting(element: Element): Promise<void> {
  if (element.localName !== 'nano-meet' || !element.isConnected || upgraded(element)) return;
  const attributes = readEarlyAttributes(element as HTMLElement);
  const settings = openingKeyOf(attributes);
  const state = states.get(element) ?? { generation: 0 };
  states.set(element, state);
  if (state.settings === settings) return;
  closeEarlyMeeting(element);
  state.settings = settings;
  const generation = state.generation;
  // The element's own route choice (meeting-connection.ts): anything but `external` is the native route.
  const external = attributes.loader === 'external';
  if (!attributes.token) return;
  // As the element reads it (meeting-connection.ts): no leeway, the meeting server allows none.
  const result = decodeToken(attributes.token, { allowNotYetValid: true, clockSkewSeconds: 0 });
  if (!result.ok || result.token.notBefore.getTime() > Date.now()) return;
  const token = result.token;
  // As the element decides it (meeting-connection.ts #allowedServerFor), on the same values.
  const { server, overridden } = chosenServer(attributes.server, token.server);
  const list = serverListText(attributes.allowedServers);
  if (list === false || !isValidServerHost(server)) return;
  if (refusalOf({ server, overridden, external }, allowedServers(element.ownerDocument, list))) return;
  if (external) {
    // A failure is the element's to report: it asks again, as a failed load is forgotten.
    loadExternalApi(server, { timeoutMs: loadTimeoutMs(attributes.loadTimeout) }).catch(() => undefined);
    return;
  }
  const source = typeof attributes.branding === 'string' ? attributes.branding.trim() : '';
  let branding: Branding = {};
  if (source) {
    // The iframe waits for the branding, so the connection to its server opens meanwhile. Without a wait, the
    // iframe (or on the external route, the script) opens it at once, and a hint would only hold it up (0.5 ms).
    preconnect(server);
    // A branding that fails leaves the default look, as in the element, which reports it.
    branding = await loadBranding(source).catch(() => ({}));
  }
  // Settings changed meanwhile, or the element arrived or left: this opening is not the one wanted now.
  if (state.generation !== generation || upgraded(element) || !element.isConnected) return;
  let root = element.shadowRoot;
  if (!root) {
    root = element.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [earlyMeetingSheet()];
    earlyRoots.add(root);
  }
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

/**
 * Takes down what the core put up for `element` (its iframe; a script already on its way is left to finish), as the
 * element closes its meeting when its settings change or it leaves the page: an iframe left in a removed element
 * would load again, with what it was opened with, once the element is back. An element its own code has taken
 * looks after itself.
 */
export function closeEarlyMeeting(element: Element): void {
  const state = states.get(element);
  if (!state || upgraded(element)) return;
  state.generation += 1;
  state.settings = undefined;
  if (element.shadowRoot) dropEarlyFrame(element.shadowRoot);
}

/** Whether the element's own code has taken the element (it then opens its meeting itself). */
function upgraded(element: Element): boolean {
  const root = element.shadowRoot;
  return (root !== null && !earlyRoots.has(root)) || element.matches(':defined');
}
