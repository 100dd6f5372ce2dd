/**
 * The Transport layer of Jitsi's IFrame API on top of postis (jitsi-wire.md §4–§6, §10): commands, requests with
 * their responses, events, and the little state `external_api.js` keeps from those events.
 *
 * Everything that arrives is checked for shape first; junk is dropped without a trace, so a confused or hostile
 * page cannot make this client throw.
 */
import { PostisTransport, reportListenerError } from './postis-transport.js';
import {
  commandWireName,
  eventPublicName,
  isCommandName,
  pageRequestPublicName,
  type JitsiCommandName,
  type JitsiEventName,
} from './wire-names.js';

/** An event's fields, without its `name`; `{}` for events that carry nothing. */
export type JitsiEventPayload = Record<string, unknown>;

/** The `data` of a request: its wire `name` and the request's own fields. */
export type JitsiRequestData = { name: string } & Record<string, unknown>;

/** Answers one page → host request: `respond(result)` or `respond(undefined, error)`. Only the first call counts. */
export type JitsiRespond = (result?: unknown, error?: unknown) => void;

/** What the API knows about a participant from the events it saw. */
export interface JitsiParticipant {
  email?: string;
  avatarURL?: string;
  displayName?: string;
  formattedDisplayName?: string;
}

/** One entry of `getParticipantsInfo()`. */
export interface JitsiParticipantInfo extends JitsiParticipant {
  participantId: string;
}

/** Why a request failed on our side rather than the page's. */
export type JitsiRequestErrorCode =
  /** No answer within `requestTimeoutMs`. */
  | 'timeout'
  /** The client was disposed while the request was pending. */
  | 'disposed';

/** A request that the page did not answer. Errors the page itself sends are passed through unchanged. */
export class JitsiRequestError extends Error {
  override readonly name = 'JitsiRequestError';

  /** @param code stable reason, @param message what happened and what to do. */
  constructor(
    readonly code: JitsiRequestErrorCode,
    message: string,
  ) {
    super(message);
  }
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
  /** A hex E2EE key to send as `set-media-encryption-key` when the conference is joined. */
  e2eeKey?: string;
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
  #e2eeKey: string | undefined;
  #participants: Record<string, JitsiParticipant> = Object.create(null);
  #numberOfParticipants = 0;
  #myUserId: string | undefined;
  #videoQuality: number | undefined;
  #isVisitor: boolean | undefined;

