/**
 * The meeting page's side of the sandbox's own HTTP protocol (`page-protocol.ts`): join, the event stream,
 * and the host's commands and requests relayed to the room.
 */
import {
  SANDBOX_ROUTES,
  SESSION_HEADER,
  STREAM_EVENTS,
  type CommandResponse,
  type JoinRequest,
  type JoinResponse,
  type MeetingView,
  type WireEvent,
} from '../server/page-protocol.js';
import { isObject } from '../../shared/json-checks.js';

/** What the event stream tells the page. */
export interface StreamHandlers {
  /** An event for the host page, in the order the room sent it. */
  onWire(event: WireEvent): void;
  /** The whole meeting as this participant sees it. */
  onView(view: MeetingView): void;
  /** The room ended the session on purpose (kick, hangup, end of meeting, refused knock). */
  onEnd(): void;
  /** The stream broke without an `end`: the connection is lost. */
  onLost(): void;
}

/** The room key the server accepts for requests made before there is a session. */
const NO_ROOM = '_';
/** A host that floods the page must not queue posts without end; beyond this, commands are dropped. */
const MAX_PENDING = 1000;

export class SandboxHttpError extends Error {
  override readonly name = 'SandboxHttpError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  const text = await response.text();
  if (!response.ok) throw new SandboxHttpError(response.status, `The sandbox answered ${response.status}: ${text.slice(0, 500)}`);
  return text === '' ? {} : JSON.parse(text);
}

function parseStreamData(event: Event): unknown {
  try {
    return JSON.parse(String((event as MessageEvent).data));
  } catch {
    return undefined;
  }
}

interface Session {
  room: string;
  participantId: string;
  session: string;
}

/**
 * One participant's connection to the sandbox server. Commands and requests run one after another, in the
 * order the host sent them, so a request always sees the effect of the commands before it. Commands that
 * arrive before the join are held and sent once there is a session (the real page applies e.g. a display
 * name set before the conference).
 */
export class SandboxConnection {
  #session: Session | undefined;
  #source: EventSource | undefined;
  #held: { name: string; args: unknown[] }[] = [];
  #closed = false;
  #chain: Promise<unknown> = Promise.resolve();
  #pending = 0;

  /** True between a successful join and the end of the session. */
  get connected(): boolean {
    return this.#session !== undefined && !this.#closed;
  }

  /** Posts the join; on success, opens the event stream with `handlers`. */
  async join(request: JoinRequest, handlers: StreamHandlers): Promise<JoinResponse> {
    const answer = await postJson(SANDBOX_ROUTES.join, request);
    if (!isObject(answer) || typeof answer['ok'] !== 'boolean') throw new SandboxHttpError(502, 'The sandbox sent an unreadable join answer.');
    const response = answer as unknown as JoinResponse;
    if (!response.ok) {
      this.#held = [];
      this.#closed = true;
      return { ok: false, events: Array.isArray(response.events) ? response.events.filter(isWireEvent) : [] };
    }
    if (this.#closed) return response;
    this.#session = { room: response.room, participantId: response.participantId, session: response.session };
    this.#openStream(this.#session, handlers);
    for (const { name, args } of this.#held.splice(0)) void this.command(name, args);
    return response;
  }

  /** Relays a host command; resolves to the server's answer (`{}` when it was not sent). */
  command(name: string, args: unknown[]): Promise<CommandResponse> {
    if (this.#closed) return Promise.resolve({});
    if (!this.#session) {
      if (this.#held.length < MAX_PENDING) this.#held.push({ name, args });
      return Promise.resolve({});
    }
    const session = this.#session;
    return this.#queue(async () => {
      const answer = await postJson(SANDBOX_ROUTES.command(session.room), { name, args }, { [SESSION_HEADER]: session.session });
      return (isObject(answer) ? answer : {}) as CommandResponse;
    }, () => ({}));
  }

  /** Relays a host request; resolves to its `result`. Without a live session the server answers as a page outside any conference. */
  request(data: { name: string; [field: string]: unknown }): Promise<unknown> {
    return this.#queue(async () => {
      const session = this.connected ? this.#session : undefined;
      let answer: unknown;
      try {
        answer = session
          ? await postJson(SANDBOX_ROUTES.request(session.room), { data }, { [SESSION_HEADER]: session.session })
          : await postJson(SANDBOX_ROUTES.request(NO_ROOM), { data });
      } catch (error) {
        // The session can end between the check and the post (kick, end of meeting): ask again without it.
        if (!(error instanceof SandboxHttpError) || error.status !== 404 || !session) throw error;
        answer = await postJson(SANDBOX_ROUTES.request(NO_ROOM), { data });
      }
      return isObject(answer) ? answer['result'] : undefined;
    }, () => Promise.reject(new Error('The meeting page is too busy: too many requests are waiting.')));
  }

  /** Closes the stream; later commands are dropped, requests are answered as outside a conference. */
  close(): void {
    this.#closed = true;
    this.#held = [];
    this.#source?.close();
    this.#source = undefined;
  }

  #queue<T>(run: () => Promise<T>, whenFull: () => T | Promise<T>): Promise<T> {
    if (this.#pending >= MAX_PENDING) return Promise.resolve(whenFull());
    this.#pending += 1;
    const result = this.#chain.then(run);
    this.#chain = result.then(
      () => undefined,
      () => undefined,
    );
    return result.finally(() => {
      this.#pending -= 1;
    });
  }

  #openStream(session: Session, handlers: StreamHandlers): void {
    const source = new EventSource(SANDBOX_ROUTES.events(session.room, session.participantId, session.session));
    this.#source = source;
    source.addEventListener(STREAM_EVENTS.wire, (event) => {
      const data = parseStreamData(event);
      if (isWireEvent(data)) handlers.onWire(data);
    });
    source.addEventListener(STREAM_EVENTS.view, (event) => {
      const data = parseStreamData(event);
      if (isObject(data) && Array.isArray(data['participants'])) handlers.onView(data as unknown as MeetingView);
    });
    source.addEventListener(STREAM_EVENTS.end, () => {
      if (this.#source !== source) return;
      this.close();
      handlers.onEnd();
    });
    // `EventSource` would quietly reconnect, but the server never resumes a session: any break is final.
    source.addEventListener('error', () => {
      if (this.#source !== source) return;
      this.close();
      handlers.onLost();
    });
  }
}

function isWireEvent(value: unknown): value is WireEvent {
  return isObject(value) && typeof value['name'] === 'string';
}
