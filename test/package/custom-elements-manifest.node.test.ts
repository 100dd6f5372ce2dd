import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
    // The analyzer writes its output path into the package.json of its working directory, so it runs in a
    // scratch directory that sees the sources through a link.
    const scratch = mkdtempSync(join(tmpdir(), 'nano-meet-cem-'));
    symlinkSync(join(root, 'src'), join(scratch, 'src'));
    execFileSync(
      join(root, 'node_modules/.bin/cem'),
      ['analyze', '--litelement', '--globs', 'src/elements/**/*.ts', '--outdir', '.', '--quiet'],
      { cwd: scratch, stdio: 'pipe' },
    );
    const outdir = scratch;
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
