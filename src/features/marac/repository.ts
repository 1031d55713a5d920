/**
 * SQL for MARAC: referrals and the repeat and serial-perpetrator checks, meetings with their invited agencies and
 * attendance, the agenda, research, minutes and actions. Every query is scoped to one area (tenant).
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { type Permission, ROLE_PERMISSIONS, type Role } from '../../domain/roles.js';
import { type RecordViewer } from '../../domain/access.js';
import { maracMeeting, maracMeetingAgency, maracReferral } from '../../db/schema/index.js';

const LONDON_DATE = (column: SQL) => sql`to_char(${column} at time zone 'Europe/London', 'YYYY-MM-DD')`;

function rolesWith(permission: Permission): Role[] {
  return (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => ROLE_PERMISSIONS[r].includes(permission));
}

// ——— who is who ———

/** Is the agency one of the area's MARAC coordinating agencies (it has an active user who coordinates MARAC)? */
export async function isCoordinatingAgency(db: Database, tenantId: string, agencyId: string): Promise<boolean> {
  const roles = rolesWith('marac:coordinate');
  const row = await one<{ yes: boolean }>(
    db,
    sql`select exists (select 1 from app_user u join role_assignment ra on ra.user_id = u.id
                        where u.tenant_id = ${tenantId} and u.agency_id = ${agencyId} and u.disabled_at is null
                          and ra.role in (select jsonb_array_elements_text(${JSON.stringify(roles)}::jsonb))) as yes`,
  );
  return row?.yes === true;
}

/** Active users in the area with a permission, optionally only those of some agencies. */
export function usersWith(db: Database, tenantId: string, permission: Permission, agencyIds?: readonly string[]) {
  const roles = rolesWith(permission);
  const agencies = agencyIds ? sql`and u.agency_id in (select jsonb_array_elements_text(${JSON.stringify(agencyIds)}::jsonb)::uuid)` : sql``;
  return rows<{ id: string; display_name: string; agency_id: string; agency_name: string }>(
    db,
    sql`select distinct u.id, u.display_name, u.agency_id, a.name as agency_name
          from app_user u join role_assignment ra on ra.user_id = u.id join agency a on a.id = u.agency_id
         where u.tenant_id = ${tenantId} and u.disabled_at is null ${agencies}
           and ra.role in (select jsonb_array_elements_text(${JSON.stringify(roles)}::jsonb))
         order by a.name, u.display_name`,
  );
}

export function activeAgencies(db: Database, tenantId: string) {
  return rows<{ id: string; name: string; type: string }>(db, sql`select id, name, type from agency where tenant_id = ${tenantId} and active order by name`);
}

// ——— referrals ———

export interface PairQuery {
  victimKey: string | null;
  perpetratorKey: string | null;
  victimPersonId: string | null;
  perpetratorPersonId: string | null;
}

/** The same person on one side of a referral: by person id where both have one, else by name-and-date-of-birth key. */
function sideMatches(side: 'victim' | 'perpetrator', personId: string | null, key: string | null): SQL {
  const pid = sql.raw(`r.${side}_person_id`);
  const k = sql.raw(`r.${side}_key`);
  if (personId && key) return sql`(case when ${pid} is not null then ${pid} = ${personId}::uuid else ${k} = ${key} end)`;
  if (personId) return sql`${pid} = ${personId}::uuid`;
  if (key) return sql`${k} = ${key}`;
  return sql`false`;
}

/** Referrals between the pair referred (London dates) from `from` to `to` inclusive, most recent first. */
export function pairReferrals(db: Database, tenantId: string, pair: PairQuery, from: string, to: string) {
  return rows<{ id: string; referred_on: string }>(
    db,
    sql`select r.id, ${LONDON_DATE(sql`r.referred_at`)} as referred_on
          from marac_referral r
         where r.tenant_id = ${tenantId}
           and ${sideMatches('victim', pair.victimPersonId, pair.victimKey)}
           and ${sideMatches('perpetrator', pair.perpetratorPersonId, pair.perpetratorKey)}
           and (r.referred_at at time zone 'Europe/London')::date between ${from}::date and ${to}::date
         order by r.referred_at desc, r.created_at desc`,
  );
}

