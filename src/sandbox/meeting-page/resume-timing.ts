/**
 * How a broken connection between a meeting page and the server is resumed, as Jitsi resumes its XMPP stream
 * (XEP-0198; docs/jitsi/failures.md S8): the page tries a few times with growing random delays and reports the drop
 * only when the last try fails; meanwhile the server keeps the session, so nobody sees the participant leave. No
 * Node code here: the server imports it from the page, which may not import the server.
 */

/** The page's side: when it tries to resume. */
export interface ResumeTiming {
  /** The unit of the delays before each try, in ms. Jitsi: 1000. */
  unitMs: number;
  /** Tries before the drop is reported. Jitsi: 3 (lib-jitsi-meet's MAX_CONNECTION_RETRIES). */
  attempts: number;
}

/** Both sides: the page's tries and how long the server waits for them. */
export interface ResumeSettings extends ResumeTiming {
  /** How long the server keeps a session whose connection broke. Jitsi's Prosody: 60 s (`smacks_hibernation_time`). */
  hibernationMs: number;
}

export const JITSI_RESUME: Readonly<ResumeSettings> = { unitMs: 1000, attempts: 3, hibernationMs: 60_000 };

/** Settings with the gaps filled from {@link JITSI_RESUME}; a value that makes no sense is refused. */
export function resumeSettings(given: Partial<ResumeSettings> = {}): ResumeSettings {
  const settings = { ...JITSI_RESUME, ...given };
  const check = (field: keyof ResumeSettings, ok: boolean) => {
    const wanted = field === 'attempts' ? 'a whole number from 0 to 10' : 'a positive number of ms';
    if (!ok) throw new RangeError(`resume.${field} must be ${wanted}.`);
  };
  check('unitMs', Number.isFinite(settings.unitMs) && settings.unitMs > 0);
  check('attempts', Number.isInteger(settings.attempts) && settings.attempts >= 0 && settings.attempts <= 10);
  check('hibernationMs', Number.isFinite(settings.hibernationMs) && settings.hibernationMs > 0);
  return settings;
}

/**
 * The wait before try `attempt` (1, 2, 3…): lib-jitsi-meet's ResumeTask uses full jitter, a random time from
 * `1.5 × attempt` up to `3^attempt` units (1.5–3 s, 3–9 s, 4.5–27 s).
 */
export function resumeDelayMs(attempt: number, unitMs: number, random: () => number = Math.random): number {
  const min = attempt * 1.5 * unitMs;
  const max = 3 ** attempt * unitMs;
  return Math.floor(random() * (max - min) + min);
}
