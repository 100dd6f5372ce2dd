/**
 * Runs the pre-iframe core (early-meeting.ts) for each `<nano-meet>` of a document until the element's own code has
 * arrived: those already there, those added later, and those whose token attribute is set later. `<nano-meet>`
 * elements inside other shadow roots are not seen; they open their meeting once the element is defined.
 */
import { openEarlyMeeting } from './early-meeting.js';
import { addPlaceholderSizes } from './early-sheets.js';

/** Starts watching `doc`; returns the way to stop (once the elements are defined, they open their meetings). */
export function watchEarlyMeetings(doc: Document): () => void {
  addPlaceholderSizes(doc);
  const open = (element: Element) => void openEarlyMeeting(element);
  for (const element of doc.getElementsByTagName('nano-meet')) open(element);
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') open(record.target as Element);
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        open(node);
        for (const element of node.getElementsByTagName('nano-meet')) open(element);
      }
    }
  });
  observer.observe(doc, { childList: true, subtree: true, attributeFilter: ['token'] });
  return () => observer.disconnect();
}
