/**
 * API keys are stored as SHA-256 digests only, so a leaked configuration grants nothing, and are compared in
 * constant time, so response times do not reveal how much of a guess was right. The presented key is hashed
 * with node:crypto where the runtime has it, else Web Crypto: this runs on Node, serverless and edge alike.
 */
import { nodeSha256 } from './node-sha256.js';

/** A configured API key: the SHA-256 of the key (64 hex digits) and a name for logs. */
export interface ApiKeyHash {
  /** `hashApiKey(key)`: lower- or upper-case hex. */
  sha256: string;
  /** Shown in logs instead of the key (default: the first 8 hex digits of the digest). */
  name?: string;
}

/** A configured key, ready to compare. */
export interface StoredApiKey {
  /** The digest in lower-case hex: a stable id (e.g. for rate limits) that is not the key. */
  id: string;
  name: string;
  digest: Uint8Array;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/i;

/**
 * The SHA-256 of an API key as 64 lower-case hex digits: what goes into the configuration
 * (`NANO_MEET_API_KEY_HASHES` or `apiKeys[].sha256`) instead of the key itself.
 */
export async function hashApiKey(key: string): Promise<string> {
  if (typeof key !== 'string' || key.length === 0)
    throw new TypeError('hashApiKey needs the API key as a non-empty string.');
  return [...(await sha256(key))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function storeApiKey({ sha256: hex, name }: ApiKeyHash): StoredApiKey {
  const digest = Uint8Array.from(hex.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
  const id = hex.toLowerCase();
  return { id, name: name ?? `sha256:${id.slice(0, 8)}`, digest };
}

/**
 * Compares two byte strings in time that depends only on their lengths: every byte is read and folded
 * into one accumulator, with no early exit (Web Crypto has no `timingSafeEqual`).
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let index = 0; index < length; index++) difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return difference === 0;
}

/**
 * The configured key that `presented` is, or undefined. Every configured key is compared, also after a
 * match, so that the time taken does not tell which key (or whether the first one) matched.
 */
export async function findApiKey(
  presented: string,
  keys: readonly StoredApiKey[],
  compare: (a: Uint8Array, b: Uint8Array) => boolean = constantTimeEqual,
): Promise<StoredApiKey | undefined> {
  const digest = await sha256(presented);
  let found: StoredApiKey | undefined;
  for (const key of keys) {
    if (compare(digest, key.digest) && found === undefined) found = key;
  }
  return found;
}

// On the calling thread: Web Crypto sends every digest to Node's thread pool, which cost more than signing the
// token (a tenth of a request's CPU time). Looked up once, on first use.
let hashOnThisThread: ((text: string) => Uint8Array) | undefined | null = null;

async function sha256(text: string): Promise<Uint8Array> {
  if (hashOnThisThread === null) hashOnThisThread = nodeSha256();
  if (hashOnThisThread) return hashOnThisThread(text);
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}
