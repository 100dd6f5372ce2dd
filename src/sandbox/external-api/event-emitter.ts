/**
 * The part of Node's `EventEmitter` that Jitsi's `JitsiMeetExternalAPI` inherits (it extends the `events`
 * package): listeners run in order with the emitter as `this`, `once` wrappers can be removed by the original
 * function, and removing a listener removes its last registration.
 */

/** Any listener; Jitsi's listeners get the event payload (and, for `_requestDesktopSources`, a callback). */
export type EmitterListener = (...args: any[]) => void;

type Entry = EmitterListener & { listener?: EmitterListener };

/** A minimal Node-compatible event emitter. */
export class EventEmitter {
  #events = new Map<string | symbol, Entry[]>();

  /** Adds `listener` for `event`. */
  on(event: string | symbol, listener: EmitterListener): this {
    const list = this.#events.get(event) ?? [];
    this.#events.set(event, [...list, listener]);
    return this;
  }

  /** Same as `on`. */
  addListener(event: string | symbol, listener: EmitterListener): this {
    return this.on(event, listener);
  }

  /** Adds `listener` for the next `event` only. */
  once(event: string | symbol, listener: EmitterListener): this {
    const wrapper: Entry = (...args) => {
      this.removeListener(event, wrapper);
      listener.apply(this, args);
    };
    wrapper.listener = listener;
    return this.on(event, wrapper);
  }

  /** Removes the most recent registration of `listener` (or of a `once` wrapping it). */
  removeListener(event: string | symbol, listener: EmitterListener): this {
    const list = this.#events.get(event);
    if (!list) return this;
    const index = list.findLastIndex((entry) => entry === listener || entry.listener === listener);
    if (index === -1) return this;
    const rest = list.filter((_, i) => i !== index);
    if (rest.length) this.#events.set(event, rest);
    else this.#events.delete(event);
    return this;
  }

  /** Same as `removeListener`. */
  off(event: string | symbol, listener: EmitterListener): this {
    return this.removeListener(event, listener);
  }

  /** Removes every listener of `event`, or of every event. */
  removeAllListeners(event?: string | symbol): this {
    if (event === undefined) this.#events.clear();
    else this.#events.delete(event);
    return this;
  }

  /** Calls each listener of `event` with `args`; true when there was one. An unheard `'error'` is thrown, as in Node. */
  emit(event: string | symbol, ...args: unknown[]): boolean {
    const list = this.#events.get(event);
    if (!list) {
      if (event === 'error')
        throw args[0] instanceof Error ? args[0] : new Error(`Unhandled error: ${String(args[0])}`);
      return false;
    }
    // The array is replaced, never changed, on add/remove: a listener that removes itself does not skip the next.
    for (const listener of list) listener.apply(this, args);
    return true;
  }

  /** The listeners of `event` (the original functions of `once` registrations). */
  listeners(event: string | symbol): EmitterListener[] {
    return (this.#events.get(event) ?? []).map((entry) => entry.listener ?? entry);
  }

  /** How many listeners `event` has. */
  listenerCount(event: string | symbol): number {
    return this.#events.get(event)?.length ?? 0;
  }

  /** The events that have listeners. */
  eventNames(): Array<string | symbol> {
    return [...this.#events.keys()];
  }
}
