/** Adult safeguarding concerns, enquiries, risks, contributions, meetings and actions: this feature's tables. */
import { type SQL, sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { type AdultConcernFacts, type AdultContributionFacts, type Viewer } from '../../domain/access.js';
import { type SampleCandidate } from '../../domain/case-audits.js';
import { ROLE_PERMISSIONS, type Role } from '../../domain/roles.js';

/** The adult team's workers (users of the agency whose roles work adult safeguarding), by name. */
export async function workers(db: Database, tenantId: string, agencyId: string): Promise<{ id: string; display_name: string }[]> {
  const roles = (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => ROLE_PERMISSIONS[r].includes('adult:work'));
  return rows(
    db,
    sql`select distinct u.id, u.display_name from app_user u join role_assignment ra on ra.user_id = u.id
         where u.tenant_id = ${tenantId} and u.agency_id = ${agencyId} and u.disabled_at is null
           and ra.role in (select jsonb_array_elements_text(${JSON.stringify(roles)}::jsonb)) order by u.display_name`,
  );
}

export interface NewConcern {
  tenantId: string;
  contactId: string | null;
  channel: string;
  owningAgencyId: string;
  personId: string | null;
  adultName: string;
  receivedAt: Date;
  sourceCode: string;
  sourceAgencyId: string | null;
  referrerName: string | null;
  whatHappened: string;
  personsView: string | null;
  decisionDueAt: Date;
  restricted: boolean;
  createdByUserId: string | null;
}

export async function insertConcern(tx: Database, c: NewConcern): Promise<{ id: string; reference: string }> {
  const row = await one<{ id: string; reference: string }>(
    tx,
    sql`insert into adult_concern (tenant_id, reference, contact_id, channel, owning_agency_id, person_id, adult_name, received_at, source_code,
          source_agency_id, referrer_name, what_happened, persons_view, decision_due_at, restricted, created_by_user_id)
        values (${c.tenantId}, 'AC-' || to_char(${c.receivedAt.toISOString()}::timestamptz at time zone 'Europe/London', 'YYYY') || '-' || lpad(nextval('adult_concern_reference_seq')::text, 6, '0'),
          ${c.contactId}, ${c.channel}, ${c.owningAgencyId}, ${c.personId}, ${c.adultName}, ${c.receivedAt.toISOString()}, ${c.sourceCode},
          ${c.sourceAgencyId}, ${c.referrerName}, ${c.whatHappened}, ${c.personsView}, ${c.decisionDueAt.toISOString()}, ${c.restricted}, ${c.createdByUserId})
        on conflict (contact_id) do nothing
        returning id, reference`,
  );
  if (row) return row;
  const existing = await one<{ id: string; reference: string }>(tx, sql`select id, reference from adult_concern where contact_id = ${c.contactId}`);
  return existing!;
}

/** A concern is restricted when marked so or when the adult is a restricted person. */
const restrictedConcern = (alias: string) => {
  const a = sql.raw(alias);
  return sql`(${a}.restricted or exists (select 1 from person p where p.id = ${a}.person_id and p.restricted))`;
};

export async function concernFacts(db: Database, id: string): Promise<AdultConcernFacts | undefined> {
  const row = await one<{ tenant_id: string; owning_agency_id: string; source_agency_id: string | null; lead_agency_id: string | null; allocated: string[] | null; created_by_user_id: string | null; restricted: boolean }>(
    db,
    sql`select c.tenant_id, c.owning_agency_id, c.source_agency_id, e.lead_agency_id, c.created_by_user_id, ${restrictedConcern('c')} as restricted,
               array_remove(array[c.allocated_user_id, e.allocated_user_id], null) as allocated
          from adult_concern c left join adult_enquiry e on e.concern_id = c.id where c.id = ${id}`,
  );
  if (!row) return undefined;
  return {
    tenantId: row.tenant_id,
    owningAgencyId: row.owning_agency_id,
    sourceAgencyId: row.source_agency_id,
    leadAgencyId: row.lead_agency_id,
    allocatedUserIds: row.allocated ?? [],
    createdByUserId: row.created_by_user_id,
    restricted: row.restricted,
  };
}

/**
 * Concerns a viewer may see listed (mirrors domain/access.ts adultConcernAccess; a restricted one is listed, and asks
 * for a reason when opened). A care provider's staff see none (test/access-consistency.test.ts checks they agree).
 */
export function visibleConcerns(viewer: Viewer, alias = 'c'): SQL {
  const c = sql.raw(alias);
  if (viewer.agencyType === 'care_provider') return sql`false`;
  return sql`(${c}.tenant_id = ${viewer.tenantId} and (${c}.owning_agency_id = ${viewer.agencyId} or ${c}.source_agency_id = ${viewer.agencyId}
    or ${c}.allocated_user_id = ${viewer.userId}
    or exists (select 1 from adult_enquiry ve where ve.concern_id = ${c}.id and (ve.lead_agency_id = ${viewer.agencyId} or ve.allocated_user_id = ${viewer.userId}))))`;
}

export interface ConcernRow {
  id: string;
  tenant_id: string;
  reference: string;
  contact_id: string | null;
  contact_reference: string | null;
  channel: string;
  owning_agency_id: string;
  owning_agency_name: string;
  person_id: string | null;
  adult_name: string;
  date_of_birth: string | null;
  received_at: Date;
  source_code: string;
  source_agency_id: string | null;
  source_agency_name: string | null;
  referrer_name: string | null;
  what_happened: string;
  others_involved: string | null;
  persons_view: string | null;
  provider_id: string | null;
  provider_name: string | null;
  decision_due_at: Date;
  status: string;
  restricted: boolean;
  allocated_user_id: string | null;
  allocated_name: string | null;
  test_needs: string | null;
  test_needs_reason: string | null;
  test_abuse: string | null;
  test_abuse_reason: string | null;
  test_protect: string | null;
  test_protect_reason: string | null;
  test_recorded_at: Date | null;
  test_recorded_by_name: string | null;
  decision: string | null;
  decision_reason: string | null;
  signpost_to: string | null;
  decided_at: Date | null;
  decided_by_user_id: string | null;
  decided_by_name: string | null;
  authorised_at: Date | null;
  authorised_by_name: string | null;
  returned_comment: string | null;
}

export async function concern(db: Database, id: string): Promise<ConcernRow | undefined> {
  return one<ConcernRow>(
    db,
    sql`select c.id, c.tenant_id, c.reference, c.contact_id, ct.reference as contact_reference, c.channel, c.owning_agency_id, oa.name as owning_agency_name,
               c.person_id, c.adult_name, p.date_of_birth::text as date_of_birth, c.received_at, c.source_code, c.source_agency_id, sa.name as source_agency_name,
               c.referrer_name, c.what_happened, c.others_involved, c.persons_view, c.provider_id, cp.name as provider_name, c.decision_due_at, c.status,
               ${restrictedConcern('c')} as restricted, c.allocated_user_id, au.display_name as allocated_name,
               c.test_needs, c.test_needs_reason, c.test_abuse, c.test_abuse_reason, c.test_protect, c.test_protect_reason, c.test_recorded_at,
               tu.display_name as test_recorded_by_name, c.decision, c.decision_reason, c.signpost_to, c.decided_at, c.decided_by_user_id, du.display_name as decided_by_name,
               c.authorised_at, mu.display_name as authorised_by_name, c.returned_comment
          from adult_concern c
          join agency oa on oa.id = c.owning_agency_id
          left join contact ct on ct.id = c.contact_id
          left join person p on p.id = c.person_id
          left join agency sa on sa.id = c.source_agency_id
          left join care_provider cp on cp.id = c.provider_id
          left join app_user au on au.id = c.allocated_user_id
          left join app_user tu on tu.id = c.test_recorded_by_user_id
          left join app_user du on du.id = c.decided_by_user_id
          left join app_user mu on mu.id = c.authorised_by_user_id
         where c.id = ${id}`,
  );
}

export async function updateDetails(tx: Database, id: string, d: { sourceCode: string; othersInvolved: string | null; personsView: string | null; providerId: string | null }): Promise<void> {
  await tx.execute(sql`update adult_concern set source_code = ${d.sourceCode}, others_involved = ${d.othersInvolved}, persons_view = ${d.personsView}, provider_id = ${d.providerId} where id = ${id}`);
}

export async function recordTest(tx: Database, id: string, userId: string, at: Date, t: Record<'needs' | 'abuse' | 'protect', { answer: string; reason: string }>): Promise<void> {
  await tx.execute(sql`update adult_concern set test_needs = ${t.needs.answer}, test_needs_reason = ${t.needs.reason}, test_abuse = ${t.abuse.answer},
    test_abuse_reason = ${t.abuse.reason}, test_protect = ${t.protect.answer}, test_protect_reason = ${t.protect.reason},
    test_recorded_at = ${at.toISOString()}, test_recorded_by_user_id = ${userId} where id = ${id}`);
}

export async function proposeDecision(tx: Database, id: string, userId: string, at: Date, d: { decision: string; reason: string; signpostTo: string | null }): Promise<boolean> {
  const done = await rows<{ id: string }>(
    tx,
    sql`update adult_concern set decision = ${d.decision}, decision_reason = ${d.reason}, signpost_to = ${d.signpostTo}, decided_at = ${at.toISOString()},
          decided_by_user_id = ${userId}, status = 'awaiting_authorisation', returned_comment = null
         where id = ${id} and status = 'open' returning id`,
  );
  return done.length === 1;
}

export async function authorise(tx: Database, id: string, userId: string, at: Date): Promise<boolean> {
  const done = await rows<{ id: string }>(
    tx,
    sql`update adult_concern set status = 'decided', authorised_at = ${at.toISOString()}, authorised_by_user_id = ${userId}
         where id = ${id} and status = 'awaiting_authorisation' returning id`,
  );
  return done.length === 1;
}

export async function returnDecision(tx: Database, id: string, comment: string): Promise<boolean> {
  const done = await rows<{ id: string }>(
    tx,
    sql`update adult_concern set status = 'open', returned_comment = ${comment} where id = ${id} and status = 'awaiting_authorisation' returning id`,
  );
  return done.length === 1;
}

export async function allocate(tx: Database, id: string, userId: string): Promise<void> {
  await tx.execute(sql`update adult_concern set allocated_user_id = ${userId} where id = ${id}`);
  await tx.execute(sql`update adult_enquiry set allocated_user_id = ${userId} where concern_id = ${id} and status = 'open'`);
}

// ——— the worklist ———

export interface WorklistRow {
  id: string;
  reference: string;
  adult_name: string;
  received_at: Date;
  decision_due_at: Date;
  status: string;
  source_code: string;
  decision: string | null;
  allocated_name: string | null;
  enquiry_status: string | null;
  enquiry_kind: string | null;
  enquiry_started_at: Date | null;
  restricted: boolean;
}

/** The worklist's views: its four tabs, and the two a home page's counts open (overdue, due by the end of today). */
export const WORKLIST_VIEWS = ['to_decide', 'to_authorise', 'enquiries', 'mine', 'overdue', 'due_today'] as const;
export type WorklistView = (typeof WORKLIST_VIEWS)[number];

/** Each view's condition, written once: the list and the counts (the tabs, the home page) both use it. */
function worklistWhere(viewer: Viewer, now: Date, endOfToday: Date): Record<WorklistView, SQL> {
  return {
    to_decide: sql`c.status = 'open'`,
    to_authorise: sql`c.status = 'awaiting_authorisation'`,
    enquiries: sql`e.status = 'open'`,
    mine: sql`(c.allocated_user_id = ${viewer.userId} and (c.status <> 'decided' or e.status = 'open'))`,
    overdue: sql`(c.status = 'open' and c.decision_due_at < ${now.toISOString()})`,
    due_today: sql`(c.status = 'open' and c.decision_due_at >= ${now.toISOString()} and c.decision_due_at <= ${endOfToday.toISOString()})`,
  };
}

const worklistFrom = (viewer: Viewer) =>
  sql`from adult_concern c left join adult_enquiry e on e.concern_id = c.id where c.tenant_id = ${viewer.tenantId} and c.owning_agency_id = ${viewer.agencyId}`;

export async function worklist(db: Database, viewer: Viewer, view: WorklistView, at: { now: Date; endOfToday: Date }, page: number, pageSize: number): Promise<{ items: WorklistRow[]; total: number }> {
  const where = worklistWhere(viewer, at.now, at.endOfToday)[view];
  const order = view === 'enquiries' ? sql`e.started_at` : sql`c.decision_due_at, c.received_at`;
  const [items, count] = await Promise.all([
    rows<WorklistRow>(
      db,
      sql`select c.id, c.reference, c.adult_name, c.received_at, c.decision_due_at, c.status, c.source_code, c.decision, au.display_name as allocated_name,
                 e.status as enquiry_status, e.kind as enquiry_kind, e.started_at as enquiry_started_at, ${restrictedConcern('c')} as restricted
            from adult_concern c left join adult_enquiry e on e.concern_id = c.id left join app_user au on au.id = c.allocated_user_id
           where c.tenant_id = ${viewer.tenantId} and c.owning_agency_id = ${viewer.agencyId} and ${where}
           order by ${order}, c.id limit ${pageSize} offset ${(page - 1) * pageSize}`,
    ),
    one<{ n: number }>(db, sql`select count(*)::int as n ${worklistFrom(viewer)} and ${where}`),
  ]);
  return { items, total: count?.n ?? 0 };
}

/** Every view's count in one pass, from the same conditions as the list. */
export async function worklistCounts(db: Database, viewer: Viewer, endOfToday: Date, now: Date): Promise<Record<WorklistView, number>> {
  const where = worklistWhere(viewer, now, endOfToday);
  const columns = sql.join(
    WORKLIST_VIEWS.map((v) => sql`count(*) filter (where ${where[v]})::int as ${sql.raw(v)}`),
    sql`, `,
  );
  const row = await one<Record<WorklistView, number>>(db, sql`select ${columns} ${worklistFrom(viewer)}`);
  return row ?? (Object.fromEntries(WORKLIST_VIEWS.map((v) => [v, 0])) as Record<WorklistView, number>);
}

// ——— enquiries ———

export async function insertEnquiry(tx: Database, e: { tenantId: string; concernId: string; kind: string; startedAt: Date; allocatedUserId: string | null }): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into adult_enquiry (tenant_id, concern_id, kind, started_at, allocated_user_id) values (${e.tenantId}, ${e.concernId}, ${e.kind}, ${e.startedAt.toISOString()}, ${e.allocatedUserId}) returning id`,
  );
  return row!.id;
}

export interface EnquiryRow {
  id: string;
  concern_id: string;
  kind: string;
  started_at: Date;
  lead_kind: string;
  lead_agency_id: string | null;
  lead_agency_name: string | null;
  allocated_user_id: string | null;
  consent: string | null;
  capacity: string | null;
  capacity_note: string | null;
  primary_support_reason: string | null;
  advocacy: string | null;
  advocate_name: string | null;
  msp_asked: string | null;
  desired_outcomes: string | null;
  outcomes_achieved: string | null;
  status: string;
  conclusion: string | null;
  sanctions: string[];
  exit_reason: string | null;
  exit_note: string | null;
  ended_at: Date | null;
}

export async function enquiryOf(db: Database, concernId: string): Promise<EnquiryRow | undefined> {
  return one<EnquiryRow>(
    db,
    sql`select e.id, e.concern_id, e.kind, e.started_at, e.lead_kind, e.lead_agency_id, la.name as lead_agency_name, e.allocated_user_id, e.consent, e.capacity,
               e.capacity_note, e.primary_support_reason, e.advocacy, e.advocate_name, e.msp_asked, e.desired_outcomes, e.outcomes_achieved, e.status, e.conclusion, e.sanctions,
               e.exit_reason, e.exit_note, e.ended_at
          from adult_enquiry e left join agency la on la.id = e.lead_agency_id where e.concern_id = ${concernId}`,
  );
}

export interface Plan {
  leadKind: string;
  leadAgencyId: string | null;
  consent: string;
  capacity: string;
  capacityNote: string | null;
  primarySupportReason: string;
  advocacy: string | null;
  advocateName: string | null;
  mspAsked: string;
  desiredOutcomes: string | null;
}

export async function updatePlan(tx: Database, enquiryId: string, p: Plan): Promise<void> {
  await tx.execute(sql`update adult_enquiry set lead_kind = ${p.leadKind}, lead_agency_id = ${p.leadAgencyId}, consent = ${p.consent}, capacity = ${p.capacity},
    capacity_note = ${p.capacityNote}, primary_support_reason = ${p.primarySupportReason}, advocacy = ${p.advocacy}, advocate_name = ${p.advocateName}, msp_asked = ${p.mspAsked}, desired_outcomes = ${p.desiredOutcomes}
    where id = ${enquiryId}`);
}

export interface RiskRow {
  id: string;
  type: string;
  location: string;
  source: string;
  description: string | null;
  result: string | null;
  action_taken: boolean | null;
  action_note: string | null;
}

export async function risks(db: Database, enquiryId: string): Promise<RiskRow[]> {
  return rows<RiskRow>(db, sql`select id, type, location, source, description, result, action_taken, action_note from adult_risk where enquiry_id = ${enquiryId} order by created_at, id`);
}

export async function insertRisk(tx: Database, r: { tenantId: string; enquiryId: string; type: string; location: string; source: string; description: string | null }): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into adult_risk (tenant_id, enquiry_id, type, location, source, description) values (${r.tenantId}, ${r.enquiryId}, ${r.type}, ${r.location}, ${r.source}, ${r.description}) returning id`,
  );
  return row!.id;
}

