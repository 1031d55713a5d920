import { describe, expect, it } from 'vitest';
import {
  CHILD_DA_ROLES,
  DA_ROLES,
  ESCALATION_INCIDENTS,
  MADA_DECISIONS,
  MARAC_CRITERIA,
  type RiskLevel,
  childrenGradedBelowVictim,
  compareRisk,
  describeLag,
  higherRisk,
  householdRisk,
  incidentsInTwelveMonths,
  isEscalation,
  isRiskLevel,
  lagMinutes,
  madaDecisionProblems,
  maracCriteriaMet,
  repeatOf,
  withinTwelveMonths,
  yearBefore,
} from './domestic-abuse.js';

const LEVELS: readonly RiskLevel[] = ['standard', 'medium', 'high'];

describe('risk levels', () => {
  it('orders standard < medium < high', () => {
    expect(compareRisk('standard', 'medium')).toBeLessThan(0);
    expect(compareRisk('medium', 'high')).toBeLessThan(0);
    expect(compareRisk('high', 'standard')).toBeGreaterThan(0);
    for (const level of LEVELS) expect(compareRisk(level, level)).toBe(0);
  });

  it('picks the higher of two, for every pair', () => {
    for (const a of LEVELS) for (const b of LEVELS) expect(higherRisk(a, b)).toBe(LEVELS[Math.max(LEVELS.indexOf(a), LEVELS.indexOf(b))]);
  });

  it('recognises only the three levels', () => {
    for (const level of LEVELS) expect(isRiskLevel(level)).toBe(true);
    for (const bad of ['High', 'low', '', 'toString', 'constructor', '__proto__', null, undefined, 2, {}]) expect(isRiskLevel(bad)).toBe(false);
  });

  it('has child roles that are DA roles', () => {
    const roles = DA_ROLES.map((r) => r.code);
    for (const role of CHILD_DA_ROLES) expect(roles).toContain(role);
    expect([...CHILD_DA_ROLES].sort()).toEqual(['child_in_household', 'child_present']);
  });
});

describe('yearBefore and withinTwelveMonths', () => {
  it('goes back to the same day a year earlier', () => {
    expect(yearBefore('2026-03-10')).toBe('2025-03-10');
    expect(yearBefore('2025-01-01')).toBe('2024-01-01');
    expect(yearBefore('2025-12-31')).toBe('2024-12-31');
    expect(yearBefore('2024-02-28')).toBe('2023-02-28');
    expect(yearBefore('2025-03-01')).toBe('2024-03-01');
  });

  it('takes 29 February back to 28 February', () => {
    expect(yearBefore('2024-02-29')).toBe('2023-02-28');
    expect(yearBefore('2000-02-29')).toBe('1999-02-28');
  });

  it('pads years, months and days', () => {
    expect(yearBefore('1000-01-05')).toBe('0999-01-05');
  });

  it('counts the anniversary as within 12 months and the day after as not', () => {
    expect(withinTwelveMonths('2025-03-10', '2026-03-10')).toBe(true);
    expect(withinTwelveMonths('2025-03-10', '2026-03-11')).toBe(false);
    expect(withinTwelveMonths('2025-03-10', '2026-03-09')).toBe(true);
  });

  it('counts the same day as within, and an earlier "later" date as not', () => {
    expect(withinTwelveMonths('2025-03-10', '2025-03-10')).toBe(true);
    expect(withinTwelveMonths('2025-03-10', '2025-03-09')).toBe(false);
  });

  it('handles leap years at both ends', () => {
    // from a leap day: the anniversary is 28 February
    expect(withinTwelveMonths('2024-02-29', '2025-02-28')).toBe(true);
    expect(withinTwelveMonths('2024-02-29', '2025-03-01')).toBe(false);
    // to a leap day: 12 months before 29 February 2024 is 28 February 2023
    expect(withinTwelveMonths('2023-02-28', '2024-02-29')).toBe(true);
    expect(withinTwelveMonths('2023-02-27', '2024-02-29')).toBe(false);
    // across a leap year: 1 March to 1 March
    expect(withinTwelveMonths('2023-03-01', '2024-03-01')).toBe(true);
    expect(withinTwelveMonths('2023-02-28', '2024-03-01')).toBe(false);
    expect(withinTwelveMonths('2024-03-01', '2025-03-01')).toBe(true);
    expect(withinTwelveMonths('2024-02-29', '2025-02-27')).toBe(true);
  });

  it('crosses the year end', () => {
    expect(withinTwelveMonths('2024-12-31', '2025-12-31')).toBe(true);
    expect(withinTwelveMonths('2024-12-31', '2026-01-01')).toBe(false);
  });
});

