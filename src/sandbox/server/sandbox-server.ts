/**
 * The Jitsi sandbox: one HTTPS server that stands in for a Jitsi deployment (external_api.js, meeting
 * pages, rooms with real JWT checks), for the media server behind it (WHEP, HLS, VOD of the broadcast),
 * and offers a control API to tests. Start it with {@link startSandbox}; it listens on any free port.
 *
 * It speaks HTTP/2, and HTTP/1.1 to clients that ask for nothing else, as Jitsi's nginx does (`listen 443 ssl
 * http2`, docker-jitsi-meet's web/rootfs/defaults/default): a browser then loads a meeting page and everything it
 * needs over one connection, and a page that opened that connection before (external_api.js, a preconnect) spares
 * its meeting page every handshake.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSecureServer } from 'node:http2';
import type { AddressInfo, Server } from 'node:net';
import type { DeploymentSettings } from '../protocol/deployment.js';
import { ControlApi, CONTROL_PREFIX, type SandboxInfo } from './control-api.js';
import { resolveDeployment } from './deployment-files.js';
import { Faults } from './faults.js';
import { slowedByFaults } from './slow-jibri.js';
import { BASE_HEADERS, ConnectionCut, HttpError, sendJson } from './http-helpers.js';
import type { SandboxKey } from './join-check.js';
import { MeetingRoutes } from './meeting-routes.js';
import { trackConnections } from './open-connections.js';
import type { StreamPublisher } from './recording.js';
import { resumeSettings, type ResumeSettings } from '../meeting-page/resume-timing.js';
import { RoomHub } from './room-hub.js';
import { selfSignedCertificate } from './tls-certificate.js';
import { Visits } from './visits.js';

/** Serves the media routes of a publisher (WHEP, HLS, VOD), if it has any. */
export interface MediaServer extends StreamPublisher {
  handle(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * `config` and `interfaceConfig` are the deployment's config.js and interface_config.js (the keys the sandbox acts on):
 * `config.brandingDataUrl` makes every meeting page fetch its room's dynamic branding, as Jitsi's does
 * (docs/jitsi/branding.md §2); `interfaceConfig.SHOW_JITSI_WATERMARK: false` hides the logo slot (§3).
 */
export interface SandboxOptions extends DeploymentSettings {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Host name the sandbox is reached by, and listens on (default `localhost`). */
  host?: string;
  /**
   * The address to listen on when `host` is a name only the browser knows (the bench maps `meet.bench.test` to its
   * delaying proxy with Chromium's `--host-resolver-rules`). Default: `host`.
   */
  listenAddress?: string;
  /** Jitsi's `app_id` (the tokens' `iss`). Default `nano_meet_sandbox`. */
  appId?: string;
  /** Jitsi's `app_secret` (HS256). Default: a fresh random secret. */
  secret?: string;
  /**
   * Makes broadcasts live. Default: the built-in broadcast studio (needs ffmpeg and @roamhq/wrtc);
   * `false` runs without one, so streaming is refused as on a deployment without Jibri.
   */
  media?: MediaServer | false;
  /**
   * How a broken page connection is resumed (docs/jitsi/failures.md S8). Default: Jitsi's own timing, which takes
   * 9–39 s before a drop is reported; tests that break connections make it shorter.
   */
  resume?: Partial<ResumeSettings>;
}

export interface RunningSandbox {
  /** `https://host:port` */
  readonly url: string;
  /** `host:port`: what a token's server claim names. */
  readonly server: string;
  readonly key: SandboxKey;
  readonly info: SandboxInfo;
  /** The self-signed certificate (PEM), for Node clients that want to trust it. */
  readonly certificate: string;
  readonly hub: RoomHub;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? 'localhost';
  // Checked before anything starts: a setting the page cannot use stops the sandbox with a clear error.
  const deployment = resolveDeployment(options);
  const resume = resumeSettings(options.resume);
  const tls = await selfSignedCertificate(host);
  const handler: { current?: (request: IncomingMessage, response: ServerResponse) => void } = {};
  // Node's HTTP/2 compatibility objects have all the sandbox uses of HTTP/1's (method, url, headers, the body as a
  // stream; writeHead, setHeader, write, end, destroy, 'close'), apart from `Host` (HTTP/2 says `:authority`) and
  // the connection's own headers, which HTTP/2 forbids and no route sends.
  const server = createSecureServer({ key: tls.key, cert: tls.cert, allowHTTP1: true }, (request, response) =>
    handler.current?.(request as unknown as IncomingMessage, response as unknown as ServerResponse),
  );
  const visits = new Visits();
  server.on('secureConnection', (socket) => visits.connection(socket.servername));
  const connections = trackConnections(server, 'secureConnection');
  await listen(server, options.port ?? 0, options.listenAddress ?? host);
  const port = (server.address() as AddressInfo).port;
  const origin = `${host}:${port}`;
  const url = `https://${origin}`;
  const key: SandboxKey = {
    appId: options.appId ?? 'nano_meet_sandbox',
    secret: options.secret ?? randomBytes(32).toString('base64url'),
    server: origin,
  };
  const media = options.media === false ? undefined : (options.media ?? (await defaultMediaServer(url)));
  const info: SandboxInfo = {
    server: origin,
    url,
    appId: key.appId,
    ingestTemplate: `rtmp://${origin}/live/{streamname}`,
    whepTemplate: `${url}/whep/{streamname}`,
    hlsTemplate: `${url}/hls/{streamname}/index.m3u8`,
    vodTemplate: `${url}/vod/{streamname}/index.m3u8`,
  };
  const faults = new Faults();
  const hub = new RoomHub(key, media && slowedByFaults(media, faults), resume);
  const control = new ControlApi(hub, key, faults, visits, info, media);
  const meeting = new MeetingRoutes(hub, faults, deployment);
  handler.current = (request, response) => {
    visits.request(request.headers.host ?? (request.headers[':authority'] as string | undefined));
    void serve(request, response, url, { control, meeting, media, faults });
  };
  return {
    url,
    server: origin,
    key,
    info,
    certificate: tls.cert,
    hub,
    async close() {
      hub.close();
      await media?.close();
      // Event streams never end by themselves: cut every open connection so close() returns.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      connections.destroyAll();
      await closed;
    },
  };
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  base: string,
  routes: { control: ControlApi; meeting: MeetingRoutes; media: MediaServer | undefined; faults: Faults },
): Promise<void> {
  try {
    const url = new URL(request.url ?? '/', base);
    if (!url.pathname.startsWith(CONTROL_PREFIX)) {
      await routes.faults.delay(url.pathname);
      const failure = routes.faults.failureFor(url.pathname);
      if (failure !== undefined) throw new HttpError(failure, 'The sandbox was told to fail this path.');
    }
    for (const [name, value] of Object.entries(BASE_HEADERS))
      if (!response.hasHeader(name)) response.setHeader(name, value);
    if (await routes.control.handle(request, response, url)) return;
    if (routes.media && (await routes.media.handle(request, response))) return;
    if (await routes.meeting.handle(request, response, url)) return;
    throw new HttpError(404, 'The sandbox has nothing at this address.');
  } catch (error) {
    if (error instanceof ConnectionCut) {
      response.destroy();
      return;
    }
    const status = error instanceof HttpError ? error.status : 500;
    const message = error instanceof HttpError ? error.message : 'The sandbox failed on this request.';
    if (!(error instanceof HttpError)) console.error('[sandbox]', error);
    if (response.headersSent) response.destroy();
    else sendJson(response, status, { error: message });
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** The broadcast studio, loaded only when wanted: it brings native WebRTC and spawns ffmpeg. */
async function defaultMediaServer(url: string): Promise<MediaServer> {
  const { BroadcastStudio } = await import('../media/broadcast-studio.js');
  const studio = new BroadcastStudio();
  return {
    start: (streamName, options) => studio.start(streamName, options),
    stop: (streamName) => studio.stop(streamName),
    viewUrl: (streamName) => `${url}/hls/${streamName}/index.m3u8`,
    whepRequests: (streamName) => studio.whepRequests(streamName),
    handle: (request, response) => studio.handle(request, response),
    close: () => studio.close(),
  };
}
