/**
 * The sandbox's control API, for tests and the demo: mint tokens with the sandbox's key, put scripted
 * participants into rooms and act as them (and speak), cut connections, read a room's state, start streams and
 * read what WHEP players asked of them, fail a room's live stream, make the server slow or failing, and tell what
 * reached it under a host name. Only pages on loopback origins may call it from a browser.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeJwt } from 'jose/jwt/decode';
import { createRoomToken } from '../../token/create-room-token.js';
import { signClaims } from '../../token/signing-key.js';
import type { TokenClaims } from '../../token/claims.js';
import { TokenError } from '../../token/token-error.js';
import { fillTemplate } from '../../broadcast/broadcast-addresses.js';
import { DEFAULT_FAULT, type Faults } from './faults.js';
import {
  HttpError,
  optionalBoolean,
  optionalNumber,
  optionalString,
  readJsonObject,
  requiredString,
  sendJson,
} from './http-helpers.js';
import type { SandboxKey } from './join-check.js';
import type { StreamPublisher } from './recording.js';
import type { RoomHub } from './room-hub.js';
import type { Visits } from './visits.js';

export const CONTROL_PREFIX = '/_sandbox/control';

/** Where the sandbox publishes a stream and takes it in; `{streamname}` is replaced by the stream name. */
export interface SandboxInfo {
  /** The meeting server, as a token names it: host and port. */
  server: string;
  url: string;
  appId: string;
  ingestTemplate: string;
  whepTemplate: string;
  hlsTemplate: string;
  vodTemplate: string;
}

const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;
const PARTICIPANTS = /^\/rooms\/([^/]+)\/participants(?:\/([^/]+)(\/commands|\/break|\/speak|\/video-quality)?)?$/;
const ROOM = /^\/rooms\/([^/]+)(\/drop|\/stream-failure)?$/;
const FAULT = /^\/faults(?:\/([A-Za-z0-9_-]{1,64}))?$/;
const STREAM = /^\/streams\/([A-Za-z0-9_-]{1,128})(\/whep-requests)?$/;
const VISITS = /^\/visits\/([A-Za-z0-9.-]{1,253})$/;
/** Long enough for any drop, short enough that a forgotten break ends. */
const MAX_BREAK_MS = 600_000;

export class ControlApi {
  constructor(
    private readonly hub: RoomHub,
    private readonly key: SandboxKey,
    private readonly faults: Faults,
    private readonly visits: Visits,
    private readonly info: SandboxInfo,
    private readonly publisher: StreamPublisher | undefined,
  ) {}

