/**
 * The meeting's live broadcast, as `<nano-meet>` shows it: `broadcastState` (idle → starting → live →
 * stopping → idle, or error), the playout addresses of the broadcast on air, and the `nano-meet-broadcast-*`
 * events. Jitsi's `recordingStatusChanged` is the one authority on the stream, whoever started it
 * (docs/jitsi/failures.md §S6): one `on:true` once it is live, `on:false` at the end (also of a broadcast stopped
 * while it was starting), and `on:false` with an `error` when it is refused (before it was live:
 * `broadcast-refused`) or fails (once live: `broadcast-failed`).
 */
import {
  ingestUrl,
  playoutUrls,
  type BroadcastPlayout,
  type BroadcastTemplates,
  type StreamPlace,
} from '../../broadcast/broadcast-addresses.js';
import { text } from '../../i18n/catalogue.js';
import { saidBy } from '../../i18n/localized-error.js';
import type { JitsiEventName } from '../../meeting/jitsi-wire/wire-names.js';
import { MeetingError } from '../../meeting/meeting-error.js';
import { eventEmitter } from '../emit-event.js';
import { broadcastError } from './broadcast-messages.js';
import { moderatorSession, type ActionMeeting } from './meeting-actions.js';
import type { BroadcastErrorDetail, BroadcastState, NanoMeetEventMap } from './nano-meet-events.js';

const emitEvent = eventEmitter<NanoMeetEventMap>();

/** Jibri needs a while to join and start streaming. */
const BROADCAST_TIMEOUT_MS = 60_000;

export interface StartBroadcastOptions extends BroadcastTemplates {
  /** Keep a recording for VOD after the broadcast. */
  record?: boolean;
}

/** The element's templates (its attributes; empty: the default). */
export interface BroadcastHost extends EventTarget {
  readonly ingestTemplate: string;
  readonly whepTemplate: string;
  readonly hlsTemplate: string;
  readonly vodTemplate: string;
}

/** The meeting the broadcast is of. */
export interface BroadcastMeeting extends ActionMeeting {
  /** The stream, on the server this page meets on (a `server` override included). */
  streamPlace(): StreamPlace;
}

type Payload = Record<string, unknown>;

export class BroadcastController {
  #state: BroadcastState = 'idle';
  /** The broadcast this page started or heard of; `live` once Jitsi said so. */
  #current?: { record: boolean; playout: BroadcastPlayout; live: boolean };
  /** The start this page asked for and Jitsi has not answered yet. */
  #starting?: Promise<BroadcastPlayout>;
  /** The stop this page asked for and Jitsi has not confirmed yet. */
  #stopping?: Promise<void>;

  /** @param onStateChange called with each new state, before `nano-meet-broadcast-state-change` */
  constructor(
    private readonly host: BroadcastHost,
    private readonly meeting: BroadcastMeeting,
    private readonly onStateChange: (state: BroadcastState) => void,
  ) {}

  get state(): BroadcastState {
    return this.#state;
  }

  /**
   * Asks Jitsi to stream to the ingest address; resolves with the playout addresses once it is live. A second call
   * while the first is starting waits for it (with the first call's options): asked twice, Jitsi would refuse the
   * second as a stream already running, and that refusal would end the wait of the first, which goes on air. A
   * call while the broadcast is stopping starts once the stop is confirmed, so that the stop's `on:false` is not
   * taken for the answer to the start. Stopped before it went on air (by this page or another moderator), it
   * rejects with `broadcast-cancelled`: no error, only the end of the broadcast that was asked for.
   */
  start(options: StartBroadcastOptions): Promise<BroadcastPlayout> {
    this.#starting ??= this.#start(options).finally(() => (this.#starting = undefined));
    return this.#starting;
  }