export async function insertReferral(db: Database, values: typeof maracReferral.$inferInsert): Promise<string> {
  const [row] = await db.insert(maracReferral).values(values).returning({ id: maracReferral.id });
  return row!.id;
}

/** The same person as referral `a` on one side of referral `b` (both aliases), by person id, else key. */
function samePerson(side: 'victim' | 'perpetrator', a: string, b: string): SQL {
  return sql.raw(
    `(case when ${a}.${side}_person_id is not null and ${b}.${side}_person_id is not null then ${a}.${side}_person_id = ${b}.${side}_person_id
           else ${a}.${side}_key is not null and ${a}.${side}_key = ${b}.${side}_key end)`,
  );
}

/** Different victims: by person id where both have one, else key where both have one, else by name. */
function differentVictim(a: string, b: string): SQL {
  return sql.raw(
    `not (case when ${a}.victim_person_id is not null and ${b}.victim_person_id is not null then ${a}.victim_person_id = ${b}.victim_person_id
               when ${a}.victim_key is not null and ${b}.victim_key is not null then ${a}.victim_key = ${b}.victim_key
               else lower(${a}.victim_name) = lower(${b}.victim_name) end)`,
  );
}

/** A serial perpetrator: the referral's perpetrator has been referred with another victim in the area. */
const SERIAL = sql`exists (select 1 from marac_referral o where o.tenant_id = r.tenant_id and o.id <> r.id
                            and ${samePerson('perpetrator', 'r', 'o')} and ${differentVictim('r', 'o')})`;

export interface ReferralRow {
  id: string;
  tenant_id: string;
  da_case_id: string | null;
  victim_person_id: string | null;
  perpetrator_person_id: string | null;
  victim_name: string;
  perpetrator_name: string | null;
  victim_key: string | null;
  perpetrator_key: string | null;
  referring_agency_id: string;
  referring_agency_name: string;
  referred_by_name: string | null;
  referred_at: string;
  referred_on: string;
  criteria: string[];
  dash_score: number | null;
  reason: string;
  previous_referral_id: string | null;
  previous_referred_on: string | null;
  status: string;
  meeting_id: string | null;
  meeting_at: string | null;
  meeting_status: string | null;
  serial: boolean;
}

const REFERRAL = sql`select r.id, r.tenant_id, r.da_case_id, r.victim_person_id, r.perpetrator_person_id, r.victim_name, r.perpetrator_name,
         r.victim_key, r.perpetrator_key, r.referring_agency_id, a.name as referring_agency_name, u.display_name as referred_by_name,
         r.referred_at, ${LONDON_DATE(sql`r.referred_at`)} as referred_on, r.criteria, r.dash_score, r.reason, r.previous_referral_id,
         ${LONDON_DATE(sql`p.referred_at`)} as previous_referred_on, r.status, r.meeting_id, m.meeting_at, m.status as meeting_status,
         ${SERIAL} as serial
    from marac_referral r join agency a on a.id = r.referring_agency_id
    left join app_user u on u.id = r.referred_by_user_id
    left join marac_referral p on p.id = r.previous_referral_id
    left join marac_meeting m on m.id = r.meeting_id`;

export function referralById(db: Database, tenantId: string, id: string): Promise<ReferralRow | undefined> {
  return one<ReferralRow>(db, sql`${REFERRAL} where r.id = ${id} and r.tenant_id = ${tenantId}`);
}

/** The referrals a list shows (alias r): of these statuses, referred by this agency. The list and its count share it. */
function referralWhere(tenantId: string, filter: { statuses?: readonly string[]; agencyId?: string }): SQL {
  const statuses = filter.statuses ? sql`and r.status in (select jsonb_array_elements_text(${JSON.stringify(filter.statuses)}::jsonb))` : sql``;
  const agency = filter.agencyId ? sql`and r.referring_agency_id = ${filter.agencyId}` : sql``;
  return sql`r.tenant_id = ${tenantId} ${statuses} ${agency}`;
}

export function listReferrals(db: Database, tenantId: string, filter: { statuses?: readonly string[]; agencyId?: string; limit: number; offset: number }): Promise<ReferralRow[]> {
  return rows<ReferralRow>(db, sql`${REFERRAL} where ${referralWhere(tenantId, filter)} order by r.referred_at desc, r.id limit ${filter.limit} offset ${filter.offset}`);
}

