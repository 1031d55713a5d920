/**
 * The public site under load on loopback (issue 18): how fast public pages answer at 50 concurrent clients, and a
 * burst of report submissions from one source (and then from many) against the hourly report limits, with every
 * acknowledged report checked in the database.
 *
 *   npm run bench:public -- [--seconds 20] [--warmup 3] [--connections 50] [--reports 1000] [--sources 50]
 *                           [--second-reports 1000] [--no-second-burst] [--profile FILE.cpuprofile]
 *
 * Builds the real app in this process (NODE_ENV=production, fresh PGlite in a temporary folder, the demo borough
 * seeded, the public site's housekeeping running as `src/server.ts` runs it) and listens on 127.0.0.1 only. The
 * load comes from a child process (keep-alive `node:http` agents), so the server has its thread to itself.
 *
 * 1. **Pages**: --connections clients, each requesting the pages in PAGES in turn (one request at a time) for
 *    --warmup seconds (discarded) and then --seconds. Prints, per page and overall: requests, p50/p95/p99/max
 *    latency, non-2xx, errors, requests/second; the server's CPU and event-loop delay. Every client comes from
 *    127.0.0.1, so the per-source page limit (PUBLIC_PAGES_PER_SOURCE_PER_MINUTE, default 600 a minute) is raised
 *    for this app: the limit is a separate protection, and latency cannot be measured through it. What the default
 *    would have answered 429 is worked out from the run's own request times (the site's fixed one-minute window per
 *    source, counted across every public page: `SourceWindows` in src/features/public-site/site.ts).
 * 2. **Burst from one source**: --reports whole reports, --connections at a time, each a visitor of its own (its
 *    own cookies, the CSRF token from the start page, the draft cookie): the start page, then every question page
 *    up to "Check your answers". A report may be sent no sooner than 5 s after it was started (the time token),
 *    so once every draft is ready the run waits until the last one started 5 s ago (measured by the clock), then
 *    sends them all as fast as --connections clients can. Counts acknowledged (the confirmation page with a
 *    reference), throttled (429, the busy page), other refusals and errors; then looks up every acknowledged
 *    reference: a contact on channel "public" with its `public_report` row. The report limits are the defaults
 *    (PUBLIC_REPORTS_PER_SOURCE_PER_HOUR 10, PUBLIC_REPORTS_PER_HOUR 300).
 * 3. **Burst from --sources sources** (unless --no-second-burst): the same with TRUST_PROXY=true and each report
 *    given an X-Forwarded-For address from the documentation range 198.51.100.0/24, so the per-source limit
 *    counts each address apart and the hourly limit for everyone is what stops the burst. The app runs with
 *    TRUST_PROXY=true throughout; requests without the header (phases 1 and 2) come from 127.0.0.1 as before.
 *
 * --profile FILE writes a CPU profile of the server (this process) during the pages phase.
 *
 * Synthetic answers only; loopback only; every phase is bounded in count and time, and the run stops by itself
 * (a deadline ends it if anything hangs). A measurement, not a test: it prints figures and does not pass or fail.
 */
