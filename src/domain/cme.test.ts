import { describe, expect, it } from 'vitest';
import holidaysFile from './data/bank-holidays-england-and-wales.json' with { type: 'json' };
import { WorkingCalendar } from './calendar.js';
import {
  CME_ETHNICITIES,
  CME_REASONS,
  CME_SOURCES,
  EHE_CHECK_OUTCOMES,
  ENQUIRY_KINDS,
  FOUND_OUTCOMES,
  JOINT_ENQUIRY_TIMESCALE,
  NEXT_CHECK_MONTHS,
  OFFICER_SOURCES,
  OUTCOME_CODES,
  OUTCOME_NEEDS_WHERE,
  YEAR_GROUPS,
  checkProblems,
  closureProblems,
  compulsoryYearGroup,
  dueOnState,
  enquiryProblems,
  ethnicityRecorded,
  hasPreviousClosedEpisode,
  localityFor,
  outcomeText,
  phaseOf,
  prefixClashes,
  prefixProblem,
  schoolDaysBetween,
  yearGroupOn,
} from './cme.js';
import { isSchoolDay } from './encompass.js';
import { addDays, dayOfWeek } from './time.js';
import { DEFAULT_TIMESCALES, type SchoolDays, TIMESCALE_UNITS, addSchoolDays, timescaleDeadline, unitsFor } from './timescales.js';

const holidays = holidaysFile.events.map((e) => e.date);
const cal = new WorkingCalendar(holidays, { coveredYears: { from: 2015, to: 2027 } });

/** Fernmoor-like terms for 2026-27: autumn with a half term, Christmas, spring. */
const terms = [
  { from: '2026-09-02', to: '2026-10-23' },
  { from: '2026-11-02', to: '2026-12-18' },
  { from: '2027-01-05', to: '2027-02-12' },
];
const school: SchoolDays = { isSchoolDay: (d) => isSchoolDay(d, { dayStartsAt: '08:45', terms, closures: ['2026-11-20'] }, (x) => cal.isHoliday(x)) };
const weekdays: SchoolDays = { isSchoolDay: (d) => isSchoolDay(d, { dayStartsAt: '08:45', terms: [], closures: [] }, (x) => cal.isHoliday(x)) };

describe('the code lists', () => {
  it('hold every outcome code the seed report counts, each once', () => {
    expect(OUTCOME_CODES.map((o) => o.code)).toEqual(['found_admissions', 'found_other_la', 'found_school_other_la', 'found_local_school', 'enquiries_exhausted', 'left_uk', 'home_educated']);
    for (const o of OUTCOME_CODES) expect(o.label.trim()).not.toBe('');
    expect([...FOUND_OUTCOMES].every((c) => OUTCOME_CODES.some((o) => o.code === c))).toBe(true);
    expect(FOUND_OUTCOMES.has('left_uk') || FOUND_OUTCOMES.has('enquiries_exhausted')).toBe(false);
    for (const code of Object.keys(OUTCOME_NEEDS_WHERE)) expect(OUTCOME_CODES.map((o) => o.code)).toContain(code);
  });

  it('hold the sources, reasons and enquiries the issue names', () => {
    expect(CME_SOURCES.map((s) => s.code)).toEqual(['school', 'admissions', 'other_authority', 'front_door', 'other']);
    expect(OFFICER_SOURCES.map((s) => s.code)).toEqual(['admissions', 'other_authority', 'other']);
    expect(CME_REASONS.map((s) => s.code)).toEqual(expect.arrayContaining(['deleted_from_roll', 'unauthorised_absence', 'did_not_arrive', 'not_on_roll']));
    expect(ENQUIRY_KINDS.map((s) => s.code)).toEqual(expect.arrayContaining(['home_visit', 'school', 'other_authority', 'health', 'police', 'border_force']));
    for (const list of [CME_SOURCES, CME_REASONS, ENQUIRY_KINDS, EHE_CHECK_OUTCOMES]) expect(new Set(list.map((c) => c.code)).size).toBe(list.length);
    for (const o of EHE_CHECK_OUTCOMES) expect(NEXT_CHECK_MONTHS[o.code]).toBeGreaterThan(0);
  });

  it('keep “refused” and “not yet obtained” apart', () => {
    expect(CME_ETHNICITIES.map((e) => e.code)).toEqual(expect.arrayContaining(['REFU', 'NOBT', 'WROM']));
    expect(ethnicityRecorded('REFU')).toBe('refused');
    expect(ethnicityRecorded('NOBT')).toBe('not_recorded');
    expect(ethnicityRecorded('')).toBe('not_recorded');
    for (const e of CME_ETHNICITIES.filter((x) => x.code !== 'REFU' && x.code !== 'NOBT')) expect(ethnicityRecorded(e.code)).toBe('recorded');
  });
});

