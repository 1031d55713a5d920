/** The action tracker's tables: plans, recommendations, actions and their updates (with evidence). */
import { type SQL, sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { type PlanSource } from './service.js';
import { type ActionPlanFacts, type PartnershipActionFacts } from '../../domain/access.js';
import { type LocalDate } from '../../domain/time.js';

// ——— record checks ———

export async function planFacts(db: Database, planId: string): Promise<ActionPlanFacts | undefined> {
  const row = await one<{ tenant_id: string; restricted: boolean; owners: string[] }>(
    db,
    sql`select p.tenant_id, p.restricted,
               coalesce(array(select distinct a.owner_agency_id from partnership_action a where a.plan_id = p.id), '{}') as owners
          from action_plan p where p.id = ${planId}`,
  );
  return row && { tenantId: row.tenant_id, restricted: row.restricted, ownerAgencyIds: row.owners };
}

export async function actionFacts(db: Database, actionId: string): Promise<PartnershipActionFacts | undefined> {
  const row = await one<{ tenant_id: string; owner_agency_id: string; restricted: boolean }>(
    db,
    sql`select a.tenant_id, a.owner_agency_id, p.restricted from partnership_action a join action_plan p on p.id = a.plan_id where a.id = ${actionId}`,
  );
  return row && { tenantId: row.tenant_id, ownerAgencyId: row.owner_agency_id, planRestricted: row.restricted };
}

// ——— who sees what in a list (mirrors actionPlanAccess and partnershipActionAccess) ———

/** What a viewer's lists hold: everything (the business unit), unrestricted plans (followers), their agency's actions. */
export interface Visibility {
  tenantId: string;
  all: boolean;
  follows: boolean;
  /** The viewer's agency when they update its actions. */
  ownAgencyId: string | null;
}

function planVisible(v: Visibility): SQL {
  if (v.all) return sql`true`;
  const own = v.ownAgencyId ? sql`exists (select 1 from partnership_action o where o.plan_id = p.id and o.owner_agency_id = ${v.ownAgencyId})` : sql`false`;
  return v.follows ? sql`(not p.restricted or ${own})` : own;
}

function actionVisible(v: Visibility): SQL {
  if (v.all) return sql`true`;
  const own = v.ownAgencyId ? sql`a.owner_agency_id = ${v.ownAgencyId}` : sql`false`;
  return v.follows ? sql`(not p.restricted or ${own})` : own;
}

// ——— plans ———

export async function planBySource(db: Database, tenantId: string, sourceKind: string, sourceId: string): Promise<{ id: string } | undefined> {
  return one<{ id: string }>(db, sql`select id from action_plan where tenant_id = ${tenantId} and source_kind = ${sourceKind} and source_id = ${sourceId} order by created_at limit 1`);
}

export async function insertPlan(tx: Database, p: PlanSource & { tenantId: string; createdByUserId: string }): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into action_plan (tenant_id, reference, title, source_kind, source_id, source_title, board_kind, short, max_open, restricted, created_by_user_id)
        values (${p.tenantId}, 'AP-' || lpad(nextval('action_plan_reference_seq')::text, 5, '0'), ${p.title}, ${p.sourceKind}, ${p.sourceId ?? null}, ${p.sourceTitle},
                ${p.boardKind}, ${p.short ?? false}, ${p.maxOpen ?? null}, ${p.restricted ?? false}, ${p.createdByUserId})
        returning id`,
  );
  return row!.id;
}

export interface PlanFilter {
  board: string | null;
  sourceKind: string | null;
  status: string | null;
}

export interface PlanListRow {
  id: string;
  reference: string;
  title: string;
  source_kind: string;
  source_title: string;
  board_kind: string;
  short: boolean;
  max_open: number | null;
  restricted: boolean;
  status: string;
  created_at: string;
  open: number;
  overdue: number;
  completed: number;
  total: number;
  rows_total: number;
}

export function listPlans(db: Database, v: Visibility, f: PlanFilter, today: LocalDate, limit: number, offset: number) {
  return rows<PlanListRow>(
    db,
    sql`select p.id, p.reference, p.title, p.source_kind, p.source_title, p.board_kind, p.short, p.max_open, p.restricted, p.status, p.created_at,
               (select count(*) from partnership_action a where a.plan_id = p.id and a.status in ('not_started', 'in_progress')) as open,
               (select count(*) from partnership_action a where a.plan_id = p.id and a.status in ('not_started', 'in_progress') and a.due_on < ${today}) as overdue,
               (select count(*) from partnership_action a where a.plan_id = p.id and a.status = 'completed') as completed,
               (select count(*) from partnership_action a where a.plan_id = p.id) as total,
               count(*) over () as rows_total
          from action_plan p
         where p.tenant_id = ${v.tenantId} and ${planVisible(v)}
           and (${f.board}::text is null or p.board_kind = ${f.board})
           and (${f.sourceKind}::text is null or p.source_kind = ${f.sourceKind})
           and (${f.status}::text is null or p.status = ${f.status})
         order by (p.status = 'open') desc, p.created_at desc, p.reference desc
         limit ${limit} offset ${offset}`,
  );
}

export interface PlanRow {
  id: string;
  tenant_id: string;
  reference: string;
  title: string;
  source_kind: string;
  source_id: string | null;
  source_title: string;
  board_kind: string;
  short: boolean;
  max_open: number | null;
  restricted: boolean;
  status: string;
  created_at: string;
  created_by: string | null;
}

export function plan(db: Database, tenantId: string, id: string) {
  return one<PlanRow>(
    db,
    sql`select p.*, u.display_name as created_by from action_plan p left join app_user u on u.id = p.created_by_user_id where p.id = ${id} and p.tenant_id = ${tenantId}`,
  );
}

/** The plan, locked for the transaction, with its open actions counted (a short plan's limit). */
export function lockPlan(tx: Database, id: string) {
  return one<{ id: string; status: string; short: boolean; max_open: number | null; open: number }>(
    tx,
    sql`select p.id, p.status, p.short, p.max_open,
               (select count(*) from partnership_action a where a.plan_id = p.id and a.status in ('not_started', 'in_progress')) as open
          from action_plan p where p.id = ${id} for update`,
  );
}

export function closePlan(tx: Database, id: string) {
  return one<{ id: string }>(tx, sql`update action_plan set status = 'closed' where id = ${id} and status = 'open' returning id`);
}

export interface RecommendationRow {
  id: string;
  position: number;
  text: string;
}

export function recommendations(db: Database, planId: string) {
  return rows<RecommendationRow>(db, sql`select id, position, text from action_recommendation where plan_id = ${planId} order by position`);
}

export async function insertRecommendation(tx: Database, r: { tenantId: string; planId: string; text: string }): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into action_recommendation (tenant_id, plan_id, position, text)
        values (${r.tenantId}, ${r.planId}, (select coalesce(max(position), 0) + 1 from action_recommendation where plan_id = ${r.planId}), ${r.text})
        returning id`,
  );
  return row!.id;
}

