/**
 * The working-day calendar: Monday to Friday, excluding bank holidays, in Europe/London.
 *
 * Conventions (as statutory timescales are counted):
 * - the start day is not counted: 1 working day after a Monday is the Tuesday;
 * - a deadline of N working days falls at the close of working hours on the Nth working day after the day of
 *   receipt, wherever in that day (or weekend) receipt happened;
 * - working hours (default 09:00–17:00) are used for same-day deadlines such as "4 working hours".
 */
import {
  type LocalDate,
  LONDON,
  addDays,
  dayOfWeek,
  instantAt,
  isLocalDate,
  parseClock,
  toDayNumber,
  wallTime,
} from './time.js';

export interface CalendarOptions {
  timeZone?: string;
  /** Opening and closing of the working day, 24-hour "HH:MM". */
  workingHours?: { start: string; end: string };
  /** Years for which the holiday list is known to be complete. */
  coveredYears?: { from: number; to: number };
}

export class CalendarCoverageError extends Error {}

export class WorkingCalendar {
  readonly timeZone: string;
  readonly dayStart: number;
  readonly dayEnd: number;
  readonly coveredYears: { from: number; to: number } | undefined;
  private readonly holidays: ReadonlySet<LocalDate>;

  constructor(holidays: Iterable<LocalDate>, options: CalendarOptions = {}) {
    const set = new Set<LocalDate>();
    for (const h of holidays) {
      if (!isLocalDate(h)) throw new RangeError(`Not a bank holiday date: ${h}`);
      set.add(h);
    }
    this.holidays = set;
    this.timeZone = options.timeZone ?? LONDON;
    this.dayStart = parseClock(options.workingHours?.start ?? '09:00');
    this.dayEnd = parseClock(options.workingHours?.end ?? '17:00');
    if (this.dayEnd <= this.dayStart) throw new RangeError('Working hours must end after they start');
    this.coveredYears = options.coveredYears;
  }

  isHoliday(date: LocalDate): boolean {
    return this.holidays.has(date);
  }

  isWorkingDay(date: LocalDate): boolean {
    const dow = dayOfWeek(date);
    return dow !== 0 && dow !== 6 && !this.holidays.has(date);
  }

  /** True when the holiday list is known for the year of `date` (or no coverage was declared). */
  covers(date: LocalDate): boolean {
    if (!this.coveredYears) return true;
    const year = Number(date.slice(0, 4));
    return year >= this.coveredYears.from && year <= this.coveredYears.to;
  }

