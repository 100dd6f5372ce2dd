/**
 * Faults a test can switch on through the control API: a slow server (answers delayed), a failing one (chosen
 * paths answered with an error status), and meeting pages that never open (silent, or stuck before the join), to
 * exercise loading and error states; an older Jitsi, which does not know the newest requests; and a slow Jibri. Faults are kept
 * by name, so that tests running side by side against one sandbox do not undo each other's.
 */
export interface FaultSettings {
  /** Delay before an answer, in milliseconds (not the control API's own). */
  delayMs: number;
  /** Path prefixes the delay applies to; empty: every path. */
  delayPaths: string[];
  /** Path prefixes answered with `failStatus` instead (e.g. `/external_api.js`, `/_sandbox/join`). */
  failPaths: string[];
  failStatus: number;
  /**
   * Meeting page paths (prefixes, e.g. `/<room>`) served as a page that loads but never speaks to its host: no
   * handshake, no event, as a server that answers with something other than Jitsi's meeting page.
   */
  silentPagePaths: string[];
  /**
   * Meeting page paths (prefixes) whose join the server never answers: the page shakes hands and says `ready`,
   * then nothing, as a Jitsi page whose XMPP server never answers.
   */
  stuckJoinPaths: string[];
  /**
   * Meeting page paths (prefixes) served as an older Jitsi, one that does not yet know the newest requests
   * (`connection-stats`): it answers them as any unknown request (requests.ts).
   */
  olderPagePaths: string[];
  /**
   * How long Jibri takes, in milliseconds, before a stream is live and before its end is announced, for the
   * streams named in `slowStreams`: a real Jibri needs seconds for both, during which Jitsi's page sends no
   * `recordingStatusChanged` (the broadcast stays starting, or stopping).
   */
  streamDelayMs: number;
  /** Stream-name prefixes (the last part of the stream key) that `streamDelayMs` applies to. */
  slowStreams: string[];
}

const MAX_DELAY_MS = 60_000;
export const DEFAULT_FAULT = 'default';

export class Faults {
  readonly #byName = new Map<string, FaultSettings>();

  /** Replaces the named fault; fields left out keep their defaults (no fault). */
  set(settings: Partial<FaultSettings>, name = DEFAULT_FAULT): FaultSettings {
    const fault = {
      delayMs: Math.min(Math.max(settings.delayMs ?? 0, 0), MAX_DELAY_MS),
      delayPaths: settings.delayPaths ?? [],
      failPaths: settings.failPaths ?? [],
      failStatus: settings.failStatus ?? 503,
      silentPagePaths: settings.silentPagePaths ?? [],
      stuckJoinPaths: settings.stuckJoinPaths ?? [],
      olderPagePaths: settings.olderPagePaths ?? [],
      streamDelayMs: Math.min(Math.max(settings.streamDelayMs ?? 0, 0), MAX_DELAY_MS),
      slowStreams: settings.slowStreams ?? [],
    };
    this.#byName.set(name, fault);
    return fault;
  }

  /** Removes the named fault (by default the one `PUT /faults` sets). */
  reset(name = DEFAULT_FAULT): void {
    this.#byName.delete(name);
  }

  get(name = DEFAULT_FAULT): FaultSettings | undefined {
    return this.#byName.get(name);
  }

  /** The status to fail `path` with, if any fault fails it. */
  failureFor(path: string): number | undefined {
    for (const fault of this.#byName.values()) {
      if (fault.failPaths.some((prefix) => path.startsWith(prefix))) return fault.failStatus;
    }
    return undefined;
  }

  /** Whether the meeting page at `path` is to load and stay silent. */
  silences(path: string): boolean {
    return this.#any((fault) => fault.silentPagePaths, path);
  }

  /** Whether the join of the meeting page at `path` is to go unanswered. */
  stallsJoin(path: string): boolean {
    return this.#any((fault) => fault.stuckJoinPaths, path);
  }

  /** Whether the meeting page at `path` is an older Jitsi (it does not know the newest requests). */
  isOlder(path: string): boolean {
    return this.#any((fault) => fault.olderPagePaths, path);
  }

  #any(prefixes: (fault: FaultSettings) => string[], path: string): boolean {
    for (const fault of this.#byName.values())
      if (prefixes(fault).some((prefix) => path.startsWith(prefix))) return true;
    return false;
  }

  /** Waits as long as Jibri is to take over starting or stopping the stream `streamName`. */
  async streamDelay(streamName: string): Promise<void> {
    let delayMs = 0;
    for (const fault of this.#byName.values()) {
      if (fault.slowStreams.some((prefix) => streamName.startsWith(prefix)))
        delayMs = Math.max(delayMs, fault.streamDelayMs);
    }
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  }

  async delay(path: string): Promise<void> {
    let delayMs = 0;
    for (const fault of this.#byName.values()) {
      if (fault.delayPaths.length === 0 || fault.delayPaths.some((prefix) => path.startsWith(prefix)))
        delayMs = Math.max(delayMs, fault.delayMs);
    }
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}
