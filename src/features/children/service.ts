/**
 * Children's social care after the front door (Working Together to Safeguard Children 2023): a referral per child
 * made from an authorised front-door decision, the child and family assessment (45 working days, authorised by a
 * manager), strategy discussions (children's social care, police and health), section 47 enquiries, child
 * protection conferences with each invited agency's report, child protection and child in need plans with their
 * core groups, visits and reviews. Every view and change is audited, the audit event the last write of its
 * transaction; in-app notifications go in the same transaction as the change.
 */
import { type Database, asDate, transaction } from '../../db/client.js';
import {
  type AccessDecision,
  type RecordViewer,
  type Viewer,
  childPlanAccess,
  conferenceAccess,
  conferenceChairAccess,
  conferenceInviteAccess,
  conferenceReportAccess,
  cscCaseAccess,
  ownedChildPlanAccess,
  ownedCscCaseAccess,
} from '../../domain/access.js';
import { type WorkingCalendar } from '../../domain/calendar.js';
import {
  ATTENDANCE,
  CLOSURE_REASONS,
  PLAN_END_REASONS,
  assessmentAllows,
  assessmentSubmitProblems,
  conferenceDecisionProblems,
  coreGroupDueOn,
  inTimeSince,
  nextReviewDue,
  reportDueOn,
  s47Next,
  strategyProblems,
  visitDueOn,
  type Participant,
} from '../../domain/children.js';
import { isCode, labelOf } from '../../domain/codes.js';
import { addMonths, instantAt } from '../../domain/time.js';
import { timescaleDeadline } from '../../domain/timescales.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { type BreakGlass } from '../../platform/break-glass.js';
import { type CalendarService } from '../../platform/calendar.js';
import { notifyInApp } from '../../platform/outbox.js';
import { type ContactService } from '../front-door/contact-service.js';
import { type ClockService } from '../clocks/service.js';
import { type OrganisationService } from '../organisations/service.js';
import { type SafeguardingLeadService } from '../safeguarding-lead/service.js';
import { casePath, conferencePath, childrenPath, planPath } from './paths.js';
import * as repo from './repository.js';

export type UserActor = Actor & { userId: string; tenantId: string; agencyId: string };
export type Problems = Record<string, string>;
export type ChangeResult = { ok: true; id?: string } | { problems: Problems } | { notFound: true };

type TakeOn = NonNullable<Awaited<ReturnType<ContactService['takeOn']>>>;

/**
 * A step down to early help, published by the early help capability (wired in services.ts): `setUp` is read before
 * the transaction (PGlite has one connection), `stepDown` makes the family's episode inside it.
 */
export interface EarlyHelpStepDown {
  setUp(tenantId: string): Promise<unknown>;
  stepDown(tx: Database, setUp: unknown, input: { referralId: string; children: readonly string[]; familyName: string; startedAt: Date; restricted: boolean; actor: Actor }): Promise<unknown>;
}

type StepDownInput = { referralId: string; personId: string; childName: string; restricted: boolean; at: Date; actor: Actor };

const FIRST_REVIEW_HOUR = 10 * 60;

