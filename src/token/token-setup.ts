import * as z from 'zod/mini';
import { SENSITIVE_FEATURES, isEpochSeconds } from './claims.js';
import { ROOM_NAME_PATTERN } from './room-name.js';
import { isValidServerHost } from './server-host.js';
import { STREAM_NAME_PATTERN, STREAM_NAME_RULE } from './stream-name.js';
import { TokenError } from './token-error.js';

/** A point in time as the classic API gives it (an ISO 8601 string) or as a `Date`. */
const instant = z.union([
  z
    .string()
    .check(
      z.refine(
        (value) => /^\d{4}-\d{2}-\d{2}T/.test(value) && Number.isFinite(Date.parse(value)),
        'must be an ISO 8601 date-time',
      ),
    ),
  z.date(),
]);

export const setupUserSchema = z.strictObject({
  id: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
  name: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
  email: z.optional(z.string().check(z.maxLength(256), z.regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address'))),
  avatar: z.optional(
    z.string().check(
      z.maxLength(2048),
      z.refine((value) => /^https:\/\//i.test(value) && URL.canParse(value), 'must be an https URL'),
    ),
  ),
});

/** The classic `createNanoMeetRoom` setup, plus the person the token is for. */
export const roomSetupSchema = z.strictObject({
  nbf: instant,
  exp: instant,
  streamname: z.string().check(z.regex(STREAM_NAME_PATTERN, `must be ${STREAM_NAME_RULE}`)),
  server: z
    .string()
    .check(z.refine(isValidServerHost, 'must be a host name with an optional port (e.g. meet.example.org), not a URL')),
  room: z.string().check(z.regex(ROOM_NAME_PATTERN, 'must be 1–64 characters of a-z, A-Z, 0-9 and _')),
  moderator: z.boolean(),
  user: z.optional(setupUserSchema),
});

/** The classic `createInviteToken` setup: omitted times inherit the parent's. */
export const inviteSetupSchema = z.strictObject({
  moderator: z.boolean(),
  nbf: z.optional(instant),
  exp: z.optional(instant),
  user: z.optional(setupUserSchema),
});

export type RoomSetup = z.infer<typeof roomSetupSchema>;
export type InviteSetup = z.infer<typeof inviteSetupSchema>;
export type SetupUser = z.infer<typeof setupUserSchema>;

export function parseSetup<T>(schema: z.ZodMiniType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    throw new TokenError('setup-invalid', `The ${what} is not valid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function epochSecondsOf(value: string | Date): number {
  return Math.floor((typeof value === 'string' ? Date.parse(value) : value.getTime()) / 1000);
}

const featuresOf = (moderator: boolean): Readonly<Record<string, boolean>> =>
  Object.freeze(
    Object.fromEntries(
      SENSITIVE_FEATURES.map((feature) => [feature, moderator && ['livestreaming', 'recording'].includes(feature)]),
    ),
  );
// Built once: every token carries one of these two, and building it per token was a tenth of the time to issue one.
const MODERATOR_FEATURES = featuresOf(true);
const GUEST_FEATURES = featuresOf(false);

/** Moderators may broadcast and record; guests get every sensitive feature explicitly off. A fresh copy each time. */
export function featuresFor(moderator: boolean): Record<string, boolean> {
  return { ...(moderator ? MODERATOR_FEATURES : GUEST_FEATURES) };
}

/** A window that is empty or already over is a mistake in the setup, not a token anyone can use. */
export function checkWindow(nbf: number, exp: number, nowSeconds: number) {
  // The same bounds the token's claims must meet, or the token would be refused by every reader.
  if (!isEpochSeconds(nbf) || !isEpochSeconds(exp)) {
    throw new TokenError('setup-invalid', 'nbf and exp must lie after 1970-01-01 and before 2286-11-20.');
  }
  if (exp <= nbf) throw new TokenError('setup-invalid', 'exp must be after nbf.');
  if (exp <= nowSeconds) throw new TokenError('setup-invalid', 'exp is in the past: the token would never be usable.');
}
