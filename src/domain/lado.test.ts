import { describe, expect, it } from 'vitest';
import {
  ACTIONS_BEFORE_OUTCOME,
  ACTIONS_FOR_OUTCOME,
  DATED_ACTIONS,
  EMPLOYER_ACTIONS,
  LADO_CATEGORIES,
  LADO_DECISIONS,
  LADO_OUTCOMES,
  LADO_SECTORS,
  NOT_RECORDED,
  OPEN_REASONS,
  POLICE_ALLOWS_OUTCOME,
  POLICE_STATUSES,
  POLICE_TRANSITIONS,
  REGULATORS,
  type EmployerAction,
  type LadoStep,
  type PoliceStatus,
  categoryFromConcerns,
  daysBetween,
  decodeEmployerAction,
  employerActionProblems,
  encodeEmployerAction,
  isOverdue,
  medianDaysToOutcome,
  openReasonProblem,
  openSteps,
  outcomeProblems,
  policeTransitionProblem,
  sectorFromSchoolPhase,
  statusAfterDecision,
  stepProblem,
  thresholdProblems,
} from './lado.js';
import { addDays, addMonths } from './time.js';
import { DEFAULT_TIMESCALES } from './timescales.js';

const codes = (l: readonly { code: string }[]) => l.map((c) => c.code);
const bounds = { receivedOn: '2026-01-10', today: '2026-06-01' };
const act = (code: string, on: string | null = null, regulator: string | null = null): EmployerAction => ({ code, on, regulator });

describe('the LADO’s code lists', () => {
  it('hold the seed report’s categories and sectors, each with a label, and not-recorded is none of them', () => {
    expect(codes(LADO_CATEGORIES)).toEqual(['physical', 'physical_restraint', 'emotional', 'sexual', 'historical_sexual', 'historical', 'cse', 'neglect', 'person_posing_risk', 'conduct']);
    for (const s of ['education_secondary', 'education_primary', 'teaching_assistant', 'early_years', 'childminder', 'foster_carer_la', 'foster_carer_independent', 'residential', 'health', 'social_care', 'police', 'transport', 'youth_work', 'faith', 'voluntary', 'private_tutor']) {
      expect(codes(LADO_SECTORS)).toContain(s);
    }
    for (const l of [LADO_CATEGORIES, LADO_SECTORS, LADO_DECISIONS, LADO_OUTCOMES, POLICE_STATUSES, OPEN_REASONS, EMPLOYER_ACTIONS, REGULATORS]) {
      expect(new Set(codes(l)).size).toBe(l.length);
      for (const c of l) expect(c.label.trim()).not.toBe('');
      expect(codes(l)).not.toContain(NOT_RECORDED);
    }
  });

  it('hold KCSIE’s five outcomes and the regulators named in the brief', () => {
    expect(codes(LADO_OUTCOMES)).toEqual(['substantiated', 'unsubstantiated', 'unfounded', 'false', 'malicious']);
    for (const r of ['tra', 'hcpc', 'nmc', 'ofsted']) expect(codes(REGULATORS)).toContain(r);
  });

  it('have the two timescales as data with their source: 1 working day to decide, 3 months to resolve', () => {
    const decision = DEFAULT_TIMESCALES.find((t) => t.code === 'lado.decision');
    const resolution = DEFAULT_TIMESCALES.find((t) => t.code === 'lado.resolution');
    expect([decision?.amount, decision?.unit]).toEqual([1, 'working_days']);
    expect([resolution?.amount, resolution?.unit]).toEqual([3, 'months']);
    expect(decision?.source).toMatch(/Keeping Children Safe in Education/);
    expect(resolution?.source).toMatch(/Keeping Children Safe in Education/);
  });
});

