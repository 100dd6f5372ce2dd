/**
 * The meeting page's end of its event stream (server/event-stream.ts), kept up as Jitsi keeps its XMPP stream
 * (docs/jitsi/failures.md S8): a break is resumed quietly on lib-jitsi-meet's schedule (resume-task.ts) from the
 * last frame the page got, and only a stream that cannot be resumed is reported, named as lib-jitsi-meet names it.
 */
import { ResumeTask } from './resume-task.js';
import type { ResumeTiming } from './resume-timing.js';

/**
 * A stream that could not be resumed, as lib-jitsi-meet reports it: the error of Jitsi's `errorOccurred`, without
 * `type` and `isFatal`.
 */
export interface ConnectionLoss {
  name: 'connection.droppedError' | 'connection.otherError';
  message: string;
  /** xmpp.ts `_getConnectionFailedReasonDetails`. */
  details: {
    /** How long the device seems to have been suspended, in ms; 0 when it was not. */
    suspend_time: number;
    /** Milliseconds since the server was last heard from; null if it never was. */
    time_since_last_success: number | null;
  };
}

/** A connection that was never made: a drop with nothing more to say. */
export const NEVER_CONNECTED: Readonly<ConnectionLoss> = {
  name: 'connection.droppedError',
  message: 'connection-dropped-error',
  details: { suspend_time: 0, time_since_last_success: null },
};

export interface ResumableStreamOptions {
  /** The stream's address, resuming after the frame with id `after` when there is one. */
  url(after: number | undefined): string;
  timing: ResumeTiming;
  /** A listener per named event of the stream, called with each frame's parsed data (undefined if unreadable). */
  frames: Record<string, (data: unknown) => void>;
  /** The named event by which the server ends the stream on purpose. */
  endEvent: string;
  /** The server ended the stream on purpose. */
  onEnd(): void;
  /** The stream broke and could not be resumed: the connection is lost for good. */
  onLost(loss: ConnectionLoss): void;
}

/** Strophe's CONNFAIL text when a WebSocket cannot be opened. */
const CONNECT_FAILED_MESSAGE = 'The WebSocket connection could not be established or was disconnected.';
/** Prosody's answer to a resume of a session it no longer has: `<failed><item-not-found/></failed>`. */
const RESUME_REFUSED_MESSAGE = 'item-not-found';

export class ResumableStream {
  readonly #options: ResumableStreamOptions;
  readonly #resume: ResumeTask;
  #source: EventSource | undefined;
  #closed = false;
  /** The id of the last frame delivered: a resume starts after it. */
  #lastFrameId: number | undefined;
  /** What the tries met since the stream was last open, as lib-jitsi-meet keeps it to name a drop. */
  #connectFailed = false;
  #lastFailure: string | undefined;
  #lastHeardAt: number | undefined;

  constructor(options: ResumableStreamOptions) {
    this.#options = options;
    this.#resume = new ResumeTask({ timing: options.timing, tryResume: () => this.open(), giveUp: () => this.#lose() });
  }

  /** Resolves at once while the stream is up; during a resume, once it is back or given up. */
  settled(): Promise<void> {
    return this.#resume.settled();
  }

  /** Opens the stream (again). */
  open(): void {
    if (this.#closed) return;
    const source = new EventSource(this.#options.url(this.#lastFrameId));
    const { frames, endEvent, onEnd } = this.#options;
    this.#source = source;
    let opened = false;
    source.addEventListener('open', () => {
      if (this.#source !== source) return;
      opened = true;
      this.#connectFailed = false;
      this.#lastFailure = undefined;
      this.#lastHeardAt = Date.now();
      this.#resume.resumed();
    });
    for (const [name, listener] of Object.entries(frames)) {
      source.addEventListener(name, (event) => listener(this.#frameData(event)));
    }
    source.addEventListener(endEvent, () => {
      if (this.#source !== source) return;
      this.close();
      onEnd();
    });
    source.addEventListener('error', () => {
      if (this.#source !== source) return;
      const refused = source.readyState === EventSource.CLOSED;
      this.#drop();
      // `EventSource` closes for good when the server refuses the stream: the session is gone, so no try can
      // resume it (Jitsi: the server answers the resume with <failed/>). Otherwise the network broke: the page
      // tries again on Jitsi's schedule, not the browser's own.
      if (refused) {
        this.#lastFailure = RESUME_REFUSED_MESSAGE;
        // The browser also closes the stream this way when the page unloads (navigated, or its iframe removed),
        // just before `pagehide`, in the same task. A page that unloads never runs another task, so waiting
        // for one keeps such a page from reporting a drop it is not having.
        setTimeout(() => this.#lose(), 0);
        return;
      }
      // An open stream that breaks is a closed socket; one that never opened could not connect (CONNFAIL).
      if (!opened) {
        this.#connectFailed = true;
        this.#lastFailure = CONNECT_FAILED_MESSAGE;
      }
      this.#resume.broke();
    });
  }

  /** Something else on the connection failed (a post): resume the stream, unless that is under way already. */
  broke(): void {
    if (this.#closed || this.#resume.resuming) return;
    this.#drop();
    this.#resume.broke();
  }

  /** Closes the stream for good, without a report. */
  close(): void {
    this.#closed = true;
    this.#resume.cancel();
    this.#drop();
  }

  /**
   * The drop as lib-jitsi-meet's xmpp.ts would name it now: `connection.otherError` once a try could not even
   * connect since the stream was last open, else `connection.droppedError`; the message is the last failure's
   * text, or 'connection-dropped-error' without one.
   */
  loss(): ConnectionLoss {
    const heard = this.#lastHeardAt;
    return {
      name: this.#connectFailed ? 'connection.otherError' : 'connection.droppedError',
      message: this.#lastFailure ?? 'connection-dropped-error',
      // The page has no ping timer to notice a suspended device by, so it reports none.
      details: { suspend_time: 0, time_since_last_success: heard === undefined ? null : Date.now() - heard },
    };
  }

  #drop(): void {
    this.#source?.close();
    this.#source = undefined;
  }

  #lose(): void {
    if (this.#closed) return;
    this.close();
    this.#options.onLost(this.loss());
  }

  /** A frame's data; notes its id, as the point a resume starts from. */
  #frameData(event: Event): unknown {
    this.#lastHeardAt = Date.now();
    const { lastEventId, data } = event as MessageEvent;
    const id = Number(lastEventId);
    if (Number.isSafeInteger(id) && id > 0) this.#lastFrameId = id;
    try {
      return JSON.parse(String(data));
    } catch {
      return undefined;
    }
  }
}
