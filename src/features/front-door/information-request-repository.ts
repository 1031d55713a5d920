/** SQL for information requests: asking, each agency's queue, answers, and the sweep for reminders and escalation. */
import { type SQL, sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { infoRequest } from '../../db/schema/index.js';
import { type RecordViewer } from '../../domain/access.js';

export async function insertRequest(
  db: Database,
  values: { tenantId: string; contactId: string; agencyId: string; rag: string; questions: string; requestedByUserId: string; requestedAt: Date; dueAt: Date },
): Promise<string> {
  const [row] = await db.insert(infoRequest).values(values).returning({ id: infoRequest.id });
  return row!.id;
}

export interface RequestRow {
  id: string;
  contact_id: string;
  contact_reference: string;
  agency_id: string;
  agency_name: string;
  rag: string;
  questions: string;
  requested_by_name: string;
  requested_at: string;
  due_at: string;
  status: string;
  known_to_agency: string | null;
  risk_indicators: string[];
  answer: string | null;
  answered_by_name: string | null;
  answered_at: string | null;
  reminded_at: string | null;
  escalated_at: string | null;
}

const SELECT = sql`select r.id, r.contact_id, c.reference as contact_reference, r.agency_id, a.name as agency_name, r.rag, r.questions,
         ru.display_name as requested_by_name, r.requested_at, r.due_at, r.status, r.known_to_agency, r.risk_indicators, r.answer,
         au.display_name as answered_by_name, r.answered_at, r.reminded_at, r.escalated_at
    from info_request r join contact c on c.id = r.contact_id join agency a on a.id = r.agency_id
    join app_user ru on ru.id = r.requested_by_user_id left join app_user au on au.id = r.answered_by_user_id`;

export function forContact(db: Database, contactId: string): Promise<RequestRow[]> {
  return rows<RequestRow>(db, sql`${SELECT} where r.contact_id = ${contactId} order by r.requested_at, a.name`);
}

export function byId(db: Database, tenantId: string, id: string): Promise<RequestRow | undefined> {
  return one<RequestRow>(db, sql`${SELECT} where r.id = ${id} and r.tenant_id = ${tenantId}`);
}

/**
 * An agency's queue's filters (its `show` values): every open request, those past their deadline, those due by the
 * end of today, those escalated to the agency's managers (still open), and the answered.
 */
export const QUEUE_FILTERS = ['open', 'overdue', 'today', 'escalated', 'answered'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

function queueWhere(tenantId: string, agencyId: string, show: QueueFilter, now: Date, endOfToday: Date): SQL {
  const base = sql`r.tenant_id = ${tenantId} and r.agency_id = ${agencyId}`;
  switch (show) {
    case 'answered':
      return sql`${base} and r.status = 'answered'`;
    case 'overdue':
      return sql`${base} and r.status = 'open' and r.due_at < ${now.toISOString()}`;
    case 'today':
      return sql`${base} and r.status = 'open' and r.due_at >= ${now.toISOString()} and r.due_at <= ${endOfToday.toISOString()}`;
    case 'escalated':
      return sql`${base} and r.status = 'open' and r.escalated_at is not null`;
    default:
      return sql`${base} and r.status = 'open'`;
  }
}

/** An agency's queue: open requests by deadline, then the most recently answered. */
export function queue(db: Database, tenantId: string, agencyId: string, show: QueueFilter, limit: number, offset = 0, now = new Date(), endOfToday = now): Promise<RequestRow[]> {
  const order = show === 'answered' ? sql`r.answered_at desc, r.id` : sql`r.due_at, r.requested_at, r.id`;
  return rows<RequestRow>(db, sql`${SELECT} where ${queueWhere(tenantId, agencyId, show, now, endOfToday)} order by ${order} limit ${limit} offset ${offset}`);
}

/** How many requests each of the queue's filters holds (the queue's totals and the home page's counts). */
export async function queueCounts(db: Database, tenantId: string, agencyId: string, now: Date, endOfToday: Date): Promise<Record<QueueFilter, number>> {
  const count = (show: QueueFilter) => sql`(select count(*)::int from info_request r where ${queueWhere(tenantId, agencyId, show, now, endOfToday)})`;
  const row = await one<Record<QueueFilter, number>>(
    db,
    sql`select ${count('open')} as open, ${count('overdue')} as overdue, ${count('today')} as today, ${count('escalated')} as escalated, ${count('answered')} as answered`,
  );
  return Object.fromEntries(QUEUE_FILTERS.map((k) => [k, Number(row?.[k] ?? 0)])) as Record<QueueFilter, number>;
}

export async function openCount(db: Database, tenantId: string, agencyId: string): Promise<number> {
  const row = await one<{ n: number }>(db, sql`select count(*)::int as n from info_request where tenant_id = ${tenantId} and agency_id = ${agencyId} and status = 'open'`);
  return Number(row?.n ?? 0);
}

export async function answer(
  db: Database,
  id: string,
  values: { knownToAgency: string; riskIndicators: string[]; answer: string; userId: string; at: Date },
): Promise<boolean> {
  const done = await rows<{ id: string }>(
    db,
    sql`update info_request set status = 'answered', known_to_agency = ${values.knownToAgency},
               risk_indicators = array(select jsonb_array_elements_text(${JSON.stringify(values.riskIndicators)}::jsonb)),
               answer = ${values.answer}, answered_by_user_id = ${values.userId}, answered_at = ${values.at}
         where id = ${id} and status = 'open' returning id`,
  );
  return done.length === 1;
}

export async function withdraw(db: Database, id: string): Promise<boolean> {
  const done = await rows<{ id: string }>(db, sql`update info_request set status = 'withdrawn' where id = ${id} and status = 'open' returning id`);
  return done.length === 1;
}

/** The people a request is about, as the answering agency needs them to find its own records: names, date of birth, address. */
export function peopleFor(db: Database, contactId: string) {
  return rows<{ given_names: string; family_name: string; date_of_birth: string | null; dob_precision: string; role: string; address: string | null; postcode: string | null; nhs_number: string | null; matched: boolean }>(
    db,
    sql`select n.given_names, n.family_name, p.date_of_birth, p.dob_precision, cs.role,
               (select concat_ws(', ', ad.line1, ad.line2, ad.town) from person_address ad where ad.person_id = p.id and ad.to_date is null order by ad.from_date desc nulls last limit 1) as address,
               (select ad.postcode from person_address ad where ad.person_id = p.id and ad.to_date is null order by ad.from_date desc nulls last limit 1) as postcode,
               (select i.value from person_identifier i where i.person_id = p.id and i.type = 'nhs_number' limit 1) as nhs_number,
               true as matched
          from contact_subject cs join person p on p.id = cs.person_id join person_name n on n.person_id = p.id and n.is_primary
         where cs.contact_id = ${contactId}
        union all
        select np.given_names, np.family_name, np.date_of_birth, np.dob_precision, np.role, np.address_line1, np.postcode, np.nhs_number, false
          from contact_named_person np where np.contact_id = ${contactId} and np.person_id is null`,
  );
}

/** Open requests due a reminder or an escalation at `now`. */
export function dueForSweep(db: Database, now: Date) {
  return rows<{ id: string; tenant_id: string; agency_id: string; contact_id: string; owning_agency_id: string; reference: string; requested_at: string; due_at: string; reminded_at: string | null; escalated_at: string | null }>(
    db,
    sql`select r.id, r.tenant_id, r.agency_id, r.contact_id, c.owning_agency_id, c.reference, r.requested_at, r.due_at, r.reminded_at, r.escalated_at
          from info_request r join contact c on c.id = r.contact_id
         where r.status = 'open' and ((r.escalated_at is null and r.due_at <= ${now})
                or (r.reminded_at is null and r.requested_at + (r.due_at - r.requested_at) * 0.75 <= ${now}))
         order by r.due_at limit 500`,
  );
}

export async function markReminded(db: Database, id: string, at: Date): Promise<boolean> {
  return (await rows(db, sql`update info_request set reminded_at = ${at} where id = ${id} and reminded_at is null and status = 'open' returning id`)).length === 1;
}

export async function markEscalated(db: Database, id: string, at: Date): Promise<boolean> {
  return (await rows(db, sql`update info_request set escalated_at = ${at} where id = ${id} and escalated_at is null and status = 'open' returning id`)).length === 1;
}

export async function requesterOf(db: Database, id: string): Promise<string | null> {
  return (await one<{ id: string }>(db, sql`select requested_by_user_id as id from info_request where id = ${id}`))?.id ?? null;
}

/** Marks the contact changed, so measures computed from its requests are refreshed. */
/** What a request's record rule reads: its area, the agency asked, and the agency that owns its contact. */
export async function accessFacts(db: Database, id: string): Promise<{ tenantId: string; agencyId: string; contactOwningAgencyId: string } | undefined> {
  const row = await one<{ tenant_id: string; agency_id: string; owning_agency_id: string }>(
    db,
    sql`select r.tenant_id, r.agency_id, c.owning_agency_id from info_request r join contact c on c.id = r.contact_id where r.id = ${id}`,
  );
  return row ? { tenantId: row.tenant_id, agencyId: row.agency_id, contactOwningAgencyId: row.owning_agency_id } : undefined;
}

/** Requests (alias r) the viewer may open: the agency asked, and the agency that owns the contact (`infoRequestAccess`). */
export function visibleRequests(viewer: RecordViewer) {
  const answers = viewer.permissions.has('info_request:answer');
  const screens = viewer.permissions.has('contact:screen');
  return sql`(r.tenant_id = ${viewer.tenantId} and ((${answers} and r.agency_id = ${viewer.agencyId})
             or (${screens} and exists (select 1 from contact vc where vc.id = r.contact_id and vc.owning_agency_id = ${viewer.agencyId}))))`;
}
