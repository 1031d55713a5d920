/**
 * SQL for IDVA and commissioned domestic abuse service cases: referrals, keyworker changes (allocations and
 * handovers), risk changes, safety plans, closure, the waiting lists and caseloads, and the counts for measures.
 * Every query names the area (tenant): a case of another area is never read.
 */
import { sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { daServiceAllocation, daServiceCase, daServiceRiskChange } from '../../db/schema/index.js';
import { type Role, ROLE_PERMISSIONS } from '../../domain/roles.js';

const WORKER_ROLES: readonly Role[] = (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => ROLE_PERMISSIONS[r].includes('da_service:work'));
const workerRoles = () => sql`(select jsonb_array_elements_text(${JSON.stringify(WORKER_ROLES)}::jsonb))`;

export interface NewServiceCase {
  tenantId: string;
  service: string;
  daCaseId: string | null;
  maracReferralId: string | null;
  personId: string | null;
  clientName: string;
  risk: string;
  referredByAgencyId: string | null;
  referredByUserId: string | null;
  referredAt: Date;
}

export async function insertCase(db: Database, v: NewServiceCase): Promise<string> {
  const [row] = await db
    .insert(daServiceCase)
    .values({
      tenantId: v.tenantId,
      service: v.service,
      daCaseId: v.daCaseId,
      maracReferralId: v.maracReferralId,
      personId: v.personId,
      clientName: v.clientName,
      referredByAgencyId: v.referredByAgencyId,
      referredByUserId: v.referredByUserId,
      referredAt: v.referredAt,
      status: 'waiting',
      riskAtIntake: v.risk,
      currentRisk: v.risk,
    })
    .returning({ id: daServiceCase.id });
  return row!.id;
}

export interface Worker {
  id: string;
  display_name: string;
  agency_id: string;
}

/** Active users whose roles let them work service cases: in one agency, or (agencyId null) anywhere in the area. */
export function workers(db: Database, tenantId: string, agencyId: string | null): Promise<Worker[]> {
  const agency = agencyId === null ? sql`` : sql`and u.agency_id = ${agencyId}`;
  return rows<Worker>(
    db,
    sql`select u.id, u.display_name, u.agency_id from app_user u
         where u.tenant_id = ${tenantId} ${agency} and u.disabled_at is null
           and exists (select 1 from role_assignment ra where ra.user_id = u.id and ra.role in ${workerRoles()})
         order by u.display_name collate "und-x-icu", u.id`,
  );
}

export interface CaseRow {
  id: string;
  tenant_id: string;
  service: string;
  status: string;
  client_name: string;
  da_case_id: string | null;
  marac_referral_id: string | null;
  person_id: string | null;
  referred_at: string;
  referred_by_agency_name: string | null;
  referred_by_name: string | null;
  risk_at_intake: string;
  current_risk: string;
  risk_at_closure: string | null;
  keyworker_user_id: string | null;
  keyworker_name: string | null;
  safety_plan: string | null;
  safety_plan_updated_at: string | null;
  closed_at: string | null;
  closure_reason: string | null;
  handovers: number;
}

const CASE = sql`select c.id, c.tenant_id, c.service, c.status, c.client_name, c.da_case_id, c.marac_referral_id, c.person_id,
         c.referred_at, ra.name as referred_by_agency_name, ru.display_name as referred_by_name,
         c.risk_at_intake, c.current_risk, c.risk_at_closure, c.keyworker_user_id, k.display_name as keyworker_name,
         c.safety_plan, c.safety_plan_updated_at, c.closed_at, c.closure_reason,
         (select count(*)::int from da_service_allocation h where h.case_id = c.id and h.kind = 'handover') as handovers
    from da_service_case c left join agency ra on ra.id = c.referred_by_agency_id
    left join app_user ru on ru.id = c.referred_by_user_id left join app_user k on k.id = c.keyworker_user_id`;

export function caseById(db: Database, tenantId: string, id: string): Promise<CaseRow | undefined> {
  return one<CaseRow>(db, sql`${CASE} where c.id = ${id} and c.tenant_id = ${tenantId}`);
}

export interface LockedCase {
  id: string;
  service: string;
  status: string;
  current_risk: string;
  keyworker_user_id: string | null;
}

/** The case's state, locked for the rest of the transaction so two changes cannot interleave. */
export function lockCase(tx: Database, tenantId: string, id: string): Promise<LockedCase | undefined> {
  return one<LockedCase>(tx, sql`select id, service, status, current_risk, keyworker_user_id from da_service_case where id = ${id} and tenant_id = ${tenantId} for update`);
}

export interface HistoryRow {
  kind: 'referral' | 'allocation' | 'handover' | 'risk_change' | 'closure';
  at: string;
  from_name: string | null;
  to_name: string | null;
  from_risk: string | null;
  to_risk: string | null;
  reason: string | null;
  by_name: string | null;
}

/** The case's history, newest first: the referral, each keyworker change, each risk change and the closure. */
export function history(db: Database, tenantId: string, id: string): Promise<HistoryRow[]> {
  return rows<HistoryRow>(
    db,
    sql`select * from (
          select 'referral' as kind, c.referred_at as at, null::text as from_name, null::text as to_name, null::text as from_risk,
                 c.risk_at_intake as to_risk, null::text as reason, ru.display_name as by_name, 0 as seq
            from da_service_case c left join app_user ru on ru.id = c.referred_by_user_id where c.id = ${id} and c.tenant_id = ${tenantId}
          union all
          select a.kind, a.at, f.display_name, t.display_name, null, null, a.reason, b.display_name, 1
            from da_service_allocation a left join app_user f on f.id = a.from_user_id join app_user t on t.id = a.to_user_id
            left join app_user b on b.id = a.by_user_id where a.case_id = ${id} and a.tenant_id = ${tenantId}
          union all
          select 'risk_change', r.at, null, k.display_name, r.from_risk, r.to_risk, r.reason, b.display_name, 1
            from da_service_risk_change r left join app_user k on k.id = r.keyworker_user_id
            left join app_user b on b.id = r.by_user_id where r.case_id = ${id} and r.tenant_id = ${tenantId}
          union all
          select 'closure', c.closed_at, null, null, null, c.risk_at_closure, c.closure_reason, null, 2
            from da_service_case c where c.id = ${id} and c.tenant_id = ${tenantId} and c.closed_at is not null
        ) h order by h.at desc, h.seq desc`,
  );
}

export async function insertKeyworkerChange(
  tx: Database,
  v: { tenantId: string; caseId: string; fromUserId: string | null; toUserId: string; kind: 'allocation' | 'handover'; reason: string | null; byUserId: string; at: Date },
): Promise<void> {
  await tx.insert(daServiceAllocation).values(v);
}

export async function setKeyworker(tx: Database, id: string, v: { expected: string | null; keyworkerUserId: string }): Promise<boolean> {
  const expected = v.expected === null ? sql`keyworker_user_id is null and status = 'waiting'` : sql`keyworker_user_id = ${v.expected} and status = 'allocated'`;
  const done = await rows(tx, sql`update da_service_case set keyworker_user_id = ${v.keyworkerUserId}, status = 'allocated' where id = ${id} and ${expected} returning id`);
  return done.length === 1;
}

export async function changeRisk(
  tx: Database,
  v: { tenantId: string; caseId: string; fromRisk: string; toRisk: string; reason: string; keyworkerUserId: string | null; byUserId: string; at: Date },
): Promise<boolean> {
  // Only the level changes: the keyworker column is not touched.
  const done = await rows(tx, sql`update da_service_case set current_risk = ${v.toRisk} where id = ${v.caseId} and current_risk = ${v.fromRisk} and status <> 'closed' returning id`);
  if (done.length !== 1) return false;
  await tx.insert(daServiceRiskChange).values(v);
  return true;
}

export async function setSafetyPlan(tx: Database, id: string, text: string, at: Date): Promise<boolean> {
  const done = await rows(tx, sql`update da_service_case set safety_plan = ${text}, safety_plan_updated_at = ${at} where id = ${id} and status <> 'closed' returning id`);
  return done.length === 1;
}

export async function close(tx: Database, id: string, v: { riskAtClosure: string; reason: string; at: Date }): Promise<boolean> {
  const done = await rows(
    tx,
    sql`update da_service_case set status = 'closed', risk_at_closure = ${v.riskAtClosure}, closure_reason = ${v.reason}, closed_at = ${v.at}
         where id = ${id} and status <> 'closed' returning id`,
  );
  return done.length === 1;
}

// ——— lists ———

export interface ListRow {
  id: string;
  service: string;
  status: string;
  client_name: string;
  referred_at: string;
  current_risk: string;
  risk_at_intake: string;
  keyworker_name: string | null;
  safety_plan_updated_at: string | null;
  handovers: number;
}

const LIST = sql`select c.id, c.service, c.status, c.client_name, c.referred_at, c.current_risk, c.risk_at_intake,
         k.display_name as keyworker_name, c.safety_plan_updated_at,
         (select count(*)::int from da_service_allocation h where h.case_id = c.id and h.kind = 'handover') as handovers
    from da_service_case c left join app_user k on k.id = c.keyworker_user_id`;

/** The service's lists: my open caseload, those of my cases with no safety plan yet, and each service's waiting list. */
export const CASE_LISTS = ['mine', 'no-plan', 'waiting-idva', 'waiting-commissioned'] as const;
export type CaseList = (typeof CASE_LISTS)[number];

function caseListWhere(tenantId: string, userId: string, list: CaseList) {
  switch (list) {
    case 'mine':
      return sql`c.tenant_id = ${tenantId} and c.keyworker_user_id = ${userId} and c.status = 'allocated'`;
    case 'no-plan':
      return sql`c.tenant_id = ${tenantId} and c.keyworker_user_id = ${userId} and c.status = 'allocated' and c.safety_plan_updated_at is null`;
    case 'waiting-idva':
      return sql`c.tenant_id = ${tenantId} and c.status = 'waiting' and c.service = 'idva'`;
    default:
      return sql`c.tenant_id = ${tenantId} and c.status = 'waiting' and c.service = 'commissioned'`;
  }
}

/** A page of one of the lists, oldest referral first. */
export function caseList(db: Database, tenantId: string, userId: string, list: CaseList, limit: number, offset: number): Promise<ListRow[]> {
  return rows<ListRow>(db, sql`${LIST} where ${caseListWhere(tenantId, userId, list)} order by c.referred_at, c.id limit ${limit} offset ${offset}`);
}

/** How many cases each list holds (the lists' own conditions). */
export async function caseListCounts(db: Database, tenantId: string, userId: string): Promise<Record<CaseList, number>> {
  const out = {} as Record<CaseList, number>;
  for (const list of CASE_LISTS) out[list] = Number((await one<{ n: number }>(db, sql`select count(*)::int as n from da_service_case c where ${caseListWhere(tenantId, userId, list)}`))?.n ?? 0);
  return out;
}

/** A worker's open caseload, oldest referral first. */
export function caseload(db: Database, tenantId: string, userId: string, limit = 500): Promise<ListRow[]> {
  return rows<ListRow>(db, sql`${LIST} where c.tenant_id = ${tenantId} and c.keyworker_user_id = ${userId} and c.status = 'allocated' order by c.referred_at, c.id limit ${limit}`);
}

/** Cases waiting for a keyworker, oldest first. */
export function waiting(db: Database, tenantId: string, limit = 500): Promise<ListRow[]> {
  return rows<ListRow>(db, sql`${LIST} where c.tenant_id = ${tenantId} and c.status = 'waiting' order by c.referred_at, c.id limit ${limit}`);
}

export async function waitingCounts(db: Database, tenantId: string): Promise<{ service: string; n: number }[]> {
  return rows(db, sql`select service, count(*)::int as n from da_service_case where tenant_id = ${tenantId} and status = 'waiting' group by service`);
}

export interface CaseloadRow {
  user_id: string;
  display_name: string;
  allocated: number;
  handed_over: number;
  taken_over: number;
}

/**
 * Each worker's allocated cases and the handovers they gave and received since `since`: every worker of the
 * service (in `agencyId`) and anyone else in the area who holds cases.
 */
export function caseloadByWorker(db: Database, tenantId: string, agencyId: string, since: Date): Promise<CaseloadRow[]> {
  return rows<CaseloadRow>(
    db,
    sql`select u.id as user_id, u.display_name,
               (select count(*)::int from da_service_case c where c.tenant_id = ${tenantId} and c.keyworker_user_id = u.id and c.status = 'allocated') as allocated,
               (select count(*)::int from da_service_allocation a where a.tenant_id = ${tenantId} and a.kind = 'handover' and a.from_user_id = u.id and a.at >= ${since}) as handed_over,
               (select count(*)::int from da_service_allocation a where a.tenant_id = ${tenantId} and a.kind = 'handover' and a.to_user_id = u.id and a.at >= ${since}) as taken_over
          from app_user u
         where u.tenant_id = ${tenantId}
           and ((u.agency_id = ${agencyId} and u.disabled_at is null
                 and exists (select 1 from role_assignment ra where ra.user_id = u.id and ra.role in ${workerRoles()}))
                or exists (select 1 from da_service_case c where c.tenant_id = ${tenantId} and c.keyworker_user_id = u.id and c.status = 'allocated'))
         order by u.display_name collate "und-x-icu", u.id`,
  );
}

// ——— counts for measures ———

/** Each worker's caseload at an instant, rebuilt from the keyworker changes (so past periods are right too). */
export function caseloadAt(db: Database, tenantId: string, at: Date): Promise<{ user_id: string; display_name: string; cases: number }[]> {
  return rows(
    db,
    sql`select u.id as user_id, u.display_name, count(*)::int as cases
          from da_service_case c
          join lateral (select a.to_user_id from da_service_allocation a where a.case_id = c.id and a.at <= ${at} order by a.at desc, a.id desc limit 1) k on true
          join app_user u on u.id = k.to_user_id
         where c.tenant_id = ${tenantId} and c.referred_at <= ${at} and (c.closed_at is null or c.closed_at > ${at})
         group by u.id, u.display_name
         order by u.display_name collate "und-x-icu", u.id`,
  );
}

/** Cases waiting at an instant (referred, not yet allocated, not closed), by service and the risk level at that instant. */
export function waitingAt(db: Database, tenantId: string, at: Date): Promise<{ service: string; risk: string; n: number }[]> {
  return rows(
    db,
    sql`select c.service, coalesce(r.to_risk, c.risk_at_intake) as risk, count(*)::int as n
          from da_service_case c
          left join lateral (select x.to_risk from da_service_risk_change x where x.case_id = c.id and x.at <= ${at} order by x.at desc, x.id desc limit 1) r on true
         where c.tenant_id = ${tenantId} and c.referred_at <= ${at} and (c.closed_at is null or c.closed_at > ${at})
           and not exists (select 1 from da_service_allocation a where a.case_id = c.id and a.at <= ${at})
         group by 1, 2`,
  );
}

export async function changesIn(db: Database, tenantId: string, from: Date, to: Date): Promise<{ allocations: number; handovers: number; risk_changes: number; closures: number }> {
  const row = await one<{ allocations: number; handovers: number; risk_changes: number; closures: number }>(
    db,
    sql`select (select count(*)::int from da_service_allocation a where a.tenant_id = ${tenantId} and a.kind = 'allocation' and a.at >= ${from} and a.at < ${to}) as allocations,
               (select count(*)::int from da_service_allocation a where a.tenant_id = ${tenantId} and a.kind = 'handover' and a.at >= ${from} and a.at < ${to}) as handovers,
               (select count(*)::int from da_service_risk_change r where r.tenant_id = ${tenantId} and r.at >= ${from} and r.at < ${to}) as risk_changes,
               (select count(*)::int from da_service_case c where c.tenant_id = ${tenantId} and c.closed_at >= ${from} and c.closed_at < ${to}) as closures`,
  );
  return { allocations: row?.allocations ?? 0, handovers: row?.handovers ?? 0, risk_changes: row?.risk_changes ?? 0, closures: row?.closures ?? 0 };
}

export function handoversByWorkerIn(db: Database, tenantId: string, from: Date, to: Date): Promise<{ user_id: string; display_name: string; handed_over: number }[]> {
  return rows(
    db,
    sql`select u.id as user_id, u.display_name, count(*)::int as handed_over
          from da_service_allocation a join app_user u on u.id = a.from_user_id
         where a.tenant_id = ${tenantId} and a.kind = 'handover' and a.at >= ${from} and a.at < ${to}
         group by u.id, u.display_name order by u.display_name collate "und-x-icu", u.id`,
  );
}

export function referralsIn(db: Database, tenantId: string, from: Date, to: Date): Promise<{ service: string; risk: string; n: number }[]> {
  return rows(
    db,
    sql`select service, risk_at_intake as risk, count(*)::int as n from da_service_case
         where tenant_id = ${tenantId} and referred_at >= ${from} and referred_at < ${to} group by 1, 2`,
  );
}

/** The area a case belongs to (for its record rule). */
export async function caseArea(db: Database, id: string): Promise<{ tenantId: string } | undefined> {
  const row = await one<{ tenant_id: string }>(db, sql`select tenant_id from da_service_case where id = ${id}`);
  return row ? { tenantId: row.tenant_id } : undefined;
}

/** Service cases (alias c) the viewer may open: the area's, for a service worker (`daServiceCaseAccess`). */
export function visibleCases(viewer: { tenantId: string; permissions: ReadonlySet<string> }) {
  return viewer.permissions.has('da_service:work') ? sql`(c.tenant_id = ${viewer.tenantId})` : sql`false`;
}
