/**
 * Getting a database ready: open it, apply the migrations, load the published bank holidays, and (in demo mode,
 * on an empty database) seed the demo borough. The same steps for `npm start`, the tests and the CLI tools.
 */
import { sql } from 'drizzle-orm';
import { type Config } from '../config.js';
import { seedPublishedHolidays } from './seed/holidays.js';
import { type DbHandle, migrateDatabase, one, openDatabase } from './client.js';
import { seedDemo } from './seed/demo.js';

export async function openConfiguredDatabase(config: Config): Promise<DbHandle> {
  return openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : `${config.dataDir}/pglite`,
    poolSize: config.databasePoolSize,
  });
}

export async function prepareDatabase(
  handle: DbHandle,
  options: { seedDemoWhenEmpty: boolean; demoPasswordHash: () => Promise<string>; now: Date; log?: (message: string) => void; demoScale?: number },
): Promise<{ seeded: boolean }> {
  await migrateDatabase(handle);
  await seedPublishedHolidays(handle.db);
  const anyTenant = await one(handle.db, sql`select 1 from tenant limit 1`);
  if (!anyTenant && options.seedDemoWhenEmpty) {
    await seedDemo(handle.db, { scale: options.demoScale ?? 1, now: options.now, passwordHash: await options.demoPasswordHash(), ...(options.log ? { log: options.log } : {}) });
    return { seeded: true };
  }
  return { seeded: false };
}
