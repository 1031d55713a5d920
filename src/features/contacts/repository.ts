/** SQL for contacts, their subjects, shares and screening decisions. */
import { contactIsRestricted } from './published.js';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { contact, contactShare, contactSubject, screeningDecision } from '../../db/schema/index.js';
import { type ContactFacts, type Viewer } from '../../domain/access.js';
import { REFERRAL_OUTCOMES } from '../../domain/screening.js';

/**
 * Contacts a viewer may see: their own drafts, and submitted contacts their agency owns, sent or was sent, or that
 * are allocated to them. Mirrors domain/access.ts contactAccess (the consistency is tested).
 */
export function visibleContacts(viewer: Viewer, alias = 'c'): SQL {
  const c = sql.raw(alias);
  return sql`(${c}.tenant_id = ${viewer.tenantId} and (
      (${c}.status = 'draft' and ${c}.created_by_user_id = ${viewer.userId})
      or (${c}.status <> 'draft' and (
            ${c}.owning_agency_id = ${viewer.agencyId} or ${c}.source_agency_id = ${viewer.agencyId}
            or ${c}.allocated_user_id = ${viewer.userId} or ${c}.created_by_user_id = ${viewer.userId}
            or exists (select 1 from contact_share sh where sh.contact_id = ${c}.id and sh.agency_id = ${viewer.agencyId})))))`;
}

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

/** The front door's queue: contacts owned by the viewer's agency that still need a decision, by deadline. */
export function worklist(db: Database, viewer: Viewer, filter: WorklistFilter): Promise<WorklistRow[]> {
  const statuses = filter.status === 'open' ? ['open'] : filter.status === 'awaiting_authorisation' ? ['awaiting_authorisation'] : ['open', 'awaiting_authorisation'];
  const due =
    filter.due === 'overdue'
      ? sql`and c.decision_due_at < ${filter.now.toISOString()}`
      : filter.due === 'today'
        ? sql`and c.decision_due_at >= ${filter.now.toISOString()} and c.decision_due_at <= ${filter.endOfToday.toISOString()}`
        : sql``;
  const rag = !filter.rag || filter.rag === 'all' ? sql`` : filter.rag === 'none' ? sql`and c.rag is null` : sql`and c.rag = ${filter.rag}`;
  const allocated = filter.allocated === 'me' ? sql`and c.allocated_user_id = ${viewer.userId}` : filter.allocated === 'nobody' ? sql`and c.allocated_user_id is null` : sql``;
  const order = filter.sort === 'rag' ? sql`case c.rag when 'red' then 0 when 'amber' then 1 when 'green' then 2 else 3 end, c.decision_due_at, c.received_at` : sql`c.decision_due_at, c.received_at`;
  // The statuses are written into the statement (they come from a fixed list) so the planner can use the partial
  // index of open work; the page is chosen first, and only its rows get their people and names.
  const statusList = sql.raw(statuses.map((st) => `'${st}'`).join(', '));
  return rows<WorklistRow>(
    db,
    sql`with page as (
          select c.id from contact c
           where c.tenant_id = ${viewer.tenantId} and c.owning_agency_id = ${viewer.agencyId}
             and c.status in (${statusList}) ${due} ${rag} ${allocated}
           order by ${order}
           limit ${filter.limit} offset ${filter.offset})
        select c.id, c.reference, c.status, c.contact_type, c.received_at, c.decision_due_at, c.source_code,
               sa.name as source_agency_name, c.concerns, au.display_name as allocated_name, c.rag, c.channel,
               ${restricted('c')} as restricted,
               (select count(*)::int from contact_update u where u.contact_id = c.id) as updates,
               concat_ws(', ',
                 (select string_agg(n.given_names || ' ' || n.family_name, ', ' order by cs.created_at)
                    from contact_subject cs join person_name n on n.person_id = cs.person_id and n.is_primary
                   where cs.contact_id = c.id),
                 (select string_agg(np.given_names || ' ' || np.family_name || ' (to match)', ', ' order by np.position)
                    from contact_named_person np where np.contact_id = c.id and np.person_id is null)) as subjects
          from page join contact c on c.id = page.id
          left join agency sa on sa.id = c.source_agency_id
          left join app_user au on au.id = c.allocated_user_id
         order by ${order}`,
  );
}

