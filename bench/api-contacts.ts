/**
 * The agency API under load against the database's own limit, in one run on PostgreSQL, on loopback.
 *
 *   DATABASE_URL=postgres://…/db npx tsx bench/api-contacts.ts [--seconds 20] [--connections 10,100] [--warmup 3]
 *                                                              [--pool 20] [--raw-pool 20] [--raw one-statement,per-row]
 *                                                              [--bare] [--no-idempotency-key] [--profile DIR]
 *   DATABASE_URL=postgres://…/postgres npx tsx bench/api-contacts.ts --fresh …   (creates and drops its own database)
 *
 * Prepares the database (migrations, the demo borough when it holds no area, the register made ready as at start-up),
 * makes two API clients for the police agency, and starts the real server (`src/server.ts`, NODE_ENV=production,
 * its pool of --pool connections, on a free loopback port) as a child process, with everything it runs in the
 * background (the audit sealer among them). Then, at each connection count, for --seconds each:
 *
 * - **raw**: the database's limit for what a contact writes. A plain `pg` pool (at most --raw-pool connections,
 *   --connections loops) inserts the rows one API contact makes, for the same generated notifications: the
 *   contact (its reference from the same sequence), its two named people, its incident, the idempotency record and
 *   one audit event, in one transaction per contact. `one-statement` sends that transaction as one prepared statement
 *   (data-modifying CTEs: one round trip, the limit); `per-row` as a plain client usually would (BEGIN, one insert
 *   per table, COMMIT).
 * - **api**: autocannon POSTs /api/v1/contacts with --connections connections; every request carries a new
 *   Idempotency-Key, police reference, place, time and people (made-up names), so each makes its own contact.
 * - **bare** (with --bare): a Fastify instance with no plugins that parses the same JSON and answers 201.
 *
 * Prints, per phase: contacts/s (2xx answers, or committed transactions, per second), latency p50/p95/p99 from every
 * response, errors; the API's ratio to the raw limit; the machine's CPU use and the server process's; what the
 * database sessions were doing (sampled every 100 ms from pg_stat_activity); and checks that the contacts in the
 * database equal the 201s. Load generators run in child processes, so none shares a thread with the server.
 *
 * --profile DIR runs the server with `node --cpu-prof` and writes its CPU profile into DIR when it stops.
 *
 * Synthetic data only; loopback only; each phase stops after --seconds and the run stops by itself (the server
 * child is stopped, and killed if it does not stop). A measurement, not a test: read the machine's state with it.
 */
import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { demoPasswordHash } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { prepareDatabase } from '../src/db/prepare.js';
import { demoTenantExists, seedDemo } from '../src/db/seed/demo.js';
import { initialRag, normalisePoliceReference, personKey } from '../src/domain/intake.js';
import { SYSTEM_ACTOR } from '../src/platform/audit.js';
import { sha256 } from '../src/platform/crypto.js';
import { createServices } from '../src/services.js';
import { readyTheRegister } from '../src/startup.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

