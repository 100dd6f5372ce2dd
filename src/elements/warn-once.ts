/** Hints already logged on this page. */
const warned = new Set<string>();

/**
 * Tells the page's developer what to change, in the console, once per page however many elements have the
 * same problem: viewers read a short sentence on the element instead, and programs the error event's detail.
 */
export function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(message);
}
