/**
 * Intake: every channel (the professional referral form, the agency API, police bulk files) turns a notification
 * into the same contact. Matching people: a verified unique identifier links at once; everyone else is kept as
 * named until a screener matches them with the identity engine's ranked candidates. Notifications about an
 * incident already reported attach to its contact as updates instead of becoming new work.
 */
import { type Database, transaction } from '../../db/client.js';
import {
  DEFAULT_INCIDENT_RULES,
  DEFAULT_MULTIPLE_CONCERNS,
  type MultipleConcernsSetting,
  type IncidentRule,
  type NotificationFacts,
  incidentWindowHours,
  initialRag,
  matchIncident,
  normalisePoliceReference,
  personKey,
} from '../../domain/intake.js';
import { type WorkingCalendar } from '../../domain/calendar.js';
import { type Timescale, timescaleDeadline } from '../../domain/timescales.js';
import { type Actor, type AuditEventInput, type AuditTrail } from '../../platform/audit.js';
import { type CalendarService } from '../../platform/calendar.js';
import { type Prepared } from '../../platform/events.js';
import { type ContactReceived, type FrontDoorEvents, type UpdateAttached, reportedDetails } from './events.js';
import * as contactsRepo from './contact-repository.js';
import { type OrganisationService } from '../organisations/service.js';
import { type PeopleService } from '../people/service.js';
import { type Candidate } from '../people/identity.js';
import * as repo from './intake-repository.js';
import { type NamedPerson, type Notification } from './notification-schema.js';

/** A notification's place in a police file: the import job and its row (1 = the file's first notification). */
interface ImportedRow {
  jobId: string;
  row: number | null;
}

/** What incident matching knows of a notification: its normalised police reference, place, time and people. */
export function incidentFacts(n: Notification): NotificationFacts & { matchable: boolean; peopleKeys: string[] } {
  const facts = {
    policeReference: normalisePoliceReference(n.incident?.policeReference),
    occurredAt: n.incident?.occurredAt ?? null,
    postcode: n.incident?.postcode ?? null,
    peopleKeys: n.people.map(personKey).filter((k): k is string => k !== null),
  };
  return { ...facts, matchable: !!n.incident && !!(facts.policeReference || (facts.postcode && facts.occurredAt)) };
}

/** Who and what a notification came through. */
export interface IntakeSource {
  actor: Actor;
  tenantId: string;
  channel: 'form' | 'api' | 'bulk' | 'phone' | 'in_person' | 'email' | 'public';
  sourceAgencyId: string | null;
  createdByUserId: string | null;
  apiClientId: string | null;
  synthetic?: boolean;
  /** The Idempotency-Key an API client sent, with a hash of its request (the API's subscriber stores its answer). */
  idempotency?: { key: string; requestHash: string } | null;
}

export type Received =
  | { outcome: 'created'; contactId: string; reference: string; decisionDueAt: Date; linkedPeople: number }
  | { outcome: 'attached'; contactId: string; reference: string; updateId: string; matchedBy: string };

/** What receiving needs from outside the transaction (read first: PGlite has one connection). */
export interface IntakeContext {
  tenantId: string;
  calendar: WorkingCalendar;
  frontDoors: Record<string, string | null>;
  timescales: Record<string, Timescale>;
  rules: readonly IncidentRule[];
  /** What the front door's subscribers read before the transaction (e.g. domestic abuse: calendars and schools). */
  prepared: Prepared;
}

