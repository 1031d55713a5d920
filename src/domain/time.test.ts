import { describe, expect, it } from 'vitest';
import { addDays, addMonths, ageOn, instantAt, isLocalDate, londonDate, wallTime, zoneOffsetMinutes } from './time.js';

describe('London time', () => {
  it('knows the offset in winter and summer', () => {
    expect(zoneOffsetMinutes(new Date('2024-01-15T12:00:00Z'))).toBe(0);
    expect(zoneOffsetMinutes(new Date('2024-07-15T12:00:00Z'))).toBe(60);
  });

  it('turns a London wall time into an instant, across the clock changes', () => {
    expect(instantAt('2024-07-15', 9 * 60).toISOString()).toBe('2024-07-15T08:00:00.000Z');
    expect(instantAt('2024-01-15', 9 * 60).toISOString()).toBe('2024-01-15T09:00:00.000Z');
    // 01:30 on 31 March 2024 does not exist in London: the first valid instant after the gap.
    expect(instantAt('2024-03-31', 90).toISOString()).toBe('2024-03-31T01:30:00.000Z');
    // 01:30 on 27 October 2024 happens twice: the earlier one (BST).
    expect(instantAt('2024-10-27', 90).toISOString()).toBe('2024-10-27T00:30:00.000Z');
  });

  it('reads an instant as a London date and time', () => {
    expect(wallTime(new Date('2024-06-07T23:30:00Z'))).toEqual({ date: '2024-06-08', minutes: 30, seconds: 0 });
  });

  it('validates dates, including leap years', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2023-02-29')).toBe(false);
    expect(isLocalDate('2100-02-29')).toBe(false);
    expect(isLocalDate('2000-02-29')).toBe(true);
    expect(isLocalDate('2024-13-01')).toBe(false);
    expect(isLocalDate('24-01-01')).toBe(false);
  });

  it('works out ages on birthdays and the day before', () => {
    expect(ageOn('2010-06-15', '2026-06-14')).toBe(15);
    expect(ageOn('2010-06-15', '2026-06-15')).toBe(16);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });
});

