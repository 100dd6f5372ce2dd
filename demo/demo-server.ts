/**
 * Everything `npm start` runs, on localhost: the Jitsi sandbox (unless a real deployment is configured), the
 * token service signing with the meeting server's key, and the demo pages with the built CDN files. The sandbox's
 * deployment takes its rooms' branding from the token service (`brandingDataUrl`), as a real deployment would
 * (docs/jitsi/branding.md §5). The browser test of the Token Creator starts the same thing.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createTokenService,
  hashApiKey,
  loadConfigFromEnv,
  toNodeListener,
  type TokenServiceConfig,
} from '../src/server/index.js';
import { startSandbox, type RunningSandbox } from '../src/sandbox/server/sandbox-server.js';
import { brandingForOrigin } from './branding-file.js';
import { closeServer, listenOnPort, portError } from './listen-on-port.js';

/** The token service's route that Jitsi's `brandingDataUrl` names. */
const BRANDING_ROUTE = '/api/v1/branding';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The only folders the demo server hands out. */
const SERVED = ['demo/', 'dist/'];
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/** What the demo pages read from `/demo-config.json`. */
export interface DemoConfig {
  tokenService: string;
  /**
   * The meeting server's `brandingDataUrl` when it is the demo's sandbox: rooms created with a branding show it in
   * the meeting itself too. A real deployment sets its own (docker-jitsi-meet: `BRANDING_DATA_URL`).
   */
  brandingDataUrl?: string;
  /** The meeting server rooms are created on. */
  server: string;
  whepTemplate: string;
  hlsTemplate: string;
  vodTemplate: string;
  /** Only for the local sandbox: a page to open once to trust its self-signed certificate. */
  certificateCheckUrl?: string;
  /** Only in the development setup (a key generated for this run): prefilled in the Token Creator. */
  developmentApiKey?: string;
}

export interface RunningDemo {
  url: string;
  config: DemoConfig;
  sandbox: RunningSandbox | undefined;
  close(): Promise<void>;
}

