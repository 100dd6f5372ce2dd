// docs/production.md is held to the code: its example values (the blocks marked `checked`) configure the real
// token service, mint the room it shows, and fill the element's broadcast templates; its MediaMTX hook runs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { createTokenService, loadConfigFromEnv, type TokenServiceConfig } from '../../src/server/index.js';
import { ingestUrl, playoutUrls, type BroadcastTemplates } from '../../src/broadcast/broadcast-addresses.js';
import { serveCli } from '../server/cli-process.js';
import { startRedis, type RunningRedis } from '../server/redis-process.js';
import { GUIDE, attributesOf, envOf, guideBlock, shellWords } from './guide-blocks.js';

const jitsi = envOf(guideBlock('jitsi-env'));
const service = envOf(guideBlock('token-service-env'));
const defaultBranding = JSON.parse(guideBlock('default-branding')) as Record<string, string>;
const listOf = (value: string | undefined) => (value ?? '').split(',').map((entry) => entry.trim());

/** The guide's `curl` that creates a room, taken apart. */
function roomRequestOf(block: string) {
  const [command, url, ...options] = shellWords(block);
  assert.equal(command, 'curl');
  const headers: Record<string, string> = {};
  let body: string | undefined;
  for (let index = 0; index < options.length; index += 2) {
    const [flag, value] = [options[index], options[index + 1]!];
    if (flag === '-H')
      headers[value.slice(0, value.indexOf(':')).toLowerCase()] = value.slice(value.indexOf(':') + 1).trim();
    else if (flag === '-d') body = value;
    else assert.fail(`the guide's curl uses ${flag}, which this test does not read`);
  }
  assert.ok(body !== undefined && url !== undefined, 'the curl has no address or no body');
  return { url: url!, headers, body, setup: JSON.parse(body) as Record<string, string | boolean> };
}
const room = roomRequestOf(guideBlock('create-room'));
const streamName = room.setup.streamname as string;
/** Inside the guide's room window: the handler's clock, and "now" for verifying what it signs. */
const INSIDE_WINDOW = (Date.parse(room.setup.nbf as string) + Date.parse(room.setup.exp as string)) / 2;

