import type { ServerResponse } from 'node:http';
import { STREAM_EVENTS } from '../protocol/page-protocol.js';

type StreamEventName = (typeof STREAM_EVENTS)[keyof typeof STREAM_EVENTS];

/** A page that is away (before its stream first opens, or during a break) cannot pile up more than this. */
const MAX_QUEUED = 1000;
/** Frames kept for a page that resumes: what it may have missed when its connection died unnoticed. */
const MAX_RETAINED = 1000;

interface Frame {
  id: number;
  event: StreamEventName;
  text: string;
}
/** Proxies and browsers close idle streams; a comment line now and then keeps them open. */
const KEEP_ALIVE_MS = 15_000;

export interface ParticipantStreamOptions {
  /** How long a page that went away without a goodbye may take to come back. */
  hibernationMs: number;
  /**
   * Called once when the session is lost without a goodbye: too much piled up while the page was away, it did
   * not come back within `hibernationMs`, or its resume cannot be made whole.
   */
  onGone(): void;
  /** Called once when the stream is over for good (ended, dropped or lost): nothing will attach any more. */
  onClosed(): void;
}

/**
 * The server → page half of one participant's connection (Server-Sent Events). Every frame carries an `id` and the
 * last ones are kept, so nothing is lost while the page has no stream open: not the join sequence before its
 * `EventSource` first arrives, and not what was sent during a break, nor into a connection that was already dead.
 * A page that resumes says the last id it got and hears the rest, as a resumed XMPP stream replays what the client
 * did not acknowledge (XEP-0198). A stream that breaks without a goodbye is kept for `hibernationMs`
 * (docs/jitsi/failures.md S8); after that the session is gone.
 */
export class ParticipantStream {
  /** The last frames sent, oldest first; of the views only the newest, as each replaces the one before. */
  #log: Frame[] = [];
  /** The newest id let go of to keep the log short: a page that has not seen it cannot be made whole. */
  #forgotten = 0;
  #nextId = 1;
  /** Frames sent since the page was last attached. */
  #away = 0;
  #response: ServerResponse | undefined;
  #keepAlive: NodeJS.Timeout | undefined;
  #hibernation: NodeJS.Timeout | undefined;
  #cutUntil = 0;
  #opens = 0;
  /** Ended while the page was away: the goodbye waits for its return. */
  #ending = false;
  #closed = false;

  readonly #options: ParticipantStreamOptions;

  constructor(options: ParticipantStreamOptions) {
    this.#options = options;
  }

  get attached(): boolean {
    return this.#response !== undefined;
  }

  /** How often the page came back after a break (opened its stream again). */
  get resumes(): number {
    return Math.max(this.#opens - 1, 0);
  }

  /** True while a test's break lasts: the page's connections fail as in a network outage. */
  get cut(): boolean {
    return Date.now() < this.#cutUntil;
  }

  send(event: StreamEventName, data: unknown): void {
    if (this.#closed || this.#ending) return;
    const id = this.#nextId++;
    const frame = { id, event, text: `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n` };
    if (event === STREAM_EVENTS.view) this.#log = this.#log.filter((old) => old.event !== STREAM_EVENTS.view);
    this.#log.push(frame);
    if (this.#log.length > MAX_RETAINED) this.#forgotten = this.#log.shift()!.id;
    if (this.#response) {
      this.#response.write(frame.text);
      return;
    }
    this.#away += 1;
    if (this.#away > MAX_QUEUED) this.#lose();
  }

  /**
   * Connects the page's `EventSource`: its first (`after` 0), or a resume after the last id the page got. A
   * second connection replaces the first. A resume from a point no longer kept (or never sent) cannot be made
   * whole: the session is lost, as when Prosody answers a resume with `<failed/>`.
   */
  attach(response: ServerResponse, after = 0): void {
    if (!this.#closed && (after < this.#forgotten || after >= this.#nextId)) this.#lose();
    if (this.#closed) {
      response.writeHead(410).end();
      return;
    }
    clearTimeout(this.#hibernation);
    this.#hibernation = undefined;
    this.#response?.destroy();
    this.#response = response;
    this.#opens += 1;
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
    });
    // Open the stream at once so the browser fires `open` even when nothing is queued.
    response.write(': connected\n\n');
    for (const frame of this.#log) if (frame.id > after) response.write(frame.text);
    this.#away = 0;
    if (this.#ending) {
      this.#close((open) => open.end());
      return;
    }
    clearInterval(this.#keepAlive);
    this.#keepAlive = setInterval(() => response.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    this.#keepAlive.unref();
    response.on('close', () => {
      if (this.#response !== response) return;
      // Closed by the network or the page, not by us: wait for the page to resume.
      this.#response = undefined;
      clearInterval(this.#keepAlive);
      this.#hibernate();
    });
  }

  /** Ends on purpose: the page is told it is not a network loss (on its return, if it is away). */
  end(): void {
    if (this.#closed || this.#ending) return;
    this.send(STREAM_EVENTS.end, {});
    if (this.#response) {
      this.#close((response) => response.end());
      return;
    }
    this.#ending = true;
    // A page that never comes back must not keep its goodbye waiting for ever.
    this.#hibernation ??= this.#hibernate();
  }

  /** Cuts the connection as a network loss would: no goodbye, no resume. */
  drop(): void {
    this.#close((response) => response.destroy());
  }

  /**
   * A network outage of `ms`: the open stream is cut, and until the outage is over the page's attempts to come
   * back fail (the hub answers them with a dead connection). The session itself waits, as in any break.
   */
  interrupt(ms: number): void {
    if (this.#closed) return;
    this.#cutUntil = Date.now() + ms;
    this.#response?.destroy();
  }

  #hibernate(): NodeJS.Timeout {
    clearTimeout(this.#hibernation);
    this.#hibernation = setTimeout(() => this.#lose(), this.#options.hibernationMs);
    this.#hibernation.unref();
    return this.#hibernation;
  }

  #lose(): void {
    if (this.#closed) return;
    this.drop();
    this.#options.onGone();
  }

  #close(how: (response: ServerResponse) => void): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#ending = false;
    clearInterval(this.#keepAlive);
    clearTimeout(this.#hibernation);
    this.#log = [];
    const response = this.#response;
    this.#response = undefined;
    if (response) how(response);
    this.#options.onClosed();
  }
}
