/**
 * Follows the element an id names, the way `<label for>` does, while elements come and go: the element that
 * carries the id may be added after the host, replaced by another, renamed or removed, and the host must
 * follow each of these without polling.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface IdReferenceOptions<Target extends Element> {
  /** The id to follow; empty for none. Read on connect and on `refresh()`. */
  id: () => string;
  /** Whether the element carrying the id is one the host can use. */
  accept: (element: Element) => element is Target;
  /** Called when the target changes, to an element or to none. */
  changed: (target: Target | undefined) => void;
}

/** What the observer watches: elements added or removed anywhere below a root, and ids set or changed. */
const WATCH: MutationObserverInit = { childList: true, subtree: true, attributes: true, attributeFilter: ['id'] };

/**
 * Resolves an id in the host's tree (its shadow root, then the document, so that a control inside a component
 * can name a meeting on the page) and keeps it resolved with one MutationObserver per connected host. The
 * observer exists only while the host is connected and has an id to follow, so mounting and unmounting a host
 * any number of times leaves nothing behind.
 */
export class IdReference<Target extends Element> implements ReactiveController {
  readonly #host: ReactiveControllerHost & Element;
  readonly #options: IdReferenceOptions<Target>;
  #observer?: MutationObserver;
  #target?: Target;

  constructor(host: ReactiveControllerHost & Element, options: IdReferenceOptions<Target>) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The element the id names, if it is connected and accepted. */
  get target(): Target | undefined {
    return this.#target;
  }

  hostConnected(): void {
    this.refresh();
  }

  hostDisconnected(): void {
    this.#stop();
    this.#settle(undefined);
  }

  /** Resolves the id again, and starts or stops watching; call it when the id changes. */
  refresh(): void {
    if (!this.#options.id() || !this.#host.isConnected) {
      this.#stop();
      this.#settle(undefined);
      return;
    }
    this.#start();
    this.#resolve();
  }

  /** The trees the id is looked up in, nearest first. */
  #roots(): (Document | ShadowRoot)[] {
    const root = this.#host.getRootNode();
    return root instanceof ShadowRoot ? [root, this.#host.ownerDocument] : [this.#host.ownerDocument];
  }

  #start() {
    // A host only changes trees by being disconnected, which stops the observer, so its roots stay valid.
    if (this.#observer) return;
    this.#observer = new MutationObserver(() => this.#resolve());
    for (const root of this.#roots()) this.#observer.observe(root, WATCH);
  }

  #stop() {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }

  #resolve() {
    const id = this.#options.id();
    // The nearest tree that has the id decides, as `getElementById` in that tree would.
    const found = this.#roots()
      .map((root) => root.getElementById(id))
      .find((element) => element !== null);
    this.#settle(found && this.#options.accept(found) ? found : undefined);
  }

  #settle(target: Target | undefined) {
    if (target === this.#target) return;
    this.#target = target;
    this.#options.changed(target);
  }
}
