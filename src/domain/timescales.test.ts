import { describe, expect, it } from 'vitest';
import holidaysFile from './data/bank-holidays-england-and-wales.json' with { type: 'json' };
import { WorkingCalendar } from './calendar.js';
import { addMonths, dayOfWeek } from './time.js';
import { CLOCK_KINDS, DEFAULT_TIMESCALES, TIMESCALE_UNITS, type TimescaleUnit, clocksStartedBy, deadlineState, timescaleDeadline } from './timescales.js';

const holidays = holidaysFile.events.map((e) => e.date);
const cal = new WorkingCalendar(holidays, { coveredYears: { from: 2015, to: 2027 } });

const months = (amount: number) => ({ amount, unit: 'months' as const });
const due = (from: string, amount: number, calendar = cal) => timescaleDeadline(calendar, new Date(from), months(amount)).toISOString();

describe('the default timescales', () => {
  it('each have a unique code', () => {
    const codes = DEFAULT_TIMESCALES.map((t) => t.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each(DEFAULT_TIMESCALES.map((t) => [t.code, t] as const))('%s has a title, a source, a known unit and a whole amount', (_code, t) => {
    expect(t.title.trim()).not.toBe('');
    expect(t.source.trim()).not.toBe('');
    expect(Object.keys(TIMESCALE_UNITS)).toContain(t.unit);
    expect(Number.isInteger(t.amount) && t.amount >= 0).toBe(true);
  });

  it('name every unit in words', () => {
    expect(Object.keys(TIMESCALE_UNITS).sort()).toEqual(['months', 'school_days', 'working_days', 'working_hours']);
    for (const label of Object.values(TIMESCALE_UNITS)) expect(label.trim()).not.toBe('');
  });

  it('hold children’s social care’s statutory and local timescales, with Working Together as the statutory source', () => {
    const byCode = new Map(DEFAULT_TIMESCALES.map((t) => [t.code, t]));
    const expected: [string, number, TimescaleUnit][] = [
      ['assessment.child', 45, 'working_days'],
      ['strategy_discussion.record', 0, 'working_days'],
      ['conference.initial', 15, 'working_days'],
      ['conference.report', 2, 'working_days'],
      ['conference.first_review', 3, 'months'],
      ['conference.later_review', 6, 'months'],
      ['core_group.first', 10, 'working_days'],
      ['core_group.next', 30, 'working_days'],
      ['cp_visit.interval', 10, 'working_days'],
      ['cin_plan.review', 3, 'months'],
      ['early_help.contact', 3, 'working_days'],
      ['early_help.assessment', 30, 'working_days'],
    ];
    for (const [code, amount, unit] of expected) {
      const t = byCode.get(code);
      expect([code, t?.amount, t?.unit]).toEqual([code, amount, unit]);
    }
    for (const code of ['assessment.child', 'conference.initial', 'conference.first_review', 'conference.later_review', 'core_group.first']) {
      expect(byCode.get(code)!.source).toMatch(/^Working Together to Safeguard Children \(2023\)/);
    }
  });

  it('give every clock a timescale that exists', () => {
    for (const kind of Object.values(CLOCK_KINDS)) expect(DEFAULT_TIMESCALES.map((t) => t.code)).toContain(kind.timescale);
    expect(clocksStartedBy('early_help')).toEqual(['early_help_triage']);
    expect(clocksStartedBy('referral_csc')).toEqual(['assessment']);
    expect(clocksStartedBy('strategy_discussion')).toEqual(['assessment']);
    expect(clocksStartedBy('nfa')).toEqual([]);
  });
});

describe('timescaleDeadline in months: the close of the same date N months on, in London time', () => {
  it('is 17:00 London time on that date, GMT in winter and BST in summer', () => {
    expect(due('2026-01-15T10:00:00Z', 1)).toBe('2026-02-15T17:00:00.000Z');
    expect(due('2026-01-15T10:00:00Z', 3)).toBe('2026-04-15T16:00:00.000Z');
    expect(due('2026-07-15T10:00:00Z', 6)).toBe('2027-01-15T17:00:00.000Z');
  });

  it('crosses the March change forward and the October change back', () => {
    expect(due('2026-02-20T12:00:00Z', 1)).toBe('2026-03-20T17:00:00.000Z'); // still GMT
    expect(due('2026-02-28T12:00:00Z', 1)).toBe('2026-03-28T17:00:00.000Z'); // the day before the change
    expect(due('2026-02-28T12:00:00Z', 2)).toBe('2026-04-28T16:00:00.000Z');
    expect(due('2026-09-24T12:00:00Z', 1)).toBe('2026-10-24T16:00:00.000Z'); // the day before the change back
    expect(due('2026-09-26T12:00:00Z', 1)).toBe('2026-10-26T17:00:00.000Z');
  });

  it('falls on the clock-change days themselves at 17:00 local', () => {
    expect(dayOfWeek('2026-03-29')).toBe(0);
    expect(due('2026-03-29T12:00:00Z', 0)).toBe('2026-03-29T16:00:00.000Z');
    expect(due('2025-12-29T12:00:00Z', 3)).toBe('2026-03-29T16:00:00.000Z');
    expect(due('2026-04-25T12:00:00Z', 6)).toBe('2026-10-25T17:00:00.000Z');
  });

  it('reads the start by its London date, not its UTC date', () => {
    // 00:30 BST on 1 June is 23:30 UTC on 31 May.
    expect(due('2026-05-31T23:30:00Z', 1)).toBe('2026-07-01T16:00:00.000Z');
    // 23:30 GMT on 31 January is the same date in both.
    expect(due('2026-01-31T23:30:00Z', 1)).toBe('2026-02-28T17:00:00.000Z');
    // Evening starts count as their own date.
    expect(due('2026-06-10T19:00:00Z', 3)).toBe('2026-09-10T16:00:00.000Z');
  });

  it('clamps to the month end', () => {
    expect(due('2025-11-30T10:00:00Z', 3)).toBe('2026-02-28T17:00:00.000Z');
    expect(due('2023-11-30T10:00:00Z', 3)).toBe('2024-02-29T17:00:00.000Z');
    expect(due('2025-08-31T09:00:00Z', 6)).toBe('2026-02-28T17:00:00.000Z');
  });

  it('keeps the date at a weekend or on a bank holiday (months are calendar months, not working days)', () => {
    expect(due('2025-09-25T09:00:00Z', 3)).toBe('2025-12-25T17:00:00.000Z');
    expect(due('2026-05-31T09:00:00Z', 3)).toBe('2026-08-31T16:00:00.000Z');
    expect(due('2026-11-28T10:00:00Z', 3)).toBe('2027-02-28T17:00:00.000Z');
  });

  it('is the close of the same day for 0 months, even when the start is after the close', () => {
    expect(due('2026-06-10T09:00:00Z', 0)).toBe('2026-06-10T16:00:00.000Z');
    expect(due('2026-06-10T18:00:00Z', 0)).toBe('2026-06-10T16:00:00.000Z');
  });

  it('uses the calendar’s own closing time', () => {
    const early = new WorkingCalendar(holidays, { workingHours: { start: '08:00', end: '16:30' } });
    expect(due('2026-01-15T10:00:00Z', 3, early)).toBe('2026-04-15T15:30:00.000Z');
    expect(due('2026-07-15T10:00:00Z', 6, early)).toBe('2027-01-15T16:30:00.000Z');
  });

  it('agrees with addMonths and closeOfDay for every day of 2026 and 1 to 12 months', () => {
    for (let day = 0; day < 365; day += 1) {
      const from = new Date(Date.UTC(2026, 0, 1, 11) + day * 86_400_000);
      const date = cal.dateOf(from);
      for (let n = 1; n <= 12; n += 1) {
        const got = timescaleDeadline(cal, from, months(n));
        expect([date, n, got.toISOString()]).toEqual([date, n, cal.closeOfDay(addMonths(date, n)).toISOString()]);
        expect(cal.dateOf(got)).toBe(addMonths(date, n));
      }
    }
  });

  it('leaves working days and working hours as they were', () => {
    expect(timescaleDeadline(cal, new Date('2026-03-26T10:00:00Z'), { amount: 15, unit: 'working_days' }).toISOString()).toBe('2026-04-20T16:00:00.000Z');
    expect(timescaleDeadline(cal, new Date('2026-06-10T14:00:00Z'), { amount: 4, unit: 'working_hours' }).toISOString()).toBe('2026-06-11T10:00:00.000Z');
  });

  it('gives a months deadline its state against now', () => {
    const dueAt = timescaleDeadline(cal, new Date('2026-01-15T10:00:00Z'), months(3));
    expect(deadlineState(cal, dueAt, new Date('2026-04-14T12:00:00Z'))).toBe('due-later');
    expect(deadlineState(cal, dueAt, new Date('2026-04-15T12:00:00Z'))).toBe('due-today');
    expect(deadlineState(cal, dueAt, new Date('2026-04-15T16:00:01Z'))).toBe('overdue');
  });
});
