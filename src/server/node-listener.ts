import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Serves a web-standard handler (such as {@link createTokenService}'s) from Node's `http.createServer`,
 * Express (`app.use(toNodeListener(service))`, before any body parser) or Fastify (in a route:
 * `reply.hijack(); listener(request.raw, reply.raw)`). Only types come from Node, so the module loads
 * anywhere.
 */
export function toNodeListener(handler: (request: Request) => Promise<Response>): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const aborted = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) aborted.abort();
    });
    handler(toRequest(req, aborted.signal))
      .then((response) => send(response, res))
      .catch(() => {
        // The handler answers its own errors; this is only reached when the client went away mid-answer.
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(res.headersSent ? undefined : JSON.stringify({ error: { code: 'internal-error', message: 'The server failed.' } }));
      });
  };
}

function toRequest(req: IncomingMessage, signal: AbortSignal): Request {
  // Express rewrites req.url below a mount point; originalUrl is what the client asked for.
  const path = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  const host = /^[\w.:[\]-]+$/.test(req.headers.host ?? '') ? req.headers.host! : 'localhost';
  const scheme = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = {
    method: req.method ?? 'GET',
    headers,
    signal,
    ...(hasBody && { body: bodyStream(req), duplex: 'half' }),
  };
  return new Request(new URL(path.startsWith('/') ? path : `/${path}`, `${scheme}://${host}`), init);
}

// A web stream over the request, pulled only as fast as the handler reads it (so a body limit stops reading).
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  const chunks = req[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(new Uint8Array(value as Buffer));
    },
    // No destroying on cancel: that would close the socket before a 413 is sent. Node drains the rest itself.
  });
}

async function send(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie?.() ?? [];
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  if (response.body) {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  }
  res.end();
}
