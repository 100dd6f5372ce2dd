// The sandbox's WHEP resources and the server behaviours a test picks by the endpoint URL's query, with a
// stand-in publisher (the real one, libwebrtc and its msid lines, is in broadcast-studio.node.test.ts).
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { MediaHttpError } from '../../../src/sandbox/media/media-http.js';
import type { TrackGrouping } from '../../../src/sandbox/media/whep-behaviour.js';
import { WhepRoutes, type WhepSessions } from '../../../src/sandbox/media/whep-routes.js';
import { withRtcpMuxOnly } from '../../../src/playout/whep-session.js';
import { OFFER as PLAYER_OFFER } from '../../playout/fake-webrtc.js';

/** What the player POSTs (its rules are checked from the server's side: BUNDLE, rtcp-mux-only, recvonly). */
const OFFER = withRtcpMuxOnly(PLAYER_OFFER);

class StandInPublisher implements WhepSessions {
  readonly sessions = new Map<string, TrackGrouping>();
  readonly trickled: string[] = [];
  #next = 0;

  async createSession(_offer: string, grouping: TrackGrouping = 'one-stream') {
    const id = `session-${++this.#next}`;
    this.sessions.set(id, grouping);
    return { id, answer: `v=0\r\ns=${grouping}\r\n` };
  }

  has(id: string) {
    return this.sessions.has(id);
  }

  delete(id: string) {
    return this.sessions.delete(id);
  }

  async trickle(id: string, fragment: string) {
    this.trickled.push(fragment);
    return this.sessions.has(id) ? ('applied' as const) : ('unknown-session' as const);
  }
}

let server: Server;
let base: string;
let routes: WhepRoutes;
let publisher: StandInPublisher;

