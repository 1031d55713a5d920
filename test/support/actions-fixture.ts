/**
 * Action tracker records for the sweeps over every route. Hostile input: a closed plan with one cancelled action
 * owned by the demo police officer's agency, so every form on a plan or an action is refused whatever it is sent
 * (a closed plan takes no recommendation, action or update; a cancelled action has no impact to check) and nothing is
 * written. The route walk: a plan of the demo data, one of its actions and an update on it.
 */
import { sql } from 'drizzle-orm';
import { type Database, one } from '../../src/db/client.js';
import { type Services } from '../../src/services.js';

export async function closedPlanFixture(services: Pick<Services, 'actions'>, db: Database): Promise<{ actionPlan: string; partnershipAction: string }> {
  const unit = (await one<{ id: string; tenant_id: string; agency_id: string }>(db, sql`select id, tenant_id, agency_id from app_user where email = 'business-unit@demo.threshold.test'`))!;
  const police = (await one<{ agency_id: string }>(db, sql`select agency_id from app_user where email = 'police@demo.threshold.test'`))!;
  const actor = { userId: unit.id, tenantId: unit.tenant_id, agencyId: unit.agency_id, roles: [], requestId: null };
  const { actions } = services;
  const actionPlan = await actions.planFor(actor, { sourceKind: 'inspection', sourceTitle: 'Fixture inspection', title: 'A closed plan for the route sweeps', boardKind: 'joint' });
  await actions.addAction(actor, actionPlan, { description: 'A cancelled action', ownerAgencyId: police.agency_id, ownerUserId: null, ownerName: 'Pat Officer', dueOn: '2026-06-30', recommendationId: null, rag: 'amber' });
  const partnershipAction = (await one<{ id: string }>(db, sql`select id from partnership_action where plan_id = ${actionPlan}`))!.id;
  await actions.updateAction(actor, partnershipAction, { note: 'No longer needed.', status: 'cancelled', rag: 'amber', isEvidence: false, file: null });
  const closed = await actions.closePlan(actor, actionPlan);
  if (!('ok' in closed)) throw new Error('the fixture plan did not close');
  return { actionPlan, partnershipAction };
}

export async function walkActionsFixture(db: Database): Promise<{ actionPlan: string; partnershipAction: string; actionUpdate: string }> {
  const found = await one<{ plan_id: string; id: string; update_id: string | null }>(
    db,
    sql`select a.plan_id, a.id, (select u.id from action_update u where u.action_id = a.id order by (u.file is not null) desc limit 1) as update_id
          from partnership_action a order by exists (select 1 from action_update u where u.action_id = a.id and u.file is not null) desc, a.reference limit 1`,
  );
  const zero = '00000000-0000-4000-8000-000000000000';
  return { actionPlan: found?.plan_id ?? zero, partnershipAction: found?.id ?? zero, actionUpdate: found?.update_id ?? zero };
}
