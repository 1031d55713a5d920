/** View data for the domestic abuse pages: pure, so the wording and the flags are unit-tested. */
import { labelOf } from '../../domain/codes.js';
import { type DashChecklist } from '../../domain/dash.js';
import { DA_ROLES, INCIDENT_TYPES, MADA_DECISIONS, describeLag, lagMinutes } from '../../domain/domestic-abuse.js';
import { RISK_LEVELS } from '../../domain/intake.js';
import { ageOn } from '../../domain/time.js';
import { type DashRow, type PersonRow, type TriageRow } from './repository.js';
import { daCasePath, domesticAbusePath } from './paths.js';
import { personName } from '../../domain/names.js';

export interface Tag {
  text: string;
  classes: string;
}

const RISK_CLASSES: Record<string, string> = { high: 'govuk-tag--red', medium: 'govuk-tag--orange', standard: 'govuk-tag--grey' };

export function riskTag(level: string | null | undefined): Tag | null {
  if (!level) return null;
  return { text: `${labelOf(RISK_LEVELS, level)} risk`, classes: RISK_CLASSES[level] ?? 'govuk-tag--grey' };
}

export function ageText(dob: string | null, on: string): string {
  if (!dob) return 'Date of birth not known';
  const age = ageOn(dob, on);
  return age < 1 ? 'Under 1' : `${age}`;
}

export function lagOf(occurredAt: string | Date | null, receivedAt: string | Date): { text: string; minutes: number | null; slow: boolean } {
  const minutes = lagMinutes(occurredAt ? new Date(occurredAt) : null, new Date(receivedAt));
  return { text: describeLag(minutes), minutes, slow: minutes !== null && minutes > 24 * 60 };
}

export function personRows(people: readonly PersonRow[], flagged: ReadonlySet<string>, today: string) {
  return people.map((p) => ({
    id: p.id,
    personId: p.person_id,
    name: personName(p),
    role: labelOf(DA_ROLES, p.role),
    child: p.role === 'child_present' || p.role === 'child_in_household',
    age: ageText(p.date_of_birth, today),
    police: riskTag(p.police_risk),
    grading: riskTag(p.grading),
    flagged: flagged.has(p.id),
    reason: p.grading_reason,
    voice: p.child_voice,
    demeanour: p.child_demeanour,
  }));
}

export function caseFlags(c: { repeat_of_referral_id: string | null; incidents_in_year: number }, flaggedChildren: number): Tag[] {
  const out: Tag[] = [];
  if (c.repeat_of_referral_id) out.push({ text: 'Repeat MARAC', classes: 'govuk-tag--red' });
  if (c.incidents_in_year >= 3) out.push({ text: `Escalation: ${c.incidents_in_year} incidents in 12 months`, classes: 'govuk-tag--orange' });
  if (flaggedChildren > 0) out.push({ text: flaggedChildren === 1 ? 'A child graded lower than the victim' : `${flaggedChildren} children graded lower than the victim`, classes: 'govuk-tag--yellow' });
  return out;
}

export function triageRows(list: readonly TriageRow[], meetingId: string | null) {
  return list.map((r) => ({
    id: r.id,
    href: meetingId ? domesticAbusePath('madaCase', { meetingId, caseId: r.id }) : daCasePath(r.id),
    reference: r.reference ?? r.police_reference ?? 'No reference',
    area: r.tenant_name,
    victim: r.victim_name ?? 'Not named',
    type: labelOf(INCIDENT_TYPES, r.incident_type),
    risk: riskTag(r.household_risk ?? r.police_risk),
    received: r.received_at,
    lag: lagOf(r.occurred_at, r.received_at),
    children: r.children,
    flags: caseFlags(r, 0),
    decisions: r.decisions ? r.decisions.map((d) => labelOf(MADA_DECISIONS, d)) : null,
  }));
}

/** The DASH result in words, with the MARAC prompt. */
export function dashResult(d: DashRow, list: DashChecklist | undefined) {
  const high = list?.thresholds.high ?? 14;
  return {
    score: d.score,
    questions: list?.questions.length ?? null,
    scored: riskTag(d.scored_grading),
    grading: riskTag(d.grading),
    raised: d.judgement_grading !== null,
    judgementReason: d.judgement_reason,
    promptsMarac: d.score >= high || d.grading === 'high',
    visibleHighRisk: d.score >= high,
    threshold: high,
  };
}
