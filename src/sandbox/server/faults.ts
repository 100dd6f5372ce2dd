/**
 * Faults a test can switch on through the control API: a slow server (answers delayed) and a failing one
 * (chosen paths answered with an error status), to exercise loading and error states. Faults are kept by name,
 * so that tests running side by side against one sandbox do not undo each other's.
 */
export interface FaultSettings {
  /** Delay before an answer, in milliseconds (not the control API's own). */
  delayMs: number;
  /** Path prefixes the delay applies to; empty: every path. */
  delayPaths: string[];
  /** Path prefixes answered with `failStatus` instead (e.g. `/external_api.js`, `/_sandbox/join`). */
  failPaths: string[];
  failStatus: number;
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

  async delay(path: string): Promise<void> {
    let delayMs = 0;
    for (const fault of this.#byName.values()) {
      if (fault.delayPaths.length === 0 || fault.delayPaths.some((prefix) => path.startsWith(prefix))) delayMs = Math.max(delayMs, fault.delayMs);
    }
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}