/** How many referrals `listReferrals` would list with this filter, across its pages. */
export async function countListedReferrals(db: Database, tenantId: string, filter: { statuses?: readonly string[]; agencyId?: string }): Promise<number> {
  return Number((await one<{ n: number }>(db, sql`select count(*)::int as n from marac_referral r where ${referralWhere(tenantId, filter)}`))?.n ?? 0);
}

export async function countReferrals(db: Database, tenantId: string, status: string): Promise<number> {
  return Number((await one<{ n: number }>(db, sql`select count(*)::int as n from marac_referral where tenant_id = ${tenantId} and status = ${status}`))?.n ?? 0);
}

/** Every referral in the area with the same victim (or perpetrator) as a referral, most recent first. */
export function historyOf(db: Database, tenantId: string, referralId: string, side: 'victim' | 'perpetrator'): Promise<ReferralRow[]> {
  return rows<ReferralRow>(
    db,
    sql`${REFERRAL} join marac_referral s on s.id = ${referralId} and s.tenant_id = ${tenantId}
         where r.tenant_id = ${tenantId} and (r.id = s.id or ${samePerson(side, 's', 'r')})
         order by r.referred_at desc, r.id`,
  );
}

/** Moves a referral from one of `from` to `to`; false when it was not in one of them. */
export async function setStatus(db: Database, tenantId: string, id: string, from: readonly string[], to: string): Promise<boolean> {
  const done = await rows<{ id: string }>(
    db,
    sql`update marac_referral set status = ${to}
         where id = ${id} and tenant_id = ${tenantId} and status in (select jsonb_array_elements_text(${JSON.stringify(from)}::jsonb)) returning id`,
  );
  return done.length === 1;
}

// ——— meetings ———

export async function insertMeeting(db: Database, values: { tenantId: string; meetingAt: Date; location: string; createdByUserId: string }): Promise<string> {
  const [row] = await db.insert(maracMeeting).values(values).returning({ id: maracMeeting.id });
  return row!.id;
}

export async function inviteAgencies(db: Database, tenantId: string, meetingId: string, agencyIds: readonly string[]): Promise<void> {
  if (agencyIds.length === 0) return;
  await db.insert(maracMeetingAgency).values(agencyIds.map((agencyId) => ({ tenantId, meetingId, agencyId })));
}

export interface MeetingRow {
  id: string;
  meeting_at: string;
  meeting_on: string;
  location: string;
  status: string;
  created_by_name: string | null;
  cases: number;
  invited: number;
  /** The viewer's agency: invited, and present (null until the meeting is held). */
  my_invited: boolean;
  my_present: boolean | null;
  /** Cases on the agenda the viewer's agency has not researched yet. */
  my_research_due: number;
}

function meetingSelect(agencyId: string): SQL {
  return sql`select m.id, m.meeting_at, ${LONDON_DATE(sql`m.meeting_at`)} as meeting_on, m.location, m.status, u.display_name as created_by_name,
         (select count(*)::int from marac_referral r where r.meeting_id = m.id) as cases,
         (select count(*)::int from marac_meeting_agency x where x.meeting_id = m.id) as invited,
         (mine.id is not null) as my_invited, mine.present as my_present,
         (select count(*)::int from marac_referral r where r.meeting_id = m.id
             and not exists (select 1 from marac_research rs where rs.referral_id = r.id and rs.agency_id = ${agencyId})) as my_research_due
    from marac_meeting m left join app_user u on u.id = m.created_by_user_id
    left join marac_meeting_agency mine on mine.meeting_id = m.id and mine.agency_id = ${agencyId}`;
}

export function meetingById(db: Database, tenantId: string, id: string, viewerAgencyId: string): Promise<MeetingRow | undefined> {
  return one<MeetingRow>(db, sql`${meetingSelect(viewerAgencyId)} where m.id = ${id} and m.tenant_id = ${tenantId}`);
}

