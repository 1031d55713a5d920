/** SQL for the organisations of an area: tenant, agencies, teams and schools. */
import { type Permission, ROLE_PERMISSIONS, type Role } from '../../domain/roles.js';
import { and, asc, eq, sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { agency, school, team, tenant } from '../../db/schema/index.js';

export function getTenant(db: Database, id: string) {
  return db.select().from(tenant).where(eq(tenant.id, id)).then((r) => r[0]);
}

export function listAgencies(db: Database, tenantId: string, options: { activeOnly?: boolean } = {}) {
  return db
    .select()
    .from(agency)
    .where(options.activeOnly ? and(eq(agency.tenantId, tenantId), eq(agency.active, true)) : eq(agency.tenantId, tenantId))
    .orderBy(asc(agency.name));
}

export function getAgency(db: Database, tenantId: string, id: string) {
  return db
    .select()
    .from(agency)
    .where(and(eq(agency.tenantId, tenantId), eq(agency.id, id)))
    .then((r) => r[0]);
}

export async function agencyNameTaken(db: Database, tenantId: string, name: string, exceptId?: string): Promise<boolean> {
  const row = await one<{ id: string }>(db, sql`select id from agency where tenant_id = ${tenantId} and lower(name) = lower(${name})`);
  return !!row && row.id !== exceptId;
}

export async function insertAgency(db: Database, values: { tenantId: string; name: string; type: string; externalCode: string | null }) {
  const [row] = await db.insert(agency).values(values).returning({ id: agency.id });
  return row!.id;
}

export async function updateAgency(db: Database, tenantId: string, id: string, values: { name: string; type: string; externalCode: string | null; active: boolean }) {
  await db.update(agency).set(values).where(and(eq(agency.tenantId, tenantId), eq(agency.id, id)));
}

export function listTeams(db: Database, tenantId: string, agencyId?: string) {
  return rows<{ id: string; name: string; agency_id: string; agency_name: string; active: boolean; members: number }>(
    db,
    sql`select t.id, t.name, t.agency_id, a.name as agency_name, t.active,
               (select count(*) from app_user u where u.team_id = t.id) as members
          from team t join agency a on a.id = t.agency_id
         where t.tenant_id = ${tenantId} ${agencyId ? sql`and t.agency_id = ${agencyId}` : sql``}
         order by a.name, t.name`,
  );
}

export async function teamNameTaken(db: Database, agencyId: string, name: string): Promise<boolean> {
  return !!(await one(db, sql`select 1 from team where agency_id = ${agencyId} and lower(name) = lower(${name})`));
}

export async function insertTeam(db: Database, values: { tenantId: string; agencyId: string; name: string }) {
  const [row] = await db.insert(team).values(values).returning({ id: team.id });
  return row!.id;
}

export function listSchools(db: Database, tenantId: string) {
  return rows<{ agency_id: string; name: string; urn: string; phase: string; postcode: string | null; active: boolean }>(
    db,
    sql`select s.agency_id, a.name, s.urn, s.phase, s.postcode, a.active
          from school s join agency a on a.id = s.agency_id
         where s.tenant_id = ${tenantId} order by a.name`,
  );
}

export async function urnTaken(db: Database, urn: string): Promise<boolean> {
  return !!(await one(db, sql`select 1 from school where urn = ${urn}`));
}

export async function insertSchool(db: Database, values: { tenantId: string; agencyId: string; urn: string; phase: string; postcode: string | null }) {
  await db.insert(school).values(values);
}

/** The agency that owns the front door for a kind of contact: children's or adult social care. */
export async function frontDoorAgency(db: Database, tenantId: string, type: 'children_social_care' | 'adult_social_care') {
  return one<{ id: string; name: string }>(
    db,
    sql`select id, name from agency where tenant_id = ${tenantId} and type = ${type} and active order by created_at limit 1`,
  );
}

function rolesWith(permission: Permission): Role[] {
  return (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => ROLE_PERMISSIONS[r].includes(permission));
}

/** Active users anywhere in the area whose roles give a permission. */
export function areaUsersWith(db: Database, tenantId: string, permission: Permission) {
  const roles = rolesWith(permission);
  return rows<{ id: string; email: string; agency_id: string }>(
    db,
    sql`select distinct u.id, u.email, u.agency_id from app_user u join role_assignment ra on ra.user_id = u.id
         where u.tenant_id = ${tenantId} and u.disabled_at is null
           and ra.role in (select jsonb_array_elements_text(${JSON.stringify(roles)}::jsonb))`,
  );
}

/** Active users of an agency whose roles give a permission. */
export function usersWith(db: Database, tenantId: string, agencyId: string, permission: Permission) {
  const roles = rolesWith(permission);
  return rows<{ id: string; email: string; display_name: string }>(
    db,
    sql`select distinct u.id, u.email, u.display_name from app_user u join role_assignment ra on ra.user_id = u.id
         where u.tenant_id = ${tenantId} and u.agency_id = ${agencyId} and u.disabled_at is null
           and ra.role in (select jsonb_array_elements_text(${JSON.stringify(roles)}::jsonb)) order by u.display_name`,
  );
}
