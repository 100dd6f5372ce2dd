/**
 * The Transport layer of Jitsi's IFrame API on top of postis (docs/jitsi/wire.md §4–§6, §10): commands, requests with
 * their responses, events, and what the events themselves ask of the host (the synthetic events, `localStorage`).
 * The participant state `external_api.js` keeps from the events is the sandbox's `external-api/participant-book.ts`.
 *
 * Everything that arrives is checked for shape first; junk is dropped without a trace, so a confused or hostile
 * page cannot make this client throw.
 */
import { CodedError } from '../../shared/coded-error.js';
import { MAX_LOCAL_STORAGE_CHARS } from './meeting-frame.js';
import { PostisTransport, reportListenerError } from './postis-transport.js';
import { eventPublicName, pageRequestPublicName, type JitsiEventName } from './wire-names.js';

/** An event's fields, without its `name`; `{}` for events that carry nothing. */
export type JitsiEventPayload = Record<string, unknown>;

/** The `data` of a request: its wire `name` and the request's own fields. */
export type JitsiRequestData = { name: string } & Record<string, unknown>;

/** Answers one page → host request: `respond(result)` or `respond(undefined, error)`. Only the first call counts. */
export type JitsiRespond = (result?: unknown, error?: unknown) => void;

/** Why a request failed on our side rather than the page's. */
export type JitsiRequestErrorCode =
  /** No answer within `requestTimeoutMs`. */
  | 'timeout'
  /** The client was disposed while the request was pending. */
  | 'disposed'
  /** The meeting server's own `external_api.js` (the external route) has no function for the request. */
  | 'unsupported';

/** A request that the page did not answer. Errors the page itself sends are passed through unchanged. */
export class JitsiRequestError extends CodedError<JitsiRequestErrorCode> {
  override readonly name = 'JitsiRequestError';
}

/** How the client talks to one meeting. */
export interface JitsiIframeClientOptions {
  /** The postis channel to the meeting frame. */
  transport: PostisTransport;
  /** The meeting iframe: removed from the document on `dispose()`. */
  frame?: HTMLIFrameElement;
  /** Reject requests unanswered after this long, with code `timeout`. Default: wait forever, as Jitsi does. */
  requestTimeoutMs?: number;
  /**
   * What `dispose()` does with pending requests. `'reject'` (default) rejects them with code `disposed`, so code
   * awaiting an answer from a meeting that is gone can finish and be collected instead of hanging forever.
   * `'abandon'` leaves them pending, as Jitsi does.
   */
  pendingOnDispose?: 'reject' | 'abandon';
  /** Called when the page sends `ready`, before anything else sees it (Jitsi's `options.onload`). */
  onload?: () => void;
  /** Whether this host can open Document Picture-in-Picture; sent to the page after `ready`. Default: no. */
  documentPiPCapable?: () => boolean;
  /** Where `local-storage-changed` is written (`jitsiLocalStorage`). Default: the host's `localStorage`. */
  storage?: Pick<Storage, 'setItem'> | null;
  /** Answers page → host requests (only `_requestDesktopSources` exists). Without it they get no answer. */
  onPageRequest?: (name: string, request: JitsiRequestData, respond: JitsiRespond) => void;
}

type Listener = (...args: never[]) => void;
interface Pending {
  resolve(value: unknown): void;
  reject(reason: unknown): void;
  timer?: ReturnType<typeof setTimeout>;
}

const ANY = Symbol('any event');
const WIRE = Symbol('wire event');

/** One meeting, as the host sees it through the IFrame API. */
export class JitsiIframeClient {
  readonly #options: JitsiIframeClientOptions;
  readonly #pending = new Map<number, Pending>();
  readonly #listeners = new Map<string | symbol, Set<Listener>>();
  #nextRequestId = 1;
  #disposed = false;

