// Server-side rendering (Next.js, Astro, …) imports the package under Node, where there is no DOM.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));

describe('the built package under Node', () => {
  // Types-only entries (framework typings) have nothing to import at run time.
  const runtime = (name: string) => typeof pkg.exports[name] === 'string' || 'default' in pkg.exports[name];
  for (const entry of Object.keys(pkg.exports).filter(
    (name) => !name.endsWith('.json') && !name.startsWith('./cdn/') && runtime(name),
  )) {
    it(`imports ${entry} without throwing`, async () => {
      const specifier = entry === '.' ? 'nano-meet' : `nano-meet/${entry.slice(2)}`;
      const module = await import(specifier);
      assert.ok(Object.keys(module).length > 0, `${specifier} exports something`);
    });
  }

  it('exports the elements, NanoMeet and decodeToken from the main entry', async () => {
    const main: Record<string, unknown> = await import('nano-meet');
    for (const name of [
      'NanoMeetElement',
      'NanoMeetBroadcastButtonElement',
      'NanoMeetPlayoutElement',
      'NanoMeet',
      'decodeToken',
    ]) {
      assert.equal(typeof main[name], 'function', name);
    }
  });

  it('issues tokens only from nano-meet/server, which browsers resolve to a guard that refuses to load', async () => {
    const server = await import('nano-meet/server');
    assert.equal(typeof server.createRoomToken, 'function');
    assert.equal(typeof server.createInviteToken, 'function');
    const main = await import('nano-meet');
    assert.equal('createRoomToken' in main, false);
    assert.equal(pkg.exports['./server'].browser, './dist/server/browser-guard.js');
    await assert.rejects(import(new URL('dist/server/browser-guard.js', root).href), /must run on a server/);
  });
});

describe('the CDN bundles', () => {
  for (const file of ['dist/cdn/nano-meet.js', 'dist/cdn/nano-meet.iife.js']) {
    it(`${file} carries no token-signing code`, () => {
      const source = readFileSync(new URL(file, root), 'utf8');
      // Method names survive minification: these exist only in jose's signing code.
      assert.equal(/setProtectedHeader|importPKCS8/.test(source), false);
    });
  }
});
