/**
 * The postis envelope and handshake between the host page and the meeting iframe (docs/jitsi/wire.md §3), for
 * either side: the host's IFrame client talks to the meeting frame through it, and the sandbox's meeting page
 * talks back to its host through the very same class.
 *
 * Every message is a JSON string `{postis:true, scope, method, params}`. Each side pings `__ready__` with an id of
 * its own and echoes the other's; until its own id comes back, sends other than `__ready__` are buffered, then
 * flushed in order.
 *
 * Stricter than Jitsi, on purpose:
 * - Outgoing messages name the peer's origin as target, not `'*'`, whenever it is known. If the frame has been
 *   navigated elsewhere (a redirect, or a page that hijacked it), commands such as `password`, chat text or an
 *   E2EE key are not delivered to a stranger. Nothing is lost by it: replies from any other origin are dropped
 *   anyway, so a client could never work with such a page.
 * - Incoming messages must come from the peer's own window (`event.source`), so another frame of the same origin
 *   cannot speak for it; oversized messages are dropped unread, and the buffer before the handshake is bounded.
 */
/** The other side's window, as far as sending goes. */
export interface PostisPeer {
  postMessage(message: string, targetOrigin: string): void;
}

/** Where the other side's messages arrive: this side's own window. */
export interface PostisInbox {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** How to reach the other side. */
export interface PostisTransportOptions {
  /** The other side's window, read at each send (the meeting frame's is `null` once the iframe has left). */
  peer: () => PostisPeer | null;
  /**
   * The other side's origin, e.g. `https://meet.example.org`: the only one heard, and the send target. Undefined
   * when it cannot be known (a meeting page whose browser has no `ancestorOrigins`): then only the window counts.
   */
  peerOrigin: string | undefined;
  /** `jitsi_meet_external_api_<id>`: the page answers on the scope its URL told it. */
  scope: string;
  /** The window that receives the other side's messages: this side's own. */
  ownWindow: PostisInbox;
  /**
   * Pings go to any origin: the host's do, because they start while the frame still shows its initial
   * `about:blank`, whose origin is the host's own; targeted at the meeting they would each log a console error.
   * A ping carries only a random id.
   */
  pingAnyOrigin?: boolean;
  /** How often to ping until the other side answers. Jitsi: 50 ms. */
  readyIntervalMs?: number;
}

/** Receives the `params` of every incoming message of one postis method. */
export type PostisListener = (params: unknown) => void;

const READY = '__ready__';
/** Nothing legitimate is this large; parsing a flood of huge strings would only stall the page. */
const MAX_MESSAGE_CHARS = 1_000_000;
/** Messages held until the handshake; a side that never answers must not grow the other without end. */
const MAX_BUFFERED = 10_000;

/** One postis channel to one peer window. */
export class PostisTransport {
  readonly #options: PostisTransportOptions;
  readonly #readyId = `${Date.now()}-${Math.random()}`;
  readonly #listeners = new Map<string, Set<PostisListener>>();
  #buffer: Array<[method: string, params: unknown]> = [];
  #ready = false;
  #disposed = false;
  #timer: ReturnType<typeof setInterval> | undefined;

  /** Starts listening and pinging at once: the other side may answer as soon as it loads. */
  constructor(options: PostisTransportOptions) {
    this.#options = options;
    options.ownWindow.addEventListener('message', this.#onMessage);
    const ping = () => this.#post(READY, this.#readyId);
    ping();
    this.#timer = setInterval(ping, options.readyIntervalMs ?? 50);
  }

  /** True once the other side has echoed our handshake; from then on sends go out directly. */
  get isReady(): boolean {
    return this.#ready;
  }

  /** Sends `params` under `method`, or buffers it until the handshake is done. Does nothing once disposed. */
  send(method: string, params: unknown): void {
    if (this.#disposed) return;
    if (this.#ready || method === READY) this.#post(method, params);
    else this.#hold(method, params);
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
    this.#options.ownWindow.removeEventListener('message', this.#onMessage);
  }

  #hold(method: string, params: unknown): void {
    if (this.#buffer.length < MAX_BUFFERED) this.#buffer.push([method, params]);
  }

  #post(method: string, params: unknown): void {
    const target = this.#options.peer();
    if (!target) {
      // Postis keeps what it cannot deliver; a ping is simply repeated by the timer.
      if (method !== READY) this.#hold(method, params);
      return;
    }
    const { peerOrigin, pingAnyOrigin } = this.#options;
    // An unknown or opaque origin ('null') cannot be a target; '*' is what postis itself always uses.
    const known = peerOrigin !== undefined && peerOrigin !== 'null';
    const targetOrigin = known && !(method === READY && pingAnyOrigin) ? peerOrigin : '*';
    try {
      target.postMessage(JSON.stringify({ postis: true, scope: this.#options.scope, method, params }), targetOrigin);
    } catch {
      // A peer that went away (or navigated) cannot be told anything; this side carries on.
    }
  }

  readonly #onMessage = (event: MessageEvent): void => {
    const { peer, peerOrigin, scope: ownScope } = this.#options;
    if (event.source !== (peer() as unknown) || (peerOrigin !== undefined && event.origin !== peerOrigin)) return;
    if (typeof event.data !== 'string' || event.data.length > MAX_MESSAGE_CHARS) return;
    let message: unknown;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const { postis, scope, method, params } = message as Record<string, unknown>;
    if (!postis || scope !== ownScope || typeof method !== 'string') return;
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
      // The other side's own handshake: it becomes ready when it hears its id back.
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
