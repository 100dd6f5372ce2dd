import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ServiceError } from '../../src/server/service-error.js';
import { guardStore } from '../../src/server/store/guard-store.js';
import { createMemoryStore } from '../../src/server/store/memory-store.js';
import type { ServiceStore } from '../../src/server/store/service-store.js';
import {
  BASE,
  expectError,
  expectJson,
  inviteRequest,
  issueRoomToken,
  roomRequest,
  serviceWithLog,
} from './server-fixtures.js';

/** The memory store, until `down` is set: then every call fails (`'fail'`) or never answers (`'hang'`). */
function flakyStore() {
  const inner = createMemoryStore();
  const state: { down: false | 'fail' | 'hang' } = { down: false };
  const call =
    <A extends unknown[], R>(method: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      if (state.down === 'fail')
        return Promise.reject(
          Object.assign(new Error('connect ECONNREFUSED redis://:secret@db'), { code: 'ECONNREFUSED' }),
        );
      if (state.down === 'hang') return new Promise(() => {});
      return method(...args);
    };
  const store: ServiceStore = {
    increment: call(inner.increment),
    peek: call(inner.peek),
    setRoomBranding: call(inner.setRoomBranding),
    getRoomBranding: call(inner.getRoomBranding),
    ping: call(inner.ping),
    close: inner.close,
  };
  return { store, state };
}

async function assertUnavailable(promise: Promise<unknown>) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ServiceError);
    assert.equal(error.status, 503);
    assert.equal(error.code, 'store-unavailable');
    assert.equal(error.headers['retry-after'], '5');
    return true;
  });
}

describe('guardStore', () => {
  it('turns a store that never answers into 503 store-unavailable after its timeout', async () => {
    const { store, state } = flakyStore();
    const heard: string[] = [];
    const guarded = guardStore(
      Promise.resolve(store),
      (change, reason) => heard.push(`${change} ${reason ?? ''}`.trim()),
      50,
    );
    state.down = 'hang';
    const started = performance.now();
    await assertUnavailable(guarded.increment('key', 60));
    assert.ok(performance.now() - started < 1000);
    assert.deepEqual(heard, ['unavailable no answer within 50 ms']);
  });

  it('reports an outage once, by error code only, and the recovery once', async () => {
    const { store, state } = flakyStore();
    const heard: string[] = [];
    const guarded = guardStore(Promise.resolve(store), (change, reason) =>
      heard.push(`${change} ${reason ?? ''}`.trim()),
    );
    await guarded.ping();
    state.down = 'fail';
    await assertUnavailable(guarded.ping());
    await assertUnavailable(guarded.getRoomBranding('room'));
    state.down = false;
    await guarded.ping();
    await guarded.ping();
    assert.deepEqual(heard, ['unavailable ECONNREFUSED', 'recovered']);
  });

  it('refuses every call while a store module could not be loaded', async () => {
    const failing = Promise.reject(new Error('Cannot find package'));
    const guarded = guardStore(failing, () => {});
    await assertUnavailable(guarded.peek('key'));
    await guarded.close();
  });
});

describe('the token service while its store is away', () => {
  it('refuses what needs the store with 503 store-unavailable, never unlimited, and serves again when it is back', async () => {
    const { store, state } = flakyStore();
    const { service, entries } = serviceWithLog({ store, rateLimit: { requests: 2, windowSeconds: 60 } });
    const token = await issueRoomToken(service);
    state.down = 'fail';
    for (let attempt = 0; attempt < 5; attempt++) {
      const refused = await service(roomRequest());
      await expectError(refused, 503, 'store-unavailable');
      assert.equal(refused.headers.get('retry-after'), '5');
      await expectError(await service(inviteRequest({ token, moderator: false })), 503, 'store-unavailable');
    }
    await expectError(
      await service(new Request(`${BASE}/api/v1/branding?conferenceFqn=room`)),
      503,
      'store-unavailable',
    );
    await expectError(await service(new Request(`${BASE}/readyz`)), 503, 'store-unavailable');
    await expectJson(await service(new Request(`${BASE}/healthz`)), 200);
    await expectJson(await service(new Request(`${BASE}/.well-known/jwks.json`)), 200);
    state.down = false;
    // The limit was not spent while the store was away, and holds again now: one room left of two.
    await expectJson(await service(roomRequest()), 201);
    await expectError(await service(roomRequest()), 429, 'rate-limited');
    const events = entries
      .filter((entry) => entry.event !== 'request')
      .map((entry) => `${entry.event} ${entry.code ?? ''}`.trim());
    assert.deepEqual(events, ['service-error store-unavailable', 'store-recovered']);
    assert.equal(JSON.stringify(entries).includes('secret@db'), false, 'the store’s error message reached the log');
  });

  it('after close(), answers 503 shutting-down, and closes the store once the requests under way are done', async () => {
    let closed = false;
    const memory = createMemoryStore();
    const { service, entries } = serviceWithLog({ store: { ...memory, close: async () => void (closed = true) } });
    const underWay = service(roomRequest());
    const closing = service.close();
    assert.equal(closed, false);
    await expectJson(await underWay, 201);
    await closing;
    assert.equal(closed, true);
    await expectError(await service(roomRequest()), 503, 'shutting-down');
    assert.equal(entries.at(-1)?.code, 'shutting-down');
  });
});