describe('escalation: 3 or more incidents in 12 months between the same people', () => {
  const on = '2026-03-10';

  it('counts this incident plus 0, 1 or 2 earlier ones in the window as 1, 2, 3', () => {
    expect(incidentsInTwelveMonths(on, [])).toBe(1);
    expect(incidentsInTwelveMonths(on, ['2025-11-01'])).toBe(2);
    expect(incidentsInTwelveMonths(on, ['2025-11-01', '2026-01-15'])).toBe(3);
    expect(incidentsInTwelveMonths(on, ['2025-04-01', '2025-11-01', '2026-01-15', '2026-03-09'])).toBe(5);
  });

  it('is an escalation at 3 and above, not at 2 or below', () => {
    expect(ESCALATION_INCIDENTS).toBe(3);
    expect(isEscalation(0)).toBe(false);
    expect(isEscalation(1)).toBe(false);
    expect(isEscalation(2)).toBe(false);
    expect(isEscalation(3)).toBe(true);
    expect(isEscalation(4)).toBe(true);
    expect(isEscalation(incidentsInTwelveMonths(on, ['2025-11-01']))).toBe(false);
    expect(isEscalation(incidentsInTwelveMonths(on, ['2025-11-01', '2026-01-15']))).toBe(true);
  });

  it('includes an incident exactly 12 months before and excludes one a day older', () => {
    expect(incidentsInTwelveMonths(on, ['2025-03-10'])).toBe(2);
    expect(incidentsInTwelveMonths(on, ['2025-03-09'])).toBe(1);
    expect(incidentsInTwelveMonths(on, ['2025-03-10', '2025-03-09', '2024-06-01'])).toBe(2);
  });

  it('ignores later incidents', () => {
    expect(incidentsInTwelveMonths(on, ['2026-03-11', '2026-06-01', '2027-01-01'])).toBe(1);
    expect(incidentsInTwelveMonths(on, ['2026-03-11', '2025-12-25'])).toBe(2);
  });

  it('counts another incident on the same day', () => {
    expect(incidentsInTwelveMonths(on, [on])).toBe(2);
  });

  it('takes the earlier dates in any order', () => {
    expect(incidentsInTwelveMonths(on, ['2026-01-15', '2024-01-01', '2025-11-01'])).toBe(3);
  });

  it('uses the leap-day window', () => {
    expect(incidentsInTwelveMonths('2025-02-28', ['2024-02-29', '2024-02-28'])).toBe(3);
    expect(incidentsInTwelveMonths('2025-02-28', ['2024-02-27'])).toBe(1);
    expect(incidentsInTwelveMonths('2025-03-01', ['2024-02-29'])).toBe(1);
    expect(incidentsInTwelveMonths('2024-02-29', ['2023-02-28', '2023-02-27'])).toBe(2);
  });
});