describe('the steps open on an allegation', () => {
  const steps: LadoStep[] = ['details', 'decide', 'meeting', 'police', 'reason', 'outcome', 'close'];
  const base = { decision: null, policeStatus: 'none', outcome: null };

  it('to decide: the details and the decision only', () => {
    expect(openSteps({ ...base, status: 'open' })).toEqual(['details', 'decide']);
  });

  it('in the LADO process: meetings, police, reason and outcome; close once the outcome is recorded', () => {
    expect(openSteps({ ...base, status: 'in_process', decision: 'lado_process' })).toEqual(['details', 'meeting', 'police', 'reason', 'outcome']);
    expect(openSteps({ ...base, status: 'in_process', decision: 'lado_process', outcome: 'unfounded' })).toEqual(['details', 'meeting', 'police', 'reason', 'outcome', 'close']);
  });

  it('holds the outcome while the police matter is open, for every police status', () => {
    for (const p of codes(POLICE_STATUSES)) {
      const problem = stepProblem({ ...base, status: 'in_process', decision: 'lado_process', policeStatus: p }, 'outcome');
      expect([p, problem === null]).toEqual([p, POLICE_ALLOWS_OUTCOME.has(p)]);
    }
  });

  it('a closed allegation takes no step, whatever else it holds', () => {
    for (const s of steps) expect(stepProblem({ ...base, status: 'closed', outcome: 'false' }, s)).toBe('This allegation is closed');
  });
});

describe('the threshold decision', () => {
  const ok = { decision: 'lado_process', reason: 'The harm test is met', category: 'physical', sector: 'teaching_assistant' };

  it('accepts each decision with its reasons', () => {
    for (const d of codes(LADO_DECISIONS)) expect(thresholdProblems({ ...ok, decision: d })).toEqual({});
  });

  it('needs a known decision and the reasons', () => {
    expect(thresholdProblems({ ...ok, decision: 'maybe', reason: '  ' })).toEqual({ decision: 'Select the threshold decision', reason: 'Enter the reasons for the decision' });
  });

  it('progressing to the LADO process needs the category and then the sector recorded; advice does not', () => {
    expect(thresholdProblems({ ...ok, category: NOT_RECORDED }).decision).toMatch(/category/);
    expect(thresholdProblems({ ...ok, sector: NOT_RECORDED }).decision).toMatch(/sector/);
    expect(thresholdProblems({ ...ok, decision: 'advice', category: NOT_RECORDED, sector: NOT_RECORDED })).toEqual({});
  });

  it('keeps the LADO process open and closes advice and a transfer', () => {
    expect(statusAfterDecision('lado_process')).toBe('in_process');
    expect(statusAfterDecision('advice')).toBe('closed');
    expect(statusAfterDecision('another_area')).toBe('closed');
  });
});

describe('police status transitions', () => {
  it('allow exactly the listed moves, for every pair of statuses', () => {
    const all = codes(POLICE_STATUSES) as PoliceStatus[];
    expect(Object.keys(POLICE_TRANSITIONS).sort()).toEqual([...all].sort());
    for (const from of all) {
      for (const to of all) {
        const problem = policeTransitionProblem(from, to);
        expect([from, to, problem === null]).toEqual([from, to, POLICE_TRANSITIONS[from].includes(to)]);
      }
    }
  });

  it('say why a move is refused', () => {
    expect(policeTransitionProblem('investigating', 'investigating')).toMatch(/already/);
    expect(policeTransitionProblem('convicted', 'court')).toMatch(/concluded/);
    expect(policeTransitionProblem('none', 'court')).toMatch(/Referred to the police, Police investigating/);
    expect(policeTransitionProblem('none', 'arrested')).toBe('Select the police status from the list');
    expect(policeTransitionProblem('mystery', 'charged')).toMatch(/not one Threshold knows/);
  });

  it('every concluded status allows an outcome, and every open one does not', () => {
    for (const s of codes(POLICE_STATUSES) as PoliceStatus[]) {
      const concluded = POLICE_TRANSITIONS[s].length === 0 || s === 'none';
      expect([s, POLICE_ALLOWS_OUTCOME.has(s)]).toEqual([s, concluded]);
    }
  });
});