describe('year groups and phase', () => {
  it('run N1, N2, R, 1 to 14, each with its phase', () => {
    expect(YEAR_GROUPS.map((y) => y.code)).toEqual(['N1', 'N2', 'R', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14']);
    const phases = Object.fromEntries(YEAR_GROUPS.map((y) => [y.code, phaseOf(y.code)]));
    expect(phases).toEqual({
      N1: 'nursery', N2: 'nursery', R: 'primary', 1: 'primary', 2: 'primary', 3: 'primary', 4: 'primary', 5: 'primary', 6: 'primary',
      7: 'secondary', 8: 'secondary', 9: 'secondary', 10: 'secondary', 11: 'secondary', 12: 'post_16', 13: 'post_16', 14: 'post_16',
    });
    for (const bad of [null, undefined, '', '0', '15', 'Y7', '07x', 'N3']) expect(phaseOf(bad)).toBeNull();
    expect(YEAR_GROUPS.filter((y) => compulsoryYearGroup(y.code)).map((y) => y.code)).toEqual(['R', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
  });

  it('find a child’s year group from their date of birth by the academic year (1 September to 31 August)', () => {
    expect(yearGroupOn('2021-09-01', '2026-10-01')).toBe('R'); // turns 5 in the 2026-27 year
    expect(yearGroupOn('2022-08-31', '2026-10-01')).toBe('R'); // the youngest of the same cohort
    expect(yearGroupOn('2022-09-01', '2026-10-01')).toBe('N2');
    expect(yearGroupOn('2023-09-01', '2026-10-01')).toBe('N1');
    expect(yearGroupOn('2015-03-10', '2026-10-01')).toBe('7'); // 11 in October: the first year of secondary
    expect(yearGroupOn('2011-01-01', '2026-10-01')).toBe('11');
    expect(yearGroupOn('2011-01-01', '2026-08-31')).toBe('10'); // the last day of the year before
    expect(yearGroupOn('2024-09-01', '2026-10-01')).toBeNull();
    expect(yearGroupOn('2000-01-01', '2026-10-01')).toBeNull();
    expect(yearGroupOn('not a date', '2026-10-01')).toBeNull();
  });
});

describe('the resident locality from a postcode', () => {
  const localities = [
    { id: 'c', name: 'Central', postcodePrefixes: ['FM1', 'FM2'] },
    { id: 'e', name: 'East', postcodePrefixes: ['FM7', 'fm2  9'] },
    { id: 'x', name: 'Anywhere else in FM', postcodePrefixes: ['FM'] },
    { id: 'n', name: 'North', postcodePrefixes: ['FM3', 'FM10'] },
  ];
  it('takes the longest prefix that covers it: sector, then district, then area', () => {
    expect(localityFor('FM1 2AB', localities)?.name).toBe('Central');
    expect(localityFor('fm23df', localities)?.name).toBe('Central');
    expect(localityFor('FM2 9RW', localities)?.name).toBe('East');
    expect(localityFor('FM3 1HP', localities)?.name).toBe('North');
    expect(localityFor('FM10 1AB', localities)?.name).toBe('North'); // FM1 does not cover FM10
    expect(localityFor('FM5 1AB', localities)?.name).toBe('Anywhere else in FM');
  });
  it('is none for no postcode, a postcode not valid, or one outside every locality', () => {
    expect(localityFor(null, localities)).toBeNull();
    expect(localityFor('', localities)).toBeNull();
    expect(localityFor('not a postcode', localities)).toBeNull();
    expect(localityFor('SW1A 1AA', localities)).toBeNull();
    expect(localityFor('FM1 2AB', [])).toBeNull();
  });
  it('checks prefixes and finds one claimed twice', () => {
    for (const ok of ['FM', 'FM1', 'fm12', 'FM2 9', 'SW1A', 'S', 'SW1A 1']) expect([ok, prefixProblem(ok)]).toEqual([ok, null]);
    for (const bad of ['', '1FM', 'FM1 ', 'FM1 2AB', 'FM-1', 'FMXX1']) if (bad.trim() !== 'FM1') expect(prefixProblem(bad)).not.toBeNull();
    expect(prefixClashes([{ code: 'a', postcodePrefixes: ['FM1', 'FM2'] }, { code: 'b', postcodePrefixes: ['fm2'] }])).toEqual([{ prefix: 'FM2', codes: ['a', 'b'] }]);
    expect(prefixClashes([{ code: 'a', postcodePrefixes: ['FM1', 'FM1'] }])).toEqual([]);
  });
});

describe('school days for the joint-enquiry timescale', () => {
  it('is 20 school days, from the CME statutory guidance, and only school-day timescales may use school days', () => {
    const t = DEFAULT_TIMESCALES.find((x) => x.code === JOINT_ENQUIRY_TIMESCALE)!;
    expect([t.amount, t.unit]).toEqual([20, 'school_days']);
    expect(t.source).toMatch(/^Children missing education: statutory guidance for local authorities \(DfE, September 2016\)/);
    expect(TIMESCALE_UNITS.school_days).toBe('school days');
    expect(unitsFor('school_days')).toEqual(['school_days', 'working_days']);
    for (const u of ['working_days', 'working_hours', 'months'] as const) expect(unitsFor(u)).not.toContain('school_days');
  });

  it('counts weekdays in term, not bank holidays, half terms, holidays or closure days', () => {
    // Thursday 15 October 2026 + 20 school days: 16, 19–23 Oct (6), half term, 2–6 Nov (11), 9–13 (16), 16–19 (20; the 20th is a closure).
    expect(addSchoolDays(school, '2026-10-15', 20)).toBe('2026-11-19');
    expect(addSchoolDays(school, '2026-10-15', 21)).toBe('2026-11-23');
    expect(addSchoolDays(school, '2026-12-14', 5)).toBe('2027-01-05'); // over Christmas: 15–18 Dec, then 5 Jan
    expect(addSchoolDays(school, '2026-10-15', 0)).toBe('2026-10-15');
    expect(schoolDaysBetween(school, '2026-10-15', '2026-11-19')).toBe(20);
    expect(schoolDaysBetween(school, '2026-11-19', '2026-10-15')).toBe(-20);
    expect(schoolDaysBetween(school, '2026-10-15', '2026-10-15')).toBe(0);
    expect(() => addSchoolDays(school, '2026-10-15', -1)).toThrow(RangeError);
    expect(() => addSchoolDays({ isSchoolDay: () => false }, '2026-10-15', 1)).toThrow(/No school day/);
  });

  it('without terms, counts weekdays that are not bank holidays', () => {
    expect(addSchoolDays(weekdays, '2026-12-23', 3)).toBe('2026-12-30'); // 24, (25, 26, 28 holidays), 29, 30
  });

  it('agrees with the school calendar on every start day of a term and a half, for every amount to 25', () => {
    for (let start = '2026-09-01'; start <= '2027-01-31'; start = addDays(start, 1)) {
      for (let n = 0; n <= 25; n += 1) {
        const due = addSchoolDays(school, start, n);
        expect(schoolDaysBetween(school, start, due)).toBe(n);
        if (n > 0) expect(school.isSchoolDay(due)).toBe(true);
        expect([0, 6]).not.toContain(n > 0 ? dayOfWeek(due) : -1);
      }
    }
  });

  it('is due at the close of the 20th school day, and refused without a school calendar', () => {
    const due = timescaleDeadline(cal, new Date('2026-10-15T10:00:00Z'), { amount: 20, unit: 'school_days' }, school);
    expect(due.toISOString()).toBe('2026-11-19T17:00:00.000Z');
    expect(() => timescaleDeadline(cal, new Date('2026-10-15T10:00:00Z'), { amount: 20, unit: 'school_days' })).toThrow(/school calendar/);
    // Other units ignore a school calendar given.
    expect(timescaleDeadline(cal, new Date('2026-10-15T10:00:00Z'), { amount: 1, unit: 'working_days' }, school).toISOString()).toBe('2026-10-16T16:00:00.000Z');
  });

  it('says where a due date stands', () => {
    expect(dueOnState('2026-11-18', '2026-11-19')).toBe('overdue');
    expect(dueOnState('2026-11-19', '2026-11-19')).toBe('due-today');
    expect(dueOnState('2026-11-20', '2026-11-19')).toBe('due-later');
  });
});

describe('recurrence', () => {
  const at = (d: string) => new Date(`${d}T10:00:00Z`);
  it('counts a child with an episode closed before this referral', () => {
    expect(hasPreviousClosedEpisode(at('2026-10-01'), [{ id: 'a', closedAt: at('2026-03-01') }])).toBe(true);
    expect(hasPreviousClosedEpisode(at('2026-10-01'), [{ id: 'a', closedAt: null }])).toBe(false);
    expect(hasPreviousClosedEpisode(at('2026-10-01'), [{ id: 'a', closedAt: at('2026-11-01') }])).toBe(false);
    expect(hasPreviousClosedEpisode(at('2026-10-01'), [])).toBe(false);
    expect(hasPreviousClosedEpisode(at('2026-10-01'), [{ id: 'self', closedAt: at('2026-03-01') }], 'self')).toBe(false);
  });
});

describe('closing a referral', () => {
  const base = { outcomeCode: 'left_uk', foundAt: null, closedOn: '2026-11-01', referredOn: '2026-10-01', status: 'open' };
  it('needs an outcome code, from the list', () => {
    expect(closureProblems({ ...base, outcomeCode: null })).toEqual({ outcomeCode: 'Select the outcome code: a referral is closed only with one' });
    expect(closureProblems({ ...base, outcomeCode: 'closed' }).outcomeCode).toBeDefined();
    for (const o of OUTCOME_CODES) {
      const needs = OUTCOME_NEEDS_WHERE[o.code as keyof typeof OUTCOME_NEEDS_WHERE];
      expect([o.code, closureProblems({ ...base, outcomeCode: o.code })]).toEqual([o.code, needs ? { foundAt: needs } : {}]);
      expect([o.code, closureProblems({ ...base, outcomeCode: o.code, foundAt: 'Sheffield: Hillside Academy' })]).toEqual([o.code, {}]);
    }
  });
  it('needs where for “found in a school in another authority”, not blank', () => {
    expect(closureProblems({ ...base, outcomeCode: 'found_school_other_la', foundAt: '   ' }).foundAt).toBe('Enter the school and the local authority the child was found in');
  });
  it('refuses a closure before the referral, or of a closed referral', () => {
    expect(closureProblems({ ...base, closedOn: '2026-09-30' }).closedOn).toBeDefined();
    expect(closureProblems({ ...base, closedOn: '2026-10-01' })).toEqual({});
    expect(closureProblems({ ...base, status: 'closed' }).outcomeCode).toBe('This referral is already closed');
  });
  it('words the outcome with where', () => {
    expect(outcomeText('found_school_other_la', ' Sheffield ')).toBe('Found in a school in another local authority: Sheffield');
    expect(outcomeText('left_uk', null)).toBe('Verified as having left the UK');
    expect(outcomeText(null, 'x')).toBe('');
  });
});

describe('enquiries and home education checks', () => {
  it('keeps an enquiry on or after the referral, on an open referral', () => {
    expect(enquiryProblems({ madeOn: '2026-10-01', referredOn: '2026-10-01', status: 'open' })).toEqual({});
    expect(enquiryProblems({ madeOn: '2026-09-30', referredOn: '2026-10-01', status: 'open' }).madeOn).toBeDefined();
    expect(enquiryProblems({ madeOn: '2026-10-02', referredOn: '2026-10-01', status: 'closed' }).kind).toBeDefined();
  });
  it('keeps a check on an active registration, with the next one due after it', () => {
    const c = { checkedOn: '2026-10-01', nextDueOn: '2027-10-01', registeredOn: '2026-09-01', status: 'active' };
    expect(checkProblems(c)).toEqual({});
    expect(checkProblems({ ...c, nextDueOn: null }).nextDueOn).toBe('Enter when the next check is due');
    expect(checkProblems({ ...c, nextDueOn: '2026-10-01' }).nextDueOn).toBe('The next check must be after this one');
    expect(checkProblems({ ...c, checkedOn: '2026-08-01', nextDueOn: '2027-01-01' }).checkedOn).toBeDefined();
    expect(checkProblems({ ...c, status: 'ended' }).method).toBeDefined();
  });
});