/** Meetings in the area the viewer may open: all of them for the coordinating agency, otherwise those their agency is invited to. */
export function listMeetings(db: Database, viewer: RecordViewer, options: { status: 'scheduled' | 'held'; limit: number }): Promise<MeetingRow[]> {
  const order = options.status === 'scheduled' ? sql`m.meeting_at, m.id` : sql`m.meeting_at desc, m.id`;
  return rows<MeetingRow>(db, sql`${meetingSelect(viewer.agencyId)} where ${visibleMeetings(viewer)} and m.status = ${options.status} order by ${order} limit ${options.limit}`);
}

export function meetingAgencies(db: Database, meetingId: string) {
  return rows<{ agency_id: string; name: string; present: boolean | null; researched: number }>(
    db,
    sql`select ma.agency_id, a.name, ma.present,
               (select count(*)::int from marac_research rs join marac_referral r on r.id = rs.referral_id
                 where r.meeting_id = ma.meeting_id and rs.agency_id = ma.agency_id) as researched
          from marac_meeting_agency ma join agency a on a.id = ma.agency_id
         where ma.meeting_id = ${meetingId} order by a.name`,
  );
}

export async function markAttendance(db: Database, tenantId: string, meetingId: string, presentAgencyIds: readonly string[]): Promise<void> {
  await db.execute(
    sql`update marac_meeting_agency set present = (agency_id in (select jsonb_array_elements_text(${JSON.stringify(presentAgencyIds)}::jsonb)::uuid))
         where meeting_id = ${meetingId} and tenant_id = ${tenantId}`,
  );
  await db.execute(sql`update marac_meeting set status = 'held' where id = ${meetingId} and tenant_id = ${tenantId}`);
}

export interface AgendaRow {
  id: string;
  victim_name: string;
  perpetrator_name: string | null;
  victim_key: string | null;
  criteria: string[];
  dash_score: number | null;
  status: string;
  previous_referral_id: string | null;
  referring_agency_name: string;
  researched_by: string[];
  has_minutes: boolean;
}

/** Research still to come for a meeting: each invited agency's research on each case on the agenda, less what is in. */
export async function researchOutstanding(db: Database, meetingId: string): Promise<{ expected: number; returned: number }> {
  const row = await one<{ expected: number; returned: number }>(
    db,
    sql`select (select count(*)::int from marac_referral r join marac_meeting_agency ma on ma.meeting_id = r.meeting_id where r.meeting_id = ${meetingId}) as expected,
               (select count(*)::int from marac_research rs join marac_referral r on r.id = rs.referral_id
                  join marac_meeting_agency ma on ma.meeting_id = r.meeting_id and ma.agency_id = rs.agency_id where r.meeting_id = ${meetingId}) as returned`,
  );
  return { expected: Number(row?.expected ?? 0), returned: Number(row?.returned ?? 0) };
}

export function agenda(db: Database, meetingId: string): Promise<AgendaRow[]> {
  return rows<AgendaRow>(
    db,
    sql`select r.id, r.victim_name, r.perpetrator_name, r.victim_key, r.criteria, r.dash_score, r.status, r.previous_referral_id, a.name as referring_agency_name,
               array(select rs.agency_id::text from marac_research rs where rs.referral_id = r.id order by rs.agency_id) as researched_by,
               exists (select 1 from marac_minutes mi where mi.meeting_id = ${meetingId} and mi.referral_id = r.id) as has_minutes
          from marac_referral r join agency a on a.id = r.referring_agency_id
         where r.meeting_id = ${meetingId} order by r.referred_at, r.id`,
  );
}

/** Puts referrals still waiting ("referred") on a meeting's agenda; returns the ids listed. */
export async function listOnMeeting(db: Database, tenantId: string, meetingId: string, referralIds: readonly string[]): Promise<string[]> {
  const done = await rows<{ id: string }>(
    db,
    sql`update marac_referral set status = 'listed', meeting_id = ${meetingId}
         where tenant_id = ${tenantId} and status = 'referred'
           and id in (select jsonb_array_elements_text(${JSON.stringify(referralIds)}::jsonb)::uuid) returning id`,
  );
  return done.map((d) => d.id);
}

// ——— research ———

export interface ResearchRow {
  referral_id: string;
  agency_id: string;
  agency_name: string;
  known: string;
  information: string;
  completed_by_name: string | null;
  completed_at: string;
}