  /** Answers `/_sandbox/control/…`; returns false for any other path. */
  async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
    if (!url.pathname.startsWith(`${CONTROL_PREFIX}/`)) return false;
    const cors = corsHeaders(request);
    if (request.method === 'OPTIONS') {
      response.writeHead(cors ? 204 : 403, cors ?? {}).end();
      return true;
    }
    // A foreign site must not drive the sandbox through a visitor's browser.
    if (request.headers.origin !== undefined && !cors)
      throw new HttpError(403, 'The control API answers loopback pages only.');
    const result = await this.#route(request, url.pathname.slice(CONTROL_PREFIX.length));
    sendJson(
      response,
      result === undefined ? 404 : 200,
      result ?? { error: 'No such control route or room.' },
      cors ?? {},
    );
    return true;
  }

  async #route(request: IncomingMessage, path: string): Promise<unknown> {
    const method = request.method ?? 'GET';
    if (path === '/info' && method === 'GET') return this.info;
    if (path === '/tokens' && method === 'POST') return { token: await this.#token(await readJsonObject(request)) };
    const fault = FAULT.exec(path);
    if (fault) {
      const name = fault[1] ?? DEFAULT_FAULT;
      if (method === 'PUT') return this.faults.set(faultsOf(await readJsonObject(request)), name);
      if (method === 'DELETE') return (this.faults.reset(name), {});
    }
    const visits = VISITS.exec(path);
    if (visits && method === 'GET') return this.visits.of(visits[1]!);
    const participants = PARTICIPANTS.exec(path);
    if (participants) {
      const room = decodeURIComponent(participants[1]!);
      const id = participants[2] && decodeURIComponent(participants[2]);
      if (!id && method === 'POST') return this.#addParticipant(room, await readJsonObject(request));
      if (id && participants[3] === '/break' && method === 'POST') {
        const ms = optionalNumber(await readJsonObject(request), 'ms', 1, MAX_BREAK_MS);
        if (ms === undefined) throw new HttpError(400, '"ms" is required: how long the outage lasts.');
        this.hub.interruptStream(room, id, ms);
        return {};
      }
      if (id && participants[3] === '/speak' && method === 'POST') {
        this.hub.speak(room, id);
        return {};
      }
      if (id && participants[3] === '/video-quality' && method === 'POST') {
        const height = optionalNumber(await readJsonObject(request), 'height', 0, 4320);
        if (height === undefined) throw new HttpError(400, '"height" is required: the video height picked.');
        this.hub.pickVideoQuality(room, id, height);
        return {};
      }
      if (id && participants[3] === '/commands' && method === 'POST') {
        const body = await readJsonObject(request);
        const args = body['args'] ?? [];
        if (!Array.isArray(args)) throw new HttpError(400, '"args" must be an array.');
        this.hub.scriptedCommand(room, id, requiredString(body, 'name', 100), args);
        return {};
      }
      if (id && !participants[3] && method === 'DELETE') {
        this.hub.scriptedCommand(room, id, 'video-hangup', []);
        return {};
      }
    }
    const stream = STREAM.exec(path);
    if (stream?.[2] && method === 'GET') return { requests: this.publisher?.whepRequests?.(stream[1]!) ?? [] };
    if (stream && !stream[2]) return this.#stream(request, method, stream[1]!);
    const room = ROOM.exec(path);
    if (room) {
      const key = decodeURIComponent(room[1]!);
      if (room[2] === '/drop' && method === 'POST') return { dropped: this.hub.drop(key) };
      if (room[2] === '/stream-failure' && method === 'POST') {
        const error = optionalString(await readJsonObject(request), 'error', 64) ?? 'error';
        return { failed: this.hub.failStream(key, error) };
      }
      if (!room[2] && method === 'GET') return this.hub.snapshot(key);
    }
    throw new HttpError(404, `No control route ${method} ${path}.`);
  }

  /**
   * A broadcast without a meeting, for players and benchmarks: `POST` starts it (resolving once it is live),
   * `DELETE` ends it. Its picture is an empty room.
   */
  async #stream(request: IncomingMessage, method: string, streamName: string) {
    if (!this.publisher) throw new HttpError(503, 'This sandbox runs without a broadcast studio.');
    const urls = (template: string) => fillTemplate(template, { streamName });
    if (method === 'POST') {
      const record = optionalBoolean(await readJsonObject(request), 'record') ?? false;
      try {
        await this.publisher.start(streamName, { record, composition: () => [] });
      } catch (error) {
        throw new HttpError(409, error instanceof Error ? error.message : String(error));
      }
      return {
        whep: urls(this.info.whepTemplate),
        hls: urls(this.info.hlsTemplate),
        ...(record && { vod: urls(this.info.vodTemplate) }),
      };
    }
    if (method === 'DELETE') return this.publisher.stop(streamName);
    throw new HttpError(405, 'Start a stream with POST, end it with DELETE.');
  }

  #addParticipant(room: string, body: Record<string, unknown>) {
    const name = optionalString(body, 'name') ?? '';
    const moderator = optionalBoolean(body, 'moderator') ?? false;
    const participant = optionalBoolean(body, 'knock')
      ? this.hub.knockScripted(room, { name })
      : this.hub.addScripted(room, { name, moderator });
    return { id: participant.id };
  }

  /**
   * A token signed with the sandbox's key. `validFrom`/`validFor` (seconds, relative to now) make tokens
   * that are not yet valid or already expired; `withoutFeatures` takes features away from a moderator.
   */
  async #token(body: Record<string, unknown>): Promise<string> {
    const now = Date.now();
    const validFrom = optionalNumber(body, 'validFrom', -365 * 86_400, 365 * 86_400) ?? -60;
    const validFor = optionalNumber(body, 'validFor', 1, 365 * 86_400) ?? 3600;
    const nbf = now + validFrom * 1000;
    const exp = nbf + validFor * 1000;
    const name = optionalString(body, 'name');
    const email = optionalString(body, 'email');
    const avatar = optionalString(body, 'avatar', 2048);
    const user = { ...(name && { name }), ...(email && { email }), ...(avatar && { avatar }) };
    try {
      const token = await createRoomToken(
        this.key,
        {
          nbf: new Date(nbf).toISOString(),
          exp: new Date(exp).toISOString(),
          streamname: optionalString(body, 'streamname', 128) ?? 'sandbox-stream',
          server: optionalString(body, 'server') ?? this.info.server,
          room: requiredString(body, 'room', 64),
          moderator: optionalBoolean(body, 'moderator') ?? false,
          ...(Object.keys(user).length > 0 && { user }),
        },
        // Issued "back then" so that an already expired token can be made at all.
        { now: Math.min(now, exp - 1000) },
      );
      const withoutFeatures = body['withoutFeatures'];
      if (withoutFeatures === undefined) return token;
      if (!Array.isArray(withoutFeatures) || !withoutFeatures.every((feature) => typeof feature === 'string')) {
        throw new HttpError(400, '"withoutFeatures" must be an array of feature names.');
      }
      const claims = decodeJwt(token) as TokenClaims;
      const features = { ...claims.context.features };
      for (const feature of withoutFeatures) features[feature] = false;
      return signClaims(this.key, { ...claims, context: { ...claims.context, features } });
    } catch (error) {
      if (error instanceof TokenError) throw new HttpError(400, error.message);
      throw error;
    }
  }
}