/** Polls `check` every 20 ms until it holds; fails after 10 s saying what it waited for. */
async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    assert.ok(Date.now() < deadline, `${what}: not within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A new instance answers once Redis is connected, as its load balancer would see through /readyz. */
async function readyService(config: TokenServiceConfig) {
  const handler = createTokenService(config);
  await until(
    '/readyz says ready',
    async () => (await handler(new Request(new URL('/readyz', room.url)))).status === 200,
  );
  return handler;
}

/** The addresses the guide shows for its example stream, by kind. */
const shownAddresses = Object.fromEntries(
  guideBlock('broadcast-addresses')
    .split('\n')
    .map((line) => line.trim().split(/\s+/) as [string, string]),
);

describe('docs/production.md', () => {
  let dir: string;
  let redis: RunningRedis;
  /** The guide's token service settings, with the files it names made: the secret, the Redis URL, the branding. */
  let env: Record<string, string>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nano-meet-guide-'));
    redis = await startRedis();
    const fileContents: Record<string, string> = {
      NANO_MEET_SECRET_FILE: jitsi['JWT_APP_SECRET']!,
      NANO_MEET_REDIS_URL_FILE: redis.url,
      NANO_MEET_DEFAULT_BRANDING_FILE: guideBlock('default-branding'),
    };
    env = { ...service };
    for (const [name, path] of Object.entries(service).filter(([name]) => name.endsWith('_FILE'))) {
      assert.ok(name in fileContents, `the guide names ${name} (${path}); teach this test what the file holds`);
      env[name] = join(dir, name);
      writeFileSync(env[name], fileContents[name]!);
    }
  });

  after(async () => {
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives Jitsi and the token service the same app id, secret, issuer, audience, domain and branding URL', () => {
    assert.equal(jitsi['ENABLE_AUTH'], '1');
    assert.equal(jitsi['AUTH_TYPE'], 'jwt');
    assert.equal(service['NANO_MEET_APP_ID'], jitsi['JWT_APP_ID']);
    assert.ok(
      listOf(jitsi['JWT_ACCEPTED_ISSUERS']).includes(service['NANO_MEET_APP_ID']!),
      'Jitsi would refuse the iss',
    );
    assert.ok(
      listOf(jitsi['JWT_ACCEPTED_AUDIENCES']).includes(service['NANO_MEET_AUDIENCE']!),
      'Jitsi would refuse the aud',
    );
    // docker-jitsi-meet's XMPP domain, unless the guide sets another: what domain verification would want as sub.
    assert.equal(service['NANO_MEET_SUBJECT'], jitsi['XMPP_DOMAIN'] ?? 'meet.jitsi');
    assert.ok(jitsi['JWT_APP_SECRET']!.length >= 32, 'the token service refuses shorter secrets');
    assert.ok(
      listOf(service['NANO_MEET_ALLOWED_SERVERS']).includes(new URL(jitsi['PUBLIC_URL']!).host),
      'no tokens for Jitsi',
    );
    // Moderators come from the token and nowhere else.
    assert.ok(listOf(jitsi['XMPP_MUC_MODULES']).includes('token_affiliation'), 'Jitsi would ignore the moderator flag');
    assert.equal(jitsi['JICOFO_ENABLE_AUTH'], '0');
    assert.equal(jitsi['ENABLE_AUTO_OWNER'], '0');
    assert.equal(jitsi['BRANDING_DATA_URL'], new URL('/api/v1/branding', room.url).href);
    assert.equal(jitsi['ENABLE_RECORDING'], '1');
  });

  it('builds the token service configuration from the guide with loadConfigFromEnv', async () => {
    const config = await loadConfigFromEnv(env);
    assert.deepEqual(config.keys, [
      {
        appId: jitsi['JWT_APP_ID'],
        secret: jitsi['JWT_APP_SECRET'],
        audience: service['NANO_MEET_AUDIENCE'],
        subject: service['NANO_MEET_SUBJECT'],
        current: true,
      },
    ]);
    assert.deepEqual(config.allowedServers, ['meet.example.org']);
    assert.deepEqual(config.corsOrigins, ['https://www.example.org']);
    assert.equal(config.inviteUrl, service['NANO_MEET_INVITE_URL']);
    assert.equal(config.clientAddressHeader, 'x-forwarded-for');
    assert.deepEqual(config.redis, { url: redis.url });
    assert.deepEqual(config.defaultBranding, defaultBranding);
    assert.deepEqual(
      config.apiKeys.map((key) => key.name),
      ['cms'],
    );
  });

  it('mints the room the guide creates: a token its Jitsi settings accept, its invite, its branding', async () => {
    const handler = await readyService({ ...(await loadConfigFromEnv(env)), clock: () => INSIDE_WINDOW });
    try {
      const response = await handler(new Request(room.url, { method: 'POST', headers: room.headers, body: room.body }));
      const answer = (await response.json()) as { data: { token: string; playout: unknown } };
      assert.equal(response.status, 201, JSON.stringify(answer));
      const { token, playout } = answer.data;

      // What luajwtjitsi demands of the header (docs/jitsi/tokens.md §0): typ exactly "JWT", and the
      // deployment's one algorithm.
      assert.deepEqual(decodeProtectedHeader(token), { alg: 'HS256', typ: 'JWT' });
      const { payload } = await jwtVerify(token, new TextEncoder().encode(jitsi['JWT_APP_SECRET']), {
        algorithms: ['HS256'],
        issuer: listOf(jitsi['JWT_ACCEPTED_ISSUERS']),
        audience: listOf(jitsi['JWT_ACCEPTED_AUDIENCES']),
        currentDate: new Date(INSIDE_WINDOW),
      });
      const claims = payload as JWTPayload & {
        room: string;
        context: { user: { moderator: unknown }; features: Record<string, boolean> };
      };
      assert.equal(claims.iss, jitsi['JWT_APP_ID']);
      assert.equal(claims.sub, 'meet.jitsi');
      assert.equal(claims.room, (room.setup.room as string).toLowerCase());
      assert.equal(claims.nbf, Date.parse(room.setup.nbf as string) / 1000);
      assert.equal(claims.exp, Date.parse(room.setup.exp as string) / 1000);
      assert.equal(claims.context.user.moderator, true, 'token_affiliation makes only moderator: true an owner');
      assert.equal(claims.context.features['livestreaming'], true);
      assert.equal(claims.context.features['recording'], true);
      // The guide's table of claims says the same.
      for (const [claim, value] of [
        ['iss', claims.iss],
        ['aud', claims.aud],
        ['sub', claims.sub],
        ['room', claims.room],
      ]) {
        assert.match(
          GUIDE,
          new RegExp(`^\\| \`${claim}\` \\| \`${String(value).replaceAll('.', '\\.')}\` \\|`, 'm'),
          `the guide's claim table has another ${claim}`,
        );
      }
      // The room's answer names the addresses the element will announce.
      assert.deepEqual(playout, { whep: shownAddresses['whep'], hls: shownAddresses['hls'] });

      const origin = service['NANO_MEET_CORS_ORIGINS']!;
      const inviteResponse = await handler(
        new Request(new URL('/api/v1/invites', room.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin },
          body: JSON.stringify({ token, moderator: false }),
        }),
      );
      const invite = ((await inviteResponse.json()) as { data: { token: string; inviteLink: string } }).data;
      assert.equal(inviteResponse.status, 201);
      assert.equal(inviteResponse.headers.get('access-control-allow-origin'), origin);
      assert.equal(
        invite.inviteLink,
        service['NANO_MEET_INVITE_URL']!.replace('{token}', encodeURIComponent(invite.token)),
      );
      const guest = await jwtVerify(invite.token, new TextEncoder().encode(jitsi['JWT_APP_SECRET']), {
        currentDate: new Date(INSIDE_WINDOW),
      });
      const guestContext = (
        guest.payload as { context: { user: { moderator: unknown }; features: Record<string, boolean> } }
      ).context;
      assert.equal(guestContext.user.moderator, false);
      assert.ok(
        Object.values(guestContext.features).every((allowed) => allowed === false),
        'a guest gets no sensitive feature',
      );

      // Jitsi's brandingDataUrl request for this room: no branding of its own, so the guide's default one.
      const branding = await handler(new Request(`${jitsi['BRANDING_DATA_URL']}?conferenceFqn=${claims.room}`));
      const data = (await branding.json()) as Record<string, unknown>;
      assert.equal(branding.status, 200);
      assert.equal(branding.headers.get('access-control-allow-origin'), '*');
      assert.equal(data['logoImageUrl'], defaultBranding['logoImageUrl']);
      assert.equal(data['logoClickUrl'], defaultBranding['logoClickUrl']);
      assert.equal(data['backgroundColor'], defaultBranding['backgroundColor']);
    } finally {
      await handler.close();
    }
  });

  it('runs as nano-meet serve on the guide settings: ready with Redis, healthy, exits 0 on SIGTERM', async () => {
    const serving = await serveCli([], env);
    try {
      const base = `http://127.0.0.1:${serving.port}`;
      assert.equal((await fetch(`${base}/healthz`)).status, 200);
      assert.equal((await fetch(`${base}/readyz`)).status, 200, serving.output());
    } finally {
      assert.equal(await serving.stop(), 0, serving.output());
    }
  });

  it('rotates RS256 keys as the guide shows: the current key signs, both verify through the JWKS', async () => {
    const configPath = join(dir, 'rotation', 'config.json');
    const rotation = JSON.parse(guideBlock('rotation-config')) as {
      keys: Array<{ kid: string; privateKeyFile: string; current?: boolean }>;
    };
    for (const key of rotation.keys) {
      const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
        type: 'pkcs8',
        format: 'pem',
      });
      mkdirSync(dirname(join(dirname(configPath), key.privateKeyFile)), { recursive: true });
      writeFileSync(join(dirname(configPath), key.privateKeyFile), pem);
    }
    writeFileSync(configPath, JSON.stringify(rotation));
    const { NANO_MEET_SECRET_FILE: _secret, ...withoutSecret } = env;
    const config = await loadConfigFromEnv({ ...withoutSecret, NANO_MEET_CONFIG: configPath });
    const handler = await readyService({ ...config, clock: () => INSIDE_WINDOW });
    try {
      const response = await handler(new Request(room.url, { method: 'POST', headers: room.headers, body: room.body }));
      assert.equal(response.status, 201);
      const { token } = ((await response.json()) as { data: { token: string } }).data;
      const current = rotation.keys.find((key) => key.current)!;
      assert.deepEqual(decodeProtectedHeader(token), { alg: 'RS256', typ: 'JWT', kid: current.kid });
      const jwks = (await (await handler(new Request(new URL('/.well-known/jwks.json', room.url)))).json()) as {
        keys: Array<{ kid: string }>;
      };
      assert.deepEqual(jwks.keys.map((key) => key.kid).sort(), rotation.keys.map((key) => key.kid).sort());
      await jwtVerify(token, createLocalJWKSet(jwks as Parameters<typeof createLocalJWKSet>[0]), {
        currentDate: new Date(INSIDE_WINDOW),
      });
    } finally {
      await handler.close();
    }
  });

  describe('the broadcast path', () => {
    const html = guideBlock('element-templates');
    const meeting = attributesOf(html, 'nano-meet');
    const viewer = attributesOf(html, 'nano-meet-playout');
    const templates: BroadcastTemplates = {
      ingest: meeting['ingest-template']!,
      whep: meeting['whep-template']!,
      hls: meeting['hls-template']!,
      vod: meeting['vod-template']!,
    };
    const place = { streamName, server: room.setup.server as string };

    it('fills the element templates to the addresses the guide shows, and the viewers page plays the same', () => {
      assert.equal(ingestUrl(templates, place, true), shownAddresses['ingest']);
      assert.deepEqual(playoutUrls(templates, place, true), {
        live: shownAddresses['whep'],
        whep: shownAddresses['whep'],
        hls: shownAddresses['hls'],
        vod: shownAddresses['vod'],
      });
      assert.equal(viewer['streamname'], place.streamName);
      assert.equal(viewer['whep-template'], templates.whep);
      assert.equal(viewer['hls-template'], templates.hls);
      assert.equal(viewer['vod'], templates.vod);
      // The token service announces what the element announces.
      assert.equal(service['NANO_MEET_WHEP_URL'], templates.whep);
      assert.equal(service['NANO_MEET_HLS_URL'], templates.hls);
      assert.match(html, new RegExp(`<meta name="nano-meet-allowed-servers" content="${place.server}">`));
    });

    it("lays the addresses out on MediaMTX's paths: live/<stream> for RTMP and HLS, webrtc/<stream> for WHEP", () => {
      const ingest = new URL(shownAddresses['ingest']!);
      assert.equal(ingest.protocol, 'rtmp:');
      assert.equal(ingest.port, '', "Jibri pushes to 1935, MediaMTX's RTMP port");
      const path = ingest.pathname.slice(1);
      assert.equal(
        new URL(shownAddresses['hls']!).pathname,
        `/${path}/index.m3u8`,
        "MediaMTX serves a path's HLS at /<path>/index.m3u8",
      );
      const whepPath = new URL(shownAddresses['whep']!).pathname.match(/^\/(.+)\/whep$/)?.[1];
      assert.ok(whepPath, 'MediaMTX answers WHEP at /<path>/whep');
      const pathRules = [...guideBlock('mediamtx-config').matchAll(/^\s+"~(.+)":\s*$/gm)].map(
        (rule) => new RegExp(rule[1]!),
      );
      const [live, webrtc] = pathRules;
      assert.equal(pathRules.length, 2);
      assert.equal(
        live!.exec(path)?.[1],
        place.streamName,
        'the hook runs for the path Jibri pushes to, with G1 = the stream',
      );
      assert.ok(webrtc!.test(whepPath), 'WHEP readers read the path the hook republishes to');
      assert.match(
        guideBlock('mediamtx-hook'),
        new RegExp(`rtsp://localhost:\\$RTSP_PORT/${whepPath.replace(place.streamName, '\\$G1')}"`),
      );
      assert.equal(
        new URL(shownAddresses['vod']!).pathname,
        `/vod/${place.streamName}/index.m3u8`,
        'the CDN serves VOD_DIR under /vod/',
      );
    });

    it("lets Jibri push only to the guide's ingest addresses", () => {
      const patterns = [...guideBlock('jibri-allow-list').matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(
        // HOCON strings are JSON strings; Jibri's Pattern.matches() wants the whole address to match.
        (entry) => new RegExp(`^(?:${JSON.parse(`"${entry[1]}"`) as string})$`),
      );
      const verdicts = (urls: string[]) => urls.map((url) => [url, patterns.some((pattern) => pattern.test(url))]);
      const ours = [ingestUrl(templates, place, true), ingestUrl(templates, place, false)];
      const others = [
        'rtmp://a.rtmp.youtube.com/live2/abcd-efgh-ijkl-mnop',
        'rtmp://ingest.example.org.attacker.example/live/XXXXX-YYYYY',
        'rtmp://ingestXexample.org/live/XXXXX-YYYYY',
      ];
      assert.deepEqual(verdicts([...ours, ...others]), [
        ...ours.map((url) => [url, true]),
        ...others.map((url) => [url, false]),
      ]);
    });
  });

  describe('the MediaMTX hook', () => {
    let hookDir: string;

    before(() => {
      hookDir = join(dir, 'hook');
      mkdirSync(join(hookDir, 'bin'), { recursive: true });
      writeFileSync(join(hookDir, 'on-live.sh'), guideBlock('mediamtx-hook'));
      // An ffmpeg that notes how it was called and how it was stopped, and otherwise runs until stopped.
      const fakeFfmpeg = join(hookDir, 'bin', 'ffmpeg');
      writeFileSync(
        fakeFfmpeg,
        `#!${process.execPath}
const { appendFileSync } = require('node:fs');
const note = (entry) =>
  appendFileSync(process.env.FAKE_FFMPEG_LOG, JSON.stringify({ pid: process.pid, ...entry }) + '\\n');
const stop = (signal) => {
  note({ stopped: signal });
  process.exit(0);
};
// Listening before it says it started: the test stops it as soon as it reads that line.
process.on('SIGINT', stop).on('SIGTERM', stop);
note({ args: process.argv.slice(2) });
setInterval(() => {}, 1000);
`,
      );
      chmodSync(fakeFfmpeg, 0o755);
    });

    /** Runs the hook as MediaMTX does (its own process group, SIGINT to the group at the stream's end). */
    async function runHook(query: string) {
      const log = join(hookDir, `ffmpeg-${query === '' ? 'live' : 'recorded'}.log`);
      const vodDir = join(hookDir, `vod-${query === '' ? 'live' : 'recorded'}`);
      // Each entry is one small appending write, so a line is either there whole or not at all.
      const entries = () =>
        (existsSync(log) ? readFileSync(log, 'utf8').split('\n') : [])
          .filter((line) => line !== '')
          .map((line) => JSON.parse(line) as { pid: number; args?: string[]; stopped?: string });
      const hook = spawn('sh', [join(hookDir, 'on-live.sh')], {
        detached: true,
        stdio: 'ignore',
        env: {
          PATH: `${join(hookDir, 'bin')}:${process.env.PATH}`,
          FAKE_FFMPEG_LOG: log,
          RTSP_PORT: '8554',
          MTX_PATH: `live/${streamName}`,
          G1: streamName,
          MTX_QUERY: query,
          VOD_DIR: vodDir,
        },
      });
      const exited = once(hook, 'exit');
      const expected = query === '' ? 1 : 2;
      try {
        await until(`the hook starts ${expected} ffmpeg`, () => entries().length >= expected);
      } finally {
        // The stream ends, also when the hook did not start as expected: nothing of it outlives the test.
        process.kill(-hook.pid!, 'SIGINT');
      }
      await exited;
      const started = entries().filter((entry) => entry.args);
      const stopped = new Set(
        entries()
          .filter((entry) => entry.stopped)
          .map((entry) => entry.pid),
      );
      return { started, stopped, vodDir };
    }

    it('republishes the stream with Opus audio under webrtc/<stream>, and only that without record=1', async () => {
      const { started, stopped, vodDir } = await runHook('');
      assert.equal(started.length, 1);
      const args = started[0]!.args!;
      assert.equal(args[args.indexOf('-i') + 1], `rtsp://localhost:8554/live/${streamName}`);
      assert.equal(args[args.indexOf('-c:v') + 1], 'copy');
      assert.equal(args[args.indexOf('-c:a') + 1], 'libopus');
      assert.equal(args.at(-1), `rtsp://localhost:8554/webrtc/${streamName}`);
      assert.ok(stopped.has(started[0]!.pid), 'ffmpeg was stopped before the hook ended');
      assert.equal(existsSync(vodDir), false);
    });

    it('with record=1 also writes the HLS recording into VOD_DIR/<stream>, and lets both ffmpeg finish', async () => {
      const { started, stopped, vodDir } = await runHook('record=1');
      assert.equal(started.length, 2);
      const recording = started.find((entry) => entry.args!.includes('hls'))!.args!;
      assert.equal(
        recording[recording.indexOf('-hls_playlist_type') + 1],
        'event',
        'the playlist ends (ENDLIST) with the stream',
      );
      assert.equal(recording.at(-1), join(vodDir, streamName, 'index.m3u8'));
      assert.ok(existsSync(join(vodDir, streamName)), 'ffmpeg does not make its output folder');
      assert.deepEqual(new Set(started.map((entry) => entry.pid)), stopped);
    });
  });
});
