import { describe, expect, it } from 'vitest';
import holidaysFile from './data/bank-holidays-england-and-wales.json' with { type: 'json' };
import { easterSunday, standardBankHolidays } from './bank-holiday-rules.js';
import { CalendarCoverageError, WorkingCalendar } from './calendar.js';
import { addDays, dayOfWeek } from './time.js';

const holidays = holidaysFile.events.map((e) => e.date);
const cal = new WorkingCalendar(holidays, { coveredYears: { from: 2015, to: 2027 } });

/** A slow, obviously-correct reference: step one day at a time. */
function referenceAdd(start: string, n: number): string {
  let d = start;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    const dow = dayOfWeek(d);
    if (dow !== 0 && dow !== 6 && !holidays.includes(d)) left -= 1;
  }
  return d;
}

describe('the bank holiday data', () => {
  it('holds 107 England and Wales dates, eight a year except 2022 (10) and 2023 (9)', () => {
    expect(holidays).toHaveLength(107);
    const perYear = new Map<string, number>();
    for (const d of holidays) perYear.set(d.slice(0, 4), (perYear.get(d.slice(0, 4)) ?? 0) + 1);
    for (const [year, count] of perYear) expect([year, count]).toEqual([year, year === '2022' ? 10 : year === '2023' ? 9 : 8]);
  });

  it('never falls on a weekend', () => {
    for (const d of holidays) expect([d, dayOfWeek(d)]).not.toEqual([d, 0]);
    for (const d of holidays) expect([d, dayOfWeek(d)]).not.toEqual([d, 6]);
  });
});