function corsHeaders(request: IncomingMessage): Record<string, string> | undefined {
  const origin = request.headers.origin;
  if (origin === undefined || !LOOPBACK_ORIGIN.test(origin)) return undefined;
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST, PUT, DELETE',
    'access-control-allow-headers': 'content-type',
    vary: 'origin',
  };
}

function faultsOf(body: Record<string, unknown>) {
  const paths = (field: string): string[] | undefined => {
    const value = body[field];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || !value.every((path) => typeof path === 'string' && path.startsWith('/'))) {
      throw new HttpError(400, `"${field}" must be an array of paths starting with /.`);
    }
    return value as string[];
  };
  const failPaths = paths('failPaths');
  const delayPaths = paths('delayPaths');
  const silentPagePaths = paths('silentPagePaths');
  const stuckJoinPaths = paths('stuckJoinPaths');
  const olderPagePaths = paths('olderPagePaths');
  const slowStreams = body['slowStreams'];
  const names = Array.isArray(slowStreams) && slowStreams.every((name) => typeof name === 'string');
  if (slowStreams !== undefined && !names) throw new HttpError(400, '"slowStreams" must be an array of stream names.');
  const streamDelayMs = optionalNumber(body, 'streamDelayMs', 0, 60_000);
  const delayMs = optionalNumber(body, 'delayMs', 0, 60_000);
  const failStatus = optionalNumber(body, 'failStatus', 400, 599);
  return {
    ...(delayMs !== undefined && { delayMs }),
    ...(delayPaths !== undefined && { delayPaths }),
    ...(failPaths !== undefined && { failPaths }),
    ...(failStatus !== undefined && { failStatus }),
    ...(silentPagePaths !== undefined && { silentPagePaths }),
    ...(stuckJoinPaths !== undefined && { stuckJoinPaths }),
    ...(olderPagePaths !== undefined && { olderPagePaths }),
    ...(slowStreams !== undefined && { slowStreams: slowStreams as string[] }),
    ...(streamDelayMs !== undefined && { streamDelayMs }),
  };
}
