/**
 * What a Jitsi deployment serves to browsers, as the sandbox serves it: `/external_api.js` for host pages,
 * the meeting page at `/<room>` or `/<tenant>/<room>` with its config.js, interface_config.js and watermark image,
 * and the page's own calls to the room hub (page-protocol.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BundleCache, BundleMissingError, BUNDLES, type BundleName } from './bundles.js';
import { DEPLOYMENT_SCRIPTS, SANDBOX_WATERMARK_PATH } from '../protocol/deployment.js';
import { brandingOrigins, deploymentScripts, WATERMARK_SVG, type Deployment } from './deployment-files.js';
import type { Faults } from './faults.js';
import { BASE_HEADERS, HttpError, readJsonObject, sendJson, sendText } from './http-helpers.js';
import { parseRoomPath } from './join-check.js';
import { SANDBOX_ROUTES, SESSION_HEADER, type JoinRequest } from '../protocol/page-protocol.js';
import type { RoomHub } from './room-hub.js';

/** Jitsi serves the API under both names. */
const EXTERNAL_API_PATHS = new Set(['/external_api.js', '/libs/external_api.min.js']);
const SOURCE_MAPS = new Map<string, BundleName>(
  Object.entries(BUNDLES).map(([name, { sourceMapPath }]) => [sourceMapPath, name as BundleName]),
);

/**
 * The meeting page runs inside other sites' iframes: any ancestor may frame it, and it may fetch the deployment's
 * branding URLs; nothing else is loosened.
 */
function meetingPageCsp(deployment: Deployment): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https: http:",
    "media-src 'self' blob: https: http:",
    ["connect-src 'self'", ...brandingOrigins(deployment)].join(' '),
    'frame-ancestors *',
  ].join('; ');
}

const MEETING_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Jitsi sandbox meeting</title>
<script src="${DEPLOYMENT_SCRIPTS.config.path}"></script>
<script src="${DEPLOYMENT_SCRIPTS.interfaceConfig.path}"></script>
<script type="module" src="${SANDBOX_ROUTES.meetingPageScript}"></script>
</head>
<body></body>
</html>
`;

/** The `silentPagePaths` fault: a page that loads and never runs the meeting, so it never answers its host. */
const SILENT_PAGE_HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Not a meeting</title></head>
<body><p>This page never answers its host.</p></body>
</html>
`;

const ROOM_CALL = /^\/_sandbox\/rooms\/([^/]+)\/(events|command|request|leave)$/;
type RoomCall = 'events' | 'command' | 'request' | 'leave';
const MAX_NAME_LENGTH = 100;

export class MeetingRoutes {
  readonly #bundles = new BundleCache();
  readonly #scripts: Map<string, string>;
  readonly #csp: string;

  constructor(
    private readonly hub: RoomHub,
    private readonly faults: Faults,
    deployment: Deployment,
  ) {
    this.#scripts = deploymentScripts(deployment);
    this.#csp = meetingPageCsp(deployment);
  }

