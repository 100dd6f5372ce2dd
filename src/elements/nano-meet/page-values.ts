/**
 * Values a page set on `<nano-meet>`'s properties, as the element compares them and names them in its sentences
 * (server-settings.ts reads them).
 */

/** Whether two `allowedServers` values are the same list: a framework passes a new array at each render. */
export function sameServerList(value: unknown, old: unknown): boolean {
  return (
    Object.is(value, old) ||
    (Array.isArray(value) &&
      Array.isArray(old) &&
      value.length === old.length &&
      value.every((server, index) => Object.is(server, old[index])))
  );
}

/** A value the page set, for a sentence: as JSON where it can be (`String()` of some objects throws), else its type. */
export function shownValue(value: unknown): string {
  let shown: string | undefined;
  try {
    shown = JSON.stringify(value);
  } catch {
    // A BigInt, a cycle, a toJSON that throws.
  }
  shown ??= typeof value;
  return shown.length > 80 ? `${shown.slice(0, 79)}…` : shown;
}
