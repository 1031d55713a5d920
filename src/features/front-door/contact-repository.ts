/** SQL for contacts, their subjects, shares and screening decisions. */
import { contactIsRestricted, visibleContacts } from './published.js';

export { visibleContacts };
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type Database, asDate, one, rows } from '../../db/client.js';
import { contact, contactShare, contactSubject, screeningDecision } from '../../db/schema/index.js';
import { type ContactFacts, type Viewer } from '../../domain/access.js';
import { REFERRAL_OUTCOMES } from '../../domain/screening.js';

/** A contact is restricted if marked so, or if anyone it is about is. */
const restricted = contactIsRestricted;

export async function accessFacts(db: Database, id: string): Promise<ContactFacts | undefined> {
  const row = await one<{
    tenant_id: string; status: string; owning_agency_id: string; source_agency_id: string | null;
    allocated_user_id: string | null; created_by_user_id: string; restricted: boolean; shared: string[] | null;
  }>(
    db,
    sql`select c.tenant_id, c.status, c.owning_agency_id, c.source_agency_id, c.allocated_user_id, c.created_by_user_id,
               ${restricted('c')} as restricted,
               (select array_agg(sh.agency_id) from contact_share sh where sh.contact_id = c.id) as shared
          from contact c where c.id = ${id}`,
  );
  if (!row) return undefined;
  return {
    tenantId: row.tenant_id,
    status: row.status,
    owningAgencyId: row.owning_agency_id,
    sourceAgencyId: row.source_agency_id,
    sharedWithAgencyIds: row.shared ?? [],
    allocatedUserId: row.allocated_user_id,
    createdByUserId: row.created_by_user_id,
    restricted: row.restricted,
  };
}

export interface ContactDetails {
  contactType: string;
  sourceAgencyId: string | null;
  sourceCode: string;
  referrerName: string | null;
  referrerRole: string | null;
  referrerPhone: string | null;
  referrerEmail: string | null;
  receivedAt: Date;
  incidentAt: Date | null;
  concerns: string[];
  narrative: string;
  consent: string;
  consentLawfulBasis: string | null;
  consentReason: string | null;
  restricted: boolean;
  /** How it arrived: phone, in person, email (recorded by staff) or form (a professional's referral). */
  channel: string;
  /** Signs of Safety: what the referrer is worried about, what is working well, what needs to happen. */
  worriedAbout: string | null;
  workingWell: string | null;
  needsToHappen: string | null;
}

export async function insertDraft(db: Database, values: ContactDetails & { tenantId: string; owningAgencyId: string; createdByUserId: string; synthetic?: boolean }): Promise<string> {
  const [row] = await db.insert(contact).values({ ...values, status: 'draft' }).returning({ id: contact.id });
  return row!.id;
}

export async function updateDraft(db: Database, id: string, values: ContactDetails & { owningAgencyId: string; updatedAt: Date }): Promise<void> {
  await db.update(contact).set(values).where(and(eq(contact.id, id), eq(contact.status, 'draft')));
}

export type ContactRow = typeof contact.$inferSelect;

export async function getContact(db: Database, id: string): Promise<(ContactRow & { owningAgencyName: string; sourceAgencyName: string | null; createdByName: string; allocatedName: string | null }) | undefined> {
  const [c] = await db.select().from(contact).where(eq(contact.id, id));
  if (!c) return undefined;
  const names = await one<{ owning: string; source: string | null; created_by: string; allocated: string | null }>(
    db,
    sql`select oa.name as owning, sa.name as source, cu.display_name as created_by, au.display_name as allocated
          from contact c join agency oa on oa.id = c.owning_agency_id left join agency sa on sa.id = c.source_agency_id
          left join app_user cu on cu.id = c.created_by_user_id left join app_user au on au.id = c.allocated_user_id
         where c.id = ${id}`,
  );
  return { ...c, owningAgencyName: names!.owning, sourceAgencyName: names!.source, createdByName: names!.created_by, allocatedName: names!.allocated };
}

