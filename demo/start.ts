/**
 * `npm start`: the Jitsi sandbox and the demo pages on localhost, offline. Prints the address to open.
 *   DEMO_PORT (default 8080, or a free port when taken), SANDBOX_PORT (default: a free port)
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../src/sandbox/server/sandbox-server.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** What the demo server may hand out: the demo pages and the built library. */
const SERVED = ['demo', 'dist'];
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

const sandbox = await startSandbox({ port: Number(process.env['SANDBOX_PORT'] ?? 0) });

const demo = createServer(async (request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://demo').pathname));
  if (path === '/demo-config.json') {
    response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(JSON.stringify({ sandbox: sandbox.info }));
    return;
  }
  const relative = path === '/' ? 'demo/index.html' : path.slice(1);
  if (!SERVED.some((folder) => relative.startsWith(`${folder}/`)) || relative.includes('..')) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  try {
    const body = await readFile(join(ROOT, relative));
    response.writeHead(200, { 'content-type': TYPES[extname(relative)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    response.end(body);
  } catch {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  }
});

const port = await listen(Number(process.env['DEMO_PORT'] ?? 8080));
console.log(`\nnano-meet demo: http://localhost:${port}/`);
console.log(`Jitsi sandbox:  ${sandbox.url}  (self-signed: open it once in your browser and accept the certificate)\n`);

async function listen(preferred: number): Promise<number> {
  for (const candidate of [preferred, 0]) {
    const bound = await new Promise<number | undefined>((resolve) => {
      demo.once('error', () => resolve(undefined));
      demo.listen(candidate, 'localhost', () => resolve((demo.address() as { port: number }).port));
    });
    if (bound !== undefined) return bound;
  }
  throw new Error('The demo could not listen on any port.');
}

const stop = async () => {
  demo.close();
  await sandbox.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