const RESEARCH = sql`select rs.referral_id, rs.agency_id, a.name as agency_name, rs.known, rs.information, u.display_name as completed_by_name, rs.completed_at
    from marac_research rs join agency a on a.id = rs.agency_id left join app_user u on u.id = rs.completed_by_user_id`;

export function researchForMeeting(db: Database, meetingId: string): Promise<ResearchRow[]> {
  return rows<ResearchRow>(db, sql`${RESEARCH} join marac_referral r on r.id = rs.referral_id where r.meeting_id = ${meetingId} order by a.name`);
}

export function researchForReferral(db: Database, referralId: string): Promise<ResearchRow[]> {
  return rows<ResearchRow>(db, sql`${RESEARCH} where rs.referral_id = ${referralId} order by a.name`);
}

export function researchBy(db: Database, referralId: string, agencyId: string): Promise<ResearchRow | undefined> {
  return one<ResearchRow>(db, sql`${RESEARCH} where rs.referral_id = ${referralId} and rs.agency_id = ${agencyId}`);
}

export async function upsertResearch(db: Database, values: { tenantId: string; referralId: string; agencyId: string; known: string; information: string; userId: string; at: Date }): Promise<void> {
  await db.execute(
    sql`insert into marac_research (tenant_id, referral_id, agency_id, known, information, completed_by_user_id, completed_at)
        values (${values.tenantId}, ${values.referralId}, ${values.agencyId}, ${values.known}, ${values.information}, ${values.userId}, ${values.at})
        on conflict (referral_id, agency_id) do update set known = excluded.known, information = excluded.information,
           completed_by_user_id = excluded.completed_by_user_id, completed_at = excluded.completed_at`,
  );
}

// ——— minutes ———

export interface MinutesRow {
  referral_id: string;
  text: string;
  recorded_by_name: string | null;
  recorded_at: string;
}

export function minutesForMeeting(db: Database, meetingId: string): Promise<MinutesRow[]> {
  return rows<MinutesRow>(
    db,
    sql`select mi.referral_id, mi.text, u.display_name as recorded_by_name, mi.recorded_at
          from marac_minutes mi left join app_user u on u.id = mi.recorded_by_user_id where mi.meeting_id = ${meetingId}`,
  );
}

export async function upsertMinutes(db: Database, values: { tenantId: string; meetingId: string; referralId: string; text: string; userId: string; at: Date }): Promise<boolean> {
  const row = await one<{ inserted: boolean }>(
    db,
    sql`insert into marac_minutes (tenant_id, meeting_id, referral_id, text, recorded_by_user_id, recorded_at)
        values (${values.tenantId}, ${values.meetingId}, ${values.referralId}, ${values.text}, ${values.userId}, ${values.at})
        on conflict (meeting_id, referral_id) do update set text = excluded.text, recorded_by_user_id = excluded.recorded_by_user_id,
           recorded_at = excluded.recorded_at
        returning (xmax = 0) as inserted`,
  );
  return row?.inserted === true;
}

// ——— actions (read here; written by domestic abuse, which owns da_action: MaracActionWriter in service.ts) ———

export interface ActionRow {
  id: string;
  description: string;
  due_on: string;
  done_at: string | null;
  done_note: string | null;
  done_by_name: string | null;
  owner_agency_id: string;
  owner_agency_name: string;
  owner_user_id: string | null;
  owner_user_name: string | null;
  marac_referral_id: string | null;
  meeting_id: string | null;
  victim_name: string | null;
  meeting_at: string | null;
  created_at: string;
}

const ACTION = sql`select d.id, d.description, d.due_on, d.done_at, d.done_note, du.display_name as done_by_name, d.owner_agency_id,
         a.name as owner_agency_name, d.owner_user_id, ou.display_name as owner_user_name, d.marac_referral_id, d.meeting_id,
         r.victim_name, m.meeting_at, d.created_at
    from da_action d join agency a on a.id = d.owner_agency_id
    left join app_user ou on ou.id = d.owner_user_id left join app_user du on du.id = d.done_by_user_id
    left join marac_referral r on r.id = d.marac_referral_id left join marac_meeting m on m.id = d.meeting_id`;

export interface ActionFilter {
  ownerAgencyId?: string;
  referralId?: string;
  meetingId?: string;
  visibleTo?: RecordViewer;
  done: boolean | null;
  /** Only open actions due before this London date (overdue on it). */
  overdueOn?: string;
}

