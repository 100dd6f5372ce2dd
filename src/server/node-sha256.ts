/**
 * SHA-256 through node:crypto where the runtime has it (Node ≥ 20.16, Bun, Deno, workers with Node compatibility),
 * otherwise `undefined`. Asked of `process.getBuiltinModule` rather than imported, as src/token/node-hmac.ts does:
 * the service also runs on edge runtimes that have no node:crypto, and a bundler must not meet the import.
 */
export function nodeSha256(): ((text: string) => Uint8Array) | undefined {
  try {
    const process = (globalThis as { process?: Partial<Pick<NodeJS.Process, 'getBuiltinModule'>> }).process;
    const crypto = process?.getBuiltinModule?.('node:crypto');
    // The one-shot hash (Node ≥ 20.12) takes a third less time than a Hash object for a key's few bytes.
    const hash = crypto?.hash;
    if (typeof hash === 'function') return (text) => hash('sha256', text, 'buffer');
    const createHash = crypto?.createHash;
    if (typeof createHash !== 'function') return undefined;
    return (text) => createHash('sha256').update(text, 'utf8').digest();
  } catch {
    // A runtime that has the function but refuses the module (a sandboxed worker) hashes through Web Crypto.
    return undefined;
  }
}
