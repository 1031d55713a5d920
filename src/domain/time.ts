/**
 * Dates and times in Europe/London without a time-zone library: a `LocalDate` is an ISO calendar date string
 * (YYYY-MM-DD) and instants are JavaScript Dates (UTC). Conversions use the platform's time-zone database (Intl).
 */

export type LocalDate = string;

export const LONDON = 'Europe/London';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseLocalDate(value: string): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(value);
  if (!m) throw new RangeError(`Not an ISO date: ${value}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (!isRealDate(year, month, day)) throw new RangeError(`Not a real date: ${value}`);
  return { year, month, day };
}

export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  d.setUTCFullYear(year);
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export function isLocalDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  return !!m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function formatLocalDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 for a local date; handy for day arithmetic. */
export function toDayNumber(date: LocalDate): number {
  const { year, month, day } = parseLocalDate(date);
  return Math.round(Date.UTC(year, month - 1, day) / 86_400_000);
}

export function fromDayNumber(dayNumber: number): LocalDate {
  const d = new Date(dayNumber * 86_400_000);
  return formatLocalDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
/**
 * The same day of the month `months` later (or earlier), clamped to the month's last day: 31 January + 1 month is
 * 28 (or 29) February; "within 3 months" and "every 6 months" are counted this way.
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  if (!Number.isInteger(months)) throw new RangeError(`Months must be a whole number (got ${months})`);
  const { year, month, day } = parseLocalDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return formatLocalDate(y, m, Math.min(day, last));
}

export function dayOfWeek(date: LocalDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

export interface WallTime {
  date: LocalDate;
  /** Minutes after local midnight. */
  minutes: number;
  seconds: number;
}

/** The wall-clock date and time of an instant, read from the time-zone database (slow: formatToParts). */
function wallTimeByParts(instant: Date, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const p of partsFormatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  const hour = Number(parts.hour) % 24;
  return {
    date: formatLocalDate(Number(parts.year), Number(parts.month), Number(parts.day)),
    minutes: hour * 60 + Number(parts.minute),
    seconds: Number(parts.second),
  };
}

/**
 * A zone's offset from UTC, remembered for each quarter hour it was asked about. Since 1970 every zone's offsets
 * are whole quarter hours and change only on a quarter hour, so one lookup in the time-zone database serves every
 * instant of that quarter hour; earlier instants (local mean time had offsets in seconds) are not cached.
 */
const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, number>();
const MAX_REMEMBERED = 50_000;

function offsetMs(instant: Date, timeZone: string): number | null {
  const t = instant.getTime();
  if (!(t >= 0)) return null;
  const bucket = Math.floor(t / QUARTER_HOUR);
  const key = `${timeZone}|${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const start = new Date(bucket * QUARTER_HOUR);
    const w = wallTimeByParts(start, timeZone);
    offset = toDayNumber(w.date) * 86_400_000 + w.minutes * 60_000 + w.seconds * 1000 - start.getTime();
    if (offset % QUARTER_HOUR !== 0) return null;
    if (offsets.size >= MAX_REMEMBERED) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The wall-clock date and time of an instant in a time zone. */
export function wallTime(instant: Date, timeZone: string = LONDON): WallTime {
  const offset = offsetMs(instant, timeZone);
  if (offset === null) return wallTimeByParts(instant, timeZone);
  const local = new Date(instant.getTime() + offset);
  return {
    date: formatLocalDate(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()),
    minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
    seconds: local.getUTCSeconds(),
  };
}

export function localDateOf(instant: Date, timeZone: string = LONDON): LocalDate {
  return wallTime(instant, timeZone).date;
}

/**
 * The date in London at an instant: `londonDate(now())` is today, wherever the server's clock or zone is. The one way
 * to ask for "today" (not the UTC date of `toISOString()`, which is yesterday's date from midnight to 1 a.m. in
 * summer).
 */
export function londonDate(instant: Date): LocalDate {
  return localDateOf(instant, LONDON);
}

/** Offset of the zone from UTC at an instant, in minutes (London: 0 in winter, 60 in summer). */
export function zoneOffsetMinutes(instant: Date, timeZone: string = LONDON): number {
  const w = wallTime(instant, timeZone);
  const asUtc = toDayNumber(w.date) * 86_400_000 + w.minutes * 60_000 + w.seconds * 1000;
  const truncated = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((asUtc - truncated) / 60_000);
}

/**
 * The instant at which the clock in `timeZone` shows `date` at `minutes` after midnight. As Temporal's
 * "compatible" rule: in the autumn overlap the earlier of the two instants; in the spring gap the wall time is
 * moved forward by the length of the gap (01:30 on the spring-forward day becomes 02:30 summer time).
 */
export function instantAt(date: LocalDate, minutes: number, timeZone: string = LONDON): Date {
  const naive = toDayNumber(date) * 86_400_000 + minutes * 60_000;
  const before = zoneOffsetMinutes(new Date(naive - 43_200_000), timeZone);
  const after = zoneOffsetMinutes(new Date(naive + 43_200_000), timeZone);
  const valid = [naive - before * 60_000, naive - after * 60_000].filter((t) => {
    const w = wallTime(new Date(t), timeZone);
    return w.date === date && w.minutes === minutes;
  });
  if (valid.length) return new Date(Math.min(...valid));
  return new Date(naive - before * 60_000);
}

export function parseClock(value: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!m) throw new RangeError(`Not a 24-hour clock time (HH:MM): ${value}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Whole years between a date of birth and a date (the age on that date). */
export function ageOn(dateOfBirth: LocalDate, on: LocalDate): number {
  const b = parseLocalDate(dateOfBirth);
  const o = parseLocalDate(on);
  let age = o.year - b.year;
  if (o.month < b.month || (o.month === b.month && o.day < b.day)) age -= 1;
  return age;
}
