/**
 * IDVA and commissioned domestic abuse service cases, built for keyworker continuity (peer review finding 6): a
 * referral waits on its service's list until someone allocates a keyworker; a change of risk level is recorded
 * with its reason and never changes the keyworker; a handover is a separate, explicit step with a reason, and is
 * counted. Every view of a case and every change is audited, the audit event being the last write of its
 * transaction; in-app notifications go in the same transaction as the change.
 */
import { type Database, transaction } from '../../db/client.js';
import {
  type DaService,
  SERVICE_RISK_CELLS,
  actionProblem,
  allocationProblems,
  closureProblems,
  handoverProblems,
  isDaService,
  isServiceCaseStatus,
  kindOfKeyworkerChange,
  riskChangeOutcome,
  riskChangeProblems,
  serviceInSentence,
  serviceLabel,
} from '../../domain/da-services.js';
import { type RiskLevel, isRiskLevel, yearBefore } from '../../domain/domestic-abuse.js';
import { type LocalDate, instantAt, londonDate } from '../../domain/time.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { type CalendarService } from '../../platform/calendar.js';
import { notifyInApp } from '../../platform/outbox.js';
import * as repo from './repository.js';
import { serviceCasePath } from './paths.js';

export interface ServiceReferralInput {
  tenantId: string;
  service: 'idva' | 'commissioned';
  daCaseId: string | null;
  maracReferralId: string | null;
  personId: string | null;
  clientName: string;
  risk: 'high' | 'medium' | 'standard';
  referredByAgencyId: string | null;
  referredByUserId: string | null;
  referredAt: Date;
}

export type UserActor = Actor & { userId: string; tenantId: string; agencyId: string };
export type Problems = Record<string, string>;
/** A change's result: done, refused with problems for the form, or no such case in the user's area. */
export type ChangeResult = { ok: true } | { problems: Problems } | { notFound: true };

const link = serviceCasePath;

/** The counts the measures page uses for a period [start, end) of London dates. */
export interface DaServicePeriodCounts {
  start: LocalDate;
  end: LocalDate;
  /** The instant the point-in-time counts (caseload, waiting list) are taken at: the period's end, or now if sooner. */
  asOf: Date;
  referrals: { service: DaService; risk: RiskLevel; count: number }[];
  waiting: { service: DaService; risk: RiskLevel; count: number }[];
  caseloadByWorker: { userId: string; name: string; cases: number }[];
  allocations: number;
  handovers: number;
  handoversByWorker: { userId: string; name: string; handedOver: number }[];
  riskChanges: number;
  closures: number;
}