export interface SubjectRow {
  id: string;
  person_id: string;
  role: string;
  child_voice: string | null;
  child_demeanour: string | null;
  given_names: string;
  family_name: string;
  date_of_birth: string | null;
  dob_precision: string;
  gender: string;
  restricted: boolean;
}

export function subjects(db: Database, contactId: string): Promise<SubjectRow[]> {
  return rows<SubjectRow>(
    db,
    sql`select cs.id, cs.person_id, cs.role, cs.child_voice, cs.child_demeanour, n.given_names, n.family_name,
               p.date_of_birth, p.dob_precision, p.gender, p.restricted
          from contact_subject cs join person p on p.id = cs.person_id
          join person_name n on n.person_id = p.id and n.is_primary
         where cs.contact_id = ${contactId}
         order by cs.role <> 'subject_child', cs.role, cs.created_at, n.given_names`,
  );
}

export async function addSubject(db: Database, values: { tenantId: string; contactId: string; personId: string; role: string }): Promise<boolean> {
  const inserted = await db.insert(contactSubject).values(values).onConflictDoNothing().returning({ id: contactSubject.id });
  return inserted.length > 0;
}

export async function removeSubject(db: Database, contactId: string, personId: string): Promise<void> {
  await db.delete(contactSubject).where(and(eq(contactSubject.contactId, contactId), eq(contactSubject.personId, personId)));
}

export async function setVoice(db: Database, contactId: string, personId: string, voice: string, demeanour: string): Promise<void> {
  await db
    .update(contactSubject)
    .set({ childVoice: voice, childDemeanour: demeanour })
    .where(and(eq(contactSubject.contactId, contactId), eq(contactSubject.personId, personId)));
}

export async function nextReference(db: Database, year: number): Promise<string> {
  const row = await one<{ n: number }>(db, sql`select nextval('contact_reference_seq') as n`);
  return `C-${year}-${String(row!.n).padStart(6, '0')}`;
}

export async function markSubmitted(db: Database, id: string, values: { reference: string; decisionDueAt: Date; submittedAt: Date }): Promise<boolean> {
  const updated = await db
    .update(contact)
    .set({ ...values, status: 'open', updatedAt: values.submittedAt })
    .where(and(eq(contact.id, id), eq(contact.status, 'draft')))
    .returning({ id: contact.id });
  return updated.length === 1;
}

export async function setStatus(db: Database, id: string, from: string, to: string, at: Date): Promise<boolean> {
  const updated = await db
    .update(contact)
    .set({ status: to, updatedAt: at })
    .where(and(eq(contact.id, id), eq(contact.status, from)))
    .returning({ id: contact.id });
  return updated.length === 1;
}

export async function setAllocation(db: Database, id: string, userId: string | null, at: Date): Promise<void> {
  await db.update(contact).set({ allocatedUserId: userId, updatedAt: at }).where(eq(contact.id, id));
}

export interface WorklistRow {
  id: string;
  reference: string;
  status: string;
  contact_type: string;
  received_at: string;
  decision_due_at: string;
  source_code: string;
  source_agency_name: string | null;
  concerns: string[];
  allocated_name: string | null;
  subjects: string | null;
  restricted: boolean;
  rag: string | null;
  channel: string;
  updates: number;
  /** A screener is asked whether it is the same incident as an earlier contact (incident-review-service.ts). */
  possible_same_incident: boolean;
}

export interface WorklistFilter {
  status?: 'open' | 'awaiting_authorisation' | 'all';
  due?: 'overdue' | 'today' | 'all';
  rag?: 'red' | 'amber' | 'green' | 'none' | 'all';
  /** me: allocated to the viewer; nobody: not allocated. */
  allocated?: 'me' | 'nobody' | 'all';
  /** deadline (default), or urgency first (red, amber, green, not rated) then deadline. */
  sort?: 'deadline' | 'rag';
  now: Date;
  endOfToday: Date;
  limit: number;
  offset: number;
}

