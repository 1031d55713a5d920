/**
 * Worklist page throughput for a signed-in screener, measured with autocannon on loopback.
 *
 *   npm run bench -- [--seconds 20] [--connections 10] [--scale 1]
 *   DATABASE_URL=postgres://… npm run bench      (a real server; the database must be empty or hold the demo)
 *
 * Builds the app in this process over a fresh database (PGlite in a temporary folder unless DATABASE_URL is
 * set), seeds the demo borough at --scale, signs a screener in, then drives GET /worklist. Prints requests per
 * second and latency percentiles (p50, p95, p99) computed from every response. A measurement, not a test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { eq, sql } from 'drizzle-orm';
import { buildApp, demoPasswordHash } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { one, openDatabase } from '../src/db/client.js';
import { prepareDatabase } from '../src/db/prepare.js';
import { demoTenantExists, seedDemo } from '../src/db/seed/demo.js';
import { appUser } from '../src/db/schema/index.js';
import { SESSION_COOKIE } from '../src/platform/sessions.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

async function main(): Promise<void> {
  const seconds = option('seconds', 20);
  const connections = option('connections', 10);
  const scale = option('scale', 1);
  const dir = process.env.DATABASE_URL ? undefined : mkdtempSync(join(tmpdir(), 'threshold-bench-'));
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', THRESHOLD_SECRET: 'bench-secret-bench-secret-bench-secret-00', DEMO_MODE: 'false', LOG_LEVEL: 'warn' });
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: dir ? join(dir, 'pglite') : undefined, poolSize: 20 });
  await prepareDatabase(handle, { seedDemoWhenEmpty: false, demoPasswordHash, now: new Date() });
  if (!(await demoTenantExists(handle.db))) await seedDemo(handle.db, { scale, now: new Date(), passwordHash: await demoPasswordHash() });
  const app = await buildApp({ config, db: handle });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });

  const [user] = await handle.db.select().from(appUser).where(eq(appUser.email, 'screener@demo.threshold.test'));
  const token = await app.services.sessions.create(handle.db, { userId: user!.id, tenantId: user!.tenantId, stage: 'active', method: 'bench' });
  const open = await one<{ n: number }>(handle.db, sql`select count(*) as n from contact where status in ('open', 'awaiting_authorisation')`);
  const total = await one<{ n: number }>(handle.db, sql`select count(*) as n from contact`);

  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `${address}/worklist`, connections, duration: seconds, headers: { cookie: `${SESSION_COOKIE}=${token}` } },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    });
  });
  latencies.sort((a, b) => a - b);
  const ok = statuses.get(200) ?? 0;
  console.log(`database: ${handle.kind}; contacts: ${total!.n} (${open!.n} open); connections: ${connections}; duration: ${seconds} s`);
  console.log(`responses: ${latencies.length} (${[...statuses].map(([s, n]) => `${s}: ${n}`).join(', ')})`);
  console.log(`requests/second: ${(ok / seconds).toFixed(1)} (autocannon mean ${result.requests.average.toFixed(1)})`);
  console.log(`latency ms: p50 ${percentile(latencies, 50).toFixed(1)}, p95 ${percentile(latencies, 95).toFixed(1)}, p99 ${percentile(latencies, 99).toFixed(1)}, max ${latencies[latencies.length - 1]?.toFixed(1)}`);
  await new Promise((r) => setTimeout(r, 500)); // let requests autocannon abandoned finish before closing the pool
  await app.close();
  await handle.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
