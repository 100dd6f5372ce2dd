/**
 * A value the page set on `<nano-meet>`, for a sentence: as JSON where it can be (`String()` of some objects throws),
 * else its type.
 */
export function shownValue(value: unknown): string {
  let shown: string | undefined;
  try {
    shown = JSON.stringify(value);
  } catch {
    // A BigInt, a cycle, a toJSON that throws.
  }
  // A long list would drown the sentence.
  return (shown ?? typeof value).slice(0, 80);
}
