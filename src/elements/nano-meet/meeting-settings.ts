/**
 * What `<nano-meet>`'s attributes ask of the meeting: the options it opens with, the commands that apply the rest
 * once inside, and the commands that follow an attribute changed while joined (the iframe is never reloaded for
 * one). Moderator-only attributes are sent only by a moderator; toggles only when they change something.
 */
import type { MeetingLoader } from '../../meeting/meeting-session.js';
import type { Branding } from '../../branding/branding-schema.js';
import { isHttpUrl } from '../../branding/branding-schema.js';
import { jitsiInterfaceConfigOf } from '../../branding/jitsi-branding.js';
import { text, translate, type Text } from '../../i18n/catalogue.js';
import type { JitsiCommandName } from '../../meeting/jitsi-wire/wire-names.js';
import type { SessionOptions } from '../../meeting/meeting-session.js';
import { honouredConfig, honouredInterfaceConfig } from '../../meeting/jitsi-wire/url-override-whitelist.js';
import type { NanoMeetToken } from '../../token/claims.js';

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

/** What is known of the joined meeting: the role, and the local participant's layout and microphone and camera. */
export interface KnownMeeting {
  moderator: boolean;
  tileView: boolean;
  audioMuted: boolean;
  videoMuted: boolean;
}

export type MeetingCommand = [name: JitsiCommandName, ...args: unknown[]];

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

/** What the attributes ask once inside, beyond what the meeting opened with. */
export function joinCommands(attributes: MeetingAttributes, known: KnownMeeting): MeetingCommand[] {
  const commands: MeetingCommand[] = [];
  if (attributes.avatar && isHttpUrl(attributes.avatar)) commands.push(['avatarUrl', attributes.avatar]);
  if (attributes.layout) commands.push(...layoutCommands(attributes, known));
  if (known.moderator) {
    if (attributes.presenterMode) commands.push(['setFollowMe', true]);
    if (attributes.lobby) commands.push(['toggleLobby', true]);
    if (attributes.subject) commands.push(['subject', attributes.subject]);
  }
  return commands;
}

/** What the attributes for which `changed` holds ask of the joined meeting. */
export function changeCommands(
  attributes: MeetingAttributes,
  changed: (name: keyof MeetingAttributes) => boolean,
  known: KnownMeeting,
): MeetingCommand[] {
  const commands: MeetingCommand[] = [];
  if (changed('displayName') && attributes.displayName) commands.push(['displayName', attributes.displayName]);
  if (changed('avatar') && attributes.avatar && isHttpUrl(attributes.avatar)) {
    commands.push(['avatarUrl', attributes.avatar]);
  }
  if (changed('layout') && attributes.layout) commands.push(...layoutCommands(attributes, known));
  if (changed('audioMuted') && attributes.audioMuted !== known.audioMuted) commands.push(['toggleAudio']);
  if (changed('videoMuted') && attributes.videoMuted !== known.videoMuted) commands.push(['toggleVideo']);
  if (known.moderator) {
    if (changed('presenterMode')) commands.push(['setFollowMe', attributes.presenterMode]);
    if (changed('lobby')) commands.push(['toggleLobby', attributes.lobby]);
    if (changed('subject') && attributes.subject) commands.push(['subject', attributes.subject]);
  }
  return commands;
}

/** The layout `layout` asks for, unless the meeting already shows it. */
function layoutCommands(attributes: MeetingAttributes, known: KnownMeeting): MeetingCommand[] {
  const tile = attributes.layout === 'tile';
  return tile === known.tileView ? [] : [['setTileView', tile]];
}
