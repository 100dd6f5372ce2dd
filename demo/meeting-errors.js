// A meeting's errors, as the demo shows them: one that ends the meeting on the element's own error screen (its
// `error` slot), any other in the page's status line; times in both written the demo's one way.
import { describeError, showStatus } from '/demo/demo-config.js';
import { humanizeTimes } from '/demo/human-time.js';

/** `screen` is the element's `slot="error"` child, with a `.message` and a `.code`. */
export function showMeetingErrors(meeting, screen) {
  let last;
  meeting.addEventListener('nano-meet-error', (event) => {
    last = event.detail;
    // The meeting reports the error before it moves to `error` (the element's documented order). A token not valid
    // yet is no failure: the element's own screen says when the meeting opens, and the status line need not repeat
    // it as an error.
    if (event.detail.code === 'token-not-yet-valid') return;
    queueMicrotask(() => {
      if (meeting.state !== 'error') showStatus(describeError(event.detail), true);
    });
  });
  meeting.addEventListener('nano-meet-state-change', (event) => {
    if (event.detail.state !== 'error' || !last) return;
    screen.querySelector('.message').textContent = humanizeTimes(last.message);
    screen.querySelector('.code').textContent = last.code;
  });
}