import { fork } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { buildApp, demoPasswordHash } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase, rows } from '../src/db/client.js';
import { prepareDatabase } from '../src/db/prepare.js';
import { DEMO_TENANT_CODE, demoTenantExists, seedDemo } from '../src/db/seed/demo.js';
import { createServices } from '../src/services.js';
import { percentile } from './api-contacts.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** The report flow's time token: the shortest time from starting a report to sending it (PublicReports' default). */
const MINIMUM_MS_TO_SEND = 5_000;
/** The page limit given to the benchmark's app (the configuration's maximum), so the latency run is not throttled. */
const RAISED_PAGE_LIMIT = 1_000_000;
const DEFAULT_PAGE_LIMIT = 600;
const REQUEST_TIMEOUT_MS = 30_000;

/** The pages of the latency run, each with its route (requests are counted by route in the output). */
export const PAGES: readonly { label: string; path: string; route: string }[] = [
  { label: 'home (en)', path: '/help/en', route: 'home' },
  { label: 'home (pl)', path: '/help/pl', route: 'home' },
  { label: 'home (ur, RTL)', path: '/help/ur', route: 'home' },
  { label: 'find help: DA + male victims', path: '/help/en/find-help?need=domestic_abuse&need=male_victims', route: 'findHelp' },
  { label: 'campaigns (ar, RTL)', path: '/help/ar/campaigns', route: 'campaigns' },
  { label: 'signs of abuse (sk)', path: '/help/sk/signs-of-abuse', route: 'signs' },
  { label: 'signs: child neglect (en)', path: '/help/en/signs-of-abuse/children/neglect', route: 'signsTopic' },
  { label: 'what happens next, Easy Read (ro)', path: '/help/ro/what-happens-next/easy-read', route: 'whatHappensNextEasyRead' },
  { label: 'report: start (not kept)', path: '/help/en/report', route: 'reportStart' },
];

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value)) throw new Error(`--${name} takes a number`);
  return value;
}

// ——— HTTP on loopback ———

interface Answer {
  status: number;
  location: string;
  setCookie: string[];
  body: string;
  bytes: number;
  ms: number;
}

