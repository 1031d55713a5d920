import { describe, expect, it } from 'vitest';
import {
  ASSESSMENT_KINDS,
  DOLS_ACTIONS,
  DOLS_ASSESSMENTS,
  DOLS_CLOCKS,
  DOLS_STATUS_CODES,
  SCREENING_FACTORS,
  type AssessmentKind,
  type AssessmentResult,
  type DecisionInput,
  type DolsStatus,
  actionProblem,
  actionsFor,
  allocationProblems,
  anniversary,
  applicationAllows,
  applicationProblems,
  assessmentProblems,
  authorisationState,
  daysBetween,
  daysWaiting,
  decidedInTime,
  decisionDueOn,
  decisionFromAssessments,
  decisionProblems,
  dueState,
  expiresWithin28Days,
  extensionProblems,
  isAssessmentKind,
  isDolsKind,
  isDolsPriority,
  isDolsSetting,
  isDolsStatus,
  isOpen,
  isScreeningFactor,
  longDate,
  maxAuthorisedUntil,
  priorityProblems,
  priorityRank,
  priorityReasonText,
  relativeDays,
  reviewDueOn,
  screenPriority,
  summariseAssessments,
  urgentExpiresOn,
  urgentState,
  withdrawalProblems,
} from './dols.js';
import { addDays } from './time.js';

const allMet = (): AssessmentResult[] => ASSESSMENT_KINDS.map((kind) => ({ kind, outcome: 'met' }));
const withOutcome = (kind: AssessmentKind, outcome: string): AssessmentResult[] => allMet().map((a) => (a.kind === kind ? { kind, outcome } : a));

describe('code lists', () => {
  it('has exactly the five statuses the measures count', () => {
    expect(DOLS_STATUS_CODES).toEqual(['received', 'allocated', 'granted', 'not_granted', 'withdrawn']);
    for (const s of DOLS_STATUS_CODES) expect(isDolsStatus(s)).toBe(true);
    for (const s of ['open', 'decided', '', null, 3, 'Received']) expect(isDolsStatus(s)).toBe(false);
    expect(isOpen('received')).toBe(true);
    expect(isOpen('allocated')).toBe(true);
    expect(isOpen('granted')).toBe(false);
    expect(isOpen('not_granted')).toBe(false);
    expect(isOpen('withdrawn')).toBe(false);
  });

  it('knows the kinds, settings and priorities', () => {
    expect(isDolsKind('urgent')).toBe(true);
    expect(isDolsKind('standard')).toBe(true);
    expect(isDolsKind('emergency')).toBe(false);
    expect(isDolsSetting('care_home')).toBe(true);
    expect(isDolsSetting('hospital')).toBe(true);
    expect(isDolsSetting('supported_living')).toBe(false);
    for (const p of ['high', 'medium', 'low']) expect(isDolsPriority(p)).toBe(true);
    expect(isDolsPriority('standard')).toBe(false);
    expect([priorityRank('high'), priorityRank('medium'), priorityRank('low')]).toEqual([3, 2, 1]);
  });

  it('has the six assessments of Schedule A1 para 12, each with its question', () => {
    expect(ASSESSMENT_KINDS).toEqual(['age', 'no_refusals', 'mental_capacity', 'mental_health', 'eligibility', 'best_interests']);
    expect(DOLS_ASSESSMENTS.map((a) => a.code)).toEqual(ASSESSMENT_KINDS);
    for (const a of DOLS_ASSESSMENTS) expect(a.question).toMatch(/\?$/);
    expect(isAssessmentKind('best_interests')).toBe(true);
    expect(isAssessmentKind('capacity')).toBe(false);
  });

  it('keeps every clock as data with its source, in calendar days or months', () => {
    expect(DOLS_CLOCKS.urgent.amount).toBe(7);
    expect(DOLS_CLOCKS.urgentExtension.amount).toBe(7);
    expect(DOLS_CLOCKS.standard.amount).toBe(21);
    expect(DOLS_CLOCKS.authorisation).toMatchObject({ amount: 12, unit: 'months' });
    expect(DOLS_CLOCKS.review.amount).toBe(28);
    expect(DOLS_CLOCKS.urgent.source).toContain('Schedule A1 paras 76 and 78');
    expect(DOLS_CLOCKS.standard.source).toContain('para 50');
    for (const c of Object.values(DOLS_CLOCKS)) expect(c.source).toMatch(/Mental Capacity Act 2005/);
  });
});