export async function recordOutcome(
  tx: Database,
  enquiryId: string,
  userId: string,
  at: Date,
  o: { results: { riskId: string; result: string; actionTaken: boolean; actionNote: string | null }[]; outcomesAchieved: string | null; sanctions: string[]; conclusion: string },
): Promise<boolean> {
  const done = await rows<{ id: string }>(
    tx,
    sql`update adult_enquiry set status = 'concluded', outcomes_achieved = ${o.outcomesAchieved}, sanctions = ${JSON.stringify(o.sanctions)}::jsonb,
          conclusion = ${o.conclusion}, ended_at = ${at.toISOString()}, ended_by_user_id = ${userId}
         where id = ${enquiryId} and status = 'open' returning id`,
  );
  if (done.length !== 1) return false;
  for (const r of o.results) {
    await tx.execute(sql`update adult_risk set result = ${r.result}, action_taken = ${r.actionTaken}, action_note = ${r.actionNote} where id = ${r.riskId} and enquiry_id = ${enquiryId}`);
  }
  return true;
}

export async function exitEnquiry(tx: Database, enquiryId: string, userId: string, at: Date, reason: string, note: string): Promise<boolean> {
  const done = await rows<{ id: string }>(
    tx,
    sql`update adult_enquiry set status = 'exited', exit_reason = ${reason}, exit_note = ${note}, ended_at = ${at.toISOString()}, ended_by_user_id = ${userId}
         where id = ${enquiryId} and status = 'open' returning id`,
  );
  return done.length === 1;
}

