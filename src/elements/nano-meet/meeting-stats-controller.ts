/**
 * `<nano-meet>`'s statistics: `getStats()` and the periodic `nano-meet-stats` event (`stats-interval`). The events
 * behind them are followed as they come (meeting/meeting-stats.ts); the rest is asked of the meeting each time,
 * each question bounded in time, so that a deployment that does not answer one leaves its field out and delays
 * nothing for long. A request the deployment does not know (`connection-stats` on an older Jitsi) is not asked
 * again in that meeting.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { JitsiEventName } from '../../meeting/jitsi-wire/wire-names.js';
import type { MeetingSession, SessionRequests } from '../../meeting/meeting-session.js';
import {
  connectionStatsOf,
  isUnknownRequestAnswer,
  MeetingStatsTracker,
  type KnownParticipant,
  type MeetingStats,
} from '../../meeting/meeting-stats.js';
import { eventEmitter } from '../emit-event.js';
import { warnOnce } from '../warn-once.js';
import type { MeetingState, NanoMeetEventMap } from './nano-meet-events.js';
import { roomsInfoOf } from './payload-fields.js';

const emitEvent = eventEmitter<NanoMeetEventMap>();

/** How long one question to the meeting may take before its field is left out. */
export const STATS_REQUEST_TIMEOUT_MS = 2000;
/** The shortest period: each reading asks the meeting three questions. */
export const MIN_STATS_INTERVAL_SECONDS = 0.5;

/** The period in ms that a `stats-interval` value asks for; 0 is off. A value that makes no sense is said once. */
export function statsPeriodMs(seconds: number | null | undefined): number {
  if (seconds === null || seconds === undefined || seconds === 0) return 0;
  if (!Number.isFinite(seconds) || seconds < 0) {
    warnOnce(
      `<nano-meet> stats-interval must be a number of seconds (e.g. "2"); 0 or no attribute sends no ` +
        `nano-meet-stats. ${JSON.stringify(String(seconds))} is ignored, so no statistics are sent.`,
    );
    return 0;
  }
  if (seconds < MIN_STATS_INTERVAL_SECONDS) {
    warnOnce(
      `<nano-meet> stats-interval is at least ${MIN_STATS_INTERVAL_SECONDS} seconds; ${seconds} is taken as ` +
        `${MIN_STATS_INTERVAL_SECONDS}.`,
    );
    return MIN_STATS_INTERVAL_SECONDS * 1000;
  }
  return seconds * 1000;
}

/** The element as the statistics need it. */
export interface StatsHost extends ReactiveControllerHost, HTMLElement {
  readonly statsInterval: number | null;
  readonly state: MeetingState;
}

/** Where the meeting is, and who the element knows is in it. */
export interface StatsSource {
  readonly session: MeetingSession | undefined;
  readonly roster: { readonly participants: readonly KnownParticipant[]; readonly myId: string | undefined };
}

type AskedRequest = 'getRoomsInfo' | 'isP2pActive' | 'getConnectionStats';

export class MeetingStatsController implements ReactiveController {
  readonly #tracker = new MeetingStatsTracker();
  #timer: ReturnType<typeof setInterval> | undefined;
  #periodMs = 0;
  #measuring = false;
  /** Questions still open, by session: a slow meeting is not asked the same again before it answers. */
  #open = new WeakMap<MeetingSession, Map<AskedRequest, Promise<unknown>>>();
  /** Meetings whose deployment does not know `connection-stats`. */
  #noConnectionStats = new WeakSet<MeetingSession>();

  constructor(
    private readonly host: StatsHost,
    private readonly source: StatsSource,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#schedule();
  }

  hostUpdated(): void {
    this.#schedule();
  }

  hostDisconnected(): void {
    this.#stop();
  }

  /** Follows what the meeting says. */
  track(name: JitsiEventName, payload: Record<string, unknown>): void {
    this.#tracker.track(name, payload);
  }

  /** The meeting closed: nothing is known of the next one. */
  reset(): void {
    this.#tracker.reset();
  }

  /** The statistics now, or undefined outside the meeting. */
  async measure(): Promise<MeetingStats | undefined> {
    const session = this.source.session;
    if (!session || this.host.state !== 'joined') return undefined;
    const [roomsAnswer, p2p, connection] = await Promise.all([
      this.#ask(session, 'getRoomsInfo'),
      this.#ask(session, 'isP2pActive'),
      this.#noConnectionStats.has(session) ? undefined : this.#askConnectionStats(session),
    ]);
    if (this.source.session !== session) return undefined;
    const { participants, myId } = this.source.roster;
    // Another page's answer: only rooms and participants of Jitsi's shape are counted.
    const roomsInfo = roomsInfoOf(roomsAnswer);
    return this.#tracker.snapshot(
      {
        ...(roomsInfo && { roomsInfo }),
        ...(typeof p2p === 'boolean' && { p2p }),
        ...(connection && { connection }),
      },
      participants,
      myId,
    );
  }

  async #askConnectionStats(session: MeetingSession) {
    const answer = await this.#ask(session, 'getConnectionStats', (error) => {
      // The external route's older external_api.js has no such function: as unknown as to the page.
      if ((error as { code?: unknown } | undefined)?.code === 'unsupported') this.#noConnectionStats.add(session);
    });
    if (isUnknownRequestAnswer(answer)) this.#noConnectionStats.add(session);
    return connectionStatsOf(answer);
  }

  /** Asks once at a time per meeting; resolves undefined when the meeting fails or takes too long to answer. */
  #ask<Name extends AskedRequest>(
    session: MeetingSession,
    name: Name,
    onError?: (error: unknown) => void,
  ): Promise<SessionRequests[Name] | undefined> {
    let open = this.#open.get(session);
    if (!open) this.#open.set(session, (open = new Map()));
    let asked = open.get(name) as Promise<SessionRequests[Name] | undefined> | undefined;
    if (!asked) {
      asked = session.request(name).catch((error: unknown) => {
        onError?.(error);
        return undefined;
      });
      const questions = open;
      void asked.finally(() => questions.delete(name));
      open.set(name, asked);
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), STATS_REQUEST_TIMEOUT_MS);
    });
    return Promise.race([asked, late]).finally(() => clearTimeout(timer));
  }

  /** Runs the timer at the period `stats-interval` asks for, while the element is on the page. */
  #schedule() {
    const periodMs = this.host.isConnected ? statsPeriodMs(this.host.statsInterval) : 0;
    if (periodMs === this.#periodMs && (this.#timer !== undefined) === periodMs > 0) return;
    this.#stop();
    this.#periodMs = periodMs;
    if (periodMs > 0) this.#timer = setInterval(() => void this.#tick(), periodMs);
  }

  #stop() {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#periodMs = 0;
  }

  async #tick() {
    // A reading still under way (a slow meeting) is not overtaken by the next one.
    if (this.#measuring || this.host.state !== 'joined') return;
    this.#measuring = true;
    try {
      const stats = await this.measure();
      if (stats && this.#timer !== undefined) emitEvent(this.host, 'nano-meet-stats', stats);
    } finally {
      this.#measuring = false;
    }
  }
}