describe('calendar arithmetic', () => {
  it('counts calendar days across month and year ends', () => {
    expect(daysBetween('2027-01-31', '2027-02-01')).toBe(1);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2027-02-28', '2027-03-01')).toBe(1);
    expect(daysBetween('2027-03-01', '2027-02-28')).toBe(-1);
    // across the clocks going forward and back: still whole days
    expect(daysBetween('2027-03-27', '2027-03-29')).toBe(2);
    expect(daysBetween('2027-10-30', '2027-11-01')).toBe(2);
  });

  it('finds the anniversary, with 29 February becoming 1 March in a common year', () => {
    expect(anniversary('2026-06-15', 1)).toBe('2027-06-15');
    expect(anniversary('2028-02-29', 1)).toBe('2029-03-01');
    expect(anniversary('2028-02-29', 4)).toBe('2032-02-29');
    expect(anniversary('2027-02-28', 1)).toBe('2028-02-28');
    expect(anniversary('2026-12-31', 1)).toBe('2027-12-31');
  });

  it('counts days waiting, never below zero', () => {
    expect(daysWaiting('2027-01-01', '2027-01-01')).toBe(0);
    expect(daysWaiting('2027-01-01', '2027-01-31')).toBe(30);
    expect(daysWaiting('2027-02-01', '2027-01-31')).toBe(0);
    expect(daysWaiting('2027-12-31', '2028-12-31')).toBe(366);
  });
});

describe('the urgent clock: 7 calendar days, extendable once by 7', () => {
  it('expires 7 days from the day it was given, 14 once extended', () => {
    expect(urgentExpiresOn('2027-06-01', false)).toBe('2027-06-08');
    expect(urgentExpiresOn('2027-06-01', true)).toBe('2027-06-15');
  });

  it('crosses month ends, year ends and 29 February', () => {
    expect(urgentExpiresOn('2027-01-28', false)).toBe('2027-02-04');
    expect(urgentExpiresOn('2027-02-25', false)).toBe('2027-03-04');
    expect(urgentExpiresOn('2028-02-25', false)).toBe('2028-03-03');
    expect(urgentExpiresOn('2028-02-22', false)).toBe('2028-02-29');
    expect(urgentExpiresOn('2028-02-22', true)).toBe('2028-03-07');
    expect(urgentExpiresOn('2027-02-22', true)).toBe('2027-03-08');
    expect(urgentExpiresOn('2026-12-28', false)).toBe('2027-01-04');
    expect(urgentExpiresOn('2026-04-30', false)).toBe('2026-05-07');
  });

  it('says how long is left, and when it has expired', () => {
    const urgent = { kind: 'urgent' as const, urgentFrom: '2027-06-01', urgentExtended: false };
    expect(urgentState(urgent, '2027-06-01')).toEqual({ expiresOn: '2027-06-08', daysLeft: 7, expired: false, extended: false });
    expect(urgentState(urgent, '2027-06-08')).toMatchObject({ daysLeft: 0, expired: false });
    expect(urgentState(urgent, '2027-06-09')).toMatchObject({ daysLeft: -1, expired: true });
    expect(urgentState({ ...urgent, urgentExtended: true }, '2027-06-09')).toMatchObject({ expiresOn: '2027-06-15', daysLeft: 6, expired: false, extended: true });
    expect(urgentState({ kind: 'standard', urgentFrom: null, urgentExtended: false }, '2027-06-09')).toBeNull();
    expect(urgentState({ kind: 'urgent', urgentFrom: null, urgentExtended: false }, '2027-06-09')).toBeNull();
  });
});

