/**
 * The sizes and look of the elements before their own code (and Lit) has arrived, as constructable style sheets:
 * pages run under a strict CSP, which refuses `<style>` elements and style attributes, not these.
 * They repeat the elements' own `:host` rules (nano-meet.styles.ts, playout.styles.ts), so that nothing on the
 * page moves when the elements upgrade; test/package/cdn-early-meeting.test.ts measures it.
 */

/** Tags not defined yet take the size they will have; the page's own CSS wins (`:where` weighs nothing). */
const PLACEHOLDERS = `
:where(nano-meet:not(:defined)){display:block;position:relative;min-height:240px}
:where(nano-meet-playout:not(:defined)){display:block;position:relative;aspect-ratio:16/9}`;

/** The shadow root the early iframe is in, until the element's styles replace this sheet. */
const EARLY_MEETING = `
:host{display:block;position:relative;min-height:240px;overflow:hidden;contain:content;
background-color:var(--nano-meet-background,#101418)}
:host([hidden]){display:none}
.meeting{position:absolute;inset:0;width:100%;height:100%;border:0}`;

function sheet(text: string): CSSStyleSheet {
  const styles = new CSSStyleSheet();
  styles.replaceSync(text);
  return styles;
}

let placeholders: CSSStyleSheet | undefined;
let earlyMeeting: CSSStyleSheet | undefined;

/** Adds the placeholder sizes to `doc`, once. */
export function addPlaceholderSizes(doc: Document): void {
  placeholders ??= sheet(PLACEHOLDERS);
  if (!doc.adoptedStyleSheets.includes(placeholders))
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, placeholders];
}

/** The sheet of an early meeting's shadow root. */
export function earlyMeetingSheet(): CSSStyleSheet {
  return (earlyMeeting ??= sheet(EARLY_MEETING));
}