before(async () => {
  server = createServer((request, response) => {
    const match = /^(\/edge)?\/whep\/([^?]*)/.exec(request.url ?? '');
    if (!match) return void response.writeHead(404).end();
    routes.handle(request, response, match[1] ?? '', (match[2] ?? '').split('/')).catch((error: unknown) => {
      const status = error instanceof MediaHttpError ? error.status : 500;
      response
        .writeHead(status, { 'content-type': 'text/plain', ...(error instanceof MediaHttpError && error.headers) })
        .end((error as Error).message);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  base = `http://127.0.0.1:${address.port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  publisher = new StandInPublisher();
  routes = new WhepRoutes((stream) => (stream === 'live' ? publisher : undefined));
});

function post(path: string, init: { type?: string; redirect?: RequestRedirect } = {}): Promise<Response> {
  const { type = 'application/sdp', redirect = 'manual' } = init;
  return fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': type }, body: OFFER, redirect });
}

function patch(url: string, headers: Record<string, string> = {}): Promise<Response> {
  const fragment = [
    'a=ice-ufrag:abcd',
    'a=ice-pwd:0123456789abcdefghijklmn',
    'm=video 9 UDP/TLS/RTP/SAVPF 0',
    'a=mid:0',
    '',
  ].join('\r\n');
  return fetch(url, {
    method: 'PATCH',
    headers: { 'content-type': 'application/trickle-ice-sdpfrag', ...headers },
    body: fragment,
  });
}

describe('WHEP routes of the sandbox', () => {
  it('by default: 201 with application/sdp, Location as a path, no ETag; PATCH 204, DELETE 200, then 404', async () => {
    const response = await post('/whep/live');
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('content-type'), 'application/sdp');
    assert.equal(response.headers.get('location'), '/whep/live/session-1');
    assert.equal(response.headers.get('etag'), null);
    assert.equal(await response.text(), 'v=0\r\ns=one-stream\r\n');
    assert.equal((await patch(`${base}/whep/live/session-1`)).status, 204);
    assert.equal((await fetch(`${base}/whep/live/session-1`, { method: 'DELETE' })).status, 200);
    assert.equal((await fetch(`${base}/whep/live/session-1`, { method: 'DELETE' })).status, 404);
  });

  it('answers 404 while the stream is not live, and refuses a body that is not application/sdp with 415', async () => {
    assert.equal((await post('/whep/other')).status, 404);
    const refused = await post('/whep/live', { type: 'text/plain' });
    assert.equal(refused.status, 415);
  });

  it('groups the answer tracks as msid= asks', async () => {
    for (const grouping of ['one-stream', 'stream-per-track', 'no-stream']) {
      const response = await post(`/whep/live?msid=${grouping}`);
      assert.equal(response.status, 201);
      assert.equal(await response.text(), `v=0\r\ns=${grouping}\r\n`);
    }
  });

  it('names the session relative to the endpoint with location=relative', async () => {
    const response = await post('/whep/live?location=relative');
    assert.equal(response.headers.get('location'), 'live/session-1');
    assert.equal(new URL('live/session-1', `${base}/whep/live?location=relative`).href, `${base}/whep/live/session-1`);
  });

  for (const code of [307, 308]) {
    it(`redirects the POST with ${code} to the edge node, which alone knows the sessions it creates`, async () => {
      const redirected = await post(`/whep/live?redirect=${code}&location=relative&x-key=1`);
      assert.equal(redirected.status, code);
      assert.equal(redirected.headers.get('location'), '/edge/whep/live?location=relative&x-key=1');
      assert.equal(redirected.headers.get('access-control-allow-origin'), '*', 'a browser may follow it cross-origin');
      // fetch follows 307/308 for a POST with its method and body, as WHEP needs.
      const followed = await post(`/whep/live?redirect=${code}&location=relative`, { redirect: 'follow' });
      assert.equal(followed.status, 201);
      assert.equal(followed.url, `${base}/edge/whep/live?location=relative`);
      const session = new URL(followed.headers.get('location') ?? '', followed.url).href;
      assert.equal(session, `${base}/edge/whep/live/session-1`);
      assert.equal(
        (await fetch(`${base}/whep/live/session-1`, { method: 'DELETE' })).status,
        404,
        'not on the first node',
      );
      assert.equal((await fetch(session, { method: 'DELETE' })).status, 200);
    });
  }

  it('etag=1: an ETag on the 201; PATCH 428 without If-Match, 412 another, 204 it; DELETE ignores it', async () => {
    const response = await post('/whep/live?etag=1');
    const etag = response.headers.get('etag') ?? '';
    assert.match(etag, /^"[0-9a-f]{16}"$/);
    const session = `${base}/whep/live/session-1`;
    assert.equal((await patch(session)).status, 428);
    assert.equal((await patch(session, { 'if-match': '"other"' })).status, 412);
    assert.equal(publisher.trickled.length, 0);
    assert.equal((await patch(session, { 'if-match': etag })).status, 204);
    assert.equal(publisher.trickled.length, 1);
    assert.equal((await fetch(session, { method: 'DELETE', headers: { 'if-match': '"stale"' } })).status, 200);
  });

  it('answers the first `times` POSTs `fail` + Retry-After as problem details, counted per endpoint URL', async () => {
    const statuses: Array<[number, string | null]> = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await post('/whep/live?fail=503&times=2&retry-after=1&x-key=a');
      statuses.push([response.status, response.headers.get('retry-after')]);
      if (response.status === 503) {
        assert.equal(response.headers.get('content-type'), 'application/problem+json');
        assert.deepEqual(await response.json(), {
          type: 'about:blank',
          title: 'Service Unavailable',
          status: 503,
          detail: 'The sandbox was asked to refuse this offer.',
        });
      }
    }
    assert.deepEqual(statuses, [
      [503, '1'],
      [503, '1'],
      [201, null],
    ]);
    assert.equal(
      (await post('/whep/live?fail=503&times=2&retry-after=1&x-key=b')).status,
      503,
      'another URL counts anew',
    );
    for (const code of [405, 415, 422]) assert.equal((await post(`/whep/live?fail=${code}`)).status, code);
  });

  it('answers every PATCH with trickle=<status>, and the 201 with answer-type=<type>', async () => {
    await post('/whep/live?trickle=422');
    assert.equal((await patch(`${base}/whep/live/session-1`)).status, 422);
    const typed = await post('/whep/live?answer-type=text/plain');
    assert.equal(typed.headers.get('content-type'), 'text/plain');
  });

  it('refuses unknown or malformed options with 400 that says why', async () => {
    for (const query of ['msid=none', 'mside=no-stream', 'redirect=302', 'fail=200', 'times=2', 'answer-type=html']) {
      const response = await post(`/whep/live?${query}`);
      assert.equal(response.status, 400, query);
      assert.ok((await response.text()).length > 0);
    }
  });

  it('answers GET and HEAD without content: the endpoint with application/sdp, a live session 204', async () => {
    const head = await fetch(`${base}/whep/live`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-type'), 'application/sdp');
    assert.equal(head.headers.get('accept-post'), 'application/sdp');
    await post('/whep/live');
    assert.equal((await fetch(`${base}/whep/live/session-1`)).status, 204);
    assert.equal((await fetch(`${base}/whep/live/session-9`)).status, 404);
  });

  it('records each request as seen: content type, If-Match, Authorization (no value), offer problems', async () => {
    const sloppy = PLAYER_OFFER.replace('a=group:BUNDLE 0 1\r\n', '');
    await fetch(`${base}/whep/live?etag=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/sdp', authorization: 'Bearer secret' },
      body: sloppy,
    });
    await patch(`${base}/whep/live/session-1`, { 'if-match': '"x"' });
    assert.deepEqual(
      routes.requests('live').map(({ at, ...record }) => (assert.ok(at > 0), record)),
      [
        {
          method: 'POST',
          url: '/whep/live?etag=1',
          status: 201,
          contentType: 'application/sdp',
          authorization: true,
          offerProblems: [
            'The offer has no BUNDLE group.',
            'The video section lacks a=rtcp-mux-only.',
            'The audio section lacks a=rtcp-mux-only.',
          ],
        },
        {
          method: 'PATCH',
          url: '/whep/live/session-1',
          status: 412,
          contentType: 'application/trickle-ice-sdpfrag',
          ifMatch: '"x"',
          authorization: false,
        },
      ],
    );
    assert.doesNotMatch(JSON.stringify(routes.requests('live')), /secret/);
  });
});
