/**
 * SQL for children missing education: the area's localities, referrals and their enquiries, the elective home
 * education register and its checks (this feature's tables), with names read from people, agencies and users.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';

// ——— localities ———

export interface LocalityRow {
  id: string;
  code: string;
  name: string;
  postcode_prefixes: string[];
}

export function localities(db: Database, tenantId: string): Promise<LocalityRow[]> {
  return rows<LocalityRow>(db, sql`select id, code, name, postcode_prefixes::text[] as postcode_prefixes from locality where tenant_id = ${tenantId} order by name, code`);
}

const textArray = (values: readonly string[]) => sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '')}"`).join(',')}}`}::text[]`;

/** Adds a locality or changes the one with this code; returns its id and whether it was new. */
export async function saveLocality(tx: Database, tenantId: string, v: { code: string; name: string; prefixes: readonly string[] }): Promise<{ id: string; created: boolean }> {
  const row = await one<{ id: string; created: boolean }>(
    tx,
    sql`insert into locality (tenant_id, code, name, postcode_prefixes) values (${tenantId}, ${v.code}, ${v.name}, ${textArray(v.prefixes)})
        on conflict (tenant_id, code) do update set name = excluded.name, postcode_prefixes = excluded.postcode_prefixes
        returning id, (xmax = 0) as created`,
  );
  return row!;
}

// ——— referrals ———

export interface ReferralRow {
  id: string;
  tenant_id: string;
  reference: string;
  contact_id: string | null;
  contact_reference: string | null;
  person_id: string;
  child_name: string;
  date_of_birth: string | null;
  family_key: string;
  referred_at: string;
  source: string;
  reason: string;
  referring_agency_id: string | null;
  referring_agency_name: string | null;
  last_school_urn: string | null;
  last_school_name: string | null;
  year_group: string | null;
  phase: string | null;
  fsm_eligible: boolean | null;
  ethnicity: string;
  postcode: string | null;
  locality_id: string | null;
  locality_name: string | null;
  joint_enquiry_due_on: string;
  narrative: string;
  status: string;
  closed_at: string | null;
  outcome_code: string | null;
  outcome_note: string | null;
  found_at: string | null;
  restricted: boolean;
  created_by_name: string | null;
  /** A referral of the same child closed before this one was made. */
  recurrent: boolean;
  enquiries: number;
  last_enquiry_on: string | null;
  ehe_registration_id: string | null;
}

const REFERRAL = sql`r.id, r.tenant_id, r.reference, r.contact_id, (select c.reference from contact c where c.id = r.contact_id) as contact_reference,
  r.person_id, r.child_name, p.date_of_birth::text as date_of_birth, r.family_key, r.referred_at::text as referred_at, r.source, r.reason,
  r.referring_agency_id, ra.name as referring_agency_name, r.last_school_urn, r.last_school_name, r.year_group, r.phase, r.fsm_eligible, r.ethnicity,
  r.postcode, r.locality_id, l.name as locality_name, r.joint_enquiry_due_on::text as joint_enquiry_due_on, r.narrative, r.status,
  r.closed_at::text as closed_at, r.outcome_code, r.outcome_note, r.found_at, r.restricted, cu.display_name as created_by_name,
  exists (select 1 from cme_referral e where e.person_id = r.person_id and e.id <> r.id and e.status = 'closed' and e.closed_at < r.referred_at) as recurrent,
  (select count(*)::int from cme_enquiry q where q.referral_id = r.id) as enquiries,
  (select max(q.made_on)::text from cme_enquiry q where q.referral_id = r.id) as last_enquiry_on,
  (select h.id from ehe_registration h where h.cme_referral_id = r.id limit 1) as ehe_registration_id`;
const JOINS = sql`join person p on p.id = r.person_id left join agency ra on ra.id = r.referring_agency_id left join locality l on l.id = r.locality_id
  left join app_user cu on cu.id = r.created_by_user_id`;

export async function accessFacts(db: Database, id: string) {
  return one<{ tenant_id: string; referring_agency_id: string | null; restricted: boolean }>(db, sql`select tenant_id, referring_agency_id, restricted from cme_referral where id = ${id}`);
}

