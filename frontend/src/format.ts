// Dates and times in the property's time zone, formatted for the user's language, and the calendar
// arithmetic of the timeline (days, weeks and months of that zone, DST included).

import { language } from "./i18n";
import type { HomeAssistant } from "./ws";

export type Zoom = "day" | "week" | "month";
export const ZOOMS: readonly Zoom[] = ["day", "week", "month"];

/** A calendar date, independent of any zone (month 1-12). */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export interface Span {
  zoom: Zoom;
  from: CivilDate; // the first day shown
  start: number; // epoch ms of its midnight in the zone
  end: number; // epoch ms of the midnight after the last day
}

const DAY_MS = 86_400_000;
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

// --- zone arithmetic --------------------------------------------------------------------------------

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock of an instant in a zone, as if it were UTC (epoch ms). */
function wallAsUtc(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(ms)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
}

/** The calendar date of an instant in a zone. */
export function civilDate(ms: number, timeZone: string): CivilDate {
  const wall = new Date(wallAsUtc(ms, timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/**
 * The instant of a wall-clock time in a zone. When the clock goes back (the time exists twice) the earlier
 * one; in the gap when it goes forward, the time after the jump (03:30 for a missing 02:30).
 */
export function zonedInstant(date: CivilDate, timeZone: string, hour = 0, minute = 0): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const before = wall - (wallAsUtc(wall - DAY_MS, timeZone) - (wall - DAY_MS));
  const after = wall - (wallAsUtc(wall + DAY_MS, timeZone) - (wall + DAY_MS));
  const valid = [before, after].filter((ms) => wallAsUtc(ms, timeZone) === wall);
  return valid.length ? Math.min(...valid) : Math.max(before, after);
}

/** Whether a wall-clock time exists in a zone (not skipped by a DST jump). */
function exists(date: CivilDate, timeZone: string, hour: number): boolean {
  return wallAsUtc(zonedInstant(date, timeZone, hour), timeZone) === Date.UTC(date.year, date.month - 1, date.day, hour);
}

export function addDays(date: CivilDate, days: number): CivilDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function addMonths(date: CivilDate, months: number): CivilDate {
  const d = new Date(Date.UTC(date.year, date.month - 1 + months, 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: 1 };
}

function weekday(date: CivilDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay(); // 0 = Sunday
}

export function formatCivil(date: CivilDate): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

export function parseCivil(text: string | null): CivilDate | undefined {
  const match = text ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) : null;
  if (!match) return undefined;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** The first day of the week (0 = Sunday): the user's setting, else the language's, else Monday. */
export function firstWeekday(hass: HomeAssistant): number {
  const setting = hass.locale?.first_weekday;
  if (setting && WEEKDAYS.includes(setting)) return WEEKDAYS.indexOf(setting);
  if (setting === "language") {
    try {
      const locale = new Intl.Locale(language(hass)) as Intl.Locale & {
        getWeekInfo?: () => { firstDay: number };
        weekInfo?: { firstDay: number };
      };
      const info = locale.getWeekInfo?.() ?? locale.weekInfo;
      if (info) return info.firstDay % 7;
    } catch {
      // unknown language tag: Monday
    }
  }
  return 1;
}

/** The days shown for a zoom level around a date. */
export function spanFor(zoom: Zoom, anchor: CivilDate, timeZone: string, weekStart: number): Span {
  let from = anchor;
  let to: CivilDate;
  if (zoom === "day") {
    to = addDays(from, 1);
  } else if (zoom === "week") {
    from = addDays(anchor, -((weekday(anchor) - weekStart + 7) % 7));
    to = addDays(from, 7);
  } else {
    from = { ...anchor, day: 1 };
    to = addMonths(from, 1);
  }
  return { zoom, from, start: zonedInstant(from, timeZone), end: zonedInstant(to, timeZone) };
}

/** The date `steps` zoom units away (a day, a week or a month). */
export function shiftAnchor(zoom: Zoom, anchor: CivilDate, steps: number): CivilDate {
  if (zoom === "day") return addDays(anchor, steps);
  if (zoom === "week") return addDays(anchor, 7 * steps);
  return addMonths(anchor, steps);
}

export interface Tick {
  ms: number;
  label: string;
  major: boolean; // a day boundary
}

// --- formatting -------------------------------------------------------------------------------------

/** Formats instants in one zone for the user's language and clock setting. */
export class Formatter {
  private readonly cache = new Map<string, Intl.DateTimeFormat>();
  private readonly lang: string;
  private readonly hourOptions: Intl.DateTimeFormatOptions;

  constructor(
    hass: HomeAssistant,
    readonly timeZone: string,
  ) {
    this.lang = language(hass);
    const clock = hass.locale?.time_format;
    this.hourOptions =
      clock === "12" ? { hour12: true } : clock === "24" ? { hourCycle: "h23" } : clock === "system" ? systemClock() : {};
  }

  private format(name: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
    let formatter = this.cache.get(name);
    if (!formatter) {
      const withClock = options.hour ? { ...options, ...this.hourOptions } : options;
      try {
        formatter = new Intl.DateTimeFormat(this.lang, { ...withClock, timeZone: this.timeZone });
      } catch {
        formatter = new Intl.DateTimeFormat(this.lang, withClock); // an unknown zone: the browser's
      }
      this.cache.set(name, formatter);
    }
    return formatter;
  }

  private static ms(value: string | number): number {
    return typeof value === "number" ? value : Date.parse(value);
  }

  /** "Tue, Dec 15, 4:00 PM" */
  dateTime(value: string | number): string {
    const f = this.format("dt", { weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit" });
    return f.format(Formatter.ms(value));
  }

  /** "Dec 15, 4:00 PM", for bars and short lists. */
  shortDateTime(value: string | number): string {
    return this.format("sdt", { day: "numeric", month: "short", hour: "numeric", minute: "2-digit" }).format(
      Formatter.ms(value),
    );
  }

  /** "Dec 15, 4:00 PM – Dec 18, 11:00 AM" (the language's own range form). */
  range(start: string | number, end: string | number): string {
    const f = this.format("sdt", { day: "numeric", month: "short", hour: "numeric", minute: "2-digit" });
    const a = Formatter.ms(start);
    const b = Formatter.ms(end);
    return b >= a ? f.formatRange(a, b) : `${f.format(a)} – ${f.format(b)}`;
  }

  /** The title of the shown span: "Tuesday, December 15, 2026", "Dec 14 – 20, 2026", "December 2026". */
  spanTitle(span: Span): string {
    if (span.zoom === "day") {
      return this.format("day", { weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(span.start);
    }
    if (span.zoom === "month") {
      return this.format("month", { month: "long", year: "numeric" }).format(span.start);
    }
    const f = this.format("week", { day: "numeric", month: "short", year: "numeric" });
    return f.formatRange(span.start, span.end - 1);
  }

  /** The axis of a span: hours for a day, days for a week or a month. */
  ticks(span: Span, narrow: boolean): Tick[] {
    const ticks: Tick[] = [];
    if (span.zoom === "day") {
      const hour = this.format("hour", { hour: "numeric", minute: "2-digit" });
      const step = narrow ? 6 : 2;
      for (let h = 0; h < 24; h += step) {
        if (!exists(span.from, this.timeZone, h)) continue;
        const ms = zonedInstant(span.from, this.timeZone, h);
        if (ms >= span.start && ms < span.end) ticks.push({ ms, label: hour.format(ms), major: h === 0 });
      }
      return ticks;
    }
    const label =
      span.zoom === "week"
        ? this.format(narrow ? "wd-n" : "wd", narrow ? { weekday: "narrow", day: "numeric" } : { weekday: "short", day: "numeric" })
        : this.format("d", { day: "numeric" });
    for (let day = span.from, i = 0; i < 32; day = addDays(day, 1), i++) {
      const ms = zonedInstant(day, this.timeZone);
      if (ms >= span.end) break;
      const every = span.zoom === "month" && narrow ? 7 : 1;
      ticks.push({ ms, label: i % every === 0 ? label.format(ms) : "", major: true });
    }
    return ticks;
  }
}

function systemClock(): Intl.DateTimeFormatOptions {
  const cycle = new Intl.DateTimeFormat(undefined, { hour: "numeric" }).resolvedOptions().hourCycle;
  return cycle ? { hourCycle: cycle } : {};
}

/** The zone to show entity timestamps in on the card: the user's choice in their profile. */
export function userTimeZone(hass: HomeAssistant): string {
  if (hass.locale?.time_zone === "local") return Intl.DateTimeFormat().resolvedOptions().timeZone;
  return hass.config.time_zone;
}
