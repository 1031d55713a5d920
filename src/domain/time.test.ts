import { describe, expect, it } from 'vitest';
import { ageOn, instantAt, isLocalDate, londonDate, wallTime, zoneOffsetMinutes } from './time.js';

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
