/**
 * Allegations against people who work with children (Working Together to Safeguard Children 2023; Keeping Children
 * Safe in Education 2024, part 4): an allegation made, in the front door's transaction, from a contact naming an
 * adult in a position of trust (every referral comes through the MASH), decided by the designated officer (LADO)
 * within 1 working day (advice and guidance, the LADO process, or another area's LADO), allegation management
 * meetings with their actions, the police investigation, the reason a case is still open past 3 months, the outcome
 * with the employer's actions, and the close. The employer follows its own referrals and records its own actions.
 *
 * The rules are the domain's (domain/lado.ts). Every change is checked against the allegation locked for the
 * transaction and audited as the last write of that transaction; every view is audited.
 */
import { type Database, asDate, transaction } from '../../db/client.js';
import { type AccessDecision, type RecordViewer, ladoAllegationAccess, ladoEmployerAccess, ownedLadoAllegationAccess } from '../../domain/access.js';
import { type WorkingCalendar } from '../../domain/calendar.js';
import { labelOf } from '../../domain/codes.js';
import {
  type EmployerAction,
  type LadoStep,
  EMPLOYER_ACTIONS,
  NOT_RECORDED,
  decodeEmployerAction,
  employerActionProblems,
  encodeEmployerAction,
  medianDaysToOutcome,
  outcomeProblems,
  policeTransitionProblem,
  sectorFromSchoolPhase,
  statusAfterDecision,
  stepProblem,
  thresholdProblems,
} from '../../domain/lado.js';
import { type LocalDate } from '../../domain/time.js';
import { type Timescale, timescaleDeadline } from '../../domain/timescales.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { type BreakGlass } from '../../platform/break-glass.js';
import { type CalendarService } from '../../platform/calendar.js';
import { notifyInApp } from '../../platform/outbox.js';
import { type ContactService } from '../front-door/contact-service.js';
import { type OrganisationService } from '../organisations/service.js';
import { allegationPath } from './paths.js';
import * as repo from './repository.js';

export type UserActor = Actor & { userId: string; tenantId: string; agencyId: string };
export type Problems = Record<string, string>;
export type ChangeResult = { ok: true } | { problems: Problems } | { notFound: true };
export type { Attendee, WorklistShow } from './repository.js';

type TakeOn = NonNullable<Awaited<ReturnType<ContactService['takeOn']>>>;

/** What taking an allegation on needs from outside the front door's transaction (PGlite has one connection). */
export interface LadoSetUp {
  tenantId: string;
  /** The LADO's service: the agency of the area's users who work allegations. */
  service: { id: string };
  calendar: WorkingCalendar;
  decision: Timescale;
  /** The designated officers, told of each new allegation. */
  officers: readonly string[];
  agencies: readonly { id: string; name: string; type: string }[];
  schoolPhases: ReadonlyMap<string, string>;
}

const has = (problems: Problems) => Object.keys(problems).length > 0;