export function percentile(sorted: number[], p: number): number {
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

/** A run's tag: lower-case letters only (it goes into family names). */
export function runTag(): string {
  return letters(randomBytes(3).readUIntBE(0, 3)).padStart(4, 'a').slice(-5);
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

// ——— the database, the API client and the server (shared with bench/crash-drill.ts) ———

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A new, empty database on the server at `serverUrl`, and a function that drops it. */
export async function freshDatabase(serverUrl: string, prefix: string): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    url: withDatabase(serverUrl, name),
    name,
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Migrations, the demo borough (one area) when the database holds none, and the register made ready, as at start. */
export async function prepareBenchDatabase(databaseUrl: string, log: (message: string) => void = () => {}): Promise<void> {
  const handle = await openDatabase({ databaseUrl, poolSize: 4 });
  try {
    await prepareDatabase(handle, { seedDemoWhenEmpty: false, demoPasswordHash, now: new Date() });
    let seeded = false;
    if (!(await demoTenantExists(handle.db))) {
      log('seeding the demo borough…');
      await seedDemo(handle.db, { scale: 1, now: new Date(), passwordHash: await demoPasswordHash() });
      seeded = true;
    }
    await readyTheRegister(createServices(loadConfig({ NODE_ENV: 'test' }), handle, () => new Date()), { seeded });
  } finally {
    await handle.close();
  }
}

export interface BenchClient {
  id: string;
  clientId: string;
  secret: string;
  tenantId: string;
  agencyId: string;
}

/** An API client for the area's police agency (made as an administrator would, audited). */
export async function makeApiClient(databaseUrl: string, name: string): Promise<BenchClient> {
  const handle = await openDatabase({ databaseUrl, poolSize: 2 });
  try {
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    const police = (await c.query<{ id: string; tenant_id: string }>(`select id, tenant_id from agency where type = 'police' order by name limit 1`)).rows[0];
    await c.end();
    if (!police) throw new Error('no police agency in the database');
    const services = createServices(loadConfig({ NODE_ENV: 'test' }), handle, () => new Date());
    const made = await services.apiClients.create({ ...SYSTEM_ACTOR, tenantId: police.tenant_id }, { agencyId: police.id, name });
    return { id: made.id, clientId: made.clientId, secret: made.secret, tenantId: police.tenant_id, agencyId: police.id };
  } finally {
    await handle.close();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolvePort(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  logFile: string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * `src/server.ts` as a child process (NODE_ENV=production, e-mail delivery off, logs at warn into a file), on
 * 127.0.0.1:`port`; resolves once /health/ready answers 200, or rejects after `readyWithinMs`.
 */
export async function startServer(options: { databaseUrl: string; port: number; poolSize: number; logFile?: string; readyWithinMs?: number; cpuProfileDir?: string }): Promise<ServerProcess> {
  const logFile = options.logFile ?? join(tmpdir(), `threshold-bench-server-${options.port}-${Date.now()}.log`);
  const fd = openSync(logFile, 'a');
  const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: options.databaseUrl,
      DATABASE_POOL_SIZE: String(options.poolSize),
      HOST: '127.0.0.1',
      PORT: String(options.port),
      PUBLIC_URL: 'https://threshold.bench.invalid',
      THRESHOLD_SECRET: 'bench-secret-bench-secret-bench-secret-00',
      AUDIT_CHECKPOINT_KEY: 'bench-checkpoint-key-bench-checkpoint-key-00',
      EMAIL_DELIVERY: 'none',
      DEMO_MODE: 'false',
      SEED_DEMO_WHEN_EMPTY: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async (graceMs = 15_000) => {
    if (gone) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (!gone) child.kill('SIGKILL');
    }, graceMs);
    await exited;
    clearTimeout(timer);
  };
  const give = Date.now() + (options.readyWithinMs ?? 120_000);
  for (;;) {
    if (gone) throw new Error(`the server exited before it was ready; its log: ${logFile}\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
    try {
      const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > give) {
      await stop(2_000);
      throw new Error(`the server was not ready within ${options.readyWithinMs ?? 120_000} ms; its log: ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, url, logFile, exited, stop };
}

export async function getToken(url: string, client: BenchClient): Promise<string> {
  const res = await fetch(`${url}/api/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.secret }),
  });
  if (res.status !== 200) throw new Error(`token request answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

// ——— load drivers (each in a child process) ———

interface HttpPhase {
  kind: 'http';
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

export type RawStyle = 'one-statement' | 'per-row';

interface RawPhase {
  kind: 'raw';
  label: string;
  style: RawStyle;
  databaseUrl: string;
  pool: number;
  connections: number;
  seconds: number;
  run: string;
  firstNumber: number;
  tenantId: string;
  frontDoorId: string;
  sourceAgencyId: string;
  apiClientId: string;
}

type Phase = HttpPhase | RawPhase;

export interface PhaseResult {
  label: string;
  connections: number;
  seconds: number;
  /** Successful answers (2xx) or committed transactions. */
  ok: number;
  rate: number;
  statuses: Record<string, number>;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  sent: number;
  /** CPU the load generator itself used, as a share of one core (it runs in its own process). */
  driverCpu: number;
}

function summarise(label: string, connections: number, seconds: number, latencies: number[], statuses: Record<string, number>, errors: number, sent: number, cpu: NodeJS.CpuUsage): PhaseResult {
  latencies.sort((a, b) => a - b);
  const ok = Object.entries(statuses).reduce((sum, [s, c]) => (Number(s) >= 200 && Number(s) < 300 ? sum + c : sum), 0);
  const driverCpu = (cpu.user + cpu.system) / 1e6 / seconds;
  return { label, connections, seconds, ok, rate: ok / seconds, statuses, errors, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] ?? NaN, sent, driverCpu };
}

async function driveHttp(phase: HttpPhase): Promise<PhaseResult> {
  const cpu0 = process.cpuUsage();
  let n = phase.firstNumber;
  const now = Date.now();
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolveResult, reject) => {
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
      (err, res) => (err ? reject(err) : resolveResult(res)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
  return summarise(phase.label, phase.connections, phase.seconds, latencies, statuses, result.errors + result.timeouts, n - phase.firstNumber, process.cpuUsage(cpu0));
}

interface ParsedBody {
  referrer: { name: string; role: string; email: string };
  incident: { policeReference: string; occurredAt: string; postcode: string; place: string };
  riskLevel: string;
  concerns: string[];
  narrative: string;
  people: { role: string; givenNames: string; familyName: string; dateOfBirth: string; gender: string; childVoice?: string; childDemeanour?: string }[];
}

/** What one contact writes, as values: the same notification the API would get, as the API would store it. */
function rawValues(phase: RawPhase, n: number, now: number) {
  const text = notificationBody(phase.run, n, now);
  const body = JSON.parse(text) as ParsedBody;
  const receivedAt = new Date();
  const decisionDueAt = new Date(receivedAt.getTime() + 24 * 3_600_000);
  const people = body.people.map((p, position) => ({
    position,
    role: p.role,
    given_names: p.givenNames,
    family_name: p.familyName,
    date_of_birth: p.dateOfBirth,
    dob_precision: 'exact',
    gender: p.gender,
    child_voice: p.childVoice ?? null,
    child_demeanour: p.childDemeanour ?? null,
  }));
  const peopleKeys = body.people.map((p) => personKey({ givenNames: p.givenNames, familyName: p.familyName, dateOfBirth: p.dateOfBirth })).filter((k): k is string => k !== null);
  return {
    receivedAt: receivedAt.toISOString(),
    year: String(receivedAt.getUTCFullYear()),
    decisionDueAt: decisionDueAt.toISOString(),
    body,
    people,
    peopleKeys,
    policeReference: normalisePoliceReference(body.incident.policeReference),
    key: `${phase.run}-${n}-${randomUUID()}`,
    requestHash: sha256(`POST /api/v1/contacts\n${text}`),
    rag: initialRag(body.riskLevel),
  };
}

const CONTACT_COLUMNS = `tenant_id, reference, status, contact_type, owning_agency_id, source_agency_id, source_code, referrer_name, referrer_role,
  referrer_email, received_at, incident_at, concerns, narrative, consent, decision_due_at, restricted, channel, rag, risk_level, api_client_id,
  created_by_user_id, synthetic, submitted_at`;

/** One round trip: the whole contact as one statement of data-modifying CTEs (its own transaction). */
const ONE_STATEMENT = `
with ids as (select gen_random_uuid() as contact_id, gen_random_uuid() as incident_id, nextval('contact_reference_seq') as n),
c as (
  insert into contact (id, incident_id, ${CONTACT_COLUMNS})
  select ids.contact_id, ids.incident_id, $1::uuid, 'C-' || $2::text || '-' || lpad(ids.n::text, 6, '0'), 'open', 'child', $3::uuid, $4::uuid, '6',
         $5::text, $6::text, $7::text, $8::timestamptz, $9::timestamptz, $10::text[], $11::text, 'not_sought', $12::timestamptz, false, 'api',
         $13::text, $14::text, $15::uuid, null, false, $8::timestamptz
    from ids
  returning id, reference),
np as (
  insert into contact_named_person (tenant_id, contact_id, position, role, given_names, family_name, date_of_birth, dob_precision, gender, child_voice, child_demeanour)
  select $1::uuid, c.id, p.position, p.role, p.given_names, p.family_name, p.date_of_birth, p.dob_precision, p.gender, p.child_voice, p.child_demeanour
    from c, jsonb_to_recordset($16::jsonb) as p(position int, role text, given_names text, family_name text, date_of_birth date, dob_precision text,
                                               gender text, child_voice text, child_demeanour text)),
i as (
  insert into incident (id, tenant_id, contact_id, police_reference, occurred_at, postcode, place, people_keys)
  select ids.incident_id, $1::uuid, ids.contact_id, $17::text, $9::timestamptz, $18::text, $19::text, $20::text[] from ids),
k as (
  insert into idempotency_record (api_client_id, key, request_hash, status_code, response, headers)
  select $15::uuid, $21::text, $22::text, 201,
         jsonb_build_object('id', c.id, 'reference', c.reference, 'outcome', 'created', 'decisionDueAt', $23::text, 'linkedPeople', 0),
         jsonb_build_object('location', '/api/v1/contacts/' || c.id)
    from c)
insert into audit_event (chain, occurred_at, tenant_id, user_id, roles, agency_id, action, record_type, record_id, reason, request_id, details)
select $24::text, now(), $1::uuid, null, null, $4::uuid, 'contact.received', 'contact', c.id::text, null, $25::text,
       jsonb_build_object('reference', c.reference, 'channel', 'api', 'apiClientId', $26::text, 'people', 2, 'linkedByIdentifier', 0, 'notificationType', 'gen117')
  from c`;

function oneStatementParams(phase: RawPhase, v: ReturnType<typeof rawValues>, n: number): unknown[] {
  const b = v.body;
  return [
    phase.tenantId, v.year, phase.frontDoorId, phase.sourceAgencyId, b.referrer.name, b.referrer.role, b.referrer.email, v.receivedAt,
    b.incident.occurredAt, b.concerns, b.narrative, v.decisionDueAt, v.rag, b.riskLevel, phase.apiClientId, JSON.stringify(v.people),
    v.policeReference, b.incident.postcode, b.incident.place, v.peopleKeys, v.key, v.requestHash, v.decisionDueAt, phase.tenantId, `raw-${n}`,
    phase.apiClientId,
  ];
}

/** A plain client's transaction: BEGIN, the reference, one insert per table, COMMIT. */
async function perRow(client: pg.PoolClient, phase: RawPhase, v: ReturnType<typeof rawValues>, n: number): Promise<void> {
  const b = v.body;
  await client.query('begin');
  try {
    const seq = (await client.query<{ n: string | number }>(`select nextval('contact_reference_seq') as n`)).rows[0]!.n;
    const reference = `C-${v.year}-${String(seq).padStart(6, '0')}`;
    const contactId = (
      await client.query<{ id: string }>(
        `insert into contact (${CONTACT_COLUMNS}) values ($1, $2, 'open', 'child', $3, $4, '6', $5, $6, $7, $8, $9, $10::text[], $11, 'not_sought', $12, false, 'api', $13, $14, $15, null, false, $8) returning id`,
        [phase.tenantId, reference, phase.frontDoorId, phase.sourceAgencyId, b.referrer.name, b.referrer.role, b.referrer.email, v.receivedAt, b.incident.occurredAt, b.concerns, b.narrative, v.decisionDueAt, v.rag, b.riskLevel, phase.apiClientId],
      )
    ).rows[0]!.id;
    const [p0, p1] = v.people;
    await client.query(
      `insert into contact_named_person (tenant_id, contact_id, position, role, given_names, family_name, date_of_birth, dob_precision, gender, child_voice, child_demeanour)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11), ($1, $2, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
      [phase.tenantId, contactId, p0!.position, p0!.role, p0!.given_names, p0!.family_name, p0!.date_of_birth, p0!.dob_precision, p0!.gender, p0!.child_voice, p0!.child_demeanour, p1!.position, p1!.role, p1!.given_names, p1!.family_name, p1!.date_of_birth, p1!.dob_precision, p1!.gender, p1!.child_voice, p1!.child_demeanour],
    );
    const incidentId = (
      await client.query<{ id: string }>(
        `insert into incident (tenant_id, contact_id, police_reference, occurred_at, postcode, place, people_keys) values ($1, $2, $3, $4, $5, $6, $7::text[]) returning id`,
        [phase.tenantId, contactId, v.policeReference, b.incident.occurredAt, b.incident.postcode, b.incident.place, v.peopleKeys],
      )
    ).rows[0]!.id;
    await client.query(`update contact set incident_id = $1 where id = $2`, [incidentId, contactId]);
    await client.query(
      `insert into idempotency_record (api_client_id, key, request_hash, status_code, response, headers) values ($1, $2, $3, 201, $4, $5)`,
      [phase.apiClientId, v.key, v.requestHash, JSON.stringify({ id: contactId, reference, outcome: 'created', decisionDueAt: v.decisionDueAt, linkedPeople: 0 }), JSON.stringify({ location: `/api/v1/contacts/${contactId}` })],
    );
    await client.query(
      `insert into audit_event (chain, occurred_at, tenant_id, user_id, roles, agency_id, action, record_type, record_id, reason, request_id, details)
       values ($1::text, now(), $1::uuid, null, null, $2, 'contact.received', 'contact', $3, null, $4, $5)`,
      [phase.tenantId, phase.sourceAgencyId, contactId, `raw-${n}`, JSON.stringify({ reference, channel: 'api', apiClientId: phase.apiClientId, people: 2, linkedByIdentifier: 0, notificationType: 'gen117' })],
    );
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  }
}

async function driveRaw(phase: RawPhase): Promise<PhaseResult> {
  const pool = new pg.Pool({ connectionString: phase.databaseUrl, max: phase.pool, application_name: 'threshold-bench-raw' });
  // Open the pool's connections before the clock starts, as the server's pool is open before its phase.
  await Promise.all(Array.from({ length: phase.pool }, () => pool.query('select 1')));
  const now = Date.now();
  let n = phase.firstNumber;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const cpu0 = process.cpuUsage();
  let firstError: unknown;
  const started = performance.now();
  const end = started + phase.seconds * 1000;
  await Promise.all(
    Array.from({ length: phase.connections }, async () => {
      while (performance.now() < end) {
        n += 1;
        const mine = n;
        const v = rawValues(phase, mine, now);
        const t0 = performance.now();
        try {
          if (phase.style === 'one-statement') {
            await pool.query({ name: 'bench-contact', text: ONE_STATEMENT, values: oneStatementParams(phase, v, mine) });
          } else {
            const client = await pool.connect();
            try {
              await perRow(client, phase, v, mine);
            } finally {
              client.release();
            }
          }
          // Counted only if it committed inside the phase, as autocannon counts only answers inside it.
          if (performance.now() <= end) {
            statuses['201'] = (statuses['201'] ?? 0) + 1;
            latencies.push(performance.now() - t0);
          }
        } catch (err) {
          errors += 1;
          firstError ??= err;
        }
      }
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  await pool.end();
  if (firstError) console.error(`raw phase: ${errors} errors; the first:`, firstError);
  return summarise(phase.label, phase.connections, phase.seconds, latencies, statuses, errors, n - phase.firstNumber, cpu);
}

function driveInChild(phase: Phase): Promise<PhaseResult> {
  return new Promise((resolveResult, reject) => {
    // The same file in a child process (inheriting tsx's loader through execArgv), driving one phase.
    const child = fork(fileURLToPath(import.meta.url), ['--drive', JSON.stringify(phase)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answer: PhaseResult | undefined;
    child.on('message', (m) => (answer = m as PhaseResult));
    child.on('error', reject);
    child.on('exit', (code) => (answer ? resolveResult(answer) : reject(new Error(`load driver exited with ${code}`))));
  });
}

// ——— what the machine and the database were doing ———

/** Busy and total CPU time of the whole machine, in clock ticks (/proc/stat). */
function machineCpu(): { busy: number; total: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = fields[3]! + (fields[4] ?? 0);
    const total = fields.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** CPU time of one process (user + system), in clock ticks (/proc/<pid>/stat). */
function processCpu(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(after[11]) + Number(after[12]);
  } catch {
    return null;
  }
}

interface Sessions {
  samples: number;
  running: number;
  idleInTransaction: number;
  waits: Record<string, number>;
  /** The whole machine's CPU use, as a share of all its cores. */
  machineBusy: number | null;
  /** The server process's CPU, in cores. */
  serverCpu: number | null;
  /** The database backends serving the phase's sessions, in cores. */
  databaseCpu: number | null;
  seconds: number;
}

/**
 * Samples, every 100 ms until stopped, the sessions of one application: running, waiting (on what), idle in a
 * transaction; and the CPU used meanwhile by the machine, the server process and those sessions' backends (read from
 * /proc: the database is on this machine), so what other processes took can be told apart.
 */
function sampleSessions(probe: pg.Client, applicationName: string, serverPid: number | undefined): () => Sessions {
  const totals = { samples: 0, running: 0, idleInTransaction: 0, waits: {} as Record<string, number> };
  const backends = new Map<number, { first: number | null; last: number | null }>(); // CPU ticks when first and last seen
  const machine0 = machineCpu();
  const server0 = processCpu(serverPid);
  const t0 = performance.now();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    probe
      .query<{ pid: number; application_name: string; state: string | null; wait: string | null }>(
        `select pid, application_name, state, case when state = 'active' and wait_event is not null then wait_event_type || ':' || wait_event end as wait
           from pg_stat_activity where datname = current_database() and application_name in ('threshold', 'threshold-bench-raw')`,
      )
      .then((r) => {
        totals.samples += 1;
        for (const row of r.rows) {
          // CPU: the backends of both the server and the raw load; states: the phase's own sessions.
          const ticks = processCpu(row.pid);
          const seen = backends.get(row.pid);
          if (!seen) backends.set(row.pid, { first: ticks, last: ticks });
          else if (ticks !== null) seen.last = ticks;
          if (row.application_name !== applicationName) continue;
          if (row.state === 'active' && !row.wait) totals.running += 1;
          else if (row.state === 'active' && row.wait) totals.waits[row.wait] = (totals.waits[row.wait] ?? 0) + 1;
          else if (row.state?.startsWith('idle in transaction')) totals.idleInTransaction += 1;
        }
      })
      .catch(() => undefined)
      .finally(() => (busy = false));
  }, 100);
  return () => {
    clearInterval(timer);
    const seconds = (performance.now() - t0) / 1000;
    const machine1 = machineCpu();
    const server1 = processCpu(serverPid);
    let databaseTicks: number | null = 0;
    for (const [pid, seen] of backends) {
      // A backend gone by now (the raw load's pool has closed) counts up to its last sample.
      const last = processCpu(pid) ?? seen.last;
      if (seen.first === null || last === null) databaseTicks = null;
      else if (databaseTicks !== null) databaseTicks += last - seen.first;
    }
    const k = Math.max(1, totals.samples);
    const waits: Record<string, number> = {};
    for (const [w, n] of Object.entries(totals.waits)) waits[w] = n / k;
    return {
      samples: totals.samples,
      running: totals.running / k,
      idleInTransaction: totals.idleInTransaction / k,
      waits,
      // Clock ticks are 1/100 s on Linux.
      machineBusy: machine0 && machine1 ? (machine1.busy - machine0.busy) / Math.max(1, machine1.total - machine0.total) : null,
      serverCpu: server0 !== null && server1 !== null ? (server1 - server0) / 100 / seconds : null,
      databaseCpu: databaseTicks === null ? null : databaseTicks / 100 / seconds,
      seconds,
    };
  };
}

// ——— the run ———

async function main(): Promise<void> {
  const givenUrl = process.env.DATABASE_URL;
  if (!givenUrl || !/^postgres(ql)?:\/\//.test(givenUrl)) {
    console.error('bench/api-contacts.ts measures on a real PostgreSQL server: set DATABASE_URL=postgres://… (an empty database, one holding only the demo, or any database on the server with --fresh).');
    process.exit(2);
  }
  const seconds = Number(option('seconds', '20'));
  const warmup = Number(option('warmup', '3'));
  const connectionCounts = option('connections', '10,100').split(',').map(Number);
  const poolSize = Number(option('pool', '20'));
  const rawPool = Number(option('raw-pool', String(poolSize)));
  const rawStyles = option('raw', 'one-statement,per-row').split(',').filter(Boolean) as RawStyle[];
  const withBare = process.argv.includes('--bare');
  const idempotencyKeys = !process.argv.includes('--no-idempotency-key'); // to see what storing the response costs
  const cpuProfileDir = option('profile', '') || undefined; // the server's CPU profile (node --cpu-prof), written when it stops
  if (!(seconds > 0 && seconds <= 120) || connectionCounts.some((c) => !(c >= 1 && c <= 1000))) throw new Error('--seconds must be 1–120 and --connections 1–1000');
  if (rawStyles.some((s) => s !== 'one-statement' && s !== 'per-row')) throw new Error('--raw takes one-statement and/or per-row');
  const deadline = setTimeout(() => {
    console.error('the run took longer than its deadline; stopping');
    process.exit(3);
  }, (60 + (warmup + seconds) * connectionCounts.length * (2 + rawStyles.length) + 600) * 1000);
  deadline.unref();

  const fresh = process.argv.includes('--fresh') ? await freshDatabase(givenUrl, 'threshold_bench_api') : null;
  const databaseUrl = fresh?.url ?? givenUrl;
  let server: ServerProcess | undefined;
  let probe: pg.Client | undefined;
  let bare: { close(): Promise<unknown>; listen(o: { port: number; host: string }): Promise<string> } | undefined;
  const cleanUp = async () => {
    await server?.stop().catch(() => undefined);
    await probe?.end().catch(() => undefined);
    await bare?.close().catch(() => undefined);
    await fresh?.drop().catch((err: unknown) => console.error('could not drop the database:', err));
  };
  process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));
  try {
    const load0 = loadavg()[0]!;
    await prepareBenchDatabase(databaseUrl, (m) => console.log(m));
    const apiClient = await makeApiClient(databaseUrl, `Benchmark ${new Date().toISOString()}`);
    const rawClient = await makeApiClient(databaseUrl, `Benchmark raw ${new Date().toISOString()}`);
    server = await startServer({ databaseUrl, port: await freePort(), poolSize, ...(cpuProfileDir ? { cpuProfileDir } : {}) });
    const token = await getToken(server.url, apiClient);

    probe = new pg.Client({ connectionString: databaseUrl, application_name: 'threshold-bench-probe' });
    await probe.connect();
    const q = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => (await probe!.query<T>(text, values)).rows;
    const frontDoor = (await q<{ id: string }>(`select id from agency where tenant_id = $1 and type = 'children_social_care' order by name limit 1`, [apiClient.tenantId]))[0]!.id;
    const settings = (await q<{ name: string; setting: string }>(`select name, setting from pg_settings where name in ('fsync', 'synchronous_commit', 'shared_buffers', 'max_connections', 'full_page_writes')`))
      .map((s) => `${s.name}=${s.setting}`)
      .join(', ');
    const version = (await q<{ v: string }>(`select current_setting('server_version') as v`))[0]!.v;
    const sealed = (await q<{ nullable: string }>(`select is_nullable as nullable from information_schema.columns where table_name = 'audit_event' and column_name = 'seq'`))[0]?.nullable === 'YES';
    if (!sealed && rawStyles.length) throw new Error('audit_event.seq is NOT NULL here (events chained as they are written): the raw phases write unsealed events and need the sealer design (migration 0009)');
    const contactsOf = async (clientId: string) => Number((await q<{ n: number }>(`select count(*)::int as n from contact where api_client_id = $1`, [clientId]))[0]!.n);
    const head = (() => {
      try {
        return execFileSync('git', ['log', '-1', '--format=%h %s'], { cwd: ROOT, encoding: 'utf8' }).trim();
      } catch {
        return 'unknown';
      }
    })();
    const auditChanged = (() => {
      try {
        return execFileSync('git', ['status', '--porcelain', '--', 'src/platform/audit.ts', 'src/platform/audit-sealer.ts'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
      } catch {
        return false;
      }
    })();
    console.log(
      `machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}, load average ${load0.toFixed(2)} at the start; PostgreSQL ${version} (${settings})\n` +
        `code: ${head}${auditChanged ? ' (with uncommitted changes to the audit trail)' : ''}; audit events ${sealed ? 'written unsealed, chained by the sealer' : 'chained as written'}\n` +
        `server: src/server.ts, NODE_ENV=production, pool ${poolSize}, LOG_LEVEL=warn; raw: pool ${rawPool}, styles ${rawStyles.join(', ')}; Idempotency-Key ${idempotencyKeys ? 'on every request' : 'not sent'}; ${seconds} s per phase`,
    );

    if (withBare) {
      const app = Fastify({ logger: false });
      app.post('/bare', async (_request, reply) => reply.code(201).send({ ok: true }));
      bare = app;
    }
    const bareAddress = bare ? await bare.listen({ port: 0, host: '127.0.0.1' }) : '';

    const run = runTag();
    let number = 0;
    const next = (r: PhaseResult) => {
      number += r.sent + 1;
      return r;
    };
    const http = async (label: string, target: 'api' | 'bare', connections: number, secs: number) =>
      next(
        await driveInChild({
          kind: 'http',
          label,
          url: target === 'api' ? server!.url : bareAddress,
          path: target === 'api' ? '/api/v1/contacts' : '/bare',
          connections,
          seconds: secs,
          token: target === 'api' ? token : null,
          run,
          firstNumber: number,
          idempotencyKeys,
        }),
      );
    const raw = async (style: RawStyle, connections: number, secs: number) =>
      next(
        await driveInChild({
          kind: 'raw',
          label: `raw (${style})`,
          style,
          databaseUrl,
          pool: Math.min(rawPool, connections),
          connections,
          seconds: secs,
          run,
          firstNumber: number,
          tenantId: rawClient.tenantId,
          frontDoorId: frontDoor,
          sourceAgencyId: rawClient.agencyId,
          apiClientId: rawClient.id,
        }),
      );
    /** Waits (at most 10 s) until no contact is being written: the API's last requests finish after autocannon stops. */
    const settle = async () => {
      for (let waited = 0; waited < 10_000; waited += 100) {
        const busy = Number((await q<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name in ('threshold', 'threshold-bench-raw') and state <> 'idle'`))[0]!.n);
        if (busy === 0) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    if (warmup > 0) {
      await http('warm-up', 'api', 10, warmup);
      for (const style of rawStyles) await raw(style, 10, warmup);
      await settle();
    }

    interface Row {
      connections: number;
      raws: { result: PhaseResult; sessions: Sessions; made: number }[];
      api: PhaseResult;
      apiSessions: Sessions;
      apiMade: number;
      bare: PhaseResult | null;
    }
    const results: Row[] = [];
    for (const connections of connectionCounts) {
      const raws: Row['raws'] = [];
      for (const style of rawStyles) {
        const before = await contactsOf(rawClient.id);
        const stop = sampleSessions(probe, 'threshold-bench-raw', server.child.pid);
        const result = await raw(style, connections, seconds);
        const sessions = stop();
        raws.push({ result, sessions, made: (await contactsOf(rawClient.id)) - before });
      }
      const before = await contactsOf(apiClient.id);
      const stop = sampleSessions(probe, 'threshold', server.child.pid);
      const api = await http('POST /api/v1/contacts', 'api', connections, seconds);
      const apiSessions = stop();
      await settle();
      const apiMade = (await contactsOf(apiClient.id)) - before;
      const bareResult = bare ? await http('POST /bare', 'bare', connections, seconds) : null;
      results.push({ connections, raws, api, apiSessions, apiMade, bare: bareResult });
    }

    const ms = (x: number | null) => (x === null || !Number.isFinite(x) ? '—' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
    const line = (r: PhaseResult) =>
      `  ${r.label.padEnd(24)} ${r.rate.toFixed(1).padStart(8)} contacts/s   p50 ${ms(r.p50)} / p95 ${ms(r.p95)} / p99 ${ms(r.p99)} ms (max ${ms(r.max)})   ` +
      `errors ${r.errors}, non-2xx ${Object.entries(r.statuses).filter(([s]) => !s.startsWith('2')).reduce((a, [, c]) => a + c, 0)}   [${Object.entries(r.statuses).map(([s, c]) => `${s}: ${c}`).join(', ')}]`;
    const cores = cpus().length;
    const where = (s: Sessions, driverCpu: number) => {
      const waits = Object.entries(s.waits)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([w, n]) => `${n.toFixed(1)} ${w}`)
        .join(', ');
      const pct = (x: number | null) => (x === null ? '?' : `${(x * 100).toFixed(0)}%`);
      // What other processes on the machine took meanwhile: the machine's busy time less this run's known parts.
      const others = s.machineBusy === null || s.serverCpu === null || s.databaseCpu === null ? null : s.machineBusy * cores - s.serverCpu - s.databaseCpu - driverCpu;
      return (
        `CPU (in % of one core; ${cores} cores = ${cores * 100}%): machine ${pct(s.machineBusy === null ? null : s.machineBusy * cores)}, server process ${pct(s.serverCpu)}, ` +
        `database backends ${pct(s.databaseCpu)}, load generator ${pct(driverCpu)}, everything else ${pct(others === null ? null : Math.max(0, others))}\n` +
        `  ${''.padEnd(24)} sessions on average: ${s.running.toFixed(1)} running, ${s.idleInTransaction.toFixed(1)} idle in a transaction (waiting for Node)${waits ? `, waiting: ${waits}` : ''}`
      );
    };
    console.log('');
    for (const r of results) {
      console.log(`${r.connections} connections, ${seconds} s each:`);
      for (const x of r.raws) {
        console.log(line(x.result));
        console.log(`  ${''.padEnd(24)} ${where(x.sessions, x.result.driverCpu)}; contacts in the database ${x.made} (committed in the phase: ${x.result.ok})`);
      }
      console.log(line(r.api));
      console.log(`  ${''.padEnd(24)} ${where(r.apiSessions, r.api.driverCpu)}`);
      console.log(`  ${''.padEnd(24)} contacts in the database ${r.apiMade}; 2xx received ${r.api.ok} (the rest were answered after the phase stopped)`);
      if (r.bare) console.log(line(r.bare));
      for (const x of r.raws) {
        console.log(`  ${''.padEnd(24)} API / ${x.result.label}: ${(r.api.rate / x.result.rate).toFixed(3)} (1 : ${(x.result.rate / r.api.rate).toFixed(1)})`);
      }
      console.log('');
    }
    const limit = rawStyles[0];
    console.log(`summary (ratio to raw ${limit}, the limit):`);
    console.log(`| connections | raw ${limit} contacts/s, p95 | ${rawStyles.slice(1).map((s) => `raw ${s} contacts/s, p95 | `).join('')}API contacts/s | API p50 / p95 / p99 | API / raw | API errors |`);
    for (const r of results) {
      const [first, ...rest] = r.raws;
      console.log(
        `| ${r.connections} | ${first ? `${first.result.rate.toFixed(0)}, ${ms(first.result.p95)} ms` : '—'} | ${rest.map((x) => `${x.result.rate.toFixed(0)}, ${ms(x.result.p95)} ms | `).join('')}` +
          `${r.api.rate.toFixed(0)} | ${ms(r.api.p50)} / ${ms(r.api.p95)} / ${ms(r.api.p99)} ms | ${first ? (r.api.rate / first.result.rate).toFixed(3) : '—'} | ${r.api.errors + Object.entries(r.api.statuses).filter(([s]) => !s.startsWith('2')).reduce((a, [, c]) => a + c, 0)} |`,
      );
    }
    console.log(`load average at the end: ${loadavg()[0]!.toFixed(2)} (1 min); the server's log: ${server.logFile}`);
  } finally {
    await cleanUp();
  }
}

const entry = process.argv[1] ? resolve(process.argv[1]) : '';
if (entry === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--drive')) {
    const phase = JSON.parse(option('drive', '{}')) as Phase;
    (phase.kind === 'raw' ? driveRaw(phase) : driveHttp(phase))
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
}
