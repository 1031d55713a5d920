/**
 * Drill: two app processes on one PostgreSQL database send each email and each reminder once.
 *
 * Two child Node processes each build the app over their own connection pool to the same database, listen on an
 * ephemeral loopback port, and run the background work `src/server.ts` runs for email and reminders: an
 * `OutboxWorker` and the information request sweep (`startSweeping`). Before they start, the database holds due
 * work: emails queued in the outbox, and information requests whose reminder or escalation is due. Each process's
 * email sender captures what it is asked to send and reports it to this test over IPC. The test waits (bounded,
 * no fixed sleeps) until everything due is done, stops both processes, and checks that every email was sent
 * exactly once and every reminder and escalation was made once, with its emails and in-app notifications, by
 * exactly one of the two processes: no duplicates, nothing lost.
 *
 * The workers run on short intervals here (server.ts uses 5 s and 60 s) and on a clock fixed 10 minutes ahead of
 * the database's, so exactly the work set up below is due and stays due until it is done. The first send of each
 * process waits until the other process has also claimed and started a send, so the two really deliver side by
 * side (without that, on a busy machine one process could drain the outbox before the other starts).
 *
 * PostgreSQL only: PGlite is one process's embedded database and cannot be opened by two. Skipped, saying so,
 * unless TEST_DATABASE_URL is set (`npm test` runs the db tests a second time on PostgreSQL; see docs/testing.md).
 * Synthetic data only; loopback only; the processes are stopped (and killed if they do not stop) at the end.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { type DbHandle, asDate, one, openDatabase, rows } from '../src/db/client.js';
import { escalationDue, reminderDue } from '../src/domain/intake.js';
import { usersWith } from '../src/features/organisations/repository.js';
import { insertRequest } from '../src/features/front-door/information-request-repository.js';
import { enqueueEmail } from '../src/platform/outbox.js';

const ON_POSTGRES = Boolean(process.env.TEST_DATABASE_URL);
if (!ON_POSTGRES) {
  console.warn('test/two-processes.test.ts: skipped — two processes need one PostgreSQL database; set TEST_DATABASE_URL (npm test does, through POSTGRES_TEST_URL) to run it.');
}

const ROOT = new URL('../', import.meta.url);
/** Emails queued directly in the outbox. */
const QUEUED = 60;
/** Information requests made due a reminder, and made due an escalation. */
const TO_REMIND = 12;
const TO_ESCALATE = 12;
/** Each worker's batch: small, so the outbox takes many claims and both processes take part. */
const BATCH = 5;
const PUBLIC_URL = 'https://threshold.two-processes.invalid';
/** Every wait in this test ends by this long after it starts. */
const DEADLINE_MS = 90_000;

/** One process's part, run as `node --import tsx --input-type=module -e CHILD` (the same modules as the server). */
const CHILD = `
const root = process.env.DRILL_ROOT;
const { buildApp } = await import(new URL('src/app.ts', root).href);
const { createServices } = await import(new URL('src/services.ts', root).href);
const { loadConfig } = await import(new URL('src/config.ts', root).href);
const { openDatabase } = await import(new URL('src/db/client.ts', root).href);
const { OutboxWorker } = await import(new URL('src/platform/outbox.ts', root).href);
const name = process.env.DRILL_NAME;
const at = new Date(process.env.DRILL_NOW);
const now = () => at;
const tell = (m) => new Promise((resolve, reject) => process.send({ from: name, ...m }, (e) => (e ? reject(e) : resolve())));
let openGate;
const gate = new Promise((resolve) => (openGate = resolve));
let sends = 0;
const sender = {
  name: 'capture',
  async send(m) {
    sends += 1;
    if (sends === 1) {
      await tell({ kind: 'first-send' });
      await gate;
    }
    await tell({ kind: 'sent', reference: m.reference, template: m.template, recipient: m.recipient, link: m.personalisation.link ?? null });
    return { providerId: name + '-' + sends };
  },
};
const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 5 });
const config = loadConfig({ NODE_ENV: 'test', DEMO_MODE: 'false', LOG_LEVEL: 'silent', DATABASE_URL: process.env.DATABASE_URL, PUBLIC_URL: process.env.DRILL_PUBLIC_URL });
const app = await buildApp(createServices(config, handle, now), { config, db: handle, now });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const outbox = new OutboxWorker(handle.db, sender, { now, batchSize: Number(process.env.DRILL_BATCH) });
let stopping = false;
process.on('message', (m) => {
  if (m.kind === 'go') {
    outbox.start(20);
    app.services.infoRequests.startSweeping(20);
  } else if (m.kind === 'open-gate') {
    openGate();
  } else if (m.kind === 'stop' && !stopping) {
    stopping = true;
    openGate();
    (async () => {
      await app.services.infoRequests.stopSweeping();
      await outbox.stop();
      await app.close();
      await handle.close();
      await tell({ kind: 'stopped', sends });
      process.disconnect();
    })().catch((err) => {
      console.error(err);
      process.exit(1);
    });
  }
});
process.on('disconnect', () => {
  if (!stopping) process.exit(1);
});
await tell({ kind: 'ready', address });
`;