/** The actions a list shows (alias d). The list and its count share it. */
function actionWhere(tenantId: string, filter: ActionFilter): SQL {
  const owner = filter.ownerAgencyId ? sql`and d.owner_agency_id = ${filter.ownerAgencyId}` : sql``;
  const visible = filter.visibleTo ? sql`and ${visibleActions(filter.visibleTo)}` : sql``;
  const referral = filter.referralId ? sql`and d.marac_referral_id = ${filter.referralId}` : sql``;
  const meeting = filter.meetingId ? sql`and d.meeting_id = ${filter.meetingId}` : sql``;
  const done = filter.done === null ? sql`` : filter.done ? sql`and d.done_at is not null` : sql`and d.done_at is null`;
  const overdue = filter.overdueOn ? sql`and d.done_at is null and d.due_on < ${filter.overdueOn}::date` : sql``;
  return sql`d.tenant_id = ${tenantId} and d.forum = 'marac' ${owner} ${visible} ${referral} ${meeting} ${done} ${overdue}`;
}

export function listActions(db: Database, tenantId: string, filter: ActionFilter & { limit: number; offset: number }): Promise<ActionRow[]> {
  const order = filter.done ? sql`d.done_at desc, d.id` : sql`d.done_at is not null, d.due_on, d.created_at, d.id`;
  return rows<ActionRow>(db, sql`${ACTION} where ${actionWhere(tenantId, filter)} order by ${order} limit ${filter.limit} offset ${filter.offset}`);
}

/** How many actions `listActions` would list with this filter, across its pages. */
export async function countActions(db: Database, tenantId: string, filter: ActionFilter): Promise<number> {
  return Number((await one<{ n: number }>(db, sql`select count(*)::int as n from da_action d where ${actionWhere(tenantId, filter)}`))?.n ?? 0);
}

export function actionsForMeeting(db: Database, meetingId: string): Promise<ActionRow[]> {
  return rows<ActionRow>(db, sql`${ACTION} where d.meeting_id = ${meetingId} and d.forum = 'marac' order by d.due_on, d.created_at, d.id`);
}

export async function actionCounts(db: Database, tenantId: string, ownerAgencyId: string | null, today: string): Promise<{ open: number; overdue: number }> {
  const owner = ownerAgencyId ? sql`and owner_agency_id = ${ownerAgencyId}` : sql``;
  const row = await one<{ open: number; overdue: number }>(
    db,
    sql`select count(*)::int as open, count(*) filter (where due_on < ${today}::date)::int as overdue
          from da_action where tenant_id = ${tenantId} and forum = 'marac' and done_at is null ${owner}`,
  );
  return { open: Number(row?.open ?? 0), overdue: Number(row?.overdue ?? 0) };
}

export function actionById(db: Database, tenantId: string, id: string): Promise<ActionRow | undefined> {
  return one<ActionRow>(db, sql`${ACTION} where d.id = ${id} and d.tenant_id = ${tenantId} and d.forum = 'marac'`);
}

// ——— a DA case, to start a referral from ———

export async function caseForReferral(db: Database, tenantId: string, caseId: string) {
  const c = await one<{ id: string; contact_id: string; restricted: boolean; owning_agency_id: string }>(
    db,
    sql`select d.id, d.contact_id, c.restricted, c.owning_agency_id from da_case d join contact c on c.id = d.contact_id where d.id = ${caseId} and d.tenant_id = ${tenantId}`,
  );
  if (!c) return undefined;
  const people = await rows<{ role: string; given_names: string; family_name: string; date_of_birth: string | null; person_id: string | null }>(
    db,
    sql`select role, given_names, family_name, date_of_birth, person_id from da_person
         where da_case_id = ${caseId} and role in ('victim', 'alleged_perpetrator') order by position, id`,
  );
  const dash = await one<{ score: number }>(db, sql`select score from dash_assessment where da_case_id = ${caseId} order by completed_at desc, id limit 1`);
  return {
    id: c.id,
    contactId: c.contact_id,
    restricted: c.restricted,
    owningAgencyId: c.owning_agency_id,
    victim: people.find((p) => p.role === 'victim') ?? null,
    perpetrator: people.find((p) => p.role === 'alleged_perpetrator') ?? null,
    dashScore: dash ? Number(dash.score) : null,
  };
}

