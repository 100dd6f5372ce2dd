import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hashApiKey } from '../../src/server/index.js';
import { constantTimeEqual, findApiKey, storeApiKey } from '../../src/server/api-keys.js';
import { nodeSha256 } from '../../src/server/node-sha256.js';
import { API_KEY, API_KEY_SHA256 } from './server-fixtures.js';

/** A byte array that counts how often its bytes are read. */
function counted(bytes: Uint8Array) {
  const reads = { count: 0 };
  const proxy = new Proxy(bytes, {
    get(target, property) {
      if (typeof property === 'string' && /^\d+$/.test(property)) reads.count++;
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { bytes: proxy, reads };
}

describe('API keys', () => {
  it('hashApiKey is the SHA-256 of the key in lower-case hex', async () => {
    assert.equal(await hashApiKey(API_KEY), API_KEY_SHA256);
    assert.equal(await hashApiKey('abc'), createHash('sha256').update('abc').digest('hex'));
    await assert.rejects(hashApiKey(''), TypeError);
  });

  it('hashes a presented key on this thread into the very bytes Web Crypto makes of it', async () => {
    const hash = nodeSha256();
    assert.ok(hash, 'Node has node:crypto');
    // ASCII, multi-byte UTF-8, and a lone surrogate (both encode it as U+FFFD).
    for (const key of [API_KEY, 'schlüssel-🔑', 'broken-\ud800-pair', ' ']) {
      const webCrypto = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key)));
      assert.deepEqual(new Uint8Array(hash(key)), webCrypto, key);
    }
  });

  it('constantTimeEqual tells equal from different byte strings, of any length', () => {
    assert.equal(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3])), true);
    assert.equal(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4])), false);
    assert.equal(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2])), false);
    assert.equal(constantTimeEqual(new Uint8Array([0]), new Uint8Array([])), false);
    assert.equal(constantTimeEqual(new Uint8Array([]), new Uint8Array([])), true);
  });

  it('constantTimeEqual reads every byte even when the first one differs (no early exit)', () => {
    const a = counted(new Uint8Array(32).fill(1));
    const b = counted(new Uint8Array(32).fill(2));
    assert.equal(constantTimeEqual(a.bytes, b.bytes), false);
    assert.equal(a.reads.count, 32);
    assert.equal(b.reads.count, 32);
  });

  it('findApiKey compares the digest with every stored key, also after a match, with the constant-time compare', async () => {
    const stored = [
      storeApiKey({ sha256: API_KEY_SHA256, name: 'first' }),
      storeApiKey({ sha256: 'ab'.repeat(32) }),
      storeApiKey({ sha256: 'cd'.repeat(32) }),
    ];
    const compared: Uint8Array[] = [];
    const spy = (a: Uint8Array, b: Uint8Array) => {
      compared.push(b);
      return constantTimeEqual(a, b);
    };
    assert.equal((await findApiKey(API_KEY, stored, spy))?.name, 'first');
    assert.deepEqual(
      compared,
      stored.map((key) => key.digest),
    );
    assert.equal(await findApiKey('nm_live_unknown', stored), undefined);
  });

  it('the service checks keys only through findApiKey with its default, constant-time compare (structure)', () => {
    const source = (file: string) => readFileSync(new URL(`../../src/server/${file}`, import.meta.url), 'utf8');
    assert.match(source('api-keys.ts'), /compare: \(a: Uint8Array, b: Uint8Array\) => boolean = constantTimeEqual/);
    const service = source('token-service.ts');
    assert.match(service, /await findApiKey\(presented, apiKeys\)/);
    // No other comparison of a presented key anywhere in the service.
    assert.doesNotMatch(service, /presented\s*[!=]==/);
    assert.doesNotMatch(service, /timingSafeEqual|\.digest\s*===/);
  });

  it('stores digests given in upper-case hex too, and names unnamed keys by a digest prefix', async () => {
    const key = storeApiKey({ sha256: API_KEY_SHA256.toUpperCase() });
    assert.equal(key.name, `sha256:${API_KEY_SHA256.slice(0, 8)}`);
    assert.equal((await findApiKey(API_KEY, [key]))?.id, API_KEY_SHA256);
  });
});