function send(agent: http.Agent, port: number, method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string, keepBody = true): Promise<Answer> {
  return new Promise((resolveAnswer, reject) => {
    const started = performance.now();
    const req = http.request(
      { host: '127.0.0.1', port, method, path, agent, headers: body === undefined ? headers : { ...headers, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) } },
      (res) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on('data', (c: Buffer) => {
          bytes += c.length;
          if (keepBody) chunks.push(c);
        });
        res.on('end', () =>
          resolveAnswer({
            status: res.statusCode ?? 0,
            location: String(res.headers.location ?? ''),
            setCookie: res.headers['set-cookie'] ?? [],
            body: keepBody ? Buffer.concat(chunks).toString('utf8') : '',
            bytes,
            ms: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** One visitor's cookies. */
class Jar {
  private cookies = new Map<string, string>();

  take(setCookie: string[]): void {
    for (const line of setCookie) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

const form = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');

// ——— the load (in a child process) ———

interface PagesDrive {
  kind: 'pages';
  port: number;
  connections: number;
  warmupSeconds: number;
  seconds: number;
}

interface PagesResult {
  perPage: { latencies: number[]; statuses: Record<string, number>; errors: number; bytes: number }[];
  /** When each request of the measured run was sent (ms from its start), by route: for the default limit's 429s. */
  sentAt: Record<string, number[]>;
  seconds: number;
  driverCpuSeconds: number;
}

async function drivePages(d: PagesDrive): Promise<PagesResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: d.connections });
  const run = async (seconds: number, record: boolean): Promise<PagesResult> => {
    const perPage = PAGES.map(() => ({ latencies: [] as number[], statuses: {} as Record<string, number>, errors: 0, bytes: 0 }));
    const sentAt: Record<string, number[]> = {};
    const started = performance.now();
    const end = started + seconds * 1000;
    const cpu = process.cpuUsage();
    await Promise.all(
      Array.from({ length: d.connections }, async (_, client) => {
        for (let i = client; performance.now() < end; i += 1) {
          const n = i % PAGES.length;
          const page = PAGES[n]!;
          const at = performance.now() - started;
          try {
            const res = await send(agent, d.port, 'GET', page.path, {}, undefined, false);
            if (!record) continue;
            perPage[n]!.latencies.push(res.ms);
            perPage[n]!.bytes += res.bytes;
            perPage[n]!.statuses[res.status] = (perPage[n]!.statuses[res.status] ?? 0) + 1;
            (sentAt[page.route] ??= []).push(at);
          } catch {
            if (record) perPage[n]!.errors += 1;
          }
        }
      }),
    );
    const used = process.cpuUsage(cpu);
    return { perPage, sentAt, seconds: (performance.now() - started) / 1000, driverCpuSeconds: (used.user + used.system) / 1e6 };
  };
  if (d.warmupSeconds > 0) await run(d.warmupSeconds, false);
  process.send?.({ measuring: true });
  const result = await run(d.seconds, true);
  agent.destroy();
  return result;
}

interface BurstDrive {
  kind: 'burst';
  port: number;
  connections: number;
  reports: number;
  /** X-Forwarded-For addresses, one per report in turn; empty: every report from this process's address. */
  sources: string[];
  minimumMs: number;
}

interface BurstResult {
  drafts: { ready: number; failed: Record<string, number>; requests: number; seconds: number; latencies: number[] };
  waitedMs: number;
  sends: {
    acknowledged: string[];
    throttled: number;
    refused: Record<string, number>;
    errors: number;
    /** Sent, but the confirmation page showed no reference. */
    noReference: number;
    seconds: number;
    latencies: number[];
  };
  sentAt: Record<string, number[]>;
  driverCpuSeconds: number;
}

/** The answers of a report about a child (made up), page by page, each with the page it leads to. */
const STEPS: readonly [string, Record<string, string>, string][] = [
  ['/danger', { danger: 'no' }, 'who'],
  ['/who', { who: 'neighbour' }, 'happening'],
  ['/happening', { happening: 'I hear a young child crying through the wall most nights and the adults shouting. Synthetic benchmark report.' }, 'subject'],
  ['/subject', { givenNames: 'Robin', familyName: '', age: '7', dobDay: '', dobMonth: '', dobYear: '', address: 'Benchmark Road, Fernmoor', school: '' }, 'about-you'],
  ['/about-you', { giveName: 'no', relationship: 'I live next door' }, 'contact'],
  ['/contact', { contactMe: 'no' }, 'check'],
];

async function driveBurst(d: BurstDrive): Promise<BurstResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: d.connections });
  const cpu = process.cpuUsage();
  const origin = performance.now();
  const sentAt: Record<string, number[]> = {};
  const timed = async (route: string, method: 'GET' | 'POST', path: string, jar: Jar, headers: Record<string, string>, body?: string) => {
    (sentAt[route] ??= []).push(performance.now() - origin);
    const res = await send(agent, d.port, method, path, { ...headers, cookie: jar.header() }, body);
    jar.take(res.setCookie);
    return res;
  };
  const pool = async <T>(items: T[], work: (item: T) => Promise<void>) => {
    let next = 0;
    await Promise.all(Array.from({ length: d.connections }, async () => {
      while (next < items.length) await work(items[next++]!);
    }));
  };

  // Every report to "Check your answers", each a visitor of its own.
  interface Draft { jar: Jar; csrf: string; headers: Record<string, string>; startedAt: number }
  const drafts: Draft[] = [];
  const failed: Record<string, number> = {};
  const draftLatencies: number[] = [];
  let draftRequests = 0;
  const draftsStarted = performance.now();
  await pool(
    Array.from({ length: d.reports }, (_, i) => i),
    async (i) => {
      const jar = new Jar();
      const headers: Record<string, string> = d.sources.length ? { 'x-forwarded-for': d.sources[i % d.sources.length]! } : {};
      const fail = (step: string, status: number | string) => (failed[`${step} → ${status}`] = (failed[`${step} → ${status}`] ?? 0) + 1);
      try {
        const start = await timed('GET reportStart', 'GET', '/help/en/report?about=child', jar, headers);
        draftRequests += 1;
        draftLatencies.push(start.ms);
        const csrf = /name="_csrf" value="([^"]+)"/.exec(start.body)?.[1];
        if (start.status !== 200 || !csrf) return void fail('start page', start.status);
        const begun = await timed('POST reportStart', 'POST', '/help/en/report', jar, headers, form({ _csrf: csrf, about: 'child', website: '' }));
        draftRequests += 1;
        draftLatencies.push(begun.ms);
        if (begun.status !== 303 || begun.location !== '/help/en/report/danger') return void fail('start', begun.status);
        // The server noted the start before it answered, so the time token runs from no later than now.
        const startedAt = Date.now();
        for (const [path, fields, next] of STEPS) {
          const res = await timed('POST reportPage', 'POST', `/help/en/report${path}`, jar, headers, form({ _csrf: csrf, ...fields }));
          draftRequests += 1;
          draftLatencies.push(res.ms);
          if (res.status !== 303 || res.location !== `/help/en/report/${next}`) return void fail(path.slice(1), res.status);
        }
        drafts.push({ jar, csrf, headers, startedAt });
      } catch (err) {
        fail('any page', (err as Error).message);
      }
    },
  );
  const draftSeconds = (performance.now() - draftsStarted) / 1000;

  // No report may be sent sooner than the time token allows: wait, by the clock, until the last one may go.
  const sendFrom = Math.max(0, ...drafts.map((x) => x.startedAt)) + d.minimumMs + 50;
  const waitedMs = Math.max(0, sendFrom - Date.now());
  while (Date.now() < sendFrom) await new Promise((r) => setTimeout(r, sendFrom - Date.now()));

  const acknowledged: string[] = [];
  const refused: Record<string, number> = {};
  const sendLatencies: number[] = [];
  let throttled = 0;
  let errors = 0;
  let noReference = 0;
  const sendsStarted = performance.now();
  await pool(drafts, async (draft) => {
    try {
      const res = await timed('POST reportPage', 'POST', '/help/en/report/check', draft.jar, draft.headers, form({ _csrf: draft.csrf }));
      sendLatencies.push(res.ms);
      if (res.status === 303 && res.location === '/help/en/report/sent') {
        const sent = await timed('GET reportSent', 'GET', '/help/en/report/sent', draft.jar, draft.headers);
        const reference = sent.status === 200 ? /<strong>([A-Z0-9-]+)<\/strong>/.exec(sent.body)?.[1] : undefined;
        if (reference) acknowledged.push(reference);
        else noReference += 1;
      } else if (res.status === 429) throttled += 1;
      else if (res.status >= 500) errors += 1;
      else {
        const reason = res.status === 400 && /sent too quickly/.test(res.body) ? '400 too soon' : String(res.status);
        refused[reason] = (refused[reason] ?? 0) + 1;
      }
    } catch {
      errors += 1;
    }
  });
  const used = process.cpuUsage(cpu);
  agent.destroy();
  return {
    drafts: { ready: drafts.length, failed, requests: draftRequests, seconds: draftSeconds, latencies: draftLatencies },
    waitedMs,
    sends: { acknowledged, throttled, refused, errors, noReference, seconds: (performance.now() - sendsStarted) / 1000, latencies: sendLatencies },
    sentAt,
    driverCpuSeconds: (used.user + used.system) / 1e6,
  };
}

