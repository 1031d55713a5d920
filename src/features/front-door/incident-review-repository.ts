/** SQL for possible same incidents: the incidents a new notification may repeat, their people, and the questions asked. */
import { sql } from 'drizzle-orm';
import { type Database, asDate, one, rows } from '../../db/client.js';
import { type IncidentPerson } from '../../domain/incidents.js';
import { contactIsRestricted } from './published.js';

/** How many incidents at the place and time are compared with a new notification (the nearest in time). */
export const REVIEW_CANDIDATES = 10;

export interface ReviewCandidate {
  incidentId: string;
  contactId: string;
  reference: string | null;
  policeReference: string | null;
  occurredAt: Date | null;
  postcode: string | null;
  people: IncidentPerson[];
}

/**
 * Incidents at the same postcode within the window of a new contact's incident, reported by another contact of the
 * same front door, about which nobody has been asked yet for this pair of contacts; nearest in time first. Each with
 * its people as the incident keeps them for matching (first name, family name and date of birth, normalised, of
 * everyone its notifications named): enough to rule most out at once. One statement, on the incident's own index
 * (it runs for every notification of a police file); `incidentPeople` reads the people in full for the few left.
 */
export async function candidates(tx: Database, input: { tenantId: string; contactId: string; postcode: string; occurredAt: Date; windowHours: number }): Promise<ReviewCandidate[]> {
  const from = new Date(input.occurredAt.getTime() - input.windowHours * 3_600_000);
  const to = new Date(input.occurredAt.getTime() + input.windowHours * 3_600_000);
  const found = await rows<{ id: string; contact_id: string; reference: string | null; police_reference: string | null; occurred_at: string | null; postcode: string | null; people_keys: string[] }>(
    tx,
    sql`select i.id, i.contact_id, c.reference, i.police_reference, i.occurred_at, i.postcode, i.people_keys
          from incident i join contact c on c.id = i.contact_id
          join contact me on me.id = ${input.contactId}
         where i.tenant_id = ${input.tenantId} and i.postcode = ${input.postcode}
           and i.occurred_at between ${from} and ${to}
           and i.contact_id <> me.id and c.owning_agency_id = me.owning_agency_id and c.status <> 'draft'
           and not exists (select 1 from incident_review r
                            where least(r.contact_id, r.other_contact_id) = least(i.contact_id, me.id)
                              and greatest(r.contact_id, r.other_contact_id) = greatest(i.contact_id, me.id))
         order by abs(extract(epoch from i.occurred_at - ${input.occurredAt}::timestamptz)), i.created_at, i.id
         limit ${REVIEW_CANDIDATES}`,
  );
  return found.map((f) => ({
    incidentId: f.id,
    contactId: f.contact_id,
    reference: f.reference,
    policeReference: f.police_reference,
    occurredAt: asDate(f.occurred_at),
    postcode: f.postcode,
    people: f.people_keys.map((k) => k.split('|')).filter((p) => p.length === 3).map(([g, f2, d]) => ({ givenNames: g!, familyName: f2!, dateOfBirth: d || null })),
  }));
}

/** Everyone the notifications of these incidents named, in full, by incident (the contact that first reported each, and its updates). */
export async function incidentPeople(tx: Database, incidentIds: readonly string[]): Promise<Map<string, IncidentPerson[]>> {
  const out = new Map<string, IncidentPerson[]>();
  if (incidentIds.length === 0) return out;
  const ids = sql`${sql.param([...incidentIds])}::uuid[]`;
  const found = await rows<{ incident_id: string; given_names: string | null; family_name: string | null; date_of_birth: string | null; dob_precision: string | null; gender: string | null; role: string | null }>(
    tx,
    sql`select fc.incident_id, np.given_names, np.family_name, np.date_of_birth::text as date_of_birth, np.dob_precision, np.gender, np.role
          from contact fc join contact_named_person np on np.contact_id = fc.id
         where fc.incident_id = any(${ids})
        union all
        select u.incident_id, x->>'givenNames', x->>'familyName', x->>'dateOfBirth', x->>'dobPrecision', x->>'gender', x->>'role'
          from contact_update u cross join lateral jsonb_array_elements(case when jsonb_typeof(u.payload->'people') = 'array' then u.payload->'people' else '[]'::jsonb end) x
         where u.incident_id = any(${ids})`,
  );
  for (const r of found) {
    if (!r.given_names || !r.family_name) continue;
    const list = out.get(r.incident_id) ?? [];
    list.push({ givenNames: r.given_names, familyName: r.family_name, dateOfBirth: r.date_of_birth, dobPrecision: r.dob_precision, gender: r.gender, role: r.role });
    out.set(r.incident_id, list);
  }
  return out;
}

export interface NewReview {
  tenantId: string;
  contactId: string;
  otherContactId: string;
  incidentId: string | null;
  otherIncidentId: string;
  details: ReviewDetails;
}

/** The questions, except any already asked about a pair of contacts (either way round): the ids of those made. */
export async function insertReviews(tx: Database, reviews: readonly NewReview[]): Promise<{ id: string; other_contact_id: string }[]> {
  if (reviews.length === 0) return [];
  return rows(
    tx,
    sql`insert into incident_review (tenant_id, contact_id, other_contact_id, incident_id, other_incident_id, details)
        values ${sql.join(reviews.map((r) => sql`(${r.tenantId}, ${r.contactId}, ${r.otherContactId}, ${r.incidentId}, ${r.otherIncidentId}, ${JSON.stringify(r.details)}::jsonb)`), sql`, `)}
        on conflict do nothing returning id, other_contact_id`,
  );
}

/** A person as the question keeps them: the name and date of birth as the notification gave them, and their part. */
export interface ReviewPerson {
  name: string;
  dateOfBirth: string | null;
  role: string | null;
}

