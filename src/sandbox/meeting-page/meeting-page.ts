/**
 * The meeting page as a whole: reads its URL, shakes hands with the host, joins the room on the sandbox
 * server, relays the host's commands and requests, posts the room's events to the host and keeps the view
 * drawn. The order of what the host hears follows a real Jitsi page: `browser-support`, `ready`, then the
 * server's join sequence (or its refusal), each event exactly as the server built it. Its settings are the
 * deployment's (config.js, interface_config.js) with the URL overrides Jitsi lets through, and it asks for the
 * deployment's dynamic branding as Jitsi does, alongside the join.
 */
import { connectionDropped, wire } from '../protocol/jitsi-events.js';
import type { MeetingView, WireEvent } from '../protocol/page-protocol.js';
import { isObject } from '../../shared/json-checks.js';
import {
  configWhitelist,
  mergeOverrides,
  pickPaths,
  readDeployment,
  urlOverrides,
  withOverrides,
  type MeetingSettings,
} from './config-overrides.js';
import { BRANDING_PAINT_HOLD_MS, brandingUrlOf, fetchDynamicBranding } from './dynamic-branding.js';
import type { DynamicBranding } from './dynamic-branding.js';
import { HostBridge, type HostRequest } from './host-bridge.js';
import { LocalMedia, isDeviceRequest } from './local-media.js';
import { meetingLook } from './meeting-look.js';
import { defineMeetingView, type SandboxMeetingElement } from './meeting-view.js';
import { INITIAL_STATE, afterWireEvent, ended, lost, refused, withView, type PageState } from './page-state.js';
import { SandboxConnection, type ConnectionLoss } from './sandbox-connection.js';
import { logLevelsOf, readPageParams, type PageParams } from './url-params.js';

/** Commands the real page handles in the page itself (Picture-in-Picture, its own config): never relayed. */
const PAGE_COMMANDS = new Set(['document-pip-capability', 'show-pip', 'hide-pip', 'overwrite-config']);
const MAX_COMMAND_NAME = 100;

/** Where the host is, as far as the page can tell. */
function hostOf(win: Window): { host: Window; origin: string | undefined } | undefined {
  const host = win.opener ?? win.parent;
  // A page opened on its own is its own parent: there is no host to talk to.
  if (!host || host === win) return undefined;
  // Chromium and WebKit name the embedder's origin; Firefox has no `ancestorOrigins`.
  const origin = win.location.ancestorOrigins?.[0];
  return { host, origin: origin || undefined };
}

export class MeetingPage {
  readonly #params: PageParams;
  readonly #element: SandboxMeetingElement;
  readonly #bridge: HostBridge | undefined;
  readonly #connection = new SandboxConnection();
  readonly #media: LocalMedia;
  /** Jitsi's `isEmbedded()`: in a frame, a few more config keys may be overridden. */
  readonly #embedded: boolean;
  readonly #brandingUrl: string | undefined;
  #settings: MeetingSettings;
  #branding: DynamicBranding;
  #paintHeld: boolean;
  #state: PageState = INITIAL_STATE;
  #mediaStarted = false;