export async function worklistCounts(db: Database, viewer: Viewer, now: Date, endOfToday: Date) {
  const row = await one<{ open: number; overdue: number; due_today: number; awaiting: number }>(
    db,
    sql`select count(*) filter (where status = 'open') as open,
               count(*) filter (where decision_due_at < ${now.toISOString()}) as overdue,
               count(*) filter (where decision_due_at >= ${now.toISOString()} and decision_due_at <= ${endOfToday.toISOString()}) as due_today,
               count(*) filter (where status = 'awaiting_authorisation') as awaiting
          from contact
         where tenant_id = ${viewer.tenantId} and owning_agency_id = ${viewer.agencyId} and status in ('open', 'awaiting_authorisation')`,
  );
  return row ?? { open: 0, overdue: 0, due_today: 0, awaiting: 0 };
}

/** Contacts a viewer's agency can see, newest first (for partners: what they sent and what was shared). */
export function visibleList(db: Database, viewer: Viewer, limit: number, offset: number) {
  return rows<WorklistRow & { created_by_me: boolean }>(
    db,
    sql`select c.id, coalesce(c.reference, 'Draft') as reference, c.status, c.contact_type, c.received_at, c.decision_due_at, c.source_code,
               sa.name as source_agency_name, c.concerns, null as allocated_name, ${restricted('c')} as restricted,
               (select string_agg(n.given_names || ' ' || n.family_name, ', ' order by cs.created_at)
                  from contact_subject cs join person_name n on n.person_id = cs.person_id and n.is_primary
                 where cs.contact_id = c.id) as subjects,
               c.created_by_user_id = ${viewer.userId} as created_by_me
          from contact c left join agency sa on sa.id = c.source_agency_id
         where ${visibleContacts(viewer)}
         order by c.status = 'draft' desc, coalesce(c.submitted_at, c.created_at) desc
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

/** Contacts, decisions and authorisations about a person, limited to contacts the viewer may see. */
export function chronology(db: Database, viewer: Viewer, personId: string) {
  const visible = visibleContacts(viewer);
  return rows<{ kind: string; at: string; contact_id: string; reference: string | null; detail: string | null; actor: string | null; outcome: string | null; threshold_level: number | null }>(
    db,
    sql`select * from (
          select 'contact' as kind, c.received_at as at, c.id as contact_id, c.reference, c.contact_type as detail,
                 coalesce(sa.name, 'Not recorded') as actor, null as outcome, null::int as threshold_level
            from contact c join contact_subject cs on cs.contact_id = c.id left join agency sa on sa.id = c.source_agency_id
           where cs.person_id = ${personId} and c.status <> 'draft' and ${visible}
          union all
          select 'decision', d.decided_at, c.id, c.reference, d.rationale, u.display_name, d.outcome, d.threshold_level
            from screening_decision d join contact c on c.id = d.contact_id join contact_subject cs on cs.contact_id = c.id
            join app_user u on u.id = d.decided_by_user_id
           where cs.person_id = ${personId} and ${visible}
          union all
          select case when d.authorisation = 'authorised' then 'authorised' else 'returned' end, d.authorised_at, c.id, c.reference,
                 d.authoriser_comment, u.display_name, d.outcome, d.threshold_level
            from screening_decision d join contact c on c.id = d.contact_id join contact_subject cs on cs.contact_id = c.id
            join app_user u on u.id = d.authorised_by_user_id
           where cs.person_id = ${personId} and d.authorised_at is not null and ${visible}
          union all
          select 'also_reported', u.received_at, c.id, c.reference, u.notification_type, coalesce(ua.name, u.referrer_name, 'Not recorded'), null, null
            from contact_update u join contact c on c.id = u.contact_id join contact_subject cs on cs.contact_id = c.id
            left join agency ua on ua.id = u.source_agency_id
           where cs.person_id = ${personId} and ${visible}
          union all
          select 'information', r.answered_at, c.id, c.reference, r.known_to_agency, a.name, null, null
            from info_request r join contact c on c.id = r.contact_id join contact_subject cs on cs.contact_id = c.id
            join agency a on a.id = r.agency_id
           where cs.person_id = ${personId} and r.answered_at is not null and c.owning_agency_id = ${viewer.agencyId} and ${visible}
          union all
          select 'shared', sh.shared_at, c.id, c.reference, sh.purpose, a.name, null, null
            from contact_share sh join contact c on c.id = sh.contact_id join contact_subject cs on cs.contact_id = c.id
            join agency a on a.id = sh.agency_id
           where cs.person_id = ${personId} and ${visible}
        ) x order by at desc limit 500`,
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