describe('the standard clock: decided within 21 calendar days of receipt', () => {
  const standard = (receivedOn: string) => ({ kind: 'standard' as const, receivedOn, urgentFrom: null, urgentExtended: false });

  it('is 21 calendar days from receipt, across month ends and leap years', () => {
    expect(decisionDueOn(standard('2027-06-01'))).toBe('2027-06-22');
    expect(decisionDueOn(standard('2027-01-31'))).toBe('2027-02-21');
    expect(decisionDueOn(standard('2027-02-10'))).toBe('2027-03-03');
    expect(decisionDueOn(standard('2028-02-10'))).toBe('2028-03-02');
    expect(decisionDueOn(standard('2028-02-08'))).toBe('2028-02-29');
    expect(decisionDueOn(standard('2026-12-20'))).toBe('2027-01-10');
  });

  it('is by the end of the urgent authorisation when there is one', () => {
    expect(decisionDueOn({ kind: 'urgent', receivedOn: '2027-06-02', urgentFrom: '2027-06-01', urgentExtended: false })).toBe('2027-06-08');
    expect(decisionDueOn({ kind: 'urgent', receivedOn: '2027-06-02', urgentFrom: '2027-06-01', urgentExtended: true })).toBe('2027-06-15');
    expect(decisionDueOn({ kind: 'urgent', receivedOn: '2028-02-27', urgentFrom: '2028-02-26', urgentExtended: true })).toBe('2028-03-11');
    // an urgent application without its date (never saved so) falls back to 21 days
    expect(decisionDueOn({ kind: 'urgent', receivedOn: '2027-06-02', urgentFrom: null, urgentExtended: false })).toBe('2027-06-23');
  });

  it('says where a due date stands', () => {
    expect(dueState('2027-06-22', '2027-06-23')).toBe('overdue');
    expect(dueState('2027-06-22', '2027-06-22')).toBe('due_today');
    expect(dueState('2027-06-22', '2027-06-21')).toBe('due_soon');
    expect(dueState('2027-06-22', '2027-06-19')).toBe('due_soon');
    expect(dueState('2027-06-22', '2027-06-18')).toBe('in_time');
  });

  it('counts a decision on its due date as in time', () => {
    expect(decidedInTime('2027-06-22', '2027-06-22')).toBe(true);
    expect(decidedInTime('2027-06-22', '2027-06-01')).toBe(true);
    expect(decidedInTime('2027-06-22', '2027-06-23')).toBe(false);
  });
});

describe('the authorisation: at most a year, reviewed in its last 28 days', () => {
  it('runs to the day before the anniversary at most', () => {
    expect(maxAuthorisedUntil('2027-01-01')).toBe('2027-12-31');
    expect(maxAuthorisedUntil('2027-03-01')).toBe('2028-02-29');
    expect(maxAuthorisedUntil('2028-03-01')).toBe('2029-02-28');
    expect(maxAuthorisedUntil('2028-02-29')).toBe('2029-02-28');
    expect(maxAuthorisedUntil('2027-02-28')).toBe('2028-02-27');
    expect(maxAuthorisedUntil('2026-08-31')).toBe('2027-08-30');
  });

  it('is due for review 28 days before it ends', () => {
    expect(reviewDueOn('2027-12-31')).toBe('2027-12-03');
    expect(reviewDueOn('2028-03-10')).toBe('2028-02-11');
    expect(reviewDueOn('2027-03-10')).toBe('2027-02-10');
    expect(reviewDueOn('2028-03-28')).toBe('2028-02-29');
  });

  it('is not started, in force, due for review or expired', () => {
    expect(authorisationState('2027-01-10', '2027-12-31', '2027-01-09')).toBe('not_started');
    expect(authorisationState('2027-01-10', '2027-12-31', '2027-01-10')).toBe('in_force');
    expect(authorisationState('2027-01-10', '2027-12-31', '2027-12-02')).toBe('in_force');
    expect(authorisationState('2027-01-10', '2027-12-31', '2027-12-03')).toBe('review_due');
    expect(authorisationState('2027-01-10', '2027-12-31', '2027-12-31')).toBe('review_due');
    expect(authorisationState('2027-01-10', '2027-12-31', '2028-01-01')).toBe('expired');
  });

  it('expires within 28 days from today to 28 days on', () => {
    expect(expiresWithin28Days('2027-12-31', '2027-12-31')).toBe(true);
    expect(expiresWithin28Days('2027-12-31', '2027-12-03')).toBe(true);
    expect(expiresWithin28Days('2027-12-31', '2027-12-02')).toBe(false);
    expect(expiresWithin28Days('2027-12-31', '2028-01-01')).toBe(false);
    expect(expiresWithin28Days('2028-03-01', '2028-02-02')).toBe(true);
    expect(expiresWithin28Days('2028-03-01', '2028-02-01')).toBe(false);
  });
});

