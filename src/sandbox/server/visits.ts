/**
 * Who reached the sandbox, by the host name they asked for: the TLS server name of each connection (a preconnect
 * sends nothing else) and the `Host` of each request. A test that names the sandbox by a host name of its own
 * (Chromium sends every `*.localhost` name to loopback) can prove that a page never contacted that server, whatever
 * other tests do with the sandbox meanwhile.
 */
import { hostWithoutPort } from '../../token/server-host.js';

export interface VisitCount {
  /** TLS connections that asked for the host. */
  connections: number;
  /** HTTP requests that named the host. */
  requests: number;
}

/** A flood of made-up host names must not grow the sandbox without end. */
const MAX_HOSTS = 10_000;

export class Visits {
  readonly #byHost = new Map<string, VisitCount>();

  /** A TLS connection; `serverName` is false or absent when the client sent none (an IP address). */
  connection(serverName: string | false | null | undefined): void {
    if (serverName) this.#count(serverName).connections += 1;
  }

  /** A request, by its `Host` header (port and all). */
  request(host: string | undefined): void {
    if (host) this.#count(hostWithoutPort(host)).requests += 1;
  }

  /** What reached `host` (a name without port) so far. */
  of(host: string): VisitCount {
    return { ...(this.#byHost.get(host.toLowerCase()) ?? { connections: 0, requests: 0 }) };
  }

  #count(host: string): VisitCount {
    const key = host.toLowerCase();
    let count = this.#byHost.get(key);
    if (!count) {
      if (this.#byHost.size >= MAX_HOSTS) this.#byHost.delete(this.#byHost.keys().next().value!);
      this.#byHost.set(key, (count = { connections: 0, requests: 0 }));
    }
    return count;
  }
}