export function referral(db: Database, tenantId: string, id: string): Promise<ReferralRow | undefined> {
  return one<ReferralRow>(db, sql`select ${REFERRAL} from cme_referral r ${JOINS} where r.tenant_id = ${tenantId} and r.id = ${id}`);
}

/** The child's other referrals (their history), newest first. */
export function history(db: Database, tenantId: string, personId: string, exceptId: string | null): Promise<ReferralRow[]> {
  return rows<ReferralRow>(
    db,
    sql`select ${REFERRAL} from cme_referral r ${JOINS} where r.tenant_id = ${tenantId} and r.person_id = ${personId} ${exceptId ? sql`and r.id <> ${exceptId}` : sql``}
        order by r.referred_at desc limit 50`,
  );
}

type Listed = ReferralRow & { total: number };

function list(db: Database, where: SQL, order: SQL, limit: number, offset: number): Promise<Listed[]> {
  return rows<Listed>(db, sql`select ${REFERRAL}, count(*) over ()::int as total from cme_referral r ${JOINS} where ${where} order by ${order} limit ${limit} offset ${offset}`);
}

export type ReferralDue = 'overdue' | 'today';

/** Open referrals past their joint enquiries' deadline (20 school days), or due today. */
const dueWhere = (due: ReferralDue, today: string) => (due === 'overdue' ? sql`r.status = 'open' and r.joint_enquiry_due_on < ${today}::date` : sql`r.status = 'open' and r.joint_enquiry_due_on = ${today}::date`);

export interface WorklistFilter {
  localityId: string | null | 'none';
  show: 'open' | 'closed';
  /** Open referrals only, overdue or due today (with `today`). */
  due?: ReferralDue | null;
}

/** Open referrals for the CME service, the joint-enquiry deadline first (overdue first), by locality if chosen. */
export function worklist(db: Database, tenantId: string, filter: WorklistFilter, today: string, limit: number, offset: number) {
  const locality = filter.localityId === 'none' ? sql`and r.locality_id is null` : filter.localityId ? sql`and r.locality_id = ${filter.localityId}` : sql``;
  const due = filter.due && filter.show === 'open' ? sql`and ${dueWhere(filter.due, today)}` : sql``;
  const where = sql`r.tenant_id = ${tenantId} and r.status = ${filter.show} ${locality} ${due}`;
  const order = filter.show === 'open' ? sql`r.joint_enquiry_due_on, r.referred_at, r.id` : sql`r.closed_at desc, r.id`;
  return list(db, where, order, limit, offset);
}

/** An agency's own referrals (a school's), newest first: all, or the open or closed ones. */
export type AgencyShow = 'all' | 'open' | 'closed';

const agencyWhere = (tenantId: string, agencyId: string, show: AgencyShow) =>
  sql`r.tenant_id = ${tenantId} and r.referring_agency_id = ${agencyId} ${show === 'all' ? sql`` : sql`and r.status = ${show}`}`;

export function ofAgency(db: Database, tenantId: string, agencyId: string, show: AgencyShow, limit: number, offset: number) {
  return list(db, agencyWhere(tenantId, agencyId, show), sql`r.referred_at desc, r.id`, limit, offset);
}

export async function counts(db: Database, tenantId: string, today: string) {
  return (await one<{ open: number; overdue: number; due_today: number; closed_last_90: number }>(
    db,
    sql`select count(*) filter (where r.status = 'open')::int as open,
               count(*) filter (where ${dueWhere('overdue', today)})::int as overdue,
               count(*) filter (where ${dueWhere('today', today)})::int as due_today,
               count(*) filter (where r.status = 'closed' and r.closed_at > now() - interval '90 days')::int as closed_last_90
          from cme_referral r where r.tenant_id = ${tenantId}`,
  ))!;
}

export async function agencyCounts(db: Database, tenantId: string, agencyId: string): Promise<Record<AgencyShow, number>> {
  return (await one<Record<AgencyShow, number>>(
    db,
    sql`select count(*)::int as "all", count(*) filter (where ${agencyWhere(tenantId, agencyId, 'open')})::int as open, count(*) filter (where ${agencyWhere(tenantId, agencyId, 'closed')})::int as closed
          from cme_referral r where ${agencyWhere(tenantId, agencyId, 'all')}`,
  ))!;
}

