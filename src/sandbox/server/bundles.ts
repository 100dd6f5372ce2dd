import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const SANDBOX = new URL('../', import.meta.url);

/** The two scripts the sandbox serves, built from source on first use. */
export const BUNDLES = {
  /** Jitsi's `external_api.js`: a classic script that defines `JitsiMeetExternalAPI`. */
  externalApi: { entry: new URL('external-api/index.ts', SANDBOX), format: 'iife' },
  /** The meeting page's own script (a module; Lit is bundled in). */
  meetingPage: { entry: new URL('meeting-page/index.ts', SANDBOX), format: 'esm' },
} as const satisfies Record<string, { entry: URL; format: BuildOptions['format'] }>;

export type BundleName = keyof typeof BUNDLES;

export class BundleMissingError extends Error {
  override readonly name = 'BundleMissingError';
}

/** Builds each bundle once, lazily; a failed build is forgotten so the next request tries again. */
export class BundleCache {
  readonly #built = new Map<BundleName, Promise<string>>();

  get(name: BundleName): Promise<string> {
    let pending = this.#built.get(name);
    if (!pending) {
      pending = bundle(name);
      this.#built.set(name, pending);
      pending.catch(() => this.#built.delete(name));
    }
    return pending;
  }
}

async function bundle(name: BundleName): Promise<string> {
  const { entry, format } = BUNDLES[name];
  const entryPath = fileURLToPath(entry);
  if (!existsSync(entryPath))
    throw new BundleMissingError(`${entryPath} does not exist yet, so this script cannot be served.`);
  const result = await build({
    entryPoints: [entryPath],
    bundle: true,
    write: false,
    format,
    platform: 'browser',
    target: 'es2022',
    conditions: ['browser', 'production'],
    legalComments: 'none',
    logLevel: 'silent',
    sourcemap: 'inline',
  });
  return result.outputFiles[0]!.text;
}
