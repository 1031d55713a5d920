/**
 * A police notification file of 100,000 rows through the bulk import: how long the check and the import take, and
 * how an audited page answers while the import runs.
 *
 *   npx tsx bench/police-import.ts [--rows 100000] [--dash-share 0.1] [--seed 1] [--no-reject] [--chunk-rows 500]
 *   DATABASE_URL=postgres://… npx tsx bench/police-import.ts     (a real server: an empty database, or the demo)
 *
 * Writes a synthetic CSV in a temporary folder (made-up names from small lists, dates of birth, postcodes like
 * FM1 2AB; about --dash-share of the rows are a later DASH for an earlier row's incident, with the same police
 * reference, so they attach to its contact as updates), builds the app over PGlite in a temporary folder (or
 * DATABASE_URL), seeds the demo, starts the audit sealer as the server does, and listens on loopback. Imports the
 * file as the demo police officer through ImportService: `start` (read and check every row, keep the file, start
 * the import) and `settle` (the import, in chunks). Meanwhile the demo screener opens a contact page (an audited
 * view) through the HTTP server, one request at a time, as a person would; the same is timed for a few seconds
 * before the import, for comparison. Prints the file size, the check and import times, rows per second, chunks,
 * contacts made and updates attached (against what the file holds), the page's latency p50/p95/max before and
 * during the import, and peak memory. Then the same file with one bad row near the end: the time to reject it, and
 * that nothing from it was saved. A measurement, not a test.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { buildApp, demoPasswordHash } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { type Database, one, openDatabase } from '../src/db/client.js';
import { prepareDatabase } from '../src/db/prepare.js';
import { DEMO_EMAIL_DOMAIN, demoTenantExists, seedDemo } from '../src/db/seed/demo.js';
import { SYSTEM_ACTOR } from '../src/platform/audit.js';
import { AuditSealer } from '../src/platform/audit-sealer.js';
import { SESSION_COOKIE } from '../src/platform/sessions.js';
import { ImportService } from '../src/features/front-door/imports.js';
import { createServices } from '../src/services.js';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

/** A small seeded generator (mulberry32), so the same --seed writes the same file. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const CHILD_GIVEN = ['Robin', 'Ellis', 'Ava', 'Noah', 'Isla', 'Leo', 'Maya', 'Finn', 'Ruby', 'Oscar', 'Freya', 'Theo', 'Poppy', 'Arlo', 'Esme', 'Jude', 'Nell', 'Otis', 'Ivy', 'Rory', 'Tilly', 'Ezra', 'Mabel', 'Alfie'];
const ADULT_GIVEN = ['Jo', 'Alex', 'Sam', 'Chris', 'Lee', 'Kim', 'Dana', 'Pat', 'Terry', 'Jordan', 'Morgan', 'Casey', 'Jamie', 'Leslie', 'Sandy', 'Robyn', 'Carey', 'Frankie'];
const FAMILY = ['Fixtureby', 'Sampleton', 'Testwell', 'Mockford', 'Dummett', 'Placeholt', 'Fakenham', 'Synthwick', 'Benchley', 'Loadstone', 'Fernside', 'Moorcroft', 'Ashdown', 'Brackley', 'Kelsey', 'Heronsgate', 'Copperfield', 'Marlow', 'Pennington', 'Thistlewood', 'Ravensworth', 'Oakhurst', 'Wrenfield', 'Larkholme'];
const OFFICERS = ['Pat Constable', 'Chris Sergeant', 'Dana Warden', 'Lee Officer', 'Morgan Patrol'];
const CONCERN_CODES = ['domestic_abuse', 'neglect', 'emotional_abuse', 'physical_abuse', 'mental_health', 'alcohol_misuse', 'drug_misuse', 'missing', 'criminal_exploitation'];
const NARRATIVES = [
  'Police attended a verbal argument between the adults; the child was present, upset and in the next room.',
  'Neighbour called police about shouting at the address; officers found the children alone for part of the evening.',
  'Officers attended a report of a disturbance, the adult appeared intoxicated; the child was asleep upstairs.',
  'The young person was reported missing overnight and found by officers the next morning, “safe and well”.',
];
const PLACES = ['Home address', 'Street outside the home', 'Relative’s address', 'Park'];
const INWARD = 'ABDEFGHJLNPQRSTUWXYZ';

const COLUMNS = [
  'police_reference', 'notification_type', 'incident_at', 'incident_postcode', 'incident_place', 'received_at', 'risk_level', 'officer_name', 'officer_role',
  'concerns', 'narrative', 'consent',
  ...[1, 2, 3].flatMap((i) => ['role', 'given_names', 'family_name', 'date_of_birth', 'gender', 'child_voice', 'child_demeanour'].map((c) => `person${i}_${c}`)),
];

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** A UK export's local date and time, "06/03/2026 22:40" (the importer reads it as London time). */
function ukDateTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
function ukDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

