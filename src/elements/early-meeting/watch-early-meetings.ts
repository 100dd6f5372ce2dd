/**
 * Runs the pre-iframe core (early-meeting.ts) for each `<nano-meet>` of a document until the element's own code has
 * arrived: those already there, those added later, and those whose own attributes that decide the meeting change
 * (EARLY_ATTRIBUTES; the core then does what the element would: closes the meeting it opened and opens the one now
 * asked for). An element taken off the page loses its early meeting, as the element closes its own. Not followed: a
 * `lang` set later on the element or around it, and the page's allowed-servers meta tag changed later; the element
 * compares the early iframe with its own on arrival and replaces it if they differ. `<nano-meet>` elements inside
 * other shadow roots are not seen; they open their meeting once the element is defined.
 */
import { EARLY_ATTRIBUTES } from './early-attributes.js';
import { closeEarlyMeeting, openEarlyMeeting } from './early-meeting.js';
import { addPlaceholderSizes } from './early-sheets.js';

/** Starts watching `doc`; returns the way to stop (once the elements are defined, they open their meetings). */
export function watchEarlyMeetings(doc: Document): () => void {
  const open = (element: Element) => void openEarlyMeeting(element);
  for (const element of doc.getElementsByTagName('nano-meet')) open(element);
  // After the iframes, whose loads start as they are put up; nothing is laid out before this task ends.
  addPlaceholderSizes(doc);
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') open(record.target as Element);
      for (const node of record.removedNodes) {
        // Moved rather than removed, it is open again below, if its settings are not those it was opened with.
        if (node instanceof Element && !node.isConnected) meetingsIn(node).forEach(closeEarlyMeeting);
      }
      for (const node of record.addedNodes) if (node instanceof Element) meetingsIn(node).forEach(open);
    }
  });
  observer.observe(doc, { childList: true, subtree: true, attributeFilter: [...EARLY_ATTRIBUTES] });
  return () => observer.disconnect();
}

/** `node` and the `<nano-meet>` elements inside it. */
function meetingsIn(node: Element): Element[] {
  return [node, ...node.getElementsByTagName('nano-meet')];
}