  /** Starts listening on `options.transport` at once. */
  constructor(options: JitsiIframeClientOptions) {
    this.#options = options;
    this.#e2eeKey = options.e2eeKey;
    options.transport.listen('message', (params) => this.#onMessage(params));
  }

  /** Sends a command (or any host → page event) by wire name; `args` reach the page's handler as `...args`. */
  sendCommand(wireName: string, args: readonly unknown[] = []): void {
    this.#options.transport.send('message', { type: 'event', data: { data: args, name: wireName } });
  }

  /** Sends a command by its public name. Returns false, sending nothing, when Jitsi has no such command. */
  executeCommand(name: string, args: readonly unknown[] = []): name is JitsiCommandName {
    if (!isCommandName(name)) return false;
    this.sendCommand(commandWireName(name), args);
    return true;
  }

  /**
   * Sends a request and settles with the page's answer: resolves with `result` when it is defined (`false`, `0`
   * and `null` included), else rejects with `error`, else with `Error('Unexpected response format!')`.
   */
  sendRequest<T = unknown>(data: JitsiRequestData): Promise<T> {
    if (this.#disposed) return Promise.reject(new JitsiRequestError('disposed', `The meeting is closed; request "${data.name}" was not sent.`));
    const id = this.#nextRequestId++;
    return new Promise<T>((resolve, reject) => {
      const pending: Pending = { resolve: resolve as (value: unknown) => void, reject };
      const timeoutMs = this.#options.requestTimeoutMs;
      if (timeoutMs !== undefined) {
        pending.timer = setTimeout(() => {
          this.#pending.delete(id);
          reject(new JitsiRequestError('timeout', `The meeting did not answer "${data.name}" within ${timeoutMs} ms. Is the meeting page still loaded?`));
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

  /** Listens to every event on the wire, mapped or not, by wire name. */
  onWireEvent(listener: (wireName: string, payload: JitsiEventPayload) => void): () => void {
    return this.#add(WIRE, listener);
  }

  /** The local participant's id, from `videoConferenceJoined`. */
  get myUserId(): string | undefined {
    return this.#myUserId;
  }

  /** Participants counted from join/leave events (duplicate joins count twice, as in Jitsi). */
  get numberOfParticipants(): number {
    return this.#numberOfParticipants;
  }

  /** The last `videoQualityChanged` value. */
  get videoQuality(): number | undefined {
    return this.#videoQuality;
  }

  /** Whether the local participant joined as a visitor (`videoConferenceJoined.visitor`). */
  get isVisitor(): boolean | undefined {
    return this.#isVisitor;
  }

  /** What is known about one participant; a copy. */
  getParticipant(id: string): JitsiParticipant | undefined {
    const participant = this.#participants[id];
    return participant && { ...participant };
  }

  /** Every known participant, in the order Jitsi lists them, with `participantId`; copies. */
  getParticipantsInfo(): JitsiParticipantInfo[] {
    return Object.entries(this.#participants).map(([participantId, participant]) => ({ ...participant, participantId }));
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
      if (this.#options.pendingOnDispose !== 'abandon') pending.reject(new JitsiRequestError('disposed', 'The meeting was closed before it answered.'));
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
        if (isRecord(data) && typeof data['name'] === 'string') this.#onPageRequest(data as JitsiRequestData, params['id']);
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
    this.#track(name, payload);
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

  /** The bookkeeping of `external_api.js` `_setupListeners` (jitsi-wire.md §6). */
  #track(name: string, data: JitsiEventPayload): void {
    const id = typeof data['id'] === 'string' || typeof data['id'] === 'number' ? String(data['id']) : undefined;
    const known = id === undefined ? undefined : this.#participants[id];
    switch (name) {
      case 'video-conference-joined':
        if (this.#e2eeKey !== undefined) {
          this.executeCommand('setMediaEncryptionKey', [JSON.stringify({ exportedKey: hexToBytes(this.#e2eeKey), index: 0 })]);
          this.#e2eeKey = undefined;
        }
        this.#myUserId = id;
        this.#isVisitor = data['visitor'] as boolean | undefined;
        if (id !== undefined) this.#participants[id] = { email: data['email'] as string | undefined, avatarURL: data['avatarURL'] as string | undefined };
        // Jitsi falls through here: joining counts the local participant like any other.
        return this.#addParticipant(id, data);
      case 'participant-joined':
        return this.#addParticipant(id, data);
      case 'participant-left':
        this.#numberOfParticipants -= 1;
        if (id !== undefined) delete this.#participants[id];
        return;
      case 'display-name-change':
        if (known) {
          // Lower-case n: this one event spells it so.
          known.displayName = data['displayname'] as string | undefined;
          known.formattedDisplayName = data['formattedDisplayName'] as string | undefined;
        }
        return;
      case 'email-change':
        if (known) known.email = data['email'] as string | undefined;
        return;
      case 'avatar-changed':
        if (known) known.avatarURL = data['avatarURL'] as string | undefined;
        return;
      case 'video-conference-left':
        this.#numberOfParticipants -= 1;
        if (this.#myUserId !== undefined) delete this.#participants[this.#myUserId];
        return;
      case 'video-quality-changed':
        this.#videoQuality = data['videoQuality'] as number | undefined;
        return;
      case 'breakout-rooms-updated':
        this.#countBreakoutRooms(data['rooms']);
        return;
      case 'prejoin-screen-loaded':
        if (id !== undefined) this.#participants[id] = { displayName: data['displayName'] as string | undefined, formattedDisplayName: data['formattedDisplayName'] as string | undefined };
        return;
      case 'on-stage-participant-changed':
      case 'large-video-visibility-changed':
        this.#emit('largeVideoChanged', {});
        return;
      case 'on-prejoin-video-changed':
        this.#emit('prejoinVideoChanged', {});
        return;
      case 'local-storage-changed':
        this.#storeLocally(data['localStorageContent']);
    }
  }

  #addParticipant(id: string | undefined, data: JitsiEventPayload): void {
    if (id !== undefined) {
      const participant = (this.#participants[id] ??= {});
      participant.displayName = data['displayName'] as string | undefined;
      participant.formattedDisplayName = data['formattedDisplayName'] as string | undefined;
    }
    // Counted even when the id is already known: Jitsi counts duplicate joins too.
    this.#numberOfParticipants += 1;
  }

  #countBreakoutRooms(rooms: unknown): void {
    if (!isRecord(rooms) || Object.keys(rooms).length === 0) return;
    let count = 0;
    for (const room of Object.values(rooms)) {
      if (isRecord(room) && isRecord(room['participants'])) count += Object.keys(room['participants']).length;
    }
    this.#numberOfParticipants = count;
  }

  #storeLocally(content: unknown): void {
    try {
      const storage = this.#options.storage === undefined ? globalThis.localStorage : this.#options.storage;
      storage?.setItem('jitsiLocalStorage', String(content));
    } catch {
      // Storage is blocked (privacy mode, sandboxed host) or full: the page just won't find its settings next time.
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Jitsi's E2EE key encoding: two hex digits per byte. */
function hexToBytes(hex: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < hex.length; i += 2) bytes.push(parseInt(hex.substring(i, i + 2), 16));
  return bytes;
}
