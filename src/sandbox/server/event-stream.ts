import type { ServerResponse } from 'node:http';
import { STREAM_EVENTS } from './page-protocol.js';

type StreamEventName = (typeof STREAM_EVENTS)[keyof typeof STREAM_EVENTS];

/** A page that has not opened its stream yet cannot pile up more than this. */
const MAX_QUEUED = 1000;
/** Proxies and browsers close idle streams; a comment line now and then keeps them open. */
const KEEP_ALIVE_MS = 15_000;

/**
 * The server → page half of one participant's connection (Server-Sent Events). Messages sent before the
 * page opens the stream are queued, so the join sequence is never lost between the join post and the
 * page's `EventSource` arriving.
 */
export class ParticipantStream {
  #queue: string[] = [];
  #response: ServerResponse | undefined;
  #keepAlive: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(private readonly onOverflow: () => void) {}

  get attached(): boolean {
    return this.#response !== undefined;
  }

  send(event: StreamEventName, data: unknown): void {
    if (this.#closed) return;
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    if (this.#response) {
      this.#response.write(frame);
      return;
    }
    this.#queue.push(frame);
    if (this.#queue.length > MAX_QUEUED) this.onOverflow();
  }

  /** Connects the page's `EventSource`; a second connection replaces the first. */
  attach(response: ServerResponse): void {
    if (this.#closed) {
      response.writeHead(410).end();
      return;
    }
    this.#response?.destroy();
    this.#response = response;
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    // Open the stream at once so the browser fires `open` even when nothing is queued.
    response.write(': connected\n\n');
    for (const frame of this.#queue.splice(0)) response.write(frame);
    clearInterval(this.#keepAlive);
    this.#keepAlive = setInterval(() => response.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    this.#keepAlive.unref();
    response.on('close', () => {
      if (this.#response === response) this.#response = undefined;
      clearInterval(this.#keepAlive);
    });
  }

  /** Ends on purpose: the page is told it is not a network loss. */
  end(): void {
    this.send(STREAM_EVENTS.end, {});
    this.#close((response) => response.end());
  }

  /** Cuts the connection as a network loss would: no goodbye. */
  drop(): void {
    this.#close((response) => response.destroy());
  }

  #close(how: (response: ServerResponse) => void): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#keepAlive);
    this.#queue = [];
    if (this.#response) how(this.#response);
    this.#response = undefined;
  }
}
