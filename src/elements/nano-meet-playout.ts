import { defineElement } from './define-element.js';
import { NanoMeetPlayoutElement } from './playout/playout-element.js';

export { NanoMeetPlayoutElement };

defineElement('nano-meet-playout', NanoMeetPlayoutElement);