describe('prioritisation (the ADASS screening tool idea)', () => {
  it('makes every urgent application high, with the urgent authorisation as its reason', () => {
    expect(screenPriority('urgent', [])).toEqual({ priority: 'high', reasons: ['An urgent authorisation is in place'] });
  });

  it('makes each high factor high on its own', () => {
    for (const f of SCREENING_FACTORS.filter((x) => x.priority === 'high')) {
      expect(screenPriority('standard', [f.code])).toEqual({ priority: 'high', reasons: [f.label] });
    }
  });

  it('makes each medium factor medium on its own, and a high factor wins over medium ones', () => {
    for (const f of SCREENING_FACTORS.filter((x) => x.priority === 'medium')) {
      expect(screenPriority('standard', [f.code])).toEqual({ priority: 'medium', reasons: [f.label] });
      expect(screenPriority('standard', [f.code, 'objecting']).priority).toBe('high');
      expect(screenPriority('standard', [f.code, 'objecting']).reasons).toEqual(['The person objects to being there, or is trying to leave']);
    }
  });

  it('is low with none of the factors, and ignores codes it does not know', () => {
    expect(screenPriority('standard', []).priority).toBe('low');
    expect(screenPriority('standard', ['made_up']).priority).toBe('low');
    expect(screenPriority('standard', [])).toMatchObject({ reasons: [expect.stringContaining('settled')] });
    expect(isScreeningFactor('objecting')).toBe(true);
    expect(isScreeningFactor('made_up')).toBe(false);
  });

  it('lists every reason found, in the tool’s order', () => {
    expect(screenPriority('urgent', ['restraint', 'objecting']).reasons).toEqual([
      'An urgent authorisation is in place',
      'The person objects to being there, or is trying to leave',
      'Restraint or restrictive physical intervention is used',
    ]);
  });

  it('refuses a priority lower than the screening gives, and asks why for a higher one', () => {
    expect(priorityProblems({ kind: 'urgent', factors: [], priority: 'medium', note: null }).priority).toMatch(/^The screening answers make this high priority \(an urgent authorisation is in place\): choose high priority/);
    expect(priorityProblems({ kind: 'standard', factors: ['fluctuating'], priority: 'low', note: 'x' }).priority).toContain('medium priority');
    expect(priorityProblems({ kind: 'standard', factors: ['objecting'], priority: 'high', note: null })).toEqual({});
    expect(priorityProblems({ kind: 'standard', factors: [], priority: 'low', note: null })).toEqual({});
    expect(priorityProblems({ kind: 'standard', factors: [], priority: 'high', note: null })).toEqual({ priorityNote: 'Enter why the priority is higher than the screening answers give (low)' });
    expect(priorityProblems({ kind: 'standard', factors: [], priority: 'medium', note: 'Family worried about weight loss' })).toEqual({});
  });

  it('keeps the reasons in one line, with the lead’s note after them', () => {
    expect(priorityReasonText('urgent', ['objecting'], null)).toBe('An urgent authorisation is in place; The person objects to being there, or is trying to leave');
    expect(priorityReasonText('standard', [], 'Raised: falls')).toMatch(/settled.*\. Raised: falls$/);
  });
});