type Message =
  | { from: string; kind: 'ready'; address: string }
  | { from: string; kind: 'first-send' }
  | { from: string; kind: 'sent'; reference: string; template: string; recipient: string; link: string | null }
  | { from: string; kind: 'stopped'; sends: number };

interface Worker {
  name: string;
  child: ChildProcess;
  messages: Message[];
  exited: boolean;
}

/** Waits until `done()` holds, checking after each message and every 100 ms, or fails after `ms`. */
async function until(what: string, done: () => boolean | Promise<boolean>, ms = DEADLINE_MS): Promise<void> {
  const give = Date.now() + ms;
  for (;;) {
    if (await done()) return;
    if (Date.now() > give) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

let handle: DbHandle | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
const workers: Worker[] = [];

afterAll(async () => {
  for (const w of workers) if (!w.exited && w.child.pid !== undefined) w.child.kill('SIGKILL');
  await handle?.close();
  await dropDatabase?.();
});

describe('two app processes on one PostgreSQL database', () => {
  it.skipIf(!ON_POSTGRES)(
    ON_POSTGRES ? 'send each email and each reminder or escalation once' : 'send each email and each reminder or escalation once — skipped: needs PostgreSQL (set TEST_DATABASE_URL)',
    { timeout: 4 * DEADLINE_MS },
    async ({ annotate }) => {
      // ——— one database, a copy of the seeded test template ———
      const source = inject('database');
      if (source.kind !== 'postgres') throw new Error('TEST_DATABASE_URL is set but the test database is not PostgreSQL');
      const name = `threshold_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: source.serverUrl });
      await admin.connect();
      await admin.query(`create database ${name} template ${source.template}`);
      await admin.end();
      dropDatabase = async () => {
        const c = new pg.Client({ connectionString: source.serverUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      };
      const databaseUrl = withDatabase(source.serverUrl, name);
      handle = await openDatabase({ databaseUrl, poolSize: 3 });
      const db = handle.db;

      // The processes' clock: fixed, ahead of the database's, so what is queued now is due for them.
      const at = new Date(Date.now() + 10 * 60_000);
      const hour = 3_600_000;

      // ——— due work: emails in the outbox ———
      const tenantId = (await one<{ id: string }>(db, sql`select id from tenant where code = 'fernmoor'`))!.id;
      const queued: string[] = [];
      for (let i = 0; i < QUEUED; i += 1) {
        queued.push(
          await enqueueEmail(db, {
            tenantId,
            template: 'info_request.new',
            recipient: `duty.team.${i}@agency.fernmoor.example`,
            personalisation: { contact_reference: `FM-DRILL-${i}`, deadline: '5pm on 27 November 2026', link: `${PUBLIC_URL}/drill/${i}` },
          }),
        );
      }

      // ——— due work: information requests, to a partner agency with people to remind and managers to escalate to ———
      let agency: { id: string } | undefined;
      for (const a of await rows<{ id: string }>(db, sql`select id from agency where tenant_id = ${tenantId} and active order by name`)) {
        const answer = await usersWith(db, tenantId, a.id, 'info_request:answer');
        const escalations = await usersWith(db, tenantId, a.id, 'info_request:escalations');
        if (answer.length > 0 && escalations.length > 0) {
          agency = a;
          break;
        }
      }
      expect(agency, 'the demo has an agency with people to answer requests and managers to escalate to').toBeDefined();
      const requester = (await one<{ id: string }>(db, sql`select id from app_user where tenant_id = ${tenantId} and agency_id <> ${agency!.id} order by email limit 1`))!.id;
      const contacts = await rows<{ id: string }>(
        db,
        sql`select id from contact where tenant_id = ${tenantId} and status <> 'draft' and reference is not null order by reference limit ${TO_REMIND + TO_ESCALATE}`,
      );
      expect(contacts).toHaveLength(TO_REMIND + TO_ESCALATE);
      const made = { remind: [] as string[], escalate: [] as string[] };
      for (const [i, c] of contacts.entries()) {
        const escalate = i >= TO_REMIND;
        // A reminder is due three quarters of the way to the deadline; an escalation once it has passed.
        const requestedAt = new Date(at.getTime() - (escalate ? 10 : 8) * hour);
        const dueAt = new Date(at.getTime() + (escalate ? -1 : 1) * hour);
        const id = await insertRequest(db, { tenantId, contactId: c.id, agencyId: agency!.id, rag: 'amber', questions: 'Synthetic drill: is the family known to you?', requestedByUserId: requester, requestedAt, dueAt });
        (escalate ? made.escalate : made.remind).push(id);
      }

      // Everything due at the processes' clock, by the sweep's own rules (the demo's requests included), with who
      // should hear: the agency's people for a reminder, its managers for an escalation (or the front door's).
      const open = await rows<{ id: string; tenant_id: string; agency_id: string; owning_agency_id: string; requested_at: string; due_at: string; reminded_at: string | null; escalated_at: string | null }>(
        db,
        sql`select r.id, r.tenant_id, r.agency_id, c.owning_agency_id, r.requested_at, r.due_at, r.reminded_at, r.escalated_at
              from info_request r join contact c on c.id = r.contact_id where r.status = 'open'`,
      );
      const expected = new Map<string, { action: 'reminded' | 'escalated'; recipients: { id: string; email: string }[] }>();
      for (const r of open) {
        const dueAt = asDate(r.due_at);
        const escalate = !r.escalated_at && escalationDue(dueAt, at);
        const remind = !escalate && !r.reminded_at && reminderDue(asDate(r.requested_at), dueAt, at);
        if (!escalate && !remind) continue;
        let recipients = await usersWith(db, r.tenant_id, r.agency_id, escalate ? 'info_request:escalations' : 'info_request:answer');
        if (escalate && recipients.length === 0) recipients = await usersWith(db, r.tenant_id, r.owning_agency_id, 'info_request:escalations');
        expected.set(r.id, { action: escalate ? 'escalated' : 'reminded', recipients });
      }
      for (const id of made.remind) expect(expected.get(id)?.action).toBe('reminded');
      for (const id of made.escalate) expect(expected.get(id)?.action).toBe('escalated');
      for (const id of [...made.remind, ...made.escalate]) expect(expected.get(id)!.recipients.length).toBeGreaterThan(0);

      // The emails to deliver: those waiting now (the queued ones, and any the demo left due), and those the sweeps make.
      const waiting = await rows<{ id: string; reference: string }>(
        db,
        sql`select id, reference from outbox_message where status = 'pending' and next_attempt_at <= ${at.toISOString()}::timestamptz`,
      );
      expect(waiting.map((w) => w.id)).toEqual(expect.arrayContaining(queued));
      const notYetDue = Number((await one<{ n: number }>(db, sql`select count(*)::int as n from outbox_message where status in ('pending', 'sending') and next_attempt_at > ${at.toISOString()}::timestamptz`))!.n);
      const since = (await one<{ t: string }>(db, sql`select clock_timestamp() as t`))!.t;
      const lastAuditEvent = Number((await one<{ id: number }>(db, sql`select coalesce(max(id), 0) as id from audit_event`))!.id);

      // ——— two processes ———
      const started = Date.now();
      for (const workerName of ['one', 'two']) {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
          cwd: fileURLToPath(ROOT),
          env: { ...process.env, DATABASE_URL: databaseUrl, DRILL_ROOT: ROOT.href, DRILL_NAME: workerName, DRILL_NOW: at.toISOString(), DRILL_BATCH: String(BATCH), DRILL_PUBLIC_URL: PUBLIC_URL },
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        });
        const w: Worker = { name: workerName, child, messages: [], exited: false };
        child.on('message', (m) => w.messages.push(m as Message));
        child.on('exit', () => (w.exited = true));
        workers.push(w);
      }
      const has = (w: Worker, kind: Message['kind']) => w.messages.some((m) => m.kind === kind);
      const alive = () => {
        const dead = workers.find((w) => w.exited && !has(w, 'stopped'));
        if (dead) throw new Error(`process ${dead.name} exited early (see its output above)`);
      };
      await until('both processes ready', () => {
        alive();
        return workers.every((w) => has(w, 'ready'));
      });
      for (const w of workers) {
        const ready = w.messages.find((m) => m.kind === 'ready') as { address: string };
        expect((await fetch(`${ready.address}/health/ready`)).status, `process ${w.name} serves on loopback`).toBe(200);
      }

      const readyIn = Date.now() - started;
      for (const w of workers) w.child.send({ kind: 'go' });
      // Each process's first send waits until both have one in hand: then both carry on, side by side.
      await until('both processes sending', () => {
        alive();
        return workers.every((w) => has(w, 'first-send'));
      });
      for (const w of workers) w.child.send({ kind: 'open-gate' });

      const sent = () => workers.flatMap((w) => w.messages.filter((m): m is Extract<Message, { kind: 'sent' }> => m.kind === 'sent').map((m) => ({ ...m, by: w.name })));
      await until('every reminder and escalation made and every email delivered', async () => {
        alive();
        const unmarked = await rows<{ id: string; reminded_at: string | null; escalated_at: string | null }>(
          db,
          sql`select id, reminded_at, escalated_at from info_request where id in (select jsonb_array_elements_text(${JSON.stringify([...expected.keys()])}::jsonb)::uuid)`,
        );
        if (unmarked.some((r) => (expected.get(r.id)!.action === 'escalated' ? !r.escalated_at : !r.reminded_at))) return false;
        const outstanding = await one<{ due: number; total: number }>(
          db,
          sql`select count(*) filter (where status in ('pending', 'sending') and next_attempt_at <= ${at.toISOString()}::timestamptz)::int as due,
                     count(*) filter (where status = 'sent')::int as total
                from outbox_message where created_at >= ${since}::timestamptz or id in (select jsonb_array_elements_text(${JSON.stringify(waiting.map((x) => x.id))}::jsonb)::uuid)`,
        );
        return outstanding!.due === 0 && sent().length >= outstanding!.total;
      });

      const doneIn = Date.now() - started - readyIn;
      // Stop both; a process reports "stopped" after its last send, so every send has been reported by then.
      for (const w of workers) w.child.send({ kind: 'stop' });
      await until('both processes stopped', () => workers.every((w) => has(w, 'stopped')));

      // ——— every email exactly once ———
      const deliveries = sent();
      const toDeliver = await rows<{ id: string; reference: string; status: string; attempts: number; template: string; recipient: string; link: string | null }>(
        db,
        sql`select id, reference, status, attempts, template, recipient, personalisation->>'link' as link from outbox_message
             where created_at >= ${since}::timestamptz or id in (select jsonb_array_elements_text(${JSON.stringify(waiting.map((x) => x.id))}::jsonb)::uuid)`,
      );
      const timesSent = new Map<string, number>();
      for (const d of deliveries) timesSent.set(d.reference, (timesSent.get(d.reference) ?? 0) + 1);
      expect([...timesSent.values()].filter((n) => n > 1), 'no email sent twice').toEqual([]);
      expect(toDeliver.filter((m) => timesSent.get(m.reference) !== 1).map((m) => m.id), 'every email sent once').toEqual([]);
      expect(deliveries.length).toBe(toDeliver.length);
      expect(toDeliver.filter((m) => m.status !== 'sent' || m.attempts !== 1).map((m) => m.id), 'recorded sent, at the first attempt').toEqual([]);
      // Still waiting for their time, as before: nothing sent early.
      expect(Number((await one<{ n: number }>(db, sql`select count(*)::int as n from outbox_message where status in ('pending', 'sending') and next_attempt_at > ${at.toISOString()}::timestamptz`))!.n)).toBe(notYetDue);
      // Both processes delivered.
      for (const w of workers) expect(deliveries.filter((d) => d.by === w.name).length, `emails sent by process ${w.name}`).toBeGreaterThan(0);

      // ——— every reminder and escalation once, with its emails and in-app notifications ———
      const events = await rows<{ record_id: string; action: string }>(
        db,
        sql`select record_id, action from audit_event where id > ${lastAuditEvent} and action in ('information_request.reminded', 'information_request.escalated')`,
      );
      const notifications = await rows<{ user_id: string; link: string; title: string }>(
        db,
        sql`select user_id, link, title from notification where created_at >= ${since}::timestamptz and link like '/information-requests/%'`,
      );
      const requestOf = (link: string | null) => (link ?? '').split('/information-requests/')[1] ?? '';
      const sweepEmails = toDeliver.filter((m) => m.template === 'info_request.reminder' || m.template === 'info_request.escalation');
      expect(events.filter((e) => !expected.has(e.record_id)), 'nothing reminded or escalated that was not due').toEqual([]);
      expect(sweepEmails.filter((m) => !expected.has(requestOf(m.link))), 'no email about a request that was not due').toEqual([]);
      for (const [id, want] of expected) {
        const template = want.action === 'escalated' ? 'info_request.escalation' : 'info_request.reminder';
        expect(events.filter((e) => e.record_id === id).map((e) => e.action), `request ${id}: one audit event`).toEqual([`information_request.${want.action}`]);
        const emails = sweepEmails.filter((m) => requestOf(m.link) === id);
        expect(emails.map((m) => m.template), `request ${id}: emails of one kind`).toEqual(emails.map(() => template));
        expect(emails.map((m) => m.recipient).sort(), `request ${id}: one email to each person who should hear`).toEqual(want.recipients.map((u) => u.email).sort());
        const inApp = notifications.filter((n) => requestOf(n.link) === id);
        expect(inApp.map((n) => n.user_id).sort(), `request ${id}: one in-app notification to each`).toEqual(want.recipients.map((u) => u.id).sort());
        const marked = (await one<{ reminded_at: string | null; escalated_at: string | null }>(db, sql`select reminded_at, escalated_at from info_request where id = ${id}`))!;
        expect(asDate(want.action === 'escalated' ? marked.escalated_at : marked.reminded_at)?.toISOString(), `request ${id}: marked at the processes' time`).toBe(at.toISOString());
      }
      // The requests set up here: one action each, never both.
      for (const id of made.escalate) expect((await one<{ reminded_at: string | null }>(db, sql`select reminded_at from info_request where id = ${id}`))!.reminded_at).toBeNull();
      for (const id of made.remind) expect((await one<{ escalated_at: string | null }>(db, sql`select escalated_at from info_request where id = ${id}`))!.escalated_at).toBeNull();
      await annotate(
        `two processes: ${deliveries.length} emails (${workers.map((w) => `${w.name} ${deliveries.filter((d) => d.by === w.name).length}`).join(', ')}), ` +
          `${[...expected.values()].filter((e) => e.action === 'reminded').length} reminders, ${[...expected.values()].filter((e) => e.action === 'escalated').length} escalations; ` +
          `processes ready after ${(readyIn / 1000).toFixed(1)} s, work done ${(doneIn / 1000).toFixed(1)} s after that`,
      );
    },
  );
});
