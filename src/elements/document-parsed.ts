/**
 * Whether the page's own scripts have had their turn: the document is parsed and its deferred and module
 * scripts have run, which is when `DOMContentLoaded` fires. Before that, an attribute the page's next script
 * will set is not missing, only not set yet: an element defined by a module script upgrades, and updates, in
 * the microtasks between that script and the page's next one.
 */
export function documentParsed(document: Document): boolean {
  if (document.readyState === 'loading') return false;
  if (document.readyState === 'complete') return true;
  // `interactive` covers both "deferred scripts are running" and "DOMContentLoaded has fired": the
  // navigation timing tells them apart (a document without one, such as about:blank, counts as parsed).
  const [navigation] = document.defaultView?.performance.getEntriesByType('navigation') ?? [];
  return !navigation || (navigation as PerformanceNavigationTiming).domContentLoadedEventStart > 0;
}

/** Resolves once {@link documentParsed} is true. */
export function whenDocumentParsed(document: Document): Promise<void> {
  if (documentParsed(document)) return Promise.resolve();
  return new Promise((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}
