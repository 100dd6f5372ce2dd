/**
 * A page served with a strict Content-Security-Policy header (test/package/strict-csp/page.html; the header comes
 * from the test server, web-test-runner.config.mjs, from `?csp=`), in an iframe of the test page, with a CDN build
 * of nano-meet loaded into it. Tests drive its elements from outside; everything the elements do runs in the page.
 */
import { expect } from '@open-wc/testing';
import type { SandboxInfo } from '../support/sandbox.js';

/** The two CDN builds a page may load. */
export const CDN_BUILDS = ['nano-meet.js', 'nano-meet.iife.js'] as const;
export type CdnBuild = (typeof CDN_BUILDS)[number];

/** A violation as test/package/strict-csp/record-violations.js records it. */
export interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
  /** The element it was reported on (`tag#id`; a shadow root's host), or the page. */
  target: string;
}

/** The part of the Trusted Types API the harness uses (TypeScript's DOM types do not have it). */
interface TrustedTypes {
  createPolicy(
    name: string,
    rules: { createScriptURL(url: string): string },
  ): { createScriptURL(url: string): unknown };
}

type StrictWindow = Window & typeof globalThis & { cspViolations: Violation[] };

export const FIXTURE = '/test/package/strict-csp/';

/** The fixture's own style attribute in markup: the violation every strict page must report. */
export const CONTROL_TARGET = 'p#inline-style-control';

/** The Trusted Types policy the harness loads a build with: a policy's name may be created only once per page. */
export const HARNESS_POLICY = 'strict-csp-harness';

/**
 * A strict policy for a page with nano-meet: nothing that is not listed, no `'unsafe-inline'`, no `'unsafe-eval'`.
 * Scripts from the CDN folder and the fixture's own; no style source at all (nano-meet's styles are constructed
 * stylesheets); the meeting server framed; its WHEP and HLS addresses and the fixture's branding file fetched; the
 * fixture's images; `blob:` media for the MediaSource hls.js plays.
 */
export function strictPolicy(server: SandboxInfo, { scriptFromMeetingServer = false } = {}): string {
  const here = location.origin;
  const meeting = new URL(server.url).origin;
  const media = new Set([server.whepTemplate, server.hlsTemplate].map((template) => new URL(template).origin));
  return [
    "default-src 'none'",
    `script-src ${here}/dist/cdn/ ${here}${FIXTURE}${scriptFromMeetingServer ? ` ${meeting}` : ''}`,
    "style-src 'none'",
    `frame-src ${meeting}`,
    `connect-src ${[...media].join(' ')} ${here}${FIXTURE}`,
    `img-src ${here}${FIXTURE}`,
    'media-src blob:',
  ].join('; ');
}

export class StrictPage {
  private constructor(readonly frame: HTMLIFrameElement) {}

  /** Opens the fixture under `policy` and loads `build` into it from dist/cdn/. */
  static async open(build: CdnBuild, policy: string): Promise<StrictPage> {
    const frame = document.createElement('iframe');
    // Within the test page's view, as is everything in it (see create()).
    frame.style.cssText = 'width: 780px; height: 560px; border: 0';
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    frame.src = `${FIXTURE}page.html?csp=${encodeURIComponent(policy)}`;
    document.body.append(frame);
    await loaded;
    const page = new StrictPage(frame);
    await page.#load(build);
    return page;
  }

  get window(): StrictWindow {
    return this.frame.contentWindow as StrictWindow;
  }

  get document(): Document {
    return this.frame.contentDocument!;
  }

  /** Every violation the page has reported, the control's included. */
  get allViolations(): Violation[] {
    return [...this.window.cspViolations];
  }

  /**
   * An element of the strict page (defined by its nano-meet build), not yet connected; small, so that a row holds
   * three and everything stays within the test page's view.
   */
  create<K extends keyof HTMLElementTagNameMap>(
    name: K,
    properties: Partial<HTMLElementTagNameMap[K]> = {},
  ): HTMLElementTagNameMap[K] {
    const element = Object.assign(this.document.createElement(name), properties);
    element.style.cssText = 'display: inline-block; width: 240px; height: 135px';
    return element;
  }

  /**
   * Asserts that the page has reported nothing but the control. A violation is reported in a task of its own,
   * after what caused it: give those tasks a moment to run first.
   */
  async expectNoViolations(when: string): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(
      this.allViolations.map((violation) => violation.target),
      'the control is reported: the policy is in force',
    ).to.include(CONTROL_TARGET);
    expect(
      this.allViolations.filter((violation) => violation.target !== CONTROL_TARGET),
      `CSP violations ${when}`,
    ).to.deep.equal([]);
  }

  close(): void {
    this.frame.remove();
  }

  async #load(build: CdnBuild): Promise<void> {
    const script = this.document.createElement('script');
    if (build === 'nano-meet.js') script.type = 'module';
    // Under Trusted Types the page's own loader needs a policy too; nano-meet's code is then on its own.
    const url = `/dist/cdn/${build}`;
    const { trustedTypes } = this.window as { trustedTypes?: TrustedTypes };
    script.src = (trustedTypes?.createPolicy(HARNESS_POLICY, { createScriptURL: () => url }).createScriptURL(url) ??
      url) as string;
    await new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = () => reject(new Error(`${script.src} did not load under the strict policy`));
      this.document.head.append(script);
    });
    // Both builds define each element when the page first uses its tag: the page uses each once, so that the tests
    // create defined elements.
    const tags = ['nano-meet', 'nano-meet-broadcast-button', 'nano-meet-playout'];
    const used = this.document.createElement('div');
    used.hidden = true;
    used.append(...tags.map((tag) => this.document.createElement(tag)));
    this.document.body.append(used);
    await Promise.all(tags.map((tag) => this.window.customElements.whenDefined(tag)));
    used.remove();
  }
}