  constructor(private readonly win: Window = window) {
    this.#params = readPageParams(win.location);
    this.#embedded = win.self !== win.top;
    const deployment = readDeployment(win);
    this.#settings = withOverrides(deployment, urlOverrides(this.#params.hash, this.#embedded));
    this.#brandingUrl = brandingUrlOf(deployment.config, win.location.pathname);
    this.#branding = { status: this.#brandingUrl ? 'pending' : 'none' };
    this.#paintHeld = this.#brandingUrl !== undefined;
    defineMeetingView();
    const found = win.document.querySelector('sandbox-meeting');
    this.#element = found ?? win.document.body.appendChild(win.document.createElement('sandbox-meeting'));
    this.#media = new LocalMedia(
      () => this.#draw(),
      (event) => this.#toHost(event),
    );
    const host = this.#params.apiId === undefined ? undefined : hostOf(win);
    // Without a numeric API id (or a host) the page still joins, as Jitsi's page does on its own.
    this.#bridge =
      host &&
      new HostBridge({
        apiId: this.#params.apiId!,
        host: host.host,
        self: win,
        hostOrigin: host.origin,
        onCommand: (name, args) => this.#onCommand(name, args),
        onRequest: (data) => this.#onRequest(data),
      });
  }

  /** Starts the page: handshake, `browser-support`, `ready` (in that order, as API.js `init()`), then the join. */
  async start(): Promise<void> {
    this.#loadBranding();
    this.#element.addEventListener('sandbox-action', (event) => this.#onCommand(event.detail.name, event.detail.args));
    this.win.addEventListener('beforeunload', this.#onUnload);
    this.win.addEventListener('pagehide', this.#onPageHide);
    this.#draw();
    this.#bridge?.start();
    // The bridge holds these until the host has echoed the page's handshake.
    this.#toHost(wire('browser-support', { supported: true }));
    this.#toHost(wire('ready'));
    await this.#join();
  }

  /**
   * Asks for the dynamic branding, once, at the page's start (Jitsi: on `APP_WILL_MOUNT`/`SET_CONFIG`); the join goes
   * ahead without waiting. The paint stays hidden until the answer, for at most BRANDING_PAINT_HOLD_MS.
   */
  #loadBranding(): void {
    const url = this.#brandingUrl;
    if (url === undefined) return;
    const hold = this.win.setTimeout(() => this.#releasePaint(), BRANDING_PAINT_HOLD_MS);
    void fetchDynamicBranding(url, (target) => this.win.fetch(target)).then((branding) => {
      this.win.clearTimeout(hold);
      this.#branding = branding;
      this.#releasePaint();
    });
  }

  #releasePaint(): void {
    this.#paintHeld = false;
    this.#draw();
  }

  async #join(): Promise<void> {
    const { jwt, displayName, email } = this.#params;
    const { config } = this.#settings;
    try {
      const response = await this.#connection.join(
        {
          path: this.win.location.pathname,
          ...(jwt && { jwt }),
          ...(displayName && { displayName }),
          ...(email && { email }),
          // Jitsi's page starts its own microphone and camera muted when its config says so (also from the URL).
          startMuted: { audio: Boolean(config['startWithAudioMuted']), video: Boolean(config['startWithVideoMuted']) },
          ...(typeof config['subject'] === 'string' && config['subject'] && { subject: config['subject'] }),
        },
        {
          onWire: (event) => this.#onWire(event),
          onView: (view) => this.#onView(view),
          onEnd: () => this.#finish(ended(this.#state)),
          onLost: (loss) => this.#onLost(loss),
        },
      );
      if (!response.ok) {
        for (const event of response.events) this.#toHost(event);
        this.#finish(refused(response.events));
      }
    } catch (error) {
      // No answer from the server at all: to the host this is a connection that cannot be made.
      this.#onLost(this.#connection.loss(), error instanceof Error ? error.message : undefined);
    }
  }

  #onWire(event: WireEvent): void {
    this.#state = afterWireEvent(this.#state, event);
    const promotionalClosePage = this.#settings.interfaceConfig['SHOW_PROMOTIONAL_CLOSE_PAGE'] === true;
    if (event.name === 'video-ready-to-close' && promotionalClosePage) return;
    this.#toHost(event);
  }

  #onView(view: MeetingView): void {
    this.#state = withView(this.#state, view);
    const self = view.participants.find((participant) => participant.local);
    if (self) this.#media.setMuted(self.audioMuted, self.videoMuted);
    if (!this.#mediaStarted) {
      this.#mediaStarted = true;
      void this.#media.start();
    }
    this.#draw();
  }

  #onLost(loss: ConnectionLoss, detail?: string): void {
    this.#connection.close();
    if (this.#state.phase === 'refused' || this.#state.phase === 'left' || this.#state.phase === 'lost') return;
    this.#toHost(connectionDropped(loss));
    this.#finish(lost(this.#state, detail, loss.name));
  }

  /** Out of the meeting for good: the camera goes off and the screen says why. */
  #finish(state: PageState): void {
    this.#state = state;
    this.#media.stop();
    this.#draw();
  }

  #onCommand(name: string, args: unknown[]): void {
    if (name === 'overwrite-config') {
      // The URL's config filter, and no interfaceConfig (docs/jitsi/branding.md §1).
      const [overwrite] = args;
      if (!isObject(overwrite)) return;
      const config = mergeOverrides(this.#settings.config, pickPaths(overwrite, configWhitelist(this.#embedded)));
      this.#settings = { ...this.#settings, config };
      this.#draw();
      return;
    }
    if (PAGE_COMMANDS.has(name) || name.length > MAX_COMMAND_NAME) return;
    this.#connection.command(name, args).then(
      ({ log }) => {
        // Jitsi forwards a log line only for the levels the host asked for in `config.apiLogLevels`.
        if (log && logLevelsOf(this.#settings.config['apiLogLevels']).includes(log.level)) {
          this.#toHost(wire('log', { logLevel: log.level, args: log.args }));
        }
      },
      () => {
        // A command that cannot reach the server changes nothing; the stream reports a lost connection.
      },
    );
  }

  #onRequest(data: HostRequest): Promise<unknown> {
    return isDeviceRequest(data) ? this.#media.answer(data) : this.#connection.request(data);
  }

  #toHost(event: WireEvent): void {
    this.#bridge?.send(event);
  }

  #draw(): void {
    this.#element.look = meetingLook(this.#settings, this.#branding, this.win.location.href);
    this.#element.branding = this.#branding.status;
    this.#element.paintHeld = this.#paintHeld;
    this.#element.state = this.#state;
    this.#element.stream = this.#media.stream;
    this.#element.problems = this.#media.problems;
  }

  /** Jitsi's page tells the host it left when it unloads during a conference. */
  readonly #onUnload = (): void => {
    if (this.#state.phase === 'joined' && this.#state.view)
      this.#toHost(wire('video-conference-left', { roomName: this.#state.view.roomName }));
  };

  /**
   * The page is going away: navigated, closed, or its iframe removed by the host. After `beforeunload` (above)
   * Jitsi's page disposes its end of the API and leaves the conference, so the host hears nothing more
   * (docs/jitsi/wire.md §10, docs/jitsi/failures.md S5): in particular not the breaking of its own connection,
   * which the browser tears down with the page.
   */
  readonly #onPageHide = (): void => {
    this.#bridge?.dispose();
    this.#connection.leave();
    this.#media.stop();
  };
}

/** Starts the meeting page in this window. */
export function startMeetingPage(win: Window = window): MeetingPage {
  const page = new MeetingPage(win);
  void page.start();
  return page;
}
