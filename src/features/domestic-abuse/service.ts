/**
 * Domestic abuse cases: created by the front door the moment a police DA notification arrives (escalation and
 * repeat MARAC checked then, Operation Encompass notices made for every child, any risk level); the household's
 * gradings made together; DASH checklists; the daily triage meeting (MADA), including a neighbouring area's cases
 * where both areas have recorded a data-sharing agreement.
 */
import { type Database, transaction } from '../../db/client.js';
import { type WorkingCalendar } from '../../domain/calendar.js';
import { type DashChecklist, checklist, policeChecklist, promptsMarac, scoreDash, unanswered } from '../../domain/dash.js';
import {
  CHILD_DA_ROLES,
  type RiskLevel,
  childrenGradedBelowVictim,
  householdRisk,
  incidentsInTwelveMonths,
  isEscalation,
  isRiskLevel,
  madaDecisionProblems,
  maracCriteriaMet,
  yearBefore,
} from '../../domain/domestic-abuse.js';
import { personKey } from '../../domain/intake.js';
import { type DaActionFacts, type RecordViewer } from '../../domain/access.js';
import { addDays, ageOn, londonDate } from '../../domain/time.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { type CalendarService } from '../../platform/calendar.js';
import { notifyInApp } from '../../platform/outbox.js';
import { type DaServiceCaseService } from '../da-services/service.js';
import { type EncompassContext, type EncompassService } from '../encompass/service.js';
import { type MaracService } from '../marac/service.js';
import { type OrganisationService } from '../organisations/service.js';
import { DaActionService } from './actions.js';
import * as repo from './repository.js';
import { daCasePath, domesticAbusePath } from './paths.js';
import { personName } from '../../domain/names.js';

export interface DaContext {
  tenantId: string;
  calendar: WorkingCalendar;
  encompass: EncompassContext;
}

/** What a DA case is made from, whichever way the incident arrived. */
export interface CaseFacts {
  policeReference: string | null;
  incidentType: string;
  occurredAt: Date | null;
  receivedAt: Date;
  place: string | null;
  postcode: string | null;
  /** The police grading of the victim. */
  policeRisk: RiskLevel | null;
  policeDash: { version: string | null; answers: Record<string, string>; victimWords: Record<string, string> } | null;
  people: {
    namedPersonId: string | null;
    personId: string | null;
    role: string;
    givenNames: string;
    familyName: string;
    dateOfBirth: string | null;
    riskLevel: RiskLevel | null;
    childVoice: string | null;
    childDemeanour: string | null;
    school: string | null;
  }[];
}

export interface CreatedCase {
  daCaseId: string;
  repeatOf: string | null;
  incidentsInYear: number;
  encompass: { sent: number; needsSetting: number };
}

export interface TeamActor extends Actor {
  userId: string;
  tenantId: string;
  agencyId: string;
}

export type Problems = Record<string, string>;

export interface DashInput {
  version: string;
  daPersonId: string;
  answers: Record<string, string>;
  victimWords: Record<string, string>;
  judgement: RiskLevel | null;
  judgementReason: string | null;
}

export interface DecisionInput {
  decisions: string[];
  reason: string;
  actions: { description: string; ownerAgencyId: string; dueOn: string }[];
}

