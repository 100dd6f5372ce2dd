import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface TokenClockCallbacks {
  /** The token's window has opened (`nbf` reached). */
  onOpen(): void;
  /** `exp` is less than the warning time away. */
  onExpiring(expiresAt: Date): void;
  /** `exp` has passed. */
  onExpired(): void;
}

// setTimeout holds at most 2^31−1 ms (about 24.8 days); longer waits are done in steps.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Wakes the element at the moments of a token's window that matter: when it opens, a configurable time
 * before it ends, and when it ends. Timers live only while the element is connected.
 */
export class TokenClock implements ReactiveController {
  private timers: ReturnType<typeof setTimeout>[] = [];
  private window?: { notBefore: Date; expiresAt: Date; warnBeforeMs: number };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly callbacks: TokenClockCallbacks,
    private readonly now: () => number = Date.now,
  ) {
    host.addController(this);
  }

  /** Watches a new window (or none), replacing the previous one. */
  watch(window: { notBefore: Date; expiresAt: Date; warnBeforeMs: number } | undefined): void {
    this.window = window;
    this.schedule();
  }

  hostConnected(): void {
    this.schedule();
  }

  hostDisconnected(): void {
    this.clear();
  }

  private schedule() {
    this.clear();
    const window = this.window;
    if (!window) return;
    const now = this.now();
    const opensIn = window.notBefore.getTime() - now;
    if (opensIn > 0) this.at(opensIn, () => this.callbacks.onOpen());
    const warnIn = window.expiresAt.getTime() - window.warnBeforeMs - now;
    if (warnIn > 0) this.at(warnIn, () => this.callbacks.onExpiring(window.expiresAt));
    else if (window.expiresAt.getTime() > now)
      queueMicrotask(() => this.window === window && this.callbacks.onExpiring(window.expiresAt));
    const endsIn = window.expiresAt.getTime() - now;
    if (endsIn > 0) this.at(endsIn, () => this.callbacks.onExpired());
  }

  private at(delayMs: number, callback: () => void) {
    if (delayMs > MAX_TIMEOUT_MS) {
      this.timers.push(setTimeout(() => this.schedule(), MAX_TIMEOUT_MS));
      return;
    }
    this.timers.push(setTimeout(callback, delayMs));
  }

  private clear() {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }
}