describe('the employer’s actions', () => {
  it('round-trip through their stored form', () => {
    for (const a of [act('training'), act('dbs_referral', '2026-03-02'), act('regulator_referral', '2026-03-02', 'tra'), act('regulator_referral', null, 'nmc')]) {
      expect(decodeEmployerAction(encodeEmployerAction(a))).toEqual(a);
    }
    expect(encodeEmployerAction(act('dbs_referral', '2026-03-02'))).toBe('dbs_referral@2026-03-02');
  });

  it('fit each outcome: every action against every outcome', () => {
    for (const outcome of codes(LADO_OUTCOMES)) {
      for (const code of codes(EMPLOYER_ACTIONS)) {
        const a = act(code, DATED_ACTIONS.has(code) ? '2026-03-02' : null, code === 'regulator_referral' ? 'tra' : null);
        const list = code === 'dismissal' ? [a, act('dbs_referral', '2026-03-03')] : [a];
        const problem = employerActionProblems(outcome, list, bounds);
        expect([outcome, code, problem === null]).toEqual([outcome, code, ACTIONS_FOR_OUTCOME[outcome]!.includes(code)]);
      }
    }
  });

  it('before an outcome: a suspension only', () => {
    expect(ACTIONS_BEFORE_OUTCOME).toEqual(['suspension']);
    expect(employerActionProblems(null, [act('suspension', '2026-02-01')], bounds)).toBeNull();
    expect(employerActionProblems(null, [act('dbs_referral', '2026-02-01')], bounds)).toMatch(/before it, only a suspension/);
    expect(employerActionProblems('guilty', [], bounds)).toBe('Select the outcome from the list');
  });

  it('need the date of a dated action, within the allegation’s life', () => {
    expect(employerActionProblems('substantiated', [act('dbs_referral')], bounds)).toMatch(/Enter the date/);
    expect(employerActionProblems('substantiated', [act('dbs_referral', '2026-13-40')], bounds)).toMatch(/Enter the date/);
    expect(employerActionProblems('substantiated', [act('dbs_referral', '2026-01-09')], bounds)).toMatch(/on or after/);
    expect(employerActionProblems('substantiated', [act('dbs_referral', '2026-06-02')], bounds)).toMatch(/today or in the past/);
    expect(employerActionProblems('substantiated', [act('dbs_referral', '2026-01-10'), act('training')], bounds)).toBeNull();
  });

  it('need the regulator of a regulator referral; two regulators are two actions', () => {
    expect(employerActionProblems('substantiated', [act('regulator_referral', '2026-03-01')], bounds)).toMatch(/regulator/);
    expect(employerActionProblems('substantiated', [act('regulator_referral', '2026-03-01', 'fca')], bounds)).toMatch(/regulator/);
    expect(employerActionProblems('substantiated', [act('regulator_referral', '2026-03-01', 'tra'), act('regulator_referral', '2026-03-01', 'ofsted')], bounds)).toBeNull();
    expect(employerActionProblems('substantiated', [act('regulator_referral', '2026-03-01', 'tra'), act('regulator_referral', '2026-03-02', 'tra')], bounds)).toMatch(/twice/);
  });

  it('refuse unknown and repeated actions, no further action with others, and a dismissal not referred to the DBS', () => {
    expect(employerActionProblems('substantiated', [act('caution')], bounds)).toMatch(/from the list/);
    expect(employerActionProblems('substantiated', [act('training'), act('training')], bounds)).toMatch(/twice/);
    expect(employerActionProblems('unfounded', [act('no_further_action'), act('training')], bounds)).toMatch(/cannot be recorded with other actions/);
    expect(employerActionProblems('substantiated', [act('dismissal', '2026-03-01')], bounds)).toMatch(/referred to the DBS/);
    expect(employerActionProblems('substantiated', [], bounds)).toBeNull();
  });
});

