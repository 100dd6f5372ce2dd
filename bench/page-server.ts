/**
 * The bench's own web server on localhost: the built CDN files (gzip, as a CDN ships them, never cached)
 * and pages that the benches register, rendered per request from the query string.
 * Over HTTPS when given a certificate: the network bench serves both the page's origin and the CDN's from here,
 * and in production both are HTTPS, whose handshake costs a round trip on every fresh connection. Then it speaks
 * HTTP/2 (HTTP/1.1 to a client that asks for nothing else), as production CDNs and web servers do.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { trackConnections } from '../src/sandbox/server/open-connections.js';

const CDN_DIRECTORY = fileURLToPath(new URL('../dist/cdn/', import.meta.url));
const CDN_FILE = /^\/cdn\/([\w.-]+\.js)$/;

export type PageRenderer = (query: URLSearchParams) => string;

export interface PageServer {
  /** `http://localhost:<port>` (https with a certificate) */
  readonly origin: string;
  readonly port: number;
  /** Serves `render(query)` as an HTML page at `path`. */
  page(path: string, render: PageRenderer): void;
  close(): Promise<void>;
}

export interface PageServerOptions {
  /** Serves HTTPS with this certificate. */
  tls?: { key: string; cert: string };
  /** Default `localhost`. */
  listenAddress?: string;
}

export async function startPageServer(options: PageServerOptions = {}): Promise<PageServer> {
  const pages = new Map<string, PageRenderer>();
  const gzipped = new Map<string, Promise<Buffer>>();
  const cdnFile = (name: string) => {
    let body = gzipped.get(name);
    if (!body) {
      body = readFile(CDN_DIRECTORY + name).then((source) => gzipSync(source, { level: 9 }));
      gzipped.set(name, body);
    }
    return body;
  };

  const handle = (request: IncomingMessage | Http2ServerRequest, response: ServerResponse | Http2ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    const render = pages.get(url.pathname);
    if (render) {
      response.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(render(url.searchParams));
      return;
    }
    const file = CDN_FILE.exec(url.pathname);
    if (!file) {
      response.writeHead(404, headers).end();
      return;
    }
    cdnFile(file[1]!).then(
      (body) =>
        response
          .writeHead(200, {
            ...headers,
            // As public CDNs answer: module scripts from another origin load only with CORS.
            'access-control-allow-origin': '*',
            'timing-allow-origin': '*',
            'content-type': 'text/javascript; charset=utf-8',
            'content-encoding': 'gzip',
            'content-length': body.length,
          })
          .end(body),
      () => response.writeHead(404, headers).end(),
    );
  };
  const server = options.tls ? createSecureServer({ ...options.tls, allowHTTP1: true }, handle) : createServer(handle);
  const connections = trackConnections(server, options.tls ? 'secureConnection' : 'connection');
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.listenAddress ?? 'localhost', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `${options.tls ? 'https' : 'http'}://localhost:${port}`,
    port,
    page: (path, render) => void pages.set(path, render),
    async close() {
      connections.destroyAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Escapes text for an HTML attribute value or a `<script>` string literal (via JSON). */
export function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** A value as a JavaScript literal that is safe inside `<script>`. */
export function scriptLiteral(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
