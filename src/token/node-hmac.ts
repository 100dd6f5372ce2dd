import type { Buffer } from 'node:buffer';
import type { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';

/** What the HS256 fast paths take from Node: HMAC with a prepared key, base64url, and a constant-time compare. */
export interface NodeHmac {
  createHmac: typeof createHmac;
  createSecretKey: typeof createSecretKey;
  timingSafeEqual: typeof timingSafeEqual;
  Buffer: typeof Buffer;
}

/**
 * Node's HMAC where the runtime has it (Node ≥ 20.16, Bun, Deno, workers with Node compatibility), otherwise
 * `undefined`. Asked of `process.getBuiltinModule` rather than imported: the token model also runs in browsers,
 * and a bundler that meets `import 'node:crypto'` fails or ships a polyfill; this way it sees no Node module.
 */
export function nodeHmac(): NodeHmac | undefined {
  try {
    const process = (globalThis as { process?: Partial<Pick<NodeJS.Process, 'getBuiltinModule'>> }).process;
    const crypto = process?.getBuiltinModule?.('node:crypto');
    const buffer = process?.getBuiltinModule?.('node:buffer');
    if (!crypto || !buffer) return undefined;
    const { createHmac, createSecretKey, timingSafeEqual } = crypto;
    const { Buffer } = buffer;
    const found = [createHmac, createSecretKey, timingSafeEqual, Buffer?.from].every(
      (part) => typeof part === 'function',
    );
    return found ? { createHmac, createSecretKey, timingSafeEqual, Buffer } : undefined;
  } catch {
    // A runtime that has the function but refuses the module (a sandboxed worker) signs through jose instead.
    return undefined;
  }
}