export class DomesticAbuseService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
    private readonly calendar: CalendarService,
    private readonly organisations: OrganisationService,
    private readonly encompass: EncompassService,
    private readonly marac: MaracService,
    private readonly services: DaServiceCaseService,
    private readonly now: () => Date,
    /** The one writer of da_action, for triage (MADA) and MARAC actions alike (MARAC is given the same one). */
    readonly actions: DaActionService,
  ) {}

  /** What receiving a DA notification needs, read before the intake transaction (PGlite has one connection). */
  async context(tenantId: string): Promise<DaContext> {
    const tenant = await this.organisations.tenant(tenantId);
    return {
      tenantId,
      calendar: await this.calendar.forDivision(tenant?.calendarDivision ?? 'england-and-wales'),
      encompass: await this.encompass.context(tenantId),
    };
  }

  /**
   * Inside the caller's transaction (the front door's, for a police notification): the DA case, its people with
   * their roles and the police's gradings, the police DASH, escalation counted from the incident history, a repeat
   * MARAC flagged (the MARAC coordinators told at once), and an Operation Encompass notice for every child present or
   * in the household. The caller writes the audit event, last.
   */
  async createCase(tx: Database, ctx: DaContext, input: { tenantId: string; contactId: string; incidentId: string | null; sourceAgencyId: string | null; facts: CaseFacts }): Promise<CreatedCase> {
    return this.createFromFacts(tx, ctx, input);
  }

  private async createFromFacts(tx: Database, ctx: DaContext, input: { tenantId: string; contactId: string; incidentId: string | null; sourceAgencyId: string | null; facts: CaseFacts }): Promise<CreatedCase> {
    const f = input.facts;
    const people = f.people.map((p) => ({ ...p, key: personKey(p) }));
    const victim = people.find((p) => p.role === 'victim') ?? null;
    const perpetrator = people.find((p) => p.role === 'alleged_perpetrator') ?? null;
    const occurredAt = f.occurredAt;
    const on = ctx.calendar.dateOf(occurredAt ?? f.receivedAt);

    let incidentsInYear = 1;
    if (victim?.key && perpetrator?.key) {
      const earlier = await repo.pairIncidentDates(tx, input.tenantId, victim.key, perpetrator.key, yearBefore(on), on);
      incidentsInYear = incidentsInTwelveMonths(
        on,
        earlier.map((e) => e.on),
      );
    }
    const repeat = victim
      ? await this.marac.repeatFor(tx, input.tenantId, { victimKey: victim.key, perpetratorKey: perpetrator?.key ?? null, victimPersonId: victim.personId, perpetratorPersonId: perpetrator?.personId ?? null }, on)
      : null;

    const victimRisk = f.policeRisk;
    const daCaseId = await repo.insertCase(tx, {
      tenantId: input.tenantId,
      contactId: input.contactId,
      incidentId: input.incidentId,
      policeReference: f.policeReference,
      incidentType: f.incidentType,
      occurredAt,
      receivedAt: f.receivedAt,
      place: f.place,
      postcode: f.postcode,
      policeRisk: victim?.riskLevel ?? victimRisk,
      victimKey: victim?.key ?? null,
      perpetratorKey: perpetrator?.key ?? null,
      incidentsInYear,
      repeatOfReferralId: repeat?.id ?? null,
    });
    const inserted = await repo.insertPeople(
      tx,
      people.map((p, position) => {
        const police = p.riskLevel ?? (p.role === 'victim' ? victimRisk : null);
        return {
          tenantId: input.tenantId,
          daCaseId,
          namedPersonId: p.namedPersonId,
          personId: p.personId,
          role: p.role,
          givenNames: p.givenNames,
          familyName: p.familyName,
          dateOfBirth: p.dateOfBirth,
          personKey: p.key,
          policeRisk: police,
          grading: police,
          childVoice: p.childVoice,
          childDemeanour: p.childDemeanour,
          schoolGiven: p.school,
          position,
        };
      }),
    );

    if (f.policeDash) {
      await this.storePoliceDash(tx, {
        tenantId: input.tenantId,
        daCaseId,
        dash: f.policeDash,
        on,
        victim: { daPersonId: inserted.find((r) => r.role === 'victim')?.id ?? null, personId: victim?.personId ?? null },
        escalation: isEscalation(incidentsInYear),
        agencyId: input.sourceAgencyId,
        receivedAt: f.receivedAt,
      });
    }

    const children = inserted
      .filter((r) => CHILD_DA_ROLES.has(r.role))
      .map((r) => {
        const p = people[r.position]!;
        return { daPersonId: r.id, personId: p.personId, dateOfBirth: p.dateOfBirth, schoolGiven: p.school };
      });
    const encompass = children.length ? await this.encompass.createNotices(tx, ctx.encompass, { tenantId: input.tenantId, daCaseId, occurredAt, receivedAt: f.receivedAt, children }) : { sent: 0, needsSetting: 0 };

    if (repeat) {
      for (const u of await this.organisations.areaUsersWith(input.tenantId, 'marac:coordinate', tx)) {
        await notifyInApp(tx, {
          tenantId: input.tenantId,
          userId: u.id,
          title: 'Repeat MARAC: a new incident',
          body: 'A new domestic abuse incident is between a victim and perpetrator referred to MARAC in the last 12 months.',
          link: daCasePath(daCaseId),
        });
      }
    }
    return { daCaseId, repeatOf: repeat?.id ?? null, incidentsInYear, encompass };
  }

  /**
   * A later notification about an incident already received (a DASH after the Gen 117): its police DASH is added
   * to the case; when the first notification was not a DA one, the case is created now on the same contact.
   */
  async attach(tx: Database, ctx: DaContext, input: { tenantId: string; contactId: string; incidentId: string; sourceAgencyId: string | null; facts: CaseFacts }): Promise<string> {
    const existing = await repo.caseOfContact(tx, input.contactId);
    if (!existing) return (await this.createFromFacts(tx, ctx, input)).daCaseId;
    const dash = input.facts.policeDash;
    if (dash) {
      await this.storePoliceDash(tx, { tenantId: input.tenantId, daCaseId: existing.id, dash, on: ctx.calendar.dateOf(input.facts.receivedAt), agencyId: input.sourceAgencyId, receivedAt: input.facts.receivedAt });
    }
    return existing.id;
  }

  /**
   * A police DASH, scored (`scoreDash`) on the version it names or the police version in use on `on`, and stored
   * against the case; nothing when no police version applies. With the case's victim and escalation when it arrives
   * with the notification that makes the case; a later one is stored against the case alone.
   */
  private async storePoliceDash(
    tx: Database,
    input: {
      tenantId: string;
      daCaseId: string;
      dash: NonNullable<CaseFacts['policeDash']>;
      on: string;
      victim?: { daPersonId: string | null; personId: string | null };
      escalation?: boolean;
      agencyId: string | null;
      receivedAt: Date;
    },
  ): Promise<void> {
    const list = policeChecklist(input.dash.version, input.on);
    if (!list) return;
    const { score, scored } = scoreDash(list, input.dash.answers);
    await repo.insertDash(tx, {
      tenantId: input.tenantId,
      daCaseId: input.daCaseId,
      ...(input.victim ? { daPersonId: input.victim.daPersonId, personId: input.victim.personId } : {}),
      version: list.id,
      answers: input.dash.answers,
      victimWords: input.dash.victimWords,
      score,
      scoredGrading: scored,
      grading: scored,
      ...(input.escalation === undefined ? {} : { escalation: input.escalation }),
      source: 'police_notification',
      agencyId: input.agencyId,
      completedAt: input.receivedAt,
    });
  }

  /**
   * A contact recorded by the MASH (phone, email, a professional's referral form) recorded as a DA incident: the
   * same DA case, checks and Encompass notices as a police notification through the API.
   */
  async recordFromContact(
    actor: TeamActor,
    contactId: string,
    input: { incidentType: string; occurredAt: Date; policeReference: string | null; policeRisk: RiskLevel | null; people: Record<string, { role: string; riskLevel: RiskLevel | null }> },
  ): Promise<{ problems: Problems } | { daCaseId: string }> {
    const contact = await repo.contactFacts(this.db, contactId);
    if (!contact || contact.tenant_id !== actor.tenantId) return { problems: { incidentType: 'This contact does not exist' } };
    if (await repo.caseOfContact(this.db, contactId)) return { problems: { incidentType: 'This contact is already a domestic abuse incident' } };
    const listed = await repo.contactPeople(this.db, contactId);
    const problems: Problems = {};
    if (new Date(contact.received_at).getTime() < input.occurredAt.getTime()) problems.occurredAt = 'The incident must be before the contact was received';
    const chosen = listed.map((p) => ({ ...p, role: input.people[p.ref]?.role ?? null, riskLevel: input.people[p.ref]?.riskLevel ?? null }));
    for (const p of chosen) {
      if (!p.role) problems[`role-${p.ref}`] = `Choose ${personName(p)}’s role in the incident`;
      else if (CHILD_DA_ROLES.has(p.role) && !p.date_of_birth) problems[`role-${p.ref}`] = `${personName(p)} has no date of birth: add it before recording them as a child in the household (Operation Encompass needs it)`;
    }
    if (!chosen.some((p) => p.role === 'victim') && !Object.keys(problems).some((k) => k.startsWith('role-'))) problems.people = 'Choose who the victim is';
    if (listed.length === 0) problems.people = 'Add the people in the contact before recording it as a domestic abuse incident';
    if (Object.keys(problems).length) return { problems };
    const ctx = await this.context(actor.tenantId);
    const facts: CaseFacts = {
      policeReference: input.policeReference,
      incidentType: input.incidentType,
      occurredAt: input.occurredAt,
      receivedAt: new Date(contact.received_at),
      place: null,
      postcode: null,
      policeRisk: input.policeRisk,
      policeDash: null,
      people: chosen.map((p) => ({
        namedPersonId: p.named_id,
        personId: p.person_id,
        role: p.role!,
        givenNames: p.given_names,
        familyName: p.family_name,
        dateOfBirth: p.date_of_birth,
        riskLevel: p.riskLevel ?? (p.role === 'victim' ? input.policeRisk : null),
        childVoice: p.child_voice,
        childDemeanour: p.child_demeanour,
        school: p.school,
      })),
    };
    const created = await transaction(this.db, async (tx) => {
      // checked again inside the transaction: two submissions at once make one case, and the second is told so
      if (await repo.caseOfContact(tx, contactId)) return null;
      const made = await this.createFromFacts(tx, ctx, { tenantId: actor.tenantId, contactId, incidentId: contact.incident_id, sourceAgencyId: contact.source_agency_id, facts });
      await this.audit.record(tx, actor, { action: 'da_case.recorded', recordType: 'contact', recordId: contactId, details: { daCaseId: made.daCaseId, repeatOfMaracReferral: made.repeatOf, incidentsInYear: made.incidentsInYear, encompass: made.encompass } });
      return made;
    });
    if (!created) return { problems: { incidentType: 'This contact is already a domestic abuse incident' } };
    return { daCaseId: created.daCaseId };
  }

  contactPeople(contactId: string) {
    return repo.contactPeople(this.db, contactId);
  }

  contactFacts(contactId: string) {
    return repo.contactFacts(this.db, contactId);
  }

  // ——— reading ———

  caseById(id: string) {
    return repo.caseById(this.db, id);
  }

  caseOfContact(contactId: string) {
    return repo.caseOfContact(this.db, contactId);
  }

  async household(id: string) {
    const c = await repo.caseById(this.db, id);
    if (!c) return null;
    const [people, dash, decision, actions] = await Promise.all([repo.peopleOf(this.db, id), repo.dashOf(this.db, id), repo.decisionOf(this.db, id), repo.actionsOf(this.db, id)]);
    const flagged = new Set(childrenGradedBelowVictim(people).map((p) => p.id));
    return { case: c, people, dash, decision, actions, flagged };
  }

  dash(caseId: string, id: string) {
    return repo.dashById(this.db, caseId, id);
  }

  /**
   * The working day before today (London): a notification received before it, still without a decision, has missed a
   * working day's triage meeting (the front door's one working day for a decision) and is overdue.
   */
  async overdueBefore(tenantId: string): Promise<string> {
    const tenant = await this.organisations.tenant(tenantId);
    const calendar = await this.calendar.forDivision(tenant?.calendarDivision ?? 'england-and-wales');
    return calendar.workingDayOnOrBefore(addDays(this.today(), -1));
  }

  /** A page of the DA cases list (`show` one of its filters), and the list's total. */
  async recent(viewer: RecordViewer, show: repo.CaseShow, limit: number, offset: number) {
    const filter = { show, ...(show === 'overdue' ? { overdueBefore: await this.overdueBefore(viewer.tenantId) } : {}) };
    const list = await repo.recentCases(this.db, viewer, filter, limit, offset);
    return { list, total: await repo.countCases(this.db, viewer, filter) };
  }

  /** The triage counts on the home page: the totals of the list's "waiting for a decision" and "overdue" filters. */
  async triageCounts(viewer: RecordViewer): Promise<{ undecided: number; overdue: number }> {
    const overdueBefore = await this.overdueBefore(viewer.tenantId);
    return { undecided: await repo.countCases(this.db, viewer, { show: 'undecided' }), overdue: await repo.countCases(this.db, viewer, { show: 'overdue', overdueBefore }) };
  }

  /** Records that a DA case was viewed: its household page, a DASH, or its decision page at a triage meeting (`what`). */
  async recordView(actor: Actor, caseId: string, what: 'household' | 'dash' | 'mada_decision'): Promise<void> {
    await transaction(this.db, (tx) => this.audit.record(tx, actor, { action: 'da_case.viewed', recordType: 'da_case', recordId: caseId, details: { what } }));
  }

  /** Records that a triage meeting (its list of households, and who was present) was viewed. */
  async recordMeetingView(actor: Actor, meetingId: string): Promise<void> {
    await transaction(this.db, (tx) => this.audit.record(tx, actor, { action: 'mada.meeting_viewed', recordType: 'mada_meeting', recordId: meetingId }));
  }

  // ——— the household's gradings, made together ———

  /**
   * Grades everyone in the household at once. A child graded lower than the adult victim needs a reason (peer
   * review finding 5). Returns problems keyed by form field.
   */
  async saveGradings(actor: TeamActor, caseId: string, gradings: Record<string, { grading: string | null; reason: string | null }>): Promise<{ problems: Problems } | { household: RiskLevel }> {
    const people = await repo.peopleOf(this.db, caseId);
    const problems: Problems = {};
    const proposed = people.map((p) => ({ ...p, grading: gradings[p.id]?.grading ?? null, grading_reason: gradings[p.id]?.reason ?? null }));
    for (const p of proposed) {
      if (!isRiskLevel(p.grading)) problems[`grading-${p.id}`] = `Choose a risk level for ${personName(p)}`;
    }
    for (const child of childrenGradedBelowVictim(proposed)) {
      if (!child.grading_reason?.trim()) problems[`reason-${child.id}`] = `Give the reason ${personName(child)} is graded lower than the adult victim`;
    }
    if (Object.keys(problems).length) return { problems };
    const flagged = new Set(childrenGradedBelowVictim(proposed).map((p) => p.id));
    const household = householdRisk(proposed.map((p) => p.grading))!;
    await transaction(this.db, async (tx) => {
      await repo.saveGradings(
        tx,
        caseId,
        proposed.map((p) => ({ id: p.id, grading: p.grading!, reason: flagged.has(p.id) ? p.grading_reason!.trim() : null })),
        household,
        actor.userId,
        this.now(),
      );
      await this.audit.record(tx, actor, { action: 'da_case.graded', recordType: 'da_case', recordId: caseId, details: { household, gradings: proposed.map((p) => ({ daPersonId: p.id, grading: p.grading })), belowVictim: [...flagged] } });
    });
    return { household };
  }

  // ——— DASH ———

  /** Scores and stores a DASH checklist completed in Threshold. Every question needs an answer ("not known" is one). */
  async completeDash(actor: TeamActor, caseId: string, input: DashInput): Promise<{ problems: Problems } | { id: string; score: number; grading: RiskLevel; promptsMarac: boolean }> {
    const list = checklist(input.version);
    if (!list) return { problems: { version: 'Choose a DASH checklist' } };
    const c = await repo.caseById(this.db, caseId);
    const people = await repo.peopleOf(this.db, caseId);
    const subject = people.find((p) => p.id === input.daPersonId);
    const problems: Problems = {};
    if (!c || !subject) problems.daPersonId = 'Choose who the checklist was completed with';
    if (subject && list.ages) {
      const age = subject.date_of_birth ? ageOn(subject.date_of_birth, this.today()) : null;
      if (age === null || age < list.ages.min || age > list.ages.max)
        problems.daPersonId = `${list.title} is for young people aged ${list.ages.min} to ${list.ages.max}${age === null ? ': their date of birth is not known' : `: ${subject.given_names} is ${age}`}`;
    }
    for (const q of unanswered(list, input.answers)) problems[`answer-${q}`] = `Answer question ${q.slice(1)}: ${list.questions.find((x) => x.id === q)!.text}`;
    const { score, scored, judged } = scoreDash(list, input.answers, { grading: input.judgement, reason: input.judgementReason });
    if (!judged.ok) problems[judged.problem.startsWith('Give') ? 'judgementReason' : 'judgement'] = judged.problem;
    if (Object.keys(problems).length || !judged.ok || !c) return { problems };
    const id = await transaction(this.db, async (tx) => {
      const dashId = await repo.insertDash(tx, {
        tenantId: c.tenant_id,
        daCaseId: caseId,
        daPersonId: subject!.id,
        personId: subject!.person_id,
        version: list.id,
        answers: input.answers,
        victimWords: input.victimWords,
        score,
        scoredGrading: scored,
        judgementGrading: judged.raised ? judged.grading : null,
        judgementReason: judged.raised ? input.judgementReason!.trim() : null,
        grading: judged.grading,
        escalation: isEscalation(c.incidents_in_year),
        source: 'form',
        agencyId: actor.agencyId,
        completedByUserId: actor.userId,
        completedAt: this.now(),
      });
      await this.audit.record(tx, actor, { action: 'dash.completed', recordType: 'da_case', recordId: caseId, details: { dashId, version: list.id, score, grading: judged.grading, raised: judged.raised } });
      return dashId;
    });
    return { id, score, grading: judged.grading, promptsMarac: promptsMarac(list, score, judged.grading) };
  }

  // ——— MADA ———

  today(): string {
    return londonDate(this.now());
  }

  partners(tenantId: string) {
    return repo.mutualPartners(this.db, tenantId, this.today());
  }

  meetingToday(tenantId: string) {
    return repo.meetingOn(this.db, tenantId, this.today());
  }

  meeting(id: string) {
    return repo.meetingById(this.db, id);
  }

  meetings(tenantId: string) {
    return repo.meetings(this.db, tenantId, 60);
  }

  agencies(tenantId: string) {
    return repo.agenciesOf(this.db, tenantId);
  }

  async startMeeting(actor: TeamActor, input: { agencyIds: string[]; partnerTenantIds: string[] }): Promise<{ problems: Problems } | { id: string }> {
    const agencies = new Set((await repo.agenciesOf(this.db, actor.tenantId)).map((a) => a.id));
    const partners = new Set((await this.partners(actor.tenantId)).map((p) => p.id));
    const problems: Problems = {};
    if (input.agencyIds.length === 0) problems.agencyIds = 'Choose the agencies present';
    else if (input.agencyIds.some((a) => !agencies.has(a))) problems.agencyIds = 'Choose agencies from the list';
    if (input.partnerTenantIds.some((t) => !partners.has(t))) problems.partnerTenantIds = 'Only areas with a data-sharing agreement in force both ways can join';
    if (Object.keys(problems).length) return { problems };
    const on = this.today();
    const id = await transaction(this.db, async (tx) => {
      const created = await repo.insertMeeting(tx, { tenantId: actor.tenantId, meetingOn: on, chairUserId: actor.userId, agenciesPresent: input.agencyIds, partnerTenantIds: input.partnerTenantIds });
      if (created) await this.audit.record(tx, actor, { action: 'mada.meeting_started', recordType: 'mada_meeting', recordId: created, details: { on, agencies: input.agencyIds.length, partners: input.partnerTenantIds } });
      return created;
    });
    if (!id) return { problems: { agencyIds: 'Today’s meeting has already been started' } };
    return { id };
  }

  /** The meeting's list: every undecided DA notification of its areas, oldest first. */
  async triageList(meeting: repo.MeetingRow, viewerAgencyId: string) {
    const partners = new Set((await this.partners(meeting.tenant_id)).map((p) => p.id));
    const areas = [meeting.tenant_id, ...meeting.partner_tenant_ids.filter((t) => partners.has(t))];
    return repo.undecided(this.db, areas, viewerAgencyId, 200);
  }

  decidedAt(meetingId: string) {
    return repo.decidedAt(this.db, meetingId);
  }

  /**
   * May this meeting triage this case, for this viewer? Its own area's cases, or a partner's while the agreement is
   * in force both ways; a restricted contact's case only for the agency that owns the contact.
   */
  async meetingMayTriage(meeting: repo.MeetingRow, c: { tenant_id: string; restricted: boolean; owning_agency_id: string }, viewerAgencyId: string): Promise<boolean> {
    if (c.restricted && c.owning_agency_id !== viewerAgencyId) return false;
    if (c.tenant_id === meeting.tenant_id) return true;
    if (!meeting.partner_tenant_ids.includes(c.tenant_id)) return false;
    return (await this.partners(meeting.tenant_id)).some((p) => p.id === c.tenant_id);
  }

  /**
   * The decision for the household, made once at the meeting. A MARAC referral and IDVA or commissioned service
   * referrals are made in the same transaction; for a neighbouring area's case they are passed to that area's
   * triage team (each area runs its own MARAC and services).
   */
  async decide(actor: TeamActor, meeting: repo.MeetingRow, caseId: string, input: DecisionInput): Promise<{ problems: Problems } | { maracReferralId: string | null }> {
    const h = await this.household(caseId);
    if (!h) return { problems: { decisions: 'This case does not exist' } };
    const c = h.case;
    const household = isRiskLevel(c.household_risk) ? c.household_risk : householdRisk(h.people.map((p) => p.grading));
    const problems: Problems = {};
    const words = madaDecisionProblems(input.decisions, household);
    if (words.length) problems.decisions = words[0]!;
    if (c.household_reviewed_at === null && !problems.decisions) problems.decisions = 'Grade the household together before deciding (Check the household’s risk)';
    if (h.decision) problems.decisions = 'A decision has already been made for this household';
    const ownArea = c.tenant_id === actor.tenantId;
    if (!ownArea && input.actions.length) problems['action-description-0'] = 'Actions for a neighbouring area’s case are set by that area';
    if (Object.keys(problems).length) return { problems };

    const latestDash = h.dash[0] ?? null;
    const victim = h.people.find((p) => p.role === 'victim');
    const perpetrator = h.people.find((p) => p.role === 'alleged_perpetrator');
    const list: DashChecklist | undefined = latestDash ? checklist(latestDash.version) : undefined;
    const criteria = maracCriteriaMet({
      dashScore: latestDash?.score ?? null,
      highRiskThreshold: list?.thresholds.high ?? 14,
      judgementHigh: household === 'high' && !(latestDash && latestDash.score >= (list?.thresholds.high ?? 14)),
      incidentsInYear: c.incidents_in_year,
      isRepeat: c.repeat_of_referral_id !== null,
    });
    if (input.decisions.includes('marac_referral') && criteria.length === 0) {
      return { problems: { decisions: 'This household meets none of the MARAC criteria (visible high risk, professional judgement, escalation or repeat): grade it high on professional judgement first, or choose another decision' } };
    }

    const at = this.now();
    return transaction(this.db, async (tx) => {
      const decisionId = await repo.insertDecision(tx, { tenantId: c.tenant_id, daCaseId: caseId, meetingId: meeting.id, meetingTenantId: meeting.tenant_id, decisions: input.decisions, reason: input.reason, decidedByUserId: actor.userId, decidedAt: at });
      if (!decisionId) return { problems: { decisions: 'A decision has already been made for this household' } };
      await this.actions.addMadaActions(
        tx,
        input.actions.map((a) => ({ tenantId: c.tenant_id, daCaseId: caseId, meetingId: meeting.id, description: a.description, ownerAgencyId: a.ownerAgencyId, dueOn: a.dueOn, createdByUserId: actor.userId })),
      );
      // each owning agency's people are told in the app (no names: the link opens their list)
      const owners = new Set(input.actions.map((a) => a.ownerAgencyId));
      if (owners.size) {
        for (const u of (await this.organisations.areaUsersWith(c.tenant_id, 'dash:complete', tx)).filter((x) => owners.has(x.agency_id))) {
          await notifyInApp(tx, { tenantId: c.tenant_id, userId: u.id, title: 'An action from the domestic abuse triage meeting', body: 'The daily triage meeting gave your agency an action with a due date.', link: domesticAbusePath('actions', {}) });
        }
      }
      let maracReferralId: string | null = null;
      if (ownArea) {
        const victimName = personName(victim, { missing: 'Not named' });
        if (input.decisions.includes('marac_referral')) {
          const r = await this.marac.referIn(tx, {
            tenantId: c.tenant_id,
            daCaseId: caseId,
            victimPersonId: victim?.person_id ?? null,
            perpetratorPersonId: perpetrator?.person_id ?? null,
            victimName,
            perpetratorName: perpetrator ? personName(perpetrator) : null,
            victimKey: c.victim_key,
            perpetratorKey: c.perpetrator_key,
            referringAgencyId: actor.agencyId,
            referredByUserId: actor.userId,
            referredAt: at,
            criteria,
            dashScore: latestDash?.score ?? null,
            reason: input.reason,
          });
          maracReferralId = r.id;
        }
        for (const service of ['idva', 'commissioned'] as const) {
          if (!input.decisions.includes(service === 'idva' ? 'idva' : 'commissioned_service')) continue;
          await this.services.referIn(tx, {
            tenantId: c.tenant_id,
            service,
            daCaseId: caseId,
            maracReferralId,
            personId: victim?.person_id ?? null,
            clientName: victimName,
            risk: household ?? 'standard',
            referredByAgencyId: actor.agencyId,
            referredByUserId: actor.userId,
            referredAt: at,
          });
        }
      } else {
        for (const u of await this.organisations.areaUsersWith(c.tenant_id, 'da:triage', tx)) {
          await notifyInApp(tx, { tenantId: c.tenant_id, userId: u.id, title: 'A neighbouring area’s MADA decided one of your cases', body: 'Open the case to see the decision and make the referrals it asks for.', link: daCasePath(caseId) });
        }
      }
      await this.audit.record(tx, actor, { action: 'mada.decided', recordType: 'da_case', recordId: caseId, details: { meetingId: meeting.id, decisions: input.decisions, maracReferralId, criteria, caseArea: c.tenant_id, actions: input.actions.length } });
      return { maracReferralId };
    });
  }

  /** A triage action's area and owner (its record rule's facts). */
  async actionFacts(id: string): Promise<DaActionFacts | undefined> {
    const a = await repo.actionFacts(this.db, id);
    return a ? { tenantId: a.tenant_id, ownerAgencyId: a.owner_agency_id, forum: a.forum, coordinatingAgencyIds: [] } : undefined;
  }

  /** The triage meeting's actions the viewer's agency owns. */
  actionsOwnedBy(viewer: { tenantId: string; agencyId: string }) {
    return repo.actionsOwnedBy(this.db, viewer.tenantId, viewer.agencyId, 200);
  }

  /** An owning agency marks a triage action done, with what was done. False when it is not theirs or already done. */
  async completeAction(actor: TeamActor, id: string, note: string): Promise<boolean> {
    return transaction(this.db, async (tx) => {
      const caseId = await this.actions.completeMadaAction(tx, { tenantId: actor.tenantId, agencyId: actor.agencyId, id, userId: actor.userId, note, at: this.now() });
      if (caseId) await this.audit.record(tx, actor, { action: 'mada.action_done', recordType: 'da_case', recordId: caseId, details: { actionId: id } });
      return caseId !== null;
    });
  }

  // ——— data-sharing agreements ———

  agreements(tenantId: string) {
    return repo.agreements(this.db, tenantId);
  }

  otherAreas(tenantId: string) {
    return repo.otherAreas(this.db, tenantId);
  }

  async addAgreement(actor: TeamActor, input: { partnerTenantId: string; reference: string; startsOn: string; endsOn: string | null }): Promise<{ problems: Problems } | { id: string }> {
    const areas = await repo.otherAreas(this.db, actor.tenantId);
    if (!areas.some((a) => a.id === input.partnerTenantId)) return { problems: { partnerTenantId: 'Choose a neighbouring area from the list' } };
    if (input.endsOn && input.endsOn < input.startsOn) return { problems: { endsOn: 'The end date must be on or after the start date' } };
    const id = await transaction(this.db, async (tx) => {
      const created = await repo.insertAgreement(tx, { tenantId: actor.tenantId, partnerTenantId: input.partnerTenantId, purpose: 'mada', reference: input.reference, startsOn: input.startsOn, endsOn: input.endsOn, createdByUserId: actor.userId });
      await this.audit.record(tx, actor, { action: 'admin.data_sharing_agreement_added', recordType: 'data_sharing_agreement', recordId: created, details: { partnerTenantId: input.partnerTenantId, purpose: 'mada', startsOn: input.startsOn, endsOn: input.endsOn } });
      return created;
    });
    return { id };
  }

  async endAgreement(actor: TeamActor, id: string): Promise<boolean> {
    return transaction(this.db, async (tx) => {
      const ok = await repo.endAgreement(tx, actor.tenantId, id, this.today());
      if (ok) await this.audit.record(tx, actor, { action: 'admin.data_sharing_agreement_ended', recordType: 'data_sharing_agreement', recordId: id, details: {} });
      return ok;
    });
  }

  // ——— published for multi-agency audits ———

  /** Published for multi-agency audits: DA cases received in a period, in the order the seed fixes (repo.auditSample). */
  auditSample(tenantId: string, from: string, to: string, limit: number, seed: string) {
    return repo.auditSample(this.db, tenantId, from, to, limit, seed);
  }

  /** Published for multi-agency audits: the sampled DA cases again, by id. */
  auditRecords(tenantId: string, ids: readonly string[]) {
    return repo.auditRecords(this.db, tenantId, ids);
  }
}
