/**
 * Worklist page throughput for a signed-in screener, measured with autocannon on loopback.
 *
 *   npm run bench -- [--seconds 20] [--connections 10] [--scale 1] [--open-contacts 100000] [--client-process]
 *   DATABASE_URL=postgres://… npm run bench      (a real server; the database must be empty or hold the demo)
 *
 * Builds the app in this process over a fresh database (PGlite in a temporary folder unless DATABASE_URL is
 * set), seeds the demo borough at --scale, signs a screener in, then drives GET /worklist. Prints requests per
 * second and latency percentiles (p50, p95, p99) computed from every response. A measurement, not a test.
 *
 * --open-contacts N first inserts N more open contacts on the front door (owned by the children's services
 * agency, decision deadlines spread over the past two weeks and the next two, each about one synthetic child
 * in the register), in bulk with SQL, so the page can be measured with a front door that far behind.
 *
 * Prints the load average before and after (the machine is shared), and checks that the figures the page shows
 * (the counts the database keeps) equal counting the screener's open contacts directly.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { eq, sql } from 'drizzle-orm';
import { buildApp, demoPasswordHash } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { type Database, one, openDatabase, transaction } from '../src/db/client.js';
import { prepareDatabase } from '../src/db/prepare.js';
import { demoTenantExists, seedDemo } from '../src/db/seed/demo.js';
import { appUser } from '../src/db/schema/index.js';
import { SESSION_COOKIE } from '../src/platform/sessions.js';
import { createServices } from '../src/services.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

const GIVEN = ['Robin', 'Ellis', 'Ava', 'Noah', 'Isla', 'Leo', 'Maya', 'Finn', 'Ruby', 'Oscar', 'Freya', 'Theo', 'Poppy', 'Arlo', 'Esme', 'Jude'];
const FAMILY = ['Fixtureby', 'Sampleton', 'Testwell', 'Mockford', 'Dummett', 'Placeholt', 'Fakenham', 'Synthwick', 'Benchley', 'Loadstone', 'Fernside', 'Moorcroft'];
const textArray = (list: string[]) => sql.raw(`array[${list.map((v) => `'${v}'`).join(', ')}]`);

/**
 * Inserts `count` open contacts owned by the tenant's children's services agency, each about one new synthetic
 * child (person, primary name, subject row), in batches of set-based SQL (generate_series). Ids are derived from
 * a tag for the run, so each statement of a batch can name the same rows without a temporary table.
 */
