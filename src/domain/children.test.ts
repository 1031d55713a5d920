import { describe, expect, it } from 'vitest';
import holidaysFile from './data/bank-holidays-england-and-wales.json' with { type: 'json' };
import { WorkingCalendar } from './calendar.js';
import {
  ASSESSMENT_FACTORS,
  ASSESSMENT_OUTCOMES,
  ASSESSMENT_STATUSES,
  type AssessmentAction,
  CONFERENCE_DECISIONS,
  CONFERENCE_KINDS,
  CP_CATEGORIES,
  type Participant,
  PRIMARY_NEEDS,
  S47_OUTCOMES,
  STRATEGY_DECISIONS,
  STRATEGY_REQUIRED_AGENCY_TYPES,
  VIEWS_GATHERED,
  assessmentAllows,
  assessmentSubmitProblems,
  categoryFromFactors,
  codeIn,
  conferenceDecisionProblems,
  coreGroupDueOn,
  heldInTime,
  inTimeSince,
  inVoiceCohort,
  isReReferral,
  nextReviewDue,
  reportDueOn,
  s47Next,
  strategyProblems,
  visitDueOn,
  visitInTime,
} from './children.js';
import { isReReferral as frontDoorIsReReferral } from './intake.js';
import { addDays, dayOfWeek } from './time.js';
import { DEFAULT_TIMESCALES, type Timescale } from './timescales.js';

// The real England and Wales calendar (the product's copy of ../shared/data/bank_holidays), as calendar.test.ts builds it.
const holidays = holidaysFile.events.map((e) => e.date);
const cal = new WorkingCalendar(holidays, { coveredYears: { from: 2015, to: 2027 } });

const timescale = (code: string): Timescale => {
  const t = DEFAULT_TIMESCALES.find((x) => x.code === code);
  if (!t) throw new Error(`No default timescale ${code}`);
  return t;
};
const reviews = { firstReview: timescale('conference.first_review'), laterReview: timescale('conference.later_review') };
const coreGroups = { first: timescale('core_group.first'), next: timescale('core_group.next') };
const visitInterval = timescale('cp_visit.interval');

/** A slow, obviously-correct reference: step one day at a time, counting Mondays to Fridays that are not bank holidays. */
function referenceAddWorkingDays(start: string, n: number): string {
  let d = start;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    const dow = dayOfWeek(d);
    if (dow !== 0 && dow !== 6 && !holidays.includes(d)) left -= 1;
  }
  return d;
}

const SAT = 6;
const SUN = 0;
const MON = 1;
const THU = 4;
const FRI = 5;

const iso = (d: Date) => d.toISOString();
const keys = (o: Record<string, string>) => Object.keys(o).sort();

// ——— strategy discussions ———

describe('strategyProblems', () => {
  const person = (agencyType: string, name = 'A Worker'): Participant => ({ agencyType, agencyId: null, name, role: 'Practitioner' });
  const complete = { decision: 's47', informationShared: 'Police: two call-outs. Health: missed appointments.', reason: 'Risk of significant harm' };
  const REQUIRED = ['children_social_care', 'police', 'health'];
  const LABEL: Record<string, string> = { children_social_care: 'Children’s social care', police: 'Police', health: 'Health' };

  it('requires exactly children’s social care, the police and health', () => {
    expect(STRATEGY_REQUIRED_AGENCY_TYPES.map((a) => a.type)).toEqual(REQUIRED);
  });

  it('is content with the three required agencies, a decision and both texts', () => {
    expect(strategyProblems({ ...complete, participants: REQUIRED.map((t) => person(t)) })).toEqual({});
  });

  it('accepts other agencies as well as the required ones, in any order, and more than one of an agency', () => {
    const participants = [person('school'), person('health'), person('police'), person('police', 'B Officer'), person('children_social_care'), person('housing')];
    expect(strategyProblems({ ...complete, participants })).toEqual({});
  });

  // Every subset of the required agencies (alone, in pairs, all three, none), with a school always present.
  const subsets = Array.from({ length: 8 }, (_, mask) => REQUIRED.filter((_, i) => mask & (1 << i)));
  it.each(subsets.map((present) => ({ present, missing: REQUIRED.filter((t) => !present.includes(t)) })))(
    'with $present present, names exactly the missing $missing',
    ({ present, missing }) => {
      const problems = strategyProblems({ ...complete, participants: [person('school'), ...present.map((t) => person(t))] });
      if (missing.length === 0) {
        expect(problems).toEqual({});
        return;
      }
      expect(keys(problems)).toEqual(['participants']);
      const added = problems.participants!.split(': add ')[1]!;
      for (const t of REQUIRED) {
        if (missing.includes(t)) expect(added).toContain(LABEL[t]!.toLowerCase());
        else expect(added).not.toContain(LABEL[t]!.toLowerCase());
      }
    },
  );

  it('does not count an agency type spelt differently, nor an empty participant list', () => {
    const problems = strategyProblems({ ...complete, participants: [person('Police'), person('children_social_care'), person('health')] });
    expect(keys(problems)).toEqual(['participants']);
    expect(problems.participants).toMatch(/add police$/);
    expect(keys(strategyProblems({ ...complete, participants: [] }))).toEqual(['participants']);
  });

  it.each(STRATEGY_DECISIONS.map((d) => d.code))('accepts the decision %s', (decision) => {
    expect(strategyProblems({ ...complete, decision, participants: REQUIRED.map((t) => person(t)) })).toEqual({});
  });

  it('knows the three decisions: s47, child in need and no further action', () => {
    expect(STRATEGY_DECISIONS.map((d) => d.code)).toEqual(['s47', 'cin', 'nfa']);
  });

  it.each(['', ' ', 'S47', 'nfa ', 'substantiated_icpc', 'plan'])('refuses the decision %j', (decision) => {
    const problems = strategyProblems({ ...complete, decision, participants: REQUIRED.map((t) => person(t)) });
    expect(problems).toEqual({ decision: 'Select what the strategy discussion decided' });
  });

  it.each(['', ' ', '\n\t  '])('refuses blank information shared (%j) and blank reasons', (blank) => {
    const participants = REQUIRED.map((t) => person(t));
    expect(strategyProblems({ ...complete, participants, informationShared: blank })).toEqual({ informationShared: 'Enter the information each agency shared' });
    expect(strategyProblems({ ...complete, participants, reason: blank })).toEqual({ reason: 'Enter the reasons for the decision' });
  });

  it('reports every problem at once', () => {
    expect(keys(strategyProblems({ participants: [], decision: '', informationShared: '', reason: '' }))).toEqual(['decision', 'informationShared', 'participants', 'reason']);
  });
});

