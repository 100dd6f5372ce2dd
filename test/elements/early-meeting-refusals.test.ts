/**
 * The pre-iframe core (src/elements/early-meeting) runs before `<nano-meet>`'s own code: whatever the element
 * refuses before its token or the page's data reach a server, the core must refuse too, or the token reaches a
 * server the element never would have contacted. One page holds one `<nano-meet>` per case; the core runs on all of
 * them, then the element is defined and each says whether it opens its meeting. Both must agree on every case.
 */
import { expect } from '@open-wc/testing';
import { sandbox, token, uniqueRoom } from '../support/sandbox.js';
import { earlyPage, externalScriptsOf, iframesOf, onServer, preconnectsOf, withClaims } from './support/early-page.js';

interface Case {
  name: string;
  /** The element's attributes, as HTML. */
  attributes: string;
  /** Own properties the page set before the element was defined (they win over the attributes, as in Lit). */
  properties?: Record<string, unknown>;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

describe('<nano-meet> before its code: the pre-iframe core refuses whatever the element refuses', function () {
  this.timeout(30_000);

  it('token, window, room, server, override, allowlist, loader and page properties of any type: the same verdict', async () => {
    const { server } = await sandbox();
    const { server: other } = await sandbox(1);
    const port = server.split(':')[1];
    const [open, external, viaProperty, byArray, expired, later] = await Promise.all([
      token(await sandbox(), { room: uniqueRoom('parity_open') }),
      token(await sandbox(), { room: uniqueRoom('parity_external') }),
      token(await sandbox(), { room: uniqueRoom('parity_property') }),
      token(await sandbox(), { room: uniqueRoom('parity_array') }),
      token(await sandbox(), { room: uniqueRoom('parity_expired'), validFrom: -120, validFor: 60 }),
      token(await sandbox(), { room: uniqueRoom('parity_later'), validFrom: 3600 }),
    ]);
    const listed = `allowed-servers="${server}"`;
    const tokenOn = (jwt: string) => `token="${escape(jwt)}"`;
    // Hosts a page may never be made to contact by a token or a `server` it did not list; the first three are hosts,
    // the others are not (a path, user-info, a scheme, lookalike letters, a port out of range, two ports, space).
    const unlisted = ['evil.invalid', `[::1]:${port}`, other];
    const notHosts = [
      'evil.invalid/path',
      `evil.invalid/@${server}`,
      `${server}@evil.invalid`,
      `a@${server}`,
      'javascript:alert(1)',
      `ｌocalhost:${port}`,
      `locaⅼhost:${port}`,
      `[::1]:${port}/x`,
      `localhost:${port}0000`,
      'localhost:0',
      `[${server}]`,
      `${server}:443`,
      ` ${server}`,
    ];
    const hostileHosts = [...unlisted, ...notHosts];
    const cases: Case[] = [
      { name: 'allowed (control)', attributes: `${tokenOn(open)} ${listed}` },
      { name: 'external, listed (control)', attributes: `${tokenOn(external)} ${listed} loader="external"` },
      { name: 'no token', attributes: listed },
      { name: 'malformed token', attributes: `token="a.b.c" ${listed}` },
      { name: 'expired token', attributes: `${tokenOn(expired)} ${listed}` },
      { name: 'token not valid yet', attributes: `${tokenOn(later)} ${listed}` },
      { name: 'room name invalid', attributes: `${tokenOn(withClaims(open, (c) => (c.room = 'a/b')))} ${listed}` },
      {
        name: 'exp before nbf',
        attributes: `${tokenOn(withClaims(open, (c) => (c.exp = (c.nbf as number) - 1)))} ${listed}`,
      },
      ...hostileHosts.map((host) => ({
        name: `token names ${JSON.stringify(host)}, listed ${server}`,
        attributes: `${tokenOn(onServer(open, host))} ${listed}`,
      })),
      // A page without a list allows any host for the native route (server-allowlist.ts): only the others here.
      ...notHosts.map((host) => ({
        name: `token names ${JSON.stringify(host)}, no list`,
        attributes: tokenOn(onServer(open, host)),
      })),
      ...hostileHosts.map((host) => ({
        name: `server="${host}", listed ${server}`,
        attributes: `${tokenOn(open)} server="${escape(host)}" ${listed}`,
      })),
      ...hostileHosts.map((host) => ({
        name: `server="${host}", no list`,
        attributes: `${tokenOn(open)} server="${escape(host)}"`,
      })),
      {
        name: 'server listed only with user-info',
        attributes: `${tokenOn(open)} allowed-servers="https://a@${server}"`,
      },
      { name: 'server listed only as http', attributes: `${tokenOn(open)} allowed-servers="http://${server}"` },
      { name: 'an empty list', attributes: `${tokenOn(open)} allowed-servers=""` },
      { name: 'external, no list', attributes: `${tokenOn(open)} loader="external"` },
      {
        name: 'external, another server listed',
        attributes: `${tokenOn(open)} loader="external" allowed-servers="${other}"`,
      },
      // A page (or a framework's binding) may set properties on the element before it is defined; Lit then uses
      // the property as it is, null and undefined included, whatever the attribute says.
      {
        name: 'token property null over a token attribute',
        attributes: `${tokenOn(open)} ${listed}`,
        properties: { token: null },
      },
      {
        name: 'token property empty over a token attribute',
        attributes: `${tokenOn(open)} ${listed}`,
        properties: { token: '' },
      },
      // A server property null (the attribute removed) or undefined is no server: the token's (server-settings.ts).
      { name: 'server property null', attributes: tokenOn(open), properties: { server: null } },
      { name: 'server property undefined', attributes: tokenOn(open), properties: { server: undefined } },
      {
        name: 'server property over a listed server attribute',
        attributes: `${tokenOn(open)} server="${server}" allowed-servers="${server} ${other}"`,
        properties: { server: 'evil.invalid' },
      },
      {
        name: 'allowed-servers property empty over the attribute',
        attributes: `${tokenOn(open)} loader="external" ${listed}`,
        properties: { allowedServers: '' },
      },
      // A framework may pass allowedServers as an array of servers; anything else that is not text allows nothing,
      // and a server that is not text is none (server-settings.ts).
      {
        name: 'allowedServers an array',
        attributes: tokenOn(byArray),
        properties: { allowedServers: [other, server] },
      },
      {
        name: 'allowedServers an array without it',
        attributes: tokenOn(open),
        properties: { allowedServers: [other] },
      },
      { name: 'allowedServers an empty array', attributes: tokenOn(open), properties: { allowedServers: [] } },
      ...[42, true, { list: server }, [server, 42], 10n].map((list) => ({
        name: `allowedServers ${typeof list} ${Array.isArray(list) ? 'array' : ''}`,
        attributes: tokenOn(open),
        properties: { allowedServers: list },
      })),
      ...[8443, [server], 10n, { host: server }].map((value) => ({
        name: `server ${typeof value} ${Array.isArray(value) ? 'array' : ''}`,
        attributes: `${tokenOn(open)} ${listed}`,
        properties: { server: value },
      })),
      {
        name: 'loader property null over loader="external"',
        attributes: `${tokenOn(viaProperty)} loader="external"`,
        properties: { loader: null },
      },
    ];
    const body = cases.map((each, index) => `<nano-meet id="case${index}" ${each.attributes}></nano-meet>`).join('');
    const { frame, win, core, define } = await earlyPage(body);
    try {
      const elements = cases.map((_, index) => win.document.getElementById(`case${index}`)!);
      cases.forEach((each, index) => Object.assign(elements[index]!, each.properties ?? {}));

      // One element at a time, as the core's watcher does for each: without a branding the core works synchronously,
      // so what it started is on the page at once. The page's script loads are forgotten between two elements, so
      // that each starts its own (load-external-api.ts keeps one per page).
      const loads = (win as unknown as Record<symbol, Map<string, unknown>>)[
        Symbol.for('nano-meet.external-api-loads')
      ];
      const scripts: string[] = [];
      const thrown: string[] = [];
      const early = elements.map((element) => {
        loads?.clear();
        for (const script of win.document.querySelectorAll('script[src$="/external_api.js"]')) script.remove();
        core.open(element).catch((error: unknown) => thrown.push(String(error)));
        scripts.push(...externalScriptsOf(win));
        return iframesOf(element).length > 0 || externalScriptsOf(win).length > 0;
      });
      expect(scripts, 'only the listed server’s script').to.deep.equal([`https://${server}/external_api.js`]);
      const preconnects = preconnectsOf(win);
      await new Promise((resolve) => setTimeout(resolve));
      expect(thrown, 'what the core threw').to.deep.equal([]);

      await define();
      const states = await Promise.all(
        elements.map(async (element) => {
          await (element as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
          return (element as HTMLElement & { state: string }).state;
        }),
      );
      const opens = states.map((state) => state === 'loading' || state === 'joined');
      const verdicts = cases.map((each, index) => `${each.name}: core ${early[index]}, element ${opens[index]}`);
      const disagreements = verdicts.filter((_, index) => early[index] !== opens[index]);
      expect(disagreements, 'cases where the core and the element disagree').to.deep.equal([]);
      // Without a branding to wait for, the iframe or the script opens its connection itself (early-meeting.ts).
      expect(preconnects, 'no connection is opened ahead of the iframe').to.deep.equal([]);
      expect(
        opens.filter(Boolean).length,
        'the controls, the null loader, the array, no server property open',
      ).to.equal(6);
    } finally {
      frame.remove();
    }
  });
});
