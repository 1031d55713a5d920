/**
 * The one way dates and times are written for people, in Europe/London whatever the server's zone (GOV.UK style):
 * "5 December 2026", "5 Dec 2026", "9am", "12:30pm", "midday", "midnight", "5 December 2026 at 9:05am", and relative
 * wording for lists a practitioner scans ("today at 2:30pm", "yesterday at 9am", "tomorrow at 10am").
 *
 * Every formatter takes what the code has: a Date (typed drizzle columns, PGlite), PostgreSQL's text form of a
 * timestamp ("2026-12-05 09:30:00+00", with or without fractional seconds), an ISO instant, or a date-only
 * `YYYY-MM-DD` (a LocalDate: a calendar day, never moved across UTC or a clock change). Anything else, and empty
 * input, gives '' (never "Invalid Date"). Written from the London wall clock (`wallTime`), not from Intl's 12-hour
 * format, which writes noon as "0:00 pm" on some ICU versions. Machines get ISO strings, not these.
 */
import { type LocalDate, LONDON, formatLocalDate, instantAt, isRealDate, londonDate, toDayNumber, wallTime } from './time.js';

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
/** GOV.UK's shortened months (the Design System's "Dates" pattern): "Sept", not "Sep". */
export const SHORT_MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'] as const;

/** A value read as a calendar day (no time) or as an instant. */
export type When = { kind: 'date'; date: LocalDate } | { kind: 'instant'; instant: Date };

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** ISO 8601 and PostgreSQL's text form: a T or a space, optional seconds and fraction, Z or ±HH[[:]MM] or no zone. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * What a value means: a calendar day (a `YYYY-MM-DD` string) or an instant (a valid Date, a timestamp string, epoch
 * milliseconds). A timestamp written without a zone is read as London wall-clock time. Null for anything else.
 */
export function readWhen(value: unknown): When | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : { kind: 'instant', instant: value };
  if (typeof value === 'number') return Number.isFinite(value) ? readWhen(new Date(value)) : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const day = DATE_ONLY.exec(text);
  if (day) return isRealDate(Number(day[1]), Number(day[2]), Number(day[3])) ? { kind: 'date', date: text } : null;
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const [year, month, date, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (!isRealDate(year, month, date) || hour > 23 || minute > 59 || second > 59) return null;
  const millis = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
  const zone = m[8];
  const local = formatLocalDate(year, month, date);
  if (!zone) {
    const at = instantAt(local, hour * 60 + minute, LONDON);
    return { kind: 'instant', instant: new Date(at.getTime() + second * 1000 + millis) };
  }
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const utc = toDayNumber(local) * 86_400_000 + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis;
  return { kind: 'instant', instant: new Date(utc) };
}

/** The instant a value names (a date-only value has none): null for a calendar day or anything unreadable. */
export function toInstant(value: unknown): Date | null {
  const w = readWhen(value);
  return w?.kind === 'instant' ? w.instant : null;
}

/** The London calendar day of a value, as `YYYY-MM-DD` ('' if unreadable). A date-only value is itself. */
export function dateOnly(value: unknown): LocalDate | '' {
  const w = readWhen(value);
  if (!w) return '';
  return w.kind === 'date' ? w.date : londonDate(w.instant);
}

function dayWords(date: LocalDate, names: readonly string[]): string {
  return `${Number(date.slice(8, 10))} ${names[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(0, 4))}`;
}

