/**
 * What the log may say of text a client sent (a path, a method, an origin): pieces that could be a key or a
 * token put in the wrong place (`/api/v1/rooms/<key>`) become `[redacted]`. A piece is secret-shaped when it is
 * long (16 characters or more) or mixes letters and digits over 8 or more; route names are neither.
 */
export const REDACTED = '[redacted]';
const MAX_LOGGED_LENGTH = 256;
const SHORTEST_SECRET_SHAPED = 8;

export function isSecretShaped(piece: string): boolean {
  return piece.length >= 16 || (piece.length >= SHORTEST_SECRET_SHAPED && /\d/.test(piece) && /[a-z]/i.test(piece));
}

/** `text` with every secret-shaped piece between `separators` redacted, cut to a bounded length. */
export function redact(text: string, separators: RegExp = /([/])/): string {
  // Nothing this short holds a secret-shaped piece (a method, for one): answered without the split.
  if (text.length < SHORTEST_SECRET_SHAPED) return text;
  const redacted = text
    .split(separators)
    .map((piece) => (isSecretShaped(piece) ? REDACTED : piece))
    .join('');
  return redacted.length > MAX_LOGGED_LENGTH ? `${redacted.slice(0, MAX_LOGGED_LENGTH)}…` : redacted;
}

/** A host name or origin: its labels are the pieces. */
export const redactOrigin = (origin: string) => redact(origin, /([/.:])/);
