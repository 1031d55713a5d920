/**
 * The DASH risk identification checklist: versions as data (questions, thresholds, source), scoring and grading.
 * A "yes" is a tick; "no" and "not known" are not. The score grades the risk against the version's thresholds
 * (SafeLives: 14+ visible high risk, 10–13 medium, 0–9 standard). Professional judgement may raise the grading,
 * never lower it, and always with a reason.
 */
import { DASH_CHECKLISTS, type DashChecklist } from './dash-checklists.js';
import { type RiskLevel, compareRisk } from './domestic-abuse.js';

export type DashAnswer = 'yes' | 'no' | 'not_known';

export const DASH_ANSWERS: readonly { code: DashAnswer; label: string }[] = [
  { code: 'yes', label: 'Yes' },
  { code: 'no', label: 'No' },
  { code: 'not_known', label: 'Not known' },
];

export type { DashChecklist, DashQuestion } from './dash-checklists.js';

export function checklist(id: string): DashChecklist | undefined {
  return DASH_CHECKLISTS.find((c) => c.id === id);
}

/** The version of each kind in use on a date (the latest whose `from` is on or before it). */
export function currentChecklist(kind: DashChecklist['kind'], on: string): DashChecklist | undefined {
  return DASH_CHECKLISTS.filter((c) => c.kind === kind && c.from <= on).sort((a, b) => b.from.localeCompare(a.from))[0];
}

export function isDashAnswer(value: unknown): value is DashAnswer {
  return value === 'yes' || value === 'no' || value === 'not_known';
}

/** The ids of questions without an answer (every question must be answered: "not known" is an answer). */
export function unanswered(list: DashChecklist, answers: Readonly<Record<string, unknown>>): string[] {
  return list.questions.filter((q) => !isDashAnswer(answers[q.id])).map((q) => q.id);
}

/** The number of ticks ("yes" answers) among the version's questions. Unknown question ids are ignored. */
export function dashScore(list: DashChecklist, answers: Readonly<Record<string, unknown>>): number {
  return list.questions.filter((q) => answers[q.id] === 'yes').length;
}

/** The grading a score gives under a version's thresholds. */
export function gradeScore(score: number, thresholds: DashChecklist['thresholds']): RiskLevel {
  if (score >= thresholds.high) return 'high';
  if (score >= thresholds.medium) return 'medium';
  return 'standard';
}

export type JudgementResult = { ok: true; grading: RiskLevel; raised: boolean } | { ok: false; problem: string };

/**
 * Applies professional judgement to a scored grading: it may raise it (with a reason) and never lower it.
 * No judgement (null) keeps the scored grading.
 */
export function applyJudgement(scored: RiskLevel, judgement: RiskLevel | null, reason: string | null): JudgementResult {
  if (judgement === null || judgement === scored) return { ok: true, grading: scored, raised: false };
  if (compareRisk(judgement, scored) < 0) return { ok: false, problem: `Professional judgement cannot lower the grading: the answers give ${scored} risk` };
  if (!reason?.trim()) return { ok: false, problem: 'Give the reason for raising the grading on professional judgement' };
  return { ok: true, grading: judgement, raised: true };
}

/** The version a police DASH was completed on: the one it names, else the police version in use on the day. */
export function policeChecklist(version: string | null | undefined, on: string): DashChecklist | undefined {
  return (version ? checklist(version) : undefined) ?? currentChecklist('police', on);
}

/** A checklist scored: its ticks, the grading they give, and that grading after professional judgement. */
export interface DashResult {
  score: number;
  /** The grading the score gives under the version's thresholds. */
  scored: RiskLevel;
  /** Professional judgement applied to `scored` (without a judgement: `scored`, not raised). */
  judged: JudgementResult;
}

/**
 * Scores a checklist's answers and applies any professional judgement: the one way a DASH is scored, whether the
 * police sent it or a practitioner completed it in Threshold.
 */
export function scoreDash(list: DashChecklist, answers: Readonly<Record<string, unknown>>, judgement: { grading: RiskLevel | null; reason: string | null } | null = null): DashResult {
  const score = dashScore(list, answers);
  const scored = gradeScore(score, list.thresholds);
  return { score, scored, judged: applyJudgement(scored, judgement?.grading ?? null, judgement?.reason ?? null) };
}

/** Does this grading or score prompt a MARAC referral? (Visible high risk, or high on professional judgement.) */
export function promptsMarac(list: DashChecklist, score: number, grading: RiskLevel): boolean {
  return score >= list.thresholds.high || grading === 'high';
}
