/**
 * The page's list of meeting servers: how entries are read, and what it refuses (the document side, meta and
 * attribute together, is tested in the browser: test/elements/nano-meet-allowed-servers.test.ts).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { translate } from '../../src/i18n/catalogue.js';
import { normalizeServer, parseServerList, type ServerUse } from '../../src/meeting/server-allowlist.js';
import { serverRefusal as refusalText } from '../../src/meeting/server-refusal.js';

/** The refusal as English words. */
const serverRefusal = (use: ServerUse, allowed: ReadonlySet<string> | undefined) => {
  const refusal = refusalText(use, allowed);
  return refusal && translate('en', refusal);
};

describe('server allowlist', () => {
  it('reads https origins and hosts alike, in lower case and without the default port', () => {
    assert.deepEqual(
      [
        ...parseServerList(
          ' https://Meet.Example.org, backup.example.org:8443\nhttps://x.example:443/tenant  [::1]:8443 ',
        ),
      ],
      ['meet.example.org', 'backup.example.org:8443', 'x.example', '[::1]:8443'],
    );
    assert.equal(normalizeServer('meet.example.org:443'), 'meet.example.org');
  });

  it('ignores entries that cannot name a meeting server, so they allow nothing', () => {
    for (const entry of [
      'http://meet.example.org',
      'javascript:alert(1)',
      'https://user@meet.example.org',
      'evil.example/@meet.example.org',
      '*',
      '',
      'https://',
    ]) {
      assert.equal(normalizeServer(entry), undefined, entry);
    }
  });

  it('refuses a server that a list leaves out, whether the token or the server attribute names it', () => {
    const allowed = parseServerList('meet.example.org');
    assert.equal(serverRefusal({ server: 'meet.example.org', overridden: false, external: false }, allowed), undefined);
    assert.equal(
      serverRefusal({ server: 'MEET.example.org:443', overridden: false, external: true }, allowed),
      undefined,
    );
    assert.match(
      serverRefusal({ server: 'evil.example', overridden: false, external: false }, allowed)!,
      /evil\.example, a server this page does not allow/,
    );
    assert.match(
      serverRefusal({ server: 'evil.example', overridden: true, external: false }, allowed)!,
      /server attribute names evil\.example/,
    );
    assert.notEqual(
      serverRefusal({ server: 'meet.example.org', overridden: false, external: false }, new Set()),
      undefined,
    );
  });

  it('without a list: any server for the native route, none for the external route or a server override', () => {
    assert.equal(
      serverRefusal({ server: 'meet.example.org', overridden: false, external: false }, undefined),
      undefined,
    );
    assert.match(
      serverRefusal({ server: 'meet.example.org', overridden: false, external: true }, undefined)!,
      /loader="external"/,
    );
    assert.match(
      serverRefusal({ server: 'meet.example.org', overridden: true, external: false }, undefined)!,
      /lists no servers/,
    );
  });
});