describe('the six assessments and the decision they lead to', () => {
  it('summarises met, not met and missing in statutory order', () => {
    expect(summariseAssessments([])).toEqual({ met: [], notMet: [], missing: [...ASSESSMENT_KINDS], allMet: false, anyNotMet: false });
    expect(summariseAssessments(allMet())).toMatchObject({ allMet: true, anyNotMet: false, missing: [] });
    const s = summariseAssessments([{ kind: 'best_interests', outcome: 'not_met' }, { kind: 'age', outcome: 'met' }, { kind: 'nonsense', outcome: 'met' }, { kind: 'mental_health', outcome: 'maybe' }]);
    expect(s).toEqual({ met: ['age'], notMet: ['best_interests'], missing: ['no_refusals', 'mental_capacity', 'mental_health', 'eligibility'], allMet: false, anyNotMet: true });
  });

  it('grants only when all six are met', () => {
    expect(decisionFromAssessments(allMet())).toBe('granted');
    for (let n = 0; n < ASSESSMENT_KINDS.length; n += 1) {
      expect(decisionFromAssessments(allMet().slice(0, n))).toBeNull();
    }
  });

  it('does not grant when any one is not met, whatever the others', () => {
    for (const kind of ASSESSMENT_KINDS) {
      expect(decisionFromAssessments(withOutcome(kind, 'not_met'))).toBe('not_granted');
      expect(decisionFromAssessments([{ kind, outcome: 'not_met' }])).toBe('not_granted');
    }
  });
});

describe('what each status allows', () => {
  it('lets an unallocated application be allocated, prioritised, extended and withdrawn, not assessed or decided', () => {
    expect(actionsFor('received')).toEqual(['allocate', 'prioritise', 'extend_urgent', 'withdraw']);
    expect(actionProblem('received', 'assess')).toBe('Allocate the application to an assessor before recording assessments');
    expect(actionProblem('received', 'decide')).toBe('Allocate the application to an assessor before recording the decision');
  });

  it('lets an allocated application do everything', () => {
    for (const a of DOLS_ACTIONS) {
      expect(applicationAllows('allocated', a)).toBe(true);
      expect(actionProblem('allocated', a)).toBeNull();
    }
  });

  it('keeps a decided or withdrawn application read only, saying why', () => {
    for (const status of ['granted', 'not_granted', 'withdrawn'] as DolsStatus[]) {
      expect(actionsFor(status)).toEqual([]);
      for (const a of DOLS_ACTIONS) expect(actionProblem(status, a)).toMatch(/^This application has been (decided|withdrawn)/);
    }
    expect(actionProblem('granted', 'withdraw')).toContain('was granted');
    expect(actionProblem('not_granted', 'allocate')).toContain('was not granted');
  });

  it('answers for every status and action', () => {
    for (const s of DOLS_STATUS_CODES) for (const a of DOLS_ACTIONS) expect(applicationAllows(s, a) === (actionProblem(s, a) === null)).toBe(true);
  });
});

