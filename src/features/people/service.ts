/**
 * The person register: finding people (fuzzy, phonetic and by identifier, ranked by the matching engine), reading
 * a person (audited, with record-level rules and break glass), adding and changing people. Every change keeps the
 * matching engine's profile and the household up to date in the same transaction.
 */
import { type Database, transaction } from '../../db/client.js';
import { type AccessDecision, type Viewer, personAccess } from '../../domain/access.js';
import { REGISTER_WIDE_AGENCY_TYPES, orientRelationship } from '../../domain/codes.js';
import { type PersonFields } from '../../domain/matching/record.js';
import { normaliseText } from '../../domain/matching/strings.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { type BreakGlass } from '../../platform/break-glass.js';
import { type HouseholdService } from './households.js';
import { type Candidate, type IdentityService } from './identity.js';
import * as repo from './repository.js';

export type { NewPerson, PersonSummary } from './repository.js';
type UserActor = Actor & { userId: string; tenantId: string; agencyId: string };

export interface SearchQuery {
  givenNames?: string | null;
  familyName?: string | null;
  dateOfBirth?: string | null;
  /** Age range in whole years, instead of a date of birth. */
  ageFrom?: number | null;
  ageTo?: number | null;
  postcode?: string | null;
  identifier?: { type: string; value: string } | null;
  /** Kept for callers that search by NHS number alone. */
  nhsNumber?: string | null;
}

export interface SearchResult extends repo.PersonSummary {
  /** How likely this is the person searched for (when a name was given), with the reasons. */
  match?: Candidate;
}

/**
 * A restricted person is listed as "restricted" and nothing more: no name, date of birth, postcode, identifier,
 * nor how well each field matched what was searched for (which would confirm a guess about them).
 */
export function withheldIfRestricted(r: SearchResult): SearchResult {
  if (!r.restricted) return r;
  return { id: r.id, restricted: true, given_names: '', family_name: '', date_of_birth: null, dob_precision: 'exact', gender: '', postcode: null, nhs_number: null };
}

function shiftYears(today: string, years: number): string {
  const y = Number(today.slice(0, 4)) - years;
  return `${y}${today.slice(4)}`.replace(/^(\d{4})-02-29$/, '$1-02-28');
}