describe('repeat MARAC: a new incident within 12 months of the last referral', () => {
  const referral = { id: 'r1', referredOn: '2025-03-10' };

  it('is a repeat on the anniversary, and not the day after', () => {
    expect(repeatOf('2026-03-10', [referral])).toBe(referral);
    expect(repeatOf('2026-03-11', [referral])).toBeNull();
  });

  it('is a repeat on the day of the referral', () => {
    expect(repeatOf('2025-03-10', [referral])).toBe(referral);
  });

  it('is not a repeat for an incident before the referral', () => {
    expect(repeatOf('2025-03-09', [referral])).toBeNull();
    expect(repeatOf('2024-06-01', [referral])).toBeNull();
  });

  it('is not a repeat without referrals', () => {
    expect(repeatOf('2025-03-10', [])).toBeNull();
  });

  it('picks the most recent referral on or before the incident, whatever the order', () => {
    const older = { id: 'older', referredOn: '2024-05-01' };
    const recent = { id: 'recent', referredOn: '2025-01-20' };
    const later = { id: 'later', referredOn: '2025-09-01' };
    expect(repeatOf('2025-03-01', [older, later, recent])).toBe(recent);
    expect(repeatOf('2025-03-01', [recent, older])).toBe(recent);
    expect(repeatOf('2025-10-01', [older, recent, later])).toBe(later);
  });

  it('measures from the last referral, not an older one still in the window', () => {
    // the older referral would make it a repeat, but the last one before the incident is what counts (and it is in window too)
    const a = { referredOn: '2025-01-01' };
    const b = { referredOn: '2025-06-01' };
    expect(repeatOf('2025-12-01', [a, b])).toBe(b);
    // the last referral is more than 12 months old: not a repeat, even though nothing newer exists
    expect(repeatOf('2026-06-02', [a, b])).toBeNull();
  });

  it('handles a referral on a leap day', () => {
    const leap = { referredOn: '2024-02-29' };
    expect(repeatOf('2025-02-28', [leap])).toBe(leap);
    expect(repeatOf('2025-03-01', [leap])).toBeNull();
  });
});

describe('household consistency: children graded below the victim', () => {
  const victim = (grading: string | null, id = 'v') => ({ id, role: 'victim', grading });
  const child = (grading: string | null, id = 'c', role = 'child_present') => ({ id, role, grading });

  it('flags a child graded medium when the victim is high', () => {
    expect(childrenGradedBelowVictim([victim('high'), child('medium')]).map((p) => p.id)).toEqual(['c']);
  });

  it('flags children in the household as well as those present', () => {
    const people = [victim('high'), child('standard', 'c1'), child('medium', 'c2', 'child_in_household'), child('high', 'c3')];
    expect(childrenGradedBelowVictim(people).map((p) => p.id)).toEqual(['c1', 'c2']);
  });

  it('does not flag a child graded the same as or higher than the victim', () => {
    for (const v of LEVELS) {
      for (const c of LEVELS) {
        const flagged = childrenGradedBelowVictim([victim(v), child(c)]).length > 0;
        expect([v, c, flagged]).toEqual([v, c, compareRisk(c, v) < 0]);
      }
    }
  });

  it('flags nothing when no victim is graded', () => {
    expect(childrenGradedBelowVictim([victim(null), child('standard')])).toEqual([]);
    expect(childrenGradedBelowVictim([victim('not a level'), child('standard')])).toEqual([]);
    expect(childrenGradedBelowVictim([child('standard')])).toEqual([]);
    expect(childrenGradedBelowVictim([])).toEqual([]);
  });

  it('does not compare a child with no grading', () => {
    expect(childrenGradedBelowVictim([victim('high'), child(null), child('rubbish', 'c2')])).toEqual([]);
  });

  it('compares with the higher-graded of two victims', () => {
    expect(childrenGradedBelowVictim([victim('standard', 'v1'), victim('high', 'v2'), child('medium')]).map((p) => p.id)).toEqual(['c']);
    expect(childrenGradedBelowVictim([victim('high', 'v1'), victim('standard', 'v2'), child('medium')]).map((p) => p.id)).toEqual(['c']);
    expect(childrenGradedBelowVictim([victim('medium', 'v1'), victim(null, 'v2'), child('medium')])).toEqual([]);
  });

  it('ignores people who are not children', () => {
    const people = [victim('high'), { id: 'p', role: 'alleged_perpetrator', grading: 'standard' }, { id: 'o', role: 'other', grading: 'medium' }];
    expect(childrenGradedBelowVictim(people)).toEqual([]);
  });

  it('returns the people themselves, with their other fields', () => {
    const c = { id: 'c', role: 'child_present', grading: 'standard', name: 'Synthetic Child' };
    expect(childrenGradedBelowVictim([victim('medium'), c])).toEqual([c]);
  });
});

