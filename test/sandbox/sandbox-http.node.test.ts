/**
 * The sandbox as an HTTP server: what it serves where, its control API, and the faults a test can switch on.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect as connectHttp2, constants as HTTP2 } from 'node:http2';
import { request as httpsRequest } from 'node:https';
import { decodeJwt } from 'jose';
import { SANDBOX_ROUTES } from '../../src/sandbox/protocol/page-protocol.js';
import { CONTROL_PREFIX } from '../../src/sandbox/server/control-api.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server/sandbox-server.js';
import { call, mintToken, NodePage } from './support/node-page.js';

let sandbox: RunningSandbox;

before(async () => {
  sandbox = await startSandbox({ media: false });
});
after(() => sandbox.close());

describe('sandbox: what it serves', () => {
  it('serves the meeting page at /<room> and /<tenant>/<room>, frameable by any page, with a strict CSP', async () => {
    for (const path of ['/some_room', '/tenant/some_room']) {
      const answer = await call(sandbox, 'GET', path);
      assert.equal(answer.status, 200);
      assert.match(String(answer.headers['content-type']), /^text\/html/);
      assert.match(answer.body, /<script type="module" src="\/_sandbox\/meeting-page.js">/);
      const csp = String(answer.headers['content-security-policy']);
      assert.match(csp, /frame-ancestors \*/);
      assert.match(csp, /script-src 'self'/);
      assert.equal(answer.headers['referrer-policy'], 'no-referrer');
    }
  });

  it('answers 404 for anything that is not a meeting address', async () => {
    assert.equal((await call(sandbox, 'GET', '/a/b/c')).status, 404);
    assert.equal((await call(sandbox, 'GET', '/_sandbox/nothing')).status, 404);
  });

  it('serves external_api.js and the meeting page script as JavaScript', async () => {
    for (const path of ['/external_api.js', '/libs/external_api.min.js', '/_sandbox/meeting-page.js']) {
      const answer = await call(sandbox, 'GET', path);
      assert.equal(answer.status, 200, `${path}: ${answer.body.slice(0, 200)}`);
      assert.match(String(answer.headers['content-type']), /^text\/javascript/);
    }
    assert.match((await call(sandbox, 'GET', '/external_api.js')).body, /JitsiMeetExternalAPI/);
  });

  it('serves external_api.js as a deployment does: minified, gzipped when asked, its source map beside it', async () => {
    const plain = await call(sandbox, 'GET', '/external_api.js');
    assert.doesNotMatch(plain.body, /sourceMappingURL=data:/, 'no inline source map');
    // Jitsi's own is about 15 KiB gzip; a development build with an inline map is ten times that.
    assert.ok(plain.body.length < 60_000, `external_api.js is ${plain.body.length} bytes: not minified`);
    assert.match(plain.body, /\/\/# sourceMappingURL=\/libs\/external_api\.min\.map\n$/);
    const map = await call(sandbox, 'GET', '/libs/external_api.min.map');
    assert.equal(map.status, 200);
    assert.ok(
      (map.json() as { sources: string[] }).sources.some((source) => source.endsWith('jitsi-meet-external-api.ts')),
    );
    const gzipped = await call(sandbox, 'GET', '/external_api.js', undefined, { 'accept-encoding': 'gzip, br' });
    assert.equal(gzipped.headers['content-encoding'], 'gzip');
    assert.ok(Number(gzipped.headers['content-length']) < plain.body.length / 2);
    const refused = await call(sandbox, 'GET', '/external_api.js', undefined, { 'accept-encoding': 'gzip;q=0' });
    assert.equal(refused.headers['content-encoding'], undefined);
  });
});

