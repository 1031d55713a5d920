/** The action tracker's tables: plans, recommendations, actions and their updates (with evidence). */
import { sql } from 'drizzle-orm';
import { type Database, one } from '../../db/client.js';
import { type PlanSource } from './service.js';
import { type ActionPlanFacts, type PartnershipActionFacts } from '../../domain/access.js';

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