// ——— contributions ———

export async function insertContribution(tx: Database, c: { tenantId: string; enquiryId: string; agencyId: string; question: string; dueOn: string; askedByUserId: string }): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into adult_contribution (tenant_id, enquiry_id, agency_id, question, due_on, asked_by_user_id)
        values (${c.tenantId}, ${c.enquiryId}, ${c.agencyId}, ${c.question}, ${c.dueOn}, ${c.askedByUserId}) returning id`,
  );
  return row!.id;
}

export interface ContributionRow {
  id: string;
  enquiry_id: string;
  concern_id: string;
  concern_reference: string;
  adult_name: string;
  agency_id: string;
  agency_name: string;
  question: string;
  due_on: string;
  asked_at: Date;
  asked_by_name: string;
  answer: string | null;
  answered_at: Date | null;
  answered_by_name: string | null;
}

const contributionSelect = sql`select k.id, k.enquiry_id, c.id as concern_id, c.reference as concern_reference, c.adult_name, k.agency_id, a.name as agency_name, k.question,
    k.due_on::text as due_on, k.asked_at, qu.display_name as asked_by_name, k.answer, k.answered_at, ru.display_name as answered_by_name
    from adult_contribution k join adult_enquiry e on e.id = k.enquiry_id join adult_concern c on c.id = e.concern_id join agency a on a.id = k.agency_id
    join app_user qu on qu.id = k.asked_by_user_id left join app_user ru on ru.id = k.answered_by_user_id`;

export async function contributions(db: Database, enquiryId: string): Promise<ContributionRow[]> {
  return rows<ContributionRow>(db, sql`${contributionSelect} where k.enquiry_id = ${enquiryId} order by k.asked_at, k.id`);
}

export async function contribution(db: Database, id: string): Promise<ContributionRow | undefined> {
  return one<ContributionRow>(db, sql`${contributionSelect} where k.id = ${id}`);
}

/** Which of an agency's requests to contribute: still waiting, waiting past their due date, or answered. */
export type ContributionShow = 'waiting' | 'overdue' | 'answered';

/** An agency's requests to contribute; `today` (YYYY-MM-DD, London) decides which waiting ones are overdue. */
export async function contributionsFor(db: Database, tenantId: string, agencyId: string, show: ContributionShow, today: string, page: number, pageSize: number): Promise<{ items: ContributionRow[]; total: number }> {
  const which = { waiting: sql`k.answered_at is null`, overdue: sql`k.answered_at is null and k.due_on < ${today}::date`, answered: sql`k.answered_at is not null` }[show];
  const where = sql`k.tenant_id = ${tenantId} and k.agency_id = ${agencyId} and ${which}`;
  const [items, count] = await Promise.all([
    rows<ContributionRow>(db, sql`${contributionSelect} where ${where} order by ${show === 'answered' ? sql`k.answered_at desc` : sql`k.due_on`}, k.id limit ${pageSize} offset ${(page - 1) * pageSize}`),
    one<{ n: number }>(db, sql`select count(*)::int as n from adult_contribution k where ${where}`),
  ]);
  return { items, total: count?.n ?? 0 };
}

export async function contributionFacts(db: Database, id: string): Promise<AdultContributionFacts | undefined> {
  const row = await one<{ tenant_id: string; agency_id: string; owning_agency_id: string }>(
    db,
    sql`select k.tenant_id, k.agency_id, c.owning_agency_id from adult_contribution k join adult_enquiry e on e.id = k.enquiry_id join adult_concern c on c.id = e.concern_id where k.id = ${id}`,
  );
  return row && { tenantId: row.tenant_id, agencyId: row.agency_id, owningAgencyId: row.owning_agency_id };
}

export async function answerContribution(tx: Database, id: string, userId: string, at: Date, answer: string): Promise<boolean> {
  const done = await rows<{ id: string }>(
    tx,
    sql`update adult_contribution set answer = ${answer}, answered_at = ${at.toISOString()}, answered_by_user_id = ${userId} where id = ${id} and answered_at is null returning id`,
  );
  return done.length === 1;
}

// ——— meetings ———

export interface NewMeeting {
  tenantId: string;
  enquiryId: string;
  kind: string;
  heldAt: Date;
  personsVoice: string;
  decisions: string;
  minutes: string | null;
  recordedByUserId: string;
  attendees: { role: string; name: string; agencyId: string | null; attendance: string }[];
  actions: { description: string; ownerAgencyId: string; ownerName: string | null; dueOn: string }[];
}

export async function insertMeeting(tx: Database, m: NewMeeting): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into adult_meeting (tenant_id, enquiry_id, kind, held_at, persons_voice, decisions, minutes, recorded_by_user_id)
        values (${m.tenantId}, ${m.enquiryId}, ${m.kind}, ${m.heldAt.toISOString()}, ${m.personsVoice}, ${m.decisions}, ${m.minutes}, ${m.recordedByUserId}) returning id`,
  );
  const id = row!.id;
  for (const a of m.attendees) {
    await tx.execute(sql`insert into adult_meeting_attendee (tenant_id, meeting_id, role, name, agency_id, attendance) values (${m.tenantId}, ${id}, ${a.role}, ${a.name}, ${a.agencyId}, ${a.attendance})`);
  }
  for (const a of m.actions) {
    await tx.execute(sql`insert into adult_action (tenant_id, enquiry_id, meeting_id, description, owner_agency_id, owner_name, due_on)
      values (${m.tenantId}, ${m.enquiryId}, ${id}, ${a.description}, ${a.ownerAgencyId}, ${a.ownerName}, ${a.dueOn})`);
  }
  return id;
}

