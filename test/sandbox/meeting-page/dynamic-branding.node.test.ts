/**
 * The sandbox meeting page asks for its branding as Jitsi's does (docs/jitsi/branding.md §2): the URL it builds
 * from its path, and what each kind of answer from a real HTTP server (or none) leaves it with.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  brandingUrlOf,
  conferenceFqnOf,
  fetchDynamicBranding,
} from '../../../src/sandbox/meeting-page/dynamic-branding.js';

describe('sandbox meeting page: the dynamic branding URL', () => {
  it('names the room, or the tenant and room, from the page’s path', () => {
    assert.equal(conferenceFqnOf('/room1'), 'room1');
    assert.equal(conferenceFqnOf('/acme/room1'), 'acme/room1');
    assert.equal(conferenceFqnOf('/'), undefined);
  });

  it('encodes the already percent-encoded path once more, as Jitsi does', () => {
    const base = 'https://tokens.example/api/v1/branding';
    assert.equal(brandingUrlOf({ brandingDataUrl: base }, '/a%20b'), `${base}?conferenceFqn=a%2520b`);
    assert.equal(brandingUrlOf({ brandingDataUrl: base }, '/acme/room1'), `${base}?conferenceFqn=acme%2Froom1`);
  });

  it('takes dynamicBrandingUrl as it is when it is set, and nothing without either', () => {
    const config = {
      brandingDataUrl: 'https://tokens.example/b',
      dynamicBrandingUrl: 'https://cdn.example/brand.json',
    };
    assert.equal(brandingUrlOf(config, '/room1'), 'https://cdn.example/brand.json');
    assert.equal(brandingUrlOf({}, '/room1'), undefined);
    assert.equal(brandingUrlOf({ brandingDataUrl: 'https://tokens.example/b' }, '/'), undefined);
  });
});

describe('sandbox meeting page: asking for the branding', () => {
  let server: Server;
  let base: string;
  const seen: IncomingHttpHeaders[] = [];
  const answers: Record<string, { status: number; type: string; body: string }> = {
    '/ok': {
      status: 200,
      type: 'application/json',
      body: JSON.stringify({ logoImageUrl: 'https://b.example/l.png', backgroundColor: 7, defaultBranding: 1 }),
    },
    '/error': {
      status: 500,
      type: 'application/json',
      body: JSON.stringify({ logoImageUrl: 'https://b.example/l.png' }),
    },
    '/html': { status: 200, type: 'text/html', body: '<!doctype html><p>Not JSON</p>' },
    '/null': { status: 200, type: 'application/json', body: 'null' },
  };

  before(async () => {
    server = createServer((request, response) => {
      seen.push(request.headers);
      const answer = answers[new URL(request.url!, 'http://x').pathname]!;
      response.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('keeps the fields it shows from a JSON object, values of another type counting as absent', async () => {
    assert.deepEqual(await fetchDynamicBranding(`${base}/ok?conferenceFqn=room1`, fetch), {
      status: 'ready',
      data: { logoImageUrl: 'https://b.example/l.png', defaultBranding: true },
    });
    // A plain GET: nothing of the page's own but what fetch sends by itself.
    assert.equal(seen.at(-1)!['authorization'], undefined);
    assert.equal(seen.at(-1)!['cookie'], undefined);
  });

  it('fails on a non-2xx status, a body that is not a JSON object, and a server that is not there', async () => {
    for (const path of ['/error', '/html', '/null']) {
      assert.deepEqual(await fetchDynamicBranding(`${base}${path}`, fetch), { status: 'failed' }, path);
    }
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    assert.deepEqual(await fetchDynamicBranding(`http://127.0.0.1:${port}/b`, fetch), { status: 'failed' });
  });
});