describe('recording the outcome', () => {
  const ok = { outcome: 'substantiated', outcomeOn: '2026-04-01', policeStatus: 'no_further_action', actions: [act('dbs_referral', '2026-04-02')], ...bounds };

  it('accepts a coherent outcome', () => {
    expect(outcomeProblems(ok)).toEqual({});
  });

  it('waits for the police, needs a known outcome and its date within the allegation’s life', () => {
    expect(outcomeProblems({ ...ok, policeStatus: 'investigating' }).outcome).toMatch(/police investigation has not concluded/);
    expect(outcomeProblems({ ...ok, outcome: 'proven' }).outcome).toBe('Select the outcome');
    expect(outcomeProblems({ ...ok, outcomeOn: null }).outcomeOn).toBe('Enter the date of the outcome');
    expect(outcomeProblems({ ...ok, outcomeOn: '2026-01-01' }).outcomeOn).toMatch(/on or after/);
    expect(outcomeProblems({ ...ok, outcomeOn: '2026-07-01' }).outcomeOn).toMatch(/today or in the past/);
  });

  it('checks the employer’s actions against the outcome', () => {
    expect(outcomeProblems({ ...ok, outcome: 'malicious' }).employerActions).toMatch(/does not fit/);
    expect(outcomeProblems({ ...ok, outcome: 'proven' }).employerActions).toBeUndefined();
  });
});

describe('open over 3 months, and the median time to an outcome', () => {
  it('counts days between London dates', () => {
    expect(daysBetween('2026-01-01', '2026-01-01')).toBe(0);
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
    expect(daysBetween('2026-03-01', '2026-01-01')).toBe(-59);
  });

  it('is overdue from the day after the same date 3 months on, for every day of a year', () => {
    for (let i = 0; i < 365; i += 1) {
      const received = addDays('2026-01-01', i);
      const limit = addMonths(received, 3);
      expect(isOverdue(received, limit, 3)).toBe(false);
      expect(isOverdue(received, addDays(limit, 1), 3)).toBe(true);
    }
  });

  it('needs a reason once overdue, only in the LADO process, from the list', () => {
    const base = { status: 'in_process', receivedOn: '2026-01-10', today: '2026-05-01', months: 3, openReason: null };
    expect(openReasonProblem(base)).toBe('Open more than 3 months: record why it is still open');
    expect(openReasonProblem({ ...base, openReason: 'awaiting_police' })).toBeNull();
    expect(openReasonProblem({ ...base, openReason: 'bored' })).not.toBeNull();
    expect(openReasonProblem({ ...base, today: '2026-04-10' })).toBeNull();
    expect(openReasonProblem({ ...base, status: 'closed' })).toBeNull();
    expect(openReasonProblem({ ...base, status: 'open' })).toBeNull();
  });

  it('takes the median of the days to an outcome, ignoring those without one', () => {
    expect(medianDaysToOutcome([])).toBeNull();
    expect(medianDaysToOutcome([{ receivedOn: '2026-01-01', outcomeOn: null }])).toBeNull();
    expect(medianDaysToOutcome([{ receivedOn: '2026-01-01', outcomeOn: '2026-01-11' }])).toBe(10);
    const c = (n: number) => ({ receivedOn: '2026-01-01', outcomeOn: addDays('2026-01-01', n) });
    expect(medianDaysToOutcome([c(30), c(10), c(20)])).toBe(20);
    expect(medianDaysToOutcome([c(30), c(10), c(20), c(41)])).toBe(25);
    expect(medianDaysToOutcome([c(1), c(2)])).toBe(2);
  });
});

describe('defaults at intake', () => {
  it('a school’s phase gives the sector', () => {
    expect(sectorFromSchoolPhase('primary')).toBe('education_primary');
    expect(sectorFromSchoolPhase('nursery')).toBe('education_primary');
    for (const p of ['secondary', 'all_through', 'sixteen_plus', 'special', 'alternative_provision']) expect(sectorFromSchoolPhase(p)).toBe('education_secondary');
    expect(sectorFromSchoolPhase(null)).toBe(NOT_RECORDED);
  });

  it('the front door’s concerns give the category', () => {
    expect(categoryFromConcerns(['domestic_abuse', 'physical_abuse'])).toBe('physical');
    expect(categoryFromConcerns(['emotional_abuse'])).toBe('emotional');
    expect(categoryFromConcerns(['sexual_abuse'])).toBe('sexual');
    expect(categoryFromConcerns(['sexual_exploitation'])).toBe('cse');
    expect(categoryFromConcerns(['neglect'])).toBe('neglect');
    expect(categoryFromConcerns(['other'])).toBe(NOT_RECORDED);
  });
});