  /** Answers the request if it is one of these routes; returns false otherwise. */
  async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
    const { pathname } = url;
    const method = request.method ?? 'GET';
    if (EXTERNAL_API_PATHS.has(pathname) && isRead(method)) {
      await this.#script(request, response, 'externalApi');
      return true;
    }
    if (pathname === SANDBOX_ROUTES.meetingPageScript && isRead(method)) {
      await this.#script(request, response, 'meetingPage');
      return true;
    }
    const mapped = SOURCE_MAPS.get(pathname);
    if (mapped && isRead(method)) {
      const { sourceMap } = await this.#bundles.get(mapped);
      sendText(response, 200, sourceMap, 'application/json; charset=utf-8', {
        ...BASE_HEADERS,
        'cache-control': 'no-cache',
      });
      return true;
    }
    const settings = this.#scripts.get(pathname);
    if (settings !== undefined && isRead(method)) {
      sendText(response, 200, method === 'HEAD' ? '' : settings, 'text/javascript; charset=utf-8', BASE_HEADERS);
      return true;
    }
    if (pathname === SANDBOX_WATERMARK_PATH && isRead(method)) {
      // An image, shown as a CSS background: cached like any static file of a deployment.
      const headers = { ...BASE_HEADERS, 'cache-control': 'max-age=3600' };
      sendText(response, 200, method === 'HEAD' ? '' : WATERMARK_SVG, 'image/svg+xml', headers);
      return true;
    }
    if (pathname === SANDBOX_ROUTES.join && method === 'POST') {
      const join = joinRequestOf(await readJsonObject(request));
      // The `stuckJoinPaths` fault: no answer at all, until the page gives up or goes.
      if (this.faults.stallsJoin(join.path)) await new Promise((resolve) => response.once('close', resolve));
      else sendJson(response, 200, await this.hub.join(join));
      return true;
    }
    const call = ROOM_CALL.exec(pathname);
    if (call) {
      await this.#roomCall(request, response, url, decodeURIComponent(call[1]!), call[2] as RoomCall);
      return true;
    }
    if (!pathname.startsWith('/_sandbox/') && isRead(method) && parseRoomPath(pathname)) {
      const html = this.faults.silences(pathname) ? SILENT_PAGE_HTML : MEETING_PAGE_HTML;
      sendText(response, 200, method === 'HEAD' ? '' : html, 'text/html; charset=utf-8', {
        ...BASE_HEADERS,
        'content-security-policy': this.#csp,
      });
      return true;
    }
    return false;
  }

  async #script(request: IncomingMessage, response: ServerResponse, name: BundleName): Promise<void> {
    try {
      const { code, gzipped } = await this.#bundles.get(name);
      // Cached by the browser like Jitsi's own script, but revalidated: the sandbox is rebuilt from source.
      const headers = { ...BASE_HEADERS, 'cache-control': 'no-cache', vary: 'accept-encoding' };
      if (!acceptsGzip(request)) {
        sendText(response, 200, code, 'text/javascript; charset=utf-8', headers);
        return;
      }
      response.writeHead(200, {
        ...headers,
        'content-type': 'text/javascript; charset=utf-8',
        'content-encoding': 'gzip',
        'content-length': gzipped.length,
      });
      response.end(gzipped);
    } catch (error) {
      const message =
        error instanceof BundleMissingError
          ? error.message
          : `The sandbox could not build this script: ${String(error)}`;
      sendText(
        response,
        500,
        `console.error(${JSON.stringify(message)});`,
        'text/javascript; charset=utf-8',
        BASE_HEADERS,
      );
    }
  }

  async #roomCall(request: IncomingMessage, response: ServerResponse, url: URL, room: string, call: RoomCall) {
    if (call === 'events') {
      if (request.method !== 'GET') throw new HttpError(405, 'Open the stream with GET.');
      const participant = url.searchParams.get('participant');
      const session = url.searchParams.get('session');
      if (!participant || !session) throw new HttpError(400, 'participant and session are required.');
      const after = url.searchParams.get('after') ?? '0';
      if (!/^\d{1,15}$/.test(after)) throw new HttpError(400, '"after" must be the id of a frame the page got.');
      this.hub.attachStream(room, participant, session, response, Number(after));
      return;
    }
    if (request.method !== 'POST') throw new HttpError(405, 'Use POST.');
    const body = await readJsonObject(request);
    const session = headerOf(request, SESSION_HEADER);
    if (call === 'leave') {
      if (!session) throw new HttpError(401, `Leaving needs the ${SESSION_HEADER} header.`);
      this.hub.leave(room, session);
      sendJson(response, 200, {});
      return;
    }
    if (call === 'command') {
      const { name, args } = body;
      if (typeof name !== 'string' || name.length > MAX_NAME_LENGTH)
        throw new HttpError(400, '"name" must be a command name.');
      if (!Array.isArray(args)) throw new HttpError(400, '"args" must be an array.');
      if (!session) throw new HttpError(401, `Commands need the ${SESSION_HEADER} header.`);
      sendJson(response, 200, this.hub.command(room, session, name, args));
      return;
    }
    const { data } = body;
    if (typeof data !== 'object' || data === null || typeof (data as { name?: unknown }).name !== 'string') {
      throw new HttpError(400, '"data" must be a request object with a name.');
    }
    const older = this.faults.isOlder(`/${room}`);
    sendJson(response, 200, { result: this.hub.request(room, session, data as { name: string }, older) });
  }
}

/** Whether the client takes gzip (`gzip;q=0` refuses it). */
function acceptsGzip(request: IncomingMessage): boolean {
  return String(request.headers['accept-encoding'] ?? '')
    .split(',')
    .some((coding) => {
      const [name, ...parameters] = coding.split(';').map((part) => part.trim().toLowerCase());
      const q = parameters.find((parameter) => parameter.startsWith('q='));
      return (name === 'gzip' || name === '*') && (q === undefined || Number(q.slice(2)) > 0);
    });
}

function isRead(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function joinRequestOf(body: Record<string, unknown>): JoinRequest {
  const { path, jwt, displayName, email, startMuted, subject } = body;
  if (typeof path !== 'string' || path.length > 512) throw new HttpError(400, '"path" must be the meeting page path.');
  const text = (value: unknown, field: string) => {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || value.length > 8192) throw new HttpError(400, `"${field}" must be a string.`);
    return value;
  };
  const request: JoinRequest = { path };
  const token = text(jwt, 'jwt');
  const name = text(displayName, 'displayName');
  const mail = text(email, 'email');
  if (token !== undefined) request.jwt = token;
  if (name !== undefined) request.displayName = name;
  if (mail !== undefined) request.email = mail;
  const topic = text(subject, 'subject');
  if (topic !== undefined) request.subject = topic;
  if (startMuted !== undefined) {
    const { audio, video } = (startMuted ?? {}) as Record<string, unknown>;
    if (typeof audio !== 'boolean' || typeof video !== 'boolean')
      throw new HttpError(400, '"startMuted" must be {audio, video}, both booleans.');
    request.startMuted = { audio, video };
  }
  return request;
}