// ——— actions ———

export interface ActionRow {
  id: string;
  tenant_id: string;
  plan_id: string;
  recommendation_id: string | null;
  reference: string;
  description: string;
  owner_agency_id: string;
  owner_agency_name: string;
  owner_user_id: string | null;
  owner_user_name: string | null;
  owner_name: string;
  due_on: string;
  status: string;
  rag: string;
  completed_on: string | null;
  impact: string | null;
  impact_checked_on: string | null;
  impact_checked_by: string | null;
  reminded_on: string | null;
  escalated_on: string | null;
  created_at: string;
  updated_at: string;
}

const ACTION_COLUMNS = sql`a.id, a.tenant_id, a.plan_id, a.recommendation_id, a.reference, a.description, a.owner_agency_id, g.name as owner_agency_name,
  a.owner_user_id, ou.display_name as owner_user_name, a.owner_name, a.due_on, a.status, a.rag, a.completed_on, a.impact, a.impact_checked_on,
  iu.display_name as impact_checked_by, a.reminded_on, a.escalated_on, a.created_at, a.updated_at`;
const ACTION_JOINS = sql`join agency g on g.id = a.owner_agency_id left join app_user ou on ou.id = a.owner_user_id left join app_user iu on iu.id = a.impact_checked_by_user_id`;

export function planActions(db: Database, planId: string) {
  return rows<ActionRow>(db, sql`select ${ACTION_COLUMNS} from partnership_action a ${ACTION_JOINS} where a.plan_id = ${planId} order by a.due_on, a.reference`);
}

export function action(db: Database, tenantId: string, id: string) {
  return one<ActionRow & { plan_reference: string; plan_title: string; plan_status: string; plan_short: boolean; plan_max_open: number | null; board_kind: string; source_kind: string; source_title: string; recommendation: string | null }>(
    db,
    sql`select ${ACTION_COLUMNS}, p.reference as plan_reference, p.title as plan_title, p.status as plan_status, p.short as plan_short, p.max_open as plan_max_open,
               p.board_kind, p.source_kind, p.source_title, r.text as recommendation
          from partnership_action a ${ACTION_JOINS} join action_plan p on p.id = a.plan_id left join action_recommendation r on r.id = a.recommendation_id
         where a.id = ${id} and a.tenant_id = ${tenantId}`,
  );
}