  async #start(options: StartBroadcastOptions): Promise<BroadcastPlayout> {
    let session;
    try {
      session = moderatorSession(this.meeting, 'action.broadcast');
      if (this.#stopping) {
        await this.#stopping.catch(() => undefined);
        session = moderatorSession(this.meeting, 'action.broadcast');
      }
    } catch (error) {
      const { code, message } = error as MeetingError;
      this.#error({ code: code as BroadcastErrorDetail['code'], message });
      throw error;
    }
    if (this.#state === 'live' && this.#current) return this.#current.playout;
    const record = options.record ?? false;
    const templates = this.#templates(options);
    const place = this.meeting.streamPlace();
    this.#current = { record, playout: playoutUrls(templates, place, record), live: false };
    this.#setState('starting');
    const outcome = this.meeting.waiter.next(
      'recordingStatusChanged',
      (payload) => payload['mode'] === 'stream',
      'the broadcast',
      BROADCAST_TIMEOUT_MS,
    );
    session.command('startRecording', { mode: 'stream', rtmpStreamKey: ingestUrl(templates, place, record) });
    let status: Payload;
    try {
      status = await outcome;
    } catch (error) {
      // The meeting was left meanwhile: no broadcast of it is known any more (reset()), and none timed out.
      if (!(error instanceof MeetingError) || error.code !== 'timeout') throw error;
      // The person who pressed the button reads why; the page's code gets the waiter's own words.
      const timeout = text('broadcast.timeout', { seconds: BROADCAST_TIMEOUT_MS / 1000 });
      this.#error({ code: 'timeout', message: this.meeting.say(timeout) });
      throw error;
    }
    if (status['on'] !== true) {
      // Jitsi ends a starting session without an error only when it is stopped (§S6, the Stop row).
      const refusal =
        status['error'] === undefined
          ? new MeetingError('broadcast-cancelled', text('broadcast.cancelled'))
          : new MeetingError('broadcast-refused', broadcastError('broadcast-refused', status['error']));
      refusal.message = this.meeting.say(saidBy(refusal));
      throw refusal;
    }
    return this.#current.playout;
  }

  /** Asks Jitsi to end the stream; resolves once it has ended. A second call while stopping waits for the first. */
  stop(): Promise<void> {
    this.#stopping ??= this.#stop().finally(() => (this.#stopping = undefined));
    return this.#stopping;
  }

  async #stop(): Promise<void> {
    const session = moderatorSession(this.meeting, 'action.stop-broadcast');
    if (this.#state === 'idle' || this.#state === 'error') return;
    this.#setState('stopping');
    const stopped = this.meeting.waiter.next(
      'recordingStatusChanged',
      (payload) => payload['mode'] === 'stream' && payload['on'] === false,
      'the end of the broadcast',
      BROADCAST_TIMEOUT_MS,
    );
    session.command('stopRecording', 'stream');
    await stopped;
  }

  /** Follows Jitsi's word on the stream. */
  track(name: JitsiEventName, payload: Payload): void {
    if (name !== 'recordingStatusChanged' || payload['mode'] !== 'stream') return;
    if (payload['on'] === true) {
      // Started by another moderator: the addresses follow from this page's templates and server.
      this.#current ??= {
        record: false,
        playout: playoutUrls(this.#templates({}), this.meeting.streamPlace(), false),
        live: true,
      };
      this.#current.live = true;
      this.#setState('live');
      emitEvent(this.host, 'nano-meet-broadcast-started', { playout: this.#current.playout });
    } else if (payload['error'] !== undefined) {
      const reason = String(payload['error']);
      const failed = this.#current?.live === true;
      this.#current = undefined;
      const code = failed ? 'broadcast-failed' : 'broadcast-refused';
      this.#error({ code, message: this.meeting.say(broadcastError(code, reason)), reason });
    } else {
      const wasOn = this.#state !== 'idle';
      this.#current = undefined;
      this.#setState('idle');
      if (wasOn) emitEvent(this.host, 'nano-meet-broadcast-stopped', {});
    }
  }

  /** Out of the meeting: no broadcast of it is known any more. */
  reset(): void {
    this.#current = undefined;
    this.#setState('idle');
  }

  /** The templates asked for, else the element's attributes; left out, the defaults apply. */
  #templates(options: BroadcastTemplates): BroadcastTemplates {
    const templates: BroadcastTemplates = {};
    for (const kind of ['ingest', 'whep', 'hls', 'vod'] as const) {
      // The attribute's property: `ingestTemplate` for `ingest`, and so on.
      const template = options[kind] ?? (this.host[`${kind}Template`] || undefined);
      if (template !== undefined) templates[kind] = template;
    }
    return templates;
  }

  #setState(next: BroadcastState) {
    const previous = this.#state;
    if (previous === next) return;
    this.#state = next;
    this.onStateChange(next);
    emitEvent(this.host, 'nano-meet-broadcast-state-change', { state: next, previous });
  }

  #error(detail: BroadcastErrorDetail) {
    this.#setState('error');
    emitEvent(this.host, 'nano-meet-broadcast-error', detail);
  }
}
