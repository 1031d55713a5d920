/**
 * SQL for Deprivation of Liberty Safeguards applications and assessments (this feature's tables, owners.json): the
 * application, its allocation, priority, urgent extension, assessments, decision and withdrawal, and the DoLS lead's
 * lists and counts. Every query names the area (tenant). The clocks in SQL are the domain's (domain/dols.ts), with
 * the amounts passed in from DOLS_CLOCKS, and the route test checks the lists against the domain.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { type DolsApplicationFacts } from '../../domain/access.js';
import { DOLS_CLOCKS } from '../../domain/dols.js';
import { type LocalDate } from '../../domain/time.js';
import { type Role, ROLE_PERMISSIONS } from '../../domain/roles.js';

export async function applicationFacts(db: Database, id: string): Promise<DolsApplicationFacts | undefined> {
  const row = await one<{ tenant_id: string; assessor_user_id: string | null }>(db, sql`select tenant_id, assessor_user_id from dols_application where id = ${id}`);
  return row && { tenantId: row.tenant_id, assessorUserId: row.assessor_user_id };
}

const ASSESSOR_ROLES: readonly Role[] = (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => ROLE_PERMISSIONS[r].includes('dols:assess'));
const assessorRoles = () => sql`(select jsonb_array_elements_text(${JSON.stringify(ASSESSOR_ROLES)}::jsonb))`;

export interface Assessor {
  id: string;
  display_name: string;
  /** Open applications allocated to them now. */
  open: number;
}

/** Active users of the area whose roles let them assess DoLS, with their open allocations. */
export function assessors(db: Database, tenantId: string): Promise<Assessor[]> {
  return rows<Assessor>(
    db,
    sql`select u.id, u.display_name,
               (select count(*)::int from dols_application a where a.assessor_user_id = u.id and a.tenant_id = ${tenantId} and a.status = 'allocated') as open
          from app_user u
         where u.tenant_id = ${tenantId} and u.disabled_at is null
           and exists (select 1 from role_assignment ra where ra.user_id = u.id and ra.role in ${assessorRoles()})
         order by u.display_name collate "und-x-icu", u.id`,
  );
}

export interface NewApplication {
  tenantId: string;
  personName: string;
  dateOfBirth: LocalDate;
  managingAuthority: string;
  setting: string;
  kind: string;
  receivedAt: Date;
  urgentFrom: LocalDate | null;
  priority: string;
  priorityReason: string;
  createdByUserId: string;
}

export async function insertApplication(tx: Database, v: NewApplication): Promise<{ id: string; reference: string }> {
  const row = await one<{ id: string; reference: string }>(
    tx,
    sql`insert into dols_application (tenant_id, reference, person_name, date_of_birth, managing_authority, setting, kind, received_at, urgent_from, priority, priority_reason, status, created_by_user_id)
        values (${v.tenantId}, 'DOLS-' || to_char(${v.receivedAt.toISOString()}::timestamptz at time zone 'Europe/London', 'YYYY') || '-' || lpad(nextval('dols_application_reference_seq')::text, 6, '0'),
                ${v.personName}, ${v.dateOfBirth}, ${v.managingAuthority}, ${v.setting}, ${v.kind}, ${v.receivedAt.toISOString()}, ${v.urgentFrom}, ${v.priority}, ${v.priorityReason}, 'received', ${v.createdByUserId})
        returning id, reference`,
  );
  return row!;
}

/**
 * The application with what the clocks need, derived as the domain derives them: the London date of receipt, when
 * the urgent authorisation expires (with its extension), and when the decision is due.
 */
function derived(tenantId: string): SQL {
  const urgent = DOLS_CLOCKS.urgent.amount;
  const extended = DOLS_CLOCKS.urgent.amount + DOLS_CLOCKS.urgentExtension.amount;
  const standard = DOLS_CLOCKS.standard.amount;
  return sql`(select a.*, r.received_on, e.urgent_expires_on, least(e.urgent_expires_on, r.received_on + ${standard}::int) as due_on
               from dols_application a
               cross join lateral (select (a.received_at at time zone 'Europe/London')::date as received_on) r
               cross join lateral (select case when a.kind = 'urgent' and a.urgent_from is not null
                                               then a.urgent_from + (case when a.urgent_extended_at is null then ${urgent}::int else ${extended}::int end) end as urgent_expires_on) e
              where a.tenant_id = ${tenantId})`;
}