export interface MeetingRow {
  id: string;
  enquiry_id: string;
  kind: string;
  held_at: Date;
  persons_voice: string;
  decisions: string;
  minutes: string | null;
  recorded_by_name: string;
}

export async function meetings(db: Database, enquiryId: string): Promise<MeetingRow[]> {
  return rows<MeetingRow>(
    db,
    sql`select m.id, m.enquiry_id, m.kind, m.held_at, m.persons_voice, m.decisions, m.minutes, u.display_name as recorded_by_name
          from adult_meeting m join app_user u on u.id = m.recorded_by_user_id where m.enquiry_id = ${enquiryId} order by m.held_at, m.id`,
  );
}

export interface AttendeeRow {
  meeting_id: string;
  role: string;
  name: string;
  agency_id: string | null;
  agency_name: string | null;
  attendance: string;
}

export async function attendees(db: Database, enquiryId: string): Promise<AttendeeRow[]> {
  return rows<AttendeeRow>(
    db,
    sql`select t.meeting_id, t.role, t.name, t.agency_id, a.name as agency_name, t.attendance from adult_meeting_attendee t
          join adult_meeting m on m.id = t.meeting_id left join agency a on a.id = t.agency_id where m.enquiry_id = ${enquiryId}
         order by array_position(array['person', 'advocate', 'family', 'professional'], t.role), t.name, t.id`,
  );
}

