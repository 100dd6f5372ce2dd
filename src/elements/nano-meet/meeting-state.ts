import type { Text } from '../../i18n/catalogue.js';
import type { MeetingLeftReason } from './nano-meet-events.js';

export type { MeetingState } from './nano-meet-events.js';

/** What the element shows over (or instead of) the meeting. */
export type MeetingScreen =
  | { kind: 'none' }
  | { kind: 'waiting'; opensAt: Date }
  | { kind: 'loading' }
  | { kind: 'lobby' }
  | { kind: 'password'; wrong: boolean }
  /** `message`: a catalogue sentence, said in the element's language when shown, or words as they came. */
  | { kind: 'error'; code: string; message: Text | string }
  | { kind: 'ended'; reason: LeftReason; by?: string };

/** Why a participant is out of the meeting, as the element's own screen says it. */
export type LeftReason = Exclude<MeetingLeftReason, 'removed'>;

/** A participant, as `participants` and `getParticipants()` report them. */
export interface MeetingParticipant {
  id: string;
  displayName: string;
  moderator: boolean;
  /** This page's own participant. */
  local: boolean;
}