export interface ListRow {
  id: string;
  reference: string;
  person_name: string;
  date_of_birth: string | null;
  managing_authority: string;
  setting: string;
  kind: string;
  received_at: string;
  received_on: string;
  urgent_from: string | null;
  urgent_extended_at: string | null;
  urgent_expires_on: string | null;
  due_on: string;
  priority: string;
  status: string;
  assessor_user_id: string | null;
  assessor_name: string | null;
  decided_at: string | null;
  authorised_from: string | null;
  authorised_until: string | null;
  assessments_done: number;
}

const LIST_COLUMNS = sql`x.id, x.reference, x.person_name, x.date_of_birth, x.managing_authority, x.setting, x.kind, x.received_at, x.received_on,
       x.urgent_from, x.urgent_extended_at, x.urgent_expires_on, x.due_on, x.priority, x.status, x.assessor_user_id, u.display_name as assessor_name,
       x.decided_at, x.authorised_from, x.authorised_until,
       (select count(*)::int from dols_assessment s where s.application_id = x.id) as assessments_done`;

const PRIORITY_ORDER = sql`case x.priority when 'high' then 1 when 'medium' then 2 else 3 end`;

export const LIST_SHOWS = ['unallocated', 'allocated', 'decided', 'expiring', 'overdue', 'urgent_expiring'] as const;
export type ListShow = (typeof LIST_SHOWS)[number];

/**
 * Each list's condition on a day, written once: the list, its total and the counts (the tabs, the home page) use it.
 * `overdue`: open past the due date; `urgent_expiring`: an open application's urgent authorisation ends within 2 days.
 */
function listWhere(today: LocalDate): Record<ListShow, SQL> {
  const review = DOLS_CLOCKS.review.amount;
  return {
    unallocated: sql`x.status = 'received'`,
    allocated: sql`x.status = 'allocated'`,
    decided: sql`x.status in ('granted', 'not_granted', 'withdrawn')`,
    expiring: sql`(x.status = 'granted' and x.authorised_until between ${today}::date and ${today}::date + ${review}::int)`,
    overdue: sql`(x.status in ('received', 'allocated') and x.due_on < ${today}::date)`,
    urgent_expiring: sql`(x.status in ('received', 'allocated') and x.urgent_expires_on between ${today}::date and ${today}::date + 2)`,
  };
}

/** One page of a DoLS lead's list (`limit` rows from `offset`), and how many the list holds. */
export async function list(db: Database, tenantId: string, show: ListShow, today: LocalDate, limit: number, offset: number): Promise<{ rows: ListRow[]; total: number }> {
  const where = listWhere(today);
  const order: Record<ListShow, SQL> = {
    unallocated: sql`${PRIORITY_ORDER}, x.received_at, x.id`,
    allocated: sql`x.due_on, ${PRIORITY_ORDER}, x.received_at, x.id`,
    decided: sql`x.decided_at desc, x.id`,
    expiring: sql`x.authorised_until, x.id`,
    overdue: sql`x.due_on, ${PRIORITY_ORDER}, x.received_at, x.id`,
    urgent_expiring: sql`x.urgent_expires_on, x.id`,
  };
  const [found, count] = await Promise.all([
    rows<ListRow>(
      db,
      sql`select ${LIST_COLUMNS} from ${derived(tenantId)} x left join app_user u on u.id = x.assessor_user_id
           where ${where[show]} order by ${order[show]} limit ${limit} offset ${offset}`,
    ),
    one<{ n: number }>(db, sql`select count(*)::int as n from ${derived(tenantId)} x where ${where[show]}`),
  ]);
  return { rows: found, total: count?.n ?? 0 };
}

/** Which of an assessor's applications: all of them, the open ones, or the open ones past their due date. */
export type AssessorShow = 'all' | 'open' | 'overdue';