export async function insertAction(
  tx: Database,
  a: { tenantId: string; planId: string; recommendationId: string | null; description: string; ownerAgencyId: string; ownerUserId: string | null; ownerName: string; dueOn: LocalDate; rag: string; createdByUserId: string },
): Promise<{ id: string; reference: string }> {
  const row = await one<{ id: string; reference: string }>(
    tx,
    sql`insert into partnership_action (tenant_id, plan_id, recommendation_id, reference, description, owner_agency_id, owner_user_id, owner_name, due_on, rag, created_by_user_id)
        values (${a.tenantId}, ${a.planId}, ${a.recommendationId}, 'PA-' || lpad(nextval('partnership_action_reference_seq')::text, 5, '0'), ${a.description},
                ${a.ownerAgencyId}, ${a.ownerUserId}, ${a.ownerName}, ${a.dueOn}, ${a.rag}, ${a.createdByUserId})
        returning id, reference`,
  );
  return row!;
}

/** The action locked for the transaction, with its evidence counted. */
export function lockAction(tx: Database, id: string) {
  return one<{ id: string; plan_id: string; status: string; rag: string; completed_on: string | null; evidence: number }>(
    tx,
    sql`select a.id, a.plan_id, a.status, a.rag, a.completed_on, (select count(*) from action_update u where u.action_id = a.id and u.is_evidence) as evidence
          from partnership_action a where a.id = ${id} for update`,
  );
}

export async function insertUpdate(
  tx: Database,
  u: { tenantId: string; actionId: string; note: string; isEvidence: boolean; file: { name: string; type: string; bytes: number; base64: string } | null; status: string | null; rag: string | null; byUserId: string; byAgencyId: string; at: Date },
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    sql`insert into action_update (tenant_id, action_id, note, is_evidence, file_name, file_type, file_bytes, file, status, rag, by_user_id, by_agency_id, at)
        values (${u.tenantId}, ${u.actionId}, ${u.note}, ${u.isEvidence}, ${u.file?.name ?? null}, ${u.file?.type ?? null}, ${u.file?.bytes ?? null},
                ${u.file ? sql`decode(${u.file.base64}, 'base64')` : sql`null`}, ${u.status}, ${u.rag}, ${u.byUserId}, ${u.byAgencyId}, ${u.at.toISOString()})
        returning id`,
  );
  return row!.id;
}

export function applyUpdate(tx: Database, id: string, u: { status: string; rag: string; completedOn: LocalDate | null; at: Date }) {
  return tx.execute(sql`update partnership_action set status = ${u.status}, rag = ${u.rag}, completed_on = ${u.completedOn}, updated_at = ${u.at.toISOString()} where id = ${id}`);
}

export function recordImpact(tx: Database, id: string, i: { impact: string; on: LocalDate; byUserId: string; at: Date }) {
  return one<{ id: string }>(
    tx,
    sql`update partnership_action set impact = ${i.impact}, impact_checked_on = ${i.on}, impact_checked_by_user_id = ${i.byUserId}, updated_at = ${i.at.toISOString()}
         where id = ${id} and status = 'completed' returning id`,
  );
}

export interface UpdateRow {
  id: string;
  note: string;
  is_evidence: boolean;
  file_name: string | null;
  file_type: string | null;
  file_bytes: number | null;
  status: string | null;
  rag: string | null;
  by_name: string | null;
  by_agency: string | null;
  at: string;
}

export function updates(db: Database, actionId: string) {
  return rows<UpdateRow>(
    db,
    sql`select u.id, u.note, u.is_evidence, u.file_name, u.file_type, u.file_bytes, u.status, u.rag, au.display_name as by_name, g.name as by_agency, u.at
          from action_update u left join app_user au on au.id = u.by_user_id left join agency g on g.id = u.by_agency_id
         where u.action_id = ${actionId} order by u.at desc, u.id`,
  );
}

export function evidenceFile(db: Database, actionId: string, updateId: string) {
  return one<{ file_name: string; file_type: string; file_b64: string }>(
    db,
    sql`select file_name, file_type, encode(file, 'base64') as file_b64 from action_update where id = ${updateId} and action_id = ${actionId} and file is not null`,
  );
}

// ——— lists and counts of actions: one filter, so the dashboard's figures are the lists' own ———

/** open | completed | cancelled | overdue | on_track */
export type ActionState = 'open' | 'completed' | 'cancelled' | 'overdue' | 'on_track';

export interface ActionFilter {
  board?: string | null;
  rag?: string | null;
  state?: ActionState | null;
  agencyId?: string | null;
  planId?: string | null;
}

const OPEN = sql`a.status in ('not_started', 'in_progress')`;

