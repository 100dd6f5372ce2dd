/**
 * Browser tests' way to the Jitsi sandboxes the test runner starts (web-test-runner.config.mjs): where they
 * are, tokens signed with their key, and the control API (scripted participants, drops, faults).
 */
import type { SandboxInfo } from '../../src/sandbox/server/control-api.js';

export type { SandboxInfo };

let infos: Promise<SandboxInfo[]> | undefined;

/** The sandboxes: `[0]` on `localhost` with the broadcast studio, `[1]` on `127.0.0.1` without one, `[2]` for faults. */
export function sandboxes(): Promise<SandboxInfo[]> {
  infos ??= fetch('/__sandbox__.json').then((response) => response.json() as Promise<SandboxInfo[]>);
  return infos;
}

export async function sandbox(index = 0): Promise<SandboxInfo> {
  const info = (await sandboxes())[index];
  if (!info) throw new Error(`No sandbox ${index} is running.`);
  return info;
}

/** The sandbox for tests that make the server slow or failing, so that other test files never see it. */
export const FAULT_SANDBOX = 2;

/** A meeting server that refuses connections: `127.0.0.1:<port>` on a port nothing listens on. */
export async function refusingServer(): Promise<string> {
  const { port } = (await (await fetch('/__closed-port__.json')).json()) as { port: number };
  return `127.0.0.1:${port}`;
}

/** What reached a sandbox under the host name `host`, so far (its `/visits` control route). */
export function visits(info: SandboxInfo, host: string): Promise<{ connections: number; requests: number }> {
  return control(info, 'GET', `/visits/${host}`);
}

export async function control<T = unknown>(
  info: SandboxInfo,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${info.url}/_sandbox/control${path}`, {
    method,
    ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

export interface TokenRequest {
  room: string;
  moderator?: boolean;
  name?: string;
  email?: string;
  avatar?: string;
  streamname?: string;
  /** The server the token names (default: the sandbox itself). */
  server?: string;
  /** Seconds from now until the token opens (negative: already open). */
  validFrom?: number;
  /** Seconds the token stays valid. */
  validFor?: number;
  withoutFeatures?: string[];
}

export async function token(info: SandboxInfo, request: TokenRequest): Promise<string> {
  return (await control<{ token: string }>(info, 'POST', '/tokens', request)).token;
}

let rooms = 0;

/** A room name no other test uses. */
export function uniqueRoom(prefix = 'room'): string {
  rooms += 1;
  return `${prefix}_${Date.now().toString(36)}_${rooms}`;
}
