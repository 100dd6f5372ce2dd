/**
 * What a viewer reads on `<nano-meet-playout>`: short sentences, never an address, a status code or a hint
 * for the page's developer (those go to the error event's `detail` and the console).
 */
import type { BroadcastOutlook } from '../../playout/broadcast-lookup.js';
import type { PlayoutErrorCode, PlayoutErrorDetail } from './playout-events.js';

const ERROR_SENTENCES: Readonly<Record<PlayoutErrorCode, string>> = {
  'whep-failed': 'The broadcast cannot be played.',
  'hls-not-found': 'The broadcast has not started yet.',
  'hls-failed': 'The broadcast cannot be played.',
  'source-unreachable': 'The broadcast cannot be reached.',
  'no-source': 'There is no broadcast to show here.',
  'source-invalid': 'There is no broadcast to show here.',
  'streamname-invalid': 'There is no broadcast to show here.',
  'load-failed': 'The player could not be loaded.',
  // Never on screen (the default look is used instead), named so that every code has its sentence.
  'branding-invalid': 'The broadcast cannot be played.',
  'branding-unreachable': 'The broadcast cannot be played.',
};

/** The sentence for an error that stopped the player, or that it retries after (then it says so). */
export function errorSentence({ code, fatal }: Pick<PlayoutErrorDetail, 'code' | 'fatal'>): string {
  return fatal ? ERROR_SENTENCES[code] : `${ERROR_SENTENCES[code]} Retrying…`;
}

/** Said before the viewer presses play: what a look-up of the broadcast found (nothing when it found nothing). */
export function outlookSentence(outlook: BroadcastOutlook | undefined): string {
  switch (outlook?.kind) {
    case 'live':
      return 'The broadcast is live.';
    case 'not-started':
      return 'The broadcast has not started yet.';
    case 'ended':
      return outlook.recording ? 'The broadcast has ended. Its recording can be played.' : 'The broadcast has ended.';
    case 'unreachable':
      return ERROR_SENTENCES['source-unreachable'];
    case 'unplayable':
      return 'The broadcast cannot be played right now.';
    default:
      return '';
  }
}