function stateSql(state: ActionState | null | undefined, today: LocalDate): SQL {
  switch (state) {
    case 'open':
      return OPEN;
    case 'completed':
      return sql`a.status = 'completed'`;
    case 'cancelled':
      return sql`a.status = 'cancelled'`;
    case 'overdue':
      return sql`(${OPEN} and a.due_on < ${today})`;
    case 'on_track':
      return sql`(${OPEN} and a.due_on >= ${today} and a.rag <> 'red')`;
    default:
      return sql`true`;
  }
}

/** The one where-clause every list and count of actions is built from. */
function actionWhere(v: Visibility, f: ActionFilter, today: LocalDate): SQL {
  return sql`a.tenant_id = ${v.tenantId} and ${actionVisible(v)} and ${stateSql(f.state, today)}
    and (${f.board ?? null}::text is null or p.board_kind = ${f.board ?? null})
    and (${f.rag ?? null}::text is null or a.rag = ${f.rag ?? null})
    and (${f.agencyId ?? null}::uuid is null or a.owner_agency_id = ${f.agencyId ?? null})
    and (${f.planId ?? null}::uuid is null or a.plan_id = ${f.planId ?? null})`;
}

export type ListedAction = ActionRow & { plan_reference: string; plan_title: string; board_kind: string; rows_total: number };

/** Actions matching a filter, overdue first, then by due date. */
export function listActions(db: Database, v: Visibility, f: ActionFilter, today: LocalDate, limit: number, offset: number) {
  return rows<ListedAction>(
    db,
    sql`select ${ACTION_COLUMNS}, p.reference as plan_reference, p.title as plan_title, p.board_kind, count(*) over () as rows_total
          from partnership_action a ${ACTION_JOINS} join action_plan p on p.id = a.plan_id
         where ${actionWhere(v, f, today)}
         order by (${OPEN} and a.due_on < ${today}) desc, ${OPEN} desc, a.due_on, a.reference
         limit ${limit} offset ${offset}`,
  );
}

export async function countActions(db: Database, v: Visibility, f: ActionFilter, today: LocalDate): Promise<number> {
  const row = await one<{ n: number }>(db, sql`select count(*) as n from partnership_action a join action_plan p on p.id = a.plan_id where ${actionWhere(v, f, today)}`);
  return row?.n ?? 0;
}

/** Counts by owner agency for a filter (the dashboard's overdue by agency). */
export function countByAgency(db: Database, v: Visibility, f: ActionFilter, today: LocalDate) {
  return rows<{ agency_id: string; agency_name: string; n: number }>(
    db,
    sql`select a.owner_agency_id as agency_id, g.name as agency_name, count(*) as n
          from partnership_action a join action_plan p on p.id = a.plan_id join agency g on g.id = a.owner_agency_id
         where ${actionWhere(v, f, today)}
         group by a.owner_agency_id, g.name order by count(*) desc, g.name`,
  );
}

// ——— reminders and escalation ———

export interface DueRow {
  id: string;
  tenant_id: string;
  reference: string;
  owner_agency_id: string;
  owner_user_id: string | null;
  due_on: string;
  status: string;
  reminded_on: string | null;
  escalated_on: string | null;
}

/** Open actions that may need a reminder (due within `horizon`) or an escalation (overdue), in every area. */
export function dueForNotice(db: Database, today: LocalDate, horizon: LocalDate) {
  return rows<DueRow>(
    db,
    sql`select a.id, a.tenant_id, a.reference, a.owner_agency_id, a.owner_user_id, a.due_on, a.status, a.reminded_on, a.escalated_on
          from partnership_action a join action_plan p on p.id = a.plan_id
         where a.status in ('not_started', 'in_progress') and p.status = 'open'
           and ((a.reminded_on is null and a.due_on >= ${today} and a.due_on <= ${horizon}) or (a.escalated_on is null and a.due_on < ${today}))
         order by a.due_on, a.id`,
  );
}

export function markReminded(tx: Database, id: string, on: LocalDate) {
  return one<{ id: string }>(tx, sql`update partnership_action set reminded_on = ${on} where id = ${id} and reminded_on is null and status in ('not_started', 'in_progress') returning id`);
}

export function markEscalated(tx: Database, id: string, on: LocalDate) {
  return one<{ id: string }>(tx, sql`update partnership_action set escalated_on = ${on} where id = ${id} and escalated_on is null and status in ('not_started', 'in_progress') returning id`);
}

export function activeUser(db: Database, tenantId: string, id: string) {
  return one<{ id: string; email: string }>(db, sql`select id, email from app_user where id = ${id} and tenant_id = ${tenantId} and disabled_at is null`);
}