async function insertOpenContacts(db: Database, count: number): Promise<{ tenantId: string; agencyId: string; seconds: number }> {
  const csc = await one<{ id: string; tenant_id: string }>(db, sql`select id, tenant_id from agency where type = 'children_social_care' order by name limit 1`);
  if (!csc) throw new Error('no children_social_care agency: seed the demo first');
  const source = await one<{ id: string }>(db, sql`select id from agency where type = 'police' and tenant_id = ${csc.tenant_id} limit 1`);
  const tag = `bench-open-${Date.now().toString(36)}`;
  const started = performance.now();
  const batch = 20_000;
  for (let from = 1; from <= count; from += batch) {
    const to = Math.min(count, from + batch - 1);
    await transaction(db, async (tx) => {
      const series = sql`generate_series(${from}::int, ${to}::int) as g`;
      const personId = sql`md5(${tag} || ':p:' || g)::uuid`;
      const contactId = sql`md5(${tag} || ':c:' || g)::uuid`;
      const given = sql`(${textArray(GIVEN)})[1 + g % ${GIVEN.length}]`;
      const family = sql`(${textArray(FAMILY)})[1 + (g / ${GIVEN.length}) % ${FAMILY.length}]`;
      // Deadlines from two weeks ago to two weeks ahead, a different minute for each contact.
      const due = sql`now() + make_interval(mins => ((g::bigint * 7919) % ${28 * 24 * 60})::int - ${14 * 24 * 60})`;
      await tx.execute(sql`insert into person (id, tenant_id, date_of_birth, dob_precision, gender, synthetic)
        select ${personId}, ${csc.tenant_id}, date '2009-01-01' + (g * 37) % 6000, 'exact', case when g % 2 = 0 then 'female' else 'male' end, true from ${series}`);
      await tx.execute(sql`insert into person_name (tenant_id, person_id, type, given_names, family_name, is_primary, search_text)
        select ${csc.tenant_id}, ${personId}, 'legal', ${given}, ${family}, true, lower(${given} || ' ' || ${family}) from ${series}`);
      await tx.execute(sql`insert into contact (id, tenant_id, reference, status, contact_type, owning_agency_id, source_agency_id, source_code,
                                                referrer_name, received_at, concerns, narrative, consent, decision_due_at, channel, rag, risk_level,
                                                synthetic, submitted_at)
        select ${contactId}, ${csc.tenant_id}, 'C-' || extract(year from now())::int || '-' || lpad(nextval('contact_reference_seq')::text, 6, '0'), 'open', 'child',
               ${csc.id}, ${source?.id ?? null}, '6', 'Pat Constable', ${due} - interval '1 day',
               array[(array['domestic_abuse', 'neglect', 'emotional_abuse', 'mental_health'])[1 + g % 4]], 'Synthetic benchmark contact.', 'not_sought',
               ${due}, 'bulk', (array['red', 'amber', 'green'])[1 + g % 3], (array['high', 'medium', 'standard'])[1 + g % 3], true, ${due} - interval '1 day'
          from ${series}`);
      await tx.execute(sql`insert into contact_subject (tenant_id, contact_id, person_id, role, child_voice, child_demeanour)
        select ${csc.tenant_id}, ${contactId}, ${personId}, 'subject_child', 'Not spoken to: synthetic', 'Not seen: synthetic' from ${series}`);
    });
  }
  // What autovacuum would do soon after a load this size: fresh statistics for the planner.
  await db.execute(sql`analyze contact`);
  await db.execute(sql`analyze contact_subject`);
  await db.execute(sql`analyze person`);
  await db.execute(sql`analyze person_name`);
  return { tenantId: csc.tenant_id, agencyId: csc.id, seconds: (performance.now() - started) / 1000 };
}

interface Drive {
  url: string;
  cookie: string;
  connections: number;
  seconds: number;
}

interface Driven {
  latencies: number[];
  statuses: Record<number, number>;
  average: number;
}

/** Drives GET /worklist with autocannon, timing every response. */
async function driveLoad(d: Drive): Promise<Driven> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: d.url, connections: d.connections, duration: d.seconds, headers: { cookie: d.cookie } }, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
  return { latencies, statuses, average: result.requests.average };
}

/**
 * The same load from a child process (--client-process), so the load generator does not share the server's one
 * thread (by default it runs in this process, as the figures recorded before 2026-12-05 were taken).
 */