/**
 * The worklist's scope: submitted contacts the viewer's agency owns that still need a decision. Every contact in it
 * is one `visibleContacts` admits (it is in the viewer's area, not a draft, and owned by their agency), so the page
 * picks its rows and counts from indexes of this scope alone; the page's rows are then checked against
 * `visibleContacts` as well (worklist.test.ts checks the scope against the record rules, contact by contact).
 * The statuses are written into the statement (a fixed list) so the planner can use the partial indexes of open work.
 */
function worklistScope(viewer: Viewer, statuses: readonly WorklistStatus[], alias = 'c'): SQL {
  const c = sql.raw(alias);
  return sql`${c}.tenant_id = ${viewer.tenantId} and ${c}.owning_agency_id = ${viewer.agencyId} and ${c}.status in (${sql.raw(statuses.map((st) => `'${st}'`).join(', '))})`;
}

type WorklistStatus = 'open' | 'awaiting_authorisation';
const WORKLIST_STATUSES: readonly WorklistStatus[] = ['open', 'awaiting_authorisation'];

/** Urgency as a number to sort by: red, amber, green, then not rated (the expression of index contact_open_worklist_rag). */
function ragRank(alias: string): SQL {
  return sql.raw(`(case ${alias}.rag when 'red' then 0 when 'amber' then 1 when 'green' then 2 else 3 end)`);
}
const RAG_RANK = { red: 0, amber: 1, green: 2, none: 3 } as const;

/** The worklist's WHERE for a filter: its scope, deadline, urgency and allocation (the rows and the total share it). */
function worklistWhere(viewer: Viewer, filter: Omit<WorklistFilter, 'limit' | 'offset' | 'sort'>): SQL {
  const statuses = filter.status === 'open' || filter.status === 'awaiting_authorisation' ? [filter.status] : WORKLIST_STATUSES;
  const due =
    filter.due === 'overdue'
      ? sql`and c.decision_due_at < ${filter.now.toISOString()}`
      : filter.due === 'today'
        ? sql`and c.decision_due_at >= ${filter.now.toISOString()} and c.decision_due_at <= ${filter.endOfToday.toISOString()}`
        : sql``;
  // A rating filter is also said as the urgency rank (which it implies), so the urgency index can answer it in order.
  const rag =
    !filter.rag || filter.rag === 'all'
      ? sql``
      : filter.rag === 'none'
        ? sql`and c.rag is null and ${ragRank('c')} = ${sql.raw(String(RAG_RANK.none))}`
        : sql`and c.rag = ${filter.rag} and ${ragRank('c')} = ${sql.raw(String(RAG_RANK[filter.rag]))}`;
  const allocated = filter.allocated === 'me' ? sql`and c.allocated_user_id = ${viewer.userId}` : filter.allocated === 'nobody' ? sql`and c.allocated_user_id is null` : sql``;
  return sql`${worklistScope(viewer, statuses)} ${due} ${rag} ${allocated}`;
}

/** How many contacts a worklist filter holds: the same WHERE as its rows, counted from the indexes of open work. */
export async function worklistTotal(db: Database, viewer: Viewer, filter: Omit<WorklistFilter, 'limit' | 'offset' | 'sort'>): Promise<number> {
  const row = await one<{ n: number }>(db, sql`select count(*)::int as n from contact c where ${worklistWhere(viewer, filter)}`);
  return Number(row?.n ?? 0);
}

/**
 * The front door's queue: contacts owned by the viewer's agency that still need a decision, by deadline (or urgency,
 * then deadline), one page at a time. The page's ids come first, in the order of an index of open work (deadline,
 * urgency or allocated worker first, whichever the filter and order suit); only those rows are then read in full,
 * and their people's names and restricted flags, the people still to match and the later reports are each gathered
 * in one pass over the page's ids.
 */
