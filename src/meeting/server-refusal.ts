/**
 * A refused meeting server in words, for the person in front of the page and for the page's author. Only the element
 * says it (these sentences arrive with its code: src/i18n/messages-en-elements.ts); the CDN entries only ask
 * whether a server is refused (server-allowlist.ts).
 */
import { text, type Text } from '../i18n/catalogue.js';
// The sentences below are the elements': whoever says them must have them.
import '../i18n/english-for-elements.js';
import { refusalOf, type ServerUse } from './server-allowlist.js';

/** Why the page refuses `use`, as a catalogue sentence; `undefined` when it allows it. */
export function serverRefusal(use: ServerUse, allowed: ReadonlySet<string> | undefined): Text | undefined {
  const refusal = refusalOf(use, allowed);
  if (refusal === undefined) return undefined;
  return text(`failure.${refusal}`, { server: use.server, listIt: text('failure.list-it') });
}