  /** Starts listening on `options.transport` at once. */
  constructor(options: JitsiIframeClientOptions) {
    this.#options = options;
    options.transport.listen('message', (params) => this.#onMessage(params));
  }

  /** Sends a command (or any host → page event) by wire name; `args` reach the page's handler as `...args`. */
  sendCommand(wireName: string, args: readonly unknown[] = []): void {
    this.#options.transport.send('message', { type: 'event', data: { data: args, name: wireName } });
  }

  /**
   * Sends a request and settles with the page's answer: resolves with `result` when it is defined (`false`, `0`
   * and `null` included), else rejects with `error`, else with `Error('Unexpected response format!')`.
   */
  sendRequest<T = unknown>(data: JitsiRequestData): Promise<T> {
    if (this.#disposed)
      return Promise.reject(
        new JitsiRequestError('disposed', `The meeting is closed; request "${data.name}" was not sent.`),
      );
    const id = this.#nextRequestId++;
    return new Promise<T>((resolve, reject) => {
      const pending: Pending = { resolve: resolve as (value: unknown) => void, reject };
      const timeoutMs = this.#options.requestTimeoutMs;
      if (timeoutMs !== undefined) {
        pending.timer = setTimeout(() => {
          this.#pending.delete(id);
          reject(
            new JitsiRequestError(
              'timeout',
              `The meeting did not answer "${data.name}" within ${timeoutMs} ms. Is the meeting page still loaded?`,
            ),
          );
        }, timeoutMs);
      }
      this.#pending.set(id, pending);
      this.#options.transport.send('message', { type: 'request', data, id });
    });
  }

  /** Listens to one public event (also `largeVideoChanged`, `prejoinVideoChanged`, `_willDispose`). */
  on(event: JitsiEventName, listener: (payload: JitsiEventPayload) => void): () => void {
    return this.#add(event, listener);
  }

  /** Listens to every public event, with its name: what an emitter re-emitting them all needs. */
  onAnyEvent(listener: (event: JitsiEventName, payload: JitsiEventPayload) => void): () => void {
    return this.#add(ANY, listener);
  }

  /**
   * Listens to every event on the wire, mapped or not, by wire name. These listeners hear an event before its
   * public listeners do, so state kept from the wire (`ParticipantBook`) is current when they read it.
   */
  onWireEvent(listener: (wireName: string, payload: JitsiEventPayload) => void): () => void {
    return this.#add(WIRE, listener);
  }

  /**
   * Ends this client: emits `_willDispose`, settles or abandons pending requests (see `pendingOnDispose`), stops
   * the transport and removes the iframe. Nothing is sent to the page, as with Jitsi.
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#emit('_willDispose', {});
    this.#disposed = true;
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      if (this.#options.pendingOnDispose !== 'abandon')
        pending.reject(new JitsiRequestError('disposed', 'The meeting was closed before it answered.'));
    }
    this.#pending.clear();
    this.#listeners.clear();
    this.#options.transport.dispose();
    this.#options.frame?.remove();
  }

  #add(key: string | symbol, listener: Listener): () => void {
    let set = this.#listeners.get(key);
    if (!set) this.#listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  #call(key: string | symbol, ...args: unknown[]): void {
    for (const listener of [...(this.#listeners.get(key) ?? [])]) {
      try {
        (listener as (...values: unknown[]) => void)(...args);
      } catch (error) {
        reportListenerError(error);
      }
    }
  }

  #emit(event: JitsiEventName, payload: JitsiEventPayload): void {
    this.#call(event, payload);
    this.#call(ANY, event, payload);
  }

  #onMessage(params: unknown): void {
    if (this.#disposed || !isRecord(params)) return;
    const { data } = params;
    switch (params['type']) {
      case 'response':
        return this.#onResponse(params);
      case 'event':
        if (isRecord(data) && typeof data['name'] === 'string') this.#onEvent(data as JitsiRequestData);
        return;
      case 'request':
        if (isRecord(data) && typeof data['name'] === 'string')
          this.#onPageRequest(data as JitsiRequestData, params['id']);
    }
  }

  #onResponse(response: Record<string, unknown>): void {
    const id = response['id'];
    const pending = typeof id === 'number' ? this.#pending.get(id) : undefined;
    if (!pending) return;
    this.#pending.delete(id as number);
    clearTimeout(pending.timer);
    const { result, error } = response;
    if (result !== undefined) pending.resolve(result);
    else if (error !== undefined) pending.reject(error);
    else pending.reject(new Error('Unexpected response format!'));
  }

  #onPageRequest(data: JitsiRequestData, id: unknown): void {
    const handler = this.#options.onPageRequest;
    const name = pageRequestPublicName(data.name);
    if (!handler || name === undefined) return;
    let answered = false;
    const respond: JitsiRespond = (result, error) => {
      if (answered || this.#disposed) return;
      answered = true;
      this.#options.transport.send('message', { type: 'response', error, id, result });
    };
    try {
      handler(name, { ...data, name }, respond);
    } catch (error) {
      reportListenerError(error);
    }
  }

  #onEvent({ name, ...payload }: JitsiRequestData): void {
    if (name === 'ready') {
      this.#runHook(this.#options.onload);
      this.sendCommand('document-pip-capability', [this.#options.documentPiPCapable?.() ?? false]);
    }
    this.#handleInternal(name, payload);
    this.#call(WIRE, name, payload);
    const publicName = eventPublicName(name);
    if (publicName !== undefined) this.#emit(publicName, payload);
  }

  #runHook(hook: (() => void) | undefined): void {
    try {
      hook?.();
    } catch (error) {
      reportListenerError(error);
    }
  }

  /** The unmapped events `external_api.js` acts on itself (docs/jitsi/wire.md §6). */
  #handleInternal(name: string, data: JitsiEventPayload): void {
    switch (name) {
      case 'on-stage-participant-changed':
      case 'large-video-visibility-changed':
        return this.#emit('largeVideoChanged', {});
      case 'on-prejoin-video-changed':
        return this.#emit('prejoinVideoChanged', {});
      case 'local-storage-changed':
        this.#storeLocally(data['localStorageContent']);
    }
  }

  #storeLocally(content: unknown): void {
    try {
      const text = String(content);
      // More than any Jitsi keeps would break later meetings (meeting-frame.ts): the last settings that fit stay.
      if (text.length > MAX_LOCAL_STORAGE_CHARS) return;
      const storage = this.#options.storage === undefined ? globalThis.localStorage : this.#options.storage;
      storage?.setItem('jitsiLocalStorage', text);
    } catch {
      // Storage is blocked (privacy mode, sandboxed host) or full: the page just won't find its settings next time.
    }
  }
}

/** The shape check everything that arrives goes through first: an object, arrays included. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
