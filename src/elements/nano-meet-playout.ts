import { defineElement } from './define-element.js';
import { NanoMeetPlayoutElement } from './playout/playout-element.js';

export { NanoMeetPlayoutElement };
export type * from './playout/playout-events.js';

defineElement('nano-meet-playout', NanoMeetPlayoutElement);
