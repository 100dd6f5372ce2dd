// What a moderator sees around the broadcast button, on the meeting page and in the studio: the choice of a
// broadcast with or without recording, a button label that says which one is running, and the viewer link.
import { viewerLink } from '/demo/viewer-link.js';

/** The meeting's events after which the controls may look different. */
const EVENTS = [
  'nano-meet-state-change',
  'nano-meet-ready',
  'nano-meet-participant-role-changed',
  'nano-meet-broadcast-state-change',
];

/**
 * `recording` is what the broadcast this page started records; `undefined` while live means another
 * moderator started it, and this page cannot know whether it is recorded.
 */
function buttonLabel(state, record, recording) {
  switch (state) {
    case 'starting':
      return record ? 'Starting, with recording…' : 'Starting, without recording…';
    case 'live':
      if (recording === undefined) return 'Stop broadcast (started by another moderator)';
      return recording ? 'Stop broadcast (being recorded)' : 'Stop broadcast (not recorded)';
    case 'stopping':
      return 'Stopping…';
    default:
      return record ? 'Go live with recording' : 'Go live without recording';
  }
}

/**
 * Wires `choice` (a fieldset of `record` radios, `on`/`off`) to `button`, labels the button, and shows the
 * viewer link in `viewer` always (`viewerLinkWhile: 'always'`) or only while live (`'live'`).
 */
export function broadcastControls({ meeting, button, choice, viewer, viewerLinkWhile }) {
  const showViewerLink = viewerLink(viewer);
  let recording;
  const sync = () => {
    const state = meeting.broadcastState;
    // Only this page's own start goes through `starting`; a broadcast started elsewhere arrives as `live`.
    if (state === 'starting') recording ??= button.record;
    if (state === 'idle' || state === 'error') recording = undefined;
    choice.hidden = !(meeting.state === 'joined' && meeting.moderator);
    // The choice applies to the next broadcast: it cannot change one that is running.
    choice.disabled = state !== 'idle' && state !== 'error';
    button.textContent = buttonLabel(state, button.record, recording);
    showViewerLink(viewerLinkWhile === 'live' && state !== 'live' ? '' : (meeting.streamName ?? ''));
  };
  // A fieldset's `elements` has no radio groups (a form's has): read the checked radio itself.
  const chosen = () => (button.record = choice.querySelector('input[name=record]:checked')?.value === 'on');
  choice.addEventListener('change', () => {
    chosen();
    sync();
  });
  for (const type of EVENTS) meeting.addEventListener(type, sync);
  chosen();
  sync();
}