/** "9am", "12:30pm", "midday", "midnight" from minutes after midnight. */
export function clockWords(minutes: number): string {
  const hour = Math.floor(minutes / 60) % 24;
  const minute = minutes % 60;
  if (minute === 0 && hour === 12) return 'midday';
  if (minute === 0 && hour === 0) return 'midnight';
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${h12}${minute ? `:${String(minute).padStart(2, '0')}` : ''}${hour < 12 ? 'am' : 'pm'}`;
}

/** "5 December 2026". */
export function formatDate(value: unknown): string {
  const d = dateOnly(value);
  return d ? dayWords(d, MONTH_NAMES) : '';
}

/** "5 Dec 2026" (and "5 Sept 2026"). */
export function formatShortDate(value: unknown): string {
  const d = dateOnly(value);
  return d ? dayWords(d, SHORT_MONTH_NAMES) : '';
}

/** "9am", "5:07pm", "midday", "midnight" in London ('' for a date-only value: it has no time). */
export function formatTime(value: unknown): string {
  const instant = toInstant(value);
  return instant ? clockWords(wallTime(instant, LONDON).minutes) : '';
}

/** "5 December 2026 at 9:05am"; a date-only value gives its date alone. */
export function formatDateTime(value: unknown): string {
  const w = readWhen(value);
  if (!w) return '';
  if (w.kind === 'date') return formatDate(w.date);
  const t = wallTime(w.instant, LONDON);
  return `${dayWords(t.date, MONTH_NAMES)} at ${clockWords(t.minutes)}`;
}

/** "5 Dec 2026, 9:05am"; a date-only value gives its short date alone. */
export function formatShortDateTime(value: unknown): string {
  const w = readWhen(value);
  if (!w) return '';
  if (w.kind === 'date') return formatShortDate(w.date);
  const t = wallTime(w.instant, LONDON);
  return `${dayWords(t.date, SHORT_MONTH_NAMES)}, ${clockWords(t.minutes)}`;
}

/** "December 2026" for a month (`YYYY-MM`) or any value in it; "Dec 26" with `{ short: true }` (a chart's axis). */
export function formatMonth(value: unknown, options: { short?: boolean } = {}): string {
  const d = typeof value === 'string' && /^\d{4}-\d{2}$/.test(value.trim()) ? dateOnly(`${value.trim()}-01`) : dateOnly(value);
  if (!d) return '';
  const month = Number(d.slice(5, 7)) - 1;
  return options.short ? `${SHORT_MONTH_NAMES[month]} ${d.slice(2, 4)}` : `${MONTH_NAMES[month]} ${Number(d.slice(0, 4))}`;
}

/** The parts a GOV.UK date (and time) input shows for an instant, in London: day "5", month "12", hour "09". */
export function dateInputParts(value: unknown): { day: string; month: string; year: string; hour: string; minute: string } | null {
  const instant = toInstant(value);
  if (!instant) return null;
  const t = wallTime(instant, LONDON);
  return {
    day: String(Number(t.date.slice(8, 10))),
    month: String(Number(t.date.slice(5, 7))),
    year: t.date.slice(0, 4),
    hour: String(Math.floor(t.minutes / 60)).padStart(2, '0'),
    minute: String(t.minutes % 60).padStart(2, '0'),
  };
}

const NEAR_DAYS: Record<number, string> = { [-1]: 'yesterday', 0: 'today', 1: 'tomorrow' };

function nearDay(date: LocalDate, now: unknown): string | undefined {
  const today = dateOnly(now instanceof Date || typeof now === 'string' || typeof now === 'number' ? now : new Date()) || londonDate(new Date());
  return NEAR_DAYS[toDayNumber(date) - toDayNumber(today)];
}

function capitalised(text: string, capital: boolean | undefined): string {
  return capital && text ? text[0]!.toUpperCase() + text.slice(1) : text;
}

export interface RelativeOptions {
  /** Start with a capital letter (a table cell or a sentence's start): "Today at 2:30pm". */
  capital?: boolean;
  /** A table cell's short form: "Today, 2:30pm", "5 Dec 2026, 9:05am". */
  short?: boolean;
}

/**
 * "today", "yesterday" or "tomorrow" by the London calendar day (not UTC: 23:30 UTC on 1 June is 2 June in London),
 * else the date ("5 December 2026"). `now` is the app's clock; any other value means the current time.
 */
export function relativeDate(value: unknown, now: unknown, options: RelativeOptions = {}): string {
  const d = dateOnly(value);
  if (!d) return '';
  return capitalised(nearDay(d, now) ?? (options.short ? formatShortDate(d) : formatDate(d)), options.capital);
}

/**
 * "today at 2:30pm", "yesterday at 9am", "tomorrow at 10am", else "5 December 2026 at 9:05am"; a date-only value
 * is worded as `relativeDate`.
 */
export function relativeDateTime(value: unknown, now: unknown, options: RelativeOptions = {}): string {
  const w = readWhen(value);
  if (!w) return '';
  if (w.kind === 'date') return relativeDate(w.date, now, options);
  const t = wallTime(w.instant, LONDON);
  const near = nearDay(t.date, now);
  if (options.short) return capitalised(near ? `${near}, ${clockWords(t.minutes)}` : formatShortDateTime(w.instant), options.capital);
  return capitalised(near ? `${near} at ${clockWords(t.minutes)}` : formatDateTime(w.instant), options.capital);
}
