/**
 * `<nano-meet>`'s settings read before the element is defined: a page may have set them as attributes or as
 * properties (`element.token = …` on a not yet defined element is an own property, which the element takes over
 * when it upgrades). Names and defaults are the element's (nano-meet-element.ts).
 */
import type { MeetingLoader } from '../../meeting/meeting-session.js';
import type { MeetingAttributes } from '../nano-meet/meeting-settings.js';

export interface EarlyAttributes extends MeetingAttributes {
  readonly token: string;
  readonly server: string;
  readonly allowedServers: string | null;
  readonly loader: MeetingLoader;
  readonly branding: string;
  /** Seconds the element gives the meeting server's script on the external route (its `load-timeout`). */
  readonly loadTimeout: number;
}

/** The element's default `load-timeout`, in seconds (nano-meet-element.ts). */
const DEFAULT_LOAD_TIMEOUT = 30;

export function readEarlyAttributes(element: HTMLElement): EarlyAttributes {
  const own = element as unknown as Record<string, unknown>;
  const property = (name: string) => (Object.hasOwn(element, name) ? own[name] : undefined);
  const text = (name: string, attribute = name) => String(property(name) ?? element.getAttribute(attribute) ?? '');
  const flag = (name: string, attribute: string) => Boolean(property(name) ?? element.hasAttribute(attribute));
  const allowed = property('allowedServers') ?? element.getAttribute('allowed-servers');
  return {
    token: text('token'),
    server: text('server'),
    allowedServers: allowed === null ? null : String(allowed),
    loader: (text('loader') || 'native') as MeetingLoader,
    branding: text('branding'),
    loadTimeout: Number(property('loadTimeout') ?? element.getAttribute('load-timeout') ?? DEFAULT_LOAD_TIMEOUT),
    displayName: text('displayName', 'display-name'),
    avatar: text('avatar'),
    layout: text('layout') as MeetingAttributes['layout'],
    presenterMode: flag('presenterMode', 'presenter-mode'),
    lobby: flag('lobby', 'lobby'),
    subject: text('subject'),
    audioMuted: flag('audioMuted', 'audio-muted'),
    videoMuted: flag('videoMuted', 'video-muted'),
    // Not in the iframe's URL; the element's default.
    actionTimeout: 15,
  };
}
