/** SQL for the front door's intake: contacts made from notifications, people as named, incidents and updates. */
import { sql } from 'drizzle-orm';
import { type Database, asDate, one, rows } from '../../db/client.js';
import { contact, contactNamedPerson, contactUpdate, incident } from '../../db/schema/index.js';
import { type IncidentFacts } from '../../domain/intake.js';
import { type NamedPerson, type Notification } from './schema.js';

export async function insertContact(
  db: Database,
  values: {
    tenantId: string;
    owningAgencyId: string;
    sourceAgencyId: string | null;
    createdByUserId: string | null;
    apiClientId: string | null;
    channel: string;
    reference: string;
    decisionDueAt: Date;
    submittedAt: Date;
    rag: string | null;
    synthetic: boolean;
    importJobId: string | null;
  },
  n: Notification,
): Promise<string> {
  const [row] = await db
    .insert(contact)
    .values({
      tenantId: values.tenantId,
      reference: values.reference,
      status: 'open',
      contactType: n.contactType,
      owningAgencyId: values.owningAgencyId,
      sourceAgencyId: values.sourceAgencyId,
      sourceCode: n.sourceCode,
      referrerName: n.referrer.name,
      referrerRole: n.referrer.role,
      referrerPhone: n.referrer.phone,
      referrerEmail: n.referrer.email,
      receivedAt: n.receivedAt,
      incidentAt: n.incident?.occurredAt ?? null,
      concerns: n.concerns,
      narrative: n.narrative,
      consent: n.consent,
      consentLawfulBasis: n.consentLawfulBasis,
      consentReason: n.consentReason,
      decisionDueAt: values.decisionDueAt,
      restricted: n.restricted,
      channel: values.channel,
      worriedAbout: n.worriedAbout,
      workingWell: n.workingWell,
      needsToHappen: n.needsToHappen,
      rag: values.rag,
      riskLevel: n.riskLevel,
      apiClientId: values.apiClientId,
      importJobId: values.importJobId,
      createdByUserId: values.createdByUserId,
      synthetic: values.synthetic,
      submittedAt: values.submittedAt,
    })
    .returning({ id: contact.id });
  return row!.id;
}

export async function insertNamedPeople(db: Database, tenantId: string, contactId: string, people: readonly NamedPerson[], firstPosition = 0): Promise<{ id: string; nhsNumber: string | null; dateOfBirth: string | null; role: string }[]> {
  if (people.length === 0) return [];
  return db
    .insert(contactNamedPerson)
    .values(people.map((p, i) => ({ tenantId, contactId, position: firstPosition + i, ...p })))
    .returning({ id: contactNamedPerson.id, nhsNumber: contactNamedPerson.nhsNumber, dateOfBirth: contactNamedPerson.dateOfBirth, role: contactNamedPerson.role });
}

export interface NamedPersonRow {
  id: string;
  contact_id: string;
  role: string;
  given_names: string;
  family_name: string;
  date_of_birth: string | null;
  dob_precision: string;
  gender: string;
  nhs_number: string | null;
  address_line1: string | null;
  postcode: string | null;
  school: string | null;
  child_voice: string | null;
  child_demeanour: string | null;
  person_id: string | null;
  resolution: string | null;
}

export function namedPeople(db: Database, contactId: string): Promise<NamedPersonRow[]> {
  return rows<NamedPersonRow>(
    db,
    sql`select id, contact_id, role, given_names, family_name, date_of_birth, dob_precision, gender, nhs_number, address_line1,
               postcode, school, child_voice, child_demeanour, person_id, resolution
          from contact_named_person where contact_id = ${contactId} order by position, id`,
  );
}

export function namedPerson(db: Database, contactId: string, id: string): Promise<NamedPersonRow | undefined> {
  return one<NamedPersonRow>(
    db,
    sql`select id, contact_id, role, given_names, family_name, date_of_birth, dob_precision, gender, nhs_number, address_line1,
               postcode, school, child_voice, child_demeanour, person_id, resolution
          from contact_named_person where contact_id = ${contactId} and id = ${id}`,
  );
}

