import { defineElement } from './define-element.js';
import { NanoMeetElement } from './nano-meet/nano-meet-element.js';

export { NanoMeetElement };
export type { MeetingState, MeetingErrorCode, MeetingErrorDetail } from './nano-meet/nano-meet-element.js';

defineElement('nano-meet', NanoMeetElement);
