import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions } from 'esbuild';

const SANDBOX = new URL('../', import.meta.url);

/**
 * The two scripts the sandbox serves, built from source on first use: minified, as a Jitsi deployment serves its
 * own (`/external_api.js` is `libs/external_api.min.js` there), with the source map beside the script rather than
 * inline, so that a page downloads what it would download from Jitsi and developer tools still show the source.
 */
export const BUNDLES = {
  /** Jitsi's `external_api.js`: a classic script that defines `JitsiMeetExternalAPI`. */
  externalApi: {
    entry: new URL('external-api/index.ts', SANDBOX),
    format: 'iife',
    sourceMapPath: '/libs/external_api.min.map',
  },
  /** The meeting page's own script (a module; Lit is bundled in). */
  meetingPage: {
    entry: new URL('meeting-page/index.ts', SANDBOX),
    format: 'esm',
    sourceMapPath: '/_sandbox/meeting-page.js.map',
  },
} as const satisfies Record<string, { entry: URL; format: BuildOptions['format']; sourceMapPath: string }>;

export type BundleName = keyof typeof BUNDLES;

/** A built script: as text, gzipped for clients that accept it, and its source map. */
export interface BuiltBundle {
  code: string;
  /**
   * Jitsi's nginx configuration turns `gzip` on for JavaScript and sets no level: nginx's default, 1, is what a
   * deployment sends.
   */
  gzipped: Buffer;
  sourceMap: string;
}

export class BundleMissingError extends Error {
  override readonly name = 'BundleMissingError';
}

/** Builds each bundle once, lazily; a failed build is forgotten so the next request tries again. */
export class BundleCache {
  readonly #built = new Map<BundleName, Promise<BuiltBundle>>();

  get(name: BundleName): Promise<BuiltBundle> {
    let pending = this.#built.get(name);
    if (!pending) {
      pending = bundle(name);
      this.#built.set(name, pending);
      pending.catch(() => this.#built.delete(name));
    }
    return pending;
  }
}

async function bundle(name: BundleName): Promise<BuiltBundle> {
  const { entry, format, sourceMapPath } = BUNDLES[name];
  const entryPath = fileURLToPath(entry);
  if (!existsSync(entryPath))
    throw new BundleMissingError(`${entryPath} does not exist yet, so this script cannot be served.`);
  const result = await build({
    entryPoints: [entryPath],
    // Not written: names the output files only.
    outfile: fileURLToPath(new URL(`${name}.js`, SANDBOX)),
    bundle: true,
    write: false,
    format,
    platform: 'browser',
    target: 'es2022',
    conditions: ['browser', 'production'],
    legalComments: 'none',
    logLevel: 'silent',
    minify: true,
    sourcemap: 'external',
  });
  const output = (suffix: string) => result.outputFiles.find((file) => file.path.endsWith(suffix))!.text;
  // An absolute path: the script is served under more than one name.
  const code = `${output('.js')}//# sourceMappingURL=${sourceMapPath}\n`;
  return { code, gzipped: gzipSync(code, { level: 1 }), sourceMap: output('.js.map') };
}
