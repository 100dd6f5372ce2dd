/** Whether a value parsed from JSON (a message, a stream event, a payload) is a plain object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