describe('householdRisk', () => {
  it('is the highest grading in the household', () => {
    expect(householdRisk(['standard', 'high', 'medium'])).toBe('high');
    expect(householdRisk(['standard', 'medium'])).toBe('medium');
    expect(householdRisk(['standard'])).toBe('standard');
  });

  it('ignores missing and invalid gradings', () => {
    expect(householdRisk([null, 'medium', 'extreme', null])).toBe('medium');
  });

  it('is null when nobody is graded', () => {
    expect(householdRisk([])).toBeNull();
    expect(householdRisk([null, null])).toBeNull();
    expect(householdRisk(['', 'unknown'])).toBeNull();
  });
});

describe('maracCriteriaMet', () => {
  const none = { dashScore: 5, highRiskThreshold: 14, judgementHigh: false, incidentsInYear: 1, isRepeat: false };

  it('meets nothing on ordinary facts', () => {
    expect(maracCriteriaMet(none)).toEqual([]);
  });

  it('meets visible high risk alone, at and above the threshold only', () => {
    expect(maracCriteriaMet({ ...none, dashScore: 14 })).toEqual(['visible_high_risk']);
    expect(maracCriteriaMet({ ...none, dashScore: 20 })).toEqual(['visible_high_risk']);
    expect(maracCriteriaMet({ ...none, dashScore: 13 })).toEqual([]);
    expect(maracCriteriaMet({ ...none, dashScore: 12, highRiskThreshold: 12 })).toEqual(['visible_high_risk']);
  });

  it('does not meet visible high risk without a DASH score', () => {
    expect(maracCriteriaMet({ ...none, dashScore: null })).toEqual([]);
    expect(maracCriteriaMet({ ...none, dashScore: null, highRiskThreshold: 0 })).toEqual([]);
  });

  it('meets professional judgement alone', () => {
    expect(maracCriteriaMet({ ...none, judgementHigh: true })).toEqual(['professional_judgement']);
  });

  it('meets escalation alone at 3 incidents, not 2', () => {
    expect(maracCriteriaMet({ ...none, incidentsInYear: 3 })).toEqual(['escalation']);
    expect(maracCriteriaMet({ ...none, incidentsInYear: 2 })).toEqual([]);
  });

  it('meets repeat alone', () => {
    expect(maracCriteriaMet({ ...none, isRepeat: true })).toEqual(['repeat']);
  });

  it('meets all four together, in the listed order', () => {
    expect(maracCriteriaMet({ dashScore: 16, highRiskThreshold: 14, judgementHigh: true, incidentsInYear: 4, isRepeat: true })).toEqual([
      'visible_high_risk',
      'professional_judgement',
      'escalation',
      'repeat',
    ]);
    expect(MARAC_CRITERIA.map((c) => c.code)).toEqual(['visible_high_risk', 'professional_judgement', 'escalation', 'repeat']);
  });

  it('meets each combination of two', () => {
    expect(maracCriteriaMet({ ...none, judgementHigh: true, isRepeat: true })).toEqual(['professional_judgement', 'repeat']);
    expect(maracCriteriaMet({ ...none, dashScore: 14, incidentsInYear: 3 })).toEqual(['visible_high_risk', 'escalation']);
    expect(maracCriteriaMet({ ...none, incidentsInYear: 5, isRepeat: true })).toEqual(['escalation', 'repeat']);
  });
});