/** Where a child lives now: their current postcode and household (for the locality and for counting families). */
export async function childFacts(db: Database, personId: string): Promise<{ postcode: string | null; household_id: string | null }> {
  const row = await one<{ postcode: string | null; household_id: string | null }>(
    db,
    sql`select (select a.postcode from person_address a where a.person_id = ${personId} and a.to_date is null order by a.from_date desc nulls last limit 1) as postcode,
               (select m.household_id from household_member m where m.person_id = ${personId} and m.to_date is null order by m.from_date desc nulls last limit 1) as household_id`,
  );
  return row ?? { postcode: null, household_id: null };
}

export interface NewReferral {
  id: string;
  tenantId: string;
  contactId: string | null;
  personId: string;
  childName: string;
  familyKey: string;
  referredAt: Date;
  source: string;
  reason: string;
  referringAgencyId: string | null;
  lastSchoolUrn: string | null;
  lastSchoolName: string | null;
  yearGroup: string | null;
  phase: string | null;
  fsmEligible: boolean | null;
  ethnicity: string;
  postcode: string | null;
  localityId: string | null;
  jointEnquiryDueOn: string;
  narrative: string;
  restricted: boolean;
  createdByUserId: string | null;
}

/** A new referral with the next reference (CME-YYYY-nnnnnn). */
export async function insertReferral(tx: Database, v: NewReferral): Promise<{ id: string; reference: string }> {
  return (await one<{ id: string; reference: string }>(
    tx,
    sql`insert into cme_referral (id, tenant_id, reference, contact_id, person_id, child_name, family_key, referred_at, source, reason, referring_agency_id,
          last_school_urn, last_school_name, year_group, phase, fsm_eligible, ethnicity, postcode, locality_id, joint_enquiry_due_on, narrative, restricted, created_by_user_id)
        values (${v.id}, ${v.tenantId}, 'CME-' || to_char(${v.referredAt.toISOString()}::timestamptz at time zone 'Europe/London', 'YYYY') || '-' || lpad(nextval('cme_referral_reference_seq')::text, 6, '0'),
          ${v.contactId}, ${v.personId}, ${v.childName}, ${v.familyKey}, ${v.referredAt.toISOString()}, ${v.source}, ${v.reason}, ${v.referringAgencyId},
          ${v.lastSchoolUrn}, ${v.lastSchoolName}, ${v.yearGroup}, ${v.phase}, ${v.fsmEligible}, ${v.ethnicity}, ${v.postcode}, ${v.localityId}, ${v.jointEnquiryDueOn},
          ${v.narrative}, ${v.restricted}, ${v.createdByUserId})
        returning id, reference`,
  ))!;
}

/** Whether a referral was already made from a contact for a child (the front door's decision is taken once). */
export async function madeFromContact(db: Database, contactId: string, personId: string): Promise<boolean> {
  return !!(await one(db, sql`select 1 from cme_referral where contact_id = ${contactId} and person_id = ${personId}`));
}

export async function lockReferral(tx: Database, tenantId: string, id: string) {
  return one<{ id: string; status: string; referred_on: string; person_id: string; child_name: string; year_group: string | null; locality_id: string | null; last_school_urn: string | null }>(
    tx,
    sql`select id, status, (referred_at at time zone 'Europe/London')::date::text as referred_on, person_id, child_name, year_group, locality_id, last_school_urn
          from cme_referral where tenant_id = ${tenantId} and id = ${id} for update`,
  );
}

export async function closeReferral(tx: Database, id: string, v: { closedAt: Date; outcomeCode: string; outcomeNote: string | null; foundAt: string | null }): Promise<void> {
  await tx.execute(sql`update cme_referral set status = 'closed', closed_at = ${v.closedAt.toISOString()}, outcome_code = ${v.outcomeCode}, outcome_note = ${v.outcomeNote}, found_at = ${v.foundAt} where id = ${id}`);
}

// ——— enquiries ———