export class IntakeService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
    private readonly calendar: CalendarService,
    private readonly organisations: OrganisationService,
    private readonly people: PeopleService,
    private readonly events: FrontDoorEvents,
    private readonly now: () => Date,
    private readonly rules: readonly IncidentRule[] = DEFAULT_INCIDENT_RULES,
  ) {}

  /** What receiving needs from outside the transaction; `notification`: the one to be received (absent for a police file's chunk). */
  async context(tenantId: string, notification?: Notification): Promise<IntakeContext> {
    // Read together, not one after another: each is a round trip to the database before the contact's transaction.
    const [tenant, child, adult, childTimescale, adultTimescale, prepared] = await Promise.all([
      this.organisations.tenant(tenantId),
      this.organisations.frontDoor(tenantId, 'child'),
      this.organisations.frontDoor(tenantId, 'adult'),
      this.calendar.timescale(tenantId, 'contact.decision.child'),
      this.calendar.timescale(tenantId, 'contact.decision.adult'),
      this.events.received.prepare(notification ? { tenantId, notification } : { tenantId }),
    ]);
    return {
      tenantId,
      calendar: await this.calendar.forDivision(tenant?.calendarDivision ?? 'england-and-wales'),
      frontDoors: { child: child?.id ?? null, adult: adult?.id ?? null },
      timescales: { child: childTimescale, adult: adultTimescale },
      rules: this.rules,
      prepared,
    };
  }

  /** A problem with the area's set-up that stops a notification being received (no front door for its kind). */
  setupProblem(context: IntakeContext, contactType: string): string | null {
    return context.frontDoors[contactType] ? null : `The area has no front door for contacts ${contactType === 'adult' ? 'about adults' : 'about children'} yet`;
  }

  /**
   * Receives one notification in its own transaction. What follows from it (a DA case, the API's idempotent
   * response, …) is done by the front door's subscribers in the same transaction (events.ts).
   */
  async receive(source: IntakeSource, notification: Notification): Promise<{ received: Received } | { problem: string }> {
    const context = await this.context(source.tenantId, notification);
    const problem = this.setupProblem(context, notification.contactType);
    if (problem) return { problem };
    return transaction(this.db, async (tx) => ({ received: await this.receiveIn(tx, context, source, notification) }));
  }

  /**
   * Receives a notification inside the caller's transaction. The audit event is written last, after the subscribers,
   * because it takes the area's audit-chain lock until commit. A notification from a police file (`importJobId`
   * and its `importRow`) is audited by the import, one event per chunk of rows, with each contact and update
   * carrying the job's id and its row, so the events account for each of them.
   */
  async receiveIn(
    tx: Database,
    context: IntakeContext,
    source: IntakeSource,
    n: Notification,
    options: { importJobId?: string; importRow?: number; store?: repo.IntakeStore } = {},
  ): Promise<Received> {
    const imported = options.importJobId ? { jobId: options.importJobId, row: options.importRow ?? null } : null;
    const { received, event } = await this.write(tx, options.store ?? repo.directStore(tx), context, source, n, imported);
    if (!options.importJobId) await this.audit.record(tx, source.actor, event);
    return received;
  }

  /**
   * Writes through `store`: each statement at once (`directStore`), or, for a chunk of a police file, buffered and
   * flushed in a few multi-row statements (`ChunkWriter`); the store is flushed before anything that reads the
   * rows back (linking by NHS number, domestic abuse cases).
   */
  private async write(tx: Database, store: repo.IntakeStore, context: IntakeContext, source: IntakeSource, n: Notification, imported: ImportedRow | null): Promise<{ received: Received; event: AuditEventInput }> {
    const facts = incidentFacts(n);
    const { peopleKeys } = facts;
    if (facts.matchable) {
      const candidates = await store.incidentCandidates(source.tenantId, facts, incidentWindowHours(context.rules));
      const match = matchIncident(context.rules, facts, candidates);
      if (match) return this.attach(tx, store, context, source, n, match.incidentId, match.rule.id, peopleKeys, imported);
    }

    const owningAgencyId = context.frontDoors[n.contactType];
    if (!owningAgencyId) throw new Error(`no front door for ${n.contactType} contacts`);
    const decisionDueAt = timescaleDeadline(context.calendar, n.receivedAt, context.timescales[n.contactType]!);
    const now = this.now();
    const reference = await store.nextReference(Number(context.calendar.dateOf(now).slice(0, 4)));
    const contactId = await store.insertContact(
      {
        tenantId: source.tenantId,
        owningAgencyId,
        sourceAgencyId: source.sourceAgencyId,
        createdByUserId: source.createdByUserId,
        apiClientId: source.apiClientId,
        channel: source.channel,
        reference,
        decisionDueAt,
        submittedAt: now,
        rag: initialRag(n.riskLevel),
        synthetic: source.synthetic ?? false,
        importJobId: imported?.jobId ?? null,
        importRow: imported?.row ?? null,
      },
      n,
    );
    const named = await store.insertNamedPeople(source.tenantId, contactId, n.people);
    if (named.some((p) => p.nhsNumber)) await store.flush();
    const linkedPeople = await this.linkByIdentifier(tx, source, contactId, named, n.people);
    let incidentId: string | null = null;
    if (facts.matchable && n.incident) {
      incidentId = await store.insertIncident({
        tenantId: source.tenantId,
        contactId,
        policeReference: facts.policeReference,
        occurredAt: facts.occurredAt,
        postcode: facts.postcode,
        place: n.incident.place,
        peopleKeys,
      });
      await store.setContactIncident(contactId, incidentId);
    }
    const receivedEvent: ContactReceived = {
      ...this.eventSource(source),
      outcome: 'created',
      contactId,
      reference,
      contactType: n.contactType,
      receivedAt: n.receivedAt,
      decisionDueAt,
      incidentId,
      linkedPeople,
      notification: n,
      namedPeople: () => repo.namedPeople(tx, contactId),
    };
    const reported = await this.publish(tx, store, context, receivedEvent);
    return {
      received: { outcome: 'created', contactId, reference, decisionDueAt, linkedPeople },
      event: {
        action: 'contact.received',
        recordType: 'contact',
        recordId: contactId,
        details: {
          reference,
          channel: source.channel,
          apiClientId: source.apiClientId,
          people: n.people.length,
          linkedByIdentifier: linkedPeople,
          notificationType: n.notificationType,
          ...reported,
        },
      },
    };
  }

  private eventSource(source: IntakeSource) {
    return { tenantId: source.tenantId, channel: source.channel, sourceAgencyId: source.sourceAgencyId, apiClientId: source.apiClientId, idempotency: source.idempotency ?? null, actor: source.actor };
  }

  /**
   * Tells the front door's subscribers, in this transaction. The store is flushed first when any subscriber wants
   * the event (they read the rows back); a police file's chunk defers them until the whole chunk is written.
   */
  private async publish(tx: Database, store: repo.IntakeStore, context: IntakeContext, event: ContactReceived | UpdateAttached): Promise<Record<string, unknown>> {
    if (!this.events.received.wanted(event)) return {};
    if (store.deferredEvents) {
      // A police file's chunk: published once the chunk is written (its audit event is the chunk's, not this row's).
      store.deferredEvents.push(() => this.events.received.publish(tx, event, context.prepared));
      return {};
    }
    await store.flush();
    return reportedDetails(await this.events.received.publish(tx, event, context.prepared));
  }

  private async attach(tx: Database, store: repo.IntakeStore, context: IntakeContext, source: IntakeSource, n: Notification, incidentId: string, matchedBy: string, peopleKeys: string[], imported: ImportedRow | null): Promise<{ received: Received; event: AuditEventInput }> {
    const first = await store.incidentContact(incidentId);
    if (!first) throw new Error('incident without its contact');
    const updateId = await store.insertUpdate({
      tenantId: source.tenantId,
      contactId: first.contact_id,
      incidentId,
      channel: source.channel,
      notificationType: n.notificationType,
      sourceAgencyId: source.sourceAgencyId,
      referrerName: n.referrer.name,
      receivedAt: n.receivedAt,
      riskLevel: n.riskLevel,
      narrative: n.narrative,
      matchedBy,
      importJobId: imported?.jobId ?? null,
      importRow: imported?.row ?? null,
      payload: { people: n.people, concerns: n.concerns, policeReference: n.incident?.policeReference ?? null, occurredAt: n.incident?.occurredAt?.toISOString() ?? null, worriedAbout: n.worriedAbout, workingWell: n.workingWell, needsToHappen: n.needsToHappen },
    });
    await store.addIncidentPeople(incidentId, peopleKeys);
    // the people of a later notification are kept in its update, not as the contact's named people
    const reported = await this.publish(tx, store, context, {
      ...this.eventSource(source),
      outcome: 'attached',
      contactId: first.contact_id,
      reference: first.reference ?? '',
      incidentId,
      updateId,
      matchedBy,
      notification: n,
    });
    return {
      received: { outcome: 'attached', contactId: first.contact_id, reference: first.reference ?? '', updateId, matchedBy },
      event: {
        action: 'contact.update_attached',
        recordType: 'contact',
        recordId: first.contact_id,
        details: { updateId, incidentId, matchedBy, channel: source.channel, apiClientId: source.apiClientId, notificationType: n.notificationType, ...reported },
      },
    };
  }

  /** Links named people whose NHS number is verified and unique in the register; returns how many. */
  async linkByIdentifier(tx: Database, source: Pick<IntakeSource, 'tenantId' | 'actor'>, contactId: string, named: readonly { id: string; nhsNumber: string | null; dateOfBirth: string | null; role: string }[], people: readonly Pick<NamedPerson, 'role' | 'childVoice' | 'childDemeanour'>[]): Promise<number> {
    let linked = 0;
    for (const [i, row] of named.entries()) {
      if (!row.nhsNumber) continue;
      const personId = await repo.uniqueByNhsNumber(tx, source.tenantId, row.nhsNumber, row.dateOfBirth);
      if (!personId) continue;
      await this.makeSubject(tx, source.tenantId, contactId, row.id, personId, people[i]!, 'identifier', null);
      linked += 1;
    }
    return linked;
  }

  /** After a draft is submitted: link the people described with a verified unique NHS number. */
  async linkSubmitted(actor: Actor & { tenantId: string }, contactId: string): Promise<number> {
    const named = (await repo.namedPeople(this.db, contactId)).filter((n) => !n.person_id && n.nhs_number);
    if (named.length === 0) return 0;
    return transaction(this.db, (tx) =>
      this.linkByIdentifier(
        tx,
        { tenantId: actor.tenantId, actor },
        contactId,
        named.map((n) => ({ id: n.id, nhsNumber: n.nhs_number, dateOfBirth: n.date_of_birth, role: n.role })),
        named.map((n) => ({ role: n.role, childVoice: n.child_voice, childDemeanour: n.child_demeanour })),
      ),
    );
  }

  private async makeSubject(tx: Database, tenantId: string, contactId: string, namedId: string, personId: string, p: Pick<NamedPerson, 'role' | 'childVoice' | 'childDemeanour'>, resolution: string, userId: string | null): Promise<boolean> {
    const done = await repo.resolveNamed(tx, namedId, { personId, resolution, userId, at: this.now() });
    if (!done) return false;
    await contactsRepo.addSubject(tx, { tenantId, contactId, personId, role: p.role });
    if (p.childVoice || p.childDemeanour) await contactsRepo.setVoice(tx, contactId, personId, p.childVoice ?? '', p.childDemeanour ?? '');
    return true;
  }

  // ——— the area's alert setting ———

  async multipleConcernsSetting(tenantId: string): Promise<MultipleConcernsSetting> {
    return (await repo.multipleConcernsSetting(this.db, tenantId)) ?? DEFAULT_MULTIPLE_CONCERNS;
  }

  async saveMultipleConcernsSetting(actor: Actor & { tenantId: string }, setting: MultipleConcernsSetting): Promise<void> {
    await transaction(this.db, async (tx) => {
      await repo.saveMultipleConcernsSetting(tx, actor.tenantId, setting, this.now());
      await this.audit.record(tx, actor, { action: 'admin.front_door_settings_changed', details: { multipleConcerns: setting } });
    });
  }

  // ——— the screener matches the people named ———

  namedPeople(contactId: string) {
    return repo.namedPeople(this.db, contactId);
  }

  namedPerson(contactId: string, id: string) {
    return repo.namedPerson(this.db, contactId, id);
  }

  unmatchedCount(contactId: string) {
    return repo.unmatchedCount(this.db, contactId);
  }

  updates(contactId: string) {
    return repo.updatesOf(this.db, contactId);
  }

  /** The register's best candidates for a named person, with the engine's reasons (only people the viewer may see are shown by the caller). */
  async candidatesFor(tenantId: string, named: repo.NamedPersonRow): Promise<Candidate[]> {
    return this.people.candidatesFor(tenantId, {
      givenNames: [named.given_names],
      familyNames: [named.family_name],
      dateOfBirth: named.date_of_birth,
      postcode: named.postcode,
      identifiers: named.nhs_number ? { nhs_number: named.nhs_number } : {},
    });
  }

  /** The screener says who a named person is: an existing person, or a new one made from the details given. */
  async resolve(actor: Actor & { userId: string; tenantId: string; agencyId: string }, contactId: string, named: repo.NamedPersonRow, choice: { personId: string } | { create: true }): Promise<{ problem: string } | { personId: string }> {
    const p = { role: named.role, childVoice: named.child_voice, childDemeanour: named.child_demeanour };
    if ('personId' in choice) {
      const ok = await transaction(this.db, async (tx) => {
        const done = await this.makeSubject(tx, actor.tenantId, contactId, named.id, choice.personId, p, 'chosen', actor.userId);
        if (done) await this.audit.record(tx, actor, { action: 'contact.person_matched', recordType: 'contact', recordId: contactId, details: { namedId: named.id, personId: choice.personId } });
        return done;
      });
      return ok ? { personId: choice.personId } : { problem: 'Someone has already matched this person' };
    }
    const personId = await transaction(this.db, async (tx) => {
      const id = await this.people.create(
        actor,
        {
          tenantId: actor.tenantId,
          createdByAgencyId: actor.agencyId,
          createdByUserId: actor.userId,
          givenNames: named.given_names,
          familyName: named.family_name,
          knownAs: null,
          dateOfBirth: named.date_of_birth,
          dobPrecision: named.dob_precision,
          gender: named.gender,
          ethnicity: null,
          firstLanguage: null,
          interpreterNeeded: false,
          nhsNumber: named.nhs_number,
          address: named.address_line1 ? { line1: named.address_line1, line2: null, town: null, postcode: named.postcode, fromDate: null } : null,
          restricted: false,
        },
        tx,
      );
      const done = await this.makeSubject(tx, actor.tenantId, contactId, named.id, id, p, 'created', actor.userId);
      if (!done) throw new AlreadyMatched();
      await this.audit.record(tx, actor, { action: 'contact.person_matched', recordType: 'contact', recordId: contactId, details: { namedId: named.id, personId: id, created: true } });
      return id;
    }).catch((e: unknown) => {
      if (e instanceof AlreadyMatched) return null;
      throw e;
    });
    if (!personId) return { problem: 'Someone has already matched this person' };
    await this.people.afterChange(actor.tenantId, personId);
    return { personId };
  }
}

class AlreadyMatched extends Error {}