export class DaServiceCaseService {
  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly calendar: CalendarService,
    readonly now: () => Date,
  ) {}

  /**
   * In the caller's transaction (only `tx` is used: PGlite has one connection): a waiting referral to the service;
   * the service's workers in the area are told in-app. The caller writes the audit event.
   */
  async referIn(tx: Database, input: ServiceReferralInput): Promise<string> {
    if (!isDaService(input.service)) throw new TypeError(`Unknown domestic abuse service: ${String(input.service)}`);
    if (!isRiskLevel(input.risk)) throw new TypeError(`Unknown risk level: ${String(input.risk)}`);
    const clientName = input.clientName.trim();
    if (clientName === '') throw new TypeError('A referral to a domestic abuse service needs the client’s name');
    const id = await repo.insertCase(tx, { ...input, clientName });
    const workers = await repo.workers(tx, input.tenantId, null);
    for (const w of workers) {
      if (w.id === input.referredByUserId) continue;
      await notifyInApp(tx, {
        tenantId: input.tenantId,
        userId: w.id,
        title: `New ${input.risk}-risk referral to the ${serviceInSentence(input.service)}`,
        body: 'A client is waiting for a keyworker.',
        link: link(id),
      });
    }
    return id;
  }

  /** A referral made on the service's own form (other agencies refer through MADA and MARAC). */
  async refer(actor: UserActor, input: { clientName: string; service: DaService; risk: RiskLevel }): Promise<{ id: string }> {
    const id = await transaction(this.db, async (tx) => {
      const made = await this.referIn(tx, {
        tenantId: actor.tenantId,
        service: input.service,
        daCaseId: null,
        maracReferralId: null,
        personId: null,
        clientName: input.clientName,
        risk: input.risk,
        referredByAgencyId: actor.agencyId,
        referredByUserId: actor.userId,
        referredAt: this.now(),
      });
      await this.audit.record(tx, actor, { action: 'da_service.referred', recordType: 'da_service_case', recordId: made, details: { service: input.service, risk: input.risk, channel: 'service_form' } });
      return made;
    });
    return { id };
  }

  /** The landing page: my caseload, the waiting lists (oldest first) and each worker's caseload and handovers in 12 months. */
  async overview(actor: UserActor) {
    const now = this.now();
    const since = instantAt(yearBefore(londonDate(now)), 0);
    const [mine, waiting, workers] = await Promise.all([
      repo.caseload(this.db, actor.tenantId, actor.userId),
      repo.waiting(this.db, actor.tenantId),
      repo.caseloadByWorker(this.db, actor.tenantId, actor.agencyId, since),
    ]);
    await this.audit.recordNow(actor, { action: 'da_service.lists_viewed', recordType: 'da_service_case', details: { caseload: mine.length, waiting: waiting.length } });
    return {
      mine,
      waiting: { idva: waiting.filter((c) => c.service === 'idva'), commissioned: waiting.filter((c) => c.service === 'commissioned') },
      workers,
    };
  }

  /** A page of one of the lists (`list`), with every list's total. Audited: it names clients. */
  async cases(actor: UserActor, list: repo.CaseList, page: { limit: number; offset: number }) {
    const found = await repo.caseList(this.db, actor.tenantId, actor.userId, list, page.limit, page.offset);
    const counts = await repo.caseListCounts(this.db, actor.tenantId, actor.userId);
    await this.audit.recordNow(actor, { action: 'da_service.lists_viewed', recordType: 'da_service_case', details: { list, cases: found.map((c) => c.id) } });
    return { list: found, total: counts[list], counts };
  }

  /** How many cases each list holds, for the home page (no names: not audited). */
  caseCounts(actor: { tenantId: string; userId: string }) {
    return repo.caseListCounts(this.db, actor.tenantId, actor.userId);
  }

  /** The area a case belongs to (its record rule's facts). */
  caseArea(id: string) {
    return repo.caseArea(this.db, id);
  }

  /** A case with its history, for a user of the area. Audited as a view (`page` says which page showed it). */
  async view(actor: UserActor, id: string, page = 'case') {
    const found = await repo.caseById(this.db, actor.tenantId, id);
    if (!found) return undefined;
    const history = page === 'case' ? await repo.history(this.db, actor.tenantId, id) : [];
    await this.audit.recordNow(actor, { action: 'da_service.viewed', recordType: 'da_service_case', recordId: id, details: { page } });
    return { case: found, history };
  }

  /** Who may be a keyworker: users of the actor's agency (the service) whose role works service cases. */
  workers(actor: UserActor) {
    return repo.workers(this.db, actor.tenantId, actor.agencyId);
  }

  async allocate(actor: UserActor, id: string, input: { workerId: string }): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const c = await repo.lockCase(tx, actor.tenantId, id);
      if (!c || !isServiceCaseStatus(c.status)) return { notFound: true as const };
      const eligible = (await repo.workers(tx, actor.tenantId, actor.agencyId)).some((w) => w.id === input.workerId);
      const problems = allocationProblems({ status: c.status, toUserId: input.workerId, eligible });
      if (Object.keys(problems).length) return { problems };
      const at = this.now();
      if (!(await repo.setKeyworker(tx, id, { expected: null, keyworkerUserId: input.workerId }))) return { problems: { workerId: 'This case has just been allocated by someone else: reload the page' } };
      await repo.insertKeyworkerChange(tx, { tenantId: actor.tenantId, caseId: id, fromUserId: null, toUserId: input.workerId, kind: kindOfKeyworkerChange(null), reason: null, byUserId: actor.userId, at });
      if (input.workerId !== actor.userId) {
        await notifyInApp(tx, { tenantId: actor.tenantId, userId: input.workerId, title: `A case has been allocated to you: ${serviceLabel(c.service)}`, body: `You are the keyworker for a ${c.current_risk}-risk client.`, link: link(id) });
      }
      await this.audit.record(tx, actor, { action: 'da_service.allocated', recordType: 'da_service_case', recordId: id, details: { toUserId: input.workerId, service: c.service, risk: c.current_risk } });
      return { ok: true as const };
    });
  }

  /** A new risk level with its reason. The keyworker stays: a handover is a separate step. */
  async changeRisk(actor: UserActor, id: string, input: { risk: string; reason: string }): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const c = await repo.lockCase(tx, actor.tenantId, id);
      if (!c || !isServiceCaseStatus(c.status) || !isRiskLevel(c.current_risk) || !isDaService(c.service)) return { notFound: true as const };
      const problems = riskChangeProblems({ status: c.status, from: c.current_risk, to: input.risk, reason: input.reason });
      if (Object.keys(problems).length || !isRiskLevel(input.risk)) return { problems };
      const outcome = riskChangeOutcome(c.service, c.current_risk, input.risk);
      const at = this.now();
      const done = await repo.changeRisk(tx, { tenantId: actor.tenantId, caseId: id, fromRisk: c.current_risk, toRisk: input.risk, reason: input.reason, keyworkerUserId: c.keyworker_user_id, byUserId: actor.userId, at });
      if (!done) return { problems: { risk: 'The risk level has just been changed by someone else: reload the page' } };
      if (c.keyworker_user_id && c.keyworker_user_id !== actor.userId) {
        await notifyInApp(tx, { tenantId: actor.tenantId, userId: c.keyworker_user_id, title: `Risk level ${outcome.direction} to ${input.risk} on a case you hold`, body: 'You stay the keyworker. A handover would be a separate, explicit step.', link: link(id) });
      }
      await this.audit.record(tx, actor, {
        action: 'da_service.risk_changed',
        recordType: 'da_service_case',
        recordId: id,
        details: { from: c.current_risk, to: input.risk, keyworkerUserId: c.keyworker_user_id, keyworkerKept: outcome.keyworkerKept, outsideService: outcome.outsideService },
      });
      return { ok: true as const };
    });
  }

  /** An explicit handover to a different worker of the service, with a reason: recorded and counted. */
  async handOver(actor: UserActor, id: string, input: { workerId: string; reason: string }): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const c = await repo.lockCase(tx, actor.tenantId, id);
      if (!c || !isServiceCaseStatus(c.status)) return { notFound: true as const };
      const eligible = (await repo.workers(tx, actor.tenantId, actor.agencyId)).some((w) => w.id === input.workerId);
      const problems = handoverProblems({ status: c.status, keyworkerUserId: c.keyworker_user_id, toUserId: input.workerId, eligible, reason: input.reason });
      if (Object.keys(problems).length) return { problems };
      const from = c.keyworker_user_id;
      const at = this.now();
      if (!(await repo.setKeyworker(tx, id, { expected: from, keyworkerUserId: input.workerId }))) return { problems: { workerId: 'The keyworker has just been changed by someone else: reload the page' } };
      await repo.insertKeyworkerChange(tx, { tenantId: actor.tenantId, caseId: id, fromUserId: from, toUserId: input.workerId, kind: kindOfKeyworkerChange(from), reason: input.reason, byUserId: actor.userId, at });
      if (input.workerId !== actor.userId) {
        await notifyInApp(tx, { tenantId: actor.tenantId, userId: input.workerId, title: 'A case has been handed over to you', body: `You are now the keyworker for a ${c.current_risk}-risk client of the ${serviceInSentence(c.service)}.`, link: link(id) });
      }
      if (from && from !== actor.userId) {
        await notifyInApp(tx, { tenantId: actor.tenantId, userId: from, title: 'A case you held has been handed over', body: 'Another worker is now the keyworker.', link: link(id) });
      }
      await this.audit.record(tx, actor, { action: 'da_service.handed_over', recordType: 'da_service_case', recordId: id, details: { fromUserId: from, toUserId: input.workerId, risk: c.current_risk } });
      return { ok: true as const };
    });
  }

  async updateSafetyPlan(actor: UserActor, id: string, input: { safetyPlan: string }): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const c = await repo.lockCase(tx, actor.tenantId, id);
      if (!c || !isServiceCaseStatus(c.status)) return { notFound: true as const };
      const blocked = actionProblem(c.status, 'safety_plan');
      if (blocked) return { problems: { safetyPlan: blocked } };
      await repo.setSafetyPlan(tx, id, input.safetyPlan, this.now());
      await this.audit.record(tx, actor, { action: 'da_service.safety_plan_updated', recordType: 'da_service_case', recordId: id, details: { length: input.safetyPlan.length } });
      return { ok: true as const };
    });
  }

  async close(actor: UserActor, id: string, input: { riskAtClosure: string; reason: string }): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const c = await repo.lockCase(tx, actor.tenantId, id);
      if (!c || !isServiceCaseStatus(c.status)) return { notFound: true as const };
      const problems = closureProblems({ status: c.status, riskAtClosure: input.riskAtClosure, reason: input.reason });
      if (Object.keys(problems).length) return { problems };
      await repo.close(tx, id, { riskAtClosure: input.riskAtClosure, reason: input.reason, at: this.now() });
      await this.audit.record(tx, actor, { action: 'da_service.closed', recordType: 'da_service_case', recordId: id, details: { riskAtClosure: input.riskAtClosure, wasStatus: c.status, keyworkerUserId: c.keyworker_user_id } });
      return { ok: true as const };
    });
  }

  /**
   * Counts for the measures page over a period [start, end) of London dates: referrals by service and risk at
   * intake; keyworker allocations, handovers (in total and by the worker who handed over), risk changes and
   * closures in the period; and, at the period's end (or now, if sooner), each worker's caseload and the waiting
   * list by service and the risk level at that time. Rebuilt from the history, so past periods are right too.
   */
  async periodCounts(tenantId: string, period: { start: LocalDate; end: LocalDate }): Promise<DaServicePeriodCounts> {
    const from = instantAt(period.start, 0);
    const to = instantAt(period.end, 0);
    const now = this.now();
    const asOf = to.getTime() < now.getTime() ? to : now;
    const [referrals, waiting, caseload, changes, byWorker] = await Promise.all([
      repo.referralsIn(this.db, tenantId, from, to),
      repo.waitingAt(this.db, tenantId, asOf),
      repo.caseloadAt(this.db, tenantId, asOf),
      repo.changesIn(this.db, tenantId, from, to),
      repo.handoversByWorkerIn(this.db, tenantId, from, to),
    ]);
    const cells = (found: readonly { service: string; risk: string; n: number }[]) =>
      SERVICE_RISK_CELLS.map((cell) => ({ ...cell, count: found.filter((f) => f.service === cell.service && f.risk === cell.risk).reduce((sum, f) => sum + Number(f.n), 0) }));
    return {
      start: period.start,
      end: period.end,
      asOf,
      referrals: cells(referrals),
      waiting: cells(waiting),
      caseloadByWorker: caseload.map((r) => ({ userId: r.user_id, name: r.display_name, cases: Number(r.cases) })),
      allocations: changes.allocations,
      handovers: changes.handovers,
      handoversByWorker: byWorker.map((r) => ({ userId: r.user_id, name: r.display_name, handedOver: Number(r.handed_over) })),
      riskChanges: changes.risk_changes,
      closures: changes.closures,
    };
  }
}
