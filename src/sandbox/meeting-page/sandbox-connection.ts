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
} from '../protocol/page-protocol.js';
import { isObject } from '../../shared/json-checks.js';
import { NEVER_CONNECTED, ResumableStream, type ConnectionLoss } from './resumable-stream.js';
import { JITSI_RESUME, type ResumeTiming } from './resume-timing.js';

export type { ConnectionLoss } from './resumable-stream.js';

/** What the event stream tells the page. */
export interface StreamHandlers {
  /** An event for the host page, in the order the room sent it. */
  onWire(event: WireEvent): void;
  /** The whole meeting as this participant sees it. */
  onView(view: MeetingView): void;
  /** The room ended the session on purpose (kick, hangup, end of meeting, refused knock). */
  onEnd(): void;
  /** The connection broke and could not be resumed (docs/jitsi/failures.md S8): it is lost for good. */
  onLost(loss: ConnectionLoss): void;
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

async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  keepalive = false,
): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
    keepalive,
  });
  const text = await response.text();
  if (!response.ok)
    throw new SandboxHttpError(response.status, `The sandbox answered ${response.status}: ${text.slice(0, 500)}`);
  return text === '' ? {} : JSON.parse(text);
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
 *
 * The event stream and the posts are one connection, as Jitsi's XMPP stream is: when either breaks, the page
 * resumes it quietly (resumable-stream.ts), posts wait for the outcome and go out once it is back, and only a
 * connection that cannot be resumed is reported lost.
 */
export class SandboxConnection {
  #session: Session | undefined;
  #stream: ResumableStream | undefined;
  #held: { name: string; args: unknown[] }[] = [];
  #closed = false;
  #chain: Promise<unknown> = Promise.resolve();
  #pending = 0;

  /** True between a successful join and the end of the session (also while a break is being resumed). */
  get connected(): boolean {
    return this.#session !== undefined && !this.#closed;
  }

  /** Posts the join; on success, opens the event stream with `handlers`. */
  async join(request: JoinRequest, handlers: StreamHandlers): Promise<JoinResponse> {
    const answer = await postJson(SANDBOX_ROUTES.join, request);
    if (!isObject(answer) || typeof answer['ok'] !== 'boolean')
      throw new SandboxHttpError(502, 'The sandbox sent an unreadable join answer.');
    const response = answer as unknown as JoinResponse;
    if (!response.ok) {
      this.#held = [];
      this.#closed = true;
      return { ok: false, events: Array.isArray(response.events) ? response.events.filter(isWireEvent) : [] };
    }
    if (this.#closed) return response;
    this.#session = { room: response.room, participantId: response.participantId, session: response.session };
    const { room, participantId, session } = response;
    this.#stream = new ResumableStream({
      url: (after) => SANDBOX_ROUTES.events(room, participantId, session, after),
      timing: resumeTimingOf(response.resume),
      frames: {
        [STREAM_EVENTS.wire]: (data) => isWireEvent(data) && handlers.onWire(data),
        [STREAM_EVENTS.view]: (data) => isMeetingView(data) && handlers.onView(data),
      },
      endEvent: STREAM_EVENTS.end,
      onEnd: () => {
        this.close();
        handlers.onEnd();
      },
      onLost: (loss) => {
        this.close();
        handlers.onLost(loss);
      },
    });
    this.#stream.open();
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
    return this.#queue(
      async () => {
        const answer = await this.#sessionPost(SANDBOX_ROUTES.command(session.room), { name, args }, session);
        return (isObject(answer) ? answer : {}) as CommandResponse;
      },
      () => ({}),
    );
  }

  /** Relays a host request; resolves to its `result`. Without a live session the server answers as a page outside any conference. */
  request(data: { name: string; [field: string]: unknown }): Promise<unknown> {
    return this.#queue(
      async () => {
        await this.#stream?.settled();
        const session = this.connected ? this.#session : undefined;
        let answer: unknown;
        try {
          answer = session && (await this.#sessionPost(SANDBOX_ROUTES.request(session.room), { data }, session));
        } catch (error) {
          // The session can end between the check and the post (kick, end of meeting): ask again without it.
          if (!(error instanceof SandboxHttpError) || error.status !== 404) throw error;
        }
        answer ??= await postJson(SANDBOX_ROUTES.request(NO_ROOM), { data });
        return isObject(answer) ? answer['result'] : undefined;
      },
      () => Promise.reject(new Error('The meeting page is too busy: too many requests are waiting.')),
    );
  }

  /** Closes the stream; later commands are dropped, requests are answered as outside a conference. */
  close(): void {
    this.#closed = true;
    this.#held = [];
    this.#stream?.close();
  }

  /**
   * The page is going away (unload): tells the server, as Jitsi's page leaves the conference on unload, so the
   * others see this participant go at once instead of after the server's hibernation time. Then closes.
   */
  leave(): void {
    const session = this.#session;
    if (session && !this.#closed) {
      // `keepalive`: the post outlives the page.
      const headers = { [SESSION_HEADER]: session.session };
      postJson(SANDBOX_ROUTES.leave(session.room), {}, headers, true).catch(() => undefined);
    }
    this.close();
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

  /**
   * A post over the session's connection: it waits out a resume, and one the network loses breaks the connection
   * (so it is resumed) and goes out once more when it is back. Undefined once the session is closed.
   */
  async #sessionPost(url: string, body: unknown, session: Session): Promise<unknown> {
    for (let tries = 1; ; tries += 1) {
      await this.#stream?.settled();
      if (this.#closed) return undefined;
      try {
        return await postJson(url, body, { [SESSION_HEADER]: session.session });
      } catch (error) {
        if (error instanceof SandboxHttpError || this.#closed || tries > 1) throw error;
        this.#stream?.broke();
      }
    }
  }

  /** How the connection would be reported lost now. */
  loss(): ConnectionLoss {
    return this.#stream?.loss() ?? NEVER_CONNECTED;
  }
}

/** The server's timing, or Jitsi's when a server sends none. */
function resumeTimingOf(value: unknown): ResumeTiming {
  if (!isObject(value)) return JITSI_RESUME;
  const { unitMs, attempts } = value;
  return typeof unitMs === 'number' && typeof attempts === 'number' ? { unitMs, attempts } : JITSI_RESUME;
}

function isMeetingView(value: unknown): value is MeetingView {
  return isObject(value) && Array.isArray(value['participants']);
}

function isWireEvent(value: unknown): value is WireEvent {
  return isObject(value) && typeof value['name'] === 'string';
}
