/** SQL for the front door's intake: contacts made from notifications, people as named, incidents and updates. */
import { randomUUID } from 'node:crypto';
import { getTableColumns, sql } from 'drizzle-orm';
import { type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { type Database, asDate, one, rows } from '../../db/client.js';
import { contact, contactNamedPerson, contactUpdate, incident } from '../../db/schema/index.js';
import { type IncidentFacts } from '../../domain/intake.js';
import * as contactsRepo from './contact-repository.js';
import { type NamedPerson, type Notification } from './notification-schema.js';

export interface ContactValues {
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
  importRow: number | null;
}

/** A contact row made from a notification. */
function contactRow(values: ContactValues, n: Notification) {
  return {
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
    language: n.language ?? null,
    worriedAbout: n.worriedAbout,
    workingWell: n.workingWell,
    needsToHappen: n.needsToHappen,
    rag: values.rag,
    riskLevel: n.riskLevel,
    apiClientId: values.apiClientId,
    importJobId: values.importJobId,
    importRow: values.importRow,
    createdByUserId: values.createdByUserId,
    synthetic: values.synthetic,
    submittedAt: values.submittedAt,
  };
}

export async function insertContact(db: Database, values: ContactValues, n: Notification): Promise<string> {
  const [row] = await db.insert(contact).values(contactRow(values, n)).returning({ id: contact.id });
  return row!.id;
}

export async function insertNamedPeople(db: Database, tenantId: string, contactId: string, people: readonly NamedPerson[], firstPosition = 0): Promise<{ id: string; nhsNumber: string | null; dateOfBirth: string | null; role: string }[]> {
  if (people.length === 0) return [];
  return db
    .insert(contactNamedPerson)
    .values(namedRows(tenantId, contactId, people, firstPosition))
    .returning({ id: contactNamedPerson.id, nhsNumber: contactNamedPerson.nhsNumber, dateOfBirth: contactNamedPerson.dateOfBirth, role: contactNamedPerson.role });
}

function namedRows(tenantId: string, contactId: string, people: readonly NamedPerson[], firstPosition: number) {
  return people.map((p, i) => ({ tenantId, contactId, position: firstPosition + i, ...p }));
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

export interface IncidentValues {
  tenantId: string;
  contactId: string;
  policeReference: string | null;
  occurredAt: Date | null;
  postcode: string | null;
  place: string | null;
  peopleKeys: string[];
}

export async function insertIncident(db: Database, values: IncidentValues): Promise<string> {
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

export interface UpdateValues {
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
  importRow: number | null;
  payload: unknown;
}

export async function insertUpdate(db: Database, values: UpdateValues): Promise<string> {
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

// ——— where intake writes: the database at once, or a police file's chunk buffered ———

/** The reads and writes that receiving a notification makes about contacts, people named, incidents and updates. */
export interface IntakeStore {
  incidentCandidates(tenantId: string, facts: { policeReference: string | null; postcode: string | null; occurredAt: Date | null }, windowHours: number): Promise<IncidentFacts[]>;
  nextReference(year: number): Promise<string>;
  insertContact(values: ContactValues, n: Notification): Promise<string>;
  insertNamedPeople(tenantId: string, contactId: string, people: readonly NamedPerson[]): Promise<{ id: string; nhsNumber: string | null; dateOfBirth: string | null; role: string }[]>;
  insertIncident(values: IncidentValues): Promise<string>;
  setContactIncident(contactId: string, incidentId: string): Promise<void>;
  incidentContact(incidentId: string): Promise<{ contact_id: string; reference: string | null; status: string } | undefined>;
  insertUpdate(values: UpdateValues): Promise<string>;
  addIncidentPeople(incidentId: string, keys: readonly string[]): Promise<void>;
  /** Writes whatever is buffered, before work that reads the rows back (linking people, domestic abuse cases). */
  flush(): Promise<void>;
  /**
   * A store that buffers a police file's chunk keeps the front door's events here, to be published in row order once
   * the chunk is written (`ChunkWriter.publishEvents`): subscribers read rows back, and flushing for each of them
   * would write the chunk row by row. Absent: events are published at once.
   */
  readonly deferredEvents?: (() => Promise<unknown>)[];
}

/** Each read and write made at once, in the caller's transaction. */
export function directStore(db: Database): IntakeStore {
  return {
    incidentCandidates: (tenantId, facts, windowHours) => incidentCandidates(db, tenantId, facts, windowHours),
    nextReference: (year) => contactsRepo.nextReference(db, year),
    insertContact: (values, n) => insertContact(db, values, n),
    insertNamedPeople: (tenantId, contactId, people) => insertNamedPeople(db, tenantId, contactId, people),
    insertIncident: (values) => insertIncident(db, values),
    setContactIncident: (contactId, incidentId) => setContactIncident(db, contactId, incidentId),
    incidentContact: (incidentId) => incidentContact(db, incidentId),
    insertUpdate: (values) => insertUpdate(db, values),
    addIncidentPeople: (incidentId, keys) => addIncidentPeople(db, incidentId, keys),
    flush: async () => undefined,
  };
}

interface KnownIncident {
  facts: IncidentFacts;
  /** Its order among the incidents known (created_at, then the order this chunk made them). */
  order: number;
  contactId: string;
  reference: string | null;
  status: string;
}

/** Rows per read of many references or places at once. */
const INSERT_SLICE = 500;

/** A value as the text PostgreSQL reads for a column of this type (arrays as array literals, JSON as JSON). */
function asText(type: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (type.endsWith('[]')) return `{${(value as unknown[]).map((v) => (v === null ? 'NULL' : `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;
  if (type === 'jsonb' || type === 'json') return JSON.stringify(value);
  return String(value);
}

/**
 * Inserts many rows in one statement with one parameter per column (`unnest` of text arrays, each cast to its
 * column's type): building a statement with a parameter per value costs more than the insert itself.
 */
export async function insertMany(db: Database, table: PgTable, rowsToInsert: readonly object[]): Promise<void> {
  if (rowsToInsert.length === 0) return;
  const list = rowsToInsert as readonly Record<string, unknown>[];
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(columns).filter((k) => list.some((r) => r[k] !== undefined));
  const types = keys.map((k) => columns[k]!.getSQLType());
  await db.execute(
    sql`insert into ${table} (${sql.join(keys.map((k) => sql.identifier(columns[k]!.name)), sql`, `)})
        select ${sql.join(keys.map((_, i) => sql.raw(`c${i}::${types[i]}`)), sql`, `)}
          from unnest(${sql.join(keys.map((k, i) => sql`${sql.param(list.map((r) => asText(types[i]!, r[k])))}::text[]`), sql`, `)}) as u(${sql.raw(keys.map((_, i) => `c${i}`).join(', '))})`,
  );
}

function slices<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += INSERT_SLICE) out.push(list.slice(i, i + INSERT_SLICE));
  return out;
}

const sortedKeys = (keys: Iterable<string>) => [...new Set(keys)].sort();
const placeKey = (postcode: string, at: Date) => `${postcode}|${at.toISOString()}`;

/**
 * The writes of a chunk of a police file, kept in memory and made in a few multi-row statements by `flush`, with
 * the same outcome as making them one by one: before the chunk, `prefetch` reads in two queries the incidents its
 * notifications could match (by reference, and at each place and time); the incidents the chunk makes, and the
 * people later notifications add to incidents, are kept here too, so each notification is matched against
 * everything before it exactly as `incidentCandidates` would. Contacts get their references when flushed, in
 * order (a buffered contact's reference reads as its year's prefix, "C-2026-", until then).
 */
export class ChunkWriter implements IntakeStore {
  private readonly known = new Map<string, KnownIncident>();
  private readonly byReference = new Map<string, string>();
  /** The references already looked up (found or not). */
  private readonly referencesRead = new Set<string>();
  /** The incidents read before the chunk at each place and time, nearest first (ids). */
  private readonly atPlace = new Map<string, string[]>();
  /** The incidents this chunk made, in order. */
  private readonly made: string[] = [];
  private order = 0;
  private contacts: (ReturnType<typeof contactRow> & { id: string; incidentId?: string })[] = [];
  private readonly pendingContacts = new Map<string, ReturnType<typeof contactRow> & { id: string; incidentId?: string }>();
  private named: (ReturnType<typeof namedRows>[number] & { id: string })[] = [];
  private incidents: (IncidentValues & { id: string })[] = [];
  private readonly pendingIncidents = new Set<string>();
  private updates: (UpdateValues & { id: string })[] = [];
  private readonly peopleAdded = new Map<string, Set<string>>();

  readonly deferredEvents: (() => Promise<unknown>)[] = [];

  constructor(private readonly db: Database) {}

  /** Writes the chunk, then tells the front door's subscribers of each notification in it, in row order. */
  async flushAndPublish(): Promise<void> {
    await this.flush();
    for (const publish of this.deferredEvents.splice(0)) await publish();
  }

  /** Reads the incidents any of these notifications could match, as they were before the chunk. */
  async prefetch(tenantId: string, all: readonly { policeReference: string | null; postcode: string | null; occurredAt: Date | null }[], windowHours: number): Promise<void> {
    type Found = { id: string; police_reference: string | null; occurred_at: string | null; postcode: string | null; people_keys: string[]; contact_id: string; reference: string | null; status: string };
    const remember = (r: Found) => {
      if (this.known.has(r.id)) return;
      this.known.set(r.id, {
        facts: { id: r.id, policeReference: r.police_reference, occurredAt: asDate(r.occurred_at), postcode: r.postcode, peopleKeys: r.people_keys },
        order: 0,
        contactId: r.contact_id,
        reference: r.reference,
        status: r.status,
      });
      if (r.police_reference) this.byReference.set(r.police_reference, r.id);
    };
    const references = [...new Set(all.map((f) => f.policeReference).filter((r): r is string => !!r && !this.referencesRead.has(r)))];
    for (const r of references) this.referencesRead.add(r);
    for (const part of slices(references)) {
      const found = await rows<Found>(
        this.db,
        sql`select i.id, i.police_reference, i.occurred_at, i.postcode, i.people_keys, i.contact_id, c.reference, c.status
              from incident i join contact c on c.id = i.contact_id
             where i.tenant_id = ${tenantId} and i.police_reference = any(${sql.param(part)}::text[])`,
      );
      found.forEach(remember);
    }
    const places = new Map<string, { postcode: string; at: Date }>();
    for (const f of all) {
      if (f.postcode && f.occurredAt && windowHours > 0 && !this.atPlace.has(placeKey(f.postcode, f.occurredAt))) places.set(placeKey(f.postcode, f.occurredAt), { postcode: f.postcode, at: f.occurredAt });
    }
    // (each list is one parameter: a statement with a parameter per value costs more to build than to run)
    for (const part of slices([...places.entries()])) {
      const found = await rows<Found & { k: number; distance: number; created_at: string }>(
        this.db,
        sql`select q.k, i.id, i.police_reference, i.occurred_at, i.postcode, i.people_keys, i.contact_id, c.reference, c.status, i.distance, i.created_at
              from unnest(${sql.param(part.map(([, p]) => p.postcode))}::text[], ${sql.param(part.map(([, p]) => p.at.toISOString()))}::timestamptz[]) with ordinality as q(postcode, at, k)
             cross join lateral (
                   select id, police_reference, occurred_at, postcode, people_keys, contact_id, created_at,
                          abs(extract(epoch from occurred_at - q.at))::float8 as distance
                     from incident
                    where tenant_id = ${tenantId} and postcode = q.postcode
                      and occurred_at between q.at - make_interval(hours => ${windowHours}) and q.at + make_interval(hours => ${windowHours})
                    order by distance, created_at, id limit ${PLACE_CANDIDATES}) i
              join contact c on c.id = i.contact_id
             order by q.k, i.distance, i.created_at, i.id`,
      );
      for (const [key] of part) this.atPlace.set(key, []);
      for (const r of found) {
        remember(r);
        this.atPlace.get(part[Number(r.k) - 1]![0])!.push(r.id);
      }
    }
  }

  async incidentCandidates(tenantId: string, facts: { policeReference: string | null; postcode: string | null; occurredAt: Date | null }, windowHours: number): Promise<IncidentFacts[]> {
    const byPlace = facts.postcode && facts.occurredAt && windowHours > 0;
    const needed = (facts.policeReference && !this.referencesRead.has(facts.policeReference)) || (byPlace && !this.atPlace.has(placeKey(facts.postcode!, facts.occurredAt!)));
    if (needed) await this.prefetch(tenantId, [facts], windowHours);
    const out: IncidentFacts[] = [];
    const ref = facts.policeReference ? this.byReference.get(facts.policeReference) : undefined;
    if (ref) out.push(this.known.get(ref)!.facts);
    if (byPlace) {
      const at = facts.occurredAt!.getTime();
      const distance = (id: string) => Math.abs((this.known.get(id)!.facts.occurredAt?.getTime() ?? 0) - at);
      const near = [
        ...this.atPlace.get(placeKey(facts.postcode!, facts.occurredAt!))!,
        ...this.made.filter((id) => {
          const f = this.known.get(id)!.facts;
          return f.postcode === facts.postcode && f.occurredAt !== null && Math.abs(f.occurredAt.getTime() - at) <= windowHours * 3_600_000;
        }),
      ]
        .map((id, i) => ({ id, i, d: distance(id) }))
        .sort((a, b) => a.d - b.d || this.known.get(a.id)!.order - this.known.get(b.id)!.order || a.i - b.i)
        .slice(0, PLACE_CANDIDATES);
      for (const { id } of near) if (id !== ref) out.push(this.known.get(id)!.facts);
    }
    return out.map((f) => ({ ...f, peopleKeys: [...f.peopleKeys] }));
  }

  async nextReference(year: number): Promise<string> {
    return `C-${year}-`;
  }

  async insertContact(values: ContactValues, n: Notification): Promise<string> {
    const row = { ...contactRow(values, n), id: randomUUID() };
    this.contacts.push(row);
    this.pendingContacts.set(row.id, row);
    return row.id;
  }

  async insertNamedPeople(tenantId: string, contactId: string, people: readonly NamedPerson[]) {
    const made = namedRows(tenantId, contactId, people, 0).map((r) => ({ ...r, id: randomUUID() }));
    this.named.push(...made);
    return made.map((r) => ({ id: r.id, nhsNumber: r.nhsNumber, dateOfBirth: r.dateOfBirth, role: r.role }));
  }

  async insertIncident(values: IncidentValues): Promise<string> {
    const id = randomUUID();
    const row = { ...values, peopleKeys: [...values.peopleKeys], id };
    this.incidents.push(row);
    this.pendingIncidents.add(id);
    this.order += 1;
    const contactRowMade = this.pendingContacts.get(values.contactId);
    this.known.set(id, {
      facts: { id, policeReference: values.policeReference, occurredAt: values.occurredAt, postcode: values.postcode, peopleKeys: [...row.peopleKeys] },
      order: this.order,
      contactId: values.contactId,
      reference: contactRowMade?.reference ?? null,
      status: contactRowMade?.status ?? 'open',
    });
    if (values.policeReference) this.byReference.set(values.policeReference, id);
    this.made.push(id);
    return id;
  }

  async setContactIncident(contactId: string, incidentId: string): Promise<void> {
    const pending = this.pendingContacts.get(contactId);
    if (pending) pending.incidentId = incidentId;
    else await setContactIncident(this.db, contactId, incidentId);
  }

  async incidentContact(incidentId: string) {
    const known = this.known.get(incidentId);
    if (!known) return incidentContact(this.db, incidentId);
    return { contact_id: known.contactId, reference: known.reference, status: known.status };
  }

  async insertUpdate(values: UpdateValues): Promise<string> {
    const id = randomUUID();
    this.updates.push({ ...values, id });
    return id;
  }

  async addIncidentPeople(incidentId: string, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const known = this.known.get(incidentId);
    if (!known) {
      await addIncidentPeople(this.db, incidentId, keys);
      return;
    }
    known.facts.peopleKeys = sortedKeys([...known.facts.peopleKeys, ...keys]);
    const pending = this.pendingIncidents.has(incidentId) ? this.incidents.find((i) => i.id === incidentId) : undefined;
    if (pending) pending.peopleKeys = [...known.facts.peopleKeys];
    else this.peopleAdded.set(incidentId, new Set([...(this.peopleAdded.get(incidentId) ?? []), ...keys]));
  }

  async flush(): Promise<void> {
    const unnumbered = this.contacts.filter((c) => c.reference.endsWith('-'));
    if (unnumbered.length) {
      const numbers = (await rows<{ n: number }>(this.db, sql`select nextval('contact_reference_seq') as n from generate_series(1, ${unnumbered.length})`)).map((r) => Number(r.n)).sort((a, b) => a - b);
      unnumbered.forEach((c, i) => {
        c.reference = `${c.reference}${String(numbers[i]).padStart(6, '0')}`;
      });
      for (const k of this.known.values()) {
        const c = this.pendingContacts.get(k.contactId);
        if (c) k.reference = c.reference;
      }
    }
    await insertMany(this.db, contact, this.contacts);
    await insertMany(this.db, contactNamedPerson, this.named);
    await insertMany(this.db, incident, this.incidents);
    await insertMany(this.db, contactUpdate, this.updates);
    for (const part of slices([...this.peopleAdded.entries()])) {
      await this.db.execute(
        sql`update incident i set people_keys = array(select distinct k from unnest(i.people_keys || array(select jsonb_array_elements_text(v.keys))) k order by k)
              from (values ${sql.join(part.map(([id, keys]) => sql`(${id}::uuid, ${JSON.stringify([...keys])}::jsonb)`), sql`, `)}) as v(id, keys)
             where i.id = v.id`,
      );
    }
    this.contacts = [];
    this.pendingContacts.clear();
    this.named = [];
    this.incidents = [];
    this.pendingIncidents.clear();
    this.updates = [];
    this.peopleAdded.clear();
  }
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