function driveInChild(d: Drive): Promise<Driven> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--drive', JSON.stringify(d)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answer: Driven | undefined;
    child.on('message', (m) => (answer = m as Driven));
    child.on('error', reject);
    child.on('exit', (code) => (answer ? resolve(answer) : reject(new Error(`load driver exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  const seconds = option('seconds', 20);
  const connections = option('connections', 10);
  const scale = option('scale', 1);
  const openContacts = option('open-contacts', 0);
  const dir = process.env.DATABASE_URL ? undefined : mkdtempSync(join(tmpdir(), 'threshold-bench-'));
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', THRESHOLD_SECRET: 'bench-secret-bench-secret-bench-secret-00', AUDIT_CHECKPOINT_KEY: 'bench-checkpoint-key-bench-checkpoint-key-00', PUBLIC_URL: 'https://threshold.bench.invalid', DEMO_MODE: 'false', LOG_LEVEL: 'warn' });
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: dir ? join(dir, 'pglite') : undefined, poolSize: 20 });
  await prepareDatabase(handle, { seedDemoWhenEmpty: false, demoPasswordHash, now: new Date() });
  if (!(await demoTenantExists(handle.db))) await seedDemo(handle.db, { scale, now: new Date(), passwordHash: await demoPasswordHash() });
  if (openContacts > 0) {
    const loaded = await insertOpenContacts(handle.db, openContacts);
    console.log(`inserted ${openContacts} open contacts (with their subjects) in ${loaded.seconds.toFixed(1)} s`);
  }
  const app = await buildApp(createServices(config, handle, () => new Date()), { config, db: handle });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });

  const [user] = await handle.db.select().from(appUser).where(eq(appUser.email, 'screener@demo.threshold.test'));
  const token = await app.services.sessions.create(handle.db, { userId: user!.id, tenantId: user!.tenantId, stage: 'active', method: 'bench' });
  const open = await one<{ n: number }>(handle.db, sql`select count(*) as n from contact where status in ('open', 'awaiting_authorisation')`);
  const total = await one<{ n: number }>(handle.db, sql`select count(*) as n from contact`);
  const screenerOpen = await one<{ open: number; overdue: number }>(
    handle.db,
    sql`select count(*) filter (where status = 'open') as open, count(*) filter (where status = 'open' and decision_due_at < now()) as overdue
          from contact where tenant_id = ${user!.tenantId} and owning_agency_id = ${user!.agencyId}`,
  );

  const loadBefore = loadavg()[0]!;
  const drive: Drive = { url: `${address}/worklist`, cookie: `${SESSION_COOKIE}=${token}`, connections, seconds };
  const { latencies, statuses, average } = process.argv.includes('--client-process') ? await driveInChild(drive) : await driveLoad(drive);
  latencies.sort((a, b) => a - b);
  const ok = statuses[200] ?? 0;
  console.log(`database: ${handle.kind}; contacts: ${total!.n} (${open!.n} open); connections: ${connections}; duration: ${seconds} s`);
  console.log(`open contacts on the screener's worklist at the start of the run: ${screenerOpen!.open} (${screenerOpen!.overdue} past their decision deadline)`);
  console.log(`${cpus().length} cores; load average (1 min) before the run: ${loadBefore.toFixed(2)}, at the end: ${loadavg()[0]!.toFixed(2)}`);
  console.log(`responses: ${latencies.length} (${Object.entries(statuses).map(([s, n]) => `${s}: ${n}`).join(', ')}); autocannon ran ${process.argv.includes('--client-process') ? 'in a child process' : "in the server's process"}`);
  console.log(`requests/second: ${(ok / seconds).toFixed(1)} (autocannon mean ${average.toFixed(1)})`);
  console.log(`latency ms: p50 ${percentile(latencies, 50).toFixed(1)}, p95 ${percentile(latencies, 95).toFixed(1)}, p99 ${percentile(latencies, 99).toFixed(1)}, max ${latencies[latencies.length - 1]?.toFixed(1)}`);
  await new Promise((r) => setTimeout(r, 500)); // let requests autocannon abandoned finish before closing the pool
  // The page's figures against a direct count of the same contacts, at one instant.
  const viewer = { userId: user!.id, tenantId: user!.tenantId, agencyId: user!.agencyId, agencyType: 'children_social_care' };
  const shown = await app.services.contacts.worklistCounts(viewer);
  const counted = await one<{ open: number; awaiting: number }>(
    handle.db,
    sql`select count(*) filter (where status = 'open') as open, count(*) filter (where status = 'awaiting_authorisation') as awaiting
          from contact where tenant_id = ${user!.tenantId} and owning_agency_id = ${user!.agencyId} and status in ('open', 'awaiting_authorisation')`,
  );
  const same = shown.open === counted!.open && shown.awaiting === counted!.awaiting;
  console.log(`the page's figures: ${JSON.stringify(shown)}; counted directly: open ${counted!.open}, awaiting ${counted!.awaiting}${same ? '' : ' — MISMATCH'}`);
  await app.close();
  await handle.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}

if (process.argv.includes('--drive')) {
  const i = process.argv.indexOf('--drive');
  driveLoad(JSON.parse(process.argv[i + 1]!) as Drive)
    .then((result) => process.send!(result, () => process.exit(0)))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
