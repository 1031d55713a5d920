/**
 * Domestic abuse services: the IDVA service (high risk) and the commissioned service (standard and medium risk), and
 * keyworker continuity (peer review finding 6: "multiple handovers of clients as risk levels fluctuate").
 *
 * The rules a safeguarding expert would check line by line:
 * - which service a risk level belongs to (SafeLives: IDVAs work with high-risk victims; the local commissioned
 *   service with standard and medium risk);
 * - a change of risk level NEVER changes the keyworker and never needs a handover by itself: the keyworker stays,
 *   even when the new level belongs to the other service; a handover is a separate, explicit step with a reason;
 * - every handover is recorded and counted; the first allocation is not a handover;
 * - what each status allows: waiting → allocate; allocated → hand over; both → change the risk level, keep the
 *   safety plan, close; a closed case is read only.
 */
import { list } from './codes.js';
import { type RiskLevel, compareRisk, isRiskLevel } from './domestic-abuse.js';
import { localDateOf, toDayNumber } from './time.js';

export type DaService = 'idva' | 'commissioned';

export const DA_SERVICES = list({
  idva: 'IDVA service (high risk)',
  commissioned: 'Commissioned domestic abuse service (standard and medium risk)',
});

/** Short names for tables and headings. */
export const DA_SERVICE_NAMES: Record<DaService, string> = { idva: 'IDVA service', commissioned: 'Commissioned service' };

export function isDaService(value: unknown): value is DaService {
  return value === 'idva' || value === 'commissioned';
}

/** Source: SafeLives (IDVAs work with victims at high risk); the brief's "waiting list for standard and medium risk". */
export const SERVICE_FOR_RISK: Readonly<Record<RiskLevel, DaService>> = { high: 'idva', medium: 'commissioned', standard: 'commissioned' };

export function serviceForRisk(risk: RiskLevel): DaService {
  return SERVICE_FOR_RISK[risk];
}

/** The risk levels a service works with, highest first. */
export function risksOfService(service: DaService): RiskLevel[] {
  return (['high', 'medium', 'standard'] as const).filter((r) => SERVICE_FOR_RISK[r] === service);
}

/** Every service and risk level cell of a waiting-list table, in a stable order (IDVA first, highest risk first). */
export const SERVICE_RISK_CELLS: readonly { service: DaService; risk: RiskLevel }[] = (['idva', 'commissioned'] as const).flatMap((service) =>
  (['high', 'medium', 'standard'] as const).map((risk) => ({ service, risk })),
);

export type ServiceCaseStatus = 'waiting' | 'allocated' | 'closed';

export const SERVICE_CASE_STATUSES = list({ waiting: 'Waiting for a keyworker', allocated: 'Allocated', closed: 'Closed' });

export function isServiceCaseStatus(value: unknown): value is ServiceCaseStatus {
  return value === 'waiting' || value === 'allocated' || value === 'closed';
}

export type ServiceCaseAction = 'allocate' | 'change_risk' | 'hand_over' | 'safety_plan' | 'close';

const ALLOWED: Readonly<Record<ServiceCaseStatus, readonly ServiceCaseAction[]>> = {
  waiting: ['allocate', 'change_risk', 'safety_plan', 'close'],
  allocated: ['change_risk', 'hand_over', 'safety_plan', 'close'],
  closed: [],
};

export function actionsFor(status: ServiceCaseStatus): readonly ServiceCaseAction[] {
  return ALLOWED[status];
}

export function caseAllows(status: ServiceCaseStatus, action: ServiceCaseAction): boolean {
  return ALLOWED[status].includes(action);
}

const NOT_ALLOWED: Readonly<Record<ServiceCaseAction, Record<ServiceCaseStatus, string>>> = {
  allocate: {
    waiting: '',
    allocated: 'This case already has a keyworker: to change the worker, hand the case over',
    closed: 'This case is closed',
  },
  change_risk: { waiting: '', allocated: '', closed: 'This case is closed: its risk level cannot change' },
  hand_over: {
    waiting: 'This case is waiting for a keyworker: allocate it first',
    allocated: '',
    closed: 'This case is closed',
  },
  safety_plan: { waiting: '', allocated: '', closed: 'This case is closed: its safety plan cannot change' },
  close: { waiting: '', allocated: '', closed: 'This case is already closed' },
};

/** Why an action is not possible in a status, in words for the error summary; null when it is. */
export function actionProblem(status: ServiceCaseStatus, action: ServiceCaseAction): string | null {
  return caseAllows(status, action) ? null : NOT_ALLOWED[action][status];
}

// ——— referral ———

/** Problems with a referral to a service at a risk level: the risk level decides the service. */
export function referralProblems(input: { service: string; risk: string }): Record<string, string> {
  if (!isDaService(input.service) || !isRiskLevel(input.risk)) return {};
  if (serviceForRisk(input.risk) === input.service) return {};
  return input.service === 'commissioned'
    ? { service: 'The commissioned service is for standard and medium risk: refer a high-risk client to the IDVA service' }
    : { service: 'The IDVA service is for high-risk clients: refer standard and medium risk to the commissioned service, or record the risk as high if your professional judgement says so' };
}

// ——— allocation and handover ———