describe('wall-clock time, fast and exact', () => {
  /** The same answer read straight from the time-zone database. */
  const formatters = new Map<string, Intl.DateTimeFormat>();
  function fromTheDatabase(instant: Date, timeZone: string) {
    const f = formatters.get(timeZone) ?? new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
    const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
    return { date: `${p.year}-${p.month}-${p.day}`, minutes: (Number(p.hour) % 24) * 60 + Number(p.minute), seconds: Number(p.second) };
  }

  it.each(['Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'UTC'])(
    'agrees with the time-zone database to the second around every clock change from 2019 to 2031 (%s)',
    (zone) => {
      const mismatches: string[] = [];
      // Every 7 minutes 13 seconds over two days either side of each March and October, and across each whole year sparsely.
      for (let year = 2019; year <= 2031; year += 1) {
        for (const month of [2, 3, 8, 9, 10]) {
          const start = Date.UTC(year, month, 24);
          for (let t = start; t < start + 10 * 86_400_000; t += 433_000) {
            const at = new Date(t);
            const a = wallTime(at, zone);
            const b = fromTheDatabase(at, zone);
            if (a.date !== b.date || a.minutes !== b.minutes || a.seconds !== b.seconds) mismatches.push(`${at.toISOString()} ${JSON.stringify(a)} ${JSON.stringify(b)}`);
          }
        }
      }
      expect(mismatches.slice(0, 5)).toEqual([]);
    },
  );

  it('reads instants before 1970 from the database (local mean time had offsets in seconds)', () => {
    expect(wallTime(new Date('1840-06-01T12:00:00Z'), 'Europe/London')).toEqual(fromTheDatabase(new Date('1840-06-01T12:00:00Z'), 'Europe/London'));
    expect(wallTime(new Date('1960-06-01T12:00:00Z'))).toEqual({ date: '1960-06-01', minutes: 13 * 60, seconds: 0 });
  });
});

describe('londonDate: today in London', () => {
  it('is the London date, not the UTC one, either side of midnight in summer and winter', () => {
    // British Summer Time: 00:30 in London is 23:30 UTC the day before
    expect(londonDate(new Date('2024-07-14T23:30:00Z'))).toBe('2024-07-15');
    expect(londonDate(new Date('2024-07-14T22:59:59Z'))).toBe('2024-07-14');
    expect(londonDate(new Date('2024-07-14T23:00:00Z'))).toBe('2024-07-15');
    // Greenwich Mean Time: London and UTC agree
    expect(londonDate(new Date('2024-01-15T23:59:59Z'))).toBe('2024-01-15');
    expect(londonDate(new Date('2024-01-16T00:00:00Z'))).toBe('2024-01-16');
  });

  it('turns over at London midnight on the days the clocks change', () => {
    // 31 March 2024: clocks go forward at 01:00 UTC; 30 March ends at 00:00 UTC (still GMT)
    expect(londonDate(new Date('2024-03-30T23:59:59Z'))).toBe('2024-03-30');
    expect(londonDate(new Date('2024-03-31T00:00:00Z'))).toBe('2024-03-31');
    // 27 October 2024: clocks go back at 01:00 UTC; 27 October began at 23:00 UTC on the 26th (BST)
    expect(londonDate(new Date('2024-10-26T22:59:59Z'))).toBe('2024-10-26');
    expect(londonDate(new Date('2024-10-26T23:00:00Z'))).toBe('2024-10-27');
    expect(londonDate(new Date('2024-10-27T23:59:59Z'))).toBe('2024-10-27');
  });

  it('agrees with the time-zone database at every hour of a year', () => {
    const byIntl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2026, 0, 1); t += 3_600_000 + 60_000) {
      const instant = new Date(t);
      expect(londonDate(instant)).toBe(byIntl.format(instant));
    }
  });

  it('does not depend on the time zone the process runs in', () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Auckland';
      expect(londonDate(new Date('2024-07-14T23:30:00Z'))).toBe('2024-07-15');
      process.env.TZ = 'America/Los_Angeles';
      expect(londonDate(new Date('2024-07-14T22:30:00Z'))).toBe('2024-07-14');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

describe('addMonths: the same date N months on, clamped to the month end', () => {
  const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const daysIn = (y: number, m: number) => (m === 2 && leap(y) ? 29 : DAYS[m - 1]!);
  const fmt = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

  /** Reference: walk one month at a time, then clamp the day with a days-in-month table. */
  function reference(date: string, months: number): string {
    let [y, m] = date.split('-').map(Number) as [number, number];
    const d = Number(date.slice(8));
    for (let i = 0; i < Math.abs(months); i += 1) {
      m += Math.sign(months);
      if (m === 13) [y, m] = [y + 1, 1];
      if (m === 0) [y, m] = [y - 1, 12];
    }
    return fmt(y, m, Math.min(d, daysIn(y, m)));
  }

  it('keeps the day of the month when the target month has it', () => {
    expect(addMonths('2026-01-15', 1)).toBe('2026-02-15');
    expect(addMonths('2026-01-15', 3)).toBe('2026-04-15');
    expect(addMonths('2026-08-28', 6)).toBe('2027-02-28');
  });

  it('returns the date itself for 0 months', () => {
    expect(addMonths('2024-02-29', 0)).toBe('2024-02-29');
    expect(addMonths('2026-12-31', 0)).toBe('2026-12-31');
  });

  it('takes every month end of a common and a leap year one month on', () => {
    expect(['01-31', '02-28', '03-31', '04-30', '05-31', '06-30', '07-31', '08-31', '09-30', '10-31', '11-30', '12-31'].map((md) => addMonths(`2025-${md}`, 1))).toEqual([
      '2025-02-28',
      '2025-03-28',
      '2025-04-30',
      '2025-05-30',
      '2025-06-30',
      '2025-07-30',
      '2025-08-31',
      '2025-09-30',
      '2025-10-30',
      '2025-11-30',
      '2025-12-30',
      '2026-01-31',
    ]);
    expect(['01-31', '02-29', '03-31', '04-30', '05-31', '06-30', '07-31', '08-31', '09-30', '10-31', '11-30', '12-31'].map((md) => addMonths(`2024-${md}`, 1))).toEqual([
      '2024-02-29',
      '2024-03-29',
      '2024-04-30',
      '2024-05-30',
      '2024-06-30',
      '2024-07-30',
      '2024-08-31',
      '2024-09-30',
      '2024-10-30',
      '2024-11-30',
      '2024-12-30',
      '2025-01-31',
    ]);
  });

  it('clamps the conference schedule’s month ends: 30 November + 3, 31 August + 6, 31 May + 3', () => {
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-05-31', 3)).toBe('2026-08-31');
    expect(addMonths('2026-03-31', 6)).toBe('2026-09-30');
    expect(addMonths('2026-12-31', 2)).toBe('2027-02-28');
  });

  it('does not carry a clamp forward: each call counts from the date it is given', () => {
    expect(addMonths(addMonths('2026-01-31', 1), 1)).toBe('2026-03-28');
    expect(addMonths('2026-01-31', 2)).toBe('2026-03-31');
  });

  it('wraps the year both ways', () => {
    expect(addMonths('2025-12-15', 1)).toBe('2026-01-15');
    expect(addMonths('2025-11-30', 2)).toBe('2026-01-30');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-01-31', -2)).toBe('2025-11-30');
    expect(addMonths('2026-06-15', 12)).toBe('2027-06-15');
    expect(addMonths('2026-06-15', 30)).toBe('2028-12-15');
    expect(addMonths('2026-06-15', -30)).toBe('2023-12-15');
  });

  it('goes back with negative months, clamping the same way', () => {
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2023-03-31', -1)).toBe('2023-02-28');
    expect(addMonths('2026-07-31', -1)).toBe('2026-06-30');
    expect(addMonths('2024-02-29', -12)).toBe('2023-02-28');
    expect(addMonths('2026-05-31', -3)).toBe('2026-02-28');
    expect(addMonths('2026-06-15', -12)).toBe('2025-06-15');
  });

  it('follows the Gregorian leap years: 2000 and 2400 leap, 1900 and 2100 not', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
    expect(addMonths('1999-12-31', 2)).toBe('2000-02-29');
    expect(addMonths('2099-12-31', 2)).toBe('2100-02-28');
    expect(addMonths('1899-12-31', 2)).toBe('1900-02-28');
    expect(addMonths('2399-12-31', 2)).toBe('2400-02-29');
  });

  it.each([0.5, 1.5, -2.25, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('refuses %s months', (months) => {
    expect(() => addMonths('2026-01-15', months)).toThrow(RangeError);
  });

  it('refuses a date that is not real', () => {
    expect(() => addMonths('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addMonths('26-01-15', 1)).toThrow(RangeError);
  });

  it('always gives a real date, and agrees with the reference for every day of 2023–2025 and −25 to +25 months', () => {
    for (let date = '2023-01-01'; date <= '2025-12-31'; date = addDays(date, 1)) {
      for (let months = -25; months <= 25; months += 1) {
        const got = addMonths(date, months);
        if (got !== reference(date, months) || !isLocalDate(got)) expect([date, months, got]).toEqual([date, months, reference(date, months)]);
      }
    }
  });

  it('goes there and back to the same date whenever the day exists in both months', () => {
    for (let date = '2024-01-01'; date <= '2025-12-31'; date = addDays(date, 1)) {
      for (const months of [1, 3, 6, 12, -1, -3, -6, -12]) {
        const there = addMonths(date, months);
        if (there.slice(8) === date.slice(8)) expect([date, months, addMonths(there, -months)]).toEqual([date, months, date]);
      }
    }
  });
});
