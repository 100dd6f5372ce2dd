/**
 * A page of its own (an iframe of this origin) for the pre-iframe core (src/elements/early-meeting) as it runs from
 * the source: its modules and `<nano-meet>`'s are that page's, so each test defines the element when it chooses,
 * after the core has done its part, as on a CDN page whose element file arrives later.
 */
import type { NanoMeetElement } from '../../../src/elements/nano-meet/nano-meet-element.js';
import { blankPage, until, type PageWindow } from '../../package/cdn-page.js';

/** What the page's module script hands the test. */
interface EarlyCore {
  /** Starts the core on the page's `<nano-meet>` elements until the element is defined (src/cdn/start-on-page.ts). */
  watch(): void;
  /** The core on one element (early-meeting.ts's openEarlyMeeting). */
  open(element: Element): Promise<void>;
  /** The element's class, not defined yet. */
  elementClass(): Promise<typeof NanoMeetElement>;
}

export type EarlyWindow = PageWindow & { earlyCore?: EarlyCore };

export interface EarlyPage {
  frame: HTMLIFrameElement;
  win: EarlyWindow;
  core: EarlyCore;
  /** Defines `<nano-meet>` in the page, as its own file does once it has arrived. */
  define(): Promise<typeof NanoMeetElement>;
}

const CORE_SCRIPT = `<script type="module">
  import { watchEarlyMeetings } from '/src/elements/early-meeting/watch-early-meetings.ts';
  import { openEarlyMeeting } from '/src/elements/early-meeting/early-meeting.ts';
  window.earlyCore = {
    open: openEarlyMeeting,
    watch() {
      const stop = watchEarlyMeetings(document);
      customElements.whenDefined('nano-meet').then(stop);
    },
    elementClass: async () => (await import('/src/elements/nano-meet/nano-meet-element.ts')).NanoMeetElement,
  };
</script>`;

/** A page with `body`, the core loaded but not started (a test may first set properties, or hold the network). */
export async function earlyPage(body: string): Promise<EarlyPage> {
  const { frame, win } = (await blankPage(body + CORE_SCRIPT)) as { frame: HTMLIFrameElement; win: EarlyWindow };
  const core = await until(() => win.earlyCore, 'the pre-iframe core to load');
  const define = async () => {
    const element = await core.elementClass();
    if (!win.customElements.get('nano-meet')) win.customElements.define('nano-meet', element);
    return element;
  };
  return { frame, win, core, define };
}

/** The iframe the core (or the element) put into `element`'s shadow root, if any. */
export function iframesOf(element: Element): HTMLIFrameElement[] {
  return [...(element.shadowRoot?.querySelectorAll('iframe') ?? [])];
}

/** The preconnect links on the page, by the origin they name. */
export function preconnectsOf(win: Window): string[] {
  return [...win.document.head.querySelectorAll<HTMLLinkElement>('link[rel="preconnect"]')].map((link) => link.href);
}

/** The scripts on the page whose src is `external_api.js` of some server. */
export function externalScriptsOf(win: Window): string[] {
  return [...win.document.querySelectorAll<HTMLScriptElement>('script[src$="/external_api.js"]')].map((s) => s.src);
}

/** `jwt` with its payload changed by `change`; the signature stays (a browser cannot check it anyway). */
export function withClaims(jwt: string, change: (claims: Record<string, unknown>) => void): string {
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  const binary = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  change(claims as Record<string, unknown>);
  const bytes = new TextEncoder().encode(JSON.stringify(claims));
  const encoded = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  return `${header}.${encoded}.${signature}`;
}

/** `jwt` naming `server` as its meeting server. */
export function onServer(jwt: string, server: string): string {
  return withClaims(jwt, (claims) => ((claims['nano-meet'] as { server: string }).server = server));
}
