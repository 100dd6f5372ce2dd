import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

interface Manifest {
  modules: { path: string }[];
}

// The analyzer lists modules in the order the file system yields them, which differs between machines.
function byPath(manifest: Manifest): Manifest {
  return { ...manifest, modules: [...manifest.modules].sort((a, b) => a.path.localeCompare(b.path)) };
}

describe('custom-elements.json', () => {
  it('is what the Custom Elements Manifest analyzer makes of the source today', () => {
    // The analyzer joins --outdir onto the working directory, so it gets a relative path.
    const outdir = mkdtempSync(join(tmpdir(), 'nano-meet-cem-'));
    execFileSync(
      join(root, 'node_modules/.bin/cem'),
      ['analyze', '--litelement', '--globs', 'src/elements/**/*.ts', '--outdir', relative(root, outdir), '--quiet'],
      { cwd: root, stdio: 'pipe' },
    );
    const fresh = byPath(JSON.parse(readFileSync(join(outdir, 'custom-elements.json'), 'utf8')));
    const committed = byPath(JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')));
    assert.deepEqual(committed, fresh, 'custom-elements.json is out of date: run `npm run analyze` and commit it.');
  });

  it('describes the three elements by tag name', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
    const tags = manifest.modules
      .flatMap((module: { declarations?: { tagName?: string }[] }) => module.declarations ?? [])
      .map((declaration: { tagName?: string }) => declaration.tagName)
      .filter(Boolean)
      .sort();
    assert.deepEqual(tags, ['nano-meet', 'nano-meet-broadcast-button', 'nano-meet-playout']);
  });
});
