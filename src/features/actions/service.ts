/**
 * The action tracker the partnership's work shares: plans from a source (a learning review, an audit, an
 * inspection, a self-assessment round, the peer review, a board decision), recommendations, and actions with an
 * owner agency and person, a due date, status, RAG, evidence and an impact check. A "short" plan refuses more than
 * its number of open actions (the peer review's "a much smaller number of game changing actions").
 *
 * The rules are the domain's (domain/actions.ts). Every change is checked against the plan or action locked for the
 * transaction and audited as its last write; every view is audited. Reminders before the due date and the
 * escalation after it go through the outbox, once each, from `sendDueReminders` (run by the server's timer).
 */
import { type Database, transaction } from '../../db/client.js';
import { type AccessDecision, type RecordViewer, actionPlanAccess, actionPlanManageAccess, partnershipActionAccess, partnershipActionOwnerAccess } from '../../domain/access.js';
import {
  type ActionStatus,
  type EvidenceCheck,
  BOARD_KINDS,
  dueNotice,
  impactProblem,
  planSettingsProblem,
  shortPlanProblem,
  updateProblems,
} from '../../domain/actions.js';
import { CalendarCoverageError } from '../../domain/calendar.js';
import { type Permission } from '../../domain/roles.js';
import { type LocalDate, addDays, londonDate } from '../../domain/time.js';
import { type Actor, type AuditTrail, SYSTEM_ACTOR } from '../../platform/audit.js';
import { type CalendarService } from '../../platform/calendar.js';
import { enqueueEmail, notifyInApp } from '../../platform/outbox.js';
import { formatDate } from '../../platform/views.js';
import { type OrganisationService } from '../organisations/service.js';
import { actionPath } from './paths.js';
import * as repo from './repository.js';

/** Where a plan's recommendations come from. */
export type PlanSourceKind = 'learning_review' | 'case_audit' | 'inspection' | 'self_assessment' | 'peer_review' | 'board_decision';

export interface PlanSource {
  sourceKind: PlanSourceKind;
  /** The source record in Threshold (a review, an audit, a round, a meeting); none for an inspection or the peer review. */
  sourceId?: string | null;
  /** How the source is named on the plan (a review's reference and title, an audit's topic…). */
  sourceTitle: string;
  title: string;
  /** children | adults | community_safety | joint */
  boardKind: string;
  short?: boolean;
  maxOpen?: number | null;
  /** A plan from a restricted source (a review of a named person). */
  restricted?: boolean;
}

export type PlanActor = Actor & { userId: string; tenantId: string };
/** A signed-in user: who they are, their agency and what their roles let them do. */
export type ActionViewer = PlanActor & { agencyId: string; permissions: ReadonlySet<Permission> };

export type Problems = Record<string, string>;
export type ChangeResult = { ok: true } | { problems: Problems } | { notFound: true };
export type { ActionFilter, ActionState, PlanFilter } from './repository.js';

/** The boards the dashboard shows, in order. */
export const DASHBOARD_BOARDS = BOARD_KINDS.map((b) => b.code);

const has = (problems: Problems) => Object.keys(problems).length > 0;

