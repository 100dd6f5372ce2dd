/**
 * When the meeting page tries to resume its broken connection, and when it gives up: lib-jitsi-meet's ResumeTask
 * and XmppConnection (docs/jitsi/failures.md S8). Each break (the first, and every failed try after it) counts one
 * more; the n-th try waits `resumeDelayMs(n)`; once the count passes `attempts` the drop is final. A successful
 * try resets the count. Nothing is reported while it runs: a resumed break is invisible to the host.
 */
import { resumeDelayMs, type ResumeTiming } from './resume-timing.js';

export interface ResumeTaskOptions {
  timing: ResumeTiming;
  /** Try to come back now; report the outcome with {@link ResumeTask.resumed} or {@link ResumeTask.broke}. */
  tryResume(): void;
  /** The last try failed: the connection is lost for good. */
  giveUp(): void;
  random?: () => number;
}

export class ResumeTask {
  readonly #options: ResumeTaskOptions;
  #breaks = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #settle: (() => void) | undefined;
  #settled: Promise<void> = Promise.resolve();

  constructor(options: ResumeTaskOptions) {
    this.#options = options;
  }

  /** True from a break until the connection is back or given up. */
  get resuming(): boolean {
    return this.#settle !== undefined;
  }

  /** Resolves at once while the connection is up; during a resume, once it is back or given up. */
  settled(): Promise<void> {
    return this.#settled;
  }

  /** The connection broke, or a try failed: schedules the next try, or gives up after the last. */
  broke(): void {
    if (this.#timer !== undefined) return;
    if (!this.#settle) this.#settled = new Promise((resolve) => (this.#settle = resolve));
    this.#breaks += 1;
    if (this.#breaks > this.#options.timing.attempts) {
      this.#breaks = 0;
      this.#finish();
      this.#options.giveUp();
      return;
    }
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.#options.tryResume();
      },
      resumeDelayMs(this.#breaks, this.#options.timing.unitMs, this.#options.random),
    );
  }

  /** A try succeeded: the connection is up again, and the next break starts counting afresh. */
  resumed(): void {
    this.#breaks = 0;
    this.#finish();
  }

  /** No more tries (the page closed the connection itself). */
  cancel(): void {
    this.#finish();
  }

  #finish(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#settle?.();
    this.#settle = undefined;
  }
}
