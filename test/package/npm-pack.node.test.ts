import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(new URL('package.json', `file://${root}`), 'utf8'));

interface PackResult {
  files: { path: string }[];
}

// What `npm publish` would put in the tarball, after `npm run build`.
function packedFiles(): string[] {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [result] = JSON.parse(output) as PackResult[];
  return result!.files.map((file) => file.path).sort();
}

/** Every file an `exports` condition, `main`, `module`, `types` or `bin` points to. */
function entryPoints(): string[] {
  const targets = (value: unknown): string[] =>
    typeof value === 'string'
      ? [value]
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(targets)
        : [];
  return [...targets(pkg.exports), pkg.main, pkg.module, pkg.types, ...targets(pkg.bin)].map((path: string) =>
    path.replace(/^\.\//, ''),
  );
}

describe('npm pack', () => {
  const files = packedFiles();

  it('ships only dist/, custom-elements.json, README.md and package.json, with the license text in dist/LICENSE', () => {
    // The top level of the repository is fixed, so the build copies src/LICENSE into dist/.
    const allowed = (path: string) =>
      path.startsWith('dist/') || ['custom-elements.json', 'README.md', 'package.json'].includes(path);
    assert.deepEqual(
      files.filter((path) => !allowed(path)),
      [],
    );
    for (const path of ['README.md', 'package.json', 'custom-elements.json', 'dist/LICENSE'])
      assert.ok(files.includes(path), `${path} is shipped`);
    assert.match(
      readFileSync(new URL('dist/LICENSE', `file://${root}`), 'utf8'),
      new RegExp(`^${pkg.license} License`),
    );
  });

  it('ships no tests, sources, sandbox, demo or benchmarks', () => {
    const unwanted = files.filter(
      (path) =>
        /(^|\/)(test|src|sandbox|demo|bench|tooling|node_modules)\//.test(path) ||
        /\.test\.|\.spec\./.test(path) ||
        /\.tsx?$/.test(path.replace(/\.d\.ts$/, '')),
    );
    assert.deepEqual(unwanted, []);
  });

  it('ships every entry point package.json names', () => {
    const missing = entryPoints().filter((path) => !files.includes(path));
    assert.deepEqual(missing, [], 'run `npm run build` first, or a target in package.json is wrong');
  });

  it('ships the framework typings, the React wrapper and the VS Code data', () => {
    for (const path of [
      'dist/types/react.d.ts',
      'dist/types/vue.d.ts',
      'dist/types/jsx.d.ts',
      'dist/react/index.js',
      'dist/react/index.d.ts',
      'dist/vscode.html-custom-data.json',
    ]) {
      assert.ok(files.includes(path), path);
    }
  });
});
