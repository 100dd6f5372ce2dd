/**
 * Faults a test can switch on through the control API: a slow server (every answer delayed) and a
 * failing one (chosen paths answered with an error status), to exercise loading and error states.
 */
export interface FaultSettings {
  /** Delay before every answer except the control API's own, in milliseconds. */
  delayMs: number;
  /** Path prefixes answered with `failStatus` instead (e.g. `/external_api.js`, `/_sandbox/join`). */
  failPaths: string[];
  failStatus: number;
}

const NONE: FaultSettings = { delayMs: 0, failPaths: [], failStatus: 503 };
const MAX_DELAY_MS = 60_000;

export class Faults {
  #settings: FaultSettings = NONE;

  get settings(): FaultSettings {
    return this.#settings;
  }

  /** Replaces the settings; fields left out keep their defaults (no fault). */
  set(settings: Partial<FaultSettings>): FaultSettings {
    this.#settings = {
      delayMs: Math.min(Math.max(settings.delayMs ?? 0, 0), MAX_DELAY_MS),
      failPaths: settings.failPaths ?? [],
      failStatus: settings.failStatus ?? 503,
    };
    return this.#settings;
  }

  reset(): void {
    this.#settings = NONE;
  }

  /** The status to fail `path` with, if it is to fail. */
  failureFor(path: string): number | undefined {
    return this.#settings.failPaths.some((prefix) => path.startsWith(prefix)) ? this.#settings.failStatus : undefined;
  }

  async delay(): Promise<void> {
    const { delayMs } = this.#settings;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}