/** Why two contacts may be one incident, as worked out when the second arrived. */
export interface ReviewDetails {
  postcode: string;
  minutesApart: number;
  withinHours: number;
  references: { ours: string | null; theirs: string | null };
  ours: { occurredAt: string; notificationType: string | null; reference: string };
  theirs: { occurredAt: string; reference: string | null };
  people: { ours: ReviewPerson; theirs: ReviewPerson; reasons: string[]; exact: boolean }[];
  reasons: string[];
}

export interface ReviewRow {
  id: string;
  tenant_id: string;
  contact_id: string;
  other_contact_id: string;
  incident_id: string | null;
  other_incident_id: string;
  status: 'open' | 'same' | 'different';
  details: ReviewDetails;
  decided_by_user_id: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  reason: string | null;
  update_id: string | null;
  created_at: string;
  reference: string | null;
  contact_status: string;
  other_reference: string | null;
  other_status: string;
  other_restricted: boolean;
}

const REVIEW_COLUMNS = sql`r.id, r.tenant_id, r.contact_id, r.other_contact_id, r.incident_id, r.other_incident_id, r.status, r.details,
       r.decided_by_user_id, u.display_name as decided_by_name, r.decided_at, r.reason, r.update_id, r.created_at,
       c.reference, c.status as contact_status, o.reference as other_reference, o.status as other_status,
       ${contactIsRestricted('o')} as other_restricted`;

const REVIEW_FROM = sql`from incident_review r join contact c on c.id = r.contact_id join contact o on o.id = r.other_contact_id
       left join app_user u on u.id = r.decided_by_user_id`;

/** Every question about a contact, on either side of it: oldest first. */
export function reviewsOf(db: Database, contactId: string): Promise<ReviewRow[]> {
  return rows<ReviewRow>(
    db,
    sql`select ${REVIEW_COLUMNS} ${REVIEW_FROM}
         where r.contact_id = ${contactId} or r.other_contact_id = ${contactId}
         order by r.created_at, r.id`,
  );
}

/** One question raised on this contact (the newer of the pair); undefined when it is not this contact's. */
export function reviewOn(db: Database, contactId: string, reviewId: string, options: { lock?: boolean } = {}): Promise<ReviewRow | undefined> {
  return one<ReviewRow>(
    db,
    sql`select ${REVIEW_COLUMNS} ${REVIEW_FROM}
         where r.id = ${reviewId} and r.contact_id = ${contactId}${options.lock ? sql` for update of r` : sql``}`,
  );
}

export async function decideReview(tx: Database, id: string, values: { status: 'same' | 'different'; userId: string; at: Date; reason: string | null; updateId: string | null }): Promise<boolean> {
  const done = await rows<{ id: string }>(
    tx,
    sql`update incident_review set status = ${values.status}, decided_by_user_id = ${values.userId}, decided_at = ${values.at},
               reason = ${values.reason}, update_id = ${values.updateId}
         where id = ${id} and status = 'open' returning id`,
  );
  return done.length === 1;
}

/** What a contact that becomes an update of another carries over. */
export interface MergingContact {
  id: string;
  tenant_id: string;
  reference: string | null;
  status: string;
  owning_agency_id: string;
  channel: string;
  source_agency_id: string | null;
  referrer_name: string | null;
  received_at: string;
  risk_level: string | null;
  narrative: string;
  concerns: string[];
  worried_about: string | null;
  working_well: string | null;
  needs_to_happen: string | null;
  incident_id: string | null;
  police_reference: string | null;
  occurred_at: string | null;
}

export function mergingContact(tx: Database, id: string): Promise<MergingContact | undefined> {
  return one<MergingContact>(
    tx,
    sql`select c.id, c.tenant_id, c.reference, c.status, c.owning_agency_id, c.channel, c.source_agency_id, c.referrer_name, c.received_at,
               c.risk_level, c.narrative, c.concerns, c.worried_about, c.working_well, c.needs_to_happen, c.incident_id,
               i.police_reference, i.occurred_at
          from contact c left join incident i on i.id = c.incident_id
         where c.id = ${id} for update of c`,
  );
}

/**
 * A contact's incident, and the updates and late notifications attached to it, move to the contact it is the same
 * incident as: later notifications with its police reference then attach there. The contact's own late notification
 * (if it was late) becomes the late notification of the update it became (`updateId`).
 */
export async function moveToContact(tx: Database, fromContactId: string, toContactId: string, incidentId: string | null, updateId: string): Promise<void> {
  if (incidentId) await tx.execute(sql`update incident set contact_id = ${toContactId} where id = ${incidentId} and contact_id = ${fromContactId}`);
  await tx.execute(sql`update contact_update set contact_id = ${toContactId} where contact_id = ${fromContactId}`);
  await tx.execute(sql`update late_notification set contact_id = ${toContactId}, update_id = coalesce(update_id, ${updateId}::uuid) where contact_id = ${fromContactId}`);
}

/** The contact a question is answered on, and the contacts attached to it after a question, for the contact page. */
export function attachedFrom(db: Database, contactId: string): Promise<{ review_id: string; contact_id: string; reference: string | null; decided_at: string; decided_by_name: string | null; reason: string | null }[]> {
  return rows(
    db,
    sql`select r.id as review_id, r.contact_id, c.reference, r.decided_at, u.display_name as decided_by_name, r.reason
          from incident_review r join contact c on c.id = r.contact_id left join app_user u on u.id = r.decided_by_user_id
          join contact_update cu on cu.id = r.update_id
         where r.status = 'same' and cu.contact_id = ${contactId}
         order by r.decided_at, r.id`,
  );
}