export function worklist(db: Database, viewer: Viewer, filter: WorklistFilter): Promise<WorklistRow[]> {
  // The id last, so contacts with the same deadline and time received fall the same way on every page.
  const order = filter.sort === 'rag' ? sql`${ragRank('c')}, c.decision_due_at, c.received_at, c.id` : sql`c.decision_due_at, c.received_at, c.id`;
  return rows<WorklistRow>(
    db,
    sql`with page as materialized (
          select c.id from contact c
           where ${worklistWhere(viewer, filter)}
           order by ${order}
           limit ${filter.limit} offset ${filter.offset}),
        people as materialized (
          select cs.contact_id, bool_or(p.restricted) as restricted,
                 string_agg(n.given_names || ' ' || n.family_name, ', ' order by cs.created_at, n.given_names, n.family_name) as names
            from page join contact_subject cs on cs.contact_id = page.id join person p on p.id = cs.person_id
            left join person_name n on n.person_id = cs.person_id and n.is_primary
           group by cs.contact_id),
        to_match as materialized (
          select np.contact_id, string_agg(np.given_names || ' ' || np.family_name || ' (to match)', ', ' order by np.position) as names
            from page join contact_named_person np on np.contact_id = page.id and np.person_id is null
           group by np.contact_id),
        updates as materialized (
          select u.contact_id, count(*)::int as n from page join contact_update u on u.contact_id = page.id group by u.contact_id),
        flagged as materialized (
          select distinct r.contact_id from page join incident_review r on r.contact_id = page.id and r.status = 'open')
        select c.id, c.reference, c.status, c.contact_type, c.received_at, c.decision_due_at, c.source_code,
               sa.name as source_agency_name, c.concerns, au.display_name as allocated_name, c.rag, c.channel,
               c.restricted or coalesce(people.restricted, false) as restricted,
               coalesce(updates.n, 0) as updates, flagged.contact_id is not null as possible_same_incident,
               concat_ws(', ', people.names, to_match.names) as subjects
          from page join contact c on c.id = page.id
          left join agency sa on sa.id = c.source_agency_id
          left join app_user au on au.id = c.allocated_user_id
          left join people on people.contact_id = c.id
          left join to_match on to_match.contact_id = c.id
          left join updates on updates.contact_id = c.id
          left join flagged on flagged.contact_id = c.id
         where ${visibleContacts(viewer)}
         order by ${order}`,
  );
}

const HOUR_MS = 3_600_000;

/**
 * The worklist's four figures for the viewer's agency: awaiting screening, awaiting authorisation, past the decision
 * deadline, and due by the end of today. The same numbers as counting every open contact, at any amount of open
 * work: each figure sums the counts the database keeps per hour of deadline (contact_worklist_tally, migration
 * 0012) for the hours wholly inside it, and counts from the index of open work only the contacts due in the hours
 * it cuts through (the hour now falls in, and the hour today ends in).
 */
export async function worklistCounts(db: Database, viewer: Viewer, now: Date, endOfToday: Date) {
  const at = (ms: number) => new Date(ms).toISOString();
  const nowHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const endHour = Math.floor(endOfToday.getTime() / HOUR_MS) * HOUR_MS;
  const tally = (where: SQL) =>
    sql`(select coalesce(sum(t.contacts), 0) from contact_worklist_tally t
          where t.tenant_id = ${viewer.tenantId} and t.owning_agency_id = ${viewer.agencyId} and ${where})`;
  const due = (where: SQL) => sql`(select count(*) from contact c where ${worklistScope(viewer, WORKLIST_STATUSES)} and ${where})`;
  const dueToday =
    endHour <= nowHour
      ? due(sql`c.decision_due_at >= ${at(now.getTime())} and c.decision_due_at <= ${at(endOfToday.getTime())}`)
      : sql`${due(sql`c.decision_due_at >= ${at(now.getTime())} and c.decision_due_at < ${at(nowHour + HOUR_MS)}`)}
            + ${tally(sql`t.due_hour > ${at(nowHour)} and t.due_hour < ${at(endHour)}`)}
            + ${due(sql`c.decision_due_at >= ${at(endHour)} and c.decision_due_at <= ${at(endOfToday.getTime())}`)}`;
  const row = await one<{ open: number; overdue: number; due_today: number; awaiting: number }>(
    db,
    sql`select ${tally(sql`t.status = 'open'`)} as open,
               ${tally(sql`t.due_hour < ${at(nowHour)}`)}
                 + ${due(sql`c.decision_due_at >= ${at(nowHour)} and c.decision_due_at < ${at(now.getTime())}`)} as overdue,
               ${dueToday} as due_today,
               ${tally(sql`t.status = 'awaiting_authorisation'`)} as awaiting`,
  );
  return row ?? { open: 0, overdue: 0, due_today: 0, awaiting: 0 };
}

