/**
 * Puts `<nano-meet>` elements on the test page against the sandboxes, and waits for what they report.
 */
import { oneEvent } from '@open-wc/testing';
import '../../../src/elements/nano-meet.js';
import type { MeetingLoader, NanoMeetElement } from '../../../src/elements/nano-meet.js';
import { control, sandbox, token, uniqueRoom, type SandboxInfo, type TokenRequest } from '../../support/sandbox.js';

export interface RoomSnapshot {
  subject: string;
  lobbyEnabled: boolean;
  locked: boolean;
  followMe: boolean;
  sharedVideo?: { url: string; kind: string };
  participants: {
    id: string;
    name: string;
    moderator: boolean;
    phase: string;
    handRaised: boolean;
    audioMuted: boolean;
    tileView: boolean;
  }[];
}

/** What `cleanUp()` takes off the page: the meetings made here, and what `onPage` put beside them. */
const mounted: HTMLElement[] = [];

export async function meeting(
  loader: MeetingLoader,
  request: Partial<TokenRequest> & { room: string },
  attributes: Record<string, string | boolean> = {},
  info?: SandboxInfo,
): Promise<NanoMeetElement> {
  const from = info ?? (await sandbox());
  const el = document.createElement('nano-meet');
  el.style.cssText = 'width: 480px; height: 270px';
  el.loader = loader;
  el.actionTimeout = 5;
  // The external route runs the server's script in the page, which a page allows only for a server it lists.
  if (loader === 'external') el.allowedServers = from.server;
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) el.setAttribute(name, '');
    else if (value !== false) el.setAttribute(name, value);
  }
  el.token = await token(from, request);
  mounted.push(el);
  return el;
}

/** Mounts the element and resolves once it is in the meeting. */
export async function joined(el: NanoMeetElement): Promise<NanoMeetElement> {
  const ready = oneEvent(el, 'nano-meet-ready');
  if (!el.isConnected) document.body.append(el);
  await ready;
  return el;
}

/** Puts `el` on the page until the test's `cleanUp()`. */
export function onPage<T extends HTMLElement>(el: T): T {
  mounted.push(el);
  document.body.append(el);
  return el;
}

export function cleanUp(): void {
  for (const el of mounted.splice(0)) el.remove();
}

export async function snapshot(room: string, info?: SandboxInfo): Promise<RoomSnapshot> {
  return control<RoomSnapshot>(info ?? (await sandbox()), 'GET', `/rooms/${room}`);
}

/** Polls the room's state until `predicate` holds (the sandbox applies commands asynchronously to us). */
export async function roomWhere(
  room: string,
  predicate: (room: RoomSnapshot) => boolean,
  info?: SandboxInfo,
): Promise<RoomSnapshot> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const state = await snapshot(room, info).catch(() => undefined);
    if (state && predicate(state)) return state;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Room ${room} never reached the expected state.`);
}

export async function scripted(
  room: string,
  fields: { name: string; moderator?: boolean; knock?: boolean },
): Promise<string> {
  return (await control<{ id: string }>(await sandbox(), 'POST', `/rooms/${room}/participants`, fields)).id;
}

export async function actAs(room: string, id: string, name: string, ...args: unknown[]): Promise<void> {
  await control(await sandbox(), 'POST', `/rooms/${room}/participants/${id}/commands`, { name, args });
}

/**
 * A new room that a scripted moderator has locked with `password` before anyone else comes: who joins next is
 * asked for it.
 */
export async function passwordLockedRoom(password: string): Promise<string> {
  const room = uniqueRoom();
  const owner = await scripted(room, { name: 'Owner', moderator: true });
  await actAs(room, owner, 'password', password);
  await roomWhere(room, (state) => state.locked);
  return room;
}

/** Resolves once nobody is left in the room (the sandbox forgets empty rooms). */
export async function roomEmpty(room: string, info?: SandboxInfo): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const state = await snapshot(room, info).catch(() => undefined);
    if (!state || state.participants.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Room ${room} still has participants.`);
}

export { uniqueRoom, sandbox, control };
