/**
 * What `<nano-meet>`'s attributes ask of the joined meeting: the commands that apply what the meeting did not open
 * with (meeting-settings.ts), and those that follow an attribute changed while joined (the iframe is never reloaded
 * for one). Moderator-only attributes are sent only by a moderator; toggles only when they change something.
 */
import { isHttpUrl } from '../../branding/branding-schema.js';
import type { JitsiCommandName } from '../../meeting/jitsi-wire/wire-names.js';
import type { MeetingAttributes } from './meeting-settings.js';

/** What is known of the joined meeting: the role, and the local participant's layout and microphone and camera. */
export interface KnownMeeting {
  moderator: boolean;
  tileView: boolean;
  audioMuted: boolean;
  videoMuted: boolean;
}

export type MeetingCommand = [name: JitsiCommandName, ...args: unknown[]];

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
