import { defineElement } from './define-element.js';
import { NanoMeetBroadcastButtonElement } from './broadcast-button/broadcast-button-element.js';

export { NanoMeetBroadcastButtonElement };
export type { BroadcastState } from './broadcast-button/broadcast-button-element.js';

defineElement('nano-meet-broadcast-button', NanoMeetBroadcastButtonElement);