/**
 * The contacts list's filters (its `show` values): everything the viewer may see, their drafts to finish, what their
 * agency sent that still awaits the front door's decision, and what was shared with their agency in the last 7 days.
 */
export const CONTACT_LIST_FILTERS = ['all', 'drafts', 'sent', 'shared'] as const;
export type ContactListFilter = (typeof CONTACT_LIST_FILTERS)[number];

function contactListWhere(viewer: Viewer, show: ContactListFilter, now: Date): SQL {
  const since = new Date(now.getTime() - 7 * 24 * 3_600_000).toISOString();
  switch (show) {
    case 'drafts':
      return sql`c.tenant_id = ${viewer.tenantId} and c.status = 'draft' and c.created_by_user_id = ${viewer.userId}`;
    case 'sent':
      return sql`${visibleContacts(viewer)} and c.status in ('open', 'awaiting_authorisation') and c.owning_agency_id <> ${viewer.agencyId}
                 and (c.source_agency_id = ${viewer.agencyId} or c.created_by_user_id = ${viewer.userId})`;
    case 'shared':
      return sql`${visibleContacts(viewer)} and c.status <> 'draft'
                 and exists (select 1 from contact_share sh where sh.contact_id = c.id and sh.agency_id = ${viewer.agencyId} and sh.shared_at >= ${since})`;
    default:
      return visibleContacts(viewer);
  }
}

/** How many contacts each of the list's filters holds for this viewer (the list's totals and the home page's counts). */
export async function contactListCounts(db: Database, viewer: Viewer, now: Date): Promise<Record<ContactListFilter, number>> {
  const count = (show: ContactListFilter) => sql`(select count(*)::int from contact c where ${contactListWhere(viewer, show, now)})`;
  const row = await one<Record<ContactListFilter, number>>(db, sql`select ${count('all')} as "all", ${count('drafts')} as drafts, ${count('sent')} as sent, ${count('shared')} as shared`);
  return { all: Number(row?.all ?? 0), drafts: Number(row?.drafts ?? 0), sent: Number(row?.sent ?? 0), shared: Number(row?.shared ?? 0) };
}

/** Contacts a viewer's agency can see, newest first (for partners: what they sent and what was shared), by filter. */
export function visibleList(db: Database, viewer: Viewer, limit: number, offset: number, show: ContactListFilter = 'all', now = new Date()) {
  return rows<WorklistRow & { created_by_me: boolean }>(
    db,
    sql`select c.id, coalesce(c.reference, 'Draft') as reference, c.status, c.contact_type, c.received_at, c.decision_due_at, c.source_code,
               sa.name as source_agency_name, c.concerns, null as allocated_name, ${restricted('c')} as restricted,
               (select string_agg(n.given_names || ' ' || n.family_name, ', ' order by cs.created_at)
                  from contact_subject cs join person_name n on n.person_id = cs.person_id and n.is_primary
                 where cs.contact_id = c.id) as subjects,
               c.created_by_user_id = ${viewer.userId} as created_by_me
          from contact c left join agency sa on sa.id = c.source_agency_id
         where ${contactListWhere(viewer, show, now)}
         order by c.status = 'draft' desc, coalesce(c.submitted_at, c.created_at) desc, c.id
         limit ${limit} offset ${offset}`,
  );
}

