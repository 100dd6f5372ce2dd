/**
 * The meeting page's side of Jitsi's postMessage transport (postis, docs/jitsi/wire.md §3–§4): the handshake,
 * commands and requests from the host page's `external_api.js`, and events and responses back to it.
 */
import { PostisTransport, type PostisInbox, type PostisPeer } from '../../meeting/jitsi-wire/postis-transport.js';
import type { WireEvent } from '../protocol/page-protocol.js';
import { isObject } from '../../shared/json-checks.js';

/** The `data` of a transport request: `{name, ...fields}`. */
export interface HostRequest {
  name: string;
  [field: string]: unknown;
}

/** The window the bridge talks to: in the page, `window.opener || window.parent`. */
export type HostWindow = PostisPeer;

/** Where the host's messages arrive: in the page, its own `window`. */
export type MessageTarget = PostisInbox;

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

const TRANSPORT_METHOD = 'message';
/** Request ids remembered to answer each exactly once; the API's ids only grow, so old ones can go. */
const MAX_REMEMBERED_IDS = 10_000;

/** What a rejected request sends as `error`: an `Error` would serialise to `{}`, so keep its message. */
function errorPayload(error: unknown): unknown {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return error === undefined ? {} : error;
}

/**
 * One page's connection to its host, over the same postis transport the host's IFrame client uses: the
 * handshake, the envelope and the checks of who may speak are that module's; this one reads commands and
 * requests out of the `message` method and answers each request exactly once.
 */
export class HostBridge {
  /** `jitsi_meet_external_api_<id>`: both sides ignore messages of any other scope. */
  readonly scope: string;
  readonly #options: HostBridgeOptions;
  #transport: PostisTransport | undefined;
  /** Events sent before `start()`: the transport only exists once the page listens. */
  #early: WireEvent[] = [];
  readonly #requestIds = new Set<number>();
  #disposed = false;

  constructor(options: HostBridgeOptions) {
    this.#options = options;
    this.scope = `jitsi_meet_external_api_${options.apiId}`;
  }

  /** Whether the host has answered the page's handshake (messages are no longer buffered). */
  get handshakeDone(): boolean {
    return this.#transport?.isReady ?? false;
  }

  /** Starts listening and pinging. */
  start(): void {
    if (this.#transport || this.#disposed) return;
    const { host, hostOrigin, self, pingIntervalMs } = this.#options;
    const transport = new PostisTransport({
      peer: () => host,
      peerOrigin: hostOrigin,
      scope: this.scope,
      ownWindow: self,
      ...(pingIntervalMs !== undefined && { readyIntervalMs: pingIntervalMs }),
    });
    this.#transport = transport;
    transport.listen(TRANSPORT_METHOD, (params) => {
      if (isObject(params)) this.#onTransport(params);
    });
    for (const event of this.#early.splice(0)) this.send(event);
  }

  /** Posts one event (`{type:'event', data:{name, ...payload}}`); buffered until the handshake. */
  send(event: WireEvent): void {
    if (this.#disposed) return;
    if (!this.#transport) {
      this.#early.push(event);
      return;
    }
    const { name, ...payload } = event;
    this.#transport.send(TRANSPORT_METHOD, { type: 'event', data: { name, ...payload } });
  }

  /** Stops listening and pinging, and forgets anything still buffered. */
  dispose(): void {
    this.#disposed = true;
    this.#early = [];
    this.#transport?.dispose();
  }

  #onTransport(params: Record<string, unknown>): void {
    const { type, data } = params;
    if (type === 'event' && isObject(data) && typeof data['name'] === 'string' && Array.isArray(data['data'])) {
      try {
        this.#options.onCommand(data['name'], data['data']);
      } catch {
        // As in Jitsi's page, a command that fails does nothing, and the host hears nothing of it.
      }
    } else if (type === 'request' && typeof params['id'] === 'number') {
      this.#answer(params['id'], data);
    }
  }

  #answer(id: number, data: unknown): void {
    if (this.#requestIds.has(id)) return;
    this.#requestIds.add(id);
    if (this.#requestIds.size > MAX_REMEMBERED_IDS) this.#requestIds.delete(this.#requestIds.values().next().value!);
    // A request without a usable name is an unknown request: the handler answers it like any other.
    const request: HostRequest =
      isObject(data) && typeof data['name'] === 'string' ? (data as HostRequest) : { name: '' };
    let pending: Promise<unknown>;
    try {
      pending = Promise.resolve(this.#options.onRequest(request));
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (result) => this.#transport?.send(TRANSPORT_METHOD, { type: 'response', id, result }),
      (error: unknown) => this.#transport?.send(TRANSPORT_METHOD, { type: 'response', id, error: errorPayload(error) }),
    );
  }
}
