/**
 * The English sentences nano-meet.js and nano-meet.iife.js say themselves, before any element's code has arrived:
 * the classic API's refusals, the early iframe's title and external_api.js that did not load. The elements'
 * sentences are in messages-en-elements.ts, which their code adds (english-for-elements.ts): a CDN page does not
 * download them before the meeting's iframe. English is the fallback for every other language,
 * per key. Keys name the place (`meeting.`, `failure.`, `playout.`, `button.`, `broadcast.`, `action.`, `api.`);
 * `{name}` marks a placeholder that every translation must keep (test/i18n/catalogues.node.test.ts checks it).
 * Dates and numbers in placeholders are formatted with Intl in the language of the sentence.
 */
import type { enElements } from './messages-en-elements.js';

export const en = {
  // loader="external": the meeting server's external_api.js did not load (src/meeting/load-external-api.ts).
  'failure.script-undefined': '{url} loaded but did not define JitsiMeetExternalAPI.',
  'failure.script-timeout': '{url} did not load within {seconds} s.',
  'failure.script-failed': '{url} could not be loaded. Is the meeting server reachable?',
  // The classic NanoMeet API's own refusals.
  'api.element-not-found': 'No element has the id {id}.',
  'api.not-initialized': 'Call init() first.',
  'api.token-service-missing':
    'No token service is configured: add <meta name="nano-meet-token-service" content="https://…"> to the page.',
  'api.token-service-unreachable': 'The token service at {url} could not be reached.',
  'api.token-service-status': 'The token service answered {status}.',
  'api.meeting-failed': 'The meeting could not open.',
  // <nano-meet>: the meeting iframe's accessible name, which the early iframe has too.
  'meeting.frame-title': 'Meeting {room}',
} as const;

/** Every English sentence, the entry's and the elements': where the placeholders of a key are read from. */
export type English = typeof en & typeof enElements;

/** The name of every message. */
export type MessageKey = keyof English;

/** A whole catalogue: a shipped language must say everything (a missing key does not compile). */
export type Messages = { readonly [Key in MessageKey]: string };