function assessorWhere(userId: string, show: AssessorShow, today: LocalDate): SQL {
  const which = { all: sql`true`, open: sql`x.status = 'allocated'`, overdue: sql`(x.status = 'allocated' and x.due_on < ${today}::date)` }[show];
  return sql`x.assessor_user_id = ${userId} and ${which}`;
}

/** One page of the applications allocated to an assessor: open ones first by due date, then decided ones, newest first. */
export async function listForAssessor(db: Database, tenantId: string, userId: string, show: AssessorShow, today: LocalDate, limit: number, offset: number): Promise<{ rows: ListRow[]; total: number }> {
  const where = assessorWhere(userId, show, today);
  const [found, count] = await Promise.all([
    rows<ListRow>(
      db,
      sql`select ${LIST_COLUMNS} from ${derived(tenantId)} x left join app_user u on u.id = x.assessor_user_id
           where ${where}
           order by (x.status = 'allocated') desc, case when x.status = 'allocated' then x.due_on end, x.decided_at desc nulls last, x.id
           limit ${limit} offset ${offset}`,
    ),
    one<{ n: number }>(db, sql`select count(*)::int as n from ${derived(tenantId)} x where ${where}`),
  ]);
  return { rows: found, total: count?.n ?? 0 };
}

/** An assessor's counts, from the same conditions as their list's views. */
export async function assessorCounts(db: Database, tenantId: string, userId: string, today: LocalDate): Promise<Record<AssessorShow, number>> {
  const row = await one<Record<AssessorShow, number>>(
    db,
    sql`select count(*) filter (where ${assessorWhere(userId, 'all', today)})::int as all, count(*) filter (where ${assessorWhere(userId, 'open', today)})::int as open,
               count(*) filter (where ${assessorWhere(userId, 'overdue', today)})::int as overdue
          from ${derived(tenantId)} x`,
  );
  return row ?? { all: 0, open: 0, overdue: 0 };
}

export interface Counts {
  unallocated: number;
  unallocated_high: number;
  unallocated_medium: number;
  unallocated_low: number;
  /** Open urgent applications whose urgent authorisation expires today, tomorrow or the day after. */
  urgent_expiring: number;
  /** Open urgent applications whose urgent authorisation has expired without a decision. */
  urgent_expired: number;
  allocated: number;
  /** Open applications past their due date, and of those the allocated ones. */
  overdue: number;
  overdue_allocated: number;
  in_force: number;
  expiring: number;
  decided: number;
  granted: number;
  not_granted: number;
  withdrawn: number;
  total: number;
}

/** The DoLS lead's counts on a day (whole numbers). */
export async function counts(db: Database, tenantId: string, today: LocalDate): Promise<Counts> {
  const where = listWhere(today);
  const row = await one<Record<keyof Counts, number>>(
    db,
    sql`select count(*) filter (where ${where.unallocated})::int as unallocated,
               count(*) filter (where x.status = 'received' and x.priority = 'high')::int as unallocated_high,
               count(*) filter (where x.status = 'received' and x.priority = 'medium')::int as unallocated_medium,
               count(*) filter (where x.status = 'received' and x.priority = 'low')::int as unallocated_low,
               count(*) filter (where ${where.urgent_expiring})::int as urgent_expiring,
               count(*) filter (where x.status in ('received', 'allocated') and x.urgent_expires_on < ${today}::date)::int as urgent_expired,
               count(*) filter (where ${where.allocated})::int as allocated,
               count(*) filter (where ${where.overdue})::int as overdue,
               count(*) filter (where x.status = 'allocated' and x.due_on < ${today}::date)::int as overdue_allocated,
               count(*) filter (where x.status = 'granted' and x.authorised_from <= ${today}::date and x.authorised_until >= ${today}::date)::int as in_force,
               count(*) filter (where ${where.expiring})::int as expiring,
               count(*) filter (where ${where.decided})::int as decided,
               count(*) filter (where x.status = 'granted')::int as granted,
               count(*) filter (where x.status = 'not_granted')::int as not_granted,
               count(*) filter (where x.status = 'withdrawn')::int as withdrawn,
               count(*)::int as total
          from ${derived(tenantId)} x`,
  );
  const out = {} as Counts;
  for (const [k, v] of Object.entries(row ?? {})) out[k as keyof Counts] = Number(v);
  return out;
}