// ——— section 47 ———

describe('s47Next', () => {
  const expected: Record<string, 'conference' | 'cin_plan' | 'close'> = {
    substantiated_icpc: 'conference',
    substantiated_no_icpc: 'cin_plan',
    not_substantiated: 'close',
    cin: 'cin_plan',
    nfa: 'close',
  };

  it('has an expectation for every outcome code', () => {
    expect(S47_OUTCOMES.map((o) => o.code).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(S47_OUTCOMES.map((o) => o.code))('sends %s to the right next step', (outcome) => {
    expect(s47Next(outcome)).toBe(expected[outcome]);
  });

  it('leads to an initial conference only when concerns are substantiated and the child is at continuing risk', () => {
    expect(S47_OUTCOMES.filter((o) => s47Next(o.code) === 'conference').map((o) => o.code)).toEqual(['substantiated_icpc']);
  });

  it.each(['', 'bogus', 'SUBSTANTIATED_ICPC'])('closes on an unknown outcome %j rather than inventing a plan', (outcome) => {
    expect(s47Next(outcome)).toBe('close');
  });
});

// ——— conference decisions and categories ———

describe('conferenceDecisionProblems over every kind × decision × category × on a plan', () => {
  const VALID_CATEGORIES = ['NEG', 'PHY', 'EMO', 'SAB', 'MUL'];
  const DECISIONS_FOR: Record<string, readonly string[]> = { initial: ['plan', 'no_plan'], transfer_in: ['plan', 'no_plan'], review: ['continue', 'end_plan'] };
  const kinds = CONFERENCE_KINDS.map((k) => k.code);
  const decisions = [...CONFERENCE_DECISIONS.map((d) => d.code), '', 'bogus'];
  const categories: (string | null)[] = [null, '', ...CP_CATEGORIES.map((c) => c.code), 'neg', 'XXX'];

  /** The expected problem keys, from the rule as Working Together and the census put it (not from the code). */
  function expectedKeys(kind: string, decision: string, category: string | null, onPlan: boolean): string[] {
    if (!DECISIONS_FOR[kind]!.includes(decision)) return ['decision'];
    const out = new Set<string>();
    if (kind === 'review' && !onPlan) out.add('decision'); // a review reviews an existing plan
    const onPlanAfter = decision === 'plan' || decision === 'continue';
    const categoryGiven = category !== null && category !== '';
    if (onPlanAfter && !VALID_CATEGORIES.includes(category ?? '')) out.add('category');
    if (!onPlanAfter && categoryGiven) out.add('category');
    return [...out].sort();
  }

  it('knows the kinds, decisions and categories it is tested over', () => {
    expect(kinds).toEqual(['initial', 'review', 'transfer_in']);
    expect(CONFERENCE_DECISIONS.map((d) => d.code)).toEqual(['plan', 'no_plan', 'continue', 'end_plan']);
    expect(CP_CATEGORIES.map((c) => c.code)).toEqual(VALID_CATEGORIES);
  });

  const table = kinds.flatMap((kind) => decisions.flatMap((decision) => categories.flatMap((category) => [true, false].map((onPlan) => ({ kind, decision, category, onPlan })))));

  it('covers the full cross product', () => {
    expect(table).toHaveLength(3 * 6 * 9 * 2);
  });

  it.each(table)('$kind / $decision / $category / on plan $onPlan', ({ kind, decision, category, onPlan }) => {
    const problems = conferenceDecisionProblems({ kind, decision, category, onPlan });
    expect(keys(problems)).toEqual(expectedKeys(kind, decision, category, onPlan));
    for (const message of Object.values(problems)) expect(message.length).toBeGreaterThan(10);
  });

  it('words the problems for the conference in hand', () => {
    expect(conferenceDecisionProblems({ kind: 'initial', decision: 'continue', category: 'NEG', onPlan: false }).decision).toBe(
      'Select whether the child is to be the subject of a child protection plan',
    );
    expect(conferenceDecisionProblems({ kind: 'review', decision: 'plan', category: 'NEG', onPlan: true }).decision).toBe(
      'Select whether the child protection plan continues or ends',
    );
    expect(conferenceDecisionProblems({ kind: 'review', decision: 'continue', category: 'NEG', onPlan: false }).decision).toMatch(/not on one/);
    expect(conferenceDecisionProblems({ kind: 'initial', decision: 'plan', category: null, onPlan: false }).category).toBe(
      'Select the category of abuse or neglect for the plan',
    );
    expect(conferenceDecisionProblems({ kind: 'review', decision: 'end_plan', category: 'EMO', onPlan: true }).category).toMatch(/only when/);
  });
});

// ——— the conference schedule ———

describe('nextReviewDue', () => {
  const due = (kind: string, heldAt: string) => iso(nextReviewDue(cal, { kind, heldAt: new Date(heldAt) }, reviews));

  it('uses the default 3 and 6 months', () => {
    expect([reviews.firstReview.amount, reviews.firstReview.unit, reviews.laterReview.amount, reviews.laterReview.unit]).toEqual([3, 'months', 6, 'months']);
  });

  it('puts the first review 3 months after an initial or transfer-in conference, at the close of that date', () => {
    expect(due('initial', '2026-01-15T10:00:00Z')).toBe('2026-04-15T16:00:00.000Z'); // GMT → BST: 17:00 BST
    expect(due('transfer_in', '2026-01-15T10:00:00Z')).toBe('2026-04-15T16:00:00.000Z');
  });

  it('puts a later review 6 months after the last review', () => {
    expect(due('review', '2026-01-15T10:00:00Z')).toBe('2026-07-15T16:00:00.000Z');
    expect(due('review', '2026-04-15T09:00:00Z')).toBe('2026-10-15T16:00:00.000Z');
  });

  it('uses the area’s own amounts, not fixed ones', () => {
    const local = { firstReview: { ...reviews.firstReview, amount: 2 }, laterReview: { ...reviews.laterReview, amount: 4 } };
    expect(iso(nextReviewDue(cal, { kind: 'initial', heldAt: new Date('2026-01-15T10:00:00Z') }, local))).toBe('2026-03-15T17:00:00.000Z');
    expect(iso(nextReviewDue(cal, { kind: 'review', heldAt: new Date('2026-01-15T10:00:00Z') }, local))).toBe('2026-05-15T16:00:00.000Z');
  });

  it('clamps to the month end: 30 November + 3 months is 28 February, or 29 February in a leap year', () => {
    expect(dayOfWeek('2025-11-30')).toBe(SUN);
    expect(due('initial', '2025-11-30T11:00:00Z')).toBe('2026-02-28T17:00:00.000Z');
    expect(due('initial', '2023-11-30T11:00:00Z')).toBe('2024-02-29T17:00:00.000Z');
    expect(due('initial', '2027-11-30T11:00:00Z')).toBe('2028-02-29T17:00:00.000Z');
    expect(due('transfer_in', '2026-11-30T11:00:00Z')).toBe('2027-02-28T17:00:00.000Z');
  });

  it('clamps 31 August + 6 months to the end of February', () => {
    expect(due('review', '2025-08-31T09:00:00Z')).toBe('2026-02-28T17:00:00.000Z');
    expect(due('review', '2023-08-31T09:00:00Z')).toBe('2024-02-29T17:00:00.000Z');
    expect(due('review', '2026-03-31T09:00:00Z')).toBe('2026-09-30T16:00:00.000Z');
    expect(due('initial', '2026-05-31T09:00:00Z')).toBe('2026-08-31T16:00:00.000Z');
  });

  it('keeps the calendar date when it falls at a weekend or on a bank holiday (months are not working days)', () => {
    expect(holidays).toContain('2026-08-31');
    expect(due('initial', '2026-05-31T09:00:00Z')).toBe('2026-08-31T16:00:00.000Z');
    expect(due('initial', '2025-09-25T09:00:00Z')).toBe('2025-12-25T17:00:00.000Z');
    expect(dayOfWeek('2027-02-28')).toBe(SUN);
    expect(due('review', '2026-08-28T09:00:00Z')).toBe('2027-02-28T17:00:00.000Z');
  });

  it('dates an evening conference by its London date, in winter and in summer', () => {
    // 19:30 GMT on 10 March.
    expect(due('initial', '2026-03-10T19:30:00Z')).toBe('2026-06-10T16:00:00.000Z');
    // 21:00 BST on 30 June is 20:00 UTC.
    expect(due('initial', '2026-06-30T20:00:00Z')).toBe('2026-09-30T16:00:00.000Z');
    // 00:30 BST on 1 July is still 30 June in UTC: London says 1 July.
    expect(due('initial', '2026-06-30T23:30:00Z')).toBe('2026-10-01T16:00:00.000Z');
    expect(due('review', '2026-06-30T23:30:00Z')).toBe('2027-01-01T17:00:00.000Z');
  });

  it('dates a weekend conference by its own date', () => {
    expect(dayOfWeek('2026-11-28')).toBe(SAT);
    expect(due('initial', '2026-11-28T10:00:00Z')).toBe('2027-02-28T17:00:00.000Z');
    expect(dayOfWeek('2026-06-07')).toBe(SUN);
    expect(due('review', '2026-06-07T10:00:00Z')).toBe('2026-12-07T17:00:00.000Z');
  });

  it('crosses the March and October clock changes', () => {
    // GMT → BST (29 March 2026) and BST → GMT (25 October 2026).
    expect(due('initial', '2026-01-20T14:00:00Z')).toBe('2026-04-20T16:00:00.000Z');
    expect(due('initial', '2026-09-15T13:00:00Z')).toBe('2026-12-15T17:00:00.000Z');
    expect(due('review', '2026-05-10T09:00:00Z')).toBe('2026-11-10T17:00:00.000Z');
    expect(due('review', '2026-11-10T10:00:00Z')).toBe('2027-05-10T16:00:00.000Z');
  });

  it('falls due on a clock-change day at 17:00 local time', () => {
    expect(due('initial', '2025-12-29T10:00:00Z')).toBe('2026-03-29T16:00:00.000Z'); // BST from 01:00 UTC that day
    expect(due('review', '2026-04-25T09:00:00Z')).toBe('2026-10-25T17:00:00.000Z'); // GMT from 01:00 UTC that day
    expect(due('initial', '2027-07-31T09:00:00Z')).toBe('2027-10-31T17:00:00.000Z');
  });

  it('dates a conference held on a clock-change day, including the repeated hour, by its London date', () => {
    expect(due('initial', '2026-03-29T09:00:00Z')).toBe('2026-06-29T16:00:00.000Z');
    expect(due('initial', '2026-10-25T00:30:00Z')).toBe('2027-01-25T17:00:00.000Z'); // 01:30 BST
    expect(due('initial', '2026-10-25T01:30:00Z')).toBe('2027-01-25T17:00:00.000Z'); // 01:30 GMT
    expect(due('initial', '2026-10-24T23:30:00Z')).toBe('2027-01-25T17:00:00.000Z'); // 00:30 BST on the 25th
  });
});

describe('heldInTime', () => {
  const dueAt = cal.closeOfDay('2026-04-15'); // 17:00 BST

  it('is in time before, and at, the close of the day it was due', () => {
    expect(heldInTime(new Date('2026-04-14T09:00:00Z'), dueAt)).toBe(true);
    expect(heldInTime(new Date('2026-04-15T09:00:00Z'), dueAt)).toBe(true);
    expect(heldInTime(dueAt, dueAt)).toBe(true);
  });

  it('is in time for a conference held on the due date after 17:00 (reviews are due by a date)', () => {
    expect(heldInTime(new Date(dueAt.getTime() + 1), dueAt)).toBe(true);
    expect(heldInTime(new Date('2026-04-15T18:30:00Z'), dueAt)).toBe(true); // 19:30 BST
    expect(heldInTime(new Date('2026-04-15T22:59:59Z'), dueAt)).toBe(true); // 23:59:59 BST
  });

  it('is late on the next London date, even when UTC still says the due date', () => {
    expect(heldInTime(new Date('2026-04-15T23:00:00Z'), dueAt)).toBe(false); // 00:00 BST on the 16th
    expect(heldInTime(new Date('2026-04-16T09:00:00Z'), dueAt)).toBe(false);
    expect(heldInTime(new Date('2027-04-15T09:00:00Z'), dueAt)).toBe(false);
  });

  it('agrees with the schedule: a review on the day nextReviewDue gives is in time, the day after is not', () => {
    const reviewDue = nextReviewDue(cal, { kind: 'initial', heldAt: new Date('2025-11-30T11:00:00Z') }, reviews);
    expect(heldInTime(new Date('2026-02-28T10:00:00Z'), reviewDue)).toBe(true);
    expect(heldInTime(new Date('2026-03-01T10:00:00Z'), reviewDue)).toBe(false);
  });

  it('judges the initial conference against 15 working days from the strategy discussion', () => {
    const strategyAt = new Date('2026-03-26T10:00:00Z'); // Thursday before Easter
    const icpcDue = cal.workingDaysDeadline(strategyAt, timescale('conference.initial').amount);
    expect(cal.dateOf(icpcDue)).toBe(referenceAddWorkingDays('2026-03-26', 15));
    expect(cal.dateOf(icpcDue)).toBe('2026-04-20');
    expect(heldInTime(new Date('2026-04-20T12:00:00Z'), icpcDue)).toBe(true);
    expect(heldInTime(new Date('2026-04-21T08:00:00Z'), icpcDue)).toBe(false);
  });
});

describe('coreGroupDueOn', () => {
  it('uses 10 working days for the first core group by default', () => {
    expect([coreGroups.first.amount, coreGroups.first.unit, coreGroups.next.unit]).toEqual([10, 'working_days', 'working_days']);
  });

  it('is 10 working days after the conference on an ordinary fortnight', () => {
    expect(dayOfWeek('2026-06-04')).toBe(THU);
    expect(coreGroupDueOn(cal, '2026-06-04', null, coreGroups)).toBe('2026-06-18');
  });

  it('crosses Christmas 2026 (Boxing Day’s substitute on Monday 28th) and New Year', () => {
    expect(coreGroupDueOn(cal, '2026-12-17', null, coreGroups)).toBe('2027-01-05');
  });

  it('crosses Christmas 2027 (both substitute days, 27 and 28 December)', () => {
    expect(coreGroupDueOn(cal, '2027-12-15', null, coreGroups)).toBe('2027-12-31');
  });

  it('crosses Easter 2026 and Easter 2027', () => {
    expect(coreGroupDueOn(cal, '2026-03-26', null, coreGroups)).toBe('2026-04-13');
    expect(coreGroupDueOn(cal, '2027-03-18', null, coreGroups)).toBe('2027-04-05');
  });

  it('counts from the Friday before when the conference was at a weekend', () => {
    expect(coreGroupDueOn(cal, '2026-06-06', null, coreGroups)).toBe('2026-06-19');
    expect(coreGroupDueOn(cal, '2026-06-05', null, coreGroups)).toBe('2026-06-19');
  });

  it('then follows the local interval after the last core group, whatever the conference date', () => {
    expect(coreGroups.next.amount).toBe(30);
    expect(coreGroupDueOn(cal, '2026-12-17', '2027-01-05', coreGroups)).toBe(referenceAddWorkingDays('2027-01-05', 30));
    expect(coreGroupDueOn(cal, '2026-12-17', '2027-01-05', coreGroups)).toBe('2027-02-16');
    expect(coreGroupDueOn(cal, '2020-01-01', '2027-01-05', coreGroups)).toBe('2027-02-16');
  });

  it('honours an area’s own intervals', () => {
    const local = { first: { ...coreGroups.first, amount: 5 }, next: { ...coreGroups.next, amount: 20 } };
    expect(coreGroupDueOn(cal, '2026-03-26', null, local)).toBe('2026-04-02');
    expect(coreGroupDueOn(cal, '2026-03-26', '2026-04-02', local)).toBe(referenceAddWorkingDays('2026-04-02', 20));
  });

  it('agrees with a day-by-day count for every conference date in 2026 and 2027', () => {
    for (let d = '2026-01-01'; d < '2027-11-01'; d = addDays(d, 1)) {
      expect([d, coreGroupDueOn(cal, d, null, coreGroups)]).toEqual([d, referenceAddWorkingDays(d, 10)]);
    }
  });
});

describe('reportDueOn (an agency’s report, working days before the conference)', () => {
  /** Step back one day at a time, counting Mondays to Fridays that are not bank holidays. */
  function referenceBack(start: string, n: number): string {
    let d = start;
    let left = n;
    while (left > 0) {
      d = addDays(d, -1);
      const dow = dayOfWeek(d);
      if (dow !== 0 && dow !== 6 && !holidays.includes(d)) left -= 1;
    }
    return d;
  }
  const before = timescale('conference.report').amount;

  it('uses 2 working days by default', () => {
    expect([before, timescale('conference.report').unit]).toEqual([2, 'working_days']);
  });

  it('counts back over a weekend, Easter and New Year', () => {
    expect(reportDueOn(cal, '2026-06-10', before)).toBe('2026-06-08');
    expect(reportDueOn(cal, '2026-06-08', before)).toBe('2026-06-04'); // a Monday conference: the Thursday before
    expect(reportDueOn(cal, '2026-04-08', before)).toBe('2026-04-02'); // over Good Friday and Easter Monday
    expect(reportDueOn(cal, '2027-01-04', before)).toBe('2026-12-30'); // over New Year’s Day
    expect(reportDueOn(cal, '2026-06-06', before)).toBe('2026-06-04'); // a Saturday conference
  });

  it('is the conference day itself for 0 working days', () => {
    expect(reportDueOn(cal, '2026-06-10', 0)).toBe('2026-06-10');
  });

  it('agrees with a day-by-day count, and adding the days back lands on the conference (or the next working day)', () => {
    for (let d = '2026-01-05'; d < '2027-12-31'; d = addDays(d, 1)) {
      for (const n of [1, 2, 5]) {
        const due = reportDueOn(cal, d, n);
        expect([d, n, due]).toEqual([d, n, referenceBack(d, n)]);
        expect([d, n, cal.addWorkingDays(due, n)]).toEqual([d, n, cal.workingDayOnOrAfter(d)]);
      }
    }
  });
});

describe('visitDueOn and visitInTime', () => {
  it('uses 10 working days by default', () => {
    expect([visitInterval.amount, visitInterval.unit]).toEqual([10, 'working_days']);
  });

  it('puts the first visit 10 working days after a plan starting on a Friday', () => {
    expect(dayOfWeek('2026-06-05')).toBe(FRI);
    expect(visitDueOn(cal, '2026-06-05', null, visitInterval)).toBe('2026-06-19');
  });

  it('crosses a bank holiday Monday', () => {
    expect(dayOfWeek('2026-05-25')).toBe(MON);
    expect(holidays).toContain('2026-05-25');
    expect(visitDueOn(cal, '2026-05-22', null, visitInterval)).toBe('2026-06-08');
    expect(visitDueOn(cal, '2026-06-05', '2026-08-27', visitInterval)).toBe('2026-09-11'); // Summer bank holiday 31 August
  });

  it('counts from the last visit once there is one, every 10 working days', () => {
    const chain = ['2026-06-05'];
    for (let i = 0; i < 6; i += 1) chain.push(visitDueOn(cal, '2026-06-05', i === 0 ? null : chain.at(-1)!, visitInterval));
    expect(chain).toEqual(['2026-06-05', '2026-06-19', '2026-07-03', '2026-07-17', '2026-07-31', '2026-08-14', '2026-08-28']);
  });

  it('honours an area’s own interval', () => {
    expect(visitDueOn(cal, '2026-05-22', null, { ...visitInterval, amount: 5 })).toBe('2026-06-01');
  });

  it('is in time on or before the due date, late after it, across month and year ends', () => {
    expect(visitInTime('2026-06-19', '2026-06-19')).toBe(true);
    expect(visitInTime('2026-06-18', '2026-06-19')).toBe(true);
    expect(visitInTime('2026-06-20', '2026-06-19')).toBe(false);
    expect(visitInTime('2026-09-30', '2026-10-01')).toBe(true);
    expect(visitInTime('2026-10-01', '2026-09-30')).toBe(false);
    expect(visitInTime('2027-01-04', '2026-12-31')).toBe(false);
  });

  it('agrees with a day-by-day count for every start date in 2026 and 2027', () => {
    for (let d = '2026-01-01'; d < '2027-11-01'; d = addDays(d, 1)) {
      expect([d, visitDueOn(cal, d, null, visitInterval)]).toEqual([d, referenceAddWorkingDays(d, 10)]);
    }
  });
});

// ——— census derivations ———

describe('isReReferral (within 12 months of an earlier referral)', () => {
  it('counts a referral exactly 365 days earlier (one calendar year, no 29 February between)', () => {
    expect(isReReferral('2026-06-15', ['2025-06-15'])).toBe(true);
  });

  it('does not count one 366 days earlier when no 29 February lies between', () => {
    expect(isReReferral('2026-06-15', ['2025-06-14'])).toBe(false);
  });

  it('counts the same date a year earlier across a leap day (366 days), as the front door does', () => {
    expect(isReReferral('2024-03-01', ['2023-03-01'])).toBe(true);
    expect(isReReferral('2024-03-01', ['2023-02-28'])).toBe(false);
    expect(isReReferral('2025-02-28', ['2024-02-28'])).toBe(true);
    expect(isReReferral('2025-02-28', ['2024-02-27'])).toBe(false);
  });

  it('takes 28 February as a year before 29 February', () => {
    expect(isReReferral('2024-02-29', ['2023-02-28'])).toBe(true);
    expect(isReReferral('2024-02-29', ['2023-02-27'])).toBe(false);
    expect(isReReferral('2025-03-01', ['2024-02-29'])).toBe(false);
    expect(isReReferral('2025-02-28', ['2024-02-29'])).toBe(true);
  });

  it('ignores a referral on the same day, and later referrals', () => {
    expect(isReReferral('2026-06-15', ['2026-06-15'])).toBe(false);
    expect(isReReferral('2026-06-15', ['2026-06-16', '2027-01-01'])).toBe(false);
    expect(isReReferral('2026-06-15', [])).toBe(false);
  });

  it('is true when any one earlier referral is within the year', () => {
    expect(isReReferral('2026-06-15', ['2020-01-01', '2026-06-16', '2026-01-10'])).toBe(true);
    expect(isReReferral('2026-06-15', ['2026-06-14'])).toBe(true);
  });

  it('agrees with the front door’s DfE rule for every referral date in 2024 and 2025 and earlier ones 360 to 370 days before', () => {
    for (let on = '2024-01-01'; on <= '2025-12-31'; on = addDays(on, 1)) {
      for (let back = 360; back <= 370; back += 1) {
        const earlier = addDays(on, -back);
        expect([on, earlier, isReReferral(on, [earlier])]).toEqual([on, earlier, frontDoorIsReReferral([earlier], on)]);
      }
    }
  });
});

describe('inVoiceCohort (children aged 8 to 17 at the conference)', () => {
  it.each([
    [null, false],
    [0, false],
    [7, false],
    [8, true],
    [12, true],
    [17, true],
    [18, false],
    [25, false],
  ] as const)('age %j → %s', (age, expected) => {
    expect(inVoiceCohort(age)).toBe(expected);
  });

  it('holds exactly the ten ages 8 to 17', () => {
    expect(Array.from({ length: 30 }, (_, i) => i).filter(inVoiceCohort)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
  });
});

describe('assessmentAllows over every status × action', () => {
  const actions: AssessmentAction[] = ['start', 'record', 'submit', 'authorise', 'return'];
  const allowed: Record<string, AssessmentAction[]> = {
    not_started: ['start', 'record', 'submit'],
    in_progress: ['record', 'submit'],
    awaiting_authorisation: ['authorise', 'return'],
    authorised: [],
    bogus: [],
  };

  it('has an expectation for every status', () => {
    expect(ASSESSMENT_STATUSES.map((s) => s.code)).toEqual(['not_started', 'in_progress', 'awaiting_authorisation', 'authorised']);
  });

  it.each(Object.keys(allowed).flatMap((status) => actions.map((action) => ({ status, action, ok: allowed[status]!.includes(action) }))))(
    '$status may $action: $ok',
    ({ status, action, ok }) => {
      expect(assessmentAllows(status, action)).toBe(ok);
    },
  );
});

describe('assessmentSubmitProblems', () => {
  const complete = {
    factors: ['3A', '16A'] as readonly string[],
    seenOn: '2026-03-10' as string | null,
    seenAlone: true as boolean | null,
    viewsHow: 'seen_alone' as string | null,
    viewsWhat: '“I don’t like it when they shout.”' as string | null,
    viewsBy: 'A Social Worker' as string | null,
    analysis: 'Neglect of basic care; domestic abuse in the home.' as string | null,
    outcome: 'strategy_discussion' as string | null,
    primaryNeedCode: 'N1' as string | null,
    referredOn: '2026-03-02',
    today: '2026-04-01',
  };

  it('finds nothing to add to a complete assessment', () => {
    expect(assessmentSubmitProblems(complete)).toEqual({});
  });

  it('accepts a child seen but not alone', () => {
    expect(assessmentSubmitProblems({ ...complete, seenAlone: false })).toEqual({});
  });

  it.each([
    ['factors', { factors: [] }],
    ['seenOn', { seenOn: null }],
    ['seenAlone', { seenAlone: null }],
    ['viewsHow', { viewsHow: null }],
    ['viewsWhat', { viewsWhat: null }],
    ['viewsBy', { viewsBy: null }],
    ['analysis', { analysis: null }],
    ['outcome', { outcome: null }],
    ['primaryNeedCode', { primaryNeedCode: null }],
  ] as const)('names %s alone when only it is missing', (field, change) => {
    expect(keys(assessmentSubmitProblems({ ...complete, ...change }))).toEqual([field]);
  });

  it.each(['viewsWhat', 'viewsBy', 'analysis'] as const)('treats blank %s as missing', (field) => {
    expect(keys(assessmentSubmitProblems({ ...complete, [field]: '' }))).toEqual([field]);
    expect(keys(assessmentSubmitProblems({ ...complete, [field]: ' \n\t ' }))).toEqual([field]);
  });

  it('refuses codes that are not on the lists', () => {
    expect(keys(assessmentSubmitProblems({ ...complete, viewsHow: 'telepathy' }))).toEqual(['viewsHow']);
    expect(keys(assessmentSubmitProblems({ ...complete, outcome: 'cin' }))).toEqual(['outcome']);
    expect(keys(assessmentSubmitProblems({ ...complete, primaryNeedCode: 'N10' }))).toEqual(['primaryNeedCode']);
    expect(keys(assessmentSubmitProblems({ ...complete, primaryNeedCode: '' }))).toEqual(['primaryNeedCode']);
  });

  it.each(VIEWS_GATHERED.map((v) => v.code))('accepts views gathered %s', (viewsHow) => {
    expect(assessmentSubmitProblems({ ...complete, viewsHow })).toEqual({});
  });

  it.each(ASSESSMENT_OUTCOMES.map((o) => o.code))('accepts the outcome %s', (outcome) => {
    expect(assessmentSubmitProblems({ ...complete, outcome })).toEqual({});
  });

  it.each(PRIMARY_NEEDS.map((n) => n.code))('accepts the primary need %s', (primaryNeedCode) => {
    expect(assessmentSubmitProblems({ ...complete, primaryNeedCode })).toEqual({});
  });

  it('accepts every census factor code, and refuses an invalid one even among valid ones', () => {
    // '21' (no factors identified) is left out: it belongs with no further action only.
    expect(assessmentSubmitProblems({ ...complete, factors: ASSESSMENT_FACTORS.map((f) => f.code).filter((c) => c !== '21') })).toEqual({});
    for (const bad of ['8A', '1D', '16a', '', 'NEG']) {
      expect(assessmentSubmitProblems({ ...complete, factors: ['16A', bad] })).toEqual({ factors: 'Select factors from the list' });
    }
  });

  it('takes “No factors identified” alone with no further action, and nothing else with it', () => {
    expect(assessmentSubmitProblems({ ...complete, outcome: 'nfa', factors: ['21'] })).toEqual({});
    expect(keys(assessmentSubmitProblems({ ...complete, outcome: 'nfa', factors: ['21', '16A'] }))).toEqual(['factors']);
    expect(keys(assessmentSubmitProblems({ ...complete, outcome: 'cin_plan', factors: ['21'] }))).toEqual(['factors']);
    expect(assessmentSubmitProblems({ ...complete, outcome: 'nfa', factors: [] }).factors).toMatch(/No factors identified/);
    expect(keys(assessmentSubmitProblems({ ...complete, outcome: 'nfa', factors: ['99Z'] }))).toEqual(['factors']);
  });

  it.each(ASSESSMENT_OUTCOMES.map((o) => o.code))('needs at least one factor for the outcome %s', (outcome) => {
    expect(keys(assessmentSubmitProblems({ ...complete, outcome, factors: [] }))).toEqual(['factors']);
  });

  it('wants the child seen on or after the referral date and not in the future', () => {
    expect(assessmentSubmitProblems({ ...complete, seenOn: complete.referredOn })).toEqual({});
    expect(assessmentSubmitProblems({ ...complete, seenOn: complete.today })).toEqual({});
    expect(assessmentSubmitProblems({ ...complete, seenOn: '2026-03-01' })).toEqual({ seenOn: 'The date the child was seen must be on or after the referral' });
    expect(assessmentSubmitProblems({ ...complete, seenOn: '2025-12-31' }).seenOn).toMatch(/on or after the referral/);
    expect(assessmentSubmitProblems({ ...complete, seenOn: '2026-04-02' })).toEqual({ seenOn: 'The date the child was seen must be today or in the past' });
    expect(assessmentSubmitProblems({ ...complete, seenOn: '2027-01-01' }).seenOn).toMatch(/today or in the past/);
  });

  it('reports every problem at once for an empty assessment', () => {
    const empty = { factors: [], seenOn: null, seenAlone: null, viewsHow: null, viewsWhat: null, viewsBy: null, analysis: null, outcome: null, primaryNeedCode: null, referredOn: '2026-03-02', today: '2026-04-01' };
    expect(keys(assessmentSubmitProblems(empty))).toEqual(['analysis', 'factors', 'outcome', 'primaryNeedCode', 'seenAlone', 'seenOn', 'viewsBy', 'viewsHow', 'viewsWhat']);
  });
});

describe('categoryFromFactors', () => {
  const ABUSE: Record<string, string> = { '16A': 'NEG', '17A': 'EMO', '18B': 'PHY', '18C': 'PHY', '19B': 'SAB', '19C': 'SAB' };
  const abuseCodes = Object.keys(ABUSE);

  it('maps only census factor codes', () => {
    for (const code of abuseCodes) expect(codeIn(ASSESSMENT_FACTORS)(code)).toBe(true);
    for (const category of Object.values(ABUSE)) expect(codeIn(CP_CATEGORIES)(category)).toBe(true);
  });

  it.each(abuseCodes)('gives the category for %s alone', (code) => {
    expect(categoryFromFactors([code])).toBe(ABUSE[code]);
  });

  it('gives null for no factors, and for each factor that is not abuse or neglect', () => {
    expect(categoryFromFactors([])).toBeNull();
    for (const f of ASSESSMENT_FACTORS.map((x) => x.code).filter((c) => !abuseCodes.includes(c))) expect([f, categoryFromFactors([f])]).toEqual([f, null]);
  });

  it('keeps one category for adult-on-child and child-on-child of the same kind', () => {
    expect(categoryFromFactors(['18B', '18C'])).toBe('PHY');
    expect(categoryFromFactors(['19B', '19C'])).toBe('SAB');
    expect(categoryFromFactors(['16A', '16A'])).toBe('NEG');
  });

  it('gives MUL for two or more categories, whatever else is there', () => {
    expect(categoryFromFactors(['16A', '17A'])).toBe('MUL');
    expect(categoryFromFactors(['3A', '18C', '19B', '1B'])).toBe('MUL');
    expect(categoryFromFactors(['3A', '16A', '1B'])).toBe('NEG');
  });

  it('agrees with the category count for every combination of the abuse factors', () => {
    for (let mask = 0; mask < 1 << abuseCodes.length; mask += 1) {
      const factors = abuseCodes.filter((_, i) => mask & (1 << i));
      const categories = new Set(factors.map((f) => ABUSE[f]));
      const expected = categories.size === 0 ? null : categories.size === 1 ? [...categories][0] : 'MUL';
      expect([factors, categoryFromFactors(['7A', ...factors, '24A'])]).toEqual([factors, expected]);
    }
  });
});

describe('codeIn', () => {
  it('is false for null, undefined, empty and unknown codes', () => {
    const isCategory = codeIn(CP_CATEGORIES);
    expect([null, undefined, '', 'neg', 'XXX'].map(isCategory)).toEqual([false, false, false, false, false]);
    expect(CP_CATEGORIES.map((c) => isCategory(c.code))).toEqual([true, true, true, true, true]);
  });
});

describe('inTimeSince', () => {
  it('is overdue exactly when the clock from the last visit ran out before today, for every day of 2026', () => {
    for (let today = '2026-01-10'; today < '2027-01-01'; today = addDays(today, 1)) {
      const since = inTimeSince(cal, today, 10);
      for (let last = addDays(since, -5); last <= addDays(since, 5); last = addDays(last, 1)) {
        expect([today, last, last < since]).toEqual([today, last, visitDueOn(cal, last, null, visitInterval) < today]);
      }
    }
  });

  it('is today for a clock of no days', () => {
    expect(inTimeSince(cal, '2026-06-10', 0)).toBe('2026-06-10');
  });

  it('reaches back over a weekend and a bank holiday', () => {
    // Tuesday 26 May 2026 (Monday 25 May a bank holiday): a visit on Monday 11 May is due on the 26th, one on Sunday 10 May on Friday 22nd.
    expect(inTimeSince(cal, '2026-05-26', 10)).toBe('2026-05-11');
  });
});