export interface EnquiryRow {
  id: string;
  kind: string;
  made_on: string;
  result: string;
  recorded_by_name: string;
  recorded_at: string;
}

export function enquiries(db: Database, referralId: string): Promise<EnquiryRow[]> {
  return rows<EnquiryRow>(
    db,
    sql`select q.id, q.kind, q.made_on::text as made_on, q.result, u.display_name as recorded_by_name, q.recorded_at::text as recorded_at
          from cme_enquiry q join app_user u on u.id = q.recorded_by_user_id where q.referral_id = ${referralId} order by q.made_on, q.recorded_at`,
  );
}

export async function insertEnquiry(tx: Database, v: { tenantId: string; referralId: string; kind: string; madeOn: string; result: string; userId: string; at: Date }): Promise<string> {
  return (await one<{ id: string }>(
    tx,
    sql`insert into cme_enquiry (tenant_id, referral_id, kind, made_on, result, recorded_by_user_id, recorded_at)
        values (${v.tenantId}, ${v.referralId}, ${v.kind}, ${v.madeOn}, ${v.result}, ${v.userId}, ${v.at.toISOString()}) returning id`,
  ))!.id;
}

// ——— elective home education ———

export interface RegistrationRow {
  id: string;
  tenant_id: string;
  person_id: string;
  child_name: string;
  date_of_birth: string | null;
  cme_referral_id: string | null;
  cme_reference: string | null;
  registered_on: string;
  previous_school_urn: string | null;
  year_group: string | null;
  locality_id: string | null;
  locality_name: string | null;
  status: string;
  ended_on: string | null;
  end_reason: string | null;
  last_checked_on: string | null;
  last_outcome: string | null;
  next_due_on: string | null;
}

const REGISTRATION = sql`h.id, h.tenant_id, h.person_id, h.child_name, p.date_of_birth::text as date_of_birth, h.cme_referral_id,
  (select r.reference from cme_referral r where r.id = h.cme_referral_id) as cme_reference, h.registered_on::text as registered_on,
  h.previous_school_urn, h.year_group, h.locality_id, l.name as locality_name, h.status, h.ended_on::text as ended_on, h.end_reason,
  lc.checked_on::text as last_checked_on, lc.outcome as last_outcome, lc.next_due_on::text as next_due_on`;
const REG_JOINS = sql`join person p on p.id = h.person_id left join locality l on l.id = h.locality_id
  left join lateral (select c.checked_on, c.outcome, c.next_due_on from ehe_check c where c.registration_id = h.id order by c.checked_on desc, c.recorded_at desc limit 1) lc on true`;

export async function registrationArea(db: Database, id: string) {
  return one<{ tenant_id: string }>(db, sql`select tenant_id from ehe_registration where id = ${id}`);
}

export function registration(db: Database, tenantId: string, id: string): Promise<RegistrationRow | undefined> {
  return one<RegistrationRow>(db, sql`select ${REGISTRATION} from ehe_registration h ${REG_JOINS} where h.tenant_id = ${tenantId} and h.id = ${id}`);
}

export type RegisterShow = 'overdue' | 'due' | 'active' | 'ended';

/** Which registrations a register tab shows (`lc`: the latest check). */
function registerWhere(show: RegisterShow, today: string, dueBy: string): SQL {
  switch (show) {
    case 'ended':
      return sql`h.status = 'ended'`;
    case 'overdue':
      return sql`h.status = 'active' and (lc.next_due_on is null or lc.next_due_on < ${today}::date)`;
    case 'due':
      return sql`h.status = 'active' and (lc.next_due_on is null or lc.next_due_on <= ${dueBy}::date)`;
    case 'active':
      return sql`h.status = 'active'`;
  }
}

/**
 * The register: active children (the next check due first, never checked first of all), those whose check is due
 * by `dueBy` or overdue (or never checked), or those who have left it.
 */
