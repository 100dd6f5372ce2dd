/**
 * The meeting page's side of Jitsi's postMessage transport (postis, docs/jitsi/wire.md §3–§4): the handshake,
 * commands and requests from the host page's `external_api.js`, and events and responses back to it.
 */
import type { WireEvent } from '../server/page-protocol.js';
import { isObject } from '../../shared/json-checks.js';

/** The `data` of a transport request: `{name, ...fields}`. */
export interface HostRequest {
  name: string;
  [field: string]: unknown;
}

/** The window the bridge talks to: in the page, `window.opener || window.parent`. */
export interface HostWindow {
  postMessage(message: string, targetOrigin: string): void;
}

/** Where the host's messages arrive: in the page, its own `window`. */
export interface MessageTarget {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export interface HostBridgeOptions {
  /** `jitsi_meet_external_api_id` from the hash: names the postis scope. */
  apiId: number;
  host: HostWindow;
  /** The page's own window, which receives the host's messages. */
  self: MessageTarget;
  /** The host's origin when the browser tells it (`location.ancestorOrigins[0]`), otherwise undefined. */
  hostOrigin: string | undefined;
  /** A command (`executeCommand`): its wire name and positional arguments. Errors are swallowed. */
  onCommand(name: string, args: unknown[]): void;
  /** A request; whatever it resolves to is the `result`, a rejection becomes the `error`. */
  onRequest(data: HostRequest): unknown;
  /** How often the page repeats its own `__ready__` until the host echoes it (postis: 50 ms). */
  pingIntervalMs?: number;
}

const READY_METHOD = '__ready__';
const TRANSPORT_METHOD = 'message';
/** Nothing legitimate is this large; parsing a flood of huge strings would only stall the page. */
const MAX_MESSAGE_CHARS = 1_000_000;
/** Messages held until the handshake; a host that never answers must not grow the page without end. */
const MAX_BUFFERED = 10_000;
/** Request ids remembered to answer each exactly once; the API's ids only grow, so old ones can go. */
const MAX_REMEMBERED_IDS = 10_000;

/** What a rejected request sends as `error`: an `Error` would serialise to `{}`, so keep its message. */
function errorPayload(error: unknown): unknown {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return error === undefined ? {} : error;
}

/**
 * One page's connection to its host. Until the host has echoed the page's own `__ready__`, everything but
 * the handshake is buffered and then flushed in order, as postis does; the host's `__ready__` pings are
 * echoed at once, or the host would never send a command.
 */
export class HostBridge {
  /** `jitsi_meet_external_api_<id>`: both sides ignore messages of any other scope. */
  readonly scope: string;
  readonly #options: HostBridgeOptions;
  readonly #readyId = `${Date.now()}-${Math.random()}`;
  #handshakeDone = false;
  #buffer: string[] = [];
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  readonly #requestIds = new Set<number>();
  #started = false;
  #disposed = false;

  constructor(options: HostBridgeOptions) {
    this.#options = options;
    this.scope = `jitsi_meet_external_api_${options.apiId}`;
  }

  /** Whether the host has answered the page's handshake (messages are no longer buffered). */
  get handshakeDone(): boolean {
    return this.#handshakeDone;
  }

  /** Starts listening and pinging. */
  start(): void {
    if (this.#started || this.#disposed) return;
    this.#started = true;
    this.#options.self.addEventListener('message', this.#onMessage);
    this.#ping();
    this.#pingTimer = setInterval(this.#ping, this.#options.pingIntervalMs ?? 50);
  }

  /** Posts one event (`{type:'event', data:{name, ...payload}}`); buffered until the handshake. */
  send(event: WireEvent): void {
    const { name, ...payload } = event;
    this.#post(TRANSPORT_METHOD, { type: 'event', data: { name, ...payload } });
  }

  /** Stops listening and pinging, and forgets anything still buffered. */
  dispose(): void {
    this.#disposed = true;
    clearInterval(this.#pingTimer);
    this.#options.self.removeEventListener('message', this.#onMessage);
    this.#buffer = [];
  }

  readonly #ping = (): void => {
    this.#post(READY_METHOD, this.#readyId);
  };

  #post(method: string, params: unknown): void {
    if (this.#disposed) return;
    const message = JSON.stringify({ postis: true, scope: this.scope, method, params });
    if (method !== READY_METHOD && !this.#handshakeDone) {
      if (this.#buffer.length < MAX_BUFFERED) this.#buffer.push(message);
      return;
    }
    this.#postNow(message);
  }

  #postNow(message: string): void {
    const origin = this.#options.hostOrigin;
    try {
      // An opaque host origin ('null') cannot be a target; '*' is what postis itself always uses.
      this.#options.host.postMessage(message, origin && origin !== 'null' ? origin : '*');
    } catch {
      // A host that went away (or navigated) cannot be told anything; the page carries on.
    }
  }

  readonly #onMessage = (event: MessageEvent): void => {
    try {
      this.#receive(event);
    } catch {
      // Whatever the host sends, the page never fails because of it.
    }
  };

  #receive(event: MessageEvent): void {
    // Only the embedding window speaks for the host: sibling frames or popups could otherwise drive the meeting.
    if (event.source !== (this.#options.host as unknown)) return;
    // Without `ancestorOrigins` (Firefox) the page cannot know the host's origin, so the source check above
    // is all there is; where the origin is known it must match too.
    const { hostOrigin } = this.#options;
    if (hostOrigin !== undefined && event.origin !== hostOrigin) return;
    if (typeof event.data !== 'string' || event.data.length > MAX_MESSAGE_CHARS) return;
    let message: unknown;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    if (!isObject(message) || !message['postis'] || message['scope'] !== this.scope) return;
    if (message['method'] === READY_METHOD) this.#onReady(message['params']);
    else if (message['method'] === TRANSPORT_METHOD && isObject(message['params'])) this.#onTransport(message['params']);
  }

  #onReady(params: unknown): void {
    if (params !== this.#readyId) {
      // The host's own ping: echo it unchanged, or the host never leaves its handshake.
      this.#post(READY_METHOD, params);
      return;
    }
    if (this.#handshakeDone) return;
    this.#handshakeDone = true;
    clearInterval(this.#pingTimer);
    for (const message of this.#buffer.splice(0)) this.#postNow(message);
  }

  #onTransport(params: Record<string, unknown>): void {
    const { type, data } = params;
    if (type === 'event' && isObject(data) && typeof data['name'] === 'string' && Array.isArray(data['data'])) {
      this.#options.onCommand(data['name'], data['data']);
    } else if (type === 'request' && typeof params['id'] === 'number') {
      this.#answer(params['id'], data);
    }
  }

  #answer(id: number, data: unknown): void {
    if (this.#requestIds.has(id)) return;
    this.#requestIds.add(id);
    if (this.#requestIds.size > MAX_REMEMBERED_IDS) this.#requestIds.delete(this.#requestIds.values().next().value!);
    // A request without a usable name is an unknown request: the handler answers it like any other.
    const request: HostRequest = isObject(data) && typeof data['name'] === 'string' ? (data as HostRequest) : { name: '' };
    let pending: Promise<unknown>;
    try {
      pending = Promise.resolve(this.#options.onRequest(request));
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (result) => this.#post(TRANSPORT_METHOD, { type: 'response', id, result }),
      (error: unknown) => this.#post(TRANSPORT_METHOD, { type: 'response', id, error: errorPayload(error) }),
    );
  }
}