export async function insertDecision(
  db: Database,
  values: { tenantId: string; contactId: string; thresholdLevel: number; outcome: string; rationale: string; passedTo: string | null; decidedByUserId: string; decidedAt: Date },
): Promise<string> {
  const [row] = await db.insert(screeningDecision).values(values).returning({ id: screeningDecision.id });
  return row!.id;
}

export function decisions(db: Database, contactId: string) {
  return rows<{
    id: string; threshold_level: number; outcome: string; rationale: string; passed_to: string | null; decided_at: string;
    decided_by_user_id: string; decided_by: string; authorisation: string; authorised_at: string | null; authorised_by: string | null; authoriser_comment: string | null;
  }>(
    db,
    sql`select d.id, d.threshold_level, d.outcome, d.rationale, d.passed_to, d.decided_at, d.decided_by_user_id, du.display_name as decided_by,
               d.authorisation, d.authorised_at, au.display_name as authorised_by, d.authoriser_comment
          from screening_decision d join app_user du on du.id = d.decided_by_user_id left join app_user au on au.id = d.authorised_by_user_id
         where d.contact_id = ${contactId} order by d.decided_at desc`,
  );
}

export async function setAuthorisation(db: Database, decisionId: string, values: { authorisation: string; authorisedByUserId: string; authorisedAt: Date; authoriserComment: string | null }): Promise<boolean> {
  const updated = await db
    .update(screeningDecision)
    .set(values)
    .where(and(eq(screeningDecision.id, decisionId), eq(screeningDecision.authorisation, 'pending')))
    .returning({ id: screeningDecision.id });
  return updated.length === 1;
}

export function shares(db: Database, contactId: string) {
  return rows<{ agency_id: string; agency_name: string; purpose: string; shared_at: string; shared_by: string | null }>(
    db,
    sql`select sh.agency_id, a.name as agency_name, sh.purpose, sh.shared_at, u.display_name as shared_by
          from contact_share sh join agency a on a.id = sh.agency_id left join app_user u on u.id = sh.shared_by_user_id
         where sh.contact_id = ${contactId} order by sh.shared_at`,
  );
}

export async function insertShare(db: Database, values: { tenantId: string; contactId: string; agencyId: string; purpose: string; sharedByUserId: string }): Promise<boolean> {
  const inserted = await db.insert(contactShare).values(values).onConflictDoNothing().returning({ id: contactShare.id });
  return inserted.length > 0;
}

export function teamMembers(db: Database, tenantId: string, agencyId: string) {
  return rows<{ id: string; display_name: string }>(
    db,
    sql`select u.id, u.display_name from app_user u
         where u.tenant_id = ${tenantId} and u.agency_id = ${agencyId} and u.disabled_at is null
           and exists (select 1 from role_assignment r where r.user_id = u.id and r.role in ('mash_screener', 'mash_manager', 'adult_safeguarding_worker', 'adult_safeguarding_manager'))
         order by u.display_name`,
  );
}

/**
 * Contacts, decisions and authorisations about a person, limited to contacts the viewer may see. Each entry carries
 * the id of the row it comes from (`source_id`), so entries at the same moment fall the same way on every page.
 */
