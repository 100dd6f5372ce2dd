// One way to write a time everywhere in the demo, the way the elements write times in their sentences
// (src/i18n/catalogue.ts formatTime): the page's language, date and time to the minute, in the reader's time zone.
// Tokens count in epoch seconds and developer messages name times in ISO 8601 (UTC); a person should not have to
// convert either.
const FORMAT = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});

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
