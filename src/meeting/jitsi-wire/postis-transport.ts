/**
 * The postis envelope and handshake between the host page and the meeting iframe (docs/jitsi/wire.md §3).
 *
 * Every message is a JSON string `{postis:true, scope, method, params}`. Until the page has echoed one of our
 * `__ready__` pings, sends other than `__ready__` are buffered, then flushed in order.
 *
 * Stricter than Jitsi, on purpose:
 * - Outgoing messages (but the `__ready__` pings) name the meeting origin as target, not `'*'`. If the frame has been navigated elsewhere
 *   (a redirect, or a page that hijacked it), commands such as `password`, chat text or an E2EE key are not
 *   delivered to a stranger. Nothing is lost by it: replies from any other origin are dropped anyway, so a
 *   client could never work with such a page.
 * - Incoming messages must also come from the frame's own window (`event.source`), so another frame of the
 *   same origin cannot speak for this meeting.
 */

/** How to reach the meeting page. */
export interface PostisTransportOptions {
  /** The meeting frame's window, read at each send (it is `null` once the iframe has left the document). */
  frameWindow: () => Window | null;
  /** The meeting page's origin, e.g. `https://meet.example.org`: the only one heard, and the send target. */
  origin: string;
  /** `jitsi_meet_external_api_<id>`: the page answers on the scope its URL told it. */
  scope: string;
  /** The window that receives the page's messages: the host page's own. */
  hostWindow: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  /** How often to ping until the page answers. Jitsi: 50 ms. */
  readyIntervalMs?: number;
}

/** Receives the `params` of every incoming message of one postis method. */
export type PostisListener = (params: unknown) => void;

const READY = '__ready__';

/** One postis channel to one meeting frame. */
export class PostisTransport {
  readonly #options: PostisTransportOptions;
  readonly #readyId = `${Date.now()}-${Math.random()}`;
  readonly #listeners = new Map<string, Set<PostisListener>>();
  #buffer: Array<[method: string, params: unknown]> = [];
  #ready = false;
  #disposed = false;
  #timer: ReturnType<typeof setInterval> | undefined;

  /** Starts listening and pinging at once: the page may answer as soon as it loads. */
  constructor(options: PostisTransportOptions) {
    this.#options = options;
    options.hostWindow.addEventListener('message', this.#onMessage);
    this.#timer = setInterval(() => this.#post(READY, this.#readyId), options.readyIntervalMs ?? 50);
  }

  /** True once the page has echoed our handshake; from then on sends go out directly. */
  get isReady(): boolean {
    return this.#ready;
  }

  /** Sends `params` under `method`, or buffers it until the handshake is done. Does nothing once disposed. */
  send(method: string, params: unknown): void {
    if (this.#disposed) return;
    if (this.#ready || method === READY) this.#post(method, params);
    else this.#buffer.push([method, params]);
  }

  /** Calls `listener` with the params of each valid incoming message of `method`. Returns the unsubscribe. */
  listen(method: string, listener: PostisListener): () => void {
    let set = this.#listeners.get(method);
    if (!set) this.#listeners.set(method, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Stops pinging and listening and drops anything still buffered. */
  dispose(): void {
    this.#disposed = true;
    this.#ready = false;
    clearInterval(this.#timer);
    this.#buffer = [];
    this.#listeners.clear();
    this.#options.hostWindow.removeEventListener('message', this.#onMessage);
  }

  #post(method: string, params: unknown): void {
    const target = this.#options.frameWindow();
    if (!target) {
      // Postis keeps what it cannot deliver; a ping is simply repeated by the timer.
      if (method !== READY) this.#buffer.push([method, params]);
      return;
    }
    // Pings start while the frame still shows its initial about:blank, whose origin is ours: targeted at the
    // meeting origin they would be refused with a console error each. A ping carries only a random id.
    const targetOrigin = method === READY ? '*' : this.#options.origin;
    target.postMessage(JSON.stringify({ postis: true, scope: this.#options.scope, method, params }), targetOrigin);
  }

  readonly #onMessage = (event: MessageEvent): void => {
    if (event.origin !== this.#options.origin || event.source !== this.#options.frameWindow()) return;
    if (typeof event.data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const { postis, scope, method, params } = message as Record<string, unknown>;
    if (!postis || scope !== this.#options.scope || typeof method !== 'string') return;
    if (method === READY) this.#onReady(params);
    for (const listener of [...(this.#listeners.get(method) ?? [])]) {
      try {
        listener(params);
      } catch (error) {
        // One broken listener must not silence the others or this transport; the error still reaches the console.
        reportListenerError(error);
      }
    }
  };

  #onReady(params: unknown): void {
    if (params !== this.#readyId) {
      // The page's own handshake: it becomes ready when it hears its id back.
      this.#post(READY, params);
      return;
    }
    if (this.#ready) return;
    this.#ready = true;
    clearInterval(this.#timer);
    const buffered = this.#buffer;
    this.#buffer = [];
    for (const [method, params] of buffered) this.#post(method, params);
  }
}

/** Reports a listener's error like an uncaught one (console, `window.onerror`) without unwinding the caller. */
export function reportListenerError(error: unknown): void {
  if (typeof reportError === 'function') reportError(error);
  else
    setTimeout(() => {
      throw error;
    });
}
