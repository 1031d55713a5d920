/** SQL for accounts: app_user and role_assignment (the sign-in throttle's SQL is in throttle.ts). */
import { and, eq, sql } from 'drizzle-orm';
import { type Database, one, rows } from '../../db/client.js';
import { appUser, roleAssignment } from '../../db/schema/index.js';
import { isRole, type Role } from '../../domain/roles.js';

export interface CredentialRow {
  id: string;
  tenantId: string;
  passwordHash: string | null;
  disabledAt: Date | null;
  totpSecretEnc: string | null;
  totpEnabledAt: Date | null;
  totpLastStep: number | null;
  roles: Role[];
}

export async function findCredentials(db: Database, where: { email?: string; id?: string; oidcSubject?: string }): Promise<CredentialRow | undefined> {
  const condition = where.id
    ? eq(appUser.id, where.id)
    : where.oidcSubject
      ? eq(appUser.oidcSubject, where.oidcSubject)
      : eq(appUser.email, (where.email ?? '').toLowerCase());
  const [user] = await db.select().from(appUser).where(condition).limit(1);
  if (!user) return undefined;
  const roles = await db.select({ role: roleAssignment.role }).from(roleAssignment).where(eq(roleAssignment.userId, user.id));
  return {
    id: user.id,
    tenantId: user.tenantId,
    passwordHash: user.passwordHash,
    disabledAt: user.disabledAt,
    totpSecretEnc: user.totpSecretEnc,
    totpEnabledAt: user.totpEnabledAt,
    totpLastStep: user.totpLastStep,
    roles: roles.map((r) => r.role).filter(isRole),
  };
}

export async function recordSuccess(db: Database, userId: string, at: Date): Promise<void> {
  await db.update(appUser).set({ lastSignInAt: at }).where(eq(appUser.id, userId));
}

export async function saveTotp(db: Database, userId: string, secretEnc: string | null, step: number | null, at: Date | null): Promise<void> {
  await db.update(appUser).set({ totpSecretEnc: secretEnc, totpEnabledAt: at, totpLastStep: step }).where(eq(appUser.id, userId));
}

export async function saveTotpStep(db: Database, userId: string, step: number): Promise<void> {
  await db.update(appUser).set({ totpLastStep: step }).where(eq(appUser.id, userId));
}

export async function linkOidcSubject(db: Database, userId: string, subject: string): Promise<void> {
  await db.update(appUser).set({ oidcSubject: subject }).where(eq(appUser.id, userId));
}

export interface UserListRow {
  id: string;
  email: string;
  display_name: string;
  agency_id: string;
  agency_name: string;
  team_id: string | null;
  team_name: string | null;
  roles: string[] | null;
  /** Failed sign-ins counted against the account in the throttle's window (any source). */
  failed_sign_ins: number;
  /** The latest time until which some source's attempts at this account are delayed, if still ahead. */
  slowed_until: string | null;
  disabled_at: string | null;
  totp_enabled_at: string | null;
  last_sign_in_at: string | null;
}

const users = (now: Date) => sql`select u.id, u.email, u.display_name, u.agency_id, a.name as agency_name, u.team_id, t.name as team_name,
         (select array_agg(r.role order by r.role) from role_assignment r where r.user_id = u.id) as roles,
         (select coalesce(sum(s.failures), 0)::int from sign_in_throttle s where s.user_id = u.id and s.scope = 'pair' and s.expires_at > ${now}) as failed_sign_ins,
         (select max(s.blocked_until) from sign_in_throttle s where s.user_id = u.id and s.expires_at > ${now} and s.blocked_until > ${now}) as slowed_until,
         u.disabled_at, u.totp_enabled_at, u.last_sign_in_at
    from app_user u
    join agency a on a.id = u.agency_id
    left join team t on t.id = u.team_id`;

export function listUsers(db: Database, tenantId: string, now: Date): Promise<UserListRow[]> {
  return rows<UserListRow>(db, sql`${users(now)} where u.tenant_id = ${tenantId} order by a.name, u.display_name`);
}

/** Which users: all; those whose sign-ins are slowed (locked for now); active accounts not signed in for 90 days. */
export type UserShow = 'all' | 'slowed' | 'dormant';
export const DORMANT_AFTER_DAYS = 90;

/** A page of the area's users for a filter, and how many the filter holds (the home page's counts use the total). */
export async function userPage(db: Database, tenantId: string, now: Date, show: UserShow, limit: number, offset: number): Promise<{ rows: UserListRow[]; total: number }> {
  const since = new Date(now.getTime() - DORMANT_AFTER_DAYS * 86_400_000).toISOString();
  const which = {
    all: sql`true`,
    slowed: sql`x.slowed_until is not null`,
    dormant: sql`x.disabled_at is null and (x.last_sign_in_at is null or x.last_sign_in_at < ${since})`,
  }[show];
  const from = sql`from (${users(now)} where u.tenant_id = ${tenantId}) x where ${which}`;
  const [found, count] = await Promise.all([
    rows<UserListRow>(db, sql`select x.* ${from} order by x.agency_name, x.display_name, x.id limit ${limit} offset ${offset}`),
    one<{ n: number }>(db, sql`select count(*)::int as n ${from}`),
  ]);
  return { rows: found, total: count?.n ?? 0 };
}

export function getUser(db: Database, tenantId: string, id: string, now: Date): Promise<UserListRow | undefined> {
  return one<UserListRow>(db, sql`${users(now)} where u.tenant_id = ${tenantId} and u.id = ${id}`);
}

export async function emailTaken(db: Database, email: string, exceptUserId?: string): Promise<boolean> {
  const row = await one<{ id: string }>(db, sql`select id from app_user where email = ${email.toLowerCase()}`);
  return !!row && row.id !== exceptUserId;
}

export async function insertUser(
  db: Database,
  values: { tenantId: string; agencyId: string; teamId: string | null; email: string; displayName: string; passwordHash: string | null },
): Promise<string> {
  const [row] = await db
    .insert(appUser)
    .values({ ...values, email: values.email.toLowerCase() })
    .returning({ id: appUser.id });
  return row!.id;
}

export async function updateUser(
  db: Database,
  id: string,
  values: Partial<{ agencyId: string; teamId: string | null; displayName: string; email: string; passwordHash: string; disabledAt: Date | null }>,
): Promise<void> {
  await db.update(appUser).set(values).where(eq(appUser.id, id));
}

export async function replaceRoles(db: Database, tenantId: string, userId: string, roles: readonly Role[], grantedBy: string | null): Promise<void> {
  await db.delete(roleAssignment).where(and(eq(roleAssignment.userId, userId), eq(roleAssignment.tenantId, tenantId)));
  for (const role of roles) {
    await db.insert(roleAssignment).values({ tenantId, userId, role, grantedByUserId: grantedBy });
  }
}

export function demoAccounts(db: Database): Promise<{ email: string; display_name: string; agency_name: string; roles: string[] | null }[]> {
  return rows(
    db,
    sql`select u.email, u.display_name, a.name as agency_name,
               (select array_agg(r.role order by r.role) from role_assignment r where r.user_id = u.id) as roles
          from app_user u join agency a on a.id = u.agency_id join tenant t on t.id = u.tenant_id
         where t.synthetic and u.password_hash is not null and u.disabled_at is null and u.email like '%@demo.threshold.test'
         order by a.name, u.display_name
         limit 40`,
  );
}