/** Problems with allocating a waiting case to a worker (`eligible`: the worker has the service role in its agency). */
export function allocationProblems(input: { status: ServiceCaseStatus; toUserId: string; eligible: boolean }): Record<string, string> {
  const blocked = actionProblem(input.status, 'allocate');
  if (blocked) return { workerId: blocked };
  if (!input.eligible) return { workerId: 'Select a worker of the service from the list' };
  return {};
}

/** Problems with handing an allocated case over: to a different, eligible worker, with a reason. */
export function handoverProblems(input: { status: ServiceCaseStatus; keyworkerUserId: string | null; toUserId: string; eligible: boolean; reason: string | null }): Record<string, string> {
  const out: Record<string, string> = {};
  const blocked = actionProblem(input.status, 'hand_over');
  if (blocked) return { workerId: blocked };
  if (input.keyworkerUserId !== null && input.toUserId.toLowerCase() === input.keyworkerUserId.toLowerCase()) {
    out.workerId = 'Select a different worker: this person is already the keyworker';
  } else if (!input.eligible) {
    out.workerId = 'Select a worker of the service from the list';
  }
  if (input.reason === null || input.reason.trim() === '') out.reason = 'Enter why the case is being handed over';
  return out;
}

/** How many handovers a list of keyworker changes holds (the first allocation is not a handover). */
export function countHandovers(changes: readonly { kind: string }[]): number {
  return changes.filter((c) => c.kind === 'handover').length;
}

/** Whether a keyworker change is a first allocation or a handover: a handover whenever there was a keyworker. */
export function kindOfKeyworkerChange(previousKeyworker: string | null): 'allocation' | 'handover' {
  return previousKeyworker === null ? 'allocation' : 'handover';
}

// ——— risk changes ———

export interface RiskChangeOutcome {
  direction: 'raised' | 'lowered';
  /** Always true: a change of risk level never changes the keyworker. */
  keyworkerKept: true;
  /** Always false: a handover is never a consequence of a risk change; it is a separate, explicit decision. */
  handoverNeeded: false;
  /** The service the new level belongs to. */
  belongsTo: DaService;
  /** The new level belongs to the other service: worth saying on the page, never acted on automatically. */
  outsideService: boolean;
}

/** What a change of risk level means for the case. Never a change of keyworker. */
export function riskChangeOutcome(service: DaService, from: RiskLevel, to: RiskLevel): RiskChangeOutcome {
  const belongsTo = serviceForRisk(to);
  return { direction: compareRisk(to, from) > 0 ? 'raised' : 'lowered', keyworkerKept: true, handoverNeeded: false, belongsTo, outsideService: belongsTo !== service };
}

/** A risk change is never a reason to change worker: this is the rule, stated as a function for callers and tests. */
export function riskChangeNeedsHandover(_service: DaService, _from: RiskLevel, _to: RiskLevel): false {
  return false;
}

/** Problems with a change of risk level: a different level, and a reason. */
export function riskChangeProblems(input: { status: ServiceCaseStatus; from: RiskLevel; to: string; reason: string | null }): Record<string, string> {
  const blocked = actionProblem(input.status, 'change_risk');
  if (blocked) return { risk: blocked };
  const out: Record<string, string> = {};
  if (!isRiskLevel(input.to)) out.risk = 'Select the new risk level';
  else if (input.to === input.from) out.risk = `The risk level is already ${input.from}: select a different level, or leave it as it is`;
  if (input.reason === null || input.reason.trim() === '') out.reason = 'Enter why the risk level has changed';
  return out;
}

// ——— closure ———

/** Problems with closing a case: the risk at closure and a reason are both required. */
export function closureProblems(input: { status: ServiceCaseStatus; riskAtClosure: string | null; reason: string | null }): Record<string, string> {
  const blocked = actionProblem(input.status, 'close');
  if (blocked) return { riskAtClosure: blocked };
  const out: Record<string, string> = {};
  if (!isRiskLevel(input.riskAtClosure)) out.riskAtClosure = 'Select the risk level at closure';
  if (input.reason === null || input.reason.trim() === '') out.reason = 'Enter why the case is being closed';
  return out;
}

// ——— waiting ———

/** Whole days a referral has waited, counted in London calendar days (referred today → 0). */
export function daysWaiting(referredAt: Date, now: Date): number {
  return Math.max(0, toDayNumber(localDateOf(now)) - toDayNumber(localDateOf(referredAt)));
}

export function describeDaysWaiting(days: number): string {
  if (days <= 0) return 'Referred today';
  return days === 1 ? '1 day' : `${days.toLocaleString('en-GB')} days`;
}

/** Oldest first; equal times by id, so the order is stable. */
export function oldestFirst<T extends { referredAt: Date; id: string }>(cases: readonly T[]): T[] {
  return [...cases].sort((a, b) => a.referredAt.getTime() - b.referredAt.getTime() || a.id.localeCompare(b.id));
}

export function serviceLabel(service: string): string {
  return isDaService(service) ? DA_SERVICE_NAMES[service] : service;
}

/** The service's name inside a sentence: "the IDVA service", "the commissioned service". */
export function serviceInSentence(service: string): string {
  return service === 'commissioned' ? 'commissioned service' : serviceLabel(service);
}

