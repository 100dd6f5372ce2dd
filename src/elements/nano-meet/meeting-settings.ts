/**
 * What `<nano-meet>`'s attributes ask of the meeting when it opens: the options of its iframe. The CDN entries open
 * the meeting with them before the element's code has arrived (src/elements/early-meeting); what the attributes ask
 * once inside is meeting-commands.ts, which only the element needs.
 */
import type { MeetingLoader } from '../../meeting/meeting-session.js';
import type { Branding } from '../../branding/branding-schema.js';
import { jitsiInterfaceConfigOf } from '../../branding/jitsi-branding.js';
import { text, translate, type Text } from '../../i18n/catalogue.js';
import type { SessionOptions } from '../../meeting/meeting-session.js';
import { honouredConfig, honouredInterfaceConfig } from '../../meeting/jitsi-wire/url-override-whitelist.js';
import type { NanoMeetToken } from '../../token/claims.js';
import { warnOnce } from '../warn-once.js';

/** The element's attributes that set the meeting up. */
export interface MeetingAttributes {
  readonly displayName: string;
  readonly avatar: string;
  readonly layout: 'tile' | 'stage' | '';
  readonly presenterMode: boolean;
  readonly lobby: boolean;
  readonly subject: string;
  readonly audioMuted: boolean;
  readonly videoMuted: boolean;
  readonly actionTimeout: number;
  /** Which route opens the meeting; only `external` runs Jitsi's own `external_api.js` in the page. */
  readonly loader?: MeetingLoader;
}

/** What a meeting is opened with, beside the element's attributes. */
export interface MeetingOpening {
  token: NanoMeetToken;
  server: string;
  container: HTMLElement;
  moderator: boolean;
  branding: Branding;
  /**
   * The language the page declared for the element (its own `lang`, an ancestor's, the document's;
   * src/i18n/element-language.ts), if any: the meeting's language and its iframe's name. Without one Jitsi is
   * sent none and follows the browser.
   */
  language: string | undefined;
}

/**
 * The longest wait a `load-timeout` gives, in ms: setTimeout fires at once for more than 2^31−1 ms (24.8 days), and
 * the join step adds Jitsi's minute for the camera prompt (DEVICE_PROMPT_ALLOWANCE_MS in meeting-load-watch.ts; not
 * imported, the CDN entries would carry that module; test/elements/nano-meet-load-timeout-limit.node.test.ts).
 */
const LONGEST_LOAD_TIMEOUT_MS = 2 ** 31 - 1 - 60_000;

/**
 * `load-timeout`'s seconds as the timers take them: a longer wait than they can hold is the longest they can. A
 * value that is no wait (`"abc"`, 0, negative) would fire at once and fail every meeting: it is said once and the
 * default 30 s taken instead, as the element and the pre-iframe core both ask here. No attribute is the default too.
 */
export function loadTimeoutMs(seconds: number | null | undefined): number {
  let wait = Number(seconds);
  if (!(wait > 0)) {
    // Short: the page of a meeting downloads it before the iframe (test/support/size-targets.ts).
    if (seconds !== null && seconds !== undefined)
      warnOnce(`<nano-meet> load-timeout="${seconds}" is not seconds above 0: 30 s are used.`);
    wait = 30;
  }
  return Math.min(wait * 1000, LONGEST_LOAD_TIMEOUT_MS);
}

/** The meeting iframe's accessible name, a sentence the element says again when its language changes. */
export function frameTitle(room: string): Text {
  return text('meeting.frame-title', { room });
}

/** Jitsi's options for the token's meeting on `server`, in `container`, with the attributes and the branding. */
export function sessionOptions(opening: MeetingOpening, attributes: MeetingAttributes): SessionOptions {
  const { token, moderator, language } = opening;
  return {
    domain: opening.server,
    roomName: token.room,
    jwt: token.jwt,
    parentNode: opening.container,
    // Before the element's code arrives (src/elements/early-meeting) only English is loaded: translate() falls
    // back to it, and the element names the iframe again in its language once it has arrived.
    title: translate(language ?? 'en', frameTitle(token.room)),
    // The same language the element's own screens speak; the iframe's URL carries it, so the pre-iframe core and
    // the element must agree on it for the element to adopt the early iframe (src/meeting/early-frame.ts).
    ...(language && { lang: language }),
    // Only what a real meeting page honours: it drops every other override (docs/jitsi/branding.md §1).
    configOverwrite: honouredConfig({
      // Only Jitsi's external_api.js reads this, in the host page: without it, it would open picture-in-picture
      // when the page scrolls the meeting out of view. The meeting page drops it, so the native route sends nothing.
      ...(attributes.loader === 'external' && { pip: { disabled: true } }),
      prejoinConfig: { enabled: false },
      startWithAudioMuted: attributes.audioMuted,
      startWithVideoMuted: attributes.videoMuted,
      ...(attributes.subject && moderator && { subject: attributes.subject }),
    }),
    interfaceConfigOverwrite: honouredInterfaceConfig(jitsiInterfaceConfigOf(opening.branding)),
    ...(attributes.displayName && { userInfo: { displayName: attributes.displayName } }),
    requestTimeoutMs: attributes.actionTimeout * 1000,
  };
}