export class ChildrenService {
  private earlyHelp: EarlyHelpStepDown | null = null;

  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly calendar: CalendarService,
    readonly breakGlass: BreakGlass,
    readonly organisations: OrganisationService,
    readonly leads: Pick<SafeguardingLeadService, 'ensureLead'>,
    readonly clocks: Pick<ClockService, 'completeFor'>,
    readonly now: () => Date,
  ) {}

  /** Early help subscribes its step-down here (it is built after this service). */
  useEarlyHelp(earlyHelp: EarlyHelpStepDown): void {
    this.earlyHelp = earlyHelp;
  }

  /** Early help's set-up, read before a transaction that may step a family down. */
  private async earlyHelpSetUp(tenantId: string): Promise<unknown> {
    return this.earlyHelp ? this.earlyHelp.setUp(tenantId) : undefined;
  }

  private async stepDown(tx: Database, setUp: unknown, d: StepDownInput): Promise<void> {
    if (!this.earlyHelp || !setUp) return;
    const family = d.childName.split(' ').slice(-1)[0] ?? d.childName;
    await this.earlyHelp.stepDown(tx, setUp, { referralId: d.referralId, children: [d.personId], familyName: family, startedAt: d.at, restricted: d.restricted, actor: d.actor });
  }

  /** Each invited agency's report writers (read before the transaction that invites them). */
  private async reportWriters(tenantId: string, agencyIds: readonly string[]): Promise<string[]> {
    const lists = await Promise.all(agencyIds.map((a) => this.organisations.usersWith(tenantId, a, 'conference:report')));
    return [...new Set(lists.flat().map((u) => u.id))];
  }

  // ——— record checks ———

  private async glass(viewer: Viewer, referralId: string, restricted: boolean): Promise<boolean> {
    return restricted && this.breakGlass.isOpen(viewer.userId, 'csc_referral', referralId);
  }

  async caseAccess(viewer: Viewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.caseFacts(this.db, id);
    return facts && cscCaseAccess(viewer, facts, await this.glass(viewer, id, facts.restricted));
  }

  async ownedCaseAccess(viewer: RecordViewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.caseFacts(this.db, id);
    return facts && ownedCscCaseAccess(viewer, facts, await this.glass(viewer, id, facts.restricted));
  }

  async conferenceAccess(viewer: RecordViewer, id: string, chair: boolean): Promise<AccessDecision | undefined> {
    const facts = await repo.conferenceFacts(this.db, id);
    return facts && (chair ? conferenceChairAccess(viewer, facts) : conferenceAccess(viewer, facts));
  }

  async inviteAccess(viewer: RecordViewer, id: string, writing: boolean): Promise<AccessDecision | undefined> {
    const facts = await repo.inviteFacts(this.db, id);
    return facts && (writing ? conferenceReportAccess(viewer, facts) : conferenceInviteAccess(viewer, facts));
  }

  async planAccess(viewer: RecordViewer, id: string, owned: boolean): Promise<AccessDecision | undefined> {
    const facts = await repo.planFacts(this.db, id);
    if (!facts) return undefined;
    const plan = await repo.plan(this.db, id);
    const glass = await this.glass(viewer, plan!.referral_id, facts.restricted);
    return owned ? ownedChildPlanAccess(viewer, facts, glass) : childPlanAccess(viewer, facts, glass);
  }

  // ——— set-up ———

  async calendarFor(tenantId: string): Promise<WorkingCalendar> {
    const tenant = await this.organisations.tenant(tenantId);
    return this.calendar.forDivision(tenant?.calendarDivision ?? 'england-and-wales');
  }

  private timescale(tenantId: string, code: string) {
    return this.calendar.timescale(tenantId, code);
  }

  /** What the front door's subscriber reads before the transaction: children's social care, the assessment timescale, its managers. */
  async arrivalSetUp(tenantId: string) {
    const door = await this.organisations.frontDoor(tenantId, 'child');
    if (!door) return undefined;
    const [timescale, managers, calendar] = await Promise.all([this.timescale(tenantId, 'assessment.child'), this.organisations.usersWith(tenantId, door.id, 'csc:authorise'), this.calendarFor(tenantId)]);
    return { door, timescale, calendar, managers: managers.map((u) => u.id) };
  }

  /**
   * A referral (with its assessment, due 45 working days from the referral) for each child of an authorised
   * referral or strategy-discussion decision, in the front door's transaction. The team managers are told, to allocate.
   */
  async takeOn(
    tx: Database,
    input: { tenantId: string; contactId: string; route: string; referredAt: Date; take: TakeOn; children: readonly string[]; setUp: NonNullable<Awaited<ReturnType<ChildrenService['arrivalSetUp']>>>; actor: Actor & { userId: string } },
  ): Promise<{ id: string; reference: string }[]> {
    const made: { id: string; reference: string }[] = [];
    const dueAt = timescaleDeadline(input.setUp.calendar, input.referredAt, input.setUp.timescale);
    for (const personId of input.children) {
      const person = input.take.people.find((p) => p.personId === personId);
      const r = await repo.insertReferral(tx, {
        tenantId: input.tenantId,
        contactId: input.contactId,
        route: input.route,
        owningAgencyId: input.setUp.door.id,
        personId,
        childName: person?.name ?? 'Name not known',
        referredAt: input.referredAt,
        sourceCode: input.take.sourceCode,
        restricted: input.take.restricted,
      });
      if (!r.made) continue;
      await repo.insertAssessment(tx, { tenantId: input.tenantId, referralId: r.id, personId, dueAt });
      await this.leads.ensureLead(tx, { tenantId: input.tenantId, personId, agencyId: input.setUp.door.id, teamId: null, workKind: 'csc_referral', workId: r.id, since: input.referredAt, reason: `Referral to children’s social care ${r.reference}`, setByUserId: input.actor.userId });
      made.push({ id: r.id, reference: r.reference });
    }
    for (const userId of input.setUp.managers) {
      for (const r of made) {
        await notifyInApp(tx, { tenantId: input.tenantId, userId, title: `New referral to allocate: ${r.reference}`, body: input.route === 'strategy_discussion' ? 'The front door decided a strategy discussion is needed: allocate a social worker today.' : 'Allocate a social worker for the child and family assessment.', link: casePath(r.id) });
      }
    }
    return made;
  }

  // ——— lists ———

  /** The dates a case's clocks are measured against today (repo.DueCutoffs), worked out by the area's calendar. */
  async dueCutoffs(tenantId: string): Promise<repo.DueCutoffs> {
    const now = this.now();
    const calendar = await this.calendarFor(tenantId);
    const today = calendar.dateOf(now);
    const [visit, cgFirst, cgNext, review] = await Promise.all([
      this.timescale(tenantId, 'cp_visit.interval'),
      this.timescale(tenantId, 'core_group.first'),
      this.timescale(tenantId, 'core_group.next'),
      this.timescale(tenantId, 'cin_plan.review'),
    ]);
    return {
      now,
      soonBy: calendar.closeOfDay(calendar.addWorkingDays(today, 5)),
      visitBefore: inTimeSince(calendar, today, visit.amount),
      coreGroupFirstBefore: inTimeSince(calendar, today, cgFirst.amount),
      coreGroupNextBefore: inTimeSince(calendar, today, cgNext.amount),
      reviewBefore: addMonths(today, -review.amount),
    };
  }

  /** A case list (one of the views, optionally only the cases with something due), with the views' counts and what is due in this view. */
  async cases(viewer: Viewer, view: repo.CaseView, page: number, pageSize = 25, due: repo.CaseDue | null = null) {
    const now = this.now();
    const cutoffs = await this.dueCutoffs(viewer.tenantId);
    const [list, counts, dues, calendar] = await Promise.all([
      repo.cases(this.db, viewer, view, page, pageSize, due ? { due, cutoffs } : undefined),
      repo.caseCounts(this.db, viewer, now),
      repo.caseDueCounts(this.db, viewer, view, cutoffs),
      this.calendarFor(viewer.tenantId),
    ]);
    const interval = await this.timescale(viewer.tenantId, 'cp_visit.interval');
    return { ...list, counts, dues, calendar, now, visitInterval: interval };
  }

  counts(viewer: Viewer) {
    return repo.caseCounts(this.db, viewer, this.now());
  }

  /** What is due in a case list: the counts of its `due` filters (the home page's figures). */
  async dueCounts(viewer: Viewer, view: repo.CaseView) {
    return repo.caseDueCounts(this.db, viewer, view, await this.dueCutoffs(viewer.tenantId));
  }

  private async weekAhead(tenantId: string, now: Date) {
    const calendar = await this.calendarFor(tenantId);
    return calendar.closeOfDay(calendar.addWorkingDays(calendar.dateOf(now), 5));
  }

  async diary(viewer: Viewer, filter: repo.DiaryFilter, page: number, pageSize = 25) {
    const now = this.now();
    const weekAhead = await this.weekAhead(viewer.tenantId, now);
    const [list, counts] = await Promise.all([repo.diary(this.db, viewer, filter, now, page, pageSize), repo.diaryCounts(this.db, viewer, now, weekAhead)]);
    return { ...list, counts, now };
  }

  async diaryCounts(viewer: Viewer) {
    const now = this.now();
    return repo.diaryCounts(this.db, viewer, now, await this.weekAhead(viewer.tenantId, now));
  }

  /** The chair's next conferences, soonest first. */
  async nextConferences(viewer: Viewer, limit: number) {
    return (await repo.diary(this.db, viewer, { mine: true, overdue: false }, this.now(), 1, limit)).items;
  }

  async reports(viewer: Viewer, show: repo.ReportShow, page: number, pageSize = 25) {
    const now = this.now();
    const [list, counts] = await Promise.all([repo.reportQueue(this.db, viewer, show, now, page, pageSize), repo.reportCounts(this.db, viewer, now)]);
    return { ...list, counts, now };
  }

  reportCounts(viewer: Viewer) {
    return repo.reportCounts(this.db, viewer, this.now());
  }

  workers(viewer: { tenantId: string; agencyId: string }) {
    return this.organisations.usersWith(viewer.tenantId, viewer.agencyId, 'csc:work');
  }

  chairs(viewer: { tenantId: string; agencyId: string }) {
    return this.organisations.usersWith(viewer.tenantId, viewer.agencyId, 'conference:chair');
  }

  async partnerAgencies(viewer: { tenantId: string }) {
    return (await this.organisations.agencies(viewer.tenantId, { activeOnly: true })).map((a) => ({ id: a.id, name: a.name, type: a.type }));
  }

  // ——— a case ———

  async view(actor: UserActor, id: string, part?: string) {
    const referral = await repo.referral(this.db, id);
    if (!referral) return undefined;
    const [assessment, strategies, s47s, conferences, plans, calendar] = await Promise.all([
      repo.assessmentOf(this.db, id),
      repo.strategies(this.db, id),
      repo.s47s(this.db, id),
      repo.conferencesOf(this.db, id),
      repo.plansOf(this.db, id),
      this.calendarFor(referral.tenant_id),
    ]);
    await this.audit.recordNow(actor, { action: 'csc_referral.view', recordType: 'csc_referral', recordId: id, ...(part ? { details: { part } } : {}) });
    return { referral, assessment, strategies, s47s, conferences, plans, calendar, now: this.now() };
  }

  async allocate(actor: UserActor, id: string, userId: string): Promise<ChangeResult> {
    const workers = await this.workers(actor);
    if (!workers.some((w) => w.id === userId)) return { problems: { userId: 'Select a social worker from the list' } };
    return transaction(this.db, async (tx) => {
      const r = await repo.referral(tx, id);
      if (!r) return { notFound: true };
      if (r.status !== 'open') return { problems: { userId: 'This case is closed' } };
      await repo.allocate(tx, id, userId);
      if (userId !== actor.userId) await notifyInApp(tx, { tenantId: actor.tenantId, userId, title: `Case allocated to you: ${r.reference}`, body: `${r.child_name}: the child and family assessment is yours.`, link: casePath(id) });
      await this.audit.record(tx, actor, { action: 'csc_referral.allocated', recordType: 'csc_referral', recordId: id, details: { userId } });
      return { ok: true };
    });
  }

  /** Saves the assessment (a draft), or sends it to a manager when `submit` and nothing is missing. */
  async saveAssessment(
    actor: UserActor,
    id: string,
    a: { factors: string[]; seenOn: string | null; seenAlone: boolean | null; viewsHow: string | null; viewsWhat: string | null; viewsBy: string | null; analysis: string | null; outcome: string | null; primaryNeedCode: string | null },
    submit: boolean,
  ): Promise<ChangeResult> {
    const r = await repo.referral(this.db, id);
    const current = r && (await repo.assessmentOf(this.db, id));
    if (!r || !current) return { notFound: true };
    if (!assessmentAllows(current.status, submit ? 'submit' : 'record')) return { problems: { outcome: current.status === 'authorised' ? 'This assessment is authorised: it can no longer be changed' : 'This assessment is with a manager to authorise' } };
    const calendar = await this.calendarFor(r.tenant_id);
    const now = this.now();
    const today = calendar.dateOf(now);
    const problems = assessmentSubmitProblems({ ...a, referredOn: calendar.dateOf(asDate(r.referred_at)), today });
    const blocking = submit ? problems : Object.fromEntries(Object.entries(problems).filter(([k, v]) => (k === 'seenOn' && a.seenOn !== null) || (k === 'factors' && v.startsWith('Select factors from'))));
    if (Object.keys(blocking).length > 0) return { problems: blocking };
    const managers = submit ? await this.organisations.usersWith(actor.tenantId, r.owning_agency_id, 'csc:authorise') : [];
    return transaction(this.db, async (tx) => {
      if (!(await repo.saveAssessment(tx, id, { ...a, at: now }, submit ? { userId: actor.userId } : null))) return { problems: { outcome: 'This assessment can no longer be changed' } };
      if (a.primaryNeedCode) await repo.setPrimaryNeed(tx, id, a.primaryNeedCode);
      if (submit) {
        for (const m of managers) {
          if (m.id !== actor.userId) await notifyInApp(tx, { tenantId: actor.tenantId, userId: m.id, title: `Assessment to authorise: ${r.reference}`, body: `${r.child_name}: the child and family assessment is ready for you.`, link: childrenPath('authorisation', { id }) });
        }
      }
      await this.audit.record(tx, actor, { action: submit ? 'child_assessment.submitted' : 'child_assessment.saved', recordType: 'csc_referral', recordId: id, details: { factors: a.factors.length, outcome: a.outcome } });
      return { ok: true };
    });
  }

  /** A manager authorises the assessment (not their own), or returns it; authorising carries out its outcome. */
  async decideAssessment(actor: UserActor, id: string, authorise: boolean, comment: string | null): Promise<ChangeResult> {
    const r = await repo.referral(this.db, id);
    const a = r && (await repo.assessmentOf(this.db, id));
    if (!r || !a) return { notFound: true };
    if (!assessmentAllows(a.status, authorise ? 'authorise' : 'return')) return { problems: { decision: 'This assessment is not waiting for authorisation' } };
    if (authorise && a.submitted_by_user_id === actor.userId) return { problems: { decision: 'You cannot authorise an assessment you sent: ask another manager' } };
    const calendar = await this.calendarFor(r.tenant_id);
    const now = this.now();
    const ehSetUp = authorise && a.outcome === 'early_help' ? await this.earlyHelpSetUp(r.tenant_id) : undefined;
    return transaction(this.db, async (tx) => {
      if (!authorise) {
        if (!(await repo.returnAssessment(tx, id, comment ?? ''))) return { problems: { decision: 'This assessment is not waiting for authorisation' } };
        if (a.submitted_by_user_id) await notifyInApp(tx, { tenantId: actor.tenantId, userId: a.submitted_by_user_id, title: `Assessment returned: ${r.reference}`, body: comment ?? 'Returned by a manager.', link: casePath(id) });
        await this.audit.record(tx, actor, { action: 'child_assessment.returned', recordType: 'csc_referral', recordId: id });
        return { ok: true };
      }
      if (!(await repo.authoriseAssessment(tx, id, actor.userId, now))) return { problems: { decision: 'This assessment is not waiting for authorisation' } };
      // The front door's assessment clock for this child stops when the assessment is authorised.
      if (r.contact_id) await this.clocks.completeFor(tx, r.contact_id, 'assessment', r.person_id, now, actor.userId);
      const outcome = a.outcome ?? 'nfa';
      if (outcome === 'cin_plan' && (await repo.openPlans(tx, id)) === 0) {
        await repo.insertPlan(tx, { tenantId: actor.tenantId, referralId: id, personId: r.person_id, kind: 'cin', startedOn: calendar.dateOf(now), category: null, conferenceId: null, steppedDownFromPlanId: null, allocatedUserId: r.allocated_user_id });
      }
      if (outcome === 'nfa' && (await repo.openPlans(tx, id)) === 0) await repo.closeReferral(tx, id, { at: now, reason: 'RC8', nfa: true });
      if (outcome === 'early_help' && (await repo.openPlans(tx, id)) === 0) {
        await repo.closeReferral(tx, id, { at: now, reason: 'RC9', nfa: false });
        await this.stepDown(tx, ehSetUp, { referralId: id, personId: r.person_id, childName: r.child_name, restricted: r.restricted, at: now, actor });
      }
      if (r.allocated_user_id) await notifyInApp(tx, { tenantId: actor.tenantId, userId: r.allocated_user_id, title: `Assessment authorised: ${r.reference}`, body: outcome === 'strategy_discussion' ? 'Hold a strategy discussion with the police and health.' : 'The assessment’s outcome has been carried out.', link: casePath(id) });
      await this.audit.record(tx, actor, { action: 'child_assessment.authorised', recordType: 'csc_referral', recordId: id, details: { outcome } });
      return { ok: true };
    });
  }

  async recordStrategy(actor: UserActor, id: string, d: { heldAt: Date; participants: Participant[]; informationShared: string; decision: string; reason: string }): Promise<ChangeResult> {
    const r = await repo.referral(this.db, id);
    if (!r) return { notFound: true };
    if (r.status !== 'open') return { problems: { decision: 'This case is closed' } };
    const problems = strategyProblems(d);
    const now = this.now();
    if (d.heldAt.getTime() > now.getTime()) problems.heldAt = 'The strategy discussion must have taken place: enter a date and time in the past';
    else if (d.heldAt.getTime() < asDate(r.referred_at).getTime() - 86_400_000) problems.heldAt = 'The strategy discussion must be on or after the referral';
    const open = (await repo.s47s(this.db, id)).some((s) => s.outcome === null);
    if (open && d.decision === 's47') problems.decision = 'A section 47 enquiry is already open for this child: record its outcome first';
    if (Object.keys(problems).length > 0) return { problems };
    const calendar = await this.calendarFor(r.tenant_id);
    const [recordTs, icpcTs] = await Promise.all([this.timescale(r.tenant_id, 'strategy_discussion.record'), this.timescale(r.tenant_id, 'conference.initial')]);
    return transaction(this.db, async (tx) => {
      const strategyId = await repo.insertStrategy(tx, { tenantId: actor.tenantId, referralId: id, heldAt: d.heldAt, recordDueAt: timescaleDeadline(calendar, d.heldAt, recordTs), recordedAt: now, userId: actor.userId, participants: d.participants, informationShared: d.informationShared, decision: d.decision, reason: d.reason });
      if (d.decision === 's47') await repo.insertS47(tx, { tenantId: actor.tenantId, referralId: id, strategyId, personId: r.person_id, startedAt: d.heldAt, conferenceDueAt: timescaleDeadline(calendar, d.heldAt, icpcTs) });
      await this.audit.record(tx, actor, { action: 'strategy_discussion.recorded', recordType: 'csc_referral', recordId: id, details: { decision: d.decision, agencies: d.participants.map((p) => p.agencyType) } });
      return { ok: true };
    });
  }

  /** The section 47 outcome; an initial conference is convened (with its invitations) when concerns are substantiated. */
  async s47Outcome(
    actor: UserActor,
    id: string,
    d: { outcome: string; reason: string; conference: { scheduledAt: Date; agencyIds: string[]; chairUserId: string | null } | null },
  ): Promise<ChangeResult> {
    const r = await repo.referral(this.db, id);
    if (!r) return { notFound: true };
    const s = (await repo.s47s(this.db, id)).find((x) => x.outcome === null);
    if (!s) return { problems: { outcome: 'There is no open section 47 enquiry for this child' } };
    const next = s47Next(d.outcome);
    const now = this.now();
    if (next === 'conference') {
      const problems: Problems = {};
      if (!d.conference) return { problems: { scheduledAt: 'Enter the date and time of the initial child protection conference' } };
      if (d.conference.scheduledAt.getTime() < asDate(s.started_at).getTime()) problems.scheduledAt = 'The conference must be after the section 47 enquiry began';
      const agencies = await this.partnerAgencies(actor);
      if (d.conference.agencyIds.length === 0) problems.agencyIds = 'Select the agencies to invite';
      else if (d.conference.agencyIds.some((a) => !agencies.some((x) => x.id === a && x.id !== r.owning_agency_id))) problems.agencyIds = 'Select agencies from the list';
      if (d.conference.chairUserId && !(await this.chairs(actor)).some((c) => c.id === d.conference!.chairUserId)) problems.chairUserId = 'Select a chair from the list';
      if (Object.keys(problems).length > 0) return { problems };
    }
    const calendar = await this.calendarFor(r.tenant_id);
    const reportTs = await this.timescale(r.tenant_id, 'conference.report');
    const writers = d.conference ? await this.reportWriters(r.tenant_id, d.conference.agencyIds) : [];
    return transaction(this.db, async (tx) => {
      if (!(await repo.completeS47(tx, s.id, { outcome: d.outcome, reason: d.reason, at: now, userId: actor.userId }))) return { problems: { outcome: 'This section 47 enquiry already has an outcome' } };
      let conferenceId: string | null = null;
      if (next === 'conference' && d.conference) {
        conferenceId = await repo.insertConference(tx, { tenantId: actor.tenantId, referralId: id, personId: r.person_id, s47Id: s.id, planId: null, kind: 'initial', dueAt: asDate(s.conference_due_at), scheduledAt: d.conference.scheduledAt, chairUserId: d.conference.chairUserId });
        await this.invite(tx, actor, calendar, conferenceId, d.conference.agencyIds, writers, d.conference.scheduledAt, reportTs.amount, r.child_name, d.conference.chairUserId);
      }
      if (next === 'cin_plan' && (await repo.openPlans(tx, id)) === 0) {
        await repo.insertPlan(tx, { tenantId: actor.tenantId, referralId: id, personId: r.person_id, kind: 'cin', startedOn: calendar.dateOf(now), category: null, conferenceId: null, steppedDownFromPlanId: null, allocatedUserId: r.allocated_user_id });
      }
      await this.audit.record(tx, actor, { action: 's47.completed', recordType: 'csc_referral', recordId: id, details: { outcome: d.outcome, conferenceId } });
      return { ok: true, id: conferenceId ?? undefined };
    });
  }

  /** Invites agencies to a conference (reports due working days before the day) and tells their report writers and the chair. */
  private async invite(tx: Database, actor: UserActor, calendar: WorkingCalendar, conferenceId: string, agencyIds: readonly string[], writers: readonly string[], scheduledAt: Date, reportDays: number, childName: string, chairUserId: string | null) {
    const reportDueAt = calendar.closeOfDay(reportDueOn(calendar, calendar.dateOf(scheduledAt), reportDays));
    await repo.insertInvites(tx, actor.tenantId, conferenceId, agencyIds, reportDueAt);
    for (const userId of writers) {
      await notifyInApp(tx, { tenantId: actor.tenantId, userId, title: 'Report needed for a child protection conference', body: `${childName}: your agency is invited; send its report by the due date.`, link: childrenPath('reports', {}) });
    }
    if (chairUserId && chairUserId !== actor.userId) await notifyInApp(tx, { tenantId: actor.tenantId, userId: chairUserId, title: 'Conference to chair', body: `${childName}: a child protection conference is in your diary.`, link: conferencePath(conferenceId) });
  }

  async close(actor: UserActor, id: string, reason: string): Promise<ChangeResult> {
    if (!isCode(CLOSURE_REASONS, reason)) return { problems: { reason: 'Select the reason for closing the case' } };
    const r = await repo.referral(this.db, id);
    if (!r) return { notFound: true };
    if (r.status !== 'open') return { problems: { reason: 'This case is already closed' } };
    const [plans, conferences, s47s, assessment] = await Promise.all([repo.openPlans(this.db, id), repo.conferencesOf(this.db, id), repo.s47s(this.db, id), repo.assessmentOf(this.db, id)]);
    if (plans > 0) return { problems: { reason: 'End the child’s plan before closing the case' } };
    if (conferences.some((k) => k.status === 'scheduled')) return { problems: { reason: 'A conference is still scheduled: hold or cancel it first' } };
    if (s47s.some((s) => s.outcome === null)) return { problems: { reason: 'Record the section 47 enquiry’s outcome first' } };
    if (assessment && assessment.status !== 'authorised' && (reason === 'RC8' || reason === 'RC9')) return { problems: { reason: 'The assessment must be authorised before a case is closed after assessment' } };
    return transaction(this.db, async (tx) => {
      if (!(await repo.closeReferral(tx, id, { at: this.now(), reason, nfa: reason === 'RC8' }))) return { problems: { reason: 'This case is already closed' } };
      await this.audit.record(tx, actor, { action: 'csc_referral.closed', recordType: 'csc_referral', recordId: id, details: { reason } });
      return { ok: true };
    });
  }

  // ——— conferences ———

  async conference(actor: UserActor, id: string, part?: string) {
    const k = await repo.conference(this.db, id);
    if (!k) return undefined;
    const invites = await repo.invites(this.db, id);
    await this.audit.recordNow(actor, { action: 'cp_conference.view', recordType: 'cp_conference', recordId: id, ...(part ? { details: { part } } : {}) });
    return { conference: k, invites, now: this.now() };
  }

  async reschedule(actor: UserActor, id: string, scheduledAt: Date, chairUserId: string | null): Promise<ChangeResult> {
    const k = await repo.conference(this.db, id);
    if (!k) return { notFound: true };
    if (k.status !== 'scheduled') return { problems: { scheduledAt: 'This conference has been held' } };
    if (chairUserId && !(await this.chairs(actor)).some((c) => c.id === chairUserId)) return { problems: { chairUserId: 'Select a chair from the list' } };
    if (scheduledAt.getTime() < this.now().getTime() - 86_400_000 * 31) return { problems: { scheduledAt: 'Enter a date that is not more than a month ago' } };
    const calendar = await this.calendarFor(k.tenant_id);
    const reportTs = await this.timescale(k.tenant_id, 'conference.report');
    return transaction(this.db, async (tx) => {
      if (!(await repo.reschedule(tx, id, scheduledAt, chairUserId))) return { problems: { scheduledAt: 'This conference has been held' } };
      await repo.setInviteReportDue(tx, id, calendar.closeOfDay(reportDueOn(calendar, calendar.dateOf(scheduledAt), reportTs.amount)));
      await this.audit.record(tx, actor, { action: 'cp_conference.scheduled', recordType: 'cp_conference', recordId: id, details: { scheduledAt: scheduledAt.toISOString() } });
      return { ok: true };
    });
  }

  /** The chair records the conference: attendance, the child's voice, the parents, the decision; plans and next reviews follow. */
  async recordConference(
    actor: UserActor,
    id: string,
    d: {
      heldAt: Date;
      attendance: Record<string, string>;
      childAttended: boolean;
      childAdvocate: boolean;
      childViewsPresented: boolean;
      childViews: string | null;
      parentsParticipation: string;
      parentsViews: string | null;
      decision: string;
      category: string | null;
      endReason: string | null;
      reason: string;
      dissent: string | null;
      dissentEscalated: boolean;
    },
  ): Promise<ChangeResult> {
    const k = await repo.conference(this.db, id);
    if (!k) return { notFound: true };
    if (k.status !== 'scheduled') return { problems: { decision: 'This conference has already been recorded' } };
    const plan = k.plan_id ? await repo.plan(this.db, k.plan_id) : undefined;
    const problems = conferenceDecisionProblems({ kind: k.kind, decision: d.decision, category: d.category, onPlan: Boolean(plan && !plan.ended_on) });
    const now = this.now();
    if (d.heldAt.getTime() > now.getTime()) problems.heldAt = 'The conference must have taken place: enter a date and time in the past';
    if (d.decision === 'end_plan' && !isCode(PLAN_END_REASONS, d.endReason ?? '')) problems.endReason = 'Select why the plan ends';
    if ((d.childViewsPresented || d.childAdvocate) && !d.childViews?.trim()) problems.childViews = 'Enter the child’s views as they were presented';
    if (d.dissentEscalated && !d.dissent?.trim()) problems.dissent = 'Enter the dissent that was escalated';
    const invites = await repo.invites(this.db, id);
    for (const i of invites) if (!isCode(ATTENDANCE, d.attendance[i.id] ?? '')) problems[`attendance-${i.id}`] = `Select whether ${i.agency_name} attended`;
    if (Object.keys(problems).length > 0) return { problems };
    const calendar = await this.calendarFor(k.tenant_id);
    const [firstTs, laterTs, reportTs] = await Promise.all([this.timescale(k.tenant_id, 'conference.first_review'), this.timescale(k.tenant_id, 'conference.later_review'), this.timescale(k.tenant_id, 'conference.report')]);
    const heldOn = calendar.dateOf(d.heldAt);
    const r = (await repo.referral(this.db, k.referral_id))!;
    const ehSetUp = d.endReason === 'step_down_early_help' ? await this.earlyHelpSetUp(k.tenant_id) : undefined;
    const writers = d.decision === 'plan' || d.decision === 'continue' ? await this.reportWriters(k.tenant_id, invites.map((i) => i.agency_id)) : [];
    return transaction(this.db, async (tx) => {
      let planId = k.plan_id;
      if (d.decision === 'plan') {
        planId = await repo.insertPlan(tx, { tenantId: actor.tenantId, referralId: k.referral_id, personId: k.person_id, kind: 'cp', startedOn: heldOn, category: d.category, conferenceId: id, steppedDownFromPlanId: null, allocatedUserId: r.allocated_user_id });
        // A child protection plan replaces a child in need plan the child was on.
        for (const p of await repo.plansOf(tx, k.referral_id)) if (p.kind === 'cin' && !p.ended_on) await repo.endPlan(tx, p.id, heldOn, 'step_up_cp');
      }
      if (!(await repo.recordConference(tx, id, { ...d, userId: actor.userId, planId: d.decision === 'plan' ? null : planId }))) return { problems: { decision: 'This conference has already been recorded' } };
      await repo.setAttendance(tx, id, d.attendance);
      if (d.decision === 'continue' && planId && d.category) await repo.setLatestCategory(tx, planId, d.category);
      if (d.decision === 'end_plan' && planId) {
        await repo.endPlan(tx, planId, heldOn, d.endReason!);
        if (d.endReason === 'step_down_cin') await repo.insertPlan(tx, { tenantId: actor.tenantId, referralId: k.referral_id, personId: k.person_id, kind: 'cin', startedOn: heldOn, category: null, conferenceId: null, steppedDownFromPlanId: planId, allocatedUserId: r.allocated_user_id });
        if (d.endReason === 'step_down_early_help') await this.stepDown(tx, ehSetUp, { referralId: k.referral_id, personId: k.person_id, childName: k.child_name, restricted: k.restricted, at: d.heldAt, actor });
      }
      // The next review conference: 3 months after the initial conference, then at most every 6 months.
      if ((d.decision === 'plan' || d.decision === 'continue') && planId) {
        const dueAt = nextReviewDue(calendar, { kind: k.kind === 'review' ? 'review' : 'initial', heldAt: d.heldAt }, { firstReview: firstTs, laterReview: laterTs });
        const scheduledAt = instantAt(calendar.workingDayOnOrBefore(calendar.dateOf(dueAt)), FIRST_REVIEW_HOUR, calendar.timeZone);
        const reviewId = await repo.insertConference(tx, { tenantId: actor.tenantId, referralId: k.referral_id, personId: k.person_id, s47Id: null, planId, kind: 'review', dueAt, scheduledAt, chairUserId: k.chair_user_id });
        await this.invite(tx, actor, calendar, reviewId, invites.map((i) => i.agency_id), writers, scheduledAt, reportTs.amount, k.child_name, null);
      }
      if (r.allocated_user_id && r.allocated_user_id !== actor.userId) await notifyInApp(tx, { tenantId: actor.tenantId, userId: r.allocated_user_id, title: `Conference recorded: ${k.child_name}`, body: labelOf([{ code: 'plan', label: 'A child protection plan was made: hold the core group within 10 working days.' }, { code: 'continue', label: 'The plan continues.' }, { code: 'end_plan', label: 'The plan has ended.' }, { code: 'no_plan', label: 'No plan was made.' }], d.decision), link: planId ? planPath(planId) : casePath(k.referral_id) });
      await this.audit.record(tx, actor, { action: 'cp_conference.recorded', recordType: 'cp_conference', recordId: id, details: { decision: d.decision, category: d.category, dissent: Boolean(d.dissent), escalated: d.dissentEscalated } });
      return { ok: true, id: planId ?? undefined };
    });
  }

  async invitation(actor: UserActor, id: string) {
    const i = await repo.invite(this.db, id);
    if (!i) return undefined;
    const k = (await repo.conference(this.db, i.conference_id))!;
    await this.audit.recordNow(actor, { action: 'conference_invite.view', recordType: 'conference_invite', recordId: id });
    return { invite: i, conference: k, now: this.now() };
  }

  async submitReport(actor: UserActor, id: string, d: { report: string; view: string }): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      if (!(await repo.submitReport(tx, id, { ...d, at: this.now(), userId: actor.userId }))) return { problems: { report: 'This report has been sent already, or the conference has taken place' } };
      await this.audit.record(tx, actor, { action: 'conference_invite.report_submitted', recordType: 'conference_invite', recordId: id, details: { view: d.view } });
      return { ok: true };
    });
  }

  // ——— plans ———

  async plan(actor: UserActor, id: string, part?: string) {
    const p = await repo.plan(this.db, id);
    if (!p) return undefined;
    const calendar = await this.calendarFor(p.tenant_id);
    const [visits, coreGroups, reviews, conferences, interval, cgFirst, cgNext, cinReview] = await Promise.all([
      repo.visits(this.db, id),
      repo.coreGroups(this.db, id),
      repo.reviews(this.db, id),
      repo.conferencesOfPlan(this.db, id),
      this.timescale(p.tenant_id, 'cp_visit.interval'),
      this.timescale(p.tenant_id, 'core_group.first'),
      this.timescale(p.tenant_id, 'core_group.next'),
      this.timescale(p.tenant_id, 'cin_plan.review'),
    ]);
    await this.audit.recordNow(actor, { action: 'child_plan.view', recordType: 'child_plan', recordId: id, ...(part ? { details: { part } } : {}) });
    const open = !p.ended_on;
    const nextVisitOn = open ? visitDueOn(calendar, p.started_on, visits[0]?.visited_on ?? null, interval) : null;
    const nextCoreGroupOn = open && p.kind === 'cp' ? coreGroupDueOn(calendar, p.started_on, coreGroups[0]?.held_on ?? null, { first: cgFirst, next: cgNext }) : null;
    const nextReviewOn = open && p.kind === 'cin' ? addMonths(reviews[0]?.held_on ?? p.started_on, cinReview.amount) : null;
    return { plan: p, visits, coreGroups, reviews, conferences, nextVisitOn, nextCoreGroupOn, nextReviewOn, today: calendar.dateOf(this.now()), calendar };
  }

  private async openPlan(id: string, kind?: 'cp' | 'cin'): Promise<{ plan: repo.PlanRow } | { notFound: true } | { problems: Problems }> {
    const p = await repo.plan(this.db, id);
    if (!p) return { notFound: true };
    if (p.ended_on) return { problems: { plan: 'This plan has ended' } };
    if (kind && p.kind !== kind) return { problems: { plan: kind === 'cp' ? 'Core groups meet for child protection plans' : 'Only a child in need plan is reviewed and ended here; a child protection plan ends at a review conference' } };
    return { plan: p };
  }

  private dateProblems(on: string, startedOn: string, today: string, what: string): string | null {
    if (on > today) return `The ${what} must be today or in the past`;
    if (on < startedOn) return `The ${what} must be on or after the plan began`;
    return null;
  }

  async recordVisit(actor: UserActor, id: string, d: { visitedOn: string; seen: boolean; seenAlone: boolean; notes: string }): Promise<ChangeResult> {
    const found = await this.openPlan(id);
    if (!('plan' in found)) return found;
    const p = found.plan;
    const calendar = await this.calendarFor(p.tenant_id);
    const problem = this.dateProblems(d.visitedOn, p.started_on, calendar.dateOf(this.now()), 'visit');
    if (problem) return { problems: { visitedOn: problem } };
    if (d.seenAlone && !d.seen) return { problems: { seenAlone: 'A child seen alone was seen: say the child was seen' } };
    const interval = await this.timescale(p.tenant_id, 'cp_visit.interval');
    const previous = (await repo.visits(this.db, id)).find((v) => v.visited_on <= d.visitedOn)?.visited_on ?? null;
    const dueOn = visitDueOn(calendar, p.started_on, previous, interval);
    return transaction(this.db, async (tx) => {
      await repo.insertVisit(tx, { tenantId: actor.tenantId, planId: id, visitedOn: d.visitedOn, dueOn, seen: d.seen, seenAlone: d.seenAlone, notes: d.notes, userId: actor.userId });
      await this.audit.record(tx, actor, { action: 'child_plan.visit_recorded', recordType: 'child_plan', recordId: id, details: { visitedOn: d.visitedOn, dueOn, inTime: d.visitedOn <= dueOn } });
      return { ok: true };
    });
  }

  async recordCoreGroup(actor: UserActor, id: string, d: { heldOn: string; agencyIds: string[]; notes: string }): Promise<ChangeResult> {
    const found = await this.openPlan(id, 'cp');
    if (!('plan' in found)) return found;
    const p = found.plan;
    const calendar = await this.calendarFor(p.tenant_id);
    const problem = this.dateProblems(d.heldOn, p.started_on, calendar.dateOf(this.now()), 'core group');
    if (problem) return { problems: { heldOn: problem } };
    const agencies = await this.partnerAgencies(actor);
    if (d.agencyIds.length === 0) return { problems: { agencyIds: 'Select the agencies that took part' } };
    if (d.agencyIds.some((a) => !agencies.some((x) => x.id === a))) return { problems: { agencyIds: 'Select agencies from the list' } };
    const [first, next] = await Promise.all([this.timescale(p.tenant_id, 'core_group.first'), this.timescale(p.tenant_id, 'core_group.next')]);
    const previous = (await repo.coreGroups(this.db, id)).find((g) => g.held_on <= d.heldOn)?.held_on ?? null;
    const dueOn = coreGroupDueOn(calendar, p.started_on, previous, { first, next });
    return transaction(this.db, async (tx) => {
      await repo.insertCoreGroup(tx, { tenantId: actor.tenantId, planId: id, heldOn: d.heldOn, dueOn, agencies: d.agencyIds, notes: d.notes, userId: actor.userId });
      await this.audit.record(tx, actor, { action: 'child_plan.core_group_recorded', recordType: 'child_plan', recordId: id, details: { heldOn: d.heldOn, dueOn, agencies: d.agencyIds.length } });
      return { ok: true };
    });
  }

  async recordReview(actor: UserActor, id: string, d: { heldOn: string; decision: string; notes: string }): Promise<ChangeResult> {
    const found = await this.openPlan(id, 'cin');
    if (!('plan' in found)) return found;
    const p = found.plan;
    const calendar = await this.calendarFor(p.tenant_id);
    const problem = this.dateProblems(d.heldOn, p.started_on, calendar.dateOf(this.now()), 'review');
    if (problem) return { problems: { heldOn: problem } };
    const ts = await this.timescale(p.tenant_id, 'cin_plan.review');
    const previous = (await repo.reviews(this.db, id)).find((x) => x.held_on <= d.heldOn)?.held_on ?? null;
    const dueOn = addMonths(previous ?? p.started_on, ts.amount);
    const ehSetUp = d.decision === 'step_down' ? await this.earlyHelpSetUp(p.tenant_id) : undefined;
    return transaction(this.db, async (tx) => {
      await repo.insertReview(tx, { tenantId: actor.tenantId, planId: id, heldOn: d.heldOn, dueOn, decision: d.decision, notes: d.notes, userId: actor.userId });
      if (d.decision === 'close') await repo.endPlan(tx, id, d.heldOn, 'no_longer_needed');
      if (d.decision === 'step_down') {
        await repo.endPlan(tx, id, d.heldOn, 'step_down_early_help');
        await this.stepDown(tx, ehSetUp, { referralId: p.referral_id, personId: p.person_id, childName: p.child_name, restricted: p.restricted, at: this.now(), actor });
      }
      await this.audit.record(tx, actor, { action: 'child_plan.reviewed', recordType: 'child_plan', recordId: id, details: { heldOn: d.heldOn, dueOn, decision: d.decision } });
      return { ok: true };
    });
  }

  async endCinPlan(actor: UserActor, id: string, d: { endedOn: string; reason: string }): Promise<ChangeResult> {
    const found = await this.openPlan(id, 'cin');
    if (!('plan' in found)) return found;
    const p = found.plan;
    const calendar = await this.calendarFor(p.tenant_id);
    const problem = this.dateProblems(d.endedOn, p.started_on, calendar.dateOf(this.now()), 'end date');
    if (problem) return { problems: { endedOn: problem } };
    if (d.reason === 'step_down_cin') return { problems: { reason: 'A child in need plan cannot step down to a child in need plan' } };
    const ehSetUp = d.reason === 'step_down_early_help' ? await this.earlyHelpSetUp(p.tenant_id) : undefined;
    return transaction(this.db, async (tx) => {
      if (!(await repo.endPlan(tx, id, d.endedOn, d.reason))) return { problems: { endedOn: 'This plan has ended' } };
      if (d.reason === 'step_down_early_help') await this.stepDown(tx, ehSetUp, { referralId: p.referral_id, personId: p.person_id, childName: p.child_name, restricted: p.restricted, at: this.now(), actor });
      await this.audit.record(tx, actor, { action: 'child_plan.ended', recordType: 'child_plan', recordId: id, details: { endedOn: d.endedOn, reason: d.reason } });
      return { ok: true };
    });
  }

  // ——— published for multi-agency audits ———

  /** Published for multi-agency audits: referrals active in a period, in the order the seed fixes (repo.auditSample). */
  auditSample(tenantId: string, from: string, to: string, limit: number, seed: string) {
    return repo.auditSample(this.db, tenantId, from, to, limit, seed);
  }

  /** Published for multi-agency audits: the sampled referrals again, by id. */
  auditRecords(tenantId: string, ids: readonly string[]) {
    return repo.auditRecords(this.db, tenantId, ids);
  }
}
