/**
 * What WHEP players asked of the sandbox and what they were answered, per stream, so that a test can check
 * a player against the protocol from the server's side (content types, If-Match, where the DELETE went)
 * instead of trusting the player's own account. Bounded: a long-running sandbox keeps the recent part.
 */

/** One WHEP request as the server saw it. */
export interface WhepRequestRecord {
  /** When the request arrived (ms since the epoch): how long a player waited between tries. */
  readonly at: number;
  readonly method: string;
  /** Path and query, as requested. */
  readonly url: string;
  readonly status: number;
  /** The request's Content-Type, if it had one. */
  readonly contentType?: string;
  readonly ifMatch?: string;
  /** Whether an Authorization header was sent (never its value). */
  readonly authorization: boolean;
  /** For an offer: the WHEP rules it breaks, as sentences (empty when it keeps them all). */
  readonly offerProblems?: readonly string[];
}

const MAX_STREAMS = 200;
const MAX_REQUESTS_PER_STREAM = 200;

export class WhepRequestLog {
  readonly #byStream = new Map<string, WhepRequestRecord[]>();

  add(stream: string, record: WhepRequestRecord): void {
    let records = this.#byStream.get(stream);
    if (!records) {
      if (this.#byStream.size >= MAX_STREAMS) this.#byStream.delete(this.#byStream.keys().next().value ?? '');
      records = [];
      this.#byStream.set(stream, records);
    }
    records.push(record);
    if (records.length > MAX_REQUESTS_PER_STREAM) records.shift();
  }

  /** The stream's requests, oldest first. */
  of(stream: string): readonly WhepRequestRecord[] {
    return [...(this.#byStream.get(stream) ?? [])];
  }
}