export class PeopleService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
    private readonly breakGlass: BreakGlass,
    private readonly identity: IdentityService,
    private readonly households: HouseholdService,
    /** Today in London, by the app's clock (ages, and searches by age, are counted from it). */
    readonly today: () => string,
  ) {}

  /**
   * Finds people: by an identifier exactly; or by name (fuzzy and phonetic: the matching engine's candidates and a
   * trigram search together), narrowed by date of birth or age range and postcode, ranked by match probability.
   * Only people the viewer may see; restricted people are listed without details. Audited with the ids returned.
   */
  async search(viewer: Viewer, actor: Actor, query: SearchQuery): Promise<SearchResult[]> {
    const identifier = query.identifier ?? (query.nhsNumber ? { type: 'nhs_number', value: query.nhsNumber } : null);
    const today = this.today();
    const dobFrom = query.dateOfBirth ?? (query.ageTo !== null && query.ageTo !== undefined ? shiftYears(today, query.ageTo + 1) : null);
    const dobTo = query.dateOfBirth ?? (query.ageFrom !== null && query.ageFrom !== undefined ? shiftYears(today, query.ageFrom) : null);
    const hasName = !!(query.givenNames || query.familyName);
    let results: SearchResult[];
    if (hasName) {
      const probe: PersonFields = {
        givenNames: [query.givenNames],
        familyNames: [query.familyName],
        dateOfBirth: query.dateOfBirth,
        postcode: query.postcode,
        identifiers: identifier ? { [identifier.type]: identifier.value } : {},
      };
      const phonetic = await this.identity.candidates(viewer.tenantId, probe, { limit: 200, minProbability: 0 });
      const filters = { dobFrom, dobTo, postcodePrefix: query.postcode ?? null, identifier, limit: 200 };
      const [byEngine, byTrigram] = await Promise.all([
        repo.search(this.db, viewer, { ...filters, ids: phonetic.map((c) => c.personId) }),
        repo.search(this.db, viewer, { ...filters, nameText: normaliseText(`${query.givenNames ?? ''} ${query.familyName ?? ''}`) }),
      ]);
      const byId = new Map([...byEngine, ...byTrigram].map((p) => [p.id, p]));
      const ranked = await this.identity.rank(viewer.tenantId, probe, [...byId.keys()], { limit: 50 });
      results = ranked.map((c) => ({ ...byId.get(c.personId)!, match: c }));
    } else {
      results = await repo.search(this.db, viewer, { dobFrom, dobTo, postcodePrefix: query.postcode ?? null, identifier, limit: 50 });
    }
    results = results.map(withheldIfRestricted);
    await this.audit.recordNow(actor, {
      action: 'person.search',
      details: { results: results.length, ids: results.map((r) => r.id), by: [identifier ? 'identifier' : null, hasName ? 'name' : null, dobFrom ? 'date of birth' : null, query.postcode ? 'postcode' : null].filter(Boolean) },
    });
    return results;
  }

  /** The identity engine's ranked candidates for someone described by a referrer (callers audit what they show). */
  candidatesFor(tenantId: string, probe: PersonFields, limit = 10): Promise<Candidate[]> {
    return this.identity.candidates(tenantId, probe, { limit, minProbability: 0.001 });
  }

  async access(viewer: Viewer, personId: string): Promise<AccessDecision | undefined> {
    const facts = await repo.accessFacts(this.db, personId);
    if (!facts) return undefined;
    const open = facts.restricted ? await this.breakGlass.isOpen(viewer.userId, 'person', personId) : false;
    return personAccess(viewer, facts, open, REGISTER_WIDE_AGENCY_TYPES);
  }

  /** The record a merged record now lives in, if any. */
  mergedInto(personId: string) {
    return repo.mergedInto(this.db, personId);
  }

  /** A person's record for someone allowed to see it; the view is audited. Callers check `access` first. */
  async view(viewer: Viewer, actor: Actor, personId: string) {
    const record = await repo.getPerson(this.db, viewer.tenantId, personId);
    if (!record) return undefined;
    await this.audit.recordNow(actor, { action: 'person.view', recordType: 'person', recordId: personId });
    return { ...record, households: await this.households.householdsOf(personId) };
  }

  summaries(ids: readonly string[]) {
    return repo.summaries(this.db, ids);
  }

  /** Adds a person; in the caller's transaction when one is given (then call `afterChange` once committed). */
  async create(actor: Actor, input: repo.NewPerson, tx?: Database): Promise<string> {
    const run = async (db: Database) => {
      const id = await repo.insertPerson(db, input);
      await this.identity.refresh(input.tenantId, [id], db);
      await this.households.sync(db, input.tenantId, id);
      await this.audit.record(db, actor, { action: 'person.created', recordType: 'person', recordId: id, details: { restricted: input.restricted } });
      return id;
    };
    if (tx) return run(tx);
    const id = await transaction(this.db, run);
    await this.afterChange(input.tenantId, id);
    return id;
  }

  /** Once a change is committed: queue anyone who now looks like the same person, for review. */
  async afterChange(tenantId: string, personId: string): Promise<void> {
    await this.identity.checkForDuplicatesOf(tenantId, personId);
  }

  async relate(
    actor: Actor & { userId: string; tenantId: string },
    input: { personId: string; relatedPersonId: string; type: string; fromDate: string | null },
    tx?: Database,
  ): Promise<void> {
    const run = async (db: Database) => {
      if (await repo.relationshipExists(db, input.personId, input.relatedPersonId)) return;
      await repo.insertRelationship(db, { tenantId: actor.tenantId, createdByUserId: actor.userId, ...input });
      await this.audit.record(db, actor, {
        action: 'person.relationship_added',
        recordType: 'person',
        recordId: input.personId,
        details: { relatedPersonId: input.relatedPersonId, type: input.type },
      });
    };
    await (tx ? run(tx) : transaction(this.db, run));
  }

  /**
   * Records a relationship chosen from one person's page, and (if asked) puts the other person in this person's
   * current household. Refuses a second relationship between the same two people, and a person related to
   * themselves. Returns false if nothing was added.
   */
  async relateByHand(
    actor: UserActor,
    input: { thisPersonId: string; otherPersonId: string; choice: string; fromDate: string | null; sameHousehold: boolean },
  ): Promise<'added' | 'same-person' | 'exists'> {
    if (input.thisPersonId === input.otherPersonId) return 'same-person';
    const outcome = await transaction(this.db, async (tx) => {
      if (await repo.relationshipExists(tx, input.thisPersonId, input.otherPersonId)) return 'exists' as const;
      await this.relate(actor, { ...orientRelationship(input.choice, input.thisPersonId, input.otherPersonId), fromDate: input.fromDate }, tx);
      if (input.sameHousehold) await this.households.joinSameHousehold(tx, actor, input.thisPersonId, input.otherPersonId);
      return 'added' as const;
    });
    return outcome;
  }

  async endRelationship(actor: UserActor, personId: string, relationshipId: string, toDate: string): Promise<boolean> {
    return transaction(this.db, async (tx) => {
      const ended = await repo.endRelationship(tx, personId, relationshipId, toDate);
      if (ended) await this.audit.record(tx, actor, { action: 'person.relationship_ended', recordType: 'person', recordId: personId, details: { relationshipId, toDate } });
      return ended;
    });
  }

  /** A change that the matching engine sees: profile refreshed, duplicates checked afterwards. */
  private async change(actor: UserActor, personId: string, action: string, apply: (tx: Database) => Promise<void>, details: Record<string, unknown> = {}, address = false): Promise<void> {
    await transaction(this.db, async (tx) => {
      await apply(tx);
      await this.identity.refresh(actor.tenantId, [personId], tx);
      if (address) await this.households.sync(tx, actor.tenantId, personId);
      await this.audit.record(tx, actor, { action, recordType: 'person', recordId: personId, details });
    });
    await this.afterChange(actor.tenantId, personId);
  }

  addName(actor: UserActor, personId: string, input: { type: string; givenNames: string; familyName: string; makePrimary: boolean }) {
    return this.change(actor, personId, 'person.name_added', (tx) => repo.addName(tx, { tenantId: actor.tenantId, personId, ...input }).then(() => undefined), { type: input.type, primary: input.makePrimary });
  }

  async addIdentifier(actor: UserActor, personId: string, type: string, value: string): Promise<{ problem: string } | { ok: true }> {
    if (await repo.identifierExists(this.db, personId, type, value)) return { problem: 'This person already has this identifier' };
    await this.change(actor, personId, 'person.identifier_added', (tx) => repo.addIdentifier(tx, { tenantId: actor.tenantId, personId, type, value, issuerAgencyId: type === 'local' ? actor.agencyId : null }), { type });
    return { ok: true };
  }

  moveTo(actor: UserActor, personId: string, address: { line1: string; line2: string | null; town: string | null; postcode: string | null; uprn: string | null; fromDate: string }) {
    return this.change(actor, personId, 'person.address_added', (tx) => repo.moveTo(tx, { tenantId: actor.tenantId, personId, ...address }), {}, true);
  }

  async addContactDetail(actor: UserActor, personId: string, input: { type: string; value: string; note: string | null }): Promise<void> {
    await transaction(this.db, async (tx) => {
      await repo.addContactDetail(tx, { tenantId: actor.tenantId, personId, ...input });
      await this.audit.record(tx, actor, { action: 'person.contact_detail_added', recordType: 'person', recordId: personId, details: { type: input.type } });
    });
  }

  async setFlags(actor: UserActor, personId: string, flags: { restricted: boolean; riskToStaff: boolean; riskToStaffNote: string | null; deceasedOn: string | null }): Promise<void> {
    await transaction(this.db, async (tx) => {
      await repo.setFlags(tx, personId, { ...flags, at: new Date() });
      await this.audit.record(tx, actor, { action: 'person.flags_changed', recordType: 'person', recordId: personId, details: { restricted: flags.restricted, riskToStaff: flags.riskToStaff, deceased: !!flags.deceasedOn } });
    });
  }
}
