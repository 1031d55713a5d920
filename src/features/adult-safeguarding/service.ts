/**
 * Adult safeguarding (Care Act 2014 s42): concerns arrive from the front door (a hand-off from the children's front
 * door, a contact to the adult front door from any agency, form or API); the adult team records the three-point
 * test and proposes a decision; a manager authorises it; an s42 (or other) enquiry then runs with its plan, risks,
 * partners' contributions and meetings, to an outcome per risk and Making Safeguarding Personal. Every view and
 * change is audited, the audit event being the last write of its transaction; in-app notifications go in the same
 * transaction as the change.
 */
import { type Database, asDate, transaction } from '../../db/client.js';
import { type AccessDecision, type Viewer, adultConcernAccess, adultMinutesVisible, ownedAdultConcernAccess } from '../../domain/access.js';
import { labelOf } from '../../domain/codes.js';
import {
  CONCERN_DECISIONS,
  type ConcernDecision,
  type ConcernStatus,
  type EnquiryStatus,
  type ThreePointAnswers,
  concernAllows,
  conclusionProblems,
  decisionProblems,
  enquiryAllows,
  opensEnquiry,
  threePointTest,
} from '../../domain/adult-safeguarding.js';
import { timescaleDeadline } from '../../domain/timescales.js';
import { type WorkingCalendar } from '../../domain/calendar.js';
import { addDays, instantAt } from '../../domain/time.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { type BreakGlass } from '../../platform/break-glass.js';
import { type CalendarService } from '../../platform/calendar.js';
import { notifyInApp } from '../../platform/outbox.js';
import { type OrganisationService } from '../organisations/service.js';
import { type ContactService } from '../front-door/contact-service.js';
import { type SafeguardingLeadService } from '../safeguarding-lead/service.js';
import * as repo from './repository.js';
import { adultPath, concernPath } from './paths.js';

export type UserActor = Actor & { userId: string; tenantId: string; agencyId: string };
export type Problems = Record<string, string>;
export type ChangeResult = { ok: true } | { problems: Problems } | { notFound: true };

/** A concern taken on from the front door, in the caller's transaction. */
export interface ConcernFromContact {
  tenantId: string;
  contactId: string;
  channel: 'mash_hand_off' | 'front_door' | 'public';
  owningAgencyId: string;
  receivedAt: Date;
  decisionDueAt: Date;
  sourceCode: string;
  sourceAgencyId: string | null;
  referrerName: string | null;
  whatHappened: string;
  adult: { personId: string | null; name: string; voice: string | null } | null;
  restricted: boolean;
  createdByUserId: string | null;
  actor: Actor;
  /** Users to tell (the adult team's workers). */
  tell: readonly string[];
}

/** The SAC source of a concern from the kind of agency that raised it (the adult team can correct it). */
export function sourceFromAgencyType(type: string | null, channel: string): string {
  if (channel === 'public') return 'other';
  switch (type) {
    case 'care_provider':
      return 'social_care_residential';
    case 'health':
      return 'health_secondary';
    case 'police':
      return 'police';
    case 'housing':
      return 'housing';
    case 'school':
    case 'education':
      return 'education';
    case 'adult_social_care':
    case 'children_social_care':
      return 'social_care_social_worker';
    default:
      return 'other';
  }
}

