/**
 * Which language an element speaks, and hearing when that changes: its own `lang`, else the nearest ancestor's
 * (across shadow roots, to their hosts), else the document's, else English. One MutationObserver per document,
 * watching only `lang` attributes, serves every element; it stops when the last element stops listening.
 * A `lang` changed inside another component's shadow root is not observed (the language is read again at the
 * element's next render).
 */

/** The language `element` is in: `lang` of it or its nearest ancestor that has a non-empty one, else `en`. */
export function languageOf(element: Element): string {
  return declaredLanguageOf(element) ?? 'en';
}

/**
 * The language the page declared for `element` (its own `lang`, an ancestor's, the document's), or undefined
 * when it declared none: a meeting is then left to pick its own (Jitsi follows the browser).
 */
export function declaredLanguageOf(element: Element): string | undefined {
  // An element may keep `lang` as a property of its own (without the attribute): that one first.
  const own = (element as Partial<HTMLElement>).lang;
  if (own) return own;
  let node: Element | null = element;
  while (node) {
    const found = node.closest('[lang]:not([lang=""])');
    if (found) return found.getAttribute('lang')!;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return undefined;
}

const watchers = new WeakMap<Document, { observer: MutationObserver; listeners: Set<() => void> }>();

/** Calls `listener` after any `lang` attribute in `doc` changed; returns the unsubscribe. */
export function watchLanguages(doc: Document, listener: () => void): () => void {
  let watcher = watchers.get(doc);
  if (!watcher) {
    const listeners = new Set<() => void>();
    const observer = new MutationObserver(() => listeners.forEach((each) => each()));
    observer.observe(doc, { attributes: true, attributeFilter: ['lang'], subtree: true });
    watcher = { observer, listeners };
    watchers.set(doc, watcher);
  }
  const { observer, listeners } = watcher;
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    observer.disconnect();
    watchers.delete(doc);
  };
}

/** The number of elements listening in `doc` (for the tests: elements that left the page must not count). */
export function languageListeners(doc: Document): number {
  return watchers.get(doc)?.listeners.size ?? 0;
}