  private assertCovered(date: LocalDate): void {
    if (!this.covers(date)) {
      throw new CalendarCoverageError(
        `The bank holidays for ${date.slice(0, 4)} are not in the calendar; an administrator must add them`,
      );
    }
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate {
    return this.addWorkingDays(date, 1);
  }

  /** The first working day on or after `date`. */
  workingDayOnOrAfter(date: LocalDate): LocalDate {
    return this.isWorkingDay(date) ? date : this.nextWorkingDay(date);
  }

  /** The first working day on or before `date` (a review due at a weekend is held the Friday before). */
  workingDayOnOrBefore(date: LocalDate): LocalDate {
    let day = date;
    while (!this.isWorkingDay(day)) day = addDays(day, -1);
    return day;
  }

  /** The date `n` working days before `date` (the start day is not counted). `n` = 0 returns `date`. */
  subtractWorkingDays(date: LocalDate, n: number): LocalDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be a whole number ≥ 0 (got ${n})`);
    let current = date;
    let remaining = n;
    while (remaining > 0) {
      current = addDays(current, -1);
      if (this.isWorkingDay(current)) {
        this.assertCovered(current);
        remaining -= 1;
      }
    }
    return current;
  }

  /** The date `n` working days after `date` (the start day is not counted). `n` = 0 returns `date`. */
  addWorkingDays(date: LocalDate, n: number): LocalDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be a whole number ≥ 0 (got ${n})`);
    let current = date;
    let remaining = n;
    while (remaining > 0) {
      current = addDays(current, 1);
      if (this.isWorkingDay(current)) {
        this.assertCovered(current);
        remaining -= 1;
      }
    }
    return current;
  }

  /**
   * Working days after `from` up to and including `to` (the start day is not counted): the working days it took
   * to get from one to the other. Negative when `to` is before `from`.
   */
  workingDaysBetween(from: LocalDate, to: LocalDate): number {
    const a = toDayNumber(from);
    const b = toDayNumber(to);
    if (b < a) return -this.workingDaysBetween(to, from);
    let count = 0;
    let current = from;
    for (let i = a + 1; i <= b; i += 1) {
      current = addDays(current, 1);
      if (this.isWorkingDay(current)) count += 1;
    }
    return count;
  }

  /** The local date of an instant in the calendar's time zone. */
  dateOf(instant: Date): LocalDate {
    return wallTime(instant, this.timeZone).date;
  }

  /** Close of working hours on a date, as an instant. */
  closeOfDay(date: LocalDate): Date {
    return instantAt(date, this.dayEnd, this.timeZone);
  }

  /** Opening of working hours on a date, as an instant. */
  openingOfDay(date: LocalDate): Date {
    return instantAt(date, this.dayStart, this.timeZone);
  }

  /** Deadline for "within N working days of `instant`": close of the Nth working day after its date. */
  workingDaysDeadline(instant: Date, n: number): Date {
    if (n === 0) {
      // "The same working day": close of the day if received on a working day before close, else the next one.
      const w = wallTime(instant, this.timeZone);
      if (this.isWorkingDay(w.date) && w.minutes < this.dayEnd) return this.closeOfDay(w.date);
      return this.closeOfDay(this.nextWorkingDay(w.date));
    }
    return this.closeOfDay(this.addWorkingDays(this.dateOf(instant), n));
  }

  /** Working days from the date of one instant to the date of another (start day not counted). */
  workingDaysElapsed(from: Date, to: Date): number {
    return this.workingDaysBetween(this.dateOf(from), this.dateOf(to));
  }

  /**
   * `hours` working hours after `instant`. Time outside working hours does not count: a request at 16:00 with a
   * 4 working-hour deadline is due at 12:00 the next working day; one made at the weekend counts from the
   * opening of the next working day.
   */
  addWorkingHours(instant: Date, hours: number): Date {
    if (!(hours >= 0) || !Number.isFinite(hours)) throw new RangeError(`Working hours must be ≥ 0 (got ${hours})`);
    let remaining = Math.round(hours * 60);
    const w = wallTime(instant, this.timeZone);
    let date = w.date;
    let minute = w.minutes + w.seconds / 60;
    if (!this.isWorkingDay(date) || minute >= this.dayEnd) {
      date = this.nextWorkingDay(date);
      minute = this.dayStart;
    } else if (minute < this.dayStart) {
      minute = this.dayStart;
    }
    this.assertCovered(date);
    for (;;) {
      const available = this.dayEnd - minute;
      if (remaining <= available) {
        const whole = Math.floor(minute + remaining);
        const at = instantAt(date, whole, this.timeZone);
        return new Date(at.getTime() + Math.round((minute + remaining - whole) * 60_000));
      }
      remaining -= available;
      date = this.nextWorkingDay(date);
      minute = this.dayStart;
    }
  }

  /** Working minutes between two instants (0 if `to` is not after `from`). */
  workingMinutesBetween(from: Date, to: Date): number {
    if (to <= from) return 0;
    const a = wallTime(from, this.timeZone);
    const b = wallTime(to, this.timeZone);
    const clamp = (m: number) => Math.min(Math.max(m, this.dayStart), this.dayEnd);
    if (a.date === b.date) {
      return this.isWorkingDay(a.date) ? clamp(b.minutes) - clamp(a.minutes) : 0;
    }
    let total = this.isWorkingDay(a.date) ? this.dayEnd - clamp(a.minutes) : 0;
    total += this.workingDaysBetween(a.date, addDays(b.date, -1)) * (this.dayEnd - this.dayStart);
    if (this.isWorkingDay(b.date)) total += clamp(b.minutes) - this.dayStart;
    return total;
  }
}
