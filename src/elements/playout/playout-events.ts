/**
 * The DOM events of `<nano-meet-playout>`: the playout engine's vocabulary (playout/playout-vocabulary.ts) as
 * `CustomEvent`s, and the list of their names that the React wrapper turns into props.
 */
import type { PlayoutEventDetails } from '../../playout/playout-vocabulary.js';
import { keysOf } from '../../shared/keys-of.js';

export type { PlayoutStats } from '../../playout/playout-stats.js';
export type { PlayoutProtocol } from '../../playout/source-choice.js';
export type {
  PlayoutEndedDetail,
  PlayoutErrorCode,
  PlayoutErrorDetail,
  PlayoutEventDetails,
  PlayoutPlayingDetail,
  PlayoutProtocolDetail,
  PlayoutState,
} from '../../playout/playout-vocabulary.js';

/** The events of `<nano-meet-playout>`; all bubble and are composed. */
export type NanoMeetPlayoutEventMap = { [Name in keyof PlayoutEventDetails]: CustomEvent<PlayoutEventDetails[Name]> };

/** Every event name of `<nano-meet-playout>` (the type check keeps the list whole). */
export const PLAYOUT_EVENT_NAMES = /*#__PURE__*/ keysOf<PlayoutEventDetails>({
  'nano-meet-playout-playing': true,
  'nano-meet-playout-waiting': true,
  'nano-meet-playout-stalled': true,
  'nano-meet-playout-ended': true,
  'nano-meet-playout-error': true,
  'nano-meet-playout-stats': true,
});

declare global {
  interface HTMLElementEventMap extends NanoMeetPlayoutEventMap {}
}