export class LadoService {
  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly calendar: CalendarService,
    readonly breakGlass: BreakGlass,
    readonly organisations: OrganisationService,
    readonly now: () => Date,
  ) {}

  private async calendarFor(tenantId: string): Promise<WorkingCalendar> {
    const tenant = await this.organisations.tenant(tenantId);
    return this.calendar.forDivision(tenant?.calendarDivision ?? 'england-and-wales');
  }

  private async today(tenantId: string): Promise<{ calendar: WorkingCalendar; today: LocalDate; months: number }> {
    const [calendar, resolution] = await Promise.all([this.calendarFor(tenantId), this.calendar.timescale(tenantId, 'lado.resolution')]);
    return { calendar, today: calendar.dateOf(this.now()), months: resolution.amount };
  }

  // ——— record checks ———

  async access(viewer: RecordViewer, id: string, owned = false): Promise<AccessDecision | undefined> {
    const facts = await repo.accessFacts(this.db, id);
    if (!facts) return undefined;
    const glass = facts.restricted && (await this.breakGlass.isOpen(viewer.userId, 'lado_allegation', id));
    return (owned ? ownedLadoAllegationAccess : ladoAllegationAccess)(viewer, facts, glass);
  }

  async employerAccess(viewer: RecordViewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.accessFacts(this.db, id);
    return facts && ladoEmployerAccess(viewer, facts);
  }

  // ——— taking an allegation on ———

  /** The LADO's service in an area: the agency most of its designated officers work for (undefined: none). */
  async serviceOf(tenantId: string): Promise<{ id: string; officers: string[] } | undefined> {
    const officers = await this.organisations.areaUsersWith(tenantId, 'lado:work');
    if (officers.length === 0) return undefined;
    const byAgency = new Map<string, string[]>();
    for (const o of officers) byAgency.set(o.agency_id, [...(byAgency.get(o.agency_id) ?? []), o.id]);
    const [id, users] = [...byAgency.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[0]!;
    return { id, officers: users };
  }

  /** What the front door's subscriber reads before the contact's transaction; undefined when the area has no LADO. */
  async setUp(tenantId: string): Promise<LadoSetUp | undefined> {
    const service = await this.serviceOf(tenantId);
    if (!service) return undefined;
    const [calendar, decision, agencies, schools] = await Promise.all([
      this.calendarFor(tenantId),
      this.calendar.timescale(tenantId, 'lado.decision'),
      this.organisations.agencies(tenantId),
      this.organisations.schools(tenantId),
    ]);
    return {
      tenantId,
      service: { id: service.id },
      calendar,
      decision,
      officers: service.officers,
      agencies: agencies.map((a) => ({ id: a.id, name: a.name, type: a.type })),
      schoolPhases: new Map(schools.map((s) => [s.agency_id, s.phase])),
    };
  }

  /**
   * The allegation for a contact that names an adult in a position of trust, in the front door's transaction: due
   * for decision within 1 working day, the contact's children named in it, owned by the LADO's service; referred by
   * the contact's agency, which is taken as the employer when it is a school (its phase gives the sector). The
   * designated officers are told.
   */
  async takeOn(tx: Database, setUp: LadoSetUp, input: { contactId: string; receivedAt: Date; take: TakeOn; concerns: readonly string[]; categoryOf: (concerns: readonly string[]) => string; actor: Actor }) {
    const { take } = input;
    const adult = take.people.find((p) => p.role === 'position_of_trust');
    if (!adult) return undefined;
    const source = take.sourceAgencyId ? setUp.agencies.find((a) => a.id === take.sourceAgencyId) : undefined;
    const employer = source && source.type === 'school' ? source : undefined;
    const made = await repo.insertAllegation(tx, {
      tenantId: setUp.tenantId,
      contactId: input.contactId,
      owningAgencyId: setUp.service.id,
      personId: adult.personId,
      adultName: adult.name,
      roleTitle: null,
      employerName: employer?.name ?? null,
      employerAgencyId: employer?.id ?? null,
      sector: employer ? sectorFromSchoolPhase(setUp.schoolPhases.get(employer.id) ?? null) : NOT_RECORDED,
      category: input.categoryOf(input.concerns),
      referringAgencyId: take.sourceAgencyId,
      receivedAt: input.receivedAt,
      whatHappened: take.narrative ?? '',
      decisionDueAt: timescaleDeadline(setUp.calendar, input.receivedAt, setUp.decision),
      restricted: true,
    });
    if (!made.made) return { id: made.id, reference: made.reference };
    for (const child of take.people.filter((p) => p.role === 'subject_child')) {
      await repo.insertChild(tx, { tenantId: setUp.tenantId, allegationId: made.id, personId: child.personId, name: child.name });
    }
    for (const userId of setUp.officers) {
      await notifyInApp(tx, {
        tenantId: setUp.tenantId,
        userId,
        title: `New allegation for the LADO: ${made.reference}`,
        body: `An allegation about ${adult.name}${employer ? ` (${employer.name})` : ''} came through the front door: decide within 1 working day.`,
        link: allegationPath(made.id),
      });
    }
    await this.audit.record(tx, input.actor, { action: 'lado.allegation_received', recordType: 'lado_allegation', recordId: made.id, details: { reference: made.reference, contactId: input.contactId, children: take.people.filter((p) => p.role === 'subject_child').length } });
    return { id: made.id, reference: made.reference };
  }

  // ——— reading ———

  /** The LADO's worklist (one tab) and its counts. Audited as a view of the list. */
  async worklist(actor: UserActor, show: repo.WorklistShow, page: number, pageSize: number) {
    const { calendar, today, months } = await this.today(actor.tenantId);
    const now = this.now();
    const [list, counts, outcomes] = await Promise.all([
      repo.worklist(this.db, actor.tenantId, actor.agencyId, show, today, months, now, pageSize, (page - 1) * pageSize),
      repo.worklistCounts(this.db, actor.tenantId, actor.agencyId, today, months, now),
      repo.outcomeDates(this.db, actor.tenantId, actor.agencyId),
    ]);
    await this.audit.recordNow(actor, { action: 'lado.worklist_viewed', recordType: 'lado_allegation', details: { show, page, shown: list.length } });
    const median = medianDaysToOutcome(outcomes.map((o) => ({ receivedOn: o.received_on, outcomeOn: o.outcome_on })));
    return { rows: list, total: counts[show], counts, calendar, now, today, months, median };
  }

  /** The home panel's counts for a designated officer (not audited: counts only). */
  async homeCounts(viewer: { tenantId: string; agencyId: string }) {
    const { today, months } = await this.today(viewer.tenantId);
    return { counts: await repo.worklistCounts(this.db, viewer.tenantId, viewer.agencyId, today, months, this.now()), months };
  }

  /** An allegation with its children, meetings and actions, for a user the record check let in. Audited. */
  async view(actor: UserActor, id: string, part = 'allegation') {
    const allegation = await repo.allegation(this.db, actor.tenantId, id);
    if (!allegation) return undefined;
    const [children, meetings, actions, t, agencies] = await Promise.all([
      repo.children(this.db, id),
      repo.meetings(this.db, id),
      repo.actions(this.db, id),
      this.today(actor.tenantId),
      this.organisations.agencies(actor.tenantId),
    ]);
    await this.audit.recordNow(actor, { action: 'lado.viewed', recordType: 'lado_allegation', recordId: id, details: { part } });
    return { allegation, children, meetings, actions, ...t, now: this.now(), agencies: agencies.map((a) => ({ id: a.id, name: a.name, type: a.type })) };
  }

  /** An employer's referrals (its own and those about its staff). Audited. */
  async employerList(actor: UserActor, page: number, pageSize: number, show: repo.EmployerShow = 'all') {
    const [list, counts] = await Promise.all([repo.employerList(this.db, actor.tenantId, actor.agencyId, show, pageSize, (page - 1) * pageSize), repo.employerCounts(this.db, actor.tenantId, actor.agencyId)]);
    await this.audit.recordNow(actor, { action: 'lado.employer_list_viewed', recordType: 'lado_allegation', details: { show, page, shown: list.length } });
    return { rows: list, total: counts[show], counts };
  }

  /** The employer's counts, for the home page (the list's figures). */
  employerCounts(viewer: { tenantId: string; agencyId: string }) {
    return repo.employerCounts(this.db, viewer.tenantId, viewer.agencyId);
  }

  /**
   * What the employer sees of an allegation: its status, the actions its agency owns, the next review and the
   * employer's actions, never the LADO's notes (the decision's reasons, what was alleged, meetings' decisions, the
   * police). Audited.
   */
  async employerView(actor: UserActor, id: string) {
    const a = await repo.allegation(this.db, actor.tenantId, id);
    if (!a) return undefined;
    const [actions, meetings] = await Promise.all([repo.actions(this.db, id, actor.agencyId), repo.meetings(this.db, id)]);
    await this.audit.recordNow(actor, { action: 'lado.employer_viewed', recordType: 'lado_allegation', recordId: id });
    const reviewOn = meetings.map((m) => m.review_on).filter((d): d is string => !!d).sort().at(-1) ?? null;
    return {
      allegation: {
        id: a.id,
        reference: a.reference,
        adult_name: a.adult_name,
        role_title: a.role_title,
        employer_name: a.employer_agency_name ?? a.employer_name,
        received_on: a.received_on,
        status: a.status,
        decision: a.decision,
        outcome: a.outcome,
        outcome_on: a.outcome_on,
        employer_actions: a.employer_actions,
        closed_at: a.closed_at,
      },
      actions,
      meetingsHeld: meetings.length,
      reviewOn,
      today: (await this.today(actor.tenantId)).today,
    };
  }

  // ——— changes ———

  private async change(actor: UserActor, id: string, step: LadoStep | null, field: string, apply: (tx: Database, a: repo.AllegationRow) => Promise<Record<string, string | undefined> | void>): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const a = await repo.lock(tx, actor.tenantId, id);
      if (!a) return { notFound: true as const };
      const blocked = step ? stepProblem(stateOf(a), step) : null;
      if (blocked) return { problems: { [field]: blocked } };
      const out = await apply(tx, a);
      const problems = Object.fromEntries(Object.entries(out ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
      if (has(problems)) return { problems };
      return { ok: true as const };
    });
  }

  /** The allegation's details: the adult, their role, employer and sector, the category, what is alleged, the children. */
  async updateDetails(
    actor: UserActor,
    id: string,
    input: { adultName: string; roleTitle: string; employerAgencyId: string | null; employerName: string | null; sector: string; category: string; whatHappened: string; children: string | null },
  ): Promise<ChangeResult> {
    const known = await repo.children(this.db, id);
    const agencies = await this.organisations.agencies(actor.tenantId);
    return this.change(actor, id, 'details', 'adultName', async (tx) => {
      const employer = input.employerAgencyId ? agencies.find((a) => a.id === input.employerAgencyId) : undefined;
      if (input.employerAgencyId && !employer) return { employerAgencyId: 'Select the employer from the list' };
      if (!employer && !input.employerName) return { employerName: 'Enter the employer’s name, or select it from the list' };
      const names = [...new Set((input.children ?? '').split(/\r?\n/).map((n) => n.trim()).filter((n) => n !== ''))];
      if (names.some((n) => n.length > 200)) return { children: 'Each child’s name must be 200 characters or fewer' };
      if (names.length > 30) return { children: 'Name no more than 30 children' };
      await repo.updateDetails(tx, id, { adultName: input.adultName, roleTitle: input.roleTitle, employerName: employer?.name ?? input.employerName, employerAgencyId: employer?.id ?? null, sector: input.sector, category: input.category, whatHappened: input.whatHappened });
      await repo.replaceChildren(tx, actor.tenantId, id, names, known);
      await this.audit.record(tx, actor, { action: 'lado.details_recorded', recordType: 'lado_allegation', recordId: id, details: { sector: input.sector, category: input.category, employerAgencyId: employer?.id ?? null, children: names.length } });
    });
  }

  /** The threshold decision: the LADO process (allocated to the officer deciding), advice and guidance, or another area. */
  async decide(actor: UserActor, id: string, input: { decision: string; reason: string }): Promise<ChangeResult> {
    return this.change(actor, id, 'decide', 'decision', async (tx, a) => {
      const problems = thresholdProblems({ ...input, category: a.category, sector: a.sector });
      if (has(problems)) return problems;
      const at = this.now();
      const status = statusAfterDecision(input.decision);
      await repo.recordDecision(tx, id, { decision: input.decision, reason: input.reason, at, userId: actor.userId, status });
      const inTime = at.getTime() <= asDate(a.decision_due_at).getTime();
      await this.audit.record(tx, actor, { action: 'lado.decided', recordType: 'lado_allegation', recordId: id, details: { decision: input.decision, inTime, category: a.category, sector: a.sector } });
    });
  }

  /** An allegation management meeting: attendees, decisions, its actions (owner and due date) and the review date. */
  async recordMeeting(
    actor: UserActor,
    id: string,
    input: { heldAt: Date; attendees: repo.Attendee[]; decisions: string; reviewOn: LocalDate | null; actions: { description: string; ownerAgencyId: string | null; ownerName: string | null; dueOn: LocalDate }[] },
  ): Promise<ChangeResult> {
    const { calendar } = await this.today(actor.tenantId);
    return this.change(actor, id, 'meeting', 'heldAt', async (tx, a) => {
      const now = this.now();
      if (input.heldAt.getTime() > now.getTime() + 60_000) return { heldAt: 'When the meeting was held must be in the past' };
      if (input.heldAt.getTime() < asDate(a.received_at).getTime() - 86_400_000) return { heldAt: 'The meeting must be held after the allegation was received' };
      const heldOn = calendar.dateOf(input.heldAt);
      if (input.reviewOn && input.reviewOn < heldOn) return { reviewOn: 'The review date must be on or after the meeting' };
      const early = input.actions.findIndex((x) => x.dueOn < heldOn);
      if (early >= 0) return { [`due${early + 1}`]: `The due date of action ${early + 1} must be on or after the meeting` };
      const meetingId = await repo.insertMeeting(tx, { tenantId: actor.tenantId, allegationId: id, heldAt: input.heldAt, attendees: input.attendees, decisions: input.decisions, reviewOn: input.reviewOn, userId: actor.userId });
      for (const x of input.actions) await repo.insertAction(tx, { tenantId: actor.tenantId, allegationId: id, meetingId, ...x });
      await this.audit.record(tx, actor, { action: 'lado.meeting_recorded', recordType: 'lado_allegation', recordId: id, details: { meetingId, attendees: input.attendees.map((p) => p.role), actions: input.actions.length, reviewOn: input.reviewOn } });
    });
  }

  /** The police status moves on (investigating, charged, no further action…), with the date it changed. */
  async updatePolice(actor: UserActor, id: string, input: { policeStatus: string; on: LocalDate }): Promise<ChangeResult> {
    return this.change(actor, id, 'police', 'policeStatus', async (tx, a) => {
      const problem = policeTransitionProblem(a.police_status, input.policeStatus);
      if (problem) return { policeStatus: problem };
      if (input.on < a.received_on) return { on: 'The date must be on or after the allegation was received' };
      await repo.updatePolice(tx, id, input.policeStatus, input.on);
      await this.audit.record(tx, actor, { action: 'lado.police_updated', recordType: 'lado_allegation', recordId: id, details: { from: a.police_status, to: input.policeStatus, on: input.on } });
    });
  }

  /** Why the allegation is still open (shown once it passes 3 months). */
  async recordReason(actor: UserActor, id: string, input: { openReason: string }): Promise<ChangeResult> {
    return this.change(actor, id, 'reason', 'openReason', async (tx, a) => {
      await repo.setOpenReason(tx, id, input.openReason);
      await this.audit.record(tx, actor, { action: 'lado.open_reason_recorded', recordType: 'lado_allegation', recordId: id, details: { from: a.open_reason, to: input.openReason } });
    });
  }

  /** The outcome and the employer's actions, coherent with each other and with the police matter. */
  async recordOutcome(actor: UserActor, id: string, input: { outcome: string; outcomeOn: LocalDate; actions: EmployerAction[] }): Promise<ChangeResult> {
    const { today } = await this.today(actor.tenantId);
    return this.change(actor, id, 'outcome', 'outcome', async (tx, a) => {
      const problems = outcomeProblems({ outcome: input.outcome, outcomeOn: input.outcomeOn, policeStatus: a.police_status, actions: input.actions, receivedOn: a.received_on, today });
      if (has(problems)) return problems;
      const encoded = input.actions.map(encodeEmployerAction);
      await repo.recordOutcome(tx, id, input.outcome, input.outcomeOn, encoded);
      await this.audit.record(tx, actor, { action: 'lado.outcome_recorded', recordType: 'lado_allegation', recordId: id, details: { outcome: input.outcome, outcomeOn: input.outcomeOn, employerActions: encoded, previous: a.outcome } });
    });
  }

  async close(actor: UserActor, id: string): Promise<ChangeResult> {
    return this.change(actor, id, 'close', 'confirm', async (tx, a) => {
      await repo.close(tx, id, this.now());
      await this.audit.record(tx, actor, { action: 'lado.closed', recordType: 'lado_allegation', recordId: id, details: { outcome: a.outcome, category: a.category, sector: a.sector } });
    });
  }

  // ——— the employer ———

  /** The employer records an action it took (a suspension, a DBS referral with its date…), coherent with the outcome so far. */
  async employerAction(actor: UserActor, id: string, input: { action: string; on: LocalDate; regulator: string | null }): Promise<ChangeResult> {
    const { today } = await this.today(actor.tenantId);
    const officers = await this.serviceOf(actor.tenantId);
    return this.change(actor, id, null, 'action', async (tx, a) => {
      if (a.status === 'closed') return { action: 'This allegation is closed: tell the designated officer of any later action' };
      const actions = [...a.employer_actions.map(decodeEmployerAction), { code: input.action, on: input.on, regulator: input.action === 'regulator_referral' ? input.regulator : null }];
      const problem = employerActionProblems(a.outcome, actions, { receivedOn: a.received_on, today });
      if (problem) return { action: problem };
      await repo.setEmployerActions(tx, id, actions.map(encodeEmployerAction));
      for (const userId of officers?.officers ?? []) {
        await notifyInApp(tx, { tenantId: actor.tenantId, userId, title: `The employer recorded an action on ${a.reference}`, body: `${labelOf(EMPLOYER_ACTIONS, input.action)} (${input.on}), recorded by ${a.employer_agency_name ?? a.referring_agency_name ?? 'the employer'}.`, link: allegationPath(id) });
      }
      await this.audit.record(tx, actor, { action: 'lado.employer_action_recorded', recordType: 'lado_allegation', recordId: id, details: { action: input.action, on: input.on, regulator: input.regulator, agencyId: actor.agencyId } });
    });
  }

  /** An action owned by the employer's agency marked done today. */
  async employerActionDone(actor: UserActor, id: string, input: { actionId: string }): Promise<ChangeResult> {
    const { today } = await this.today(actor.tenantId);
    return this.change(actor, id, null, 'actionId', async (tx) => {
      const done = await repo.markActionDone(tx, id, input.actionId, actor.agencyId, today);
      if (!done) return { actionId: 'Select an action of your organisation’s that is not yet done' };
      await this.audit.record(tx, actor, { action: 'lado.action_done', recordType: 'lado_allegation', recordId: id, details: { actionId: input.actionId, agencyId: actor.agencyId } });
    });
  }
}

/** The domain's view of an allegation row. */
export function stateOf(a: Pick<repo.AllegationRow, 'status' | 'decision' | 'police_status' | 'outcome'>) {
  return { status: a.status, decision: a.decision, policeStatus: a.police_status, outcome: a.outcome };
}
