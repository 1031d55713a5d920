/**
 * The person register: exact search, creating people, reading a person (audited, with record-level rules and
 * break glass), and relationships between people.
 */
import { type Database, transaction } from '../../db/client.js';
import { type AccessDecision, type Viewer, personAccess } from '../../domain/access.js';
import { REGISTER_WIDE_AGENCY_TYPES } from '../../domain/codes.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { type BreakGlass } from '../../platform/break-glass.js';
import * as repo from './repository.js';

export type { NewPerson, PersonSummary } from './repository.js';

export interface SearchQuery {
  givenNames?: string | null;
  familyName?: string | null;
  dateOfBirth?: string | null;
  nhsNumber?: string | null;
}

export class PeopleService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
    private readonly breakGlass: BreakGlass,
    private readonly now: () => Date,
  ) {}

  /** Exact search. Restricted people are listed without details; opening them needs a reason. Audited. */
  async search(viewer: Viewer, actor: Actor, query: SearchQuery): Promise<repo.PersonSummary[]> {
    const results = query.nhsNumber
      ? await repo.exactSearch(this.db, viewer, { identifierType: 'nhs_number', identifier: query.nhsNumber })
      : await repo.exactSearch(this.db, viewer, query);
    await this.audit.recordNow(actor, {
      action: 'person.search',
      details: { results: results.length, ids: results.map((r) => r.id), by: query.nhsNumber ? 'identifier' : 'name-and-date-of-birth' },
    });
    return results;
  }

  async access(viewer: Viewer, personId: string): Promise<AccessDecision | undefined> {
    const facts = await repo.accessFacts(this.db, personId);
    if (!facts) return undefined;
    const open = facts.restricted ? await this.breakGlass.isOpen(viewer.userId, 'person', personId) : false;
    return personAccess(viewer, facts, open, REGISTER_WIDE_AGENCY_TYPES);
  }

  /** A person's record for someone allowed to see it; the view is audited. Callers check `access` first. */
  async view(viewer: Viewer, actor: Actor, personId: string) {
    const record = await repo.getPerson(this.db, viewer.tenantId, personId);
    if (!record) return undefined;
    await this.audit.recordNow(actor, { action: 'person.view', recordType: 'person', recordId: personId });
    return record;
  }

  summaries(ids: readonly string[]) {
    return repo.summaries(this.db, ids);
  }

  /** Adds a person; in the caller's transaction when one is given. */
  async create(actor: Actor, input: repo.NewPerson, tx?: Database): Promise<string> {
    const run = async (db: Database) => {
      const id = await repo.insertPerson(db, input);
      await this.audit.record(db, actor, { action: 'person.created', recordType: 'person', recordId: id, details: { restricted: input.restricted } });
      return id;
    };
    return tx ? run(tx) : transaction(this.db, run);
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
}