interface Generated {
  header: string;
  lines: string[];
  originals: number;
  dashes: number;
  /** A data line (index into lines) near the end that is an original, to break for the rejected file. */
  breakable: number;
  brokenLine: string;
}

/** The file's rows: originals with unique references, and DASH rows repeating an earlier original's reference. */
function generate(rows: number, dashShare: number, seed: number, tag: string): Generated {
  const random = generator(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const now = Date.now();
  const day = 86_400_000;
  const hour = 3_600_000;
  interface Original { reference: string; incidentAt: number; receivedAt: number; postcode: string; people: string[][]; concerns: string }
  const originals: Original[] = [];
  const lines: string[] = [];
  let dashes = 0;
  let breakable = -1;
  let brokenLine = '';
  for (let i = 0; i < rows; i += 1) {
    const isDash = originals.length > 20 && random() < dashShare;
    let cells: string[];
    if (isDash) {
      // A later DASH for an earlier incident: same reference, place, time and people; received later.
      const o = originals[Math.floor(random() * originals.length)]!;
      const receivedAt = Math.min(now - hour, o.receivedAt + (1 + Math.floor(random() * 72)) * hour);
      cells = [
        o.reference, 'dash', ukDateTime(o.incidentAt), o.postcode, pick(PLACES), ukDateTime(receivedAt), pick(['medium', 'high']), pick(OFFICERS), 'DA officer',
        o.concerns, `DASH risk assessment completed with the victim: ${5 + Math.floor(random() * 15)} ticks.`, 'given',
        ...o.people.flat(),
      ];
      dashes += 1;
    } else {
      const incidentAt = now - 2 * day - Math.floor(random() * 365 * day);
      const receivedAt = incidentAt + (1 + Math.floor(random() * 20)) * hour;
      const postcode = `FM${1 + Math.floor(random() * 9)} ${Math.floor(random() * 10)}${pick(INWARD.split(''))}${pick(INWARD.split(''))}`;
      const family = pick(FAMILY);
      const childDob = incidentAt - Math.floor((30 + random() * 17 * 365) * day);
      const parentDob = incidentAt - Math.floor((19 * 365 + random() * 25 * 365) * day);
      const people: string[][] = [
        ['subject_child', pick(CHILD_GIVEN), family, ukDate(childDob), pick(['male', 'female']), pick(['Said they hid upstairs', 'Not spoken to: asleep', 'Said they were scared when it was loud']), pick(['Quiet, tearful', 'Asleep', 'Calm and chatty'])],
        ['parent_carer', pick(ADULT_GIVEN), family, ukDate(parentDob), pick(['female', 'male']), '', ''],
        random() < 0.3 ? ['other_adult', pick(ADULT_GIVEN), pick(FAMILY), ukDate(parentDob - Math.floor(random() * 3000) * day), pick(['male', 'female']), '', ''] : ['', '', '', '', '', '', ''],
      ];
      const concerns = [...new Set([pick(CONCERN_CODES), pick(CONCERN_CODES)])].join(';');
      const o: Original = { reference: `FM/${tag}/${String(i + 1).padStart(6, '0')}`, incidentAt, receivedAt, postcode, people, concerns };
      originals.push(o);
      cells = [
        o.reference, 'gen117', ukDateTime(incidentAt), postcode, pick(PLACES), ukDateTime(receivedAt), pick(['standard', 'medium', 'high']), pick(OFFICERS), 'PC',
        concerns, pick(NARRATIVES), pick(['not_sought', 'given']),
        ...people.flat(),
      ];
      if (i >= rows - Math.max(10, Math.floor(rows / 1000)) && breakable < 0) {
        breakable = i;
        // The bad row: the child's voice left out (required for a subject child).
        const bad = [...cells];
        bad[COLUMNS.indexOf('person1_child_voice')] = '';
        brokenLine = bad.map(csvCell).join(',');
      }
    }
    lines.push(cells.map(csvCell).join(','));
  }
  return { header: COLUMNS.join(','), lines, originals: originals.length, dashes, breakable, brokenLine };
}

async function counts(db: Database) {
  const row = await one<{ contacts: number; updates: number; incidents: number; named: number }>(
    db,
    sql`select (select count(*)::int from contact) as contacts, (select count(*)::int from contact_update) as updates,
               (select count(*)::int from incident) as incidents, (select count(*)::int from contact_named_person) as named`,
  );
  return row!;
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

async function main(): Promise<void> {
  const rows = Number(option('rows', '100000'));
  const dashShare = Number(option('dash-share', '0.1'));
  const seed = Number(option('seed', '1'));
  if (!(rows >= 100 && rows <= 2_000_000)) throw new Error('--rows must be between 100 and 2,000,000');
  const dir = mkdtempSync(join(tmpdir(), 'threshold-import-bench-'));
  // The process's peak resident memory so far (the check is synchronous, so sampling would miss its peak).
  const maxRss = () => process.resourceUsage().maxRSS * 1024;
  try {
    // ——— the file ———
    const tag = Date.now().toString(36).toUpperCase(); // references unique to this run, should the database be reused
    let t = performance.now();
    const file = generate(rows, dashShare, seed, tag);
    const text = `${file.header}\n${file.lines.join('\n')}\n`;
    const path = join(dir, `police-${rows}.csv`);
    writeFileSync(path, text);
    const size = statSync(path).size;
    console.log(`file: ${path}: ${rows.toLocaleString('en-GB')} rows (${file.originals.toLocaleString('en-GB')} new incidents, ${file.dashes.toLocaleString('en-GB')} DASH updates), ${mb(size)}; written in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    // ——— the app ———
    const config = loadConfig({ ...process.env, NODE_ENV: 'production', THRESHOLD_SECRET: 'bench-secret-bench-secret-bench-secret-00', AUDIT_CHECKPOINT_KEY: 'bench-checkpoint-key-bench-checkpoint-key-00', PUBLIC_URL: 'https://threshold.bench.invalid', DEMO_MODE: 'false', LOG_LEVEL: 'warn' });
    const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : join(dir, 'pglite'), poolSize: 5 });
    await prepareDatabase(handle, { seedDemoWhenEmpty: false, demoPasswordHash, now: new Date() });
    if (!(await demoTenantExists(handle.db))) await seedDemo(handle.db, { scale: 1, now: new Date(), passwordHash: await demoPasswordHash() });
    const app = await buildApp(createServices(config, handle, () => new Date()), { config, db: handle });
    const user = (await one<{ id: string; tenant_id: string; agency_id: string }>(handle.db, sql`select id, tenant_id, agency_id from app_user where email = ${`police@${DEMO_EMAIL_DOMAIN}`}`))!;
    const actor = { userId: user.id, tenantId: user.tenant_id, agencyId: user.agency_id, roles: [], requestId: null };
    // The app's own import service, or one with another chunk size (--chunk-rows).
    const chunkRows = option('chunk-rows', '');
    const imports = chunkRows ? new ImportService(handle.db, app.services.audit, app.services.intake, () => new Date(), { chunkRows: Number(chunkRows) }) : app.services.imports;
    // As the server runs: the audit sealer chains events every second; the app listens on loopback.
    const sealer = new AuditSealer(handle.db, config.auditCheckpointKey, { log: () => undefined, error: (message) => console.error(`sealer: ${message}`) });
    sealer.start(1_000);
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const screener = (await one<{ id: string; tenant_id: string; agency_id: string }>(handle.db, sql`select id, tenant_id, agency_id from app_user where email = ${`screener@${DEMO_EMAIL_DOMAIN}`}`))!;
    const session = await app.services.sessions.create(handle.db, { userId: screener.id, tenantId: screener.tenant_id, stage: 'active', method: 'bench' });
    const pageContact = (await one<{ id: string }>(
      handle.db,
      sql`select id from contact where tenant_id = ${screener.tenant_id} and owning_agency_id = ${screener.agency_id} and status = 'open' and not restricted order by received_at desc limit 1`,
    ))!;
    const pageUrl = `${address}/contacts/${pageContact.id}`;
    /** The screener opens the contact page, one request at a time with a short pause, until told to stop. */
    const viewPages = (until: () => boolean) => {
      const times: number[] = [];
      let failures = 0;
      const done = (async () => {
        while (!until()) {
          const at = performance.now();
          const res = await fetch(pageUrl, { headers: { cookie: `${SESSION_COOKIE}=${session}` }, redirect: 'manual' });
          await res.arrayBuffer();
          times.push(performance.now() - at);
          if (res.status !== 200) failures += 1;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      })();
      return { times, done, failures: () => failures };
    };
    const percentile = (list: number[], p: number) => {
      const sorted = [...list].sort((x, y) => x - y);
      return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
    };
    const latency = (list: number[]) => `p50 ${percentile(list, 50).toFixed(0)} ms, p95 ${percentile(list, 95).toFixed(0)} ms, max ${Math.max(...list).toFixed(0)} ms over ${list.length} views`;
    const start = await counts(handle.db);
    console.log(`database: ${handle.kind}; before: ${start.contacts} contacts, ${start.updates} updates, ${start.incidents} incidents; ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(2)}`);

    // ——— the contact page with nothing else running ———
    const quietUntil = performance.now() + 5_000;
    const quiet = viewPages(() => performance.now() > quietUntil);
    await quiet.done;
    console.log(`contact page as the screener (audited view, HTTP on loopback), before the import: ${latency(quiet.times)}; non-200: ${quiet.failures()}`);

    // ——— the good file ———
    const rssBefore = process.memoryUsage().rss;
    const peakBefore = maxRss();
    t = performance.now();
    const started = await imports.start(actor, { name: `police-${rows}.csv`, text }, user.agency_id);
    const checkSeconds = (performance.now() - t) / 1000;
    if (started.status !== 'importing') {
      const job = await imports.job(user.tenant_id, started.id);
      throw new Error(`the file was ${started.status}: ${JSON.stringify(job?.problems.slice(0, 5))}`);
    }
    const peakCheck = maxRss();
    t = performance.now();
    let importing = true;
    let lastRows = 0;
    let lastAt = t;
    let sampledPeak = process.memoryUsage().rss;
    // Whether the process can do anything else while the import runs: the longest gap between ticks of a 100 ms
    // timer (the event loop's longest stall), the contact page as above, and an audited write in the same area 5 s
    // in (an administrator making an API client).
    let lastTick = performance.now();
    let longestStall = 0;
    let ticks = 0;
    const ticker = setInterval(() => {
      const at = performance.now();
      longestStall = Math.max(longestStall, at - lastTick);
      lastTick = at;
      ticks += 1;
    }, 100);
    const during = viewPages(() => !importing);
    let write: Promise<{ waited: number; outcome: string }> | undefined;
    const writeTimer = setTimeout(() => {
      const issuedAt = performance.now();
      write = app.services.apiClients
        .create({ ...SYSTEM_ACTOR, tenantId: user.tenant_id }, { agencyId: user.agency_id, name: 'Made during an import (benchmark)' })
        .then(
          () => ({ waited: (performance.now() - issuedAt) / 1000, outcome: 'done' }),
          (e: unknown) => ({ waited: (performance.now() - issuedAt) / 1000, outcome: `failed: ${String((e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message).slice(0, 120)}` }),
        );
    }, 5_000);
    const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss)), 200);
    const progress = setInterval(() => {
      void imports.job(user.tenant_id, started.id).then((j) => {
        if (!j || j.status !== 'importing') return;
        const at = performance.now();
        console.error(`  … ${j.processedRows.toLocaleString('en-GB')} rows after ${((at - t) / 1000).toFixed(0)} s (${(((j.processedRows - lastRows) * 1000) / (at - lastAt)).toFixed(0)} rows/s lately)`);
        lastRows = j.processedRows;
        lastAt = at;
      });
    }, 10_000);
    await imports.settle();
    const importSeconds = (performance.now() - t) / 1000;
    importing = false;
    await during.done;
    clearInterval(progress);
    clearInterval(sampler);
    clearInterval(ticker);
    longestStall = Math.max(longestStall, performance.now() - lastTick);
    clearTimeout(writeTimer);
    const wrote = write ? await write : undefined;
    const job = (await imports.job(user.tenant_id, started.id))!;
    const chunks = await one<{ n: number; largest: number }>(
      handle.db,
      sql`select count(*)::int as n, max((details->>'lastRow')::int - (details->>'firstRow')::int + 1)::int as largest from audit_event where action = 'contact.import_chunk' and record_id = ${started.id}`,
    );
    const after = await counts(handle.db);
    console.log(`check (start: read and validate every row, keep the file on the job): ${checkSeconds.toFixed(1)} s (${(rows / checkSeconds).toFixed(0)} rows/s)`);
    console.log(`import (${chunks!.n} chunks of up to ${chunks!.largest} rows, each its own transaction): ${importSeconds.toFixed(1)} s (${(rows / importSeconds).toFixed(0)} rows/s); status ${job.status}`);
    console.log(`contact page as the screener during the import: ${latency(during.times)}; non-200: ${during.failures()}`);
    console.log(`during the import: a 100 ms timer ticked ${ticks} times; the event loop's longest stall ${(longestStall / 1000).toFixed(2)} s`);
    if (wrote) console.log(`an audited write in the same area (making an API client) 5 s into the import: ${wrote.outcome} after ${wrote.waited.toFixed(2)} s`);
    console.log(`total check + import: ${(checkSeconds + importSeconds).toFixed(1)} s (${(rows / (checkSeconds + importSeconds)).toFixed(0)} rows/s)`);
    console.log(`contacts created: ${job.contactsCreated} (file: ${file.originals}; in the database +${after.contacts - start.contacts}); updates attached: ${job.updatesAttached} (file: ${file.dashes}; in the database +${after.updates - start.updates}); incidents +${after.incidents - start.incidents}; named people +${after.named - start.named}`);
    console.log(`memory: RSS ${mb(rssBefore)} before the check (peak so far ${mb(peakBefore)}, file generation included); peak after the check ${mb(peakCheck)}; during the import RSS peaked at ${ticks > 0 ? `${mb(sampledPeak)} (sampled every 200 ms)` : '(not sampled: the event loop was blocked)'}; process peak after the import ${mb(maxRss())}`);

    // ——— the same file with one bad row near the end ———
    if (!process.argv.includes('--no-reject')) {
      const lines = [...file.lines];
      lines[file.breakable] = file.brokenLine;
      const badText = `${file.header}\n${lines.join('\n')}\n`;
      const before = await counts(handle.db);
      t = performance.now();
      const rejected = await imports.start(actor, { name: `police-${rows}-bad.csv`, text: badText }, user.agency_id);
      await imports.settle();
      const rejectSeconds = (performance.now() - t) / 1000;
      const rejectedJob = (await imports.job(user.tenant_id, rejected.id))!;
      const later = await counts(handle.db);
      const unchanged = later.contacts === before.contacts && later.updates === before.updates && later.incidents === before.incidents && later.named === before.named;
      console.log(
        `rejected file (row ${file.breakable + 2} of ${rows + 1} broken): ${rejectSeconds.toFixed(1)} s; status ${rejectedJob.status}; ${rejectedJob.problemCount} problem(s): ` +
          `${rejectedJob.problems.map((p) => `row ${p.row} ${p.field}: ${p.message}`).join('; ')}`,
      );
      console.log(`  nothing saved: ${unchanged ? 'yes' : 'NO'} (contacts ${before.contacts} → ${later.contacts}, updates ${before.updates} → ${later.updates}, incidents ${before.incidents} → ${later.incidents}, named people ${before.named} → ${later.named})`);
    }
    console.log(`process peak RSS (whole run): ${mb(maxRss())}; load average at the end ${loadavg()[0]!.toFixed(2)} (1 min)`);
    await sealer.stop();
    await app.close();
    await handle.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
