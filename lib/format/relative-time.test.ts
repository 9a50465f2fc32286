import { describe, expect, it } from "vitest";
import { formatAbsoluteTime, formatRelativeTime } from "./relative-time";

const paris = new Intl.DateTimeFormat("fr-FR", {
  dateStyle: "long",
  timeStyle: "short",
  timeZone: "Europe/Paris",
});

describe("formatAbsoluteTime", () => {
  it("says the Paris date and minute, however often it is asked", () => {
    expect(formatAbsoluteTime(new Date("2026-11-26T09:14:59.999Z"))).toBe("26 novembre 2026 à 10:14");
    expect(formatAbsoluteTime(new Date("2026-11-26T09:14:00.000Z"))).toBe("26 novembre 2026 à 10:14");
    expect(formatAbsoluteTime(new Date("2026-11-26T09:15:00.000Z"))).toBe("26 novembre 2026 à 10:15");
  });

  it("answers what the formatter answers, across the year's clock changes", () => {
    // Every 7 minutes and 13 seconds over a year, twice: computed, then remembered.
    const start = Date.parse("2026-01-01T00:00:00Z");
    const wrong: string[] = [];
    for (let pass = 0; pass < 2; pass++) {
      for (let time = start; time < start + 366 * 24 * 3600_000; time += 433_000) {
        const date = new Date(time);
        if (formatAbsoluteTime(date) !== paris.format(date)) wrong.push(date.toISOString());
      }
    }
    expect(wrong).toEqual([]);
    expect(formatAbsoluteTime(new Date("2026-03-29T01:30:00Z"))).toBe("29 mars 2026 à 03:30");
    expect(formatAbsoluteTime(new Date("2026-10-25T00:30:00Z"))).toBe("25 octobre 2026 à 02:30");
  });
});

describe("formatRelativeTime", () => {
  it("speaks of recent dates as French readers expect", () => {
    const now = new Date("2026-11-26T10:00:00Z");
    expect(formatRelativeTime(new Date("2026-11-26T09:59:30Z"), now)).toBe("à l’instant");
    expect(formatRelativeTime(new Date("2026-11-26T09:57:00Z"), now)).toBe("il y a 3 minutes");
    expect(formatRelativeTime(new Date("2026-11-25T10:00:00Z"), now)).toBe("hier");
  });
});
