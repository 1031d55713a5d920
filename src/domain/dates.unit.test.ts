import { describe, expect, it } from 'vitest';
import {
  dateInputParts,
  dateOnly,
  formatDate,
  formatDateTime,
  formatMonth,
  formatShortDate,
  formatShortDateTime,
  formatTime,
  readWhen,
  relativeDate,
  relativeDateTime,
  toInstant,
} from './dates.js';

// An independent London clock: the UK rule since 1996 (British Summer Time from 01:00 UTC on the last Sunday of
// March to 01:00 UTC on the last Sunday of October), worked out by arithmetic, not by the time-zone database.
function lastSundayUtc(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1, 0);
}
function oracle(instant: Date): { date: string; hour: number; minute: number } {
  const t = instant.getTime();
  const y = instant.getUTCFullYear();
  const bst = t >= lastSundayUtc(y, 2) && t < lastSundayUtc(y, 9);
  const local = new Date(t + (bst ? 3_600_000 : 0));
  return { date: local.toISOString().slice(0, 10), hour: local.getUTCHours(), minute: local.getUTCMinutes() };
}
const WORDS = ['midnight', '1am', '2am', '3am', '4am', '5am', '6am', '7am', '8am', '9am', '10am', '11am', 'midday', '1pm', '2pm', '3pm', '4pm', '5pm', '6pm', '7pm', '8pm', '9pm', '10pm', '11pm'];
function expectedTime(hour: number, minute: number): string {
  if (minute === 0) return WORDS[hour]!;
  const clock = [12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11][hour % 12];
  return `${clock}:${minute < 10 ? `0${minute}` : minute}${hour < 12 ? 'am' : 'pm'}`;
}
const MONTHS = 'January February March April May June July August September October November December'.split(' ');
function expectedDate(date: string): string {
  return `${Number(date.slice(8))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}
// The platform's time-zone database read another way (24-hour parts), as a second witness.
const h23 = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
function byIntl(instant: Date): { date: string; hour: number; minute: number } {
  const p = Object.fromEntries(h23.formatToParts(instant).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour) % 24, minute: Number(p.minute) };
}

/** Every minute from `fromUtc` for `minutes` minutes, checked against both witnesses. */
function checkEveryMinute(fromUtc: string, minutes: number): number {
  const start = new Date(fromUtc).getTime();
  let checked = 0;
  for (let i = 0; i < minutes; i += 1) {
    const instant = new Date(start + i * 60_000);
    const o = oracle(instant);
    expect(byIntl(instant)).toEqual(o);
    const time = expectedTime(o.hour, o.minute);
    expect(formatTime(instant)).toBe(time);
    expect(formatDateTime(instant)).toBe(`${expectedDate(o.date)} at ${time}`);
    expect(dateOnly(instant)).toBe(o.date);
    checked += 1;
  }
  return checked;
}

describe('every minute of a day, against an independent London clock', () => {
  it('a winter day (GMT)', () => {
    expect(checkEveryMinute('2026-01-15T00:00:00Z', 1440)).toBe(1440);
  });
  it('a summer day (BST): the London day runs from 23:00 UTC the day before', () => {
    expect(checkEveryMinute('2026-06-30T23:00:00Z', 1440)).toBe(1440);
  });
  it('the day the clocks go forward (29 March 2026, 23 hours long)', () => {
    expect(checkEveryMinute('2026-03-29T00:00:00Z', 23 * 60)).toBe(1380);
  });
  it('the day the clocks go back (25 October 2026, 25 hours long)', () => {
    expect(checkEveryMinute('2026-10-24T23:00:00Z', 25 * 60)).toBe(1500);
  });
  it('the changes in other years too (2025, 2027, 2028)', () => {
    for (const from of ['2025-03-30T00:00:00Z', '2025-10-25T23:00:00Z', '2027-03-28T00:00:00Z', '2027-10-30T23:00:00Z', '2028-03-26T00:00:00Z', '2028-10-28T23:00:00Z']) checkEveryMinute(from, 180);
  });
  it('never writes "0am", "0:54pm", "12am" or "12pm"', () => {
    for (let i = 0; i < 1440; i += 1) {
      const text = formatTime(new Date(Date.UTC(2026, 0, 15) + i * 60_000));
      expect(text).not.toMatch(/^0|^12[ap]m$|^00|\s/);
    }
  });
});

describe('formatTime', () => {
  it.each([
    ['2026-01-15T00:00:00Z', 'midnight'],
    ['2026-01-15T00:01:00Z', '12:01am'],
    ['2026-01-15T00:54:00Z', '12:54am'],
    ['2026-01-15T09:00:00Z', '9am'],
    ['2026-01-15T09:05:00Z', '9:05am'],
    ['2026-01-15T11:59:00Z', '11:59am'],
    ['2026-01-15T12:00:00Z', 'midday'],
    ['2026-01-15T12:01:00Z', '12:01pm'],
    ['2026-01-15T12:54:00Z', '12:54pm'],
    ['2026-01-15T17:07:00Z', '5:07pm'],
    ['2026-01-15T23:59:00Z', '11:59pm'],
    ['2026-07-01T11:00:00Z', 'midday'],
    ['2026-07-01T23:00:00Z', 'midnight'],
    ['2026-03-29T00:59:00Z', '12:59am'],
    ['2026-03-29T01:00:00Z', '2am'],
    ['2026-10-25T00:30:00Z', '1:30am'],
    ['2026-10-25T01:30:00Z', '1:30am'],
  ])('%s → %s', (iso, expected) => {
    expect(formatTime(new Date(iso))).toBe(expected);
    expect(formatTime(iso)).toBe(expected);
  });
  it('ignores seconds (9:05:59 is 9:05am)', () => {
    expect(formatTime('2026-01-15T09:05:59.999Z')).toBe('9:05am');
  });
  it('a date-only value has no time', () => {
    expect(formatTime('2026-12-05')).toBe('');
  });
});

describe('dates', () => {
  it('long and short', () => {
    expect(formatDate('2026-12-05T09:30:00Z')).toBe('5 December 2026');
    expect(formatShortDate('2026-12-05T09:30:00Z')).toBe('5 Dec 2026');
    expect(formatShortDate('2026-09-05')).toBe('5 Sept 2026');
    expect(formatShortDateTime('2026-12-05T09:05:00Z')).toBe('5 Dec 2026, 9:05am');
    expect(formatDateTime('2026-12-05T09:05:00Z')).toBe('5 December 2026 at 9:05am');
    expect(formatDateTime('2026-12-05T00:00:00Z')).toBe('5 December 2026 at midnight');
    expect(formatDateTime('2026-12-05T12:00:00Z')).toBe('5 December 2026 at midday');
  });
  it('the date is London’s: 23:30 UTC in summer is the next day', () => {
    expect(formatDate('2026-07-01T23:30:00Z')).toBe('2 July 2026');
    expect(formatDateTime(new Date('2026-07-01T23:30:00Z'))).toBe('2 July 2026 at 12:30am');
    expect(formatDate('2026-01-01T23:30:00Z')).toBe('1 January 2026');
  });
  it('year ends', () => {
    expect(formatDateTime('2026-12-31T23:59:00Z')).toBe('31 December 2026 at 11:59pm');
    expect(formatDateTime('2027-01-01T00:00:00Z')).toBe('1 January 2027 at midnight');
    expect(formatDate('2026-12-31')).toBe('31 December 2026');
    expect(formatDate('2027-01-01')).toBe('1 January 2027');
  });
  it('leap days', () => {
    expect(formatDate('2028-02-29')).toBe('29 February 2028');
    expect(formatDateTime('2028-02-29T12:00:00Z')).toBe('29 February 2028 at midday');
    expect(formatDate('2024-02-29T23:59:00Z')).toBe('29 February 2024');
    expect(formatDate('2026-02-29')).toBe('');
    expect(formatDate('2100-02-29')).toBe('');
    expect(formatDate('2000-02-29')).toBe('29 February 2000');
  });
  it('a date-only value is that day, whatever the clock change or zone', () => {
    for (const d of ['2026-03-29', '2026-10-25', '2026-06-01', '2026-01-01', '2026-12-31']) {
      expect(dateOnly(d)).toBe(d);
      expect(formatDate(d)).toBe(expectedDate(d));
      expect(formatDateTime(d)).toBe(expectedDate(d));
    }
    expect(formatShortDateTime('2026-03-29')).toBe('29 Mar 2026');
  });
  it('every day of 2026 and 2028 (a leap year) by its date-only value and at 00:30 London time', () => {
    for (const year of [2026, 2028]) {
      for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
        const d = new Date(t).toISOString().slice(0, 10);
        expect(formatDate(d)).toBe(expectedDate(d));
        const early = new Date(t + 30 * 60_000 - (oracle(new Date(t)).hour === 1 ? 3_600_000 : 0));
        expect(dateOnly(early)).toBe(oracle(early).date);
      }
    }
  });
  it('months', () => {
    expect(formatMonth('2026-11')).toBe('November 2026');
    expect(formatMonth('2026-09-01', { short: true })).toBe('Sept 26');
    expect(formatMonth('2026-12', { short: true })).toBe('Dec 26');
    expect(formatMonth('nonsense')).toBe('');
  });
});

describe('what the database and the code hand over', () => {
  it.each([
    ['2026-12-05 09:30:00+00', '5 December 2026 at 9:30am'],
    ['2026-12-05 09:30:00.123456+00', '5 December 2026 at 9:30am'],
    ['2026-12-05 09:30:00.1+00', '5 December 2026 at 9:30am'],
    ['2026-06-05 09:30:00+00', '5 June 2026 at 10:30am'],
    ['2026-06-05 23:30:00.5+00', '6 June 2026 at 12:30am'],
    ['2026-06-05 10:30:00+01', '5 June 2026 at 10:30am'],
    ['2026-06-05 10:30:00+01:00', '5 June 2026 at 10:30am'],
    ['2026-12-05 04:00:00-05:30', '5 December 2026 at 9:30am'],
    ['2026-12-05T09:30:00Z', '5 December 2026 at 9:30am'],
    ['2026-12-05T09:30:00.000Z', '5 December 2026 at 9:30am'],
    ['2026-12-05T09:30Z', '5 December 2026 at 9:30am'],
    // No zone: London wall-clock time
    ['2026-06-05T09:30:00', '5 June 2026 at 9:30am'],
    ['2026-12-05 09:30', '5 December 2026 at 9:30am'],
  ])('%s → %s', (value, expected) => {
    expect(formatDateTime(value)).toBe(expected);
  });
  it('PGlite’s Dates and epoch milliseconds', () => {
    expect(formatDateTime(new Date(Date.UTC(2026, 11, 5, 9, 30)))).toBe('5 December 2026 at 9:30am');
    expect(formatDateTime(Date.UTC(2026, 11, 5, 9, 30))).toBe('5 December 2026 at 9:30am');
  });
  it('keeps milliseconds and fractions as an instant', () => {
    expect(toInstant('2026-12-05 09:30:00.123456+00')?.toISOString()).toBe('2026-12-05T09:30:00.123Z');
    expect(toInstant('2026-12-05 09:30:00.5+00')?.toISOString()).toBe('2026-12-05T09:30:00.500Z');
    expect(toInstant('2026-12-05')).toBeNull();
    expect(readWhen('2026-12-05')).toEqual({ kind: 'date', date: '2026-12-05' });
  });
  it('anything empty or unreadable is written as nothing, never "Invalid Date"', () => {
    const bad: unknown[] = [null, undefined, '', '   ', 'nonsense', 'Invalid Date', new Date('x'), Number.NaN, Infinity, {}, [], true, '2026-13-01', '2026-02-30', '2026-12-05 24:00:00+00', '2026-12-05 09:60:00+00', '2026-12-05 09:30:00+25', '05/12/2026', '2026-12-5'];
    for (const value of bad) {
      for (const f of [formatDate, formatShortDate, formatTime, formatDateTime, formatShortDateTime, dateOnly, formatMonth]) expect(f(value)).toBe('');
      expect(relativeDate(value, new Date())).toBe('');
      expect(relativeDateTime(value, new Date())).toBe('');
      expect(dateInputParts(value)).toBeNull();
    }
  });
});

describe('relative wording, by the London calendar day', () => {
  const now = new Date('2026-06-02T10:00:00Z'); // 11am BST on 2 June
  it.each([
    ['2026-06-02T13:30:00Z', 'today at 2:30pm'],
    ['2026-06-01T23:30:00Z', 'today at 12:30am'],
    ['2026-06-01T22:59:00Z', 'yesterday at 11:59pm'],
    ['2026-06-01T08:00:00Z', 'yesterday at 9am'],
    ['2026-06-03T09:00:00Z', 'tomorrow at 10am'],
    ['2026-06-02T11:00:00Z', 'today at midday'],
    ['2026-06-02T23:00:00Z', 'tomorrow at midnight'],
    ['2026-05-31T08:00:00Z', '31 May 2026 at 9am'],
    ['2026-06-04T08:05:00Z', '4 June 2026 at 9:05am'],
  ])('%s → %s', (value, expected) => {
    expect(relativeDateTime(value, now)).toBe(expected);
  });
  it('days', () => {
    expect(relativeDate('2026-06-02', now)).toBe('today');
    expect(relativeDate('2026-06-01', now)).toBe('yesterday');
    expect(relativeDate('2026-06-03', now)).toBe('tomorrow');
    expect(relativeDate('2026-06-04', now)).toBe('4 June 2026');
    expect(relativeDate('2026-06-01T23:30:00Z', now)).toBe('today');
    expect(relativeDateTime('2026-06-01', now)).toBe('yesterday');
  });
  it('short, for a table cell: "Today, 2:30pm", else the short date and time', () => {
    expect(relativeDateTime('2026-06-02T13:30:00Z', now, { short: true, capital: true })).toBe('Today, 2:30pm');
    expect(relativeDateTime('2026-06-01T08:00:00Z', now, { short: true })).toBe('yesterday, 9am');
    expect(relativeDateTime('2026-06-02T23:00:00Z', now, { short: true })).toBe('tomorrow, midnight');
    expect(relativeDateTime('2026-05-31T08:00:00Z', now, { short: true })).toBe('31 May 2026, 9am');
    expect(relativeDateTime('2026-09-04T08:05:00Z', now, { short: true })).toBe('4 Sept 2026, 9:05am');
    expect(relativeDateTime('2026-06-04', now, { short: true })).toBe('4 Jun 2026');
    expect(relativeDate('2026-06-03', now, { short: true, capital: true })).toBe('Tomorrow');
    expect(relativeDateTime('', now, { short: true })).toBe('');
  });
  it('"now" just after midnight in London, still the day before in UTC', () => {
    const justAfter = new Date('2026-06-01T23:10:00Z'); // 12:10am on 2 June
    expect(relativeDateTime('2026-06-01T23:05:00Z', justAfter)).toBe('today at 12:05am');
    expect(relativeDateTime('2026-06-01T22:55:00Z', justAfter)).toBe('yesterday at 11:55pm');
    expect(relativeDate('2026-06-02', justAfter)).toBe('today');
  });
  it('across a clock change and a year end', () => {
    expect(relativeDateTime('2026-03-28T23:30:00Z', new Date('2026-03-29T12:00:00Z'))).toBe('yesterday at 11:30pm');
    expect(relativeDateTime('2026-10-25T00:30:00Z', new Date('2026-10-25T23:30:00Z'))).toBe('today at 1:30am');
    expect(relativeDateTime('2026-10-25T01:30:00Z', new Date('2026-10-25T23:30:00Z'))).toBe('today at 1:30am');
    expect(relativeDateTime('2026-12-31T18:00:00Z', new Date('2027-01-01T09:00:00Z'))).toBe('yesterday at 6pm');
    expect(relativeDate('2028-03-01', new Date('2028-02-29T12:00:00Z'))).toBe('tomorrow');
  });
  it('takes "now" as the database or a template gives it, and starts with a capital when asked', () => {
    expect(relativeDateTime('2026-06-02T13:30:00Z', '2026-06-02 10:00:00+00')).toBe('today at 2:30pm');
    expect(relativeDateTime('2026-06-02T13:30:00Z', now, { capital: true })).toBe('Today at 2:30pm');
    expect(relativeDateTime('2026-05-31T08:00:00Z', now, { capital: true })).toBe('31 May 2026 at 9am');
    expect(relativeDate('2026-06-01', now, { capital: true })).toBe('Yesterday');
  });
  it('without a readable "now", the current time', () => {
    const current = new Date();
    expect(relativeDateTime(current, undefined)).toMatch(/^today at /);
    expect(relativeDate(current, 'nonsense')).toBe('today');
  });
});

describe('dateInputParts (a GOV.UK date input filled from an instant)', () => {
  it('London’s day, month and year, and the 24-hour time', () => {
    expect(dateInputParts('2026-06-01T23:30:00Z')).toEqual({ day: '2', month: '6', year: '2026', hour: '00', minute: '30' });
    expect(dateInputParts(new Date('2026-12-05T09:05:00Z'))).toEqual({ day: '5', month: '12', year: '2026', hour: '09', minute: '05' });
    expect(dateInputParts('2026-12-05')).toBeNull();
  });
});