export function register(db: Database, tenantId: string, show: RegisterShow, today: string, dueBy: string, limit: number, offset: number) {
  const order = show === 'ended' ? sql`h.ended_on desc, h.id` : sql`lc.next_due_on nulls first, h.registered_on, h.id`;
  return rows<RegistrationRow & { total: number }>(
    db,
    sql`select ${REGISTRATION}, count(*) over ()::int as total from ehe_registration h ${REG_JOINS} where h.tenant_id = ${tenantId} and ${registerWhere(show, today, dueBy)} order by ${order} limit ${limit} offset ${offset}`,
  );
}

export async function registerCounts(db: Database, tenantId: string, today: string, dueBy: string) {
  return (await one<Record<RegisterShow, number>>(
    db,
    sql`select count(*) filter (where ${registerWhere('active', today, dueBy)})::int as active,
               count(*) filter (where ${registerWhere('overdue', today, dueBy)})::int as overdue,
               count(*) filter (where ${registerWhere('due', today, dueBy)})::int as due,
               count(*) filter (where ${registerWhere('ended', today, dueBy)})::int as ended
          from ehe_registration h left join lateral (select c.next_due_on from ehe_check c where c.registration_id = h.id order by c.checked_on desc, c.recorded_at desc limit 1) lc on true
         where h.tenant_id = ${tenantId}`,
  ))!;
}

/** Whether the child is on the register now. */
export async function activeRegistrationOf(db: Database, tenantId: string, personId: string): Promise<string | null> {
  return (await one<{ id: string }>(db, sql`select id from ehe_registration where tenant_id = ${tenantId} and person_id = ${personId} and status = 'active' limit 1`))?.id ?? null;
}

export async function insertRegistration(
  tx: Database,
  v: { tenantId: string; personId: string; childName: string; cmeReferralId: string | null; registeredOn: string; previousSchoolUrn: string | null; yearGroup: string | null; localityId: string | null; userId: string },
): Promise<string> {
  return (await one<{ id: string }>(
    tx,
    sql`insert into ehe_registration (tenant_id, person_id, child_name, cme_referral_id, registered_on, previous_school_urn, year_group, locality_id, created_by_user_id)
        values (${v.tenantId}, ${v.personId}, ${v.childName}, ${v.cmeReferralId}, ${v.registeredOn}, ${v.previousSchoolUrn}, ${v.yearGroup}, ${v.localityId}, ${v.userId}) returning id`,
  ))!.id;
}

export async function lockRegistration(tx: Database, tenantId: string, id: string) {
  return one<{ id: string; status: string; registered_on: string; person_id: string }>(
    tx,
    sql`select id, status, registered_on::text as registered_on, person_id from ehe_registration where tenant_id = ${tenantId} and id = ${id} for update`,
  );
}

export async function endRegistration(tx: Database, id: string, v: { endedOn: string; endReason: string }): Promise<void> {
  await tx.execute(sql`update ehe_registration set status = 'ended', ended_on = ${v.endedOn}, end_reason = ${v.endReason} where id = ${id}`);
}

export interface CheckRow {
  id: string;
  checked_on: string;
  method: string;
  outcome: string;
  notes: string;
  next_due_on: string | null;
  recorded_by_name: string;
}

export function checks(db: Database, registrationId: string): Promise<CheckRow[]> {
  return rows<CheckRow>(
    db,
    sql`select c.id, c.checked_on::text as checked_on, c.method, c.outcome, c.notes, c.next_due_on::text as next_due_on, u.display_name as recorded_by_name
          from ehe_check c join app_user u on u.id = c.recorded_by_user_id where c.registration_id = ${registrationId} order by c.checked_on desc, c.recorded_at desc`,
  );
}

export async function insertCheck(
  tx: Database,
  v: { tenantId: string; registrationId: string; checkedOn: string; method: string; outcome: string; notes: string; nextDueOn: string; userId: string; at: Date },
): Promise<string> {
  return (await one<{ id: string }>(
    tx,
    sql`insert into ehe_check (tenant_id, registration_id, checked_on, method, outcome, notes, next_due_on, recorded_by_user_id, recorded_at)
        values (${v.tenantId}, ${v.registrationId}, ${v.checkedOn}, ${v.method}, ${v.outcome}, ${v.notes}, ${v.nextDueOn}, ${v.userId}, ${v.at.toISOString()}) returning id`,
  ))!.id;
}