export function chronology(db: Database, viewer: Viewer, personId: string) {
  const visible = visibleContacts(viewer);
  return rows<{ kind: string; at: string; contact_id: string; reference: string | null; detail: string | null; actor: string | null; outcome: string | null; threshold_level: number | null; source_id: string }>(
    db,
    sql`select * from (
          select 'contact' as kind, c.received_at as at, c.id as contact_id, c.reference, c.contact_type as detail,
                 coalesce(sa.name, 'Not recorded') as actor, null as outcome, null::int as threshold_level, c.id as source_id
            from contact c join contact_subject cs on cs.contact_id = c.id left join agency sa on sa.id = c.source_agency_id
           where cs.person_id = ${personId} and c.status <> 'draft' and ${visible}
          union all
          select 'decision', d.decided_at, c.id, c.reference, d.rationale, u.display_name, d.outcome, d.threshold_level, d.id
            from screening_decision d join contact c on c.id = d.contact_id join contact_subject cs on cs.contact_id = c.id
            join app_user u on u.id = d.decided_by_user_id
           where cs.person_id = ${personId} and ${visible}
          union all
          select case when d.authorisation = 'authorised' then 'authorised' else 'returned' end, d.authorised_at, c.id, c.reference,
                 d.authoriser_comment, u.display_name, d.outcome, d.threshold_level, d.id
            from screening_decision d join contact c on c.id = d.contact_id join contact_subject cs on cs.contact_id = c.id
            join app_user u on u.id = d.authorised_by_user_id
           where cs.person_id = ${personId} and d.authorised_at is not null and ${visible}
          union all
          select 'also_reported', u.received_at, c.id, c.reference, u.notification_type, coalesce(ua.name, u.referrer_name, 'Not recorded'), null, null, u.id
            from contact_update u join contact c on c.id = u.contact_id join contact_subject cs on cs.contact_id = c.id
            left join agency ua on ua.id = u.source_agency_id
           where cs.person_id = ${personId} and ${visible}
          union all
          select 'information', r.answered_at, c.id, c.reference, r.known_to_agency, a.name, null, null, r.id
            from info_request r join contact c on c.id = r.contact_id join contact_subject cs on cs.contact_id = c.id
            join agency a on a.id = r.agency_id
           where cs.person_id = ${personId} and r.answered_at is not null and c.owning_agency_id = ${viewer.agencyId} and ${visible}
          union all
          select 'shared', sh.shared_at, c.id, c.reference, sh.purpose, a.name, null, null, sh.id
            from contact_share sh join contact c on c.id = sh.contact_id join contact_subject cs on cs.contact_id = c.id
            join agency a on a.id = sh.agency_id
           where cs.person_id = ${personId} and ${visible}
        ) x order by x.at desc, x.kind, x.source_id limit 500`,
  );
}

/**
 * Other submitted contacts about these people received up to this one (two years back is enough for any window),
 * and whether each became a referral (an authorised referral outcome).
 */
export function subjectHistory(db: Database, contactId: string, personIds: readonly string[], receivedAt: Date) {
  return rows<{ person_id: string; received_at: string; referral: boolean }>(
    db,
    sql`select cs.person_id, c.received_at,
               exists (select 1 from screening_decision d where d.contact_id = c.id and d.authorisation = 'authorised' and d.outcome in (select jsonb_array_elements_text(${JSON.stringify(REFERRAL_OUTCOMES)}::jsonb))) as referral
          from contact_subject cs join contact c on c.id = cs.contact_id
         where cs.person_id in (select jsonb_array_elements_text(${JSON.stringify(personIds)}::jsonb)::uuid)
           and c.id <> ${contactId} and c.status <> 'draft'
           and c.received_at <= ${receivedAt} and c.received_at > ${new Date(receivedAt.getTime() - 2 * 366 * 86_400_000)}`,
  );
}

export async function setRag(db: Database, id: string, rag: string, at: Date): Promise<void> {
  await db.update(contact).set({ rag, updatedAt: at }).where(eq(contact.id, id));
}

/** Marks a contact as changed (something on it, e.g. an information request's answer, moved it on the worklist). */
export async function touchContact(db: Database, contactId: string, at: Date): Promise<void> {
  await db.execute(sql`update contact set updated_at = ${at} where id = ${contactId}`);
}

/** What a person merge moved of contacts' subjects, so undoing it moves exactly that back. */
export interface SubjectsMoved {
  subjects: string[];
  /** Contacts both records were on: the merged record's entry was removed (kept whole to restore). */
  subjectsRemoved: Record<string, unknown>[];
}

/** A merge of two person records: the merged record's contacts become the survivor's. */
export async function moveSubjects(db: Database, survivorId: string, mergedId: string): Promise<SubjectsMoved> {
  const subjectsRemoved = await rows<Record<string, unknown>>(
    db,
    sql`delete from contact_subject m where m.person_id = ${mergedId}
           and exists (select 1 from contact_subject s where s.contact_id = m.contact_id and s.person_id = ${survivorId}) returning m.*`,
  );
  const subjects = await rows<{ id: string }>(db, sql`update contact_subject set person_id = ${survivorId} where person_id = ${mergedId} returning id`);
  return { subjects: subjects.map((r) => r.id), subjectsRemoved };
}

