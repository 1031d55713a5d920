/**
 * npm run seed -- [--scale N] [--days D] [--reset]
 * Seeds the fictional Borough of Fernmoor (synthetic people and contacts) into the configured database.
 * --scale multiplies people (120 families per unit) and contacts (300 per unit); --days spreads contacts over
 * that many days of history. Refuses to add a second demo borough unless --reset empties the database first
 * (never in production).
 */
import { sql } from 'drizzle-orm';
import { demoPasswordHash } from '../app.js';
import { loadConfig } from '../config.js';
import { runCli } from './run.js';
import { migrateDatabase } from '../db/client.js';
import { openConfiguredDatabase } from '../db/prepare.js';
import { demoTenantExists, seedDemo } from '../db/seed/demo.js';
import { seedPublishedHolidays } from '../db/seed/holidays.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number`);
  return v;
}

async function main(): Promise<number> {
  const config = loadConfig();
  const scale = option('scale', 1);
  const days = option('days', 120);
  const reset = process.argv.includes('--reset');
  if (reset && config.env === 'production') throw new Error('--reset is refused when NODE_ENV=production');
  const handle = await openConfiguredDatabase(config);
  try {
    if (reset) {
      await handle.db.execute(sql`drop schema public cascade`);
      await handle.db.execute(sql`drop schema if exists drizzle cascade`);
      await handle.db.execute(sql`create schema public`);
    }
    await migrateDatabase(handle);
    await seedPublishedHolidays(handle.db);
    if (await demoTenantExists(handle.db)) throw new Error('The demo borough is already in this database: use --reset to start again');
    const started = Date.now();
    const summary = await seedDemo(handle.db, { scale, days, now: new Date(), passwordHash: await demoPasswordHash(), log: (m) => console.log(m) });
    console.log(`Seeded ${summary.people} people and ${summary.contacts} contacts (scale ${scale}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await handle.close();
  }
  return 0;
}

runCli('seed', main);
