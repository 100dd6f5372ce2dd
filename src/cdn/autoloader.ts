/**
 * Defines each element when the page first uses its tag: a page with only `<nano-meet>` never downloads the playout,
 * a viewer's page never the meeting. The CDN builds fetch each element's file from next to the entry
 * (rollup.config.mjs), with the chunk the element files share. Until then the placeholder sizes keep the elements'
 * boxes (src/elements/early-meeting/early-sheets.ts), so nothing moves when they upgrade.
 *
 * Tags are looked for in the document, as it is and as it changes; a page that puts nano-meet elements into a
 * shadow root of its own passes that root to {@link discover}, or calls {@link loadElement}.
 */
import { loadOnce } from '../shared/load-once.js';

const ELEMENT_MODULES = {
  'nano-meet': loadOnce(() => import('../elements/nano-meet.js')),
  'nano-meet-broadcast-button': loadOnce(() => import('../elements/nano-meet-broadcast-button.js')),
  'nano-meet-playout': loadOnce(() => import('../elements/nano-meet-playout.js')),
} satisfies Record<string, () => Promise<unknown>>;

/** A tag the autoloader defines. */
export type AutoloadedTag = keyof typeof ELEMENT_MODULES;

const TAGS = Object.keys(ELEMENT_MODULES) as AutoloadedTag[];
const observed = new WeakSet<Node>();
let observer: MutationObserver | undefined;

/** Fetches and defines the element `tag`; resolves with its class once defined. */
export async function loadElement(tag: AutoloadedTag): Promise<CustomElementConstructor> {
  if (!ELEMENT_MODULES[tag]) throw new TypeError(`nano-meet: no element <${String(tag)}> to load`);
  await ELEMENT_MODULES[tag]();
  return customElements.whenDefined(tag);
}

/**
 * Defines the elements used in `root` and, from now on, those added to it. The CDN entries watch the document
 * from the start (start-on-page.ts).
 */
export function discover(root: Document | DocumentFragment | Element): void {
  defineUsedIn(root);
  if (everyTagDefined() || observed.has(root)) return;
  observed.add(root);
  observer ??= new MutationObserver(onMutations);
  observer.observe(root, { childList: true, subtree: true });
}

function onMutations(records: MutationRecord[]): void {
  for (const record of records) {
    for (const node of record.addedNodes) if (node instanceof Element) defineUsedIn(node);
  }
  // Everything is defined: nothing is left to look for.
  if (everyTagDefined()) observer?.disconnect();
}

const everyTagDefined = () => TAGS.every((tag) => customElements.get(tag));

function defineUsedIn(root: Document | DocumentFragment | Element): void {
  for (const tag of TAGS) {
    const used = (root instanceof Element && root.localName === tag) || root.querySelector(tag) !== null;
    if (!used || customElements.get(tag)) continue;
    loadElement(tag).catch((error: unknown) => {
      // The element keeps its placeholder; the next time the tag is added to the page, it is asked for again (which a
      // browser that keeps a failed module fetch refuses at once: rollup.config.mjs, IMPORT_FROM_BESIDE).
      console.error(`nano-meet: <${tag}> could not be loaded (is the whole dist/cdn/ folder served?)`, error);
    });
  }
}