describe('a new application', () => {
  const base = { kind: 'standard' as const, dateOfBirth: '1940-05-05', urgentFrom: null, receivedOn: '2027-06-10' };

  it('accepts an adult’s standard request', () => {
    expect(applicationProblems(base)).toEqual({});
  });

  it('refuses someone under 18, on the day before and accepts them on their 18th birthday', () => {
    expect(applicationProblems({ ...base, dateOfBirth: '2009-06-11' }).dateOfBirth).toMatch(/18 or over/);
    expect(applicationProblems({ ...base, dateOfBirth: '2009-06-10' })).toEqual({});
    // born on 29 February: 18 on 1 March in a common year
    expect(applicationProblems({ ...base, dateOfBirth: '2008-02-29', receivedOn: '2026-02-28' }).dateOfBirth).toMatch(/18 or over/);
    expect(applicationProblems({ ...base, dateOfBirth: '2008-02-29', receivedOn: '2026-03-01' })).toEqual({});
  });

  it('refuses a date of birth in the future or more than 120 years ago', () => {
    expect(applicationProblems({ ...base, dateOfBirth: '2027-06-11' }).dateOfBirth).toBe('Date of birth must be today or in the past');
    expect(applicationProblems({ ...base, dateOfBirth: '1906-06-09' }).dateOfBirth).toMatch(/within the last 120 years/);
    expect(applicationProblems({ ...base, dateOfBirth: '1907-06-10' })).toEqual({});
  });

  it('needs an urgent authorisation’s date, on or before receipt and not expired on receipt', () => {
    const urgent = { ...base, kind: 'urgent' as const };
    expect(applicationProblems(urgent).urgentFrom).toBe('Enter the date the managing authority gave the urgent authorisation');
    expect(applicationProblems({ ...urgent, urgentFrom: '2027-06-10' })).toEqual({});
    expect(applicationProblems({ ...urgent, urgentFrom: '2027-06-03' })).toEqual({});
    expect(applicationProblems({ ...urgent, urgentFrom: '2027-06-02' }).urgentFrom).toBe('The urgent authorisation expired on 9 June 2027: record the application as a standard request');
    expect(applicationProblems({ ...urgent, urgentFrom: '2027-06-11' }).urgentFrom).toBe('The urgent authorisation must have been given today or before');
    // across 29 February
    expect(applicationProblems({ ...urgent, receivedOn: '2028-03-07', urgentFrom: '2028-02-29' })).toEqual({});
    expect(applicationProblems({ ...urgent, receivedOn: '2028-03-08', urgentFrom: '2028-02-29' }).urgentFrom).toContain('7 March 2028');
  });

  it('refuses an urgent date on a standard request', () => {
    expect(applicationProblems({ ...base, urgentFrom: '2027-06-09' }).urgentFrom).toMatch(/^Only an urgent application/);
  });
});

describe('allocation', () => {
  it('allocates an open application to an eligible, different assessor', () => {
    expect(allocationProblems({ status: 'received', assessorUserId: 'a', currentAssessorUserId: null, eligible: true })).toEqual({});
    expect(allocationProblems({ status: 'allocated', assessorUserId: 'b', currentAssessorUserId: 'a', eligible: true })).toEqual({});
    expect(allocationProblems({ status: 'allocated', assessorUserId: 'A', currentAssessorUserId: 'a', eligible: true }).assessorId).toMatch(/already has/);
    expect(allocationProblems({ status: 'received', assessorUserId: 'a', currentAssessorUserId: null, eligible: false }).assessorId).toBe('Select an assessor from the list');
    expect(allocationProblems({ status: 'granted', assessorUserId: 'a', currentAssessorUserId: null, eligible: true }).assessorId).toMatch(/decided/);
  });
});

describe('extending an urgent authorisation', () => {
  const urgent = { status: 'received' as DolsStatus, kind: 'urgent' as const, urgentFrom: '2028-02-24', extended: false };

  it('extends once, while it is in force (to the end of its expiry day)', () => {
    expect(extensionProblems({ ...urgent, today: '2028-02-24' })).toEqual({});
    expect(extensionProblems({ ...urgent, today: '2028-03-02' })).toEqual({});
    expect(extensionProblems({ ...urgent, today: '2028-03-03' }).exceptional).toBe('The urgent authorisation expired on 2 March 2028: an expired authorisation cannot be extended');
    expect(extensionProblems({ ...urgent, extended: true, today: '2028-02-25' }).exceptional).toMatch(/already been extended once/);
  });

  it('refuses a standard request and a decided application', () => {
    expect(extensionProblems({ ...urgent, kind: 'standard', urgentFrom: null, today: '2028-02-25' }).exceptional).toMatch(/^Only an urgent authorisation/);
    expect(extensionProblems({ ...urgent, status: 'withdrawn', today: '2028-02-25' }).exceptional).toMatch(/withdrawn/);
  });
});