type Drive = PagesDrive | BurstDrive;

/** Runs a load in a child process; `onMeasuring` is called when its warm-up is over. */
function driveInChild<T>(d: Drive, onMeasuring: () => void = () => undefined): Promise<T> {
  return new Promise((resolveResult, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--drive', JSON.stringify(d)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answer: T | undefined;
    child.on('message', (m) => {
      if ((m as { measuring?: boolean }).measuring) onMeasuring();
      else answer = m as T;
    });
    child.on('error', reject);
    child.on('exit', (code) => (answer ? resolveResult(answer) : reject(new Error(`the load driver exited with ${code}`))));
  });
}

// ——— figures ———

/** A CPU profile of this process (the server) from now until `stop` (the pages phase only, without the set-up). */
async function startProfile(): Promise<{ stop(file: string): Promise<void> }> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolvePost, reject) => session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolvePost(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  return {
    async stop(file: string) {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      console.log(`the server's CPU profile of the pages phase: ${file}`);
    },
  };
}

/** The machine's busy and total clock ticks (/proc/stat), to tell what else ran meanwhile. */
function machineTicks(): { busy: number; total: number } | null {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = f.reduce((a, b) => a + b, 0);
    return { busy: total - (f[3] ?? 0) - (f[4] ?? 0), total };
  } catch {
    return null;
  }
}

