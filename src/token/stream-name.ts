/**
 * A broadcast's stream name travels in the token (`nano-meet.streamname`) and ends up in ingest and playout
 * URLs, so it stays within characters that need no escaping in a URL path.
 */
export const STREAM_NAME_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export const STREAM_NAME_RULE = '1–128 characters of A-Z a-z 0-9 _ -';

export function isValidStreamName(name: unknown): name is string {
  return typeof name === 'string' && STREAM_NAME_PATTERN.test(name);
}
