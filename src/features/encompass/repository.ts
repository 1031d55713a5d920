/**
 * SQL for Operation Encompass: the area's settings, calendars and key adults; where a child goes to school; the
 * notices, each key adult's list, the needs-a-setting queue and the monitor's report.
 */
import { type SQL, and, eq, isNull, sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { encompassKeyAdult, encompassNotice, schoolCalendar } from '../../db/schema/index.js';
import { type SchoolTerm } from '../../domain/encompass.js';
import { isLocalDate } from '../../domain/time.js';

// ——— the area ———

export interface SettingRow {
  agency_id: string;
  name: string;
  type: string;
  urn: string | null;
  phase: string | null;
}

/** Active agencies that can receive a notice: schools and nurseries (with their URN), health, children's social care. */
export function settings(db: Database, tenantId: string): Promise<SettingRow[]> {
  return rows<SettingRow>(
    db,
    sql`select a.id as agency_id, a.name, a.type, s.urn, s.phase
          from agency a left join school s on s.agency_id = a.id
         where a.tenant_id = ${tenantId} and a.active and a.type in ('school', 'health', 'children_social_care')
         order by case a.type when 'school' then 0 when 'health' then 1 else 2 end, a.name collate "und-x-icu"`,
  );
}

export interface CalendarRow {
  agencyId: string | null;
  dayStartsAt: string;
  terms: SchoolTerm[];
  closures: string[];
  updatedAt: Date;
}

/** A stored calendar, keeping only well-formed terms and dates (jsonb is not checked by the database). */
function toCalendar(r: typeof schoolCalendar.$inferSelect): CalendarRow {
  const terms = (Array.isArray(r.terms) ? r.terms : []).filter(
    (t): t is SchoolTerm => !!t && typeof t === 'object' && isLocalDate(String((t as SchoolTerm).from)) && isLocalDate(String((t as SchoolTerm).to)),
  );
  const closures = (Array.isArray(r.closures) ? r.closures : []).filter((d): d is string => typeof d === 'string' && isLocalDate(d));
  return { agencyId: r.agencyId, dayStartsAt: r.dayStartsAt, terms, closures, updatedAt: r.updatedAt };
}

export async function calendars(db: Database, tenantId: string): Promise<CalendarRow[]> {
  return (await db.select().from(schoolCalendar).where(eq(schoolCalendar.tenantId, tenantId))).map(toCalendar);
}

/** A school's own calendar (agencyId) or the authority's default (null); undefined when none is set. */
export async function calendarOf(db: Database, tenantId: string, agencyId: string | null, options: { forUpdate?: boolean } = {}): Promise<CalendarRow | undefined> {
  const where = and(eq(schoolCalendar.tenantId, tenantId), agencyId ? eq(schoolCalendar.agencyId, agencyId) : isNull(schoolCalendar.agencyId));
  const query = db.select().from(schoolCalendar).where(where);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row ? toCalendar(row) : undefined;
}

export async function saveCalendar(db: Database, tenantId: string, agencyId: string | null, values: { dayStartsAt: string; terms: SchoolTerm[]; closures: string[]; at: Date }): Promise<void> {
  const set = { dayStartsAt: values.dayStartsAt, terms: values.terms, closures: values.closures, updatedAt: values.at };
  await db
    .insert(schoolCalendar)
    .values({ tenantId, agencyId, ...set })
    .onConflictDoUpdate({ target: [schoolCalendar.tenantId, schoolCalendar.agencyId], set });
}

export async function deleteCalendar(db: Database, tenantId: string, agencyId: string): Promise<boolean> {
  const done = await db
    .delete(schoolCalendar)
    .where(and(eq(schoolCalendar.tenantId, tenantId), eq(schoolCalendar.agencyId, agencyId)))
    .returning({ id: schoolCalendar.id });
  return done.length > 0;
}

export interface KeyAdultRow {
  agency_id: string;
  user_id: string;
  email: string;
  display_name: string;
}

/** Every key adult of the area who can still sign in (disabled accounts receive nothing). */
export function keyAdults(db: Database, tenantId: string, agencyId?: string): Promise<KeyAdultRow[]> {
  return rows<KeyAdultRow>(
    db,
    sql`select k.agency_id, u.id as user_id, u.email, u.display_name
          from encompass_key_adult k join app_user u on u.id = k.user_id
         where k.tenant_id = ${tenantId} and u.disabled_at is null ${agencyId ? sql`and k.agency_id = ${agencyId}` : sql``}
         order by u.display_name collate "und-x-icu"`,
  );
}

export async function isKeyAdult(db: Database, agencyId: string, userId: string): Promise<boolean> {
  return !!(await one(db, sql`select 1 from encompass_key_adult where agency_id = ${agencyId} and user_id = ${userId}`));
}

/** Active users of an agency who hold one of the roles (the roles that can receive notices). */
export function usersWithRoles(db: Database, tenantId: string, agencyId: string, roles: readonly string[]) {
  return rows<{ id: string; display_name: string; email: string; key_adult: boolean }>(
    db,
    sql`select u.id, u.display_name, u.email,
               exists (select 1 from encompass_key_adult k where k.agency_id = ${agencyId} and k.user_id = u.id) as key_adult
          from app_user u
         where u.tenant_id = ${tenantId} and u.agency_id = ${agencyId} and u.disabled_at is null
           and exists (select 1 from role_assignment ra where ra.user_id = u.id and ra.role in (select jsonb_array_elements_text(${JSON.stringify(roles)}::jsonb)))
         order by u.display_name collate "und-x-icu"`,
  );
}

export async function addKeyAdult(db: Database, values: { tenantId: string; agencyId: string; userId: string; addedByUserId: string | null; at: Date }): Promise<boolean> {
  const done = await db
    .insert(encompassKeyAdult)
    .values({ tenantId: values.tenantId, agencyId: values.agencyId, userId: values.userId, addedByUserId: values.addedByUserId, addedAt: values.at })
    .onConflictDoNothing()
    .returning({ id: encompassKeyAdult.id });
  return done.length === 1;
}

export async function removeKeyAdult(db: Database, agencyId: string, userId: string): Promise<boolean> {
  const done = await db
    .delete(encompassKeyAdult)
    .where(and(eq(encompassKeyAdult.agencyId, agencyId), eq(encompassKeyAdult.userId, userId)))
    .returning({ id: encompassKeyAdult.id });
  return done.length === 1;
}

/** Agencies of the area with how many key adults each has (for a system administrator to choose from). */
export function agenciesWithKeyAdults(db: Database, tenantId: string) {
  return rows<{ id: string; name: string; type: string; urn: string | null; key_adults: number }>(
    db,
    sql`select a.id, a.name, a.type, s.urn,
               (select count(*)::int from encompass_key_adult k join app_user u on u.id = k.user_id where k.agency_id = a.id and u.disabled_at is null) as key_adults
          from agency a left join school s on s.agency_id = a.id
         where a.tenant_id = ${tenantId} and a.active
         order by case a.type when 'school' then 0 when 'health' then 1 when 'children_social_care' then 2 else 3 end, a.name collate "und-x-icu"`,
  );
}

export function agency(db: Database, tenantId: string, id: string) {
  return one<{ id: string; name: string; type: string; urn: string | null; phase: string | null; active: boolean }>(
    db,
    sql`select a.id, a.name, a.type, s.urn, s.phase, a.active from agency a left join school s on s.agency_id = a.id where a.tenant_id = ${tenantId} and a.id = ${id}`,
  );
}

export function schoolByUrn(db: Database, tenantId: string, urn: string) {
  return one<SettingRow>(
    db,
    sql`select a.id as agency_id, a.name, a.type, s.urn, s.phase from school s join agency a on a.id = s.agency_id
         where s.tenant_id = ${tenantId} and s.urn = ${urn} and a.active`,
  );
}

// ——— the child ———

export interface EducationRow {
  kind: string;
  agency_id: string | null;
  agency_name: string | null;
  agency_type: string | null;
  urn: string | null;
  phase: string | null;
  source: string;
  from_date: string | null;
}

/**
 * A person's date of birth (none when unborn) and their school, early years, health visitor and elective home
 * education rows current on a date, the best of each kind first: the person record before the census, then the
 * latest start. Follows a merge to the surviving record.
 */
export async function personFacts(db: Database, personId: string, on: string): Promise<{ dateOfBirth: string | null; education: EducationRow[] }> {
  const p = await one<{ id: string; date_of_birth: string | null; dob_precision: string }>(
    db,
    sql`select coalesce(s.id, p.id) as id, coalesce(s.date_of_birth, p.date_of_birth) as date_of_birth, coalesce(s.dob_precision, p.dob_precision) as dob_precision
          from person p left join person s on s.id = p.merged_into_person_id where p.id = ${personId}`,
  );
  if (!p) return { dateOfBirth: null, education: [] };
  const education = await rows<EducationRow>(
    db,
    sql`select e.kind, e.agency_id, a.name as agency_name, a.type as agency_type, s.urn, s.phase, e.source, e.from_date
          from person_education e left join agency a on a.id = e.agency_id and a.active left join school s on s.agency_id = a.id
         where e.person_id in (${personId}, ${p.id})
           and (e.from_date is null or e.from_date <= ${on}) and (e.to_date is null or e.to_date >= ${on})
         order by e.kind, (e.source = 'record') desc, e.from_date desc nulls last, e.created_at desc`,
  );
  return { dateOfBirth: p.dob_precision === 'unborn' ? null : p.date_of_birth, education };
}

// ——— notices ———

export async function insertNotice(
  db: Database,
  values: { tenantId: string; daCaseId: string; daPersonId: string; route: string; agencyId: string | null; needsSetting: string | null; dueAt: Date; createdAt: Date },
): Promise<string | null> {
  const [row] = await db.insert(encompassNotice).values(values).onConflictDoNothing().returning({ id: encompassNotice.id });
  return row?.id ?? null;
}

export async function markSent(db: Database, id: string, at: Date): Promise<boolean> {
  return (await rows(db, sql`update encompass_notice set sent_at = ${at} where id = ${id} and sent_at is null returning id`)).length === 1;
}

export interface NoticeRow {
  id: string;
  tenant_id: string;
  da_case_id: string;
  da_person_id: string;
  route: string;
  agency_id: string | null;
  agency_name: string | null;
  needs_setting: string | null;
  due_at: string;
  sent_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by_name: string | null;
  support: string[];
  support_note: string | null;
  support_recorded_at: string | null;
  created_at: string;
  given_names: string;
  family_name: string;
  date_of_birth: string | null;
  role: string;
  child_voice: string | null;
  child_demeanour: string | null;
  school_given: string | null;
  child_police_risk: string | null;
  case_police_risk: string | null;
  police_reference: string | null;
  incident_type: string;
  occurred_at: string | null;
  received_at: string;
}

const SELECT = sql`select n.id, n.tenant_id, n.da_case_id, n.da_person_id, n.route, n.agency_id, a.name as agency_name, n.needs_setting,
         n.due_at, n.sent_at, n.acknowledged_at, au.display_name as acknowledged_by_name, n.support, n.support_note,
         n.support_recorded_at, n.created_at, p.given_names, p.family_name, p.date_of_birth, p.role, p.child_voice,
         p.child_demeanour, p.school_given, p.police_risk as child_police_risk, d.police_risk as case_police_risk,
         d.police_reference, d.incident_type, d.occurred_at, d.received_at
    from encompass_notice n join da_person p on p.id = n.da_person_id join da_case d on d.id = n.da_case_id
    left join agency a on a.id = n.agency_id left join app_user au on au.id = n.acknowledged_by_user_id`;

export function noticeById(db: Database, tenantId: string, id: string): Promise<NoticeRow | undefined> {
  return one<NoticeRow>(db, sql`${SELECT} where n.id = ${id} and n.tenant_id = ${tenantId}`);
}

export function noticesForCase(db: Database, tenantId: string, daCaseId: string): Promise<NoticeRow[]> {
  return rows<NoticeRow>(db, sql`${SELECT} where n.da_case_id = ${daCaseId} and n.tenant_id = ${tenantId} order by p.position, p.family_name, p.given_names`);
}

/**
 * The key adult's lists: all their notices; not yet acknowledged; not acknowledged and past the due time; received
 * (sent) today; received late (sent after the due time: domain/encompass.ts `receivedLate`).
 */
export const KEY_ADULT_SHOWS = ['all', 'unacknowledged', 'overdue', 'today', 'late'] as const;
export type KeyAdultShow = (typeof KEY_ADULT_SHOWS)[number];

function keyAdultWhere(show: KeyAdultShow, now: Date, todayStarts: Date): SQL {
  switch (show) {
    case 'unacknowledged':
      return sql`and n.acknowledged_at is null`;
    case 'overdue':
      return sql`and n.acknowledged_at is null and n.due_at <= ${now}`;
    case 'today':
      return sql`and n.sent_at >= ${todayStarts}`;
    case 'late':
      return sql`and n.sent_at > n.due_at`;
    default:
      return sql``;
  }
}

/** The notices sent to the agencies where the user is a key adult, newest first, of one of the lists. */
export function forKeyAdult(db: Database, tenantId: string, userId: string, filter: { show: KeyAdultShow; now: Date; todayStarts: Date }, limit: number, offset: number): Promise<NoticeRow[]> {
  return rows<NoticeRow>(
    db,
    sql`${SELECT} where ${visibleNotices({ tenantId, userId })} ${keyAdultWhere(filter.show, filter.now, filter.todayStarts)}
        order by n.sent_at desc, n.id limit ${limit} offset ${offset}`,
  );
}

/** How many notices each of the key adult's lists holds (the lists' own conditions). */
export async function keyAdultCounts(db: Database, tenantId: string, userId: string, now: Date, todayStarts: Date): Promise<Record<KeyAdultShow, number>> {
  const out = {} as Record<KeyAdultShow, number>;
  for (const show of KEY_ADULT_SHOWS) {
    const row = await one<{ n: number }>(db, sql`select count(*)::int as n from encompass_notice n where ${visibleNotices({ tenantId, userId })} ${keyAdultWhere(show, now, todayStarts)}`);
    out[show] = Number(row?.n ?? 0);
  }
  return out;
}

export async function acknowledge(db: Database, id: string, userId: string, at: Date): Promise<boolean> {
  return (await rows(db, sql`update encompass_notice set acknowledged_at = ${at}, acknowledged_by_user_id = ${userId} where id = ${id} and acknowledged_at is null returning id`)).length === 1;
}

export async function recordSupport(db: Database, id: string, values: { support: string[]; note: string | null; at: Date }): Promise<void> {
  await db.execute(
    sql`update encompass_notice
           set support = array(select jsonb_array_elements_text(${JSON.stringify(values.support)}::jsonb)),
               support_note = ${values.note}, support_recorded_at = ${values.at}
         where id = ${id}`,
  );
}

const NEEDING_SETTING = (tenantId: string) => sql`n.tenant_id = ${tenantId} and n.agency_id is null and n.sent_at is null`;
const WITHOUT_KEY_ADULT = (tenantId: string, agencyId?: string) => sql`n.tenant_id = ${tenantId} and n.agency_id is not null and n.sent_at is null ${agencyId ? sql`and n.agency_id = ${agencyId}` : sql``}`;

/** The needs-a-setting queue: notices nobody could be found to send to, earliest due first. */
export function needingSetting(db: Database, tenantId: string, limit = 200, offset = 0): Promise<NoticeRow[]> {
  return rows<NoticeRow>(db, sql`${SELECT} where ${NEEDING_SETTING(tenantId)} order by n.due_at, n.id limit ${limit} offset ${offset}`);
}

/** Notices for a setting that were never sent because it has no key adult. */
export function withoutKeyAdult(db: Database, tenantId: string, agencyId?: string, limit = 500, offset = 0): Promise<NoticeRow[]> {
  return rows<NoticeRow>(db, sql`${SELECT} where ${WITHOUT_KEY_ADULT(tenantId, agencyId)} order by n.due_at, n.id limit ${limit} offset ${offset}`);
}

/** How many notices wait for a setting, and for a key adult (the monitor's two queues), and how many of each are past due. */
export async function monitorCounts(db: Database, tenantId: string, now: Date): Promise<{ needsSetting: number; needsSettingOverdue: number; noKeyAdult: number; noKeyAdultOverdue: number }> {
  const row = await one<{ a: number; b: number; c: number; d: number }>(
    db,
    sql`select (select count(*)::int from encompass_notice n where ${NEEDING_SETTING(tenantId)}) as a,
               (select count(*)::int from encompass_notice n where ${NEEDING_SETTING(tenantId)} and n.due_at <= ${now}) as b,
               (select count(*)::int from encompass_notice n where ${WITHOUT_KEY_ADULT(tenantId)}) as c,
               (select count(*)::int from encompass_notice n where ${WITHOUT_KEY_ADULT(tenantId)} and n.due_at <= ${now}) as d`,
  );
  return { needsSetting: Number(row?.a ?? 0), needsSettingOverdue: Number(row?.b ?? 0), noKeyAdult: Number(row?.c ?? 0), noKeyAdultOverdue: Number(row?.d ?? 0) };
}

export async function assign(db: Database, id: string, values: { route: string; agencyId: string; dueAt: Date }): Promise<boolean> {
  const done = await rows(
    db,
    sql`update encompass_notice set route = ${values.route}, agency_id = ${values.agencyId}, due_at = ${values.dueAt}, needs_setting = null
         where id = ${id} and agency_id is null and sent_at is null returning id`,
  );
  return done.length === 1;
}

/** Notices due in a period [from, to), for the monitor's report. */
export function dueBetween(db: Database, tenantId: string, from: Date, to: Date, limit = 5000): Promise<NoticeRow[]> {
  return rows<NoticeRow>(db, sql`${SELECT} where n.tenant_id = ${tenantId} and n.due_at >= ${from} and n.due_at < ${to} order by n.due_at, n.id limit ${limit}`);
}

/** What the notice's record rule reads: its area, setting, whether it was sent, and the setting's key adults. */
export async function noticeFacts(db: Database, id: string) {
  const n = await one<{ tenant_id: string; agency_id: string | null; sent: boolean; key_adults: string[] | null }>(
    db,
    sql`select n.tenant_id, n.agency_id, n.sent_at is not null as sent,
               (select array_agg(k.user_id) from encompass_key_adult k where k.agency_id = n.agency_id) as key_adults
          from encompass_notice n where n.id = ${id}`,
  );
  return n ? { tenantId: n.tenant_id, agencyId: n.agency_id, sent: n.sent, keyAdultUserIds: n.key_adults ?? [] } : undefined;
}

/** Notices (alias n) the viewer may open: sent, to a setting they are a key adult of (`encompassNoticeAccess`). */
export function visibleNotices(viewer: { tenantId: string; userId: string }) {
  return sql`(n.tenant_id = ${viewer.tenantId} and n.sent_at is not null
             and exists (select 1 from encompass_key_adult vk where vk.agency_id = n.agency_id and vk.user_id = ${viewer.userId}))`;
}
