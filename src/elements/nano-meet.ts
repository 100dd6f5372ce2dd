import { defineElement } from './define-element.js';
import { NanoMeetElement } from './nano-meet/nano-meet-element.js';

export { NanoMeetElement, MeetingError } from './nano-meet/nano-meet-element.js';
export type {
  MeetingState,
  MeetingParticipant,
  LeftReason,
  MeetingErrorCode,
  StartBroadcastOptions,
  BroadcastPlayout,
  BroadcastTemplates,
} from './nano-meet/nano-meet-element.js';
export type { MeetingLoader } from '../meeting/meeting-session.js';
export { meetingContext } from './nano-meet/meeting-context.js';
export type { MeetingContextValue, MeetingHandle } from './nano-meet/meeting-context.js';
export type * from './nano-meet/nano-meet-events.js';

defineElement('nano-meet', NanoMeetElement);