/** Ports default to 0 (any free port); a given port that cannot be had rejects with a `DemoPortError`. */
export interface DemoOptions {
  port?: number;
  /** Only when the demo runs the sandbox (no `NANO_MEET_SERVER`). */
  sandboxPort?: number;
  tokenServicePort?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * With `NANO_MEET_SERVER` (and the token service's own variables, see `loadConfigFromEnv`) the demo uses that
 * Jitsi deployment; `NANO_MEET_WHEP_URL`/`NANO_MEET_HLS_URL`/`NANO_MEET_VOD_URL` name its playout server.
 * Without, it runs the sandbox with a key made for this run.
 */
export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  // Whatever started before a failure is stopped again, so that a taken port leaves nothing running.
  const running: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const stop of running.splice(0).reverse()) await stop();
  };
  try {
    return { ...(await start(options, running)), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Starts each part, noting in `running` how to stop it. */
async function start(options: DemoOptions, running: Array<() => Promise<void>>): Promise<Omit<RunningDemo, 'close'>> {
  const env = options.env ?? process.env;
  const demoServer = createServer();
  const demoPort = await listenOnPort(demoServer, options.port ?? 0, 'demo');
  running.push(() => closeServer(demoServer));
  const demoOrigin = `http://localhost:${demoPort}`;
  const inviteUrl = `${demoOrigin}/demo/meeting.html?token={token}`;
  // The token service listens first, so that the sandbox's deployment can name it; it answers once it is made.
  const service: { current?: ReturnType<typeof toNodeListener> } = {};
  const serviceServer = createServer((request, response) => {
    const answer = service.current ?? starting;
    answer(request, response);
  });
  const servicePort = await listenOnPort(serviceServer, options.tokenServicePort ?? 0, 'token service');
  running.push(() => closeServer(serviceServer));
  const tokenService = `http://localhost:${servicePort}`;

  let sandbox: RunningSandbox | undefined;
  let serviceConfig: TokenServiceConfig;
  let developmentApiKey: string | undefined;
  let brandingDataUrl: string | undefined;
  let server: string;
  let templates: Pick<DemoConfig, 'whepTemplate' | 'hlsTemplate' | 'vodTemplate'>;
  if (env['NANO_MEET_SERVER']) {
    server = env['NANO_MEET_SERVER'];
    serviceConfig = { ...(await loadConfigFromEnv(env)), inviteUrl };
    serviceConfig.corsOrigins = [...(serviceConfig.corsOrigins ?? []), demoOrigin];
    templates = {
      whepTemplate: env['NANO_MEET_WHEP_URL'] ?? `https://${server}/whep/{streamname}`,
      hlsTemplate: env['NANO_MEET_HLS_URL'] ?? `https://${server}/hls/{streamname}/index.m3u8`,
      vodTemplate: env['NANO_MEET_VOD_URL'] ?? `https://${server}/vod/{streamname}/index.m3u8`,
    };
  } else {
    const sandboxPort = options.sandboxPort ?? 0;
    brandingDataUrl = `${tokenService}${BRANDING_ROUTE}`;
    const started = await startSandbox({ port: sandboxPort, config: { brandingDataUrl } }).catch((error: unknown) => {
      throw portError('sandbox', sandboxPort, error);
    });
    sandbox = started;
    running.push(() => started.close());
    server = started.server;
    developmentApiKey = `dev-${randomBytes(18).toString('base64url')}`;
    serviceConfig = {
      keys: [{ appId: started.key.appId, secret: started.key.secret, current: true }],
      apiKeys: [{ sha256: await hashApiKey(developmentApiKey), name: 'development' }],
      allowedServers: [started.server],
      corsOrigins: [demoOrigin],
      inviteUrl,
    };
    templates = {
      whepTemplate: started.info.whepTemplate,
      hlsTemplate: started.info.hlsTemplate,
      vodTemplate: started.info.vodTemplate,
    };
  }

  const tokens = createTokenService(serviceConfig);
  await tokens.ready;
  service.current = toNodeListener(tokens);

  const config: DemoConfig = {
    tokenService,
    ...(brandingDataUrl && { brandingDataUrl }),
    server,
    ...templates,
    ...(sandbox && { certificateCheckUrl: `${sandbox.url}/_sandbox/control/info` }),
    ...(developmentApiKey && { developmentApiKey }),
  };
  demoServer.on('request', (request, response) => {
    void serveFile(request.url ?? '/', config, demoOrigin).then(({ status, type, body }) => {
      response.writeHead(status, {
        'content-type': type,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      response.end(body);
    });
  });

  return { url: `${demoOrigin}/`, config, sandbox };
}

/** The token service's answer before it is ready (only ever for a moment while the demo starts). */
function starting(_request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '1' }).end('The token service is starting.');
}

async function serveFile(
  url: string,
  config: DemoConfig,
  origin: string,
): Promise<{ status: number; type: string; body: string | Buffer }> {
  const path = normalize(decodeURIComponent(new URL(url, 'http://demo').pathname));
  if (path === '/demo-config.json') return { status: 200, type: TYPES['.json']!, body: JSON.stringify(config) };
  const relative = path === '/' ? 'demo/index.html' : path.slice(1);
  if (!SERVED.some((folder) => relative.startsWith(folder)) || relative.includes('..') || relative.endsWith('.ts')) {
    return { status: 404, type: 'text/plain', body: 'Not found' };
  }
  try {
    const body = await readFile(join(ROOT, relative));
    if (relative === 'demo/branding.json') {
      return { status: 200, type: TYPES['.json']!, body: brandingForOrigin(body.toString('utf8'), origin) };
    }
    return { status: 200, type: TYPES[extname(relative)] ?? 'application/octet-stream', body };
  } catch {
    return {
      status: 404,
      type: 'text/plain',
      body: relative.startsWith('dist/') ? 'Not built: run npm run build' : 'Not found',
    };
  }
}
