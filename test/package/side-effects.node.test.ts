// package.json's sideEffects tells an app's bundler which of nano-meet's modules it may drop when nothing is used
// from them: a module imported only for what it does (`import './x.js'`, e.g. src/i18n/english-for-elements.ts)
// must be listed, or the app's bundle silently loses what it does.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { sideEffects } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { sideEffects: string[] };

/** `./dist/cdn/*.js` as a pattern: `*` stands for any name within one folder. */
const listed = (file: string) =>
  sideEffects.some((pattern) =>
    new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*')}$`).test(file),
  );

/** The browser's and the library's sources (the sandbox is never published as a module of its own). */
function sources(folder = join(root, 'src')): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'sandbox' ? [] : sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe("package.json's sideEffects", () => {
  it('lists every module src imports only for its side effects', () => {
    const imported = sources().flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^import '(\.[^']+)';$/gm)].map((match) =>
        `./${relative(root, join(dirname(file), match[1]!))}`.replace(/^\.\/src\//, './dist/'),
      ),
    );
    assert.ok(imported.includes('./dist/i18n/english-for-elements.js'), imported.join(', '));
    const unlisted = imported.filter((file) => !listed(file));
    assert.deepEqual(unlisted, []);
  });
});
