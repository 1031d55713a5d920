/**
 * Deprivation of Liberty Safeguards (Mental Capacity Act 2005, Schedule A1): applications from managing
 * authorities, urgent and standard clocks, prioritisation, allocation to assessors, the six assessments, the
 * decision, expiry and review, and the unallocated list.
 *
 * The rules are the domain's (domain/dols.ts). Every change is checked against the application locked for the
 * transaction, and audited as the last write of that transaction; every view is audited.
 */
import { type Database, transaction } from '../../db/client.js';
import {
  type AssessmentKind,
  type AssessmentOutcome,
  type DolsDecision,
  type DolsKind,
  type DolsPriority,
  type DolsSetting,
  actionProblem,
  allocationProblems,
  applicationProblems,
  assessmentProblems,
  decisionProblems,
  extensionProblems,
  isDolsKind,
  isDolsStatus,
  priorityProblems,
  priorityReasonText,
  screenPriority,
  withdrawalProblems,
} from '../../domain/dols.js';
import { type LocalDate, londonDate } from '../../domain/time.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { type CalendarService } from '../../platform/calendar.js';
import { notifyInApp } from '../../platform/outbox.js';
import { applicationPath } from './paths.js';
import * as repo from './repository.js';

export type UserActor = Actor & { userId: string; tenantId: string; agencyId: string };
export type Problems = Record<string, string>;
/** A change's result: done, refused with problems for the form, or no such application in the user's area. */
export type ChangeResult = { ok: true } | { problems: Problems } | { notFound: true };

export type { AssessorShow, ListShow } from './repository.js';
export { LIST_SHOWS } from './repository.js';

export interface NewApplicationInput {
  managingAuthority: string;
  setting: DolsSetting;
  personName: string;
  dateOfBirth: LocalDate;
  kind: DolsKind;
  urgentFrom: LocalDate | null;
  factors: string[];
  priority: DolsPriority;
  priorityNote: string | null;
}

const has = (problems: Problems) => Object.keys(problems).length > 0;

