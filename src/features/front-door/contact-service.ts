/**
 * Contacts at the front door: drafting (details, people, the child's voice), submitting with a decision deadline
 * from the working-day calendar, the worklist, screening decisions and their authorisation, sharing with partner
 * agencies, and each person's chronology. Every view and change is audited in the same transaction.
 */
import { personName } from '../../domain/names.js';
import { contactPath } from './paths.js';
import { type Database, asDate, transaction } from '../../db/client.js';
import { type AccessDecision, type Viewer, contactAccess, ownedContactAccess } from '../../domain/access.js';
import { submissionProblems } from '../../domain/contacts.js';
import { DEFAULT_MULTIPLE_CONCERNS, isReReferral, multipleConcerns } from '../../domain/intake.js';
import { canAuthorise, canRecordDecision, screeningProblems } from '../../domain/screening.js';
import { type DeadlineState, deadlineState, timescaleDeadline } from '../../domain/timescales.js';
import { addDays, instantAt } from '../../domain/time.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { enqueueEmail, notifyInApp } from '../../platform/outbox.js';
import { type BreakGlass } from '../../platform/break-glass.js';
import { type CalendarService } from '../../platform/calendar.js';
import { type OrganisationService } from '../organisations/service.js';
import { type NewPerson, type PeopleService } from '../people/service.js';
import * as repo from './contact-repository.js';
import * as intakeRepo from './intake-repository.js';
import { type NamedPerson } from './notification-schema.js';
import { type FrontDoorEvents, reportedDetails } from './events.js';

export type { ContactDetails, ContactListFilter } from './contact-repository.js';
export { CONTACT_LIST_FILTERS } from './contact-repository.js';
type UserActor = Actor & { userId: string; tenantId: string; agencyId: string };
type Problems = Record<string, string>;

export interface WorklistItem extends repo.WorklistRow {
  state: DeadlineState;
}

/** The worklist figure a filter is, if it is one: status alone, or the deadline alone (undefined otherwise). */
export function worklistFigure(
  filter: { status?: string; due?: string; rag?: string; allocated?: string },
  counts: { open: number; awaiting: number; overdue: number; due_today: number },
): number | undefined {
  const status = filter.status ?? 'all';
  const due = filter.due ?? 'all';
  if ((filter.rag ?? 'all') !== 'all' || (filter.allocated ?? 'all') !== 'all') return undefined;
  if (due === 'all') return status === 'open' ? counts.open : status === 'awaiting_authorisation' ? counts.awaiting : status === 'all' ? counts.open + counts.awaiting : undefined;
  if (status !== 'all') return undefined;
  return due === 'overdue' ? counts.overdue : due === 'today' ? counts.due_today : undefined;
}

