/**
 * npm run setup -- --area-code <code> --area-name "<name>" --admin-email <email> --admin-name "<name>"
 *
 * First-time set-up of a real installation (no demo data): creates the local authority area, its children's and
 * adult social care front doors, and one system administrator with a one-time password printed once. The
 * administrator must set up an authenticator app at first sign-in, then adds agencies, teams and users in
 * Administration. Run with the production configuration (DATABASE_URL, THRESHOLD_SECRET).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../config.js';
import { runCli } from './run.js';
import { migrateDatabase, one, transaction } from '../db/client.js';
import { openConfiguredDatabase } from '../db/prepare.js';
import { agency, appUser, roleAssignment, tenant } from '../db/schema/index.js';
import { AuditTrail, SYSTEM_ACTOR } from '../platform/audit.js';
import { seedPublishedHolidays } from '../db/seed/holidays.js';
import { hashPassword } from '../platform/passwords.js';

function arg(name: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  if (!v || v.startsWith('--')) throw new Error(`--${name} is required`);
  return v.trim();
}

async function main(): Promise<number> {
  const code = arg('area-code').toLowerCase();
  const name = arg('area-name');
  const email = arg('admin-email').toLowerCase();
  const adminName = arg('admin-name');
  if (!/^[a-z0-9-]{2,40}$/.test(code)) throw new Error('--area-code must be 2–40 lower-case letters, digits or hyphens');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Error('--admin-email is not an email address');
  const config = loadConfig();
  const handle = await openConfiguredDatabase(config);
  try {
    await migrateDatabase(handle);
    await seedPublishedHolidays(handle.db);
    if (await one(handle.db, sql`select 1 from tenant where code = ${code}`)) throw new Error(`An area with code ${code} already exists`);
    if (await one(handle.db, sql`select 1 from app_user where email = ${email}`)) throw new Error(`A user with email ${email} already exists`);
    const password = randomBytes(15).toString('base64url');
    const passwordHash = await hashPassword(password);
    const audit = new AuditTrail(handle.db, () => new Date());
    await transaction(handle.db, async (tx) => {
      const [t] = await tx.insert(tenant).values({ code, name }).returning({ id: tenant.id });
      const [csc] = await tx.insert(agency).values({ tenantId: t!.id, name: `${name} Children’s Social Care`, type: 'children_social_care' }).returning({ id: agency.id });
      await tx.insert(agency).values({ tenantId: t!.id, name: `${name} Adult Social Care`, type: 'adult_social_care' });
      const [u] = await tx.insert(appUser).values({ tenantId: t!.id, agencyId: csc!.id, email, displayName: adminName, passwordHash }).returning({ id: appUser.id });
      await tx.insert(roleAssignment).values({ tenantId: t!.id, userId: u!.id, role: 'system_admin' });
      await audit.record(tx, { ...SYSTEM_ACTOR, tenantId: t!.id }, { action: 'setup.area_created', recordType: 'tenant', recordId: t!.id, details: { adminUserId: u!.id } });
    });
    console.log(`Created ${name} (${code}) with its front doors, and the administrator ${email}.`);
    console.log(`One-time password (shown once; change it at Your account → Password after signing in): ${password}`);
    console.log('At first sign-in the administrator must set up an authenticator app.');
  } finally {
    await handle.close();
  }
  return 0;
}

runCli('setup', main);