export class DolsService {
  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly calendar: CalendarService,
    readonly now: () => Date,
  ) {}

  /** Today in London: the DoLS clocks count calendar days. */
  today(): LocalDate {
    return londonDate(this.now());
  }

  /** What the record check needs of an application (undefined: no such application). */
  applicationFacts(id: string) {
    return repo.applicationFacts(this.db, id);
  }

  /** Who may be allocated an application: users of the area who may assess DoLS, with their open allocations. */
  assessors(tenantId: string) {
    return repo.assessors(this.db, tenantId);
  }

  /** The DoLS lead's counts and one page of a list, with its total. Audited as a view of the lists. */
  async overview(actor: UserActor, show: repo.ListShow, page: number, pageSize: number) {
    const today = this.today();
    const [counts, list] = await Promise.all([repo.counts(this.db, actor.tenantId, today), repo.list(this.db, actor.tenantId, show, today, pageSize, (page - 1) * pageSize)]);
    await this.audit.recordNow(actor, { action: 'dols.lists_viewed', recordType: 'dols_application', details: { show, page, shown: list.rows.length } });
    return { counts, rows: list.rows, total: list.total, today };
  }

  /** The DoLS lead's counts (keyed as the lists where a list has one), for a home page. Not audited: no record is named. */
  counts(tenantId: string) {
    return repo.counts(this.db, tenantId, this.today());
  }

  /** One page of the applications allocated to an assessor (all, open, or open and overdue), with its total. Audited as a view of the list. */
  async mine(actor: UserActor, show: repo.AssessorShow, page: number, pageSize: number) {
    const today = this.today();
    const list = await repo.listForAssessor(this.db, actor.tenantId, actor.userId, show, today, pageSize, (page - 1) * pageSize);
    await this.audit.recordNow(actor, { action: 'dols.lists_viewed', recordType: 'dols_application', details: { show: show === 'all' ? 'mine' : `mine_${show}`, page, shown: list.rows.length } });
    return { rows: list.rows, total: list.total, today };
  }

  /** An assessor's counts (keyed as their list's views), for a home page. */
  assessorCounts(actor: { tenantId: string; userId: string }) {
    return repo.assessorCounts(this.db, actor.tenantId, actor.userId, this.today());
  }

  /** An application with its assessments, for a user the record check let in. Audited as a view (`page` says which). */
  async view(actor: UserActor, id: string, page = 'application') {
    const application = await repo.applicationById(this.db, actor.tenantId, id);
    if (!application) return undefined;
    const assessments = await repo.assessments(this.db, actor.tenantId, id);
    await this.audit.recordNow(actor, { action: 'dols.viewed', recordType: 'dols_application', recordId: id, details: { page } });
    return { application, assessments, today: this.today() };
  }

  /** A new application from a managing authority, received now: checked, prioritised, unallocated. */
  async receive(actor: UserActor, input: NewApplicationInput): Promise<{ id: string } | { problems: Problems }> {
    const receivedAt = this.now();
    const receivedOn = londonDate(receivedAt);
    const problems = {
      ...applicationProblems({ kind: input.kind, dateOfBirth: input.dateOfBirth, urgentFrom: input.urgentFrom, receivedOn }),
      ...priorityProblems({ kind: input.kind, factors: input.factors, priority: input.priority, note: input.priorityNote }),
    };
    if (has(problems)) return { problems };
    const made = await transaction(this.db, async (tx) => {
      const row = await repo.insertApplication(tx, {
        tenantId: actor.tenantId,
        personName: input.personName,
        dateOfBirth: input.dateOfBirth,
        managingAuthority: input.managingAuthority,
        setting: input.setting,
        kind: input.kind,
        receivedAt,
        urgentFrom: input.kind === 'urgent' ? input.urgentFrom : null,
        priority: input.priority,
        priorityReason: priorityReasonText(input.kind, input.factors, input.priorityNote),
        createdByUserId: actor.userId,
      });
      await this.audit.record(tx, actor, {
        action: 'dols.received',
        recordType: 'dols_application',
        recordId: row.id,
        details: { kind: input.kind, setting: input.setting, priority: input.priority, screened: screenPriority(input.kind, input.factors).priority, factors: input.factors },
      });
      return row;
    });
    return { id: made.id };
  }

  /** Allocates (or reallocates) an open application to an assessor, who is told in the app. */
  async allocate(actor: UserActor, id: string, input: { assessorId: string }): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const a = await repo.lockApplication(tx, actor.tenantId, id);
      if (!a || !isDolsStatus(a.status)) return { notFound: true as const };
      const eligible = (await repo.assessors(tx, actor.tenantId)).some((u) => u.id === input.assessorId);
      const problems = allocationProblems({ status: a.status, assessorUserId: input.assessorId, currentAssessorUserId: a.assessor_user_id, eligible });
      if (has(problems)) return { problems };
      await repo.allocate(tx, id, input.assessorId, this.now());
      if (input.assessorId !== actor.userId) {
        await notifyInApp(tx, {
          tenantId: actor.tenantId,
          userId: input.assessorId,
          title: `A ${a.priority}-priority DoLS application has been allocated to you`,
          body: a.kind === 'urgent' ? 'An urgent authorisation is in place: the assessments are due before it expires.' : 'The standard request is due to be decided within 21 days of receipt.',
          link: applicationPath(id),
        });
      }
      await this.audit.record(tx, actor, { action: 'dols.allocated', recordType: 'dols_application', recordId: id, details: { fromUserId: a.assessor_user_id, toUserId: input.assessorId, priority: a.priority } });
      return { ok: true as const };
    });
  }

  /** A new priority from the screening answers (and the lead's note when raised above them). */
  async prioritise(actor: UserActor, id: string, input: { factors: string[]; priority: DolsPriority; priorityNote: string | null }): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const a = await repo.lockApplication(tx, actor.tenantId, id);
      if (!a || !isDolsStatus(a.status) || !isDolsKind(a.kind)) return { notFound: true as const };
      const blocked = actionProblem(a.status, 'prioritise');
      if (blocked) return { problems: { priority: blocked } };
      const problems = priorityProblems({ kind: a.kind, factors: input.factors, priority: input.priority, note: input.priorityNote });
      if (has(problems)) return { problems };
      await repo.setPriority(tx, id, input.priority, priorityReasonText(a.kind, input.factors, input.priorityNote));
      await this.audit.record(tx, actor, { action: 'dols.prioritised', recordType: 'dols_application', recordId: id, details: { from: a.priority, to: input.priority, factors: input.factors } });
      return { ok: true as const };
    });
  }

  /** One of the six assessments, by the allocated assessor or the DoLS team. */
  async recordAssessment(actor: UserActor, id: string, input: { kind: AssessmentKind; outcome: AssessmentOutcome; completedOn: LocalDate; note: string | null }): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const a = await repo.lockApplication(tx, actor.tenantId, id);
      if (!a || !isDolsStatus(a.status)) return { notFound: true as const };
      const recorded = (await repo.assessments(tx, actor.tenantId, id)).map((s) => s.kind);
      const problems = assessmentProblems({ status: a.status, kind: input.kind, outcome: input.outcome, note: input.note, completedOn: input.completedOn, receivedOn: a.received_on, today: this.today(), recorded });
      if (has(problems)) return { problems };
      const assessmentId = await repo.insertAssessment(tx, { tenantId: actor.tenantId, applicationId: id, kind: input.kind, outcome: input.outcome, note: input.note, assessorUserId: actor.userId, completedOn: input.completedOn });
      await this.audit.record(tx, actor, { action: 'dols.assessed', recordType: 'dols_application', recordId: id, details: { assessmentId, kind: input.kind, outcome: input.outcome, completedOn: input.completedOn } });
      return { ok: true as const };
    });
  }

  /** Extends the urgent authorisation, once, by 7 days, while it is in force. */
  async extendUrgent(actor: UserActor, id: string): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const a = await repo.lockApplication(tx, actor.tenantId, id);
      if (!a || !isDolsStatus(a.status) || !isDolsKind(a.kind)) return { notFound: true as const };
      const problems = extensionProblems({ status: a.status, kind: a.kind, urgentFrom: a.urgent_from, extended: a.urgent_extended_at !== null, today: this.today() });
      if (has(problems)) return { problems };
      await repo.extendUrgent(tx, id, this.now());
      await this.audit.record(tx, actor, { action: 'dols.urgent_extended', recordType: 'dols_application', recordId: id, details: { urgentFrom: a.urgent_from } });
      return { ok: true as const };
    });
  }

  /** Granted (all six assessments met) with its period and conditions, or not granted (one not met) with the reason. */
  async decide(
    actor: UserActor,
    id: string,
    input: { decision: DolsDecision; authorisedFrom: LocalDate | null; authorisedUntil: LocalDate | null; conditions: string | null; note: string | null },
  ): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const a = await repo.lockApplication(tx, actor.tenantId, id);
      if (!a || !isDolsStatus(a.status)) return { notFound: true as const };
      const found = await repo.assessments(tx, actor.tenantId, id);
      const problems = decisionProblems({
        status: a.status,
        decision: input.decision,
        assessments: found,
        authorisedFrom: input.authorisedFrom,
        authorisedUntil: input.authorisedUntil,
        note: input.note,
        receivedOn: a.received_on,
        decidedOn: this.today(),
      });
      if (input.decision === 'not_granted' && input.conditions && !problems.decision) problems.conditions = 'An authorisation that is not granted has no conditions: leave the conditions empty';
      if (has(problems)) return { problems };
      const granted = input.decision === 'granted';
      await repo.decide(tx, id, {
        status: input.decision,
        at: this.now(),
        note: input.note,
        authorisedFrom: granted ? input.authorisedFrom : null,
        authorisedUntil: granted ? input.authorisedUntil : null,
        conditions: granted ? input.conditions : null,
      });
      if (a.assessor_user_id && a.assessor_user_id !== actor.userId) {
        await notifyInApp(tx, {
          tenantId: actor.tenantId,
          userId: a.assessor_user_id,
          title: granted ? 'A DoLS authorisation you assessed has been granted' : 'A DoLS authorisation you assessed has not been granted',
          body: granted ? 'The standard authorisation is recorded with its period and any conditions.' : 'The decision and its reasons are on the application.',
          link: applicationPath(id),
        });
      }
      await this.audit.record(tx, actor, {
        action: granted ? 'dols.granted' : 'dols.not_granted',
        recordType: 'dols_application',
        recordId: id,
        details: granted ? { authorisedFrom: input.authorisedFrom, authorisedUntil: input.authorisedUntil, conditions: input.conditions !== null } : { notMet: found.filter((s) => s.outcome === 'not_met').map((s) => s.kind) },
      });
      return { ok: true as const };
    });
  }

  /** Withdraws an open application (the person has died, moved, or is no longer deprived of their liberty). */
  async withdraw(actor: UserActor, id: string, input: { reason: string }): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const a = await repo.lockApplication(tx, actor.tenantId, id);
      if (!a || !isDolsStatus(a.status)) return { notFound: true as const };
      const problems = withdrawalProblems({ status: a.status, reason: input.reason });
      if (has(problems)) return { problems };
      await repo.decide(tx, id, { status: 'withdrawn', at: this.now(), note: input.reason, authorisedFrom: null, authorisedUntil: null, conditions: null });
      await this.audit.record(tx, actor, { action: 'dols.withdrawn', recordType: 'dols_application', recordId: id, details: { wasStatus: a.status, assessorUserId: a.assessor_user_id } });
      return { ok: true as const };
    });
  }
}
