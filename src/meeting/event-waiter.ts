/**
 * Turns "send a command" into "the meeting did it": a wait for the event that confirms it, with a deadline.
 * The element feeds every event it hears into {@link EventWaiter.observe}.
 */
import { MeetingError } from './meeting-error.js';

interface Waiting {
  event: string;
  matches(payload: Record<string, unknown>): boolean;
  resolve(payload: Record<string, unknown>): void;
  reject(error: unknown): void;
  timer: ReturnType<typeof setTimeout>;
}

export class EventWaiter {
  readonly #waiting = new Set<Waiting>();

  constructor(private readonly timeoutMs: () => number) {}

  /** Resolves with the payload of the next `event` for which `matches` holds. */
  next(
    event: string,
    matches: (payload: Record<string, unknown>) => boolean = () => true,
    what = event,
    timeoutMs = this.timeoutMs(),
  ): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const waiting: Waiting = {
        event,
        matches,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#waiting.delete(waiting);
          reject(new MeetingError('timeout', `The meeting did not confirm ${what} within ${timeoutMs / 1000} s.`));
        }, timeoutMs),
      };
      this.#waiting.add(waiting);
    });
  }

  observe(event: string, payload: Record<string, unknown>): void {
    for (const waiting of [...this.#waiting]) {
      if (waiting.event !== event || !safely(() => waiting.matches(payload))) continue;
      clearTimeout(waiting.timer);
      this.#waiting.delete(waiting);
      waiting.resolve(payload);
    }
  }

  /** Fails everything still waiting, e.g. when the meeting is left. */
  cancel(error: MeetingError): void {
    for (const waiting of this.#waiting) {
      clearTimeout(waiting.timer);
      waiting.reject(error);
    }
    this.#waiting.clear();
  }
}

function safely(test: () => boolean): boolean {
  try {
    return test();
  } catch {
    return false;
  }
}
