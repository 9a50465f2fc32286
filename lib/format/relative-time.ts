const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

const relative = new Intl.RelativeTimeFormat("fr", { numeric: "auto" });
const absolute = new Intl.DateTimeFormat("fr-FR", {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: "Europe/Paris",
});

/** "il y a 3 minutes", "hier", "à l’instant": how French readers expect recent dates. */
export function formatRelativeTime(date: Date, now: Date = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return "à l’instant";
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(Math.round(seconds / 60), "minute");
}

// Every comment on a page carries its date as a title, and formatting one in a time zone takes
// a few microseconds; the text only shows the minute, which is its key (Paris is a whole number of
// hours from UTC). Cleared rather than evicted when full: it refills from the comments in view.
const absoluteByMinute = new Map<number, string>();
const absoluteCacheSize = 10_000;

/** "26 novembre 2026 à 10:14", for titles and screen readers. */
export function formatAbsoluteTime(date: Date): string {
  const minute = Math.floor(date.getTime() / 60_000);
  let text = absoluteByMinute.get(minute);
  if (text === undefined) {
    text = absolute.format(date);
    if (absoluteByMinute.size >= absoluteCacheSize) absoluteByMinute.clear();
    absoluteByMinute.set(minute, text);
  }
  return text;
}

const dateOnly = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "Europe/Paris" });

/** "26 novembre 2026". */
export function formatDate(date: Date): string {
  return dateOnly.format(date);
}
