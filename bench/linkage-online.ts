/**
 * Online matching ("search before create"): loads a register into a real database, builds the matching profiles
 * and keys the way the product does (`readyTheRegister`), estimates the model from the register, then looks up
 * each query record as a single call to `IdentityService.candidates` and reports top-1 accuracy, recall@5 and
 * latency (p50/p95/p99).
 *
 *   npx tsx bench/linkage-online.ts --dataset febrl4 [--database postgres://127.0.0.1:55432/postgres]
 *   npx tsx bench/linkage-online.ts --dataset synthetic --people 1000000 --queries 2000 --database postgres://…
 *
 * --database is a PostgreSQL server URL: the benchmark creates (and afterwards drops) its own database
 * `threshold_bench` on that server. Without it, an in-memory PGlite is used.
 *
 * FEBRL 4: dataset4a (5,000 originals) is the register; each of the 5,000 records of dataset4b is a query whose
 * true match is the 4a record with the same number. Synthetic: a UK register of N people (with relatives and twins
 * at shared addresses, no duplicates), and for a random sample of them a second agency's record of the same person
 * (typos, nicknames, swapped day and month, moves, missing fields) as the query.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { type DbHandle, migrateDatabase, one, openDatabase } from '../src/db/client.js';
import { loadPeople } from '../src/db/seed/bulk-people.js';
import { Random } from '../src/db/seed/random.js';
import { syntheticRegister, variantOf } from '../src/db/seed/variants.js';
import { type PersonFields } from '../src/domain/matching/record.js';
import { createServices } from '../src/services.js';
import { readyTheRegister } from '../src/startup.js';
import { febrl } from './linkage/datasets.js';

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const dataset = arg('dataset', 'febrl4')!;
const serverUrl = arg('database');
const BENCH_DB = 'threshold_bench';

interface Workload {
  name: string;
  register: PersonFields[];
  queries: { fields: PersonFields; truth: number }[];
}

/** Identifiers the register does not know by type are stored as a local id (no issuing agency), so ask for them so. */
function asQuery(f: PersonFields): PersonFields {
  const identifiers: Record<string, string> = {};
  for (const [type, value] of Object.entries(f.identifiers ?? {})) {
    if (!value) continue;
    if (['nhs_number', 'upn', 'pnc'].includes(type)) identifiers[type] = value;
    else identifiers.local = `:${value}`;
  }
  return { ...f, identifiers };
}

function workload(): Workload {
  if (dataset === 'febrl4') {
    const a = febrl('dataset4a');
    const b = febrl('dataset4b');
    const index = new Map(a.truth.map((t, i) => [t, i]));
    return {
      name: 'FEBRL dataset4a (register) / dataset4b (queries)',
      register: a.fields,
      queries: b.fields.map((fields, i) => ({ fields, truth: index.get(b.truth[i]!) ?? -1 })),
    };
  }
  if (dataset === 'synthetic') {
    const people = Number(arg('people', '100000'));
    const count = Number(arg('queries', '2000'));
    const { fields } = syntheticRegister(people, { seed: 42, duplicateShare: 0 });
    const random = new Random(4242);
    const queries: Workload['queries'] = [];
    for (let q = 0; q < count; q += 1) {
      const i = random.int(0, fields.length - 1);
      queries.push({ fields: variantOf(fields[i]!, random), truth: i });
    }
    return { name: `synthetic UK register of ${people.toLocaleString('en-GB')} people`, register: fields, queries };
  }
  throw new Error(`--dataset must be febrl4 or synthetic, not ${dataset}`);
}

async function openBenchDatabase(): Promise<{ handle: DbHandle; drop: () => Promise<void>; kind: string }> {
  if (!serverUrl) {
    const handle = await openDatabase({});
    return { handle, drop: async () => {}, kind: 'PGlite (in memory)' };
  }
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${BENCH_DB}`);
  await admin.query(`create database ${BENCH_DB}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${BENCH_DB}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), statementTimeoutMs: 600_000 });
  const version = await one<{ v: string }>(handle.db, sql`select current_setting('server_version') as v`);
  return {
    handle,
    kind: `PostgreSQL ${version?.v ?? ''}`,
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${BENCH_DB}`);
      await c.end();
    },
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const work = workload();
  const { handle, drop, kind } = await openBenchDatabase();
  const services = createServices(loadConfig({ NODE_ENV: 'test' }), handle, () => new Date());
  const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);
  try {
    await migrateDatabase(handle);
    const tenant = await one<{ id: string }>(handle.db, sql`insert into tenant (code, name, synthetic) values ('bench', 'Benchmark area', true) returning id`);
    const tenantId = tenant!.id;
    console.log(`${work.name} on ${kind}: ${work.register.length.toLocaleString('en-GB')} people, ${work.queries.length.toLocaleString('en-GB')} queries`);

    let t = performance.now();
    const ids = await loadPeople(handle.db, tenantId, work.register, {
      batch: 5000,
      onProgress: (n) => n % 100_000 === 0 && console.log(`  loaded ${n.toLocaleString('en-GB')}`),
    });
    console.log(`load: ${seconds(t)} s`);
    t = performance.now();
    await readyTheRegister(services, { seeded: false, log: (m) => console.log(`  ${m} (${seconds(t)} s)`) });
    console.log(`profiles, keys, households and model (readyTheRegister): ${seconds(t)} s`);
    const model = await services.identity.modelFor(tenantId);
    if (model.trainedAt === null) {
      // Below 5,000 people the product uses the synthetic bootstrap; say so rather than train on too little.
      console.log(`  model: ${model.source}`);
    }
    if (handle.kind === 'postgres') await handle.db.execute(sql`analyze`);

    const index = new Map(ids.map((id, i) => [id, i]));
    // Warm-up (caches, JIT), not counted.
    for (const q of work.queries.slice(0, 50)) await services.identity.candidates(tenantId, asQuery(q.fields), { limit: 5 });

    const latencies: number[] = [];
    let top1 = 0;
    let top5 = 0;
    let none = 0;
    t = performance.now();
    for (const q of work.queries) {
      const started = performance.now();
      const found = await services.identity.candidates(tenantId, asQuery(q.fields), { limit: 5 });
      latencies.push(performance.now() - started);
      if (found.length === 0) none += 1;
      const rank = found.findIndex((c) => index.get(c.personId) === q.truth);
      if (rank === 0) top1 += 1;
      if (rank >= 0) top5 += 1;
    }
    const total = (performance.now() - t) / 1000;
    latencies.sort((a, b) => a - b);
    const n = work.queries.length;
    const mean = latencies.reduce((s, x) => s + x, 0) / n;
    console.log(`queries: ${n} in ${total.toFixed(1)} s (one at a time)`);
    console.log(`top-1 accuracy ${(top1 / n).toFixed(4)}  recall@5 ${(top5 / n).toFixed(4)}  no candidates ${none}`);
    console.log(
      `latency ms: p50 ${percentile(latencies, 50).toFixed(1)}  p95 ${percentile(latencies, 95).toFixed(1)}  p99 ${percentile(latencies, 99).toFixed(1)}  mean ${mean.toFixed(1)}  max ${latencies[n - 1]!.toFixed(1)}`,
    );
    const keys = await one<{ n: number }>(handle.db, sql`select count(*) as n from person_match_key`);
    console.log(`blocking keys stored: ${keys?.n.toLocaleString('en-GB')} (${((keys?.n ?? 0) / work.register.length).toFixed(1)} per person)`);
  } finally {
    await handle.close();
    await drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
