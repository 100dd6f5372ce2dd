// Reads docs/production.md as its readers do: the fenced blocks marked `<!-- checked: <name> -->` are the guide's
// example values, which production-guide.node.test.ts holds to the code.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

export const GUIDE = readFileSync(new URL('../../docs/production.md', import.meta.url), 'utf8');

/** The text of the fenced block right after `<!-- checked: <name> -->`. */
export function guideBlock(name: string): string {
  const marker = `<!-- checked: ${name} -->`;
  const at = GUIDE.indexOf(marker);
  assert.notEqual(at, -1, `docs/production.md has no block marked "${marker}"`);
  assert.equal(GUIDE.indexOf(marker, at + 1), -1, `docs/production.md marks two blocks "${marker}"`);
  const block = /^\s*```[\w-]*\n([\s\S]*?)\n```/.exec(GUIDE.slice(at + marker.length));
  assert.ok(block, `"${marker}" is not followed by a fenced block`);
  return block[1]!;
}

/** `KEY=value` lines, as an env file is read (blank lines and `#` comments skipped, no quoting). */
export function envOf(block: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of block.split('\n').map((text) => text.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    const equals = line.indexOf('=');
    assert.ok(equals > 0, `not a KEY=value line: ${line}`);
    const name = line.slice(0, equals);
    assert.equal(env[name], undefined, `${name} is set twice`);
    env[name] = line.slice(equals + 1);
  }
  return env;
}

/** The words of a shell command as the guide writes them: continued lines joined, single quotes taken off. */
export function shellWords(block: string): string[] {
  const words = [...block.replaceAll('\\\n', ' ').matchAll(/'([^']*)'|(\S+)/g)];
  for (const [, , bare] of words) assert.ok(!bare?.includes('"'), `this reader does not undo double quotes: ${bare}`);
  return words.map((word) => word[1] ?? word[2]!);
}

/** The attributes of the first `<tag …>` in an HTML block (values in double quotes). */
export function attributesOf(html: string, tag: string): Record<string, string> {
  const start = new RegExp(`<${tag}\\s([^>]*)>`).exec(html);
  assert.ok(start, `no <${tag}> in the block`);
  return Object.fromEntries(
    [...start[1]!.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map((pair) => [pair[1]!, pair[2] ?? '']),
  );
}