export async function removeNamedPerson(db: Database, contactId: string, id: string): Promise<void> {
  await db.execute(sql`delete from contact_named_person where contact_id = ${contactId} and id = ${id} and person_id is null`);
}

export async function nextPosition(db: Database, contactId: string): Promise<number> {
  const row = await one<{ n: number }>(db, sql`select coalesce(max(position) + 1, 0) as n from contact_named_person where contact_id = ${contactId}`);
  return Number(row?.n ?? 0);
}

/** Records who a named person turned out to be; false when someone else already did. */
export async function resolveNamed(db: Database, id: string, values: { personId: string; resolution: string; userId: string | null; at: Date }): Promise<boolean> {
  const done = await rows<{ id: string }>(
    db,
    sql`update contact_named_person set person_id = ${values.personId}, resolution = ${values.resolution},
               resolved_by_user_id = ${values.userId}, resolved_at = ${values.at}
         where id = ${id} and person_id is null returning id`,
  );
  return done.length === 1;
}

/**
 * The one live person holding this NHS number, if exactly one does and their date of birth does not disagree:
 * the only case in which the front door links a person without a practitioner choosing.
 */
export async function uniqueByNhsNumber(db: Database, tenantId: string, nhsNumber: string, dateOfBirth: string | null): Promise<string | null> {
  const found = await rows<{ id: string; date_of_birth: string | null }>(
    db,
    sql`select distinct p.id, p.date_of_birth from person_identifier i join person p on p.id = i.person_id
         where i.tenant_id = ${tenantId} and i.type = 'nhs_number' and i.value = ${nhsNumber} and p.merged_into_person_id is null
         limit 2`,
  );
  if (found.length !== 1) return null;
  const only = found[0]!;
  if (dateOfBirth && only.date_of_birth && only.date_of_birth !== dateOfBirth) return null;
  return only.id;
}

export async function unmatchedCount(db: Database, contactId: string): Promise<number> {
  const row = await one<{ n: number }>(db, sql`select count(*)::int as n from contact_named_person where contact_id = ${contactId} and person_id is null`);
  return Number(row?.n ?? 0);
}

// ——— incidents ———

/** How many incidents at the place and time the place-and-time rule looks at (the nearest in time). */
export const PLACE_CANDIDATES = 50;

/**
 * Incidents that could be the same as this one: the incident with the same police reference first, found by its
 * own unique index whatever else happened at the place; then the incidents at the same postcode inside the
 * window, nearest in time first and at most `PLACE_CANDIDATES` of them (a busy place cannot hide the reference).
 */
export async function incidentCandidates(
  db: Database,
  tenantId: string,
  facts: { policeReference: string | null; postcode: string | null; occurredAt: Date | null },
  windowHours: number,
): Promise<IncidentFacts[]> {
  const byRef = facts.policeReference
    ? sql`(select id, police_reference, occurred_at, postcode, people_keys, 0 as part, 0::float8 as distance, created_at
             from incident where tenant_id = ${tenantId} and police_reference = ${facts.policeReference} limit 1)`
    : null;
  const byPlace =
    facts.postcode && facts.occurredAt && windowHours > 0
      ? sql`(select id, police_reference, occurred_at, postcode, people_keys, 1 as part,
                    abs(extract(epoch from occurred_at - ${facts.occurredAt}::timestamptz))::float8 as distance, created_at
               from incident
              where tenant_id = ${tenantId} and postcode = ${facts.postcode}
                and occurred_at between ${new Date(facts.occurredAt.getTime() - windowHours * 3_600_000)} and ${new Date(facts.occurredAt.getTime() + windowHours * 3_600_000)}
              order by distance, created_at, id limit ${PLACE_CANDIDATES})`
      : null;
  const parts = [byRef, byPlace].filter((p): p is NonNullable<typeof p> => p !== null);
  if (parts.length === 0) return [];
  const found = await rows<{ id: string; police_reference: string | null; occurred_at: string | null; postcode: string | null; people_keys: string[] }>(
    db,
    sql`select id, police_reference, occurred_at, postcode, people_keys from (${sql.join(parts, sql` union all `)}) c order by part, distance, created_at, id`,
  );
  const seen = new Set<string>();
  return found
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .map((r) => ({ id: r.id, policeReference: r.police_reference, occurredAt: asDate(r.occurred_at), postcode: r.postcode, peopleKeys: r.people_keys }));
}

