/**
 * A production page's origins, each behind its own delaying proxy on one shared access link: the page
 * (`page.bench.test`), the CDN nano-meet comes from (`cdn.bench.test`), and the meeting server
 * (`meet.bench.test`, the Jitsi sandbox). Chromium reaches them by name through `--host-resolver-rules`, so every
 * connection it opens pays the network's handshakes.
 *
 * All three are HTTPS, as in production (self-signed; Chromium runs with --ignore-certificate-errors), so the
 * TLS handshake's round trip is paid too. They speak HTTP/2, as production CDNs and Jitsi's nginx do: a meeting
 * page fetches all it needs over one connection. DNS look-ups are not played: a CDN's name would cost the page one
 * more round trip in production.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startSandbox, type RunningSandbox } from '../src/sandbox/server/sandbox-server.js';
import { selfSignedCertificate } from '../src/sandbox/server/tls-certificate.js';
import { launchChromium, launchRegularProfile } from './browser.js';
import { NetworkLink, startDelayingProxy, type DelayingProxy } from './delaying-proxy.js';
import { registerRoutePages, type OpenedContext } from './meeting-routes.js';
import { PROFILES, type NetworkProfile } from './network-profiles.js';
import { startPageServer, type PageServer } from './page-server.js';

export const PAGE_HOST = 'page.bench.test';
export const CDN_HOST = 'cdn.bench.test';
export const MEET_HOST = 'meet.bench.test';

export interface NetworkOrigins {
  readonly browser: Browser;
  readonly server: PageServer;
  /** The sandbox as `https://meet.bench.test:<port>`: reachable by that name from the browser only. */
  readonly sandbox: RunningSandbox;
  /** `https://page.bench.test:<port>` */
  readonly pageOrigin: string;
  /** `https://cdn.bench.test:<port>` */
  readonly cdnOrigin: string;
  /**
   * A browser of its own with a fresh regular profile (a temporary directory, removed on close) that reaches the
   * origins through the same proxies: unlike `browser`'s contexts, which are off the record, it honours a page's
   * `<link rel="preconnect">`. Nothing is cached or open in it.
   */
  openRegularProfile(): Promise<OpenedContext>;
  /** Switches the network for the loads that follow. */
  use(profile: NetworkProfile): void;
  /** Connections the browser opened to each origin so far (a cold load opens fresh ones). */
  connections(): Record<'page' | 'cdn' | 'meet', number>;
  close(): Promise<void>;
}

export async function startNetworkOrigins(): Promise<NetworkOrigins> {
  const link = new NetworkLink(PROFILES.loopback);
  const closers: (() => Promise<unknown>)[] = [];
  try {
    const sandbox = await startSandbox({ host: MEET_HOST, listenAddress: '127.0.0.1', media: false });
    closers.push(() => sandbox.close());
    const server = await startPageServer({ tls: await selfSignedCertificate(PAGE_HOST), listenAddress: '127.0.0.1' });
    closers.push(() => server.close());
    registerRoutePages(server, sandbox);
    const meetPort = Number(new URL(sandbox.url).port);
    const proxies: Record<'page' | 'cdn' | 'meet', DelayingProxy> = {
      page: await startDelayingProxy({ host: '127.0.0.1', port: server.port }, link),
      cdn: await startDelayingProxy({ host: '127.0.0.1', port: server.port }, link),
      meet: await startDelayingProxy({ host: '127.0.0.1', port: meetPort }, link),
    };
    for (const proxy of Object.values(proxies)) closers.push(() => proxy.close());
    // The names keep the servers' ports (the token's server claim names meet.bench.test:<port>); the rules send
    // each name and port to its proxy instead.
    const rules = [
      `MAP ${PAGE_HOST}:${server.port} 127.0.0.1:${proxies.page.port}`,
      `MAP ${CDN_HOST}:${server.port} 127.0.0.1:${proxies.cdn.port}`,
      `MAP ${MEET_HOST}:${meetPort} 127.0.0.1:${proxies.meet.port}`,
      // Anything else under .bench.test is a mistake: fail it rather than reach a server unproxied.
      'MAP *.bench.test ~NOTFOUND',
    ];
    const resolverRules = `--host-resolver-rules=${rules.join(', ')}`;
    const browser = await launchChromium([resolverRules]);
    closers.push(() => browser.close());
    return {
      browser,
      server,
      sandbox,
      pageOrigin: `https://${PAGE_HOST}:${server.port}`,
      cdnOrigin: `https://${CDN_HOST}:${server.port}`,
      openRegularProfile: async () => {
        const directory = await mkdtemp(join(tmpdir(), 'nano-meet-bench-profile-'));
        try {
          const context = await launchRegularProfile(directory, [resolverRules]);
          return {
            context,
            close: () => context.close().finally(() => rm(directory, { recursive: true, force: true })),
          };
        } catch (error) {
          await rm(directory, { recursive: true, force: true });
          throw error;
        }
      },
      use: (profile) => link.use(profile),
      connections: () => ({
        page: proxies.page.connections,
        cdn: proxies.cdn.connections,
        meet: proxies.meet.connections,
      }),
      close: () => closeAll(closers),
    };
  } catch (error) {
    await closeAll(closers);
    throw error;
  }
}

async function closeAll(closers: (() => Promise<unknown>)[]): Promise<void> {
  for (const close of closers.reverse()) await close().catch(() => undefined);
}
