/**
 * axe-core in the test page: the WCAG 2.2 A and AA rules, into shadow roots (axe's default), not into the
 * meeting's iframe (Jitsi's page, on another origin, is not nano-meet's to check; axe would wait for it in vain).
 */
import type { AxeResults, ElementContext, Result } from 'axe-core';

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeGlobal {
  run(context: ElementContext, options: object): Promise<AxeResults>;
}

async function loadAxe(): Promise<AxeGlobal> {
  // axe.min.js is a script that sets window.axe, not a module with exports.
  await import('axe-core/axe.min.js' as string);
  return (window as unknown as { axe: AxeGlobal }).axe;
}

/** One line per failing node: the rule, what it wants, where. */
function describe(violations: Result[]): string[] {
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) => `${violation.id} (${violation.help}) at ${JSON.stringify(node.target)}: ${node.failureSummary}`,
    ),
  );
}

/**
 * The WCAG 2.2 AA violations axe finds in `context` (an element, its shadow DOM included, or the document), and
 * the text whose contrast axe could not decide. Those "incomplete" results are failures here, not left aside:
 * axe cannot decide when text lies on a video, an image or a translucent layer, which is exactly where a bright
 * frame makes it unreadable (text on the playout's dimmed last frame hid that way). nano-meet's elements put
 * their text on an opaque backdrop its colour was checked against, so axe can always decide; should a design
 * ever need text on a picture, it must prove its contrast some other way rather than pass unseen.
 */
export async function axeViolations(context: ElementContext = document): Promise<string[]> {
  const axe = await loadAxe();
  const results = await axe.run(context, { runOnly: { type: 'tag', values: WCAG_22_AA }, iframes: false });
  const undecidedContrast = results.incomplete.filter((result) => result.id === 'color-contrast');
  return [...describe(results.violations), ...describe(undecidedContrast).map((line) => `undecided: ${line}`)];
}
