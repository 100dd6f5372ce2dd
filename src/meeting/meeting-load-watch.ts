/**
 * Ends the wait for a meeting that does not open: a server that refuses connections, a host that does not
 * resolve, a page that never answers the IFrame handshake, or one that answers and then never joins. The iframe
 * cannot tell any of these apart from a slow server, so the only sign is time.
 *
 * Two steps, each with the whole `timeoutMs`: the meeting page loads and says `ready` (its API is up: the one load
 * state Jitsi's API has, docs/jitsi/wire.md §5), then it joins. The watch ends, with no error, as soon as the
 * meeting is joined or waits for a person: the prejoin screen, a password, a lobby or a host who has not come yet
 * (docs/jitsi/failures.md S2–S4). Before the join, Jitsi asks the browser for the microphone and camera and waits
 * for the person's answer for up to a minute (wire.md §5), so while the browser may still show that prompt the
 * join step gets that minute too.
 */
import type { JitsiEventName } from './jitsi-wire/wire-names.js';
import { text, type Text } from '../i18n/catalogue.js';
import { MeetingError } from './meeting-error.js';

/** `errorOccurred` names that leave the meeting waiting for a person rather than failed. */
const WAITING_FOR_A_PERSON = new Set([
  'conference.connectionError.membersOnly',
  'conference.passwordRequired',
  // The room does not exist yet and this token may not create it: Jitsi retries until a moderator comes.
  'conference.authenticationRequired',
]);

/** Jitsi's own wait for the answer to the browser's camera and microphone prompt (docs/jitsi/wire.md §5). */
export const DEVICE_PROMPT_ALLOWANCE_MS = 60_000;

export interface MeetingLoadWatchOptions {
  /** The meeting server, for the message. */
  server: string;
  /** How long each step may take. */
  timeoutMs: number;
  /** Called once, when a step took too long; the watch is over then. */
  onTimeout(error: MeetingError): void;
  /** Whether the browser may still ask the person for the camera or microphone. Default: the Permissions API. */
  devicePromptPossible?: () => Promise<boolean>;
  /** What the join step gets on top while the prompt may show. Default {@link DEVICE_PROMPT_ALLOWANCE_MS}. */
  devicePromptAllowanceMs?: number;
}

export class MeetingLoadWatch {
  readonly #options: MeetingLoadWatchOptions;
  #step: 'loading' | 'joining' | 'over' = 'loading';
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Starts the first step at once: the meeting iframe exists from now on. */
  constructor(options: MeetingLoadWatchOptions) {
    this.#options = options;
    const { server, timeoutMs } = options;
    this.#arm(timeoutMs, text('failure.load-timeout', { server, seconds: seconds(timeoutMs) }));
  }

  /** Hears every event of the meeting. */
  observe(name: JitsiEventName, payload: Record<string, unknown>): void {
    if (this.#step === 'over') return;
    if (name === 'ready' && this.#step === 'loading') {
      this.#step = 'joining';
      clearTimeout(this.#timer);
      void this.#armJoin();
    } else if (isJoinedOrWaitingForAPerson(name, payload)) {
      this.dispose();
    }
  }

  /** Stops watching; nothing is reported afterwards. */
  dispose(): void {
    this.#step = 'over';
    clearTimeout(this.#timer);
  }

  async #armJoin(): Promise<void> {
    const { timeoutMs, server } = this.#options;
    const prompt = await (this.#options.devicePromptPossible ?? browserMayAskForDevices)().catch(() => true);
    if (this.#step !== 'joining') return;
    const allowance = prompt ? (this.#options.devicePromptAllowanceMs ?? DEVICE_PROMPT_ALLOWANCE_MS) : 0;
    const within = seconds(timeoutMs + allowance);
    this.#arm(timeoutMs + allowance, text('failure.join-timeout', { server, seconds: within }));
  }

  #arm(ms: number, message: Text): void {
    this.#timer = setTimeout(() => {
      this.dispose();
      this.#options.onTimeout(new MeetingError('load-timeout', message));
    }, ms);
  }
}

function isJoinedOrWaitingForAPerson(name: JitsiEventName, payload: Record<string, unknown>): boolean {
  switch (name) {
    case 'videoConferenceJoined':
    case 'prejoinScreenLoaded':
    case 'passwordRequired':
      return true;
    case 'errorOccurred': {
      const error = payload['error'];
      const errorName = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
      return typeof errorName === 'string' && WAITING_FOR_A_PERSON.has(errorName);
    }
    default:
      return false;
  }
}

/**
 * The page's camera and microphone permissions, asked for once. Chromium keeps every `PermissionStatus` it hands out
 * alive for as long as the page (it watches each for changes), so one query per meeting would keep two objects per
 * meeting ever loaded; a status's `state` follows the browser's changes, so the first answers serve every meeting.
 */
let devicePermissions: Promise<PermissionStatus[]> | undefined;

/** True unless the page's permissions for both devices are settled; a browser that cannot tell may ask. */
async function browserMayAskForDevices(): Promise<boolean> {
  if (typeof navigator === 'undefined' || !navigator.permissions) return true;
  // Chromium asks in the name of the top-level page for a frame its `allow` lets use the devices.
  const names: PermissionName[] = ['camera', 'microphone'];
  devicePermissions ??= Promise.all(names.map((name) => navigator.permissions.query({ name })));
  const states = await devicePermissions;
  return states.some((status) => status.state === 'prompt');
}

/** Seconds, to a tenth. */
function seconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}