describe('sandbox: HTTP/2, as Jitsi’s nginx speaks it', () => {
  it('serves a meeting page and what it loads over one HTTP/2 connection', async () => {
    const session = connectHttp2(sandbox.url, { ca: sandbox.certificate });
    try {
      const get = (path: string) =>
        new Promise<{ status: number; type: string; bytes: number }>((resolve, reject) => {
          const stream = session.request({ [HTTP2.HTTP2_HEADER_PATH]: path });
          let bytes = 0;
          let head: { status: number; type: string } | undefined;
          stream.on('response', (headers) => {
            head = { status: Number(headers[':status']), type: String(headers['content-type']) };
          });
          stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
          stream.on('end', () => (head ? resolve({ ...head, bytes }) : reject(new Error(`${path}: no response`))));
          stream.on('error', reject);
        });
      const answers = await Promise.all(
        ['/some_room', '/config.js', '/_sandbox/meeting-page.js', '/external_api.js'].map(get),
      );
      assert.equal(session.alpnProtocol, 'h2');
      assert.deepEqual(
        answers.map(({ status }) => status),
        [200, 200, 200, 200],
      );
      assert.match(answers[0]!.type, /^text\/html/);
      for (const answer of answers.slice(1)) assert.match(answer.type, /javascript/);
      assert.ok(answers.every(({ bytes }) => bytes > 0));
    } finally {
      session.close();
    }
  });

  it('counts an HTTP/2 client’s connection and request under the name it asked for (:authority, not Host)', async () => {
    const name = 'http2-visitor.localhost';
    const port = new URL(sandbox.url).port;
    // The certificate names localhost: this client asks for another name and does not check it.
    const session = connectHttp2(sandbox.url, {
      servername: name,
      checkServerIdentity: () => undefined,
      ca: sandbox.certificate,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const stream = session.request({
          [HTTP2.HTTP2_HEADER_PATH]: '/external_api.js',
          [HTTP2.HTTP2_HEADER_AUTHORITY]: `${name}:${port}`,
        });
        stream.resume();
        stream.on('end', resolve);
        stream.on('error', reject);
      });
    } finally {
      session.close();
    }
    const answer = await call(sandbox, 'GET', `${CONTROL_PREFIX}/visits/${name}`);
    assert.deepEqual(answer.json(), { connections: 1, requests: 1 });
  });
});

describe('sandbox: the deployment’s own files', () => {
  it('serves config.js and interface_config.js with Jitsi’s defaults; the page loads them first', async () => {
    const config = await call(sandbox, 'GET', '/config.js');
    assert.equal(config.status, 200);
    assert.match(String(config.headers['content-type']), /^text\/javascript/);
    assert.match(config.body, /^var config = \{\};$/m);
    const ui = await call(sandbox, 'GET', '/interface_config.js');
    assert.match(ui.body, /"SHOW_JITSI_WATERMARK": true/);
    assert.match(ui.body, /"DEFAULT_BACKGROUND": "#040404"/);
    const page = (await call(sandbox, 'GET', '/some_room')).body;
    assert.ok(page.indexOf('<script src="/config.js">') < page.indexOf('<script src="/interface_config.js">'));
    assert.ok(page.indexOf('<script src="/interface_config.js">') < page.indexOf('<script type="module"'));
    const watermark = await call(sandbox, 'GET', '/images/watermark.svg');
    assert.equal(watermark.status, 200);
    assert.equal(watermark.headers['content-type'], 'image/svg+xml');
  });

  it('takes a brandingDataUrl and interface settings; the page may fetch from that origin, nowhere else', async () => {
    const branded = await startSandbox({
      media: false,
      config: { brandingDataUrl: 'http://127.0.0.1:9/api/v1/branding' },
      interfaceConfig: { SHOW_JITSI_WATERMARK: false, DEFAULT_BACKGROUND: '</script><script>alert(1)</script>' },
    });
    try {
      const config = (await call(branded, 'GET', '/config.js')).body;
      assert.match(config, /"brandingDataUrl": "http:\/\/127.0.0.1:9\/api\/v1\/branding"/);
      const ui = (await call(branded, 'GET', '/interface_config.js')).body;
      assert.match(ui, /"SHOW_JITSI_WATERMARK": false/);
      assert.doesNotMatch(ui, /<\/script>/, 'a value cannot end the script');
      const csp = String((await call(branded, 'GET', '/room1')).headers['content-security-policy']);
      assert.match(csp, /connect-src 'self' http:\/\/127.0.0.1:9;/);
    } finally {
      await branded.close();
    }
    const plain = (await call(sandbox, 'GET', '/room1')).headers['content-security-policy'];
    assert.match(String(plain), /connect-src 'self';/);
  });

  it('refuses to start with a branding URL the meeting page could not fetch', async () => {
    for (const brandingDataUrl of ['/api/v1/branding', 'javascript:alert(1)', 'tokens.example/api']) {
      await assert.rejects(startSandbox({ media: false, config: { brandingDataUrl } }), {
        code: 'sandbox-setting-invalid',
        message: /brandingDataUrl must be an absolute http\(s\) URL/,
      });
    }
    const ftp = { dynamicBrandingUrl: 'ftp://x.example/b.json' };
    await assert.rejects(startSandbox({ media: false, config: ftp }), { code: 'sandbox-setting-invalid' });
  });
});

