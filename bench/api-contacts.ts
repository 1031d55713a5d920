/**
 * The agency API under load: `POST /api/v1/contacts` against a bare Fastify route that only parses JSON, in the
 * same run, on loopback.
 *
 *   DATABASE_URL=postgres://… npx tsx bench/api-contacts.ts [--seconds 15] [--connections 10,100] [--warmup 3]
 *                                                            [--pool 20] [--driver child|inline] [--no-bare]
 *                                                            [--no-idempotency-key]
 *
 * Builds the app on a real PostgreSQL server (an empty database, or one holding only the demo), seeds the demo,
 * makes an API client for the police agency and gets a token, and listens on 127.0.0.1. A second, bare Fastify
 * instance (no plugins, no logger) answers `POST /bare` with 201 {ok:true} after parsing the JSON body. Then
 * autocannon drives each target for --seconds at each connection count: every request carries a new
 * Idempotency-Key, police reference, place, time and people (made-up names), so each makes its own contact and
 * incident. Prints requests/second, latency p50/p95/p99 from every response, non-2xx responses, the ratio of the
 * API's rate to the bare route's, and checks in the database that the contacts made equal the 201s sent.
 *
 * By default autocannon runs in a child process (--driver child) so the load generator does not share the
 * server's JavaScript thread; --driver inline runs it in this process, as bench/worklist.ts does. Synthetic data
 * only; loopback only; each phase stops after --seconds. A measurement, not a test.
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp, demoPasswordHash } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { one, openDatabase } from '../src/db/client.js';
import { prepareDatabase } from '../src/db/prepare.js';
import { demoTenantExists, seedDemo } from '../src/db/seed/demo.js';
import { SYSTEM_ACTOR } from '../src/platform/audit.js';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

// ——— synthetic notifications (made-up people, places and references) ———

const GIVEN = ['Robin', 'Jo', 'Alex', 'Sam', 'Charlie', 'Morgan', 'Riley', 'Jamie', 'Casey', 'Avery', 'Rowan', 'Skye', 'Ellis', 'Harper', 'Quinn', 'Reese', 'Frankie', 'Dale', 'Billie', 'Tate'];
const FAMILY = ['Fixtureby', 'Sampleton', 'Testwell', 'Mockford', 'Dummett', 'Placeholt', 'Fakenham', 'Synthwick', 'Benchley', 'Loadstone'];
const INWARD = 'ABDEFGHJLNPQRSTUWXYZ'; // letters a postcode's inward code may use
const CONCERN_CODES = ['domestic_abuse', 'neglect', 'emotional_abuse', 'mental_health', 'alcohol_misuse', 'drug_misuse', 'missing'];
const RISKS = ['standard', 'medium', 'high'];

/** A number as lower-case letters (names may hold letters only): 0 → "a", 27 → "bb". */
function letters(n: number): string {
  let out = '';
  let v = n;
  do {
    out = String.fromCharCode(97 + (v % 26)) + out;
    v = Math.floor(v / 26);
  } while (v > 0);
  return out;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The n-th notification of a run: unique reference, family name, place and time, so none attaches to another. */
export function notificationBody(run: string, n: number, now: number): string {
  const family = `${FAMILY[n % FAMILY.length]}-${run}${letters(n)}`.slice(0, 60);
  const day = 86_400_000;
  const childDob = now - (365 + ((n * 7919) % (16 * 365))) * day;
  const parentDob = now - (20 * 365 + ((n * 104_729) % (25 * 365))) * day;
  const occurredAt = new Date(now - 3_600_000 - ((n * 15_485_863) % (60 * 24 * 60)) * 60_000); // within 60 days
  const postcode = `FM${1 + (n % 9)} ${n % 10}${INWARD[Math.floor(n / 10) % INWARD.length]}${INWARD[Math.floor(n / 200) % INWARD.length]}`;
  return JSON.stringify({
    contactType: 'child',
    notificationType: 'gen117',
    referrer: { name: 'Pat Constable', role: 'PC 4471', email: 'pat.constable@police.example' },
    incident: { policeReference: `FM/${run}/${n}`, occurredAt: occurredAt.toISOString(), postcode, place: 'Home address' },
    riskLevel: RISKS[n % RISKS.length],
    concerns: [CONCERN_CODES[n % CONCERN_CODES.length], CONCERN_CODES[(n + 3) % CONCERN_CODES.length]],
    narrative: 'Police attended a verbal argument between the adults; the child was present. Synthetic benchmark notification.',
    consent: 'not_sought',
    people: [
      { role: 'subject_child', givenNames: GIVEN[n % GIVEN.length], familyName: family, dateOfBirth: isoDate(childDob), gender: n % 2 ? 'male' : 'female', childVoice: 'Said they hid upstairs', childDemeanour: 'Quiet, tearful' },
      { role: 'parent_carer', givenNames: GIVEN[(n + 7) % GIVEN.length], familyName: family, dateOfBirth: isoDate(parentDob), gender: n % 2 ? 'female' : 'male' },
    ],
  });
}

// ——— the load driver (in a child process by default) ———

interface Phase {
  label: string;
  url: string;
  path: string;
  connections: number;
  seconds: number;
  token: string | null;
  run: string;
  /** Where this phase's numbering starts, so references and keys never repeat within a run. */
  firstNumber: number;
  idempotencyKeys: boolean;
}

interface PhaseResult {
  label: string;
  connections: number;
  seconds: number;
  responses: number;
  statuses: Record<string, number>;
  non2xx: number;
  errors: number;
  timeouts: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  sent: number;
}

async function drive(phase: Phase): Promise<PhaseResult> {
  let n = phase.firstNumber;
  const now = Date.now();
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: phase.url,
        connections: phase.connections,
        duration: phase.seconds,
        requests: [
          {
            method: 'POST',
            path: phase.path,
            setupRequest: (request) => {
              n += 1;
              request.body = notificationBody(phase.run, n, now);
              request.headers = {
                'content-type': 'application/json',
                ...(phase.idempotencyKeys ? { 'idempotency-key': `${phase.run}-${n}-${randomUUID()}` } : {}),
                ...(phase.token ? { authorization: `Bearer ${phase.token}` } : {}),
              };
              return request;
            },
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
  latencies.sort((a, b) => a - b);
  const ok = Object.entries(statuses).reduce((sum, [s, c]) => (Number(s) >= 200 && Number(s) < 300 ? sum + c : sum), 0);
  return {
    label: phase.label,
    connections: phase.connections,
    seconds: phase.seconds,
    responses: latencies.length,
    statuses,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    rps: ok / phase.seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    sent: n - phase.firstNumber,
  };
}

function driveInChild(phase: Phase): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    // The same file in a child process (inheriting tsx's loader through execArgv), driving one phase.
    const child = fork(fileURLToPath(import.meta.url), ['--drive', JSON.stringify(phase)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answer: PhaseResult | undefined;
    child.on('message', (m) => (answer = m as PhaseResult));
    child.on('error', reject);
    child.on('exit', (code) => (answer ? resolve(answer) : reject(new Error(`load driver exited with ${code}`))));
  });
}

// ——— the run ———

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error('bench/api-contacts.ts measures the API on a real PostgreSQL server: set DATABASE_URL=postgres://… (an empty database, or one holding only the demo).');
    process.exit(2);
  }
  const seconds = Number(option('seconds', '15'));
  const warmup = Number(option('warmup', '3'));
  const connectionCounts = option('connections', '10,100').split(',').map(Number);
  const poolSize = Number(option('pool', '20'));
  const driver = option('driver', 'child');
  const skipBare = process.argv.includes('--no-bare'); // the API alone (for profiling the server)
  const idempotencyKeys = !process.argv.includes('--no-idempotency-key'); // to see what storing the response costs
  if (!(seconds > 0 && seconds <= 120) || connectionCounts.some((c) => !(c >= 1 && c <= 1000))) throw new Error('--seconds must be 1–120 and --connections 1–1000');

  const config = loadConfig({ ...process.env, NODE_ENV: 'production', THRESHOLD_SECRET: 'bench-secret-bench-secret-bench-secret-00', PUBLIC_URL: 'https://threshold.bench.invalid', DEMO_MODE: 'false', LOG_LEVEL: 'warn' });
  const handle = await openDatabase({ databaseUrl, poolSize });
  await prepareDatabase(handle, { seedDemoWhenEmpty: false, demoPasswordHash, now: new Date() });
  if (!(await demoTenantExists(handle.db))) await seedDemo(handle.db, { scale: 1, now: new Date(), passwordHash: await demoPasswordHash() });
  const app = await buildApp({ config, db: handle });

  // Server-side count of answers to POST /api/v1/contacts, and of requests in flight (to wait for them before
  // counting rows). autocannon abandons the requests in flight when a phase ends; the server still finishes
  // them and sends an answer nobody reads. onSend runs for those too (onResponse does not).
  const served: Record<string, number> = {};
  let inFlight = 0;
  app.addHook('onRequest', async (request) => {
    if (request.url === '/api/v1/contacts' && request.method === 'POST') inFlight += 1;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url === '/api/v1/contacts' && request.method === 'POST') {
      inFlight -= 1;
      served[reply.statusCode] = (served[reply.statusCode] ?? 0) + 1;
    }
    return payload;
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });

  const bare = Fastify({ logger: false });
  bare.post('/bare', async (_request, reply) => reply.code(201).send({ ok: true }));
  const bareAddress = await bare.listen({ port: 0, host: '127.0.0.1' });

  const police = (await one<{ id: string; tenant_id: string }>(handle.db, sql`select id, tenant_id from agency where type = 'police' order by name limit 1`))!;
  const client = await app.services.apiClients.create({ ...SYSTEM_ACTOR, tenantId: police.tenant_id }, { agencyId: police.id, name: `Benchmark ${new Date().toISOString()}` });
  const tokenResponse = await fetch(`${address}/api/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.secret }),
  });
  if (tokenResponse.status !== 200) throw new Error(`token request answered ${tokenResponse.status}: ${await tokenResponse.text()}`);
  const token = ((await tokenResponse.json()) as { access_token: string }).access_token;
  const clientRow = (await one<{ id: string }>(handle.db, sql`select id from api_client where client_id = ${client.clientId}`))!;

  const contactsOfClient = async () => Number((await one<{ n: number }>(handle.db, sql`select count(*)::int as n from contact where api_client_id = ${clientRow.id}`))!.n);
  const settle = async () => {
    for (let waited = 0; inFlight > 0 && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  };
  const run = randomUUID().slice(0, 4).replace(/[^a-z]/g, 'x'); // letters only: it goes into family names
  let number = 0;
  const runPhase = async (label: string, target: 'api' | 'bare', connections: number, secs: number): Promise<PhaseResult> => {
    const phase: Phase = {
      label,
      url: target === 'api' ? address : bareAddress,
      path: target === 'api' ? '/api/v1/contacts' : '/bare',
      connections,
      seconds: secs,
      token: target === 'api' ? token : null,
      run,
      firstNumber: number,
      idempotencyKeys,
    };
    const result = driver === 'inline' ? await drive(phase) : await driveInChild(phase);
    number += result.sent + 1;
    return result;
  };

  // What the database sessions of the app's pool are doing, sampled every 100 ms during each API phase: running a
  // statement, waiting for the audit chain's advisory lock, or idle inside a transaction (waiting for Node).
  const probe = new pg.Client({ connectionString: databaseUrl, application_name: 'threshold-bench-probe' });
  await probe.connect();
  const sampleSessions = () => {
    const totals = { samples: 0, active: 0, advisory: 0, idleInTransaction: 0, cpu: 0 };
    const started = process.cpuUsage();
    const startedAt = process.hrtime.bigint();
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      probe
        .query<{ active: number; advisory: number; idle_tx: number }>(
          `select count(*) filter (where state = 'active' and not (wait_event_type = 'Lock' and wait_event = 'advisory'))::int as active,
                  count(*) filter (where wait_event_type = 'Lock' and wait_event = 'advisory')::int as advisory,
                  count(*) filter (where state like 'idle in transaction%')::int as idle_tx
             from pg_stat_activity where datname = current_database() and application_name = 'threshold'`,
        )
        .then((r) => {
          totals.samples += 1;
          totals.active += r.rows[0]!.active;
          totals.advisory += r.rows[0]!.advisory;
          totals.idleInTransaction += r.rows[0]!.idle_tx;
        })
        .catch(() => undefined)
        .finally(() => (busy = false));
    }, 100);
    return () => {
      clearInterval(timer);
      const used = process.cpuUsage(started);
      const wall = Number(process.hrtime.bigint() - startedAt) / 1e3;
      const k = Math.max(1, totals.samples);
      return { active: totals.active / k, advisory: totals.advisory / k, idleInTransaction: totals.idleInTransaction / k, serverCpu: (used.user + used.system) / wall };
    };
  };

  const before = await contactsOfClient();
  const total = Number((await one<{ n: number }>(handle.db, sql`select count(*)::int as n from contact`))!.n);
  console.log(`database: ${handle.kind} (pool ${poolSize}); contacts already in the database: ${total}; driver: ${driver}; Idempotency-Key ${idempotencyKeys ? 'on every request' : 'not sent'}; ${seconds} s per phase; ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(2)}`);
  if (warmup > 0) {
    await runPhase('warm-up', 'api', 10, warmup);
    if (!skipBare) await runPhase('warm-up', 'bare', 10, warmup);
    await settle();
  }

  const rows: { connections: number; api: PhaseResult; bare: PhaseResult | null; served201: number; made: number; sessions: ReturnType<ReturnType<typeof sampleSessions>> }[] = [];
  for (const connections of connectionCounts) {
    const servedBefore = served[201] ?? 0;
    const madeBefore = await contactsOfClient();
    const stopSampling = sampleSessions();
    const api = await runPhase('POST /api/v1/contacts', 'api', connections, seconds);
    const sessions = stopSampling();
    await settle();
    const made = (await contactsOfClient()) - madeBefore;
    const served201 = (served[201] ?? 0) - servedBefore;
    const bareResult = skipBare ? null : await runPhase('POST /bare', 'bare', connections, seconds);
    rows.push({ connections, api, bare: bareResult, served201, made, sessions });
  }
  await settle();

  const fmt = (r: PhaseResult) =>
    `${r.label.padEnd(22)} ${String(r.connections).padStart(4)} conn: ${r.rps.toFixed(1).padStart(8)} req/s  p50 ${r.p50.toFixed(1)} / p95 ${r.p95.toFixed(1)} / p99 ${r.p99.toFixed(1)} ms (max ${r.max.toFixed(1)})  ` +
    `non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}  [${Object.entries(r.statuses).map(([s, c]) => `${s}: ${c}`).join(', ')}]`;
  console.log('');
  for (const r of rows) {
    console.log(fmt(r.api));
    if (r.bare) {
      console.log(fmt(r.bare));
      console.log(`${''.padEnd(22)} ratio API / bare: ${(r.api.rps / r.bare.rps).toFixed(4)} (1 : ${(r.bare.rps / r.api.rps).toFixed(0)})`);
    }
    console.log(
      `${''.padEnd(22)} during the API phase: server process CPU ${(r.sessions.serverCpu * 100).toFixed(0)}% of one core; database sessions on average ` +
        `${r.sessions.active.toFixed(1)} running a statement, ${r.sessions.advisory.toFixed(1)} waiting for the audit lock, ${r.sessions.idleInTransaction.toFixed(1)} idle in a transaction (waiting for Node)`,
    );
    console.log(`${''.padEnd(22)} contacts made in the database: ${r.made}; 201s sent by the server: ${r.served201}; 201s autocannon received: ${r.api.statuses[201] ?? 0} (the rest were in flight when the phase stopped)`);
    console.log('');
  }

  const after = await contactsOfClient();
  const updates = Number((await one<{ n: number }>(handle.db, sql`select count(*)::int as n from contact_update u join contact c on c.id = u.contact_id where c.api_client_id = ${clientRow.id}`))!.n);
  const incidents = Number((await one<{ n: number }>(handle.db, sql`select count(distinct incident_id)::int as n from contact where api_client_id = ${clientRow.id}`))!.n);
  const audit = Number((await one<{ n: number }>(handle.db, sql`select count(*)::int as n from audit_event where action = 'contact.received' and details->>'apiClientId' = ${clientRow.id}`))!.n);
  console.log(`whole run (warm-up included): contacts made ${after - before}; 201s sent by the server ${served[201] ?? 0}; ${after - before === (served[201] ?? 0) ? 'equal' : 'NOT EQUAL'}`);
  console.log(`  server answers: ${Object.entries(served).map(([s, c]) => `${s}: ${c}`).join(', ')}; distinct incidents ${incidents}; updates attached ${updates}; contact.received audit events ${audit}`);

  console.log(`load average at the end: ${loadavg()[0]!.toFixed(2)} (1 min)`);
  await probe.end();
  await app.close();
  await bare.close();
  await handle.close();
}

if (process.argv.includes('--drive')) {
  const phase = JSON.parse(option('drive', '{}')) as Phase;
  drive(phase)
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
