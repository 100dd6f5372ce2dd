/**
 * What `<nano-meet>`'s attributes ask of the meeting: the options it opens with, the commands that apply the rest
 * once inside, and the commands that follow an attribute changed while joined (the iframe is never reloaded for
 * one). Moderator-only attributes are sent only by a moderator; toggles only when they change something.
 */
import type { MeetingLoader } from '../../meeting/meeting-session.js';
import type { Branding } from '../../branding/branding-schema.js';
import { isHttpUrl } from '../../branding/branding-schema.js';
import { jitsiInterfaceConfigOf } from '../../branding/jitsi-branding.js';
import type { JitsiCommandName } from '../../meeting/jitsi-wire/wire-names.js';
import type { SessionOptions } from '../../meeting/meeting-session.js';
import { honouredConfig, honouredInterfaceConfig } from '../../meeting/jitsi-wire/url-override-whitelist.js';
import type { NanoMeetToken } from '../../token/claims.js';

/** The element's attributes that set the meeting up. */
export interface MeetingAttributes {
  lang: string;
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

/** Jitsi's options for the token's meeting on `server`, in `container`, with the attributes and the branding. */
export function sessionOptions(
  opening: { token: NanoMeetToken; server: string; container: HTMLElement; moderator: boolean; branding: Branding },
  attributes: MeetingAttributes,
): SessionOptions {
  const { token, moderator } = opening;
  return {
    domain: opening.server,
    roomName: token.room,
    jwt: token.jwt,
    parentNode: opening.container,
    title: `Meeting ${token.room}`,
    ...(attributes.lang && { lang: attributes.lang }),
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