describe('sandbox: control API', () => {
  it('describes itself: server, app id and the stream templates', async () => {
    const info = (await call(sandbox, 'GET', '/_sandbox/control/info')).json<Record<string, string>>();
    assert.equal(info['server'], sandbox.server);
    assert.equal(info['whepTemplate'], `${sandbox.url}/whep/{streamname}`);
    assert.equal(info['hlsTemplate'], `${sandbox.url}/hls/{streamname}/index.m3u8`);
    assert.equal(info['ingestTemplate'], `rtmp://${sandbox.server}/live/{streamname}`);
  });

  it('mints tokens a Jitsi accepts, for this sandbox', async () => {
    const token = await mintToken(sandbox, { room: 'Mint_Room', moderator: true, name: 'Ann', streamname: 'abc-123' });
    const claims = decodeJwt(token) as Record<string, any>;
    assert.equal(claims['iss'], sandbox.key.appId);
    assert.equal(claims['room'], 'mint_room');
    assert.equal(claims['context'].user.moderator, true);
    assert.equal(claims['context'].user.name, 'Ann');
    assert.deepEqual(claims['nano-meet'], { server: sandbox.server, streamname: 'abc-123' });
    const bad = await call(sandbox, 'POST', '/_sandbox/control/tokens', { room: 'no spaces' });
    assert.equal(bad.status, 400);
    assert.match(bad.json<{ error: string }>().error, /room/);
  });

  it('answers loopback pages with CORS and refuses foreign origins', async () => {
    const local = await call(sandbox, 'GET', '/_sandbox/control/info', undefined, { origin: 'http://localhost:8000' });
    assert.equal(local.headers['access-control-allow-origin'], 'http://localhost:8000');
    const foreign = await call(sandbox, 'GET', '/_sandbox/control/info', undefined, { origin: 'https://evil.example' });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.headers['access-control-allow-origin'], undefined);
  });

  it('scripts participants: join, chat as them, raise their hand, leave', async () => {
    const room = 'scripted_room';
    const page = await NodePage.open(sandbox, `/${room}`, await mintToken(sandbox, { room, moderator: true }));
    await page.next('video-conference-joined');
    const added = await call(sandbox, 'POST', `/_sandbox/control/rooms/${room}/participants`, { name: 'Robot' });
    const { id } = added.json<{ id: string }>();
    await page.next('participant-joined', (event) => event['id'] === id && event['displayName'] === 'Robot');
    await call(sandbox, 'POST', `/_sandbox/control/rooms/${room}/participants/${id}/commands`, {
      name: 'send-chat-message',
      args: ['beep'],
    });
    await page.next('incoming-message', (event) => event['from'] === id && event['message'] === 'beep');
    await call(sandbox, 'POST', `/_sandbox/control/rooms/${room}/participants/${id}/commands`, {
      name: 'toggle-raise-hand',
    });
    await page.next('raise-hand-updated', (event) => event['id'] === id && Number(event['handRaised']) > 0);
    const unknown = await call(sandbox, 'POST', `/_sandbox/control/rooms/${room}/participants/${id}/commands`, {
      name: 'sendChatMessage',
    });
    assert.equal(unknown.status, 400);
    assert.equal((await call(sandbox, 'DELETE', `/_sandbox/control/rooms/${room}/participants/${id}`)).status, 200);
    await page.next('participant-left', (event) => event['id'] === id);
    page.close();
  });

  it('drops every page of a room, as a network loss would', async () => {
    const room = 'dropped_room';
    const page = await NodePage.open(sandbox, `/${room}`, await mintToken(sandbox, { room }));
    await page.next('video-conference-joined');
    const answer = await call(sandbox, 'POST', `/_sandbox/control/rooms/${room}/drop`);
    assert.deepEqual(answer.json(), { dropped: 1 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(page.dropped, true);
    assert.equal(page.ended, false, 'a drop is not a goodbye');
  });

  it('makes the server fail chosen paths, then recovers', async () => {
    await call(sandbox, 'PUT', '/_sandbox/control/faults', { failPaths: ['/external_api.js'], failStatus: 502 });
    assert.equal((await call(sandbox, 'GET', '/external_api.js')).status, 502);
    assert.equal((await call(sandbox, 'GET', '/some_room')).status, 200);
    await call(sandbox, 'DELETE', '/_sandbox/control/faults');
    assert.equal((await call(sandbox, 'GET', '/external_api.js')).status, 200);
  });

  it('makes the server slow', async () => {
    await call(sandbox, 'PUT', '/_sandbox/control/faults', { delayMs: 300 });
    const started = performance.now();
    await call(sandbox, 'GET', '/some_room');
    const elapsed = performance.now() - started;
    await call(sandbox, 'DELETE', '/_sandbox/control/faults');
    // A lower bound only: the delay was applied (no upper bound, which would be a timing test).
    assert.ok(elapsed >= 290, `answered after ${elapsed} ms`);
  });

  it('serves a silent meeting page (no script: it never answers its host) for the rooms a fault names', async () => {
    await call(sandbox, 'PUT', '/_sandbox/control/faults/silent', { silentPagePaths: ['/silent_room'] });
    const silent = await call(sandbox, 'GET', '/silent_room');
    const other = await call(sandbox, 'GET', '/other_room');
    await call(sandbox, 'DELETE', '/_sandbox/control/faults/silent');
    assert.equal(silent.status, 200);
    assert.match(String(silent.headers['content-type']), /^text\/html/);
    assert.doesNotMatch(silent.body, /<script/);
    assert.match(other.body, /<script type="module"/);
    assert.match((await call(sandbox, 'GET', '/silent_room')).body, /<script type="module"/);
  });

  it('leaves the join of the rooms a fault names unanswered, and answers every other', async () => {
    await call(sandbox, 'PUT', '/_sandbox/control/faults/stuck', { stuckJoinPaths: ['/stuck_room'] });
    const jwt = await mintToken(sandbox, { room: 'stuck_room' });
    let answered = false;
    const headers = { 'content-type': 'application/json' };
    const request = httpsRequest(
      new URL(SANDBOX_ROUTES.join, sandbox.url),
      { method: 'POST', headers, ca: sandbox.certificate },
      () => {
        answered = true;
      },
    );
    request.on('error', () => undefined);
    request.end(JSON.stringify({ path: '/stuck_room', jwt }));
    const other = await NodePage.open(sandbox, '/free_room', await mintToken(sandbox, { room: 'free_room' }));
    await other.next('video-conference-joined');
    assert.equal(answered, false);
    request.destroy();
    await call(sandbox, 'DELETE', '/_sandbox/control/faults/stuck');
  });

  it('counts the connections and requests that reached it under a host name', async () => {
    const host = `probe-${Date.now()}.localhost`;
    assert.deepEqual((await call(sandbox, 'GET', `/_sandbox/control/visits/${host}`)).json(), {
      connections: 0,
      requests: 0,
    });
    const { port } = new URL(sandbox.url);
    await new Promise<void>((resolve, reject) => {
      const request = httpsRequest(
        {
          host: 'localhost',
          port,
          path: '/some_room',
          servername: host,
          headers: { host: `${host}:${port}` },
          rejectUnauthorized: false,
        },
        (response) => response.resume().on('end', resolve),
      );
      request.on('error', reject);
      request.end();
    });
    assert.deepEqual((await call(sandbox, 'GET', `/_sandbox/control/visits/${host}`)).json(), {
      connections: 1,
      requests: 1,
    });
  });
});