// ——— the facts the record rules read (domain/access.ts) ———

/** Agencies in the area with an active user who coordinates MARAC. */
export async function coordinatingAgencyIds(db: Database, tenantId: string): Promise<string[]> {
  const roles = rolesWith('marac:coordinate');
  const found = await rows<{ agency_id: string }>(
    db,
    sql`select distinct u.agency_id from app_user u join role_assignment ra on ra.user_id = u.id
         where u.tenant_id = ${tenantId} and u.disabled_at is null
           and ra.role in (select jsonb_array_elements_text(${JSON.stringify(roles)}::jsonb))`,
  );
  return found.map((r) => r.agency_id);
}

/** A meeting's area and who was invited and present, for the sharing rule. */
export async function meetingFacts(db: Database, id: string): Promise<{ tenantId: string; invitedAgencyIds: string[]; presentAgencyIds: string[] } | undefined> {
  const m = await one<{ tenant_id: string; invited: string[] | null; present: string[] | null }>(
    db,
    sql`select m.tenant_id,
               (select array_agg(x.agency_id) from marac_meeting_agency x where x.meeting_id = m.id) as invited,
               (select array_agg(x.agency_id) from marac_meeting_agency x where x.meeting_id = m.id and x.present) as present
          from marac_meeting m where m.id = ${id}`,
  );
  return m ? { tenantId: m.tenant_id, invitedAgencyIds: m.invited ?? [], presentAgencyIds: m.present ?? [] } : undefined;
}

export function referralFacts(db: Database, id: string) {
  return one<{ tenant_id: string; referring_agency_id: string; meeting_id: string | null }>(db, sql`select tenant_id, referring_agency_id, meeting_id from marac_referral where id = ${id}`);
}

export function actionFacts(db: Database, id: string) {
  return one<{ tenant_id: string; owner_agency_id: string; forum: string }>(db, sql`select tenant_id, owner_agency_id, forum from da_action where id = ${id}`);
}

// ——— the record rules as SQL, for lists (test/access-consistency.test.ts checks they agree with domain/access.ts) ———

/** The viewer's agency coordinates MARAC: their roles do, or a colleague in the area has a coordinating role. */
function coordinating(viewer: RecordViewer, tenant: SQL): SQL {
  if (viewer.permissions.has('marac:coordinate')) return sql`true`;
  return sql`exists (select 1 from app_user cu join role_assignment cra on cra.user_id = cu.id
                      where cu.tenant_id = ${tenant} and cu.agency_id = ${viewer.agencyId} and cu.disabled_at is null
                        and cra.role in (select jsonb_array_elements_text(${JSON.stringify(rolesWith('marac:coordinate'))}::jsonb)))`;
}

/** Meetings (alias m) the viewer may open: invited agencies and the coordinating agency (`maracMeetingAccess`). */
export function visibleMeetings(viewer: RecordViewer): SQL {
  return sql`(m.tenant_id = ${viewer.tenantId} and (${coordinating(viewer, sql`m.tenant_id`)}
             or exists (select 1 from marac_meeting_agency vx where vx.meeting_id = m.id and vx.agency_id = ${viewer.agencyId})))`;
}

/** Referrals (alias r): the referring, coordinating and invited agencies (`maracReferralAccess`). */
export function visibleReferrals(viewer: RecordViewer): SQL {
  return sql`(r.tenant_id = ${viewer.tenantId} and (${coordinating(viewer, sql`r.tenant_id`)} or r.referring_agency_id = ${viewer.agencyId}
             or exists (select 1 from marac_meeting_agency vx where vx.meeting_id = r.meeting_id and vx.agency_id = ${viewer.agencyId})))`;
}

/** MARAC actions (alias d): the owner agency and the coordinating agency (`maracActionAccess`). */
export function visibleActions(viewer: RecordViewer): SQL {
  return sql`(d.tenant_id = ${viewer.tenantId} and d.forum = 'marac' and (${coordinating(viewer, sql`d.tenant_id`)} or d.owner_agency_id = ${viewer.agencyId}))`;
}
