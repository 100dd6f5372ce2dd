/**
 * `<nano-meet>`'s settings read before the element is defined, as the element will see them: a page may have set
 * them as attributes or as properties (`element.token = …` on a not yet defined element is an own property, which
 * the element takes over when it upgrades, whatever its value: null and undefined too, over the attribute). Names,
 * defaults and attribute conversions are the element's (nano-meet-element.ts, Lit's default converters), so that
 * the early path refuses what the element refuses (test/elements/early-meeting-refusals.test.ts).
 */
import type { MeetingLoader } from '../../meeting/meeting-session.js';
import type { MeetingAttributes } from '../nano-meet/meeting-settings.js';

export interface EarlyAttributes extends MeetingAttributes {
  readonly token: string;
  readonly server: string;
  /** Whatever the page set: meant to be a string, an array of strings or null (server-settings.ts). */
  readonly allowedServers: unknown;
  readonly loader: MeetingLoader;
  readonly branding: string;
  /** Seconds the element gives the meeting server's script on the external route (its `load-timeout`). */
  readonly loadTimeout: number;
}

/**
 * The settings that decide the meeting the early path opens (its route, its server, its iframe's URL), by property
 * and attribute; a change to any of them opens the early meeting again. The others (`layout`, `lobby`,
 * `presenter-mode`, `avatar`, `load-timeout`) the element applies without reloading its meeting, and so does the
 * early path: it leaves them to the element.
 */
const OPENING_SETTINGS = {
  token: 'token',
  server: 'server',
  allowedServers: 'allowed-servers',
  loader: 'loader',
  branding: 'branding',
  displayName: 'display-name',
  subject: 'subject',
  audioMuted: 'audio-muted',
  videoMuted: 'video-muted',
} as const satisfies Partial<Record<keyof EarlyAttributes, string>>;

/** The attributes of those settings, as the element declares them. */
export const EARLY_ATTRIBUTES = Object.values(OPENING_SETTINGS);

/**
 * What decides the meeting the early path opens: two readings with the same key open the same meeting. Settings no
 * JSON holds (a BigInt, a cycle: a page's mistake, which the element shows) make a key equal to no other.
 */
export function openingKeyOf(attributes: EarlyAttributes): string | symbol {
  try {
    return JSON.stringify(
      Object.keys(OPENING_SETTINGS).map((name) => attributes[name as keyof typeof OPENING_SETTINGS]),
    );
  } catch {
    return Symbol();
  }
}

export function readEarlyAttributes(element: HTMLElement): EarlyAttributes {
  const own = element as unknown as Record<string, unknown>;
  // Values as the page set them, not checked here: the core checks them where the element does (server-settings.ts).
  const read = <T>(name: string, attribute: string, convert: (value: string | null) => unknown, fallback: T): T => {
    if (Object.hasOwn(element, name)) return own[name] as T;
    return (element.hasAttribute(attribute) ? convert(element.getAttribute(attribute)) : fallback) as T;
  };
  const text = <T = string>(name: string, attribute = name, fallback: unknown = '') =>
    read<T>(name, attribute, (value) => value, fallback as T);
  const flag = (name: string, attribute: string) => read(name, attribute, () => true, false);
  return {
    token: text('token'),
    server: text('server'),
    allowedServers: text('allowedServers', 'allowed-servers', null),
    loader: text<MeetingLoader>('loader', 'loader', 'native'),
    branding: text('branding'),
    // The element's default `load-timeout`, in seconds (nano-meet-element.ts).
    loadTimeout: read('loadTimeout', 'load-timeout', Number, 30),
    displayName: text('displayName', 'display-name'),
    avatar: text('avatar'),
    layout: text<MeetingAttributes['layout']>('layout'),
    presenterMode: flag('presenterMode', 'presenter-mode'),
    lobby: flag('lobby', 'lobby'),
    subject: text('subject'),
    audioMuted: flag('audioMuted', 'audio-muted'),
    videoMuted: flag('videoMuted', 'video-muted'),
    // Not in the iframe's URL; the element's default.
    actionTimeout: 15,
  };
}
