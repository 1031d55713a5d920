/**
 * Domestic abuse rules a safeguarding expert would check line by line: the roles people have in an incident, the
 * ordering of risk levels, the household consistency rule, escalation and repeat MARAC windows, the MARAC criteria
 * and the decisions the daily triage (MADA) can make. Thresholds are SafeLives' (see the brief's rules table).
 */
import { list } from './codes.js';

export const DA_ROLES = list({
  victim: 'Victim',
  alleged_perpetrator: 'Alleged perpetrator',
  child_present: 'Child present at the incident',
  child_in_household: 'Child living in the household',
  other: 'Other person',
});
export type DaRole = 'victim' | 'alleged_perpetrator' | 'child_present' | 'child_in_household' | 'other';

export const CHILD_DA_ROLES: ReadonlySet<string> = new Set(['child_present', 'child_in_household']);

export const INCIDENT_TYPES = list({
  physical: 'Physical violence',
  verbal: 'Verbal abuse or argument',
  coercive_control: 'Coercive or controlling behaviour',
  stalking_harassment: 'Stalking or harassment',
  sexual: 'Sexual abuse',
  honour_based: 'Honour-based abuse',
  criminal_damage: 'Criminal damage',
  breach_of_order: 'Breach of an order or bail conditions',
  other: 'Other',
});

export type RiskLevel = 'standard' | 'medium' | 'high';

const ORDER: Record<RiskLevel, number> = { standard: 0, medium: 1, high: 2 };

export function isRiskLevel(value: unknown): value is RiskLevel {
  return typeof value === 'string' && Object.hasOwn(ORDER, value);
}

export function compareRisk(a: RiskLevel, b: RiskLevel): number {
  return ORDER[a] - ORDER[b];
}

export function higherRisk(a: RiskLevel, b: RiskLevel): RiskLevel {
  return compareRisk(a, b) >= 0 ? a : b;
}

/**
 * The household rule (peer review finding 5): a child in the same incident graded lower than the adult victim is
 * flagged and needs a recorded reason. Returns the children flagged (with no grading a child is not
 * compared: the missing grading is asked for separately).
 */
export function childrenGradedBelowVictim<T extends { id: string; role: string; grading: string | null }>(people: readonly T[]): T[] {
  const victims = people.filter((p) => p.role === 'victim' && isRiskLevel(p.grading));
  if (victims.length === 0) return [];
  const victimRisk = victims.map((v) => v.grading as RiskLevel).reduce(higherRisk);
  return people.filter((p) => CHILD_DA_ROLES.has(p.role) && isRiskLevel(p.grading) && compareRisk(p.grading, victimRisk) < 0);
}

/** The highest grading in a household: the household's risk. Null when nobody is graded. */
export function householdRisk(gradings: readonly (string | null)[]): RiskLevel | null {
  const known = gradings.filter(isRiskLevel);
  return known.length === 0 ? null : known.reduce(higherRisk);
}

// ——— escalation and repeats ———

/** 12 months back from a London date: the same day-of-month a year earlier (29 February → 28 February). */
export function yearBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = m === 2 && d === 29 ? 28 : d;
  return `${String(y - 1).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Is `later` within 12 months of `earlier` (both London dates)? The anniversary itself is within; the day after is not. */
export function withinTwelveMonths(earlier: string, later: string): boolean {
  return later >= earlier && yearBefore(later) <= earlier;
}

export const ESCALATION_INCIDENTS = 3;

/**
 * SafeLives escalation: 3 or more DA incidents in 12 months between the same people, counting this one.
 * `earlier` are the dates of the other incidents between the pair (any order, may include later ones, ignored).
 */
export function incidentsInTwelveMonths(on: string, earlier: readonly string[]): number {
  return 1 + earlier.filter((d) => d <= on && withinTwelveMonths(d, on)).length;
}

export function isEscalation(incidents: number): boolean {
  return incidents >= ESCALATION_INCIDENTS;
}

/**
 * SafeLives repeat: any new incident between the same victim and perpetrator within 12 months of the last MARAC
 * referral. Returns the referral repeated, if any (the most recent one on or before the incident).
 */
export function repeatOf<T extends { referredOn: string }>(incidentOn: string, referrals: readonly T[]): T | null {
  const before = referrals.filter((r) => r.referredOn <= incidentOn).sort((a, b) => b.referredOn.localeCompare(a.referredOn));
  const last = before[0];
  return last && withinTwelveMonths(last.referredOn, incidentOn) ? last : null;
}

// ——— MARAC ———

export const MARAC_CRITERIA = list({
  visible_high_risk: 'Visible high risk (14 or more ticks on the DASH)',
  professional_judgement: 'Professional judgement',
  escalation: 'Potential escalation (3 or more incidents in 12 months)',
  repeat: 'Repeat (a new incident within 12 months of the last MARAC referral)',
});
export type MaracCriterion = 'visible_high_risk' | 'professional_judgement' | 'escalation' | 'repeat';

/** Which MARAC criteria the facts meet. A referral must meet at least one. */
export function maracCriteriaMet(facts: { dashScore: number | null; highRiskThreshold: number; judgementHigh: boolean; incidentsInYear: number; isRepeat: boolean }): MaracCriterion[] {
  const out: MaracCriterion[] = [];
  if (facts.dashScore !== null && facts.dashScore >= facts.highRiskThreshold) out.push('visible_high_risk');
  if (facts.judgementHigh) out.push('professional_judgement');
  if (isEscalation(facts.incidentsInYear)) out.push('escalation');
  if (facts.isRepeat) out.push('repeat');
  return out;
}

// ——— MADA ———

export const MADA_DECISIONS = list({
  marac_referral: 'Refer to MARAC',
  idva: 'Refer to the IDVA service',
  commissioned_service: 'Refer to a commissioned domestic abuse service (standard or medium risk)',
  childrens_social_care: 'Refer to children’s social care',
  early_help: 'Offer early help',
  no_further_action: 'No further action',
});
export type MadaDecision = 'marac_referral' | 'idva' | 'commissioned_service' | 'childrens_social_care' | 'early_help' | 'no_further_action';

/** Problems with a set of MADA decisions for a household, in words for the error summary. */
export function madaDecisionProblems(decisions: readonly string[], householdRiskLevel: RiskLevel | null): string[] {
  const out: string[] = [];
  if (decisions.length === 0) out.push('Choose at least one decision for the household');
  if (decisions.includes('no_further_action') && decisions.length > 1) out.push('No further action cannot be chosen with another decision');
  if (decisions.includes('commissioned_service') && householdRiskLevel === 'high') out.push('A commissioned service is for standard and medium risk: refer a high-risk victim to the IDVA service or MARAC');
  if (householdRiskLevel === null) out.push('Grade everyone in the household before deciding');
  return out;
}

/** Minutes from incident to receipt, or null when the incident time is not known. */
export function lagMinutes(occurredAt: Date | null, receivedAt: Date): number | null {
  return occurredAt ? Math.max(0, Math.round((receivedAt.getTime() - occurredAt.getTime()) / 60_000)) : null;
}

/** A lag in words: "3 hours", "2 days 4 hours", "21 days". */
export function describeLag(minutes: number | null): string {
  if (minutes === null) return 'Incident time not known';
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'}`;
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return days >= 7 || rest === 0 ? `${days} days` : `${days} days ${rest} hour${rest === 1 ? '' : 's'}`;
}