export interface ActionRow {
  id: string;
  meeting_id: string | null;
  description: string;
  owner_agency_name: string;
  owner_name: string | null;
  due_on: string;
  done_at: Date | null;
}

export async function actions(db: Database, enquiryId: string): Promise<ActionRow[]> {
  return rows<ActionRow>(
    db,
    sql`select x.id, x.meeting_id, x.description, a.name as owner_agency_name, x.owner_name, x.due_on::text as due_on, x.done_at
          from adult_action x join agency a on a.id = x.owner_agency_id where x.enquiry_id = ${enquiryId} order by x.due_on, x.id`,
  );
}

/** Concerns about a person (for one person's history and the lead's view). */
export async function concernsAbout(db: Database, viewer: Viewer, personId: string): Promise<{ id: string; reference: string; received_at: Date; status: string; decision: string | null; enquiry_status: string | null }[]> {
  return rows(
    db,
    sql`select c.id, c.reference, c.received_at, c.status, c.decision, e.status as enquiry_status from adult_concern c left join adult_enquiry e on e.concern_id = c.id
         where c.person_id = ${personId} and ${visibleConcerns(viewer)} order by c.received_at desc`,
  );
}

/** Concerns about a care provider's care (for the provider's page). */
export async function concernsAboutProvider(db: Database, tenantId: string, providerId: string): Promise<{ id: string; reference: string; adult_name: string; received_at: Date; status: string; decision: string | null; enquiry_status: string | null }[]> {
  return rows(
    db,
    sql`select c.id, c.reference, c.adult_name, c.received_at, c.status, c.decision, e.status as enquiry_status from adult_concern c left join adult_enquiry e on e.concern_id = c.id
         where c.tenant_id = ${tenantId} and c.provider_id = ${providerId} order by c.received_at desc, c.id`,
  );
}

