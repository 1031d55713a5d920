/** SQL for the person register: people, names, identifiers, addresses and relationships. */
import { type SQL, eq, sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { person, personAddress, personContact, personIdentifier, personName, personRelationship } from '../../db/schema/index.js';
import { nameSearchText } from '../../domain/matching/strings.js';
import { type PersonFacts, type Viewer } from '../../domain/access.js';
import { REGISTER_WIDE_AGENCY_TYPES } from '../../domain/codes.js';

/**
 * The people a viewer's agency may see: everyone for the front-door agencies, otherwise people their agency
 * added or who are named in a contact their agency can see. Mirrors domain/access.ts personAccess (tested).
 */
export function visiblePeople(viewer: Viewer, alias = 'p'): SQL {
  const p = sql.raw(alias);
  if (REGISTER_WIDE_AGENCY_TYPES.has(viewer.agencyType)) return sql`${p}.tenant_id = ${viewer.tenantId}`;
  return sql`${p}.tenant_id = ${viewer.tenantId} and (
      ${p}.created_by_agency_id = ${viewer.agencyId}
      or exists (
        select 1 from contact_subject cs join contact c on c.id = cs.contact_id
         where cs.person_id = ${p}.id and c.status <> 'draft'
           and (c.owning_agency_id = ${viewer.agencyId} or c.source_agency_id = ${viewer.agencyId}
                or c.allocated_user_id = ${viewer.userId}
                or exists (select 1 from contact_share sh where sh.contact_id = c.id and sh.agency_id = ${viewer.agencyId}))))`;
}

export interface PersonSummary {
  id: string;
  given_names: string;
  family_name: string;
  date_of_birth: string | null;
  dob_precision: string;
  gender: string;
  restricted: boolean;
  postcode: string | null;
  nhs_number: string | null;
}

const SUMMARY = sql`p.id, n.given_names, n.family_name, p.date_of_birth, p.dob_precision, p.gender, p.restricted,
  (select a.postcode from person_address a where a.person_id = p.id and a.to_date is null order by a.from_date desc nulls last limit 1) as postcode,
  (select i.value from person_identifier i where i.person_id = p.id and i.type = 'nhs_number' limit 1) as nhs_number`;

/** Exact search: (name and date of birth) or an identifier. Any recorded name counts, not only the main one. */
export function exactSearch(
  db: Database,
  viewer: Viewer,
  query: { givenNames?: string | null; familyName?: string | null; dateOfBirth?: string | null; identifierType?: string; identifier?: string | null },
): Promise<PersonSummary[]> {
  const conditions: SQL[] = [];
  if (query.identifier && query.identifierType) {
    conditions.push(sql`exists (select 1 from person_identifier i where i.person_id = p.id and i.tenant_id = ${viewer.tenantId}
                                 and i.type = ${query.identifierType} and i.value = ${query.identifier})`);
  } else {
    conditions.push(sql`exists (select 1 from person_name sn where sn.person_id = p.id and sn.tenant_id = ${viewer.tenantId}
                                 and lower(sn.family_name) = lower(${query.familyName ?? ''})
                                 ${query.givenNames ? sql`and lower(sn.given_names) = lower(${query.givenNames})` : sql``})`);
    if (query.dateOfBirth) conditions.push(sql`p.date_of_birth = ${query.dateOfBirth}`);
  }
  return rows<PersonSummary>(
    db,
    sql`select ${SUMMARY}
          from person p join person_name n on n.person_id = p.id and n.is_primary
         where ${visiblePeople(viewer)} and ${sql.join(conditions, sql` and `)}
         order by n.family_name collate "und-x-icu", n.given_names collate "und-x-icu", p.date_of_birth
         limit 50`,
  );
}

export function summaries(db: Database, ids: readonly string[]): Promise<PersonSummary[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return rows<PersonSummary>(
    db,
    sql`select ${SUMMARY} from person p join person_name n on n.person_id = p.id and n.is_primary
         where p.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`,
  );
}

export async function accessFacts(db: Database, personId: string): Promise<PersonFacts | undefined> {
  const row = await one<{ tenant_id: string; created_by_agency_id: string | null; restricted: boolean; agencies: string[] | null; allocated: string[] | null }>(
    db,
    sql`select p.tenant_id, p.created_by_agency_id, p.restricted,
               (select array_agg(distinct x) from (
                  select c.owning_agency_id as x from contact_subject cs join contact c on c.id = cs.contact_id where cs.person_id = p.id and c.status <> 'draft'
                  union select c.source_agency_id from contact_subject cs join contact c on c.id = cs.contact_id where cs.person_id = p.id and c.status <> 'draft' and c.source_agency_id is not null
                  union select sh.agency_id from contact_subject cs join contact c on c.id = cs.contact_id join contact_share sh on sh.contact_id = c.id where cs.person_id = p.id and c.status <> 'draft'
               ) s) as agencies,
               (select array_agg(distinct c.allocated_user_id) from contact_subject cs join contact c on c.id = cs.contact_id
                 where cs.person_id = p.id and c.allocated_user_id is not null and c.status <> 'draft') as allocated
          from person p where p.id = ${personId}`,
  );
  if (!row) return undefined;
  return {
    tenantId: row.tenant_id,
    createdByAgencyId: row.created_by_agency_id,
    restricted: row.restricted,
    agenciesSeeingAContact: row.agencies ?? [],
    allocatedUserIds: row.allocated ?? [],
  };
}

export async function getPerson(db: Database, tenantId: string, id: string) {
  const p = await one<{
    id: string; date_of_birth: string | null; dob_precision: string; gender: string; ethnicity: string | null;
    first_language: string | null; interpreter_needed: boolean; restricted: boolean; deceased_on: string | null;
    created_at: string; agency_name: string | null; risk_to_staff: boolean; risk_to_staff_note: string | null;
  }>(
    db,
    sql`select p.id, p.date_of_birth, p.dob_precision, p.gender, p.ethnicity, p.first_language, p.interpreter_needed,
               p.restricted, p.deceased_on, p.created_at, a.name as agency_name, p.risk_to_staff, p.risk_to_staff_note
          from person p left join agency a on a.id = p.created_by_agency_id
         where p.tenant_id = ${tenantId} and p.id = ${id}`,
  );
  if (!p) return undefined;
  const names = await rows<{ id: string; type: string; given_names: string; family_name: string; is_primary: boolean }>(
    db,
    sql`select id, type, given_names, family_name, is_primary from person_name where person_id = ${id} order by is_primary desc, created_at`,
  );
  const identifiers = await rows<{ type: string; value: string }>(db, sql`select type, value from person_identifier where person_id = ${id} order by type`);
  const addresses = await rows<{ line1: string; line2: string | null; town: string | null; postcode: string | null; uprn: string | null; from_date: string | null; to_date: string | null }>(
    db,
    sql`select line1, line2, town, postcode, uprn, from_date, to_date from person_address where person_id = ${id}
         order by (to_date is null) desc, from_date desc nulls last`,
  );
  const relationships = await rows<{ id: string; direction: 'out' | 'in'; type: string; other_id: string; given_names: string; family_name: string; date_of_birth: string | null; from_date: string | null; to_date: string | null }>(
    db,
    sql`select r.id, 'out' as direction, r.type, r.related_person_id as other_id, n.given_names, n.family_name, o.date_of_birth, r.from_date, r.to_date
          from person_relationship r join person o on o.id = r.related_person_id
          join person_name n on n.person_id = o.id and n.is_primary
         where r.person_id = ${id}
        union all
        select r.id, 'in', r.type, r.person_id, n.given_names, n.family_name, o.date_of_birth, r.from_date, r.to_date
          from person_relationship r join person o on o.id = r.person_id
          join person_name n on n.person_id = o.id and n.is_primary
         where r.related_person_id = ${id}`,
  );
  const contacts = await contactDetails(db, id);
  return { ...p, names, identifiers, addresses, relationships, contacts };
}

export interface NewPerson {
  tenantId: string;
  createdByAgencyId: string;
  createdByUserId: string;
  givenNames: string;
  familyName: string;
  knownAs: { givenNames: string; familyName: string } | null;
  dateOfBirth: string | null;
  dobPrecision: string;
  gender: string;
  ethnicity: string | null;
  firstLanguage: string | null;
  interpreterNeeded: boolean;
  nhsNumber: string | null;
  address: { line1: string; line2: string | null; town: string | null; postcode: string | null; fromDate: string | null } | null;
  restricted: boolean;
  synthetic?: boolean;
}

export async function insertPerson(db: Database, input: NewPerson): Promise<string> {
  const [row] = await db
    .insert(person)
    .values({
      tenantId: input.tenantId,
      dateOfBirth: input.dateOfBirth,
      dobPrecision: input.dobPrecision,
      gender: input.gender,
      ethnicity: input.ethnicity,
      firstLanguage: input.firstLanguage,
      interpreterNeeded: input.interpreterNeeded,
      restricted: input.restricted,
      createdByAgencyId: input.createdByAgencyId,
      createdByUserId: input.createdByUserId,
      synthetic: input.synthetic ?? false,
    })
    .returning({ id: person.id });
  const personId = row!.id;
  await db.insert(personName).values({ tenantId: input.tenantId, personId, type: 'legal', givenNames: input.givenNames, familyName: input.familyName, isPrimary: true, searchText: nameSearchText(input.givenNames, input.familyName) });
  if (input.knownAs) {
    await db.insert(personName).values({ tenantId: input.tenantId, personId, type: 'known_as', ...input.knownAs, isPrimary: false, searchText: nameSearchText(input.knownAs.givenNames, input.knownAs.familyName) });
  }
  if (input.nhsNumber) {
    await db.insert(personIdentifier).values({ tenantId: input.tenantId, personId, type: 'nhs_number', value: input.nhsNumber });
  }
  if (input.address) {
    await db.insert(personAddress).values({ tenantId: input.tenantId, personId, ...input.address });
  }
  return personId;
}

export async function insertRelationship(
  db: Database,
  values: { tenantId: string; personId: string; relatedPersonId: string; type: string; fromDate: string | null; createdByUserId: string },
): Promise<void> {
  await db.insert(personRelationship).values(values);
}

export async function relationshipExists(db: Database, a: string, b: string): Promise<boolean> {
  return !!(await one(
    db,
    sql`select 1 from person_relationship where (person_id = ${a} and related_person_id = ${b}) or (person_id = ${b} and related_person_id = ${a}) limit 1`,
  ));
}

// ——— changes to the register ———

export async function addName(db: Database, values: { tenantId: string; personId: string; type: string; givenNames: string; familyName: string; makePrimary: boolean }): Promise<string> {
  if (values.makePrimary) await db.execute(sql`update person_name set is_primary = false where person_id = ${values.personId}`);
  const [row] = await db
    .insert(personName)
    .values({ tenantId: values.tenantId, personId: values.personId, type: values.type, givenNames: values.givenNames, familyName: values.familyName, isPrimary: values.makePrimary, searchText: nameSearchText(values.givenNames, values.familyName) })
    .returning({ id: personName.id });
  return row!.id;
}

export async function identifierExists(db: Database, personId: string, type: string, value: string): Promise<boolean> {
  return !!(await one(db, sql`select 1 from person_identifier where person_id = ${personId} and type = ${type} and value = ${value}`));
}

export async function addIdentifier(db: Database, values: { tenantId: string; personId: string; type: string; value: string; issuerAgencyId: string | null }): Promise<void> {
  await db.insert(personIdentifier).values(values);
}

/** A new current address: the previous current one ends the day the new one starts. */
export async function moveTo(
  db: Database,
  values: { tenantId: string; personId: string; line1: string; line2: string | null; town: string | null; postcode: string | null; uprn: string | null; fromDate: string },
): Promise<void> {
  await db.execute(sql`update person_address set to_date = ${values.fromDate} where person_id = ${values.personId} and to_date is null`);
  await db.insert(personAddress).values(values);
}

export async function addContactDetail(db: Database, values: { tenantId: string; personId: string; type: string; value: string; note: string | null }): Promise<void> {
  await db.insert(personContact).values(values);
}

export async function setFlags(db: Database, personId: string, values: { restricted: boolean; riskToStaff: boolean; riskToStaffNote: string | null; deceasedOn: string | null; at: Date }): Promise<void> {
  await db
    .update(person)
    .set({ restricted: values.restricted, riskToStaff: values.riskToStaff, riskToStaffNote: values.riskToStaffNote, deceasedOn: values.deceasedOn, updatedAt: values.at })
    .where(eq(person.id, personId));
}

export async function endRelationship(db: Database, personId: string, relationshipId: string, toDate: string): Promise<boolean> {
  const r = await rows<{ id: string }>(
    db,
    sql`update person_relationship set to_date = ${toDate}
         where id = ${relationshipId} and (person_id = ${personId} or related_person_id = ${personId}) and to_date is null returning id`,
  );
  return r.length === 1;
}

export function contactDetails(db: Database, personId: string) {
  return rows<{ id: string; type: string; value: string; note: string | null }>(db, sql`select id, type, value, note from person_contact where person_id = ${personId} order by created_at`);
}

export async function mergedInto(db: Database, personId: string): Promise<string | null> {
  const r = await one<{ merged_into_person_id: string | null }>(db, sql`select merged_into_person_id from person where id = ${personId}`);
  return r?.merged_into_person_id ?? null;
}

export interface SearchFilters {
  /** Normalised name text for trigram (fuzzy) matching. */
  nameText?: string | null;
  dobFrom?: string | null;
  dobTo?: string | null;
  postcodePrefix?: string | null;
  /** Restrict to these people (found by the matching engine). */
  ids?: readonly string[];
  identifier?: { type: string; value: string } | null;
  limit: number;
}

/** People the viewer may see who fit every filter given. Uses the trigram, date and postcode indexes. */
export function search(db: Database, viewer: Viewer, f: SearchFilters): Promise<PersonSummary[]> {
  const conditions: SQL[] = [sql`p.merged_into_person_id is null`];
  if (f.nameText) {
    conditions.push(sql`exists (select 1 from person_name sn where sn.person_id = p.id and sn.tenant_id = ${viewer.tenantId} and sn.search_text % ${f.nameText})`);
  }
  if (f.ids) conditions.push(f.ids.length ? sql`p.id in (${sql.join(f.ids.map((id) => sql`${id}`), sql`, `)})` : sql`false`);
  if (f.dobFrom) conditions.push(sql`p.date_of_birth >= ${f.dobFrom}`);
  if (f.dobTo) conditions.push(sql`p.date_of_birth <= ${f.dobTo}`);
  if (f.postcodePrefix) {
    conditions.push(sql`exists (select 1 from person_address a where a.person_id = p.id and a.to_date is null and replace(a.postcode, ' ', '') like ${`${f.postcodePrefix.replace(/\s/g, '')}%`})`);
  }
  if (f.identifier) {
    conditions.push(sql`exists (select 1 from person_identifier i where i.person_id = p.id and i.tenant_id = ${viewer.tenantId} and i.type = ${f.identifier.type} and i.value = ${f.identifier.value})`);
  }
  return rows<PersonSummary>(
    db,
    sql`select ${SUMMARY}
          from person p join person_name n on n.person_id = p.id and n.is_primary
         where ${visiblePeople(viewer)} and ${sql.join(conditions, sql` and `)}
         order by n.family_name collate "und-x-icu", n.given_names collate "und-x-icu", p.id
         limit ${f.limit}`,
  );
}