describe('adding working days', () => {
  it('does not count the start day: 1 working day after a Monday is the Tuesday', () => {
    expect(cal.addWorkingDays('2024-06-03', 1)).toBe('2024-06-04');
  });

  it('returns the start date for 0 working days', () => {
    expect(cal.addWorkingDays('2024-06-08', 0)).toBe('2024-06-08');
  });

  it('skips the weekend: 1 working day after a Friday is the Monday', () => {
    expect(cal.addWorkingDays('2024-06-07', 1)).toBe('2024-06-10');
  });

  it('starts from a Saturday or Sunday as if from the Friday before', () => {
    expect(cal.addWorkingDays('2024-06-08', 1)).toBe('2024-06-10');
    expect(cal.addWorkingDays('2024-06-09', 1)).toBe('2024-06-10');
    expect(cal.addWorkingDays('2024-06-09', 5)).toBe('2024-06-14');
  });

  it('counts 45 working days after 2022-05-03 as 2022-07-07 (moved Spring bank holiday and the Platinum Jubilee)', () => {
    expect(cal.addWorkingDays('2022-05-03', 45)).toBe('2022-07-07');
  });

  it('knows 2022 moved the Spring bank holiday to Thursday 2 June and added Friday 3 June', () => {
    expect(cal.isWorkingDay('2022-05-30')).toBe(true); // the usual last Monday of May was a working day
    expect(cal.isWorkingDay('2022-06-02')).toBe(false);
    expect(cal.isWorkingDay('2022-06-03')).toBe(false);
    expect(cal.addWorkingDays('2022-06-01', 1)).toBe('2022-06-06');
  });

  it('skips Easter: 1 working day after Maundy Thursday is the Tuesday after Easter Monday', () => {
    expect(cal.addWorkingDays('2024-03-28', 1)).toBe('2024-04-02');
    expect(cal.addWorkingDays('2025-04-17', 1)).toBe('2025-04-22');
  });

  it('crosses the year end over Christmas, Boxing Day and New Year', () => {
    expect(cal.addWorkingDays('2024-12-24', 1)).toBe('2024-12-27');
    expect(cal.addWorkingDays('2024-12-31', 1)).toBe('2025-01-02');
    expect(cal.addWorkingDays('2024-12-20', 5)).toBe('2024-12-31');
    expect(cal.addWorkingDays('2024-12-20', 6)).toBe('2025-01-02');
  });

  it('honours substitute days when Christmas falls at a weekend (2021, 2022)', () => {
    expect(cal.addWorkingDays('2021-12-24', 1)).toBe('2021-12-29');
    expect(cal.addWorkingDays('2022-12-23', 1)).toBe('2022-12-28');
    expect(cal.addWorkingDays('2022-12-30', 1)).toBe('2023-01-03');
  });

  it('agrees with a day-by-day reference for every start date 2016–2026 and N in 0…60', () => {
    for (let d = '2016-01-01'; d < '2026-10-01'; d = addDays(d, 3)) {
      for (const n of [0, 1, 2, 3, 5, 10, 15, 20, 45, 60]) {
        expect(cal.addWorkingDays(d, n)).toBe(referenceAdd(d, n));
      }
    }
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => cal.addWorkingDays('2024-01-01', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2024-01-01', 1.5)).toThrow(RangeError);
  });

  it('refuses to land in a year whose bank holidays are not known', () => {
    expect(() => cal.addWorkingDays('2027-12-20', 20)).toThrow(CalendarCoverageError);
  });
});

describe('counting working days between two dates', () => {
  it('is the inverse of adding working days', () => {
    for (let d = '2021-11-01'; d < '2023-02-01'; d = addDays(d, 1)) {
      for (const n of [1, 5, 45]) {
        const end = cal.addWorkingDays(d, n);
        expect(cal.workingDaysBetween(d, end)).toBe(n);
      }
    }
  });

  it('does not count the start day and counts the end day if it is a working day', () => {
    expect(cal.workingDaysBetween('2024-06-03', '2024-06-03')).toBe(0);
    expect(cal.workingDaysBetween('2024-06-03', '2024-06-04')).toBe(1);
    expect(cal.workingDaysBetween('2024-06-07', '2024-06-09')).toBe(0);
    expect(cal.workingDaysBetween('2024-06-07', '2024-06-10')).toBe(1);
  });

  it('is negative when the end is before the start', () => {
    expect(cal.workingDaysBetween('2024-06-10', '2024-06-07')).toBe(-1);
  });

  it('counts 45 between 2022-05-03 and 2022-07-07', () => {
    expect(cal.workingDaysBetween('2022-05-03', '2022-07-07')).toBe(45);
  });
});

describe('deadlines for instants in Europe/London', () => {
  it('puts a 1 working day deadline at 17:00 London time on the next working day', () => {
    // Monday 3 June 2024, 10:15 BST (09:15 UTC) → Tuesday 4 June 17:00 BST = 16:00 UTC
    expect(cal.workingDaysDeadline(new Date('2024-06-03T09:15:00Z'), 1).toISOString()).toBe('2024-06-04T16:00:00.000Z');
  });

  it('uses GMT in winter', () => {
    expect(cal.workingDaysDeadline(new Date('2024-01-15T09:15:00Z'), 1).toISOString()).toBe('2024-01-16T17:00:00.000Z');
  });

  it('treats a late-evening receipt by its London date, not its UTC date', () => {
    // 23:30 BST on Friday 7 June is 22:30 UTC the same day; 00:30 BST on Saturday is 23:30 UTC on Friday.
    expect(cal.workingDaysDeadline(new Date('2024-06-07T22:30:00Z'), 1).toISOString()).toBe('2024-06-10T16:00:00.000Z');
    expect(cal.workingDaysDeadline(new Date('2024-06-07T23:30:00Z'), 1).toISOString()).toBe('2024-06-10T16:00:00.000Z');
  });

  it('gives a Friday-night contact a Monday deadline, and a Tuesday one over a bank holiday Monday', () => {
    expect(cal.workingDaysDeadline(new Date('2024-05-24T20:00:00Z'), 1).toISOString()).toBe('2024-05-28T16:00:00.000Z');
  });

  it('crosses the change to and from summer time', () => {
    // Friday 29 March 2024 is Good Friday; clocks went forward on Sunday 31 March.
    expect(cal.workingDaysDeadline(new Date('2024-03-28T12:00:00Z'), 1).toISOString()).toBe('2024-04-02T16:00:00.000Z');
    // Clocks went back on Sunday 27 October 2024.
    expect(cal.workingDaysDeadline(new Date('2024-10-25T12:00:00Z'), 1).toISOString()).toBe('2024-10-28T17:00:00.000Z');
  });

  it('makes a same-day (0 working days) deadline the close of the day, or of the next working day after hours', () => {
    expect(cal.workingDaysDeadline(new Date('2024-06-03T09:00:00Z'), 0).toISOString()).toBe('2024-06-03T16:00:00.000Z');
    expect(cal.workingDaysDeadline(new Date('2024-06-03T17:00:00Z'), 0).toISOString()).toBe('2024-06-04T16:00:00.000Z');
  });

  it('counts working days elapsed between two instants by their London dates', () => {
    expect(cal.workingDaysElapsed(new Date('2024-06-07T22:30:00Z'), new Date('2024-06-10T08:00:00Z'))).toBe(1);
  });
});

describe('working hours', () => {
  it('adds 4 working hours within a day', () => {
    // 10:00 BST → 14:00 BST
    expect(cal.addWorkingHours(new Date('2024-06-03T09:00:00Z'), 4).toISOString()).toBe('2024-06-03T13:00:00.000Z');
  });

  it('carries the remainder to the next working day', () => {
    // 15:00 BST Friday + 4h → 2h Friday, 2h Monday → 11:00 BST Monday
    expect(cal.addWorkingHours(new Date('2024-06-07T14:00:00Z'), 4).toISOString()).toBe('2024-06-10T10:00:00.000Z');
  });

  it('starts the clock at opening time for a request before hours, after hours or at the weekend', () => {
    expect(cal.addWorkingHours(new Date('2024-06-03T05:00:00Z'), 4).toISOString()).toBe('2024-06-03T12:00:00.000Z');
    expect(cal.addWorkingHours(new Date('2024-06-03T18:00:00Z'), 4).toISOString()).toBe('2024-06-04T12:00:00.000Z');
    expect(cal.addWorkingHours(new Date('2024-06-08T11:00:00Z'), 4).toISOString()).toBe('2024-06-10T12:00:00.000Z');
  });

  it('skips a bank holiday', () => {
    // Friday 23 August 2024 16:00 BST + 4h → 1h Friday, Monday 26 is a bank holiday, 3h Tuesday → 12:00 BST
    expect(cal.addWorkingHours(new Date('2024-08-23T15:00:00Z'), 4).toISOString()).toBe('2024-08-27T11:00:00.000Z');
  });

  it('measures working minutes between two instants', () => {
    expect(cal.workingMinutesBetween(new Date('2024-06-07T14:00:00Z'), new Date('2024-06-10T10:00:00Z'))).toBe(240);
    expect(cal.workingMinutesBetween(new Date('2024-06-03T09:00:00Z'), new Date('2024-06-03T13:00:00Z'))).toBe(240);
    expect(cal.workingMinutesBetween(new Date('2024-06-03T13:00:00Z'), new Date('2024-06-03T09:00:00Z'))).toBe(0);
    expect(cal.workingMinutesBetween(new Date('2024-06-08T09:00:00Z'), new Date('2024-06-09T13:00:00Z'))).toBe(0);
  });

  it('is consistent: the working minutes to a deadline made by adding hours equal those hours', () => {
    for (let h = 0; h < 24 * 14; h += 5) {
      const start = new Date(Date.UTC(2024, 4, 20, 0, 0) + h * 3_600_000);
      for (const hours of [1, 4, 8, 24]) {
        const end = cal.addWorkingHours(start, hours);
        const effectiveStart = cal.workingMinutesBetween(start, end);
        expect(effectiveStart).toBe(hours * 60);
      }
    }
  });

  it('refuses working hours that end before they start', () => {
    expect(() => new WorkingCalendar([], { workingHours: { start: '17:00', end: '09:00' } })).toThrow(RangeError);
  });
});

describe('standard bank holiday rules for future years', () => {
  it('computes Easter Sunday', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2038)).toBe('2038-04-25');
    expect(easterSunday(2285)).toBe('2285-03-22');
  });

  it('reproduces every published year without a one-off proclamation', () => {
    for (let year = 2015; year <= 2027; year += 1) {
      if ([2020, 2022, 2023].includes(year)) continue;
      const published = holidays.filter((d) => d.startsWith(String(year)));
      expect(standardBankHolidays(year).map((h) => h.date)).toEqual(published);
    }
  });

  it('handles Christmas on a Friday, Saturday and Sunday with substitute days', () => {
    expect(standardBankHolidays(2026).map((h) => h.date).slice(-2)).toEqual(['2026-12-25', '2026-12-28']);
    expect(standardBankHolidays(2027).map((h) => h.date).slice(-2)).toEqual(['2027-12-27', '2027-12-28']);
    expect(standardBankHolidays(2022).map((h) => h.date).slice(-2)).toEqual(['2022-12-26', '2022-12-27']);
  });

  it('moves New Year’s Day off a weekend', () => {
    expect(standardBankHolidays(2028)[0]?.date).toBe('2028-01-03');
    expect(standardBankHolidays(2033)[0]?.date).toBe('2033-01-03');
  });
});

describe('counting back over working days', () => {
  // Good Friday and Easter Monday 2026
  const cal = new WorkingCalendar(['2026-04-03', '2026-04-06']);
  it('finds the working day on or before a date', () => {
    expect(cal.workingDayOnOrBefore('2026-04-08')).toBe('2026-04-08');
    expect(cal.workingDayOnOrBefore('2026-04-06')).toBe('2026-04-02');
    expect(cal.workingDayOnOrBefore('2026-04-12')).toBe('2026-04-10');
  });
  it('subtracts working days over a bank holiday weekend, and is the inverse of adding them', () => {
    expect(cal.subtractWorkingDays('2026-04-08', 2)).toBe('2026-04-02');
    expect(cal.subtractWorkingDays('2026-04-08', 0)).toBe('2026-04-08');
    expect(() => cal.subtractWorkingDays('2026-04-08', -1)).toThrow(RangeError);
    for (let n = 0; n < 12; n += 1) expect(cal.subtractWorkingDays(cal.addWorkingDays('2026-03-30', n), n)).toBe('2026-03-30');
  });
});