describe('recording an assessment', () => {
  const base = { status: 'allocated' as DolsStatus, kind: 'mental_capacity' as AssessmentKind, outcome: 'met' as const, note: null, completedOn: '2027-06-12', receivedOn: '2027-06-10', today: '2027-06-14', recorded: [] as string[] };

  it('records a met assessment without a note', () => {
    expect(assessmentProblems(base)).toEqual({});
  });

  it('needs a reason when the requirement is not met', () => {
    expect(assessmentProblems({ ...base, outcome: 'not_met' }).note).toBe('Enter why the requirement is not met');
    expect(assessmentProblems({ ...base, outcome: 'not_met', note: 'Has capacity to decide' })).toEqual({});
  });

  it('records each assessment once', () => {
    expect(assessmentProblems({ ...base, recorded: ['mental_capacity'] }).kind).toBe('The mental capacity assessment has already been recorded');
  });

  it('is dated between receipt and today', () => {
    expect(assessmentProblems({ ...base, completedOn: '2027-06-15' }).completedOn).toMatch(/today or in the past/);
    expect(assessmentProblems({ ...base, completedOn: '2027-06-09' }).completedOn).toContain('10 June 2027');
    expect(assessmentProblems({ ...base, completedOn: '2027-06-10' })).toEqual({});
    expect(assessmentProblems({ ...base, completedOn: '2027-06-14' })).toEqual({});
  });

  it('needs the application allocated', () => {
    expect(assessmentProblems({ ...base, status: 'received' }).kind).toMatch(/^Allocate/);
    expect(assessmentProblems({ ...base, status: 'granted' }).kind).toMatch(/decided/);
  });
});