export interface ApplicationRow extends ListRow {
  tenant_id: string;
  priority_reason: string | null;
  allocated_at: string | null;
  decision_note: string | null;
  conditions: string | null;
  provider_id: string | null;
  created_by_name: string | null;
}

export function applicationById(db: Database, tenantId: string, id: string): Promise<ApplicationRow | undefined> {
  return one<ApplicationRow>(
    db,
    sql`select ${LIST_COLUMNS}, x.tenant_id, x.priority_reason, x.allocated_at, x.decision_note, x.conditions, x.provider_id, c.display_name as created_by_name
          from ${derived(tenantId)} x left join app_user u on u.id = x.assessor_user_id left join app_user c on c.id = x.created_by_user_id
         where x.id = ${id}`,
  );
}

export interface LockedApplication {
  id: string;
  status: string;
  kind: string;
  priority: string;
  received_on: string;
  urgent_from: string | null;
  urgent_extended_at: string | null;
  assessor_user_id: string | null;
}

/** The application's state, locked for the rest of the transaction so two changes cannot interleave. */
export function lockApplication(tx: Database, tenantId: string, id: string): Promise<LockedApplication | undefined> {
  return one<LockedApplication>(
    tx,
    sql`select id, status, kind, priority, (received_at at time zone 'Europe/London')::date as received_on, urgent_from, urgent_extended_at, assessor_user_id
          from dols_application where id = ${id} and tenant_id = ${tenantId} for update`,
  );
}

export interface AssessmentRow {
  id: string;
  kind: string;
  outcome: string;
  note: string | null;
  completed_on: string;
  assessor_user_id: string | null;
  assessor_name: string | null;
}

export function assessments(db: Database, tenantId: string, applicationId: string): Promise<AssessmentRow[]> {
  return rows<AssessmentRow>(
    db,
    sql`select s.id, s.kind, s.outcome, s.note, s.completed_on, s.assessor_user_id, u.display_name as assessor_name
          from dols_assessment s left join app_user u on u.id = s.assessor_user_id
         where s.application_id = ${applicationId} and s.tenant_id = ${tenantId}
         order by s.completed_on, s.kind`,
  );
}

export async function insertAssessment(tx: Database, v: { tenantId: string; applicationId: string; kind: string; outcome: string; note: string | null; assessorUserId: string; completedOn: LocalDate }): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into dols_assessment (tenant_id, application_id, kind, outcome, note, assessor_user_id, completed_on)
        values (${v.tenantId}, ${v.applicationId}, ${v.kind}, ${v.outcome}, ${v.note}, ${v.assessorUserId}, ${v.completedOn}) returning id`,
  );
  return row!.id;
}

export async function allocate(tx: Database, id: string, assessorUserId: string, at: Date): Promise<void> {
  await tx.execute(sql`update dols_application set assessor_user_id = ${assessorUserId}, allocated_at = ${at.toISOString()}, status = 'allocated' where id = ${id}`);
}

export async function setPriority(tx: Database, id: string, priority: string, reason: string): Promise<void> {
  await tx.execute(sql`update dols_application set priority = ${priority}, priority_reason = ${reason} where id = ${id}`);
}

export async function extendUrgent(tx: Database, id: string, at: Date): Promise<void> {
  await tx.execute(sql`update dols_application set urgent_extended_at = ${at.toISOString()} where id = ${id}`);
}

export async function decide(
  tx: Database,
  id: string,
  v: { status: 'granted' | 'not_granted' | 'withdrawn'; at: Date; note: string | null; authorisedFrom: LocalDate | null; authorisedUntil: LocalDate | null; conditions: string | null },
): Promise<void> {
  await tx.execute(
    sql`update dols_application set status = ${v.status}, decided_at = ${v.at.toISOString()}, decision_note = ${v.note},
               authorised_from = ${v.authorisedFrom}, authorised_until = ${v.authorisedUntil}, conditions = ${v.conditions}
         where id = ${id}`,
  );
}