describe('madaDecisionProblems', () => {
  it('accepts coherent decisions', () => {
    expect(madaDecisionProblems(['marac_referral', 'idva', 'childrens_social_care'], 'high')).toEqual([]);
    expect(madaDecisionProblems(['commissioned_service', 'early_help'], 'medium')).toEqual([]);
    expect(madaDecisionProblems(['commissioned_service'], 'standard')).toEqual([]);
    expect(madaDecisionProblems(['no_further_action'], 'standard')).toEqual([]);
  });

  it('needs at least one decision', () => {
    expect(madaDecisionProblems([], 'medium')).toEqual(['Choose at least one decision for the household']);
  });

  it('does not allow no further action with another decision', () => {
    expect(madaDecisionProblems(['no_further_action', 'early_help'], 'standard')).toEqual(['No further action cannot be chosen with another decision']);
  });

  it('does not send a high-risk household to a commissioned service', () => {
    expect(madaDecisionProblems(['commissioned_service'], 'high')).toEqual([
      'A commissioned service is for standard and medium risk: refer a high-risk victim to the IDVA service or MARAC',
    ]);
  });

  it('needs everyone graded first', () => {
    expect(madaDecisionProblems(['idva'], null)).toEqual(['Grade everyone in the household before deciding']);
  });

  it('reports every problem at once', () => {
    expect(madaDecisionProblems([], null)).toEqual(['Choose at least one decision for the household', 'Grade everyone in the household before deciding']);
    expect(madaDecisionProblems(['no_further_action', 'commissioned_service'], 'high')).toEqual([
      'No further action cannot be chosen with another decision',
      'A commissioned service is for standard and medium risk: refer a high-risk victim to the IDVA service or MARAC',
    ]);
  });

  it('lists each decision once with a label', () => {
    const codes = MADA_DECISIONS.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const d of MADA_DECISIONS) expect(d.label.trim()).not.toBe('');
  });
});

describe('lag from incident to receipt', () => {
  const at = (iso: string) => new Date(iso);

  it('is null when the incident time is not known', () => {
    expect(lagMinutes(null, at('2025-06-01T10:00:00Z'))).toBeNull();
    expect(describeLag(null)).toBe('Incident time not known');
  });

  it('counts whole minutes, rounding to the nearest', () => {
    expect(lagMinutes(at('2025-06-01T10:00:00Z'), at('2025-06-01T10:00:00Z'))).toBe(0);
    expect(lagMinutes(at('2025-06-01T10:00:00Z'), at('2025-06-01T10:45:00Z'))).toBe(45);
    expect(lagMinutes(at('2025-06-01T10:00:00Z'), at('2025-06-01T10:00:29Z'))).toBe(0);
    expect(lagMinutes(at('2025-06-01T10:00:00Z'), at('2025-06-01T10:00:30Z'))).toBe(1);
    expect(lagMinutes(at('2025-06-01T10:00:00Z'), at('2025-06-22T10:00:00Z'))).toBe(21 * 24 * 60);
  });

  it('never goes negative when receipt is recorded before the incident', () => {
    expect(lagMinutes(at('2025-06-01T10:00:00Z'), at('2025-06-01T09:00:00Z'))).toBe(0);
  });

  it('is unaffected by the clocks changing (instants, not wall time)', () => {
    // 30 March 2025: UK clocks go forward at 01:00 UTC
    expect(lagMinutes(at('2025-03-30T00:30:00Z'), at('2025-03-30T01:30:00Z'))).toBe(60);
  });

  it('describes minutes', () => {
    expect(describeLag(0)).toBe('0 minutes');
    expect(describeLag(1)).toBe('1 minute');
    expect(describeLag(2)).toBe('2 minutes');
    expect(describeLag(59)).toBe('59 minutes');
  });

  it('describes hours up to two days', () => {
    expect(describeLag(60)).toBe('1 hour');
    expect(describeLag(119)).toBe('1 hour');
    expect(describeLag(180)).toBe('3 hours');
    expect(describeLag(24 * 60)).toBe('24 hours');
    expect(describeLag(47 * 60 + 59)).toBe('47 hours');
  });

  it('describes days, with hours under a week', () => {
    expect(describeLag(48 * 60)).toBe('2 days');
    expect(describeLag(49 * 60)).toBe('2 days 1 hour');
    expect(describeLag((2 * 24 + 4) * 60)).toBe('2 days 4 hours');
    expect(describeLag((6 * 24 + 23) * 60 + 59)).toBe('6 days 23 hours');
    expect(describeLag(7 * 24 * 60)).toBe('7 days');
    expect(describeLag((7 * 24 + 5) * 60)).toBe('7 days');
    expect(describeLag(21 * 24 * 60)).toBe('21 days');
  });

  it('describes a measured lag end to end', () => {
    expect(describeLag(lagMinutes(at('2025-06-01T22:15:00Z'), at('2025-06-04T02:15:00Z')))).toBe('2 days 4 hours');
    expect(describeLag(lagMinutes(null, at('2025-06-04T02:15:00Z')))).toBe('Incident time not known');
  });
});