describe('the decision', () => {
  const grant: DecisionInput = {
    status: 'allocated',
    decision: 'granted',
    assessments: allMet(),
    authorisedFrom: '2027-06-20',
    authorisedUntil: '2027-12-19',
    note: null,
    receivedOn: '2027-06-10',
    decidedOn: '2027-06-20',
  };

  it('grants for up to 12 months when all six are met', () => {
    expect(decisionProblems(grant)).toEqual({});
    expect(decisionProblems({ ...grant, authorisedUntil: '2028-06-19' })).toEqual({});
    expect(decisionProblems({ ...grant, authorisedUntil: '2028-06-20' }).authorisedUntil).toBe('An authorisation lasts no more than 12 months: it must end on or before 19 June 2028');
  });

  it('keeps the 12 months across 29 February', () => {
    expect(decisionProblems({ ...grant, receivedOn: '2028-02-20', decidedOn: '2028-02-29', authorisedFrom: '2028-02-29', authorisedUntil: '2029-02-28' })).toEqual({});
    expect(decisionProblems({ ...grant, receivedOn: '2028-02-20', decidedOn: '2028-02-29', authorisedFrom: '2028-02-29', authorisedUntil: '2029-03-01' }).authorisedUntil).toContain('28 February 2029');
    expect(decisionProblems({ ...grant, receivedOn: '2027-02-20', decidedOn: '2027-03-01', authorisedFrom: '2027-03-01', authorisedUntil: '2028-02-29' })).toEqual({});
  });

  it('refuses to grant with an assessment missing or not met, naming them', () => {
    expect(decisionProblems({ ...grant, assessments: allMet().slice(0, 4) }).decision).toBe('The authorisation can be granted only when all six assessments are met: record the eligibility and best interests assessments first');
    expect(decisionProblems({ ...grant, assessments: allMet().slice(0, 5) }).decision).toBe('The authorisation can be granted only when all six assessments are met: record the best interests assessment first');
    expect(decisionProblems({ ...grant, assessments: withOutcome('best_interests', 'not_met') }).decision).toBe('The authorisation cannot be granted: the best interests requirement is not met');
    const two = withOutcome('age', 'not_met').map((a) => (a.kind === 'mental_health' ? { ...a, outcome: 'not_met' } : a));
    expect(decisionProblems({ ...grant, assessments: two }).decision).toBe('The authorisation cannot be granted: the age and mental health requirements are not met');
  });

  it('needs sensible dates to grant', () => {
    expect(decisionProblems({ ...grant, authorisedFrom: null, authorisedUntil: null })).toEqual({ authorisedFrom: 'Enter the date the authorisation starts', authorisedUntil: 'Enter the date the authorisation ends' });
    expect(decisionProblems({ ...grant, authorisedFrom: '2027-06-09' }).authorisedFrom).toContain('10 June 2027');
    expect(decisionProblems({ ...grant, authorisedFrom: '2027-07-18', authorisedUntil: '2027-12-19' })).toEqual({});
    expect(decisionProblems({ ...grant, authorisedFrom: '2027-06-10', authorisedUntil: '2027-12-19' })).toEqual({});
    expect(decisionProblems({ ...grant, authorisedFrom: addDays('2027-06-20', 29) }).authorisedFrom).toBe('The authorisation must start within 28 days of the decision');
    expect(decisionProblems({ ...grant, authorisedUntil: '2027-06-19' }).authorisedUntil).toBe('The authorisation must end on or after the day it starts');
    expect(decisionProblems({ ...grant, authorisedFrom: '2027-06-12', authorisedUntil: '2027-06-15' }).authorisedUntil).toBe('The authorisation must end today or later');
  });

  it('does not grant only when an assessment is not met, with its reason and no dates', () => {
    const refuse: DecisionInput = { ...grant, decision: 'not_granted', assessments: withOutcome('mental_capacity', 'not_met'), authorisedFrom: null, authorisedUntil: null, note: 'Has capacity' };
    expect(decisionProblems(refuse)).toEqual({});
    expect(decisionProblems({ ...refuse, assessments: [{ kind: 'mental_capacity', outcome: 'not_met' }] })).toEqual({});
    expect(decisionProblems({ ...refuse, note: null }).note).toBe('Enter why the authorisation is not granted');
    expect(decisionProblems({ ...refuse, authorisedFrom: '2027-06-20' }).authorisedFrom).toMatch(/leave the dates empty/);
    expect(decisionProblems({ ...refuse, assessments: allMet() }).decision).toBe('All six assessments are met: the authorisation must be granted');
    expect(decisionProblems({ ...refuse, assessments: [] }).decision).toMatch(/record the assessment that is not met first/);
  });

  it('needs the application allocated and open', () => {
    expect(decisionProblems({ ...grant, status: 'received' }).decision).toMatch(/^Allocate/);
    expect(decisionProblems({ ...grant, status: 'granted' }).decision).toMatch(/decided/);
    expect(decisionProblems({ ...grant, status: 'withdrawn' }).decision).toMatch(/withdrawn/);
  });
});

describe('withdrawal', () => {
  it('withdraws an open application with a reason', () => {
    expect(withdrawalProblems({ status: 'received', reason: 'Died on the ward' })).toEqual({});
    expect(withdrawalProblems({ status: 'allocated', reason: 'Discharged home' })).toEqual({});
    expect(withdrawalProblems({ status: 'allocated', reason: null }).reason).toBe('Enter why the application is withdrawn');
    expect(withdrawalProblems({ status: 'not_granted', reason: 'x' }).reason).toMatch(/decided/);
  });
});

describe('words', () => {
  it('writes dates and relative days', () => {
    expect(longDate('2028-02-29')).toBe('29 February 2028');
    expect(relativeDays(0)).toBe('today');
    expect(relativeDays(1)).toBe('tomorrow');
    expect(relativeDays(-1)).toBe('yesterday');
    expect(relativeDays(5)).toBe('in 5 days');
    expect(relativeDays(-12)).toBe('12 days ago');
  });
});
