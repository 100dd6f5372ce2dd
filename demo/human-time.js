// One way to write a time everywhere in the demo: the reader's local time with its zone, as in
// "5 Jan 2026, 15:04:05 CET". Tokens count in epoch seconds and messages name times in ISO 8601 (UTC);
// a person should not have to convert either.
const FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'long' });

export function formatTime(date) {
  return FORMAT.format(date);
}

export function formatEpochSeconds(seconds) {
  return formatTime(new Date(seconds * 1000));
}

/** The reader's time zone, e.g. `Europe/Berlin`: what the date-and-time fields mean. */
export function localTimeZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const ISO_TIME = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})/g;

/** A message with every ISO 8601 time in it rewritten in the one human format. */
export function humanizeTimes(text) {
  return text.replace(ISO_TIME, (iso) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : formatTime(date);
  });
}
