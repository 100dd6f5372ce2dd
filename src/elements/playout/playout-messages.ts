/**
 * What a viewer reads on `<nano-meet-playout>`: short sentences (catalogue entries, src/i18n, said in the
 * element's language), never an address, a status code or a hint for the page's developer (those go, in English,
 * to the error event's `detail` and the console).
 */
import { text, type MessageKey, type Text } from '../../i18n/catalogue.js';
import type { BroadcastOutlook } from '../../playout/broadcast-lookup.js';
import type { PlayoutErrorCode, PlayoutErrorDetail } from './playout-events.js';

const ERROR_SENTENCES: Readonly<Record<PlayoutErrorCode, MessageKey>> = {
  'whep-failed': 'playout.cannot-play',
  'hls-not-found': 'playout.not-started',
  'hls-failed': 'playout.cannot-play',
  'source-unreachable': 'playout.unreachable',
  'no-source': 'playout.nothing',
  'source-invalid': 'playout.nothing',
  'streamname-invalid': 'playout.nothing',
  'load-failed': 'playout.load-failed',
  // Never on screen (the default look is used instead), named so that every code has its sentence.
  'branding-invalid': 'playout.cannot-play',
  'branding-unreachable': 'playout.cannot-play',
};

/** The sentence for an error that stopped the player, or that it retries after (then it says so). */
export function errorSentence({ code, fatal }: Pick<PlayoutErrorDetail, 'code' | 'fatal'>): Text {
  const sentence = text(ERROR_SENTENCES[code]);
  return fatal ? sentence : text('playout.retrying', { sentence });
}

/** Said before the viewer presses play: what a look-up of the broadcast found (nothing when it found nothing). */
export function outlookSentence(outlook: BroadcastOutlook | undefined): Text | '' {
  switch (outlook?.kind) {
    case 'live':
      return text('playout.is-live');
    case 'not-started':
      return text('playout.not-started');
    case 'ended':
      return text(outlook.recording ? 'playout.ended-with-recording' : 'playout.ended');
    case 'unreachable':
      return text(ERROR_SENTENCES['source-unreachable']);
    case 'unplayable':
      return text('playout.unplayable-now');
    default:
      return '';
  }
}
