import { describe, expect, it } from 'vitest';
import {
  ALL_DECISIONS,
  BOARD_KINDS,
  BOARD_OF_KIND,
  CDOP_CATEGORIES,
  CLOCK_TITLES,
  type ClockCode,
  MODIFIABLE_FACTORS,
  NOTIFIABLE_KINDS,
  RAPID_REVIEW_DECISIONS,
  REPORT_RECIPIENT,
  REVIEW_KINDS,
  REVIEW_STAGES,
  type ReviewDates,
  type ReviewKind,
  type ReviewState,
  type ReviewStep,
  type S44Answers,
  STAGES_OF_KIND,
  STEP_ORDER,
  clocksNeedingAttention,
  clocksOf,
  dateProblem,
  firstStage,
  incidentProblems,
  isReviewKind,
  openSteps,
  publishes,
  s44CriteriaMet,
  s44Mandatory,
  sarDecision,
  stageAfterDecision,
  stepProblem,
} from './learning-reviews.js';
import { DEFAULT_TIMESCALES } from './timescales.js';

const codes = (l: readonly { code: string }[]) => l.map((c) => c.code);
const KINDS = codes(REVIEW_KINDS) as ReviewKind[];

describe('the kinds, stages and code lists', () => {
  it('has the six kinds of review, and every kind but the LCSPR is notified directly', () => {
    expect(KINDS).toEqual(['rapid_review', 'lcspr', 'sar', 'dhr', 'practice_review', 'child_death_review']);
    expect(codes(NOTIFIABLE_KINDS)).toEqual(['rapid_review', 'sar', 'dhr', 'practice_review', 'child_death_review']);
    expect(isReviewKind('sar')).toBe(true);
    expect(isReviewKind('scr')).toBe(false);
  });

  it('runs each kind through its own stages, in the order of the whole journey', () => {
    const order = codes(REVIEW_STAGES);
    expect(order).toEqual(['notified', 'rapid_review', 'in_review', 'report', 'published', 'closed']);
    for (const kind of KINDS) {
      const stages = STAGES_OF_KIND[kind];
      expect(stages.map((s) => order.indexOf(s))).toEqual([...stages.map((s) => order.indexOf(s))].sort((a, b) => a - b));
      expect(stages.at(-1)).toBe('closed');
      expect(firstStage(kind)).toBe(stages[0]);
    }
    expect(STAGES_OF_KIND.rapid_review).toEqual(['notified', 'rapid_review', 'closed']);
    expect(STAGES_OF_KIND.child_death_review).toEqual(['in_review', 'closed']);
    expect(STAGES_OF_KIND.practice_review).toEqual(['in_review', 'report', 'published', 'closed']);
  });

  it('publishes every kind but the rapid review and the child death review', () => {
    expect(KINDS.filter(publishes)).toEqual(['lcspr', 'sar', 'dhr', 'practice_review']);
  });

  it('gives each kind a board (a practice review chooses its own) and a report recipient', () => {
    for (const kind of KINDS) {
      const board = BOARD_OF_KIND[kind];
      if (board) expect(codes(BOARD_KINDS)).toContain(board);
      expect(REPORT_RECIPIENT[kind]).toBeTruthy();
    }
    expect(BOARD_OF_KIND.practice_review).toBeUndefined();
    expect(BOARD_OF_KIND.sar).toBe('adults');
    expect(BOARD_OF_KIND.dhr).toBe('community_safety');
  });

  it('has the ten NCMD categories of death in order, and the three answers on modifiable factors', () => {
    expect(codes(CDOP_CATEGORIES)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(CDOP_CATEGORIES[0]!.label).toMatch(/Deliberately inflicted injury, abuse or neglect/);
    expect(CDOP_CATEGORIES[9]!.label).toMatch(/Sudden unexpected, unexplained death/);
    expect(codes(MODIFIABLE_FACTORS)).toEqual(['yes', 'no', 'insufficient']);
  });

  it('has the rapid review’s three decisions, and every decision has words', () => {
    expect(codes(RAPID_REVIEW_DECISIONS)).toEqual(['lcspr', 'no_lcspr', 'national_review']);
    expect(new Set(codes(ALL_DECISIONS)).size).toBe(ALL_DECISIONS.length);
  });

  it('goes ahead after a decision to hold a DHR or SAR, and closes otherwise', () => {
    expect(stageAfterDecision('dhr')).toBe('in_review');
    expect(stageAfterDecision('sar')).toBe('in_review');
    for (const d of ['no_dhr', 'no_sar', 'lcspr', 'no_lcspr', 'national_review']) expect(stageAfterDecision(d)).toBe('closed');
  });
});

describe('Care Act 2014 s44', () => {
  const all = [true, false];
  const cases: S44Answers[] = [];
  for (const careAndSupportNeeds of all) for (const concernAboutPartners of all) for (const adultDied of all) for (const abuseOrNeglect of all) cases.push({ careAndSupportNeeds, concernAboutPartners, adultDied, abuseOrNeglect });

  it.each(cases.map((c) => [JSON.stringify(c), c] as const))('%s: mandatory only with needs, concern about partners and s44(2) or s44(3)', (_n, c) => {
    expect(s44Mandatory(c)).toBe(c.careAndSupportNeeds && c.concernAboutPartners && c.abuseOrNeglect);
    const sar = sarDecision(c, 'sar');
    const none = sarDecision(c, 'no_sar');
    if (s44Mandatory(c)) {
      expect(sar).toEqual({ basis: 's44(1)' });
      expect(none).toEqual({ problem: expect.stringMatching(/must arrange/) });
    } else if (c.careAndSupportNeeds) {
      expect(sar).toEqual({ basis: 's44(4)' });
      expect(none).toEqual({ basis: null });
    } else {
      expect(sar).toEqual({ problem: expect.stringMatching(/needs for care and support/) });
      expect(none).toEqual({ basis: null });
    }
  });

  it('names s44(2) for an adult who died and s44(3) for one alive', () => {
    const died = s44CriteriaMet({ careAndSupportNeeds: true, concernAboutPartners: true, adultDied: true, abuseOrNeglect: true });
    expect(died.map((m) => m.split(':')[0])).toEqual(['s44(1)(a)', 's44(1)(b)', 's44(2)']);
    const alive = s44CriteriaMet({ careAndSupportNeeds: true, concernAboutPartners: false, adultDied: false, abuseOrNeglect: true });
    expect(alive.map((m) => m.split(':')[0])).toEqual(['s44(1)(a)', 's44(3)']);
    expect(s44CriteriaMet({ careAndSupportNeeds: false, concernAboutPartners: false, adultDied: true, abuseOrNeglect: false })).toEqual([]);
  });
});

describe('the steps open on a review', () => {
  const base = (over: Partial<ReviewState>): ReviewState => ({ kind: 'lcspr', stage: 'in_review', decision: null, panelSentOn: null, publicationHeld: false, cdopRecorded: false, findings: 0, hasLcspr: false, ...over });

  it('takes a rapid review from notification to its decision sent to the Panel, then offers the LCSPR', () => {
    const r = base({ kind: 'rapid_review', stage: 'notified' });
    expect(openSteps(r)).toEqual(['notification']);
    expect(openSteps({ ...r, stage: 'rapid_review' })).toEqual(['rapid', 'findings']);
    expect(stepProblem(r, 'rapid')).toMatch(/notification to the Panel first/);
    const decided = { ...r, stage: 'rapid_review' as const, decision: 'lcspr', findings: 1 };
    expect(openSteps(decided)).toEqual(['panel', 'lcspr', 'findings', 'plan']);
    const closed = { ...decided, stage: 'closed' as const, panelSentOn: '2026-03-02' };
    expect(openSteps(closed)).toEqual(['lcspr', 'plan']);
    expect(openSteps({ ...closed, hasLcspr: true })).toEqual(['plan']);
    expect(stepProblem({ ...closed, hasLcspr: true }, 'lcspr')).toMatch(/has been started/);
    expect(openSteps({ ...closed, decision: 'no_lcspr', findings: 0 })).toEqual([]);
    expect(stepProblem({ ...closed, decision: 'no_lcspr' }, 'lcspr')).toMatch(/decides on one/);
    expect(stepProblem(closed, 'close')).toMatch(/closed/);
    expect(stepProblem({ ...decided }, 'close')).toMatch(/closes when its decision is sent/);
  });

  it('takes an LCSPR or practice review through terms, agencies, findings, report, publication and close', () => {
    for (const kind of ['lcspr', 'practice_review'] as const) {
      const r = base({ kind });
      expect(openSteps(r)).toEqual(['terms', 'agencies', 'findings', 'report', 'hold']);
      expect(openSteps({ ...r, findings: 2 })).toEqual(['terms', 'agencies', 'findings', 'report', 'hold', 'plan']);
      expect(openSteps({ ...r, stage: 'report' })).toEqual(['terms', 'agencies', 'findings', 'hold', 'publish']);
      expect(openSteps({ ...r, stage: 'published' })).toEqual(['close']);
      expect(stepProblem(r, 'publish')).toMatch(/Send the final report/);
      expect(stepProblem({ ...r, stage: 'published' }, 'publish')).toMatch(/has been published/);
      expect(stepProblem(r, 'close')).toMatch(/Publish the review/);
      expect(stepProblem({ ...r, stage: 'report' }, 'report')).toMatch(/has been sent/);
      expect(stepProblem({ ...r, stage: 'published' }, 'findings')).toMatch(/under way/);
      expect(stepProblem({ ...r, stage: 'published' }, 'terms')).toMatch(/past this step/);
      expect(stepProblem({ ...r, stage: 'published' }, 'hold')).toMatch(/under way/);
    }
  });

  it('holds publication for criminal proceedings until released: no publishing and no closing while held', () => {
    const held = base({ stage: 'report', publicationHeld: true });
    expect(openSteps(held)).toEqual(['terms', 'agencies', 'findings', 'release']);
    expect(stepProblem(held, 'publish')).toMatch(/held for criminal proceedings/);
    expect(stepProblem(held, 'hold')).toMatch(/already held/);
    expect(stepProblem({ ...held, stage: 'published' }, 'close')).toMatch(/held/);
    expect(stepProblem(base({}), 'release')).toMatch(/not held/);
  });

  it('asks a DHR and a SAR for their decision first', () => {
    for (const [kind, step] of [['dhr', 'decision'], ['sar', 'sar']] as const) {
      const r = base({ kind, stage: 'notified' });
      expect(openSteps(r)).toEqual([step]);
      expect(stepProblem(r, 'terms')).toMatch(/decision to hold the review first/);
      expect(stepProblem(r, 'report')).toMatch(/decision to hold the review first/);
      expect(stepProblem({ ...r, stage: 'in_review' }, step)).toMatch(/has been recorded/);
      expect(openSteps({ ...r, stage: 'in_review' })).toEqual(['terms', 'agencies', 'findings', 'report', 'hold']);
    }
    expect(stepProblem(base({ kind: 'sar', stage: 'notified' }), 'decision')).toMatch(/domestic homicide/);
    expect(stepProblem(base({ kind: 'dhr', stage: 'notified' }), 'sar')).toMatch(/safeguarding adults/);
  });

  it('has a child death review record its CDOP fields and close, never publish', () => {
    const r = base({ kind: 'child_death_review' });
    expect(openSteps(r)).toEqual(['cdop', 'findings']);
    expect(stepProblem(r, 'close')).toMatch(/category of death/);
    expect(openSteps({ ...r, cdopRecorded: true })).toEqual(['cdop', 'findings', 'close']);
    for (const s of ['report', 'hold', 'publish'] as const) expect(stepProblem(r, s)).toMatch(/not published|no report/);
    expect(stepProblem(r, 'terms')).toMatch(/terms of reference/);
    expect(stepProblem({ ...r, stage: 'closed' }, 'cdop')).toMatch(/closed/);
  });

  it('refuses the kind-specific steps on other kinds', () => {
    const steps: [ReviewStep, RegExp][] = [
      ['notification', /serious incident/],
      ['rapid', /rapid review/],
      ['panel', /rapid review/],
      ['lcspr', /from a rapid review/],
      ['cdop', /child death/],
    ];
    for (const [step, message] of steps) expect(stepProblem(base({ kind: 'sar', stage: 'in_review' }), step)).toMatch(message);
    expect(stepProblem(base({ kind: 'rapid_review', stage: 'rapid_review' }), 'terms')).toMatch(/terms of reference/);
    expect(stepProblem(base({ kind: 'rapid_review', stage: 'rapid_review' }), 'report')).toMatch(/no report/);
  });

  it('lists every step exactly once, and open steps are those without a problem, in order', () => {
    expect(new Set(STEP_ORDER).size).toBe(STEP_ORDER.length);
    for (const kind of KINDS) {
      for (const stage of STAGES_OF_KIND[kind]) {
        for (const publicationHeld of [false, true]) {
          const r = base({ kind, stage, publicationHeld, findings: 1 });
          expect(openSteps(r)).toEqual(STEP_ORDER.filter((s) => stepProblem(r, s) === null));
        }
      }
    }
  });
});

describe('dates', () => {
  const today = '2026-06-10';

  it('refuses a date in the future, or before the date it follows, naming the field', () => {
    const f = { name: 'heldOn', label: 'The date of the rapid review' };
    expect(dateProblem(f, '2026-06-11', { today })).toEqual({ heldOn: 'The date of the rapid review must be today or in the past' });
    expect(dateProblem(f, '2026-06-01', { today, notBefore: { date: '2026-06-02', label: 'the notification' } })).toEqual({ heldOn: 'The date of the rapid review must be on or after the notification' });
    expect(dateProblem(f, '2026-06-02', { today, notBefore: { date: '2026-06-02', label: 'the notification' } })).toEqual({});
    expect(dateProblem(f, today, { today, notBefore: { date: null, label: 'x' } })).toEqual({});
    expect(dateProblem(f, '2026-02-30', { today })).toEqual({ heldOn: 'The date of the rapid review must be a real date' });
  });

  it('wants the incident before the local authority learned of it, both in the past', () => {
    expect(incidentProblems({ incidentOn: '2026-06-01', learnedOn: '2026-06-02', today })).toEqual({});
    expect(incidentProblems({ incidentOn: '2026-06-03', learnedOn: '2026-06-02', today })).toEqual({ learnedOn: expect.stringMatching(/on or after the incident/) });
    expect(incidentProblems({ incidentOn: '2026-06-11', learnedOn: '2026-06-12', today })).toEqual({ incidentOn: expect.stringMatching(/past/), learnedOn: expect.stringMatching(/past/) });
  });
});

describe('clocks', () => {
  const source = (code: ClockCode) => `source of ${code}`;
  const dates = (over: Partial<ReviewDates>): ReviewDates => ({
    kind: 'rapid_review',
    stage: 'notified',
    learnedOn: '2026-03-02',
    notifiedOn: null,
    notificationDueOn: '2026-03-09',
    rapidReviewDueOn: null,
    rapidReviewHeldOn: null,
    decision: null,
    decidedOn: null,
    panelSentOn: null,
    publicationDueOn: null,
    publicationHeld: false,
    publishedOn: null,
    ...over,
  });
  const opts = { dhrMonths: 1, source };

  it('runs a rapid review’s notification, meeting and Panel clocks, each due, met, late or overdue', () => {
    expect(clocksOf(dates({}), '2026-03-05', opts).map((c) => [c.code, c.state, c.dueOn])).toEqual([['notification', 'due', '2026-03-09']]);
    expect(clocksOf(dates({}), '2026-03-10', opts)[0]!.state).toBe('overdue');
    const notified = dates({ stage: 'rapid_review', notifiedOn: '2026-03-06', rapidReviewDueOn: '2026-03-27' });
    expect(clocksOf(notified, '2026-03-20', opts).map((c) => [c.code, c.state])).toEqual([['notification', 'met'], ['rapid_review', 'due'], ['panel', 'due']]);
    const held = { ...notified, rapidReviewHeldOn: '2026-03-26', decision: 'lcspr', decidedOn: '2026-03-26', panelSentOn: '2026-03-30' };
    expect(clocksOf(held, '2026-04-01', opts).map((c) => [c.code, c.state])).toEqual([['notification', 'met'], ['rapid_review', 'met'], ['panel', 'late']]);
    expect(clocksOf({ ...notified, notifiedOn: '2026-03-10' }, '2026-03-20', opts)[0]!.state).toBe('late');
    expect(clocksOf(notified, '2026-03-20', opts).every((c) => c.source === `source of ${c.code}` && c.title === CLOCK_TITLES[c.code])).toBe(true);
  });

  it('runs a DHR’s decision clock from when the partnership learned of the death', () => {
    const d = dates({ kind: 'dhr', notificationDueOn: null, learnedOn: '2026-01-31' });
    expect(clocksOf(d, '2026-02-20', opts).map((c) => [c.code, c.dueOn, c.state])).toEqual([['dhr_decision', '2026-02-28', 'due']]);
    expect(clocksOf(d, '2026-03-01', opts)[0]!.state).toBe('overdue');
    expect(clocksOf({ ...d, decidedOn: '2026-02-27' }, '2026-03-01', opts)[0]!.state).toBe('met');
    expect(clocksOf(d, '2026-02-20', { ...opts, dhrMonths: 2 })[0]!.dueOn).toBe('2026-03-31');
  });

  it('holds the publication clock while publication is held, and shows no clock that has not started', () => {
    const l = dates({ kind: 'lcspr', stage: 'report', notificationDueOn: null, publicationDueOn: '2026-09-26' });
    expect(clocksOf(l, '2026-10-01', opts).map((c) => [c.code, c.state])).toEqual([['publication', 'overdue']]);
    expect(clocksOf({ ...l, publicationHeld: true }, '2026-10-01', opts)[0]!.state).toBe('held');
    expect(clocksOf({ ...l, publishedOn: '2026-09-20' }, '2026-10-01', opts)[0]!.state).toBe('met');
    expect(clocksOf({ ...l, publicationDueOn: null }, '2026-10-01', opts)).toEqual([]);
    expect(clocksOf(dates({ kind: 'practice_review', notificationDueOn: null }), '2026-10-01', opts)).toEqual([]);
    expect(clocksOf(dates({ kind: 'child_death_review', notificationDueOn: '2026-01-01' }), '2026-10-01', opts)).toEqual([]);
    expect(clocksOf(dates({ kind: 'sar' }), '2026-10-01', opts)).toEqual([]);
  });

  it('needs attention when overdue or due by the horizon, never when met, late or held', () => {
    const c = (state: 'met' | 'late' | 'overdue' | 'due' | 'held', dueOn: string) => ({ code: 'publication' as const, title: '', dueOn, doneOn: null, state, source: '' });
    const clocks = [c('overdue', '2026-01-01'), c('due', '2026-06-15'), c('due', '2026-06-16'), c('met', '2026-06-01'), c('late', '2026-06-01'), c('held', '2026-06-01')];
    expect(clocksNeedingAttention(clocks, '2026-06-15').map((x) => [x.state, x.dueOn])).toEqual([['overdue', '2026-01-01'], ['due', '2026-06-15']]);
  });
});

describe('the timescales', () => {
  it('are data with their source: 5 and 15 working days (Working Together), 6 months (local), one month (DHR guidance)', () => {
    const t = (code: string) => DEFAULT_TIMESCALES.find((x) => x.code === code)!;
    expect(t('review.notification')).toMatchObject({ amount: 5, unit: 'working_days', source: expect.stringMatching(/Working Together to Safeguard Children \(2023\), chapter 5/) });
    expect(t('review.rapid_review')).toMatchObject({ amount: 15, unit: 'working_days', source: expect.stringMatching(/Working Together/) });
    expect(t('review.lcspr_publication')).toMatchObject({ amount: 6, unit: 'months', source: expect.stringMatching(/^Local standard/) });
    expect(t('review.dhr_decision')).toMatchObject({ amount: 1, unit: 'months', source: expect.stringMatching(/2016/) });
  });
});