/**
 * How many of these requests the site's fixed window (one per source across every public page: the window opens at
 * a source's first request and lasts a minute) would refuse at `max` a minute.
 */
export function refusedByLimit(sentAtMs: number[], max: number, windowMs = 60_000): number {
  let refused = 0;
  let windowStart = -Infinity;
  let count = 0;
  for (const t of [...sentAtMs].sort((a, b) => a - b)) {
    if (t >= windowStart + windowMs) {
      windowStart = t;
      count = 0;
    }
    count += 1;
    if (count > max) refused += 1;
  }
  return refused;
}

const ms = (x: number) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x.toFixed(1)) : '—');
const pct = (x: number | null) => (x === null ? '?' : `${(x * 100).toFixed(0)}%`);

function latencyLine(latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  return `p50 ${ms(percentile(sorted, 50))} / p95 ${ms(percentile(sorted, 95))} / p99 ${ms(percentile(sorted, 99))} / max ${ms(sorted[sorted.length - 1] ?? NaN)} ms`;
}

// ——— the run ———

async function main(): Promise<void> {
  const seconds = option('seconds', 20);
  const warmupSeconds = option('warmup', 3);
  const connections = option('connections', 50);
  const reports = option('reports', 1000);
  const sourceCount = option('sources', 50);
  const secondReports = option('second-reports', reports);
  const secondBurst = !process.argv.includes('--no-second-burst');
  const profileIndex = process.argv.indexOf('--profile');
  const profileFile = profileIndex >= 0 ? (process.argv[profileIndex + 1] ?? '') : '';
  if (!(seconds > 0 && seconds <= 120) || !(warmupSeconds >= 0 && warmupSeconds <= 30) || !(connections >= 1 && connections <= 500)) throw new Error('--seconds 1–120, --warmup 0–30, --connections 1–500');
  if (!(reports >= 1 && reports <= 5000) || !(secondReports >= 1 && secondReports <= 5000) || !(sourceCount >= 1 && sourceCount <= 250)) throw new Error('--reports and --second-reports 1–5000, --sources 1–250');
  // Bounded in time whatever happens: set-up, the phases and the checks, with room for a busy machine.
  const deadline = setTimeout(
    () => {
      console.error('the run took longer than its deadline; stopping');
      process.exit(3);
    },
    (180 + warmupSeconds + seconds + ((reports + secondReports) / 1000) * 120) * 1000,
  );
  deadline.unref();

  const load0 = loadavg();
  const dir = mkdtempSync(join(tmpdir(), 'threshold-bench-public-'));
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: '',
    THRESHOLD_SECRET: 'bench-secret-bench-secret-bench-secret-00',
    AUDIT_CHECKPOINT_KEY: 'bench-checkpoint-key-bench-checkpoint-key-00',
    PUBLIC_URL: 'https://threshold.bench.invalid',
    DEMO_MODE: 'false',
    // Refusals are logged at info and warn (one line per refused report); errors are still logged.
    LOG_LEVEL: 'error',
    PUBLIC_AREA: DEMO_TENANT_CODE,
    PUBLIC_PAGES_PER_SOURCE_PER_MINUTE: String(RAISED_PAGE_LIMIT),
    PUBLIC_REPORTS_PER_SOURCE_PER_HOUR: '10',
    PUBLIC_REPORTS_PER_HOUR: '300',
    TRUST_PROXY: 'true',
  });
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: join(dir, 'pglite'), poolSize: 20 });
  const setupStarted = performance.now();
  await prepareDatabase(handle, { seedDemoWhenEmpty: false, demoPasswordHash, now: new Date() });
  if (!(await demoTenantExists(handle.db))) await seedDemo(handle.db, { scale: 1, now: new Date(), passwordHash: await demoPasswordHash() });
  const services = createServices(config, handle, () => new Date());
  const app = await buildApp(services, { config, db: handle });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  services.publicSite.startHousekeeping(60_000, 60 * 60_000);
  const head = (() => {
    try {
      return execFileSync('git', ['log', '-1', '--format=%h %s'], { cwd: ROOT, encoding: 'utf8' }).trim().slice(0, 100);
    } catch {
      return 'unknown';
    }
  })();
  const cores = cpus().length;
  // What else the machine is running (it is shared): the busiest other processes, by their average CPU since they started.
  const others = (() => {
    try {
      return execFileSync('ps', ['-eo', 'pid=,pcpu=,etime=,args=', '--sort=-pcpu'], { encoding: 'utf8' })
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && Number(l.split(/\s+/)[0]) !== process.pid && Number(l.split(/\s+/)[1]) >= 5 && !/^ps /.test(l.split(/\s+/).slice(3).join(' ')))
        .slice(0, 6)
        .map((l) => {
          const [, cpu, elapsed, ...args] = l.split(/\s+/);
          return `${cpu}% ${elapsed} ${args.join(' ').replace(ROOT, '').slice(0, 70)}`;
        });
    } catch {
      return [];
    }
  })();
  console.log(
    `machine: ${cores} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}; load average ${load0.map((l) => l.toFixed(2)).join(' / ')} (1 / 5 / 15 min) at the start\n` +
      `code: ${head}\n` +
      `other busy processes (CPU since they started, running for): ${others.length ? others.join('; ') : 'none at 5% or more'}\n` +
      `app: buildApp in this process, NODE_ENV=production, LOG_LEVEL=error, PGlite in ${dir} with the demo borough (ready in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s), ` +
      `listening on 127.0.0.1:${port}; load from a child process (node:http keep-alive agents)\n` +
      `limits: PUBLIC_PAGES_PER_SOURCE_PER_MINUTE raised to ${RAISED_PAGE_LIMIT.toLocaleString('en-GB')} for this app (default ${DEFAULT_PAGE_LIMIT}: every client here is 127.0.0.1, ` +
      `and the latency of pages cannot be measured through the limit); reports per source per hour ${config.publicSite.reportsPerSourcePerHour}, per hour ${config.publicSite.reportsPerHour} (the defaults); TRUST_PROXY=true`,
  );

  try {
    // ——— 1. pages ———
    // The server's figures cover the measured run only: the child says when its warm-up is over.
    let cpu0 = process.cpuUsage();
    let machine0 = machineTicks();
    const loop = monitorEventLoopDelay({ resolution: 10 });
    let profiler: Promise<{ stop(file: string): Promise<void> }> | null = null;
    const pages = await driveInChild<PagesResult>({ kind: 'pages', port, connections, warmupSeconds, seconds }, () => {
      cpu0 = process.cpuUsage();
      machine0 = machineTicks();
      loop.enable();
      if (profileFile) profiler = startProfile();
    });
    loop.disable();
    const cpu1 = process.cpuUsage(cpu0);
    const machine1 = machineTicks();
    if (profiler) await (await (profiler as Promise<{ stop(file: string): Promise<void> }>)).stop(profileFile);
    const serverCpuSeconds = (cpu1.user + cpu1.system) / 1e6;
    const serverCpu = serverCpuSeconds / pages.seconds;
    const machineBusy = machine0 && machine1 ? ((machine1.busy - machine0.busy) / Math.max(1, machine1.total - machine0.total)) * cores : null;
    const driverCpu = pages.driverCpuSeconds / pages.seconds;

    console.log(`\n1. Public pages: ${connections} clients, each one request at a time, ${warmupSeconds} s warm-up then ${pages.seconds.toFixed(1)} s measured`);
    const width = Math.max(...PAGES.map((p) => p.label.length)) + 2;
    console.log(`  ${'page'.padEnd(width)} ${'requests'.padStart(8)} ${'req/s'.padStart(7)}   latency p50 / p95 / p99 / max            non-2xx  errors   size`);
    const all: number[] = [];
    let allNon2xx = 0;
    let allErrors = 0;
    PAGES.forEach((page, i) => {
      const r = pages.perPage[i]!;
      const non2xx = Object.entries(r.statuses).filter(([s]) => !s.startsWith('2')).reduce((a, [, n]) => a + n, 0);
      all.push(...r.latencies);
      allNon2xx += non2xx;
      allErrors += r.errors;
      console.log(
        `  ${page.label.padEnd(width)} ${String(r.latencies.length).padStart(8)} ${(r.latencies.length / pages.seconds).toFixed(1).padStart(7)}   ${latencyLine(r.latencies).padEnd(40)} ${String(non2xx).padStart(7)} ${String(r.errors).padStart(7)} ${`${(r.bytes / Math.max(1, r.latencies.length) / 1024).toFixed(0)} KB`.padStart(6)}`,
      );
    });
    console.log(`  ${'all pages'.padEnd(width)} ${String(all.length).padStart(8)} ${(all.length / pages.seconds).toFixed(1).padStart(7)}   ${latencyLine(all).padEnd(40)} ${String(allNon2xx).padStart(7)} ${String(allErrors).padStart(7)}`);
    console.log(
      `  CPU (per cent of one core; ${cores} cores = ${cores * 100}%): machine ${pct(machineBusy)}, server (this process) ${pct(serverCpu)} ` +
        `(${((serverCpuSeconds * 1000) / Math.max(1, all.length)).toFixed(2)} ms of CPU a request), load generator ${pct(driverCpu)}, ` +
        `everything else about ${pct(machineBusy === null ? null : Math.max(0, machineBusy - serverCpu - driverCpu))}`,
    );
    console.log(`  server event-loop delay: p50 ${(loop.percentile(50) / 1e6).toFixed(1)} / p99 ${(loop.percentile(99) / 1e6).toFixed(1)} / max ${(loop.max / 1e6).toFixed(1)} ms`);
    const refusedTotal = refusedByLimit(Object.values(pages.sentAt).flat(), DEFAULT_PAGE_LIMIT);
    console.log(
      `  with the default page limit (${DEFAULT_PAGE_LIMIT} a minute per source, across the whole site), this run from one address would have been answered 429 ` +
        `${refusedTotal.toLocaleString('en-GB')} times out of ${all.length.toLocaleString('en-GB')} (${((refusedTotal / Math.max(1, all.length)) * 100).toFixed(1)}%)`,
    );

    // ——— 2 and 3. bursts of reports ———
    const burst = async (title: string, count: number, sources: string[]) => {
      const since = (await rows<{ now: string }>(handle.db, sql`select now()::text as now`))[0]!.now;
      const r = await driveInChild<BurstResult>({ kind: 'burst', port, connections, reports: count, sources, minimumMs: MINIMUM_MS_TO_SEND });
      const refs = r.sends.acknowledged;
      const kept = refs.length
        ? await rows<{ reference: string }>(
            handle.db,
            sql`select c.reference from contact c join public_report pr on pr.contact_id = c.id
                 where c.channel = 'public' and c.reference in (${sql.join(refs.map((x) => sql`${x}`), sql`, `)})`,
          )
        : [];
      const received = Number((await rows<{ n: number }>(handle.db, sql`select count(*)::int as n from public_report where received_at >= ${since}::timestamptz`))[0]!.n);
      const keptSet = new Set(kept.map((k) => k.reference));
      const lost = refs.filter((x) => !keptSet.has(x));
      const failed = Object.entries(r.drafts.failed);
      console.log(`\n${title}`);
      console.log(
        `  drafts: ${r.drafts.ready} of ${count} reached "Check your answers" in ${r.drafts.seconds.toFixed(1)} s (${r.drafts.requests.toLocaleString('en-GB')} requests, ` +
          `${(r.drafts.requests / r.drafts.seconds).toFixed(0)}/s, ${latencyLine(r.drafts.latencies)})${failed.length ? `; stopped early: ${failed.map(([k, n]) => `${k}: ${n}`).join(', ')}` : ''}`,
      );
      console.log(`  waited ${(r.waitedMs / 1000).toFixed(1)} s by the clock until the last draft was ${MINIMUM_MS_TO_SEND / 1000} s old (the time token), then sent all ${r.drafts.ready}`);
      console.log(
        `  sends: ${r.drafts.ready} in ${r.sends.seconds.toFixed(2)} s (${(r.drafts.ready / r.sends.seconds).toFixed(0)}/s, ${latencyLine(r.sends.latencies)}): ` +
          `acknowledged ${refs.length}, throttled (429) ${r.sends.throttled}, other refusals ${Object.values(r.sends.refused).reduce((a, n) => a + n, 0)}` +
          `${Object.keys(r.sends.refused).length ? ` (${Object.entries(r.sends.refused).map(([k, n]) => `${k}: ${n}`).join(', ')})` : ''}, ` +
          `errors (5xx or no answer) ${r.sends.errors}${r.sends.noReference ? `, sent but no reference shown ${r.sends.noReference}` : ''}`,
      );
      // Each report's outcome, wherever it stopped: a 429 on a page before the send (a limit on starting) counts as throttled too.
      const early = { throttled: 0, refused: 0, errors: 0 };
      for (const [key, n] of failed) {
        const status = Number(key.split(' → ')[1]);
        if (status === 429) early.throttled += n;
        else if (!Number.isFinite(status) || status >= 500) early.errors += n;
        else early.refused += n;
      }
      const refusedAtSend = Object.values(r.sends.refused).reduce((a, n) => a + n, 0);
      console.log(
        `  reports: ${count} — acknowledged ${refs.length}, throttled ${early.throttled + r.sends.throttled} (${early.throttled} before the send, ${r.sends.throttled} at it), ` +
          `other refusals ${early.refused + refusedAtSend}, errors ${early.errors + r.sends.errors + r.sends.noReference}`,
      );
      console.log(`  database: acknowledged ${refs.length}, kept ${keptSet.size}, lost ${lost.length}${lost.length ? ` (${lost.slice(0, 5).join(', ')}…)` : ''}; public_report rows received during the burst: ${received}`);
      if (!sources.length) {
        const sentAll = Object.values(r.sentAt).flat();
        console.log(
          `  with the default page limit as well (${DEFAULT_PAGE_LIMIT} a minute per source, across the whole site): ${refusedByLimit(sentAll, DEFAULT_PAGE_LIMIT)} of its ${sentAll.length} requests would have been answered 429 by it first`,
        );
      }
      return { refs: refs.length, throttled: r.sends.throttled };
    };

    const one = await burst(`2. A burst of ${reports.toLocaleString('en-GB')} reports from one source (127.0.0.1), ${connections} at a time`, reports, []);
    if (secondBurst) {
      const sources = Array.from({ length: sourceCount }, (_, i) => `198.51.100.${1 + i}`);
      const left = Math.max(0, config.publicSite.reportsPerHour - one.refs);
      const perSourceCap = Math.ceil(secondReports / sourceCount) > config.publicSite.reportsPerSourcePerHour ? sourceCount * config.publicSite.reportsPerSourcePerHour : secondReports;
      await burst(
        `3. A burst of ${secondReports.toLocaleString('en-GB')} reports from ${sourceCount} sources (X-Forwarded-For 198.51.100.1–${sourceCount}, TRUST_PROXY=true), ${connections} at a time; ` +
          `the per-source limit allows ${perSourceCap}, the hourly limit for everyone ${left} more (${one.refs} taken by burst 2)`,
        secondReports,
        sources,
      );
    } else {
      console.log('\n3. The burst from many sources was not run (--no-second-burst).');
    }
    console.log(`\nload average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' / ')} (1 / 5 / 15 min)`);
  } finally {
    await services.publicSite.stopHousekeeping().catch(() => undefined);
    await app.close();
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const entry = process.argv[1] ? resolve(process.argv[1]) : '';
if (entry === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--drive')) {
    const d = JSON.parse(process.argv[process.argv.indexOf('--drive') + 1]!) as Drive;
    (d.kind === 'pages' ? drivePages(d) : driveBurst(d))
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