/** Undoing a merge: moves back exactly what `moveSubjects` moved, and restores what it removed. */
export async function moveSubjectsBack(db: Database, mergedId: string, moved: SubjectsMoved): Promise<void> {
  if (moved.subjects.length) await db.execute(sql`update contact_subject set person_id = ${mergedId} where id in (${sql.join(moved.subjects.map((v) => sql`${v}`), sql`, `)})`);
  for (const s of moved.subjectsRemoved) {
    await db.execute(sql`insert into contact_subject (id, tenant_id, contact_id, person_id, role, child_voice, child_demeanour, created_at)
                         values (${s.id}, ${s.tenant_id}, ${s.contact_id}, ${s.person_id}, ${s.role}, ${s.child_voice}, ${s.child_demeanour}, ${s.created_at})`);
  }
}

/** What another capability needs to take a contact on: its facts and the people it is about, linked or only named. */
export interface ContactTakeOn {
  id: string;
  tenantId: string;
  reference: string | null;
  receivedAt: Date;
  channel: string;
  sourceAgencyId: string | null;
  sourceAgencyType: string | null;
  /** The CIN census referral source the front door recorded (1A … 10). */
  sourceCode: string;
  referrerName: string | null;
  narrative: string | null;
  restricted: boolean;
  createdByUserId: string | null;
  people: { personId: string | null; role: string; name: string; dateOfBirth: string | null; voice: string | null }[];
}

export async function takeOn(db: Database, id: string): Promise<ContactTakeOn | undefined> {
  const c = await one<{ id: string; tenant_id: string; reference: string | null; received_at: Date; channel: string; source_agency_id: string | null; source_agency_type: string | null; source_code: string; referrer_name: string | null; narrative: string | null; restricted: boolean; created_by_user_id: string | null }>(
    db,
    sql`select c.id, c.tenant_id, c.reference, c.received_at, c.channel, c.source_agency_id, a.type as source_agency_type, c.source_code, c.referrer_name, c.narrative, c.restricted, c.created_by_user_id
          from contact c left join agency a on a.id = c.source_agency_id where c.id = ${id}`,
  );
  if (!c) return undefined;
  const people = await rows<{ person_id: string | null; role: string; name: string; date_of_birth: string | null; voice: string | null }>(
    db,
    sql`select cs.person_id, cs.role, coalesce(trim(pn.given_names || ' ' || pn.family_name), 'Name not known') as name, p.date_of_birth::text as date_of_birth, cs.child_voice as voice
          from contact_subject cs join person p on p.id = cs.person_id
          left join lateral (select given_names, family_name from person_name n where n.person_id = p.id order by n.is_primary desc, n.id limit 1) pn on true
         where cs.contact_id = ${id}
        union all
        select np.person_id, np.role, trim(coalesce(np.given_names, '') || ' ' || coalesce(np.family_name, '')) as name, np.date_of_birth::text, np.child_voice
          from contact_named_person np where np.contact_id = ${id} and (np.person_id is null or not exists (select 1 from contact_subject s where s.contact_id = np.contact_id and s.person_id = np.person_id))`,
  );
  return {
    id: c.id, tenantId: c.tenant_id, reference: c.reference, receivedAt: asDate(c.received_at), channel: c.channel, sourceAgencyId: c.source_agency_id,
    sourceAgencyType: c.source_agency_type, sourceCode: c.source_code, referrerName: c.referrer_name, narrative: c.narrative, restricted: c.restricted, createdByUserId: c.created_by_user_id,
    people: people.map((p) => ({ personId: p.person_id, role: p.role, name: p.name || 'Name not known', dateOfBirth: p.date_of_birth, voice: p.voice })),
  };
}