export async function insertIncident(
  db: Database,
  values: { tenantId: string; contactId: string; policeReference: string | null; occurredAt: Date | null; postcode: string | null; place: string | null; peopleKeys: string[] },
): Promise<string> {
  const [row] = await db.insert(incident).values(values).returning({ id: incident.id });
  return row!.id;
}

export async function incidentContact(db: Database, incidentId: string): Promise<{ contact_id: string; reference: string | null; status: string } | undefined> {
  return one(db, sql`select i.contact_id, c.reference, c.status from incident i join contact c on c.id = i.contact_id where i.id = ${incidentId}`);
}

export async function setContactIncident(db: Database, contactId: string, incidentId: string): Promise<void> {
  await db.execute(sql`update contact set incident_id = ${incidentId} where id = ${contactId}`);
}

/** Widens an incident's people with those a later notification named (for later same-people matches). */
export async function addIncidentPeople(db: Database, incidentId: string, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.execute(
    sql`update incident set people_keys = array(select distinct k from unnest(people_keys || array(select jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))) k order by k)
         where id = ${incidentId}`,
  );
}

export async function insertUpdate(
  db: Database,
  values: {
    tenantId: string;
    contactId: string;
    incidentId: string;
    channel: string;
    notificationType: string | null;
    sourceAgencyId: string | null;
    referrerName: string | null;
    receivedAt: Date;
    riskLevel: string | null;
    narrative: string;
    matchedBy: string;
    importJobId: string | null;
    payload: unknown;
  },
): Promise<string> {
  const [row] = await db.insert(contactUpdate).values(values).returning({ id: contactUpdate.id });
  return row!.id;
}

export interface UpdateRow {
  id: string;
  channel: string;
  notification_type: string | null;
  source_agency_name: string | null;
  referrer_name: string | null;
  received_at: string;
  risk_level: string | null;
  narrative: string;
  matched_by: string;
  payload: { people?: NamedPerson[]; concerns?: string[]; policeReference?: string | null };
}

export function updatesOf(db: Database, contactId: string): Promise<UpdateRow[]> {
  return rows<UpdateRow>(
    db,
    sql`select u.id, u.channel, u.notification_type, a.name as source_agency_name, u.referrer_name, u.received_at, u.risk_level,
               u.narrative, u.matched_by, u.payload
          from contact_update u left join agency a on a.id = u.source_agency_id
         where u.contact_id = ${contactId} order by u.received_at, u.id`,
  );
}

// ——— settings ———

export async function multipleConcernsSetting(db: Database, tenantId: string): Promise<{ count: number; days: number } | undefined> {
  const row = await one<{ count: number; days: number }>(db, sql`select multiple_concerns_count as count, multiple_concerns_days as days from intake_setting where tenant_id = ${tenantId}`);
  return row ? { count: Number(row.count), days: Number(row.days) } : undefined;
}

export async function saveMultipleConcernsSetting(db: Database, tenantId: string, setting: { count: number; days: number }, at: Date): Promise<void> {
  await db.execute(sql`insert into intake_setting (tenant_id, multiple_concerns_count, multiple_concerns_days, updated_at)
                       values (${tenantId}, ${setting.count}, ${setting.days}, ${at})
                       on conflict (tenant_id) do update set multiple_concerns_count = excluded.multiple_concerns_count,
                         multiple_concerns_days = excluded.multiple_concerns_days, updated_at = excluded.updated_at`);
}
