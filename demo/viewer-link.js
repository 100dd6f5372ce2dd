// The address viewers outside the meeting open: the watch page for the meeting's stream.
import { copyText } from '/demo/copy-button.js';

export function watchUrl(streamName) {
  return `${location.origin}/demo/watch.html?stream=${encodeURIComponent(streamName)}`;
}

/**
 * The viewer link in `box` (a `.viewer` paragraph with a link and a copy button). Returns `show(streamName)`,
 * which fills it in, or hides it without a stream name.
 */
export function viewerLink(box) {
  const link = box.querySelector('a');
  const button = box.querySelector('button');
  button.addEventListener('click', () => copyText(link.href, button));
  return (streamName) => {
    box.hidden = !streamName;
    if (!streamName) return;
    link.href = watchUrl(streamName);
    link.textContent = link.href;
  };
}