/** The area's active care providers (organisational safeguarding's register, read for a choice on the concern). */
export async function providerChoices(db: Database, tenantId: string): Promise<{ id: string; name: string }[]> {
  return rows(db, sql`select id, name from care_provider where tenant_id = ${tenantId} and active order by name`);
}

// ——— published for multi-agency audits ———

const dayStarts = (date: string) => sql`(${date}::date::timestamp at time zone 'Europe/London')`;
const dayAfter = (date: string) => sql`((${date}::date + 1)::timestamp at time zone 'Europe/London')`;

/** Concerns as an audit shows them (picked: id, person_id, reference, started_at, owning/source/lead agency, enquiry_id, rank). */
function auditRows(db: Database, picked: SQL): Promise<SampleCandidate[]> {
  return rows<SampleCandidate>(
    db,
    sql`with picked as (${picked})
        select k.id, k.person_id, k.reference, to_char(k.started_at at time zone 'Europe/London', 'YYYY-MM-DD') as "on",
               coalesce((select upper(left(n.given_names, 1)) || upper(left(n.family_name, 1)) from person_name n where n.person_id = k.person_id order by n.is_primary desc, n.id limit 1), '–') as initials,
               (select x.date_of_birth::text from person x where x.id = k.person_id) as date_of_birth,
               array(select distinct a from (select k.owning_agency_id as a union select k.source_agency_id union select k.lead_agency_id
                                             union select t.agency_id from adult_contribution t where t.enquiry_id = k.enquiry_id) s
                      where a is not null order by a) as agency_ids
          from picked k order by k.rank, k.id`,
  );
}