export class AdultSafeguardingService {
  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly calendar: CalendarService,
    readonly breakGlass: BreakGlass,
    readonly organisations: OrganisationService,
    readonly contacts: Pick<ContactService, 'closeAsTakenOn'>,
    readonly leads: Pick<SafeguardingLeadService, 'ensureLead'>,
    readonly now: () => Date,
  ) {}

  // ——— record checks ———

  async access(viewer: Viewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.concernFacts(this.db, id);
    if (!facts) return undefined;
    return adultConcernAccess(viewer, facts, facts.restricted && (await this.breakGlass.isOpen(viewer.userId, 'adult_concern', id)));
  }

  async ownedAccess(viewer: Viewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.concernFacts(this.db, id);
    if (!facts) return undefined;
    return ownedAdultConcernAccess(viewer, facts, facts.restricted && (await this.breakGlass.isOpen(viewer.userId, 'adult_concern', id)));
  }

  contributionFacts(id: string) {
    return repo.contributionFacts(this.db, id);
  }

  // ——— arriving ———

  /** What a subscriber reads before the transaction: the adult front door, its decision timescale and its workers. */
  async arrivalSetUp(tenantId: string) {
    const door = await this.organisations.frontDoor(tenantId, 'adult');
    if (!door) return undefined;
    const [timescale, workers, calendar] = await Promise.all([
      this.calendar.timescale(tenantId, 'contact.decision.adult'),
      this.organisations.usersWith(tenantId, door.id, 'adult:work'),
      this.calendarFor(tenantId),
    ]);
    return { door, timescale, calendar, workers: workers.map((u) => u.id) };
  }

  /** A concern from the front door, in the caller's transaction; the adult team's workers are told. */
  async takeOn(tx: Database, c: ConcernFromContact): Promise<{ id: string; reference: string }> {
    const made = await repo.insertConcern(tx, {
      tenantId: c.tenantId,
      contactId: c.contactId,
      channel: c.channel,
      owningAgencyId: c.owningAgencyId,
      personId: c.adult?.personId ?? null,
      adultName: c.adult?.name ?? 'Name not known',
      receivedAt: c.receivedAt,
      sourceCode: c.sourceCode,
      sourceAgencyId: c.sourceAgencyId,
      referrerName: c.referrerName,
      whatHappened: c.whatHappened.trim() === '' ? 'Not recorded on the contact.' : c.whatHappened,
      personsView: c.adult?.voice ?? null,
      decisionDueAt: c.decisionDueAt,
      restricted: c.restricted,
      createdByUserId: c.createdByUserId,
    });
    // A concern about someone whose work nobody leads yet is led by the adult team; a person already led (a child's
    // front door, a DA case) keeps that lead until it is transferred explicitly.
    if (c.adult?.personId) {
      await this.leads.ensureLead(tx, { tenantId: c.tenantId, personId: c.adult.personId, agencyId: c.owningAgencyId, teamId: null, workKind: 'adult_concern', workId: made.id, since: c.receivedAt, reason: `Adult safeguarding concern ${made.reference}`, setByUserId: c.createdByUserId });
    }
    for (const userId of c.tell) {
      await notifyInApp(tx, {
        tenantId: c.tenantId,
        userId,
        title: `New adult safeguarding concern: ${made.reference}`,
        body: c.channel === 'mash_hand_off' ? 'The children’s front door has handed this on: record the three-point test and decide.' : 'Record the three-point test and decide.',
        link: concernPath(made.id),
      });
    }
    return made;
  }

  private async calendarFor(tenantId: string) {
    const tenant = await this.organisations.tenant(tenantId);
    return this.calendar.forDivision(tenant?.calendarDivision ?? 'england-and-wales');
  }

  // ——— reading ———

  async worklist(viewer: Viewer, view: repo.WorklistView, page: number, pageSize = 25) {
    const calendar = await this.calendarFor(viewer.tenantId);
    const now = this.now();
    const endOfToday = endOfDay(calendar, now);
    const [list, counts] = await Promise.all([repo.worklist(this.db, viewer, view, { now, endOfToday }, page, pageSize), repo.worklistCounts(this.db, viewer, endOfToday, now)]);
    return { ...list, counts, calendar, now };
  }

  /** The adult team's counts, keyed by the worklist's views (its tabs, overdue and due today), for a home page. */
  async counts(viewer: Viewer): Promise<Record<repo.WorklistView, number>> {
    const calendar = await this.calendarFor(viewer.tenantId);
    const now = this.now();
    return repo.worklistCounts(this.db, viewer, endOfDay(calendar, now), now);
  }

  /** A concern with everything on its page; the view is audited. */
  async view(actor: UserActor, id: string, part?: string) {
    const concern = await repo.concern(this.db, id);
    if (!concern) return undefined;
    const enquiry = await repo.enquiryOf(this.db, id);
    const [risks, contributions, meetings, attendees, actions] = enquiry
      ? await Promise.all([repo.risks(this.db, enquiry.id), repo.contributions(this.db, enquiry.id), repo.meetings(this.db, enquiry.id), repo.attendees(this.db, enquiry.id), repo.actions(this.db, enquiry.id)])
      : [[], [], [], [], []];
    await this.audit.recordNow(actor, { action: 'adult_concern.view', recordType: 'adult_concern', recordId: id, ...(part ? { details: { part } } : {}) });
    const calendar = await this.calendarFor(concern.tenant_id);
    return { concern, enquiry, risks, contributions, meetings, attendees, actions, calendar, now: this.now() };
  }

  /** Whether the viewer may read a meeting's minutes: the adult team, and agencies that attended it. */
  minutesVisible(viewer: Viewer, owningAgencyId: string, attendees: readonly repo.AttendeeRow[]): boolean {
    return adultMinutesVisible(viewer, { owningAgencyId, attendedAgencyIds: attendees.filter((a) => a.attendance === 'attended' && a.agency_id).map((a) => a.agency_id!) });
  }

  /** Workers of the adult team who can be allocated (for the allocation form). */
  async workers(viewer: { tenantId: string; agencyId: string }) {
    return repo.workers(this.db, viewer.tenantId, viewer.agencyId);
  }

  /**
   * Active agencies of the area other than the viewer's (to ask for contributions, to own actions, to attend a
   * meeting), schools left out: they teach children, and listing the area's 100 or more made the meeting form ten
   * screens long (issue 19). A college for adults is an education agency, and stays.
   */
  async partnerAgencies(viewer: { tenantId: string; agencyId: string }) {
    return (await this.organisations.agencies(viewer.tenantId, { activeOnly: true })).filter((a) => a.id !== viewer.agencyId && a.type !== 'school');
  }

  /** The area's active care providers, for saying which one a concern is about. */
  async providerChoices(tenantId: string): Promise<{ code: string; label: string }[]> {
    return (await repo.providerChoices(this.db, tenantId)).map((p) => ({ code: p.id, label: p.name }));
  }

  async concernsAboutProvider(tenantId: string, providerId: string) {
    return repo.concernsAboutProvider(this.db, tenantId, providerId);
  }

  async concernsAbout(viewer: Viewer, personId: string) {
    return repo.concernsAbout(this.db, viewer, personId);
  }

  /** The viewer's agency's requests to contribute: waiting, overdue (waiting past the due date) or answered. */
  async contributionsForAgency(viewer: Viewer, show: repo.ContributionShow, page: number, pageSize = 25) {
    const calendar = await this.calendarFor(viewer.tenantId);
    return repo.contributionsFor(this.db, viewer.tenantId, viewer.agencyId, show, calendar.dateOf(this.now()), page, pageSize);
  }

  async contribution(actor: UserActor, id: string) {
    const found = await repo.contribution(this.db, id);
    if (found) await this.audit.recordNow(actor, { action: 'adult_contribution.view', recordType: 'adult_contribution', recordId: id });
    return found;
  }

  // ——— changing the concern ———

  private async change(actor: UserActor, id: string, action: string, work: (tx: Database, concern: repo.ConcernRow) => Promise<Problems | Record<string, unknown> | void>, details?: Record<string, unknown>): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const concern = await repo.concern(tx, id);
      if (!concern || concern.tenant_id !== actor.tenantId) return { notFound: true } as const;
      const result = await work(tx, concern);
      if (result && 'problems' in result) return { problems: result.problems as Problems };
      await this.audit.record(tx, actor, { action, recordType: 'adult_concern', recordId: id, details: { ...details, ...(result ?? {}) } });
      return { ok: true } as const;
    });
  }

  async updateDetails(actor: UserActor, id: string, d: { sourceCode: string; othersInvolved: string | null; personsView: string | null; providerId: string | null }): Promise<ChangeResult> {
    return this.change(actor, id, 'adult_concern.details_updated', async (tx) => {
      await repo.updateDetails(tx, id, d);
    }, { sourceCode: d.sourceCode, providerId: d.providerId });
  }

  async recordTest(actor: UserActor, id: string, t: Record<'needs' | 'abuse' | 'protect', { answer: 'yes' | 'no' | 'unknown'; reason: string }>): Promise<ChangeResult> {
    const result = threePointTest({ needs: t.needs.answer, abuse: t.abuse.answer, protect: t.protect.answer });
    return this.change(actor, id, 'adult_concern.test_recorded', async (tx, concern) => {
      if (!concernAllows(concern.status as ConcernStatus, 'record_test')) return { problems: { needs: 'The decision on this concern has been made: the test can no longer change' } };
      await repo.recordTest(tx, id, actor.userId, this.now(), t);
    }, { result });
  }

  async proposeDecision(actor: UserActor, id: string, d: { decision: ConcernDecision; reason: string; signpostTo: string | null }): Promise<ChangeResult> {
    return this.change(actor, id, 'adult_concern.decision_proposed', async (tx, concern) => {
      if (!concernAllows(concern.status as ConcernStatus, 'propose_decision')) return { problems: { decision: 'A decision has already been proposed on this concern' } };
      if (!concern.test_needs || !concern.test_abuse || !concern.test_protect) return { problems: { decision: 'Record the three-point test before deciding' } };
      const test = threePointTest({ needs: concern.test_needs, abuse: concern.test_abuse, protect: concern.test_protect } as ThreePointAnswers);
      const problems = decisionProblems(test, d.decision, d.signpostTo, d.reason);
      if (Object.keys(problems).length) return { problems };
      if (!(await repo.proposeDecision(tx, id, actor.userId, this.now(), { ...d, signpostTo: d.decision === 'information_advice' ? d.signpostTo : null }))) return { problems: { decision: 'A decision has already been proposed on this concern' } };
      const managers = await this.organisations.areaUsersWith(actor.tenantId, 'adult:authorise', tx);
      for (const m of managers.filter((u) => u.agency_id === concern.owning_agency_id && u.id !== actor.userId)) {
        await notifyInApp(tx, { tenantId: actor.tenantId, userId: m.id, title: `Decision to authorise: ${concern.reference}`, body: 'An adult safeguarding decision is waiting for your authorisation.', link: concernPath(id) });
      }
    }, { decision: d.decision });
  }

  /** A manager authorises the proposed decision (an enquiry starts now) or returns it with a comment. */
  async authorise(actor: UserActor, id: string, approve: boolean, comment: string | null): Promise<ChangeResult> {
    return this.change(actor, id, approve ? 'adult_concern.decision_authorised' : 'adult_concern.decision_returned', async (tx, concern) => {
      if (!concernAllows(concern.status as ConcernStatus, 'authorise')) return { problems: { decision: 'There is no decision waiting for authorisation on this concern' } };
      if (approve && actorIsDecider(concern, actor)) return { problems: { decision: 'Another manager must authorise a decision you proposed yourself' } };
      if (!approve) {
        if (!comment) return { problems: { comment: 'Say why you are returning the decision' } };
        await repo.returnDecision(tx, id, comment);
        return;
      }
      const now = this.now();
      if (!(await repo.authorise(tx, id, actor.userId, now))) return { problems: { decision: 'There is no decision waiting for authorisation on this concern' } };
      const enquiry = concern.decision !== null && opensEnquiry(concern.decision);
      // The contact it came from at the adult front door is closed with the matching outcome (not a hand-off's:
      // the children's front door decided that one already).
      const contactClosed = concern.contact_id && concern.channel !== 'mash_hand_off' && concern.decided_by_user_id && concern.decided_at
        ? await this.contacts.closeAsTakenOn(tx, actor, concern.contact_id, {
          outcome: enquiry ? 'adult_safeguarding' : 'nfa_advice',
          rationale: `Decided as adult safeguarding concern ${concern.reference}: ${labelOf(CONCERN_DECISIONS, concern.decision)}.`,
          decidedByUserId: concern.decided_by_user_id,
          decidedAt: asDate(concern.decided_at),
        })
        : false;
      if (enquiry) {
        const enquiryId = await repo.insertEnquiry(tx, { tenantId: actor.tenantId, concernId: id, kind: concern.decision === 's42_enquiry' ? 's42' : 'other', startedAt: now, allocatedUserId: concern.allocated_user_id });
        return { enquiryId, contactClosed };
      }
      return { contactClosed };
    }, { comment });
  }

  async allocate(actor: UserActor, id: string, userId: string): Promise<ChangeResult> {
    const workers = await this.workers(actor);
    if (!workers.some((w) => w.id === userId)) return { problems: { userId: 'Select a worker from the adult safeguarding team' } };
    return this.change(actor, id, 'adult_concern.allocated', async (tx, concern) => {
      await repo.allocate(tx, id, userId);
      if (userId !== actor.userId) await notifyInApp(tx, { tenantId: actor.tenantId, userId, title: `Allocated to you: ${concern.reference}`, body: 'An adult safeguarding concern has been allocated to you.', link: concernPath(id) });
    }, { userId });
  }

  // ——— the enquiry ———

  private async enquiryChange(actor: UserActor, concernId: string, action: string, step: Parameters<typeof enquiryAllows>[1], work: (tx: Database, enquiry: repo.EnquiryRow, concern: repo.ConcernRow) => Promise<Problems | Record<string, unknown> | void>, details?: Record<string, unknown>): Promise<ChangeResult> {
    return this.change(actor, concernId, action, async (tx, concern) => {
      const enquiry = await repo.enquiryOf(tx, concernId);
      if (!enquiry) return { problems: { enquiry: 'This concern has no enquiry' } };
      if (!enquiryAllows(enquiry.status as EnquiryStatus, step)) return { problems: { enquiry: enquiry.status === 'exited' ? 'This enquiry has ended' : 'This enquiry has concluded' } };
      const r = await work(tx, enquiry, concern);
      if (r && !('problems' in r) && Object.keys(r).length) return { ...r, enquiryId: enquiry.id };
      return r ?? { enquiryId: enquiry.id };
    }, details);
  }

  async plan(actor: UserActor, concernId: string, p: repo.Plan): Promise<ChangeResult> {
    return this.enquiryChange(actor, concernId, 'adult_enquiry.planned', 'plan', async (tx, enquiry) => {
      await repo.updatePlan(tx, enquiry.id, p);
    }, { leadKind: p.leadKind, consent: p.consent, capacity: p.capacity, mspAsked: p.mspAsked });
  }

  async addRisk(actor: UserActor, concernId: string, r: { type: string; location: string; source: string; description: string | null }): Promise<ChangeResult> {
    return this.enquiryChange(actor, concernId, 'adult_enquiry.risk_added', 'add_risk', async (tx, enquiry) => ({ riskId: await repo.insertRisk(tx, { tenantId: actor.tenantId, enquiryId: enquiry.id, ...r }) }), { type: r.type, location: r.location, source: r.source });
  }

  /** Asks partner agencies to contribute; each agency's answering users are told. */
  async askContributions(actor: UserActor, concernId: string, a: { agencyIds: string[]; question: string }): Promise<ChangeResult> {
    const calendar = await this.calendarFor(actor.tenantId);
    const timescale = await this.calendar.timescale(actor.tenantId, 'adult_contribution.answer');
    const dueOn = calendar.dateOf(timescaleDeadline(calendar, this.now(), timescale));
    const partners = new Set((await this.partnerAgencies(actor)).map((x) => x.id));
    if (a.agencyIds.some((id) => !partners.has(id))) return { problems: { agencyIds: 'Choose agencies of your area from the list' } };
    const tell = new Map<string, string[]>();
    for (const agencyId of a.agencyIds) tell.set(agencyId, (await this.organisations.usersWith(actor.tenantId, agencyId, 'adult:contribute')).map((u) => u.id));
    return this.enquiryChange(actor, concernId, 'adult_enquiry.contributions_asked', 'request_contribution', async (tx, enquiry, concern) => {
      const ids: string[] = [];
      for (const agencyId of a.agencyIds) {
        const id = await repo.insertContribution(tx, { tenantId: actor.tenantId, enquiryId: enquiry.id, agencyId, question: a.question, dueOn, askedByUserId: actor.userId });
        ids.push(id);
        for (const userId of tell.get(agencyId) ?? []) {
          await notifyInApp(tx, { tenantId: actor.tenantId, userId, title: `Request to contribute to a safeguarding enquiry: ${concern.reference}`, body: `Please answer by ${dueOn}.`, link: adultPath('contribution', { id }) });
        }
      }
      return { contributionIds: ids, dueOn };
    }, { agencyIds: a.agencyIds });
  }

  async answerContribution(actor: UserActor, id: string, answer: string): Promise<ChangeResult> {
    return transaction(this.db, async (tx) => {
      const found = await repo.contribution(tx, id);
      if (!found) return { notFound: true } as const;
      if (!(await repo.answerContribution(tx, id, actor.userId, this.now(), answer))) return { problems: { answer: 'This request has already been answered' } };
      const concern = await repo.concern(tx, found.concern_id);
      const enquiry = await repo.enquiryOf(tx, found.concern_id);
      const tell = enquiry?.allocated_user_id ?? concern?.allocated_user_id;
      if (tell) await notifyInApp(tx, { tenantId: actor.tenantId, userId: tell, title: `${found.agency_name} has contributed: ${found.concern_reference}`, body: 'A partner has answered your request to contribute to the enquiry.', link: concernPath(found.concern_id) });
      await this.audit.record(tx, actor, { action: 'adult_contribution.answered', recordType: 'adult_contribution', recordId: id, details: { concernId: found.concern_id } });
      return { ok: true } as const;
    });
  }

  async recordMeeting(actor: UserActor, concernId: string, m: Omit<repo.NewMeeting, 'tenantId' | 'enquiryId' | 'recordedByUserId'>): Promise<ChangeResult> {
    if (m.actions.length) {
      const partners = new Set([actor.agencyId, ...(await this.partnerAgencies(actor)).map((a) => a.id)]);
      if (m.actions.some((a) => !partners.has(a.ownerAgencyId)) || m.attendees.some((a) => a.agencyId && !partners.has(a.agencyId))) return { problems: { attendees: 'Choose agencies of your area from the list' } };
    }
    return this.enquiryChange(actor, concernId, 'adult_enquiry.meeting_recorded', 'meeting', async (tx, enquiry) => ({
      meetingId: await repo.insertMeeting(tx, { ...m, tenantId: actor.tenantId, enquiryId: enquiry.id, recordedByUserId: actor.userId }),
    }), { kind: m.kind, attendees: m.attendees.length, actions: m.actions.length });
  }

  /** Concludes the enquiry: each risk's result, Making Safeguarding Personal, sanctions and the conclusion. */
  async conclude(actor: UserActor, concernId: string, o: { results: { riskId: string; result: string; actionTaken: boolean; actionNote: string | null }[]; outcomesAchieved: string | null; sanctions: string[]; conclusion: string }): Promise<ChangeResult> {
    return this.enquiryChange(actor, concernId, 'adult_enquiry.concluded', 'conclude', async (tx, enquiry) => {
      const risks = await repo.risks(tx, enquiry.id);
      const byId = new Map(o.results.map((r) => [r.riskId, r]));
      const problems = conclusionProblems({
        risks: risks.map((r) => ({ result: byId.get(r.id)?.result ?? null, actionTaken: byId.get(r.id)?.actionTaken ?? null })),
        mspAsked: enquiry.msp_asked,
        outcomesAchieved: o.outcomesAchieved,
        lacksCapacity: enquiry.capacity,
        advocacy: enquiry.advocacy,
      });
      if (problems.length) return { problems: { enquiry: problems.join('. ') } };
      await repo.recordOutcome(tx, enquiry.id, actor.userId, this.now(), { ...o, results: o.results.filter((r) => risks.some((k) => k.id === r.riskId)) });
      return { results: o.results.map((r) => r.result) };
    }, { outcomesAchieved: o.outcomesAchieved, sanctions: o.sanctions });
  }

  async exit(actor: UserActor, concernId: string, reason: string, note: string): Promise<ChangeResult> {
    return this.enquiryChange(actor, concernId, 'adult_enquiry.exited', 'exit', async (tx, enquiry) => {
      await repo.exitEnquiry(tx, enquiry.id, actor.userId, this.now(), reason, note);
    }, { reason });
  }

  /** The date a contribution asked today would be due (for the form's hint). */
  async contributionDueOn(tenantId: string): Promise<string> {
    const calendar = await this.calendarFor(tenantId);
    const timescale = await this.calendar.timescale(tenantId, 'adult_contribution.answer');
    return calendar.dateOf(timescaleDeadline(calendar, this.now(), timescale));
  }

  // ——— published for multi-agency audits ———

  /** Published for multi-agency audits: concerns active in a period, in the order the seed fixes (repo.auditSample). */
  auditSample(tenantId: string, from: string, to: string, limit: number, seed: string) {
    return repo.auditSample(this.db, tenantId, from, to, limit, seed);
  }

  /** Published for multi-agency audits: the sampled concerns again, by id. */
  auditRecords(tenantId: string, ids: readonly string[]) {
    return repo.auditRecords(this.db, tenantId, ids);
  }
}

/** The last instant of today (London), for "due today". */
function endOfDay(calendar: WorkingCalendar, now: Date): Date {
  return new Date(instantAt(addDays(calendar.dateOf(now), 1), 0, calendar.timeZone).getTime() - 1);
}

function actorIsDecider(concern: repo.ConcernRow, actor: UserActor): boolean {
  return concern.decided_by_user_id === actor.userId;
}
