import { ServiceError } from '../service-error.js';
import { isInProcessStore } from './memory-store.js';
import type { ServiceStore } from './service-store.js';

/** What the service hears from {@link guardStore}: the store stopped answering, or answers again. */
export interface StoreHealthListener {
  (state: 'unavailable' | 'recovered', reason?: string): void;
}

/** How long a request waits for the store before it is answered 503: a Redis that hangs must not hang the service. */
export const STORE_TIMEOUT_MS = 2000;
/** What a client is told to wait before trying again while the store is away, in seconds. */
const RETRY_AFTER_SECONDS = '5';

/**
 * The store as the service uses it: `load` may still be on its way (a store module imported on demand), every
 * call gives up after `timeoutMs`, and every failure becomes a 503 `store-unavailable` refusal, so that a store
 * that is away never lets a request through unlimited, never crashes the service and never hangs it. `onHealth`
 * hears once when the store goes away and once when it is back (not on every refused request).
 */
export function guardStore(
  load: Promise<ServiceStore>,
  onHealth: StoreHealthListener,
  timeoutMs = STORE_TIMEOUT_MS,
): ServiceStore {
  let available = true;
  // The memory store answers from this process's maps, so it cannot hang: once it is there, its calls need no
  // timer (a timer and a race per call cost a few µs, as much as hashing the API key).
  let inProcess: ServiceStore | undefined;
  load.then(
    (store) => {
      if (isInProcessStore(store)) inProcess = store;
    },
    () => {},
  );

  async function run<T>(operation: (store: ServiceStore) => Promise<T>): Promise<T> {
    if (inProcess) {
      try {
        return answered(await operation(inProcess));
      } catch (error) {
        throw unavailable(error);
      }
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return answered(await Promise.race([load.then(operation), timeout]));
    } catch (error) {
      throw unavailable(error);
    } finally {
      clearTimeout(timer);
    }
  }

  function answered<T>(result: T): T {
    if (!available) onHealth('recovered');
    available = true;
    return result;
  }

  function unavailable(error: unknown): ServiceError {
    // By code or name only: a client's message could quote its connection URL, password included.
    if (available) onHealth('unavailable', reasonOf(error));
    available = false;
    return new ServiceError(
      503,
      'store-unavailable',
      'The token service cannot reach its store (Redis) just now; try again in a few seconds.',
      {
        'retry-after': RETRY_AFTER_SECONDS,
      },
    );
  }

  return {
    increment: (key, windowSeconds) => run((store) => store.increment(key, windowSeconds)),
    peek: (key) => run((store) => store.peek(key)),
    setRoomBranding: (key, json, ttlSeconds) => run((store) => store.setRoomBranding(key, json, ttlSeconds)),
    getRoomBranding: (key) => run((store) => store.getRoomBranding(key)),
    ping: () => run((store) => store.ping()),
    close: () => load.then((store) => store.close()).catch(() => {}),
  };
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return /^no answer within \d+ ms$/.test(error.message) ? error.message : error.name;
}