export class ContactService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
    private readonly calendar: CalendarService,
    private readonly breakGlass: BreakGlass,
    private readonly people: PeopleService,
    private readonly organisations: OrganisationService,
    private readonly events: FrontDoorEvents,
    private readonly now: () => Date,
    private readonly publicUrl = 'http://localhost:3000',
  ) {}

  private async calendarFor(tenantId: string) {
    const tenant = await this.organisations.tenant(tenantId);
    return this.calendar.forDivision(tenant?.calendarDivision ?? 'england-and-wales');
  }

  async access(viewer: Viewer, id: string): Promise<AccessDecision | undefined> {
    return (await this.ownership(viewer, id)).decision;
  }

  /** Whether the viewer's agency may act on the contact as its owner (screen, allocate, share, ask, record DA). */
  async ownedAccess(viewer: Viewer, id: string): Promise<AccessDecision | undefined> {
    const facts = await repo.accessFacts(this.db, id);
    if (!facts) return undefined;
    const open = facts.restricted ? await this.breakGlass.isOpen(viewer.userId, 'contact', id) : false;
    return ownedContactAccess(viewer, facts, open);
  }

  /** The facts the contact rule reads (for records that follow their contact's sharing, such as DA cases). */
  accessFacts(id: string) {
    return repo.accessFacts(this.db, id);
  }

  /** Access, and whether the viewer's agency owns the contact (and so screens it). */
  async ownership(viewer: Viewer, id: string): Promise<{ decision: AccessDecision | undefined; owned: boolean }> {
    const facts = await repo.accessFacts(this.db, id);
    if (!facts) return { decision: undefined, owned: false };
    const open = facts.restricted ? await this.breakGlass.isOpen(viewer.userId, 'contact', id) : false;
    return { decision: contactAccess(viewer, facts, open), owned: facts.owningAgencyId === viewer.agencyId && facts.status !== 'draft' };
  }

  // ——— drafting ———

  async startDraft(actor: UserActor, details: repo.ContactDetails): Promise<{ problems: Problems } | { id: string }> {
    const frontDoor = await this.organisations.frontDoor(actor.tenantId, details.contactType);
    if (!frontDoor) return { problems: { contactType: 'Your area has no front door for this kind of contact yet: ask your administrator' } };
    const id = await transaction(this.db, async (tx) => {
      const contactId = await repo.insertDraft(tx, { ...details, tenantId: actor.tenantId, owningAgencyId: frontDoor.id, createdByUserId: actor.userId });
      await this.audit.record(tx, actor, { action: 'contact.draft_started', recordType: 'contact', recordId: contactId });
      return contactId;
    });
    return { id };
  }

  async updateDraft(actor: UserActor, id: string, details: repo.ContactDetails): Promise<{ problems: Problems } | { id: string }> {
    const frontDoor = await this.organisations.frontDoor(actor.tenantId, details.contactType);
    if (!frontDoor) return { problems: { contactType: 'Your area has no front door for this kind of contact yet: ask your administrator' } };
    await transaction(this.db, async (tx) => {
      await repo.updateDraft(tx, id, { ...details, owningAgencyId: frontDoor.id, updatedAt: this.now() });
      await this.audit.record(tx, actor, { action: 'contact.draft_updated', recordType: 'contact', recordId: id });
    });
    return { id };
  }

  /** A draft the viewer wrote (undefined otherwise). */
  async draft(viewer: Viewer, id: string) {
    const contact = await repo.getContact(this.db, id);
    if (!contact || contact.status !== 'draft' || contact.createdByUserId !== viewer.userId || contact.tenantId !== viewer.tenantId) return undefined;
    return { contact, subjects: await repo.subjects(this.db, id), named: (await intakeRepo.namedPeople(this.db, id)).filter((n) => !n.person_id) };
  }

  async addExistingPerson(actor: UserActor, contactId: string, personId: string, role: string, relationship: { relatedPersonId: string; type: string } | null): Promise<void> {
    await transaction(this.db, async (tx) => {
      const added = await repo.addSubject(tx, { tenantId: actor.tenantId, contactId, personId, role });
      if (relationship) await this.people.relate(actor, { personId, ...relationship, fromDate: null }, tx);
      if (added) await this.audit.record(tx, actor, { action: 'contact.person_added', recordType: 'contact', recordId: contactId, details: { personId, role } });
    });
  }

  async addNewPerson(actor: UserActor, contactId: string, person: NewPerson, role: string, relationship: { relatedPersonId: string; type: string } | null): Promise<string> {
    const personId = await transaction(this.db, async (tx) => {
      const personId = await this.people.create(actor, person, tx);
      await repo.addSubject(tx, { tenantId: actor.tenantId, contactId, personId, role });
      if (relationship) await this.people.relate(actor, { personId, ...relationship, fromDate: null }, tx);
      await this.audit.record(tx, actor, { action: 'contact.person_added', recordType: 'contact', recordId: contactId, details: { personId, role, new: true } });
      return personId;
    });
    await this.people.afterChange(actor.tenantId, personId);
    return personId;
  }

  async removePerson(actor: UserActor, contactId: string, personId: string): Promise<void> {
    await transaction(this.db, async (tx) => {
      await repo.removeSubject(tx, contactId, personId);
      await this.audit.record(tx, actor, { action: 'contact.person_removed', recordType: 'contact', recordId: contactId, details: { personId } });
    });
  }

  async recordVoice(actor: UserActor, contactId: string, personId: string, voice: string, demeanour: string): Promise<void> {
    await transaction(this.db, async (tx) => {
      await repo.setVoice(tx, contactId, personId, voice, demeanour);
      await this.audit.record(tx, actor, { action: 'contact.child_voice_recorded', recordType: 'contact', recordId: contactId, details: { personId } });
    });
  }

  async submissionProblems(contactType: string, subjects: repo.SubjectRow[], named: readonly intakeRepo.NamedPersonRow[] = []): Promise<Problems> {
    return submissionProblems(contactType, [
      ...subjects.map((s) => ({ personId: s.person_id, role: s.role, name: personName(s), childVoice: s.child_voice, childDemeanour: s.child_demeanour })),
      ...named.map((n) => ({ personId: n.id, role: n.role, name: personName(n), childVoice: n.child_voice, childDemeanour: n.child_demeanour })),
    ]);
  }

  /** Adds a person as the referrer describes them (the front door matches them to the register later). */
  async describePerson(actor: UserActor, contactId: string, person: NamedPerson): Promise<void> {
    await transaction(this.db, async (tx) => {
      const position = await intakeRepo.nextPosition(tx, contactId);
      const [row] = await intakeRepo.insertNamedPeople(tx, actor.tenantId, contactId, [person], position);
      await this.audit.record(tx, actor, { action: 'contact.person_described', recordType: 'contact', recordId: contactId, details: { namedId: row!.id, role: person.role } });
    });
  }

  async removeDescribed(actor: UserActor, contactId: string, namedId: string): Promise<void> {
    await transaction(this.db, async (tx) => {
      await intakeRepo.removeNamedPerson(tx, contactId, namedId);
      await this.audit.record(tx, actor, { action: 'contact.person_removed', recordType: 'contact', recordId: contactId, details: { namedId } });
    });
  }

  /** Submits a draft: gives it a reference and a decision deadline, and puts it on the front door's worklist. */
  async submit(actor: UserActor, id: string): Promise<{ problems: Problems } | { reference: string; decisionDueAt: Date }> {
    const draft = await this.draft({ ...actor, agencyType: '' }, id);
    if (!draft) return { problems: { form: 'This draft has already been submitted or does not exist' } };
    const problems = await this.submissionProblems(draft.contact.contactType, draft.subjects, draft.named);
    if (Object.keys(problems).length) return { problems };
    const calendar = await this.calendarFor(actor.tenantId);
    const timescale = await this.calendar.timescale(actor.tenantId, draft.contact.contactType === 'adult' ? 'contact.decision.adult' : 'contact.decision.child');
    const decisionDueAt = timescaleDeadline(calendar, draft.contact.receivedAt, timescale);
    const now = this.now();
    const prepared = await this.events.received.prepare({ tenantId: actor.tenantId, notification: null });
    const reference = await transaction(this.db, async (tx) => {
      const ref = await repo.nextReference(tx, Number(calendar.dateOf(now).slice(0, 4)));
      const ok = await repo.markSubmitted(tx, id, { reference: ref, decisionDueAt, submittedAt: now });
      if (!ok) throw new Error('draft changed while submitting');
      const reported = await this.events.received.publish(
        tx,
        {
          outcome: 'created',
          tenantId: actor.tenantId,
          contactId: id,
          reference: ref,
          channel: draft.contact.channel,
          contactType: draft.contact.contactType,
          sourceAgencyId: draft.contact.sourceAgencyId,
          apiClientId: null,
          idempotency: null,
          actor,
          receivedAt: draft.contact.receivedAt,
          decisionDueAt,
          incidentId: null,
          linkedPeople: 0,
          notification: null,
          namedPeople: () => intakeRepo.namedPeople(tx, id),
        },
        prepared,
      );
      await this.audit.record(tx, actor, {
        action: 'contact.submitted',
        recordType: 'contact',
        recordId: id,
        details: { reference: ref, decisionDueAt: decisionDueAt.toISOString(), timescale: timescale.code, subjects: draft.subjects.map((s) => s.person_id), ...reportedDetails(reported) },
      });
      return ref;
    });
    return { reference, decisionDueAt };
  }

  // ——— reading ———

  /** A contact's reference, status and kind, for pages about it that are not the contact itself (not audited). */
  async summary(id: string) {
    const c = await repo.getContact(this.db, id);
    return c ? { id: c.id, reference: c.reference, status: c.status, contactType: c.contactType, tenantId: c.tenantId } : undefined;
  }

  /**
   * What another capability needs to take a contact on (adult safeguarding's concern from a hand-off or a contact to
   * the adult front door), read through the caller's transaction. Not audited: the caller records what it made.
   */
  takeOn(tx: Database, id: string) {
    return repo.takeOn(tx, id);
  }

  /** A contact for someone allowed to see it (callers check `access`); the view is audited. */
  async view(actor: UserActor, id: string) {
    const contact = await repo.getContact(this.db, id);
    if (!contact) return undefined;
    const [subjects, decisions, shares] = await Promise.all([repo.subjects(this.db, id), repo.decisions(this.db, id), repo.shares(this.db, id)]);
    await this.audit.recordNow(actor, { action: 'contact.view', recordType: 'contact', recordId: id });
    const calendar = await this.calendarFor(actor.tenantId);
    const state = contact.decisionDueAt && ['open', 'awaiting_authorisation'].includes(contact.status) ? deadlineState(calendar, contact.decisionDueAt, this.now()) : null;
    return { contact, subjects, decisions, shares, state };
  }

  private async endOfToday(tenantId: string) {
    const calendar = await this.calendarFor(tenantId);
    const today = calendar.dateOf(this.now());
    return { calendar, endOfToday: new Date(instantAt(addDays(today, 1), 0, calendar.timeZone).getTime() - 1) };
  }

  async worklist(viewer: Viewer, filter: Omit<repo.WorklistFilter, 'now' | 'endOfToday'>): Promise<WorklistItem[]> {
    const { calendar, endOfToday } = await this.endOfToday(viewer.tenantId);
    const now = this.now();
    const list = await repo.worklist(this.db, viewer, { ...filter, now, endOfToday });
    return list.map((r) => ({ ...r, state: deadlineState(calendar, asDate(r.decision_due_at), now) }));
  }

  async worklistCounts(viewer: Viewer) {
    const { endOfToday } = await this.endOfToday(viewer.tenantId);
    return repo.worklistCounts(this.db, viewer, this.now(), endOfToday);
  }

  /**
   * One page of the worklist with the list's total for the same filter. Where the filter is one of the four figures
   * (status alone, or the deadline alone) the total is that figure from `worklistCounts`, the home page's count;
   * any other filter is counted with the rows' own WHERE.
   */
  async worklistPage(viewer: Viewer, filter: Omit<repo.WorklistFilter, 'now' | 'endOfToday' | 'limit' | 'offset'>, page: number, pageSize: number) {
    const counts = await this.worklistCounts(viewer);
    const { endOfToday } = await this.endOfToday(viewer.tenantId);
    const rows = await this.worklist(viewer, { ...filter, limit: pageSize, offset: (page - 1) * pageSize });
    const total = worklistFigure(filter, counts) ?? (await repo.worklistTotal(this.db, viewer, { ...filter, now: this.now(), endOfToday }));
    return { rows, counts, total };
  }

  visibleList(viewer: Viewer, limit = 50, offset = 0, show: repo.ContactListFilter = 'all') {
    return repo.visibleList(this.db, viewer, limit, offset, show, this.now());
  }

  /** How many contacts each filter of the contacts list holds (its totals, and the home page's counts). */
  contactListCounts(viewer: Viewer) {
    return repo.contactListCounts(this.db, viewer, this.now());
  }

  chronology(viewer: Viewer, personId: string) {
    return repo.chronology(this.db, viewer, personId);
  }

  teamMembers(viewer: Pick<Viewer, 'tenantId' | 'agencyId'>) {
    return repo.teamMembers(this.db, viewer.tenantId, viewer.agencyId);
  }

  /**
   * What a screener should know at once: a child referred in the 12 months before (a re-referral if referred
   * again), and anyone the subject of several contacts in the area's window.
   */
  async alerts(contact: { id: string; tenantId: string; receivedAt: Date }, subjects: readonly repo.SubjectRow[]): Promise<{ personId: string; name: string; text: string }[]> {
    if (subjects.length === 0) return [];
    const setting = (await intakeRepo.multipleConcernsSetting(this.db, contact.tenantId)) ?? DEFAULT_MULTIPLE_CONCERNS;
    const calendar = await this.calendarFor(contact.tenantId);
    const on = calendar.dateOf(contact.receivedAt);
    const history = await repo.subjectHistory(this.db, contact.id, subjects.map((s) => s.person_id), contact.receivedAt);
    const out: { personId: string; name: string; text: string }[] = [];
    for (const s of subjects) {
      const name = personName(s);
      const mine = history.filter((h) => h.person_id === s.person_id);
      const referrals = mine.filter((h) => h.referral).map((h) => calendar.dateOf(asDate(h.received_at)));
      if (s.role === 'subject_child' && isReReferral(referrals, on)) {
        out.push({ personId: s.person_id, name, text: `${name} was referred to children’s social care in the 12 months before this contact: a referral now would be a re-referral.` });
      }
      const received = [...mine.map((h) => calendar.dateOf(asDate(h.received_at))), on];
      const multiple = multipleConcerns(received, on, setting);
      if (multiple.alert) out.push({ personId: s.person_id, name, text: `${name} has been the subject of ${multiple.count} contacts in ${setting.days} days (including this one).` });
    }
    return out;
  }

  // ——— screening ———

  async recordDecision(
    actor: UserActor,
    id: string,
    input: { thresholdLevel: number; outcome: string; rationale: string; passedTo: string | null },
  ): Promise<{ problems: Problems } | { ok: true }> {
    const contact = await repo.getContact(this.db, id);
    if (!contact || !canRecordDecision(contact.status)) return { problems: { outcome: 'This contact is not waiting for a screening decision' } };
    const problems = screeningProblems({ ...input, contactType: contact.contactType, unmatchedPeople: await intakeRepo.unmatchedCount(this.db, id) });
    if (Object.keys(problems).length) return { problems };
    const now = this.now();
    // The managers who can authorise it are told (in the app and by email), except the screener themself.
    const managers = (await this.organisations.usersWith(actor.tenantId, contact.owningAgencyId, 'contact:authorise')).filter((u) => u.id !== actor.userId);
    return transaction(this.db, async (tx) => {
      const moved = await repo.setStatus(tx, id, 'open', 'awaiting_authorisation', now);
      if (!moved) return { problems: { outcome: 'Someone else has just recorded a decision on this contact' } };
      const decisionId = await repo.insertDecision(tx, { tenantId: actor.tenantId, contactId: id, ...input, decidedByUserId: actor.userId, decidedAt: now });
      await this.audit.record(tx, actor, {
        action: 'contact.screening_decision_recorded',
        recordType: 'contact',
        recordId: id,
        details: { decisionId, thresholdLevel: input.thresholdLevel, outcome: input.outcome },
      });
      for (const m of managers) {
        await notifyInApp(tx, { tenantId: actor.tenantId, userId: m.id, title: `Decision to authorise: ${contact.reference ?? ''}`, body: 'A screening decision is waiting for authorisation.', link: contactPath(id, 'authorise') });
        await enqueueEmail(tx, { tenantId: actor.tenantId, template: 'contact.decision_needs_authorisation', recipient: m.email, personalisation: { contact_reference: contact.reference ?? '', link: `${this.publicUrl}${contactPath(id)}` } });
      }
      return { ok: true as const };
    });
  }

  async authorise(actor: UserActor, id: string, approve: boolean, comment: string | null): Promise<{ problems: Problems } | { ok: true }> {
    const contact = await repo.getContact(this.db, id);
    const [latest] = await repo.decisions(this.db, id);
    if (!contact || !latest) return { problems: { decision: 'This contact has no decision awaiting authorisation' } };
    const refusal = canAuthorise(contact.status, latest.decided_by_user_id, actor.userId);
    if (refusal) return { problems: { decision: refusal } };
    if (!approve && !comment) return { problems: { comment: 'Say why the decision is being returned, so the screener knows what to change' } };
    const now = this.now();
    // What the decision starts (clocks, a hand-off, …) is done by the front door's subscribers, in this transaction;
    // they read what they need first.
    const authorising = {
      tenantId: actor.tenantId,
      contactId: id,
      owningAgencyId: contact.owningAgencyId,
      reference: contact.reference,
      outcome: latest.outcome,
      decidedAt: asDate(latest.decided_at),
      children: approve ? (await repo.subjects(this.db, id)).filter((s) => s.role === 'subject_child').map((s) => s.person_id) : [],
    };
    const prepared = approve ? await this.events.decisionAuthorised.prepare(authorising) : null;
    return transaction(this.db, async (tx) => {
      const done = await repo.setAuthorisation(tx, latest.id, {
        authorisation: approve ? 'authorised' : 'returned',
        authorisedByUserId: actor.userId,
        authorisedAt: now,
        authoriserComment: comment,
      });
      const moved = done && (await repo.setStatus(tx, id, 'awaiting_authorisation', approve ? 'decided' : 'open', now));
      if (!moved) return { problems: { decision: 'Someone else has just authorised or returned this decision' } };
      const reported = prepared ? reportedDetails(await this.events.decisionAuthorised.publish(tx, { ...authorising, decisionId: latest.id, actor }, prepared)) : {};
      await this.audit.record(tx, actor, {
        action: approve ? 'contact.decision_authorised' : 'contact.decision_returned',
        recordType: 'contact',
        recordId: id,
        details: { decisionId: latest.id, outcome: latest.outcome, ...reported },
      });
      return { ok: true as const };
    });
  }

  /**
   * Closes a contact that another capability took on and decided (adult safeguarding's concern, from a contact to the
   * adult front door), inside the caller's transaction: an authorised screening decision with the matching outcome,
   * and the contact decided. Nothing is published (the work has already started where it was decided). Only an open
   * contact is closed; returns whether it was. The caller audits it.
   */
  async closeAsTakenOn(
    tx: Database,
    actor: Actor & { userId: string; tenantId: string },
    id: string,
    d: { outcome: 'adult_safeguarding' | 'nfa_advice'; rationale: string; decidedByUserId: string; decidedAt: Date },
  ): Promise<boolean> {
    const now = this.now();
    if (!(await repo.setStatus(tx, id, 'open', 'decided', now))) return false;
    const decisionId = await repo.insertDecision(tx, { tenantId: actor.tenantId, contactId: id, thresholdLevel: d.outcome === 'adult_safeguarding' ? 3 : 1, outcome: d.outcome, rationale: d.rationale, passedTo: null, decidedByUserId: d.decidedByUserId, decidedAt: d.decidedAt });
    await repo.setAuthorisation(tx, decisionId, { authorisation: 'authorised', authorisedByUserId: actor.userId, authorisedAt: now, authoriserComment: null });
    return true;
  }

  /**
   * Shares a contact with another agency of the area inside the caller's transaction (the adult front door's
   * hand-off); returns whether it was newly shared. The caller audits it.
   */
  async shareIn(tx: Database, actor: Actor & { userId: string; tenantId: string }, id: string, agencyId: string, purpose: string): Promise<boolean> {
    return repo.insertShare(tx, { tenantId: actor.tenantId, contactId: id, agencyId, purpose, sharedByUserId: actor.userId });
  }

  async rate(actor: UserActor, id: string, rag: string): Promise<void> {
    await transaction(this.db, async (tx) => {
      await repo.setRag(tx, id, rag, this.now());
      await this.audit.record(tx, actor, { action: 'contact.rag_rated', recordType: 'contact', recordId: id, details: { rag } });
    });
  }

  async allocate(actor: UserActor, id: string, userId: string | null): Promise<void> {
    await transaction(this.db, async (tx) => {
      await repo.setAllocation(tx, id, userId, this.now());
      await this.audit.record(tx, actor, { action: 'contact.allocated', recordType: 'contact', recordId: id, details: { allocatedUserId: userId } });
    });
  }

  async share(actor: UserActor, id: string, agencyId: string, purpose: string): Promise<{ problems: Problems } | { ok: true }> {
    const agency = await this.organisations.agency(actor.tenantId, agencyId);
    if (!agency || !agency.active) return { problems: { agencyId: 'Select an agency in your area' } };
    await transaction(this.db, async (tx) => {
      const added = await repo.insertShare(tx, { tenantId: actor.tenantId, contactId: id, agencyId, purpose, sharedByUserId: actor.userId });
      if (added) await this.audit.record(tx, actor, { action: 'contact.shared', recordType: 'contact', recordId: id, reason: purpose, details: { agencyId } });
    });
    return { ok: true };
  }
}