const AUDIT_COLUMNS = sql`c.id, c.person_id, c.reference, c.received_at as started_at, c.owning_agency_id, c.source_agency_id, e.id as enquiry_id, e.lead_agency_id`;

/**
 * Published for multi-agency audits: concerns about a known adult active in a period (received by its end, not
 * finished before its start: decided without an enquiry, or the enquiry ended), never a restricted one, in an order
 * fixed by the seed (md5 of the seed and the concern's id), the first `limit`. The adult's initials and date of birth
 * only; the agencies involved are the adult team, the concern's source agency, the enquiry's lead and the agencies
 * asked to contribute.
 */
export function auditSample(db: Database, tenantId: string, from: string, to: string, limit: number, seed: string): Promise<SampleCandidate[]> {
  return auditRows(
    db,
    sql`select ${AUDIT_COLUMNS}, md5(${seed} || c.id::text) collate "C" as rank
          from adult_concern c left join adult_enquiry e on e.concern_id = c.id
         where c.tenant_id = ${tenantId} and c.person_id is not null and c.received_at < ${dayAfter(to)}
           and coalesce(case when e.id is null then c.decided_at else e.ended_at end, 'infinity'::timestamptz) >= ${dayStarts(from)}
           and not ${restrictedConcern('c')}
         order by rank, c.id limit ${limit}`,
  );
}

/** Published for multi-agency audits: the sampled concerns again, by id (none that has since been restricted). */
export function auditRecords(db: Database, tenantId: string, ids: readonly string[]): Promise<SampleCandidate[]> {
  return auditRows(
    db,
    sql`select ${AUDIT_COLUMNS}, c.reference as rank from adult_concern c left join adult_enquiry e on e.concern_id = c.id
         where c.tenant_id = ${tenantId} and c.person_id is not null and c.id in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid) and not ${restrictedConcern('c')}`,
  );
}