export class ActionService {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly now: () => Date,
    readonly calendar?: CalendarService,
    readonly organisations?: OrganisationService,
    readonly publicUrl = '',
  ) {}

  private orgs(): OrganisationService {
    if (!this.organisations) throw new Error('The action tracker needs the organisations service');
    return this.organisations;
  }

  private today(): LocalDate {
    return londonDate(this.now());
  }

  /** What a viewer's lists hold (mirrors the record rules: domain/access.ts). */
  visibility(viewer: ActionViewer): repo.Visibility {
    const all = viewer.permissions.has('partnership:manage');
    return {
      tenantId: viewer.tenantId,
      all,
      follows: all || viewer.permissions.has('partnership:view'),
      ownAgencyId: viewer.permissions.has('actions:update') ? viewer.agencyId : null,
    };
  }

  // ——— the published interface: features whose work feeds a plan ———

  /**
   * The plan for a source record, made (and audited) the first time it is asked for: a review, an audit, a round
   * or a meeting has one plan. Runs its own transaction: call it outside yours (PGlite has one connection).
   */
  async planFor(actor: PlanActor, source: PlanSource): Promise<string> {
    if (source.sourceId) {
      const existing = await repo.planBySource(this.db, actor.tenantId, source.sourceKind, source.sourceId);
      if (existing) return existing.id;
    }
    return transaction(this.db, async (tx) => {
      const id = await repo.insertPlan(tx, { ...source, tenantId: actor.tenantId, createdByUserId: actor.userId });
      await this.audit.record(tx, actor, { action: 'action_plan.created', recordType: 'action_plan', recordId: id, details: { sourceKind: source.sourceKind, sourceId: source.sourceId ?? null } });
      return id;
    });
  }

  // ——— record checks ———

  async planAccess(viewer: RecordViewer, id: string, manage = false): Promise<AccessDecision | undefined> {
    const facts = await repo.planFacts(this.db, id);
    return facts && (manage ? actionPlanManageAccess(viewer, facts) : actionPlanAccess(viewer, facts));
  }

  async actionAccess(viewer: RecordViewer, id: string, owner = false): Promise<AccessDecision | undefined> {
    const facts = await repo.actionFacts(this.db, id);
    return facts && (owner ? partnershipActionOwnerAccess(viewer, facts) : partnershipActionAccess(viewer, facts));
  }

  // ——— plans ———

  /** Plans the viewer may open, filtered and paged. Audited as a view of the list. */
  async listPlans(viewer: ActionViewer, filter: repo.PlanFilter, page: number, pageSize: number) {
    const list = await repo.listPlans(this.db, this.visibility(viewer), filter, this.today(), pageSize, (page - 1) * pageSize);
    await this.audit.recordNow(viewer, { action: 'action_plan.list_viewed', recordType: 'action_plan', details: { ...filter, page, shown: list.length } });
    return { rows: list, total: list[0]?.rows_total ?? 0, today: this.today() };
  }

  /** A plan made by hand for a source not held in Threshold (an inspection, the peer review). */
  async createPlan(actor: PlanActor, input: { title: string; sourceKind: 'inspection' | 'peer_review'; sourceTitle: string; boardKind: string; short: boolean; maxOpen: number | null }): Promise<{ problems: Problems } | { id: string }> {
    const settings = planSettingsProblem(input.short, input.maxOpen);
    if (settings) return { problems: { maxOpen: settings } };
    const id = await this.planFor(actor, { ...input, sourceId: null, maxOpen: input.short ? input.maxOpen : null });
    return { id };
  }

  /** A plan with its recommendations and actions, for a viewer the record check let in. Audited. */
  async viewPlan(viewer: ActionViewer, id: string) {
    const plan = await repo.plan(this.db, viewer.tenantId, id);
    if (!plan) return undefined;
    const [recommendations, actions] = await Promise.all([repo.recommendations(this.db, id), repo.planActions(this.db, id)]);
    await this.audit.recordNow(viewer, { action: 'action_plan.viewed', recordType: 'action_plan', recordId: id, details: { reference: plan.reference } });
    return { plan, recommendations, actions, today: this.today() };
  }

  /** What the add-an-action form offers: the area's agencies and the users who update their agency's actions. */
  async owners(tenantId: string) {
    const [agencies, users] = await Promise.all([this.orgs().agencies(tenantId, { activeOnly: true }), this.orgs().areaUsersWith(tenantId, 'actions:update')]);
    return { agencies: agencies.map((a) => ({ id: a.id, name: a.name })), users };
  }

  async addRecommendation(actor: PlanActor, planId: string, text: string): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const plan = await repo.lockPlan(tx, planId);
      if (!plan) return { notFound: true as const };
      if (plan.status !== 'open') return { problems: { text: 'This plan is closed: it can take no more recommendations' } };
      const id = await repo.insertRecommendation(tx, { tenantId: actor.tenantId, planId, text });
      await this.audit.record(tx, actor, { action: 'action_plan.recommendation_added', recordType: 'action_plan', recordId: planId, details: { recommendationId: id } });
      return { ok: true as const };
    });
  }

  /** A new action: its owner agency from the area's list, its owner user (optional) of that agency, and a short plan's limit. */
  async addAction(
    actor: PlanActor,
    planId: string,
    input: { description: string; ownerAgencyId: string; ownerUserId: string | null; ownerName: string; dueOn: LocalDate; recommendationId: string | null; rag: string },
  ): Promise<ChangeResult> {
    const problems: Problems = {};
    const owners = await this.owners(actor.tenantId);
    if (!owners.agencies.some((a) => a.id === input.ownerAgencyId)) problems.ownerAgencyId = 'Select the agency that owns the action from the list';
    else if (input.ownerUserId && !owners.users.some((u) => u.id === input.ownerUserId && u.agency_id === input.ownerAgencyId)) {
      problems.ownerUserId = 'Select a user of the owning agency, or leave it blank';
    }
    const recommendations = await repo.recommendations(this.db, planId);
    if (input.recommendationId && !recommendations.some((r) => r.id === input.recommendationId)) problems.recommendationId = 'Select a recommendation of this plan, or none';
    if (has(problems)) return { problems };
    return transaction(this.db, async (tx) => {
      const plan = await repo.lockPlan(tx, planId);
      if (!plan) return { notFound: true as const };
      if (plan.status !== 'open') return { problems: { description: 'This plan is closed: it can take no more actions' } };
      const full = shortPlanProblem({ short: plan.short, maxOpen: plan.max_open, openCount: plan.open });
      if (full) return { problems: { description: full } };
      const made = await repo.insertAction(tx, { ...input, tenantId: actor.tenantId, planId, createdByUserId: actor.userId });
      await this.audit.record(tx, actor, {
        action: 'partnership_action.created',
        recordType: 'partnership_action',
        recordId: made.id,
        details: { planId, reference: made.reference, ownerAgencyId: input.ownerAgencyId, dueOn: input.dueOn },
      });
      return { ok: true as const };
    });
  }

  /** Closes a plan once none of its actions is open. */
  async closePlan(actor: PlanActor, planId: string): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const plan = await repo.lockPlan(tx, planId);
      if (!plan) return { notFound: true as const };
      if (plan.status !== 'open') return { problems: { confirm: 'This plan is already closed' } };
      if (plan.open > 0) return { problems: { confirm: `Complete or cancel the plan’s ${plan.open} open ${plan.open === 1 ? 'action' : 'actions'} before closing it` } };
      await repo.closePlan(tx, planId);
      await this.audit.record(tx, actor, { action: 'action_plan.closed', recordType: 'action_plan', recordId: planId });
      return { ok: true as const };
    });
  }

  // ——— actions ———

  /** An action with its timeline of updates, for a viewer the record check let in. Audited. */
  async viewAction(viewer: ActionViewer, id: string) {
    const action = await repo.action(this.db, viewer.tenantId, id);
    if (!action) return undefined;
    const updates = await repo.updates(this.db, id);
    await this.audit.recordNow(viewer, { action: 'partnership_action.viewed', recordType: 'partnership_action', recordId: id, details: { reference: action.reference } });
    return { action, updates, today: this.today() };
  }

  /** A progress update: a note, the status and RAG, evidence (with an optional file, already checked). */
  async updateAction(
    actor: PlanActor & { agencyId: string },
    id: string,
    input: { note: string; status: string; rag: string; isEvidence: boolean; file: Extract<EvidenceCheck, { ok: true }> & { content: Buffer } | null },
  ): Promise<ChangeResult> {
    const at = this.now();
    const today = this.today();
    return transaction(this.db, async (tx) => {
      const current = await repo.lockAction(tx, id);
      if (!current) return { notFound: true as const };
      const plan = (await repo.lockPlan(tx, current.plan_id))!;
      const isEvidence = input.isEvidence || input.file !== null;
      const problems = updateProblems(
        { status: current.status, evidenceCount: current.evidence, planOpen: plan.status === 'open' },
        { status: input.status, isEvidence },
        { short: plan.short, maxOpen: plan.max_open, openCount: plan.open },
      );
      if (has(problems)) return { problems };
      const status = input.status as ActionStatus;
      const completedOn = status === 'completed' ? (current.status === 'completed' ? (current.completed_on ?? today) : today) : null;
      const updateId = await repo.insertUpdate(tx, {
        tenantId: actor.tenantId,
        actionId: id,
        note: input.note,
        isEvidence,
        file: input.file && { name: input.file.name, type: input.file.type, bytes: input.file.bytes, base64: input.file.content.toString('base64') },
        status: status === current.status ? null : status,
        rag: input.rag === current.rag ? null : input.rag,
        byUserId: actor.userId,
        byAgencyId: actor.agencyId,
        at,
      });
      await repo.applyUpdate(tx, id, { status, rag: input.rag, completedOn, at });
      await this.audit.record(tx, actor, {
        action: 'partnership_action.updated',
        recordType: 'partnership_action',
        recordId: id,
        details: { updateId, from: current.status, to: status, rag: input.rag, evidence: isEvidence, file: input.file ? { name: input.file.name, type: input.file.type, bytes: input.file.bytes } : null },
      });
      return { ok: true as const };
    });
  }

  /** An evidence file of one of the action's updates. Audited as a view. */
  async evidence(viewer: ActionViewer, id: string, updateId: string) {
    const file = await repo.evidenceFile(this.db, id, updateId);
    if (!file) return undefined;
    await this.audit.recordNow(viewer, { action: 'partnership_action.evidence_viewed', recordType: 'partnership_action', recordId: id, details: { updateId, name: file.file_name } });
    return { name: file.file_name, type: file.file_type, content: Buffer.from(file.file_b64, 'base64') };
  }

  /** What difference a completed action made, checked by the business unit. */
  async recordImpact(actor: PlanActor, id: string, impact: string): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const current = await repo.lockAction(tx, id);
      if (!current) return { notFound: true as const };
      const problem = impactProblem(current.status);
      if (problem) return { problems: { impact: problem } };
      await repo.recordImpact(tx, id, { impact, on: this.today(), byUserId: actor.userId, at: this.now() });
      await this.audit.record(tx, actor, { action: 'partnership_action.impact_checked', recordType: 'partnership_action', recordId: id });
      return { ok: true as const };
    });
  }

  // ——— lists, "our actions", the dashboard ———

  /** Actions matching a filter, overdue first. Audited as a view of the list. */
  async listActions(viewer: ActionViewer, filter: repo.ActionFilter, page: number, pageSize: number, action = 'partnership_action.list_viewed') {
    const today = this.today();
    const list = await repo.listActions(this.db, this.visibility(viewer), filter, today, pageSize, (page - 1) * pageSize);
    await this.audit.recordNow(viewer, { action, recordType: 'partnership_action', details: { ...filter, page, shown: list.length } });
    return { rows: list, total: list[0]?.rows_total ?? 0, today };
  }

  /** The viewer's agency's open (or only its overdue) actions, overdue first (the actions list filtered by agency and state). */
  ourActions(viewer: ActionViewer, state: 'open' | 'overdue', page: number, pageSize: number) {
    return this.listActions(viewer, { agencyId: viewer.agencyId, state }, page, pageSize, 'partnership_action.ours_viewed');
  }

  /**
   * The home panel's counts (counts only: not audited): the viewer's agency's open and overdue actions (the "our
   * actions" list's filters), and for whoever follows the whole partnership its overdue actions (the actions list's).
   */
  async homeCounts(viewer: ActionViewer): Promise<{ open: number; overdue: number; partnershipOverdue: number | null }> {
    const v = this.visibility(viewer);
    const today = this.today();
    const [open, overdue, partnershipOverdue] = await Promise.all([
      v.ownAgencyId ? repo.countActions(this.db, v, { agencyId: viewer.agencyId, state: 'open' }, today) : 0,
      v.ownAgencyId ? repo.countActions(this.db, v, { agencyId: viewer.agencyId, state: 'overdue' }, today) : 0,
      v.all ? repo.countActions(this.db, v, { state: 'overdue' }, today) : null,
    ]);
    return { open, overdue, partnershipOverdue };
  }

  /**
   * The board dashboard: per board, open actions by RAG, completed and overdue; overdue by owner agency. Each figure
   * is a count of the same filter the actions list uses, so a figure's link lists exactly what it counts.
   */
  async dashboard(viewer: ActionViewer) {
    const v = this.visibility(viewer);
    const today = this.today();
    const count = (f: repo.ActionFilter) => repo.countActions(this.db, v, f, today);
    const boards = [];
    for (const board of DASHBOARD_BOARDS) {
      const [red, amber, green, completed, overdue] = [
        await count({ board, state: 'open', rag: 'red' }),
        await count({ board, state: 'open', rag: 'amber' }),
        await count({ board, state: 'open', rag: 'green' }),
        await count({ board, state: 'completed' }),
        await count({ board, state: 'overdue' }),
      ];
      boards.push({ board, red, amber, green, completed, overdue });
    }
    const byAgency = await repo.countByAgency(this.db, v, { state: 'overdue' }, today);
    await this.audit.recordNow(viewer, { action: 'partnership.dashboard_viewed', recordType: 'partnership_action' });
    return { boards, byAgency, today };
  }

  // ——— reminders and escalation ———

  /**
   * Sends the reminders and escalations due at `now`, once each (reminded_on, escalated_on): a reminder in-app and
   * by email to the action's owner user (or, with none, the owning agency's users who update actions) the set
   * number of working days before the due date; when it is overdue, an escalation to the business unit and the
   * owning agency's partner managers (its users who follow the partnership). Safe to run from several processes.
   */
  async sendDueReminders(now: Date = this.now()): Promise<{ reminded: number; escalated: number }> {
    const orgs = this.orgs();
    if (!this.calendar) throw new Error('The action tracker needs the calendar service');
    const today = londonDate(now);
    const due = await repo.dueForNotice(this.db, today, addDays(today, 60));
    let reminded = 0;
    let escalated = 0;
    const areas = new Map<string, Promise<{ calendar: Awaited<ReturnType<CalendarService['forDivision']>>; reminderDays: number; escalationDays: number }>>();
    const area = (tenantId: string) => {
      if (!areas.has(tenantId)) {
        areas.set(
          tenantId,
          (async () => {
            const tenant = await orgs.tenant(tenantId);
            const [calendar, reminder, escalation] = await Promise.all([
              this.calendar!.forDivision(tenant?.calendarDivision ?? 'england-and-wales'),
              this.calendar!.timescale(tenantId, 'partnership_action.reminder'),
              this.calendar!.timescale(tenantId, 'partnership_action.escalation'),
            ]);
            return { calendar, reminderDays: reminder.amount, escalationDays: escalation.amount };
          })(),
        );
      }
      return areas.get(tenantId)!;
    };
    for (const a of due) {
      const { calendar, reminderDays, escalationDays } = await area(a.tenant_id);
      let notice: 'remind' | 'escalate' | null;
      try {
        notice = dueNotice({ status: a.status, dueOn: a.due_on, remindedOn: a.reminded_on, escalatedOn: a.escalated_on }, today, calendar, { reminderDays, escalationDays });
      } catch (err) {
        // A due date in a year whose bank holidays are not yet in the calendar: that one waits, the rest go.
        if (err instanceof CalendarCoverageError) continue;
        throw err;
      }
      if (!notice) continue;
      const recipients = new Map<string, string>();
      if (notice === 'remind') {
        const owner = a.owner_user_id ? await repo.activeUser(this.db, a.tenant_id, a.owner_user_id) : undefined;
        const users = owner ? [owner] : await orgs.usersWith(a.tenant_id, a.owner_agency_id, 'actions:update');
        for (const u of users) recipients.set(u.id, u.email);
      } else {
        for (const u of await orgs.areaUsersWith(a.tenant_id, 'partnership:manage')) recipients.set(u.id, u.email);
        for (const u of await orgs.usersWith(a.tenant_id, a.owner_agency_id, 'partnership:view')) recipients.set(u.id, u.email);
      }
      const link = actionPath('action', { id: a.id });
      const actor = { ...SYSTEM_ACTOR, tenantId: a.tenant_id };
      const sent = await transaction(this.db, async (tx) => {
        const marked = notice === 'escalate' ? await repo.markEscalated(tx, a.id, today) : await repo.markReminded(tx, a.id, today);
        if (!marked) return false;
        for (const [userId, email] of recipients) {
          await notifyInApp(tx, {
            tenantId: a.tenant_id,
            userId,
            title: notice === 'escalate' ? `Overdue partnership action: ${a.reference}` : `Partnership action due soon: ${a.reference}`,
            body: notice === 'escalate' ? `It was due by ${formatDate(a.due_on)} and is still open.` : `It is due by ${formatDate(a.due_on)}: update it with progress or evidence.`,
            link,
          });
          await enqueueEmail(tx, {
            tenantId: a.tenant_id,
            template: notice === 'escalate' ? 'partnership_action.escalation' : 'partnership_action.reminder',
            recipient: email,
            personalisation: { action_reference: a.reference, deadline: formatDate(a.due_on), link: `${this.publicUrl}${link}` },
          });
        }
        await this.audit.record(tx, actor, {
          action: notice === 'escalate' ? 'partnership_action.escalated' : 'partnership_action.reminded',
          recordType: 'partnership_action',
          recordId: a.id,
          details: { recipients: recipients.size, dueOn: a.due_on },
        });
        return true;
      });
      if (sent && notice === 'escalate') escalated += 1;
      else if (sent) reminded += 1;
    }
    return { reminded, escalated };
  }

  /** Runs `sendDueReminders` every `intervalMs` (the server starts it, like the information requests' sweep). */
  startReminding(intervalMs: number, log?: (message: string, fields: Record<string, unknown>) => void): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sendDueReminders()
        .then((sent) => {
          if (sent.reminded || sent.escalated) log?.('partnership action reminders sent', sent);
        })
        .catch((err: unknown) => log?.('partnership action reminders failed', { err: err instanceof Error ? err.message : String(err) }))
        .finally(() => (this.running = undefined));
    }, intervalMs);
    this.timer.unref();
  }

  stopReminding(): Promise<unknown> {
    clearInterval(this.timer);
    this.timer = undefined;
    return this.running ?? Promise.resolve();
  }
}
