/**
 * `load`, run once: later callers share its promise. A failed load (a chunk the network lost) is not kept:
 * the next caller loads again.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
