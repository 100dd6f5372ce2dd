/**
 * A meeting page without a browser: joins a sandbox room over the page protocol (page-protocol.ts), keeps
 * every wire event the server streams to it, and sends commands and requests as the page would. Lets Node
 * tests drive rooms with several participants exactly as the meeting page does.
 */
import { request as httpsRequest } from 'node:https';
import type { IncomingMessage } from 'node:http';
import {
  SANDBOX_ROUTES,
  SESSION_HEADER,
  STREAM_EVENTS,
  type CommandResponse,
  type JoinResponse,
  type MeetingView,
  type WireEvent,
} from '../../../src/sandbox/protocol/page-protocol.js';
import type { RunningSandbox } from '../../../src/sandbox/server/sandbox-server.js';

export interface HttpAnswer {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
  json<T = unknown>(): T;
}

/** One HTTPS call to the sandbox, trusting its self-signed certificate. */
export function call(
  sandbox: RunningSandbox,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const request = httpsRequest(
      new URL(path, sandbox.url),
      {
        method,
        ca: sandbox.certificate,
        headers: { ...(payload !== undefined && { 'content-type': 'application/json' }), ...headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: text,
            json: () => JSON.parse(text),
          });
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

export async function mintToken(sandbox: RunningSandbox, fields: Record<string, unknown>): Promise<string> {
  const answer = await call(sandbox, 'POST', '/_sandbox/control/tokens', fields);
  if (answer.status !== 200) throw new Error(`token: ${answer.status} ${answer.body}`);
  return answer.json<{ token: string }>().token;
}

export class NodePage {
  readonly events: WireEvent[] = [];
  view: MeetingView | undefined;
  ended = false;
  dropped = false;
  #stream: IncomingMessage | undefined;
  #lastFrameId: number | undefined;
  #waiters: (() => void)[] = [];

  private constructor(
    readonly sandbox: RunningSandbox,
    readonly join: JoinResponse,
  ) {}

  /** Joins `/<path>` with `jwt` and, when the server lets it in, opens the event stream. */
  static async open(
    sandbox: RunningSandbox,
    path: string,
    jwt: string | undefined,
    extra: Record<string, string> = {},
  ): Promise<NodePage> {
    const answer = await call(sandbox, 'POST', SANDBOX_ROUTES.join, {
      path,
      ...(jwt !== undefined && { jwt }),
      ...extra,
    });
    if (answer.status !== 200) throw new Error(`join: ${answer.status} ${answer.body}`);
    const page = new NodePage(sandbox, answer.json<JoinResponse>());
    if (page.join.ok) {
      const status = await page.#connect();
      if (status !== 200) throw new Error(`events: ${status}`);
    } else page.events.push(...page.join.events);
    return page;
  }

  get id(): string {
    if (!this.join.ok) throw new Error('This page was refused.');
    return this.join.participantId;
  }

  get roomKey(): string {
    if (!this.join.ok) throw new Error('This page was refused.');
    return this.join.room;
  }

  names(): string[] {
    return this.events.map((event) => event.name);
  }

  /** Resolves with the first event named `name` (counting those already received) that matches. */
  async next(name: string, match: (event: WireEvent) => boolean = () => true, from = 0): Promise<WireEvent> {
    for (;;) {
      const found = this.events.slice(from).find((event) => event.name === name && match(event));
      if (found) return found;
      if (this.ended || this.dropped)
        throw new Error(`The stream closed before ${name} arrived; got ${this.names().join(', ')}`);
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  /** Waits until `predicate` holds for the view the server last sent. */
  async viewWhere(predicate: (view: MeetingView) => boolean): Promise<MeetingView> {
    while (!this.view || !predicate(this.view)) {
      if (this.ended || this.dropped) throw new Error('The stream closed first.');
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    return this.view;
  }

  async command(name: string, ...args: unknown[]): Promise<CommandResponse> {
    const answer = await call(
      this.sandbox,
      'POST',
      SANDBOX_ROUTES.command(this.roomKey),
      { name, args },
      { [SESSION_HEADER]: this.#session() },
    );
    if (answer.status !== 200) throw new Error(`command ${name}: ${answer.status} ${answer.body}`);
    return answer.json<CommandResponse>();
  }

  async request(name: string, fields: Record<string, unknown> = {}): Promise<unknown> {
    const answer = await call(
      this.sandbox,
      'POST',
      SANDBOX_ROUTES.request(this.roomKey),
      { data: { name, ...fields } },
      { [SESSION_HEADER]: this.#session() },
    );
    if (answer.status !== 200) throw new Error(`request ${name}: ${answer.status} ${answer.body}`);
    return answer.json<{ result: unknown }>().result;
  }

  /** Goes away as a closed tab does: the page leaves on unload (a failure to say so is ignored), then hangs up. */
  close(): void {
    if (this.join.ok && !this.ended) {
      const headers = { [SESSION_HEADER]: this.#session() };
      call(this.sandbox, 'POST', SANDBOX_ROUTES.leave(this.roomKey), {}, headers).catch(() => undefined);
    }
    this.#stream?.destroy();
  }

  /** Loses its connection without a word, as a network break does; {@link resume} may bring it back. */
  vanish(): void {
    this.#stream?.destroy();
  }

  /** Opens the event stream again after the last frame it got, as the page resumes a break; returns the status. */
  async resume(after = this.#lastFrameId): Promise<number> {
    this.dropped = false;
    return this.#connect(after);
  }

  #session(): string {
    if (!this.join.ok) throw new Error('This page was refused.');
    return this.join.session;
  }

  /** Opens the event stream; throws when the connection fails, returns the status when the server refuses it. */
  async #connect(after?: number): Promise<number> {
    const { room, participantId, session } = this.join as Extract<JoinResponse, { ok: true }>;
    const url = new URL(SANDBOX_ROUTES.events(room, participantId, session, after), this.sandbox.url);
    const stream = await new Promise<IncomingMessage>((resolve, reject) => {
      const request = httpsRequest(url, { ca: this.sandbox.certificate }, resolve);
      request.on('error', reject);
      request.end();
    });
    if (stream.statusCode !== 200) {
      stream.resume();
      this.dropped = true;
      return stream.statusCode ?? 0;
    }
    this.#stream = stream;
    let buffer = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        this.#frame(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    });
    stream.on('close', () => {
      if (this.#stream !== stream) return;
      if (!this.ended) this.dropped = true;
      this.#wake();
    });
    return 200;
  }

  #frame(frame: string): void {
    const event = /^event: (.*)$/m.exec(frame)?.[1];
    const data = /^data: (.*)$/m.exec(frame)?.[1];
    if (!event || data === undefined) return;
    this.#lastFrameId = Number(/^id: (\d+)$/m.exec(frame)?.[1] ?? this.#lastFrameId);
    const value: unknown = JSON.parse(data);
    if (event === STREAM_EVENTS.wire) this.events.push(value as WireEvent);
    else if (event === STREAM_EVENTS.view) this.view = value as MeetingView;
    else if (event === STREAM_EVENTS.end) this.ended = true;
    this.#wake();
  }

  #wake(): void {
    for (const waiter of this.#waiters.splice(0)) waiter();
  }
}
