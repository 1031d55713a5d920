/**
 * Crash drill: the server killed with SIGKILL in the middle of API load on PostgreSQL, and every sender retrying what
 * was not acknowledged with the same Idempotency-Key and the same body. Reports acknowledged, stored, duplicates and
 * lost.
 *
 *   npm run bench:crash -- [--server postgres://…/postgres] [--requests 600] [--senders 10] [--kills 1]
 *                          [--attempts 200] [--deadline 300]
 *
 * 1. Creates a fresh database on the PostgreSQL server given by --server (default: POSTGRES_TEST_URL, else
 *    postgres://threshold@127.0.0.1:55432/postgres), applies the migrations and seeds one area (the demo borough),
 *    and makes an API client for its police agency.
 * 2. Starts the real server (`src/server.ts` with NODE_ENV=production) as a child process on a free loopback port,
 *    and gets a token.
 * 3. --senders concurrent senders POST /api/v1/contacts --requests notifications (bench/api-contacts.ts's synthetic
 *    bodies), each with its own Idempotency-Key. A request is acknowledged when the sender sees a 2xx answer; anything
 *    else (a refused or reset connection, a timeout, a 5xx, a 409) is sent again with the same key and the same body,
 *    after a short back-off, up to --attempts times.
 * 4. When a share of the requests has been acknowledged (half, with one kill), the server is killed with SIGKILL while
 *    requests are in flight, and started again on the same port at once. The senders carry on retrying.
 * 5. Once every request is acknowledged (or its attempts are spent), each acknowledged key is sent once more to check
 *    that it is answered as a replay of the same contact; the server is stopped (SIGTERM), and the database counted:
 *    - acknowledged: requests a sender saw a 2xx for;
 *    - stored: requests whose key has an idempotency record naming a contact that is in the database;
 *    - duplicates: requests that made more than one contact or update (the same police reference twice), or were
 *      acknowledged with two different contacts;
 *    - lost: requests acknowledged but not stored (or stored as a different contact from the one acknowledged).
 *    It also says what became of the requests in flight at each kill, and checks each stored contact has exactly one
 *    `contact.received` audit event, sealed by the time the server has stopped.
 *
 * Exits 0 when every request was acknowledged with nothing duplicated or lost, 1 otherwise, 2 on a failure of the
 * drill itself. It stops by itself (--deadline seconds at most), stops its server child and drops its database.
 * Synthetic data only; loopback only.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { normalisePoliceReference } from '../src/domain/intake.js';
import {
  type ServerProcess,
  freePort,
  freshDatabase,
  getToken,
  makeApiClient,
  notificationBody,
  prepareBenchDatabase,
  runTag,
  startServer,
} from './api-contacts.js';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Item {
  n: number;
  key: string;
  body: string;
  policeReference: string;
  attempts: number;
  /** Attempts that got no answer: connection refused or reset, or a timeout. */
  noAnswer: number;
  /** Answers that were not 2xx, by status. */
  refused: Record<string, number>;
  /** Every 2xx answer: the contact it named and whether it was a replay. */
  acks: { status: number; id: string; replayed: boolean }[];
  inFlight: boolean;
  gaveUp: boolean;
}

interface Kill {
  afterAcknowledged: number;
  inFlight: string[];
  downMs: number;
}

async function main(): Promise<number> {
  const serverUrl = option('server', process.env.POSTGRES_TEST_URL ?? 'postgres://threshold@127.0.0.1:55432/postgres');
  const requests = Number(option('requests', '600'));
  const senders = Number(option('senders', '10'));
  const kills = Number(option('kills', '1'));
  const maxAttempts = Number(option('attempts', '200'));
  const deadlineSeconds = Number(option('deadline', '300'));
  if (!/^postgres(ql)?:$/.test(new URL(serverUrl).protocol) || !['127.0.0.1', 'localhost', '[::1]'].includes(new URL(serverUrl).hostname)) throw new Error('--server must be a PostgreSQL server on loopback');
  if (!(requests >= 1 && requests <= 100_000) || !(senders >= 1 && senders <= 200) || !(kills >= 0 && kills <= 10) || !(maxAttempts >= 1) || !(deadlineSeconds > 0)) {
    throw new Error('--requests 1–100000, --senders 1–200, --kills 0–10, --attempts ≥ 1, --deadline > 0');
  }
  const started = Date.now();
  const deadlineAt = started + deadlineSeconds * 1000;

  const fresh = await freshDatabase(serverUrl, 'threshold_crash');
  let server: ServerProcess | undefined;
  const retired: ServerProcess[] = [];
  let cleaned = false;
  const cleanUp = async () => {
    if (cleaned) return;
    cleaned = true;
    for (const s of [...retired, server]) if (s && s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    await fresh.drop().catch((err: unknown) => console.error('could not drop the drill database:', err));
  };
  // The drill stops by itself: past the deadline it kills its server, drops its database and exits.
  const overall = setTimeout(() => {
    console.error(`the drill did not finish within --deadline ${deadlineSeconds} s; stopping`);
    void cleanUp().finally(() => process.exit(2));
  }, deadlineSeconds * 1000 + 30_000);
  overall.unref();
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));

  try {
    console.log(`crash drill: database ${fresh.name} on ${new URL(serverUrl).host}; ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(2)}`);
    await prepareBenchDatabase(fresh.url, (m) => console.log(m));
    const client = await makeApiClient(fresh.url, `Crash drill ${new Date().toISOString()}`);
    const port = await freePort();
    const logFile = join(tmpdir(), `threshold-crash-drill-${port}-${Date.now()}.log`);
    server = await startServer({ databaseUrl: fresh.url, port, poolSize: 10, logFile });
    const token = await getToken(server.url, client);
    const url = server.url;

    const run = runTag();
    const now = Date.now();
    const items: Item[] = Array.from({ length: requests }, (_, i) => {
      const n = i + 1;
      return {
        n,
        key: `crash-${run}-${n}-${randomUUID()}`,
        body: notificationBody(run, n, now),
        policeReference: normalisePoliceReference(`FM/${run}/${n}`)!,
        attempts: 0,
        noAnswer: 0,
        refused: {},
        acks: [],
        inFlight: false,
        gaveUp: false,
      };
    });
    const acknowledged = () => items.filter((it) => it.acks.length > 0).length;

    /** Sends one request; returns true when a 2xx answer was seen. */
    const send = async (it: Item): Promise<boolean> => {
      it.attempts += 1;
      it.inFlight = true;
      try {
        const res = await fetch(`${url}/api/v1/contacts`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': it.key },
          body: it.body,
          signal: AbortSignal.timeout(15_000),
        });
        const text = await res.text();
        if (res.status >= 200 && res.status < 300) {
          const id = (JSON.parse(text) as { id: string }).id;
          it.acks.push({ status: res.status, id, replayed: res.headers.get('idempotent-replayed') === 'true' });
          return true;
        }
        it.refused[res.status] = (it.refused[res.status] ?? 0) + 1;
        return false;
      } catch {
        it.noAnswer += 1;
        return false;
      } finally {
        it.inFlight = false;
      }
    };

    // ——— the senders ———
    let cursor = 0;
    const sender = async () => {
      for (;;) {
        const it = items[cursor++];
        if (!it) return;
        for (;;) {
          if (await send(it)) break;
          if (it.attempts >= maxAttempts || Date.now() > deadlineAt) {
            it.gaveUp = true;
            break;
          }
          // Back off 50 ms, doubling to at most 1 s, with jitter.
          await sleep(Math.min(1_000, 50 * 2 ** Math.min(it.attempts - 1, 5)) * (0.5 + Math.random() / 2));
        }
      }
    };

    // ——— the kills: SIGKILL at evenly spaced shares of the requests acknowledged, then start again at once ———
    const killLog: Kill[] = [];
    let load = true;
    const killer = async () => {
      for (let k = 1; k <= kills; k += 1) {
        const at = Math.floor((requests * k) / (kills + 1));
        while (load && acknowledged() < at) await sleep(5);
        if (!load) return;
        const victim = server!;
        const inFlight = items.filter((it) => it.inFlight).map((it) => it.key);
        const killedAt = Date.now();
        victim.child.kill('SIGKILL');
        await victim.exited;
        retired.push(victim);
        server = await startServer({ databaseUrl: fresh.url, port, poolSize: 10, logFile, readyWithinMs: Math.max(10_000, deadlineAt - Date.now()) });
        killLog.push({ afterAcknowledged: at, inFlight, downMs: Date.now() - killedAt });
      }
    };

    const loadStarted = Date.now();
    const killing = killer();
    await Promise.all(Array.from({ length: senders }, sender));
    load = false;
    await killing;
    const loadMs = Date.now() - loadStarted;

    // ——— replays: each acknowledged key once more must answer with the same contact, as a replay ———
    let replayedSame = 0;
    const replayProblems: string[] = [];
    let replayCursor = 0;
    const acked = items.filter((it) => it.acks.length > 0);
    await Promise.all(
      Array.from({ length: senders }, async () => {
        for (;;) {
          const it = acked[replayCursor++];
          if (!it) return;
          const before = it.acks.length;
          const ok = await send(it);
          const last = it.acks[it.acks.length - 1];
          if (ok && it.acks.length === before + 1 && last!.replayed && last!.id === it.acks[0]!.id) replayedSame += 1;
          else replayProblems.push(`${it.key}: ${ok ? `answered ${last!.status}${last!.replayed ? ' (replay)' : ' (not a replay)'} naming ${last!.id === it.acks[0]!.id ? 'the same' : 'another'} contact` : 'no 2xx answer'}`);
        }
      }),
    );

    // Stop the server as an operator would: the sealer seals what the last requests audited.
    await server.stop();

    // ——— counting ———
    const db = new pg.Client({ connectionString: fresh.url });
    await db.connect();
    try {
      const records = new Map(
        (await db.query<{ key: string; contact_id: string | null; status_code: number }>(`select key, response->>'id' as contact_id, status_code from idempotency_record where api_client_id = $1`, [client.id])).rows.map((r) => [r.key, r]),
      );
      const contacts = (
        await db.query<{ id: string; police_reference: string | null }>(
          `select c.id, i.police_reference from contact c left join incident i on i.id = c.incident_id where c.api_client_id = $1`,
          [client.id],
        )
      ).rows;
      const contactIds = new Set(contacts.map((c) => c.id));
      const contactsByReference = new Map<string, number>();
      for (const c of contacts) if (c.police_reference) contactsByReference.set(c.police_reference, (contactsByReference.get(c.police_reference) ?? 0) + 1);
      const updatesByReference = new Map(
        (
          await db.query<{ police_reference: string; n: number }>(
            `select i.police_reference, count(*)::int as n from contact_update u join incident i on i.id = u.incident_id
              where i.tenant_id = $1 and i.police_reference like $2 group by 1`,
            [client.tenantId, `FM${run.toUpperCase()}%`],
          )
        ).rows.map((r) => [r.police_reference, Number(r.n)]),
      );
      const hasSeq = (await db.query(`select 1 from information_schema.columns where table_name = 'audit_event' and column_name = 'seq' and is_nullable = 'YES'`)).rowCount === 1;
      const audit = new Map(
        (
          await db.query<{ record_id: string; n: number; unsealed: number }>(
            `select record_id, count(*)::int as n, ${hasSeq ? `count(*) filter (where seq is null)::int` : '0'} as unsealed
               from audit_event where action = 'contact.received' and record_type = 'contact' and details->>'apiClientId' = $1 group by 1`,
            [client.id],
          )
        ).rows.map((r) => [r.record_id, r]),
      );

      let stored = 0;
      const duplicates: string[] = [];
      const lost: string[] = [];
      for (const it of items) {
        const record = records.get(it.key);
        const isStored = Boolean(record?.contact_id && contactIds.has(record.contact_id));
        if (isStored) stored += 1;
        const made = (contactsByReference.get(it.policeReference) ?? 0) + (updatesByReference.get(it.policeReference) ?? 0);
        const ackIds = new Set(it.acks.map((a) => a.id));
        if (made > 1 || ackIds.size > 1) duplicates.push(`${it.key}: ${made} contacts and updates, acknowledged as ${ackIds.size} contact(s)`);
        if (it.acks.length > 0 && (!isStored || record!.contact_id !== it.acks[0]!.id)) lost.push(`${it.key}: acknowledged as ${it.acks[0]!.id}, ${isStored ? `stored as ${record!.contact_id}` : 'not stored'}`);
      }
      const known = new Set([...records.values()].map((r) => r.contact_id));
      const orphans = contacts.filter((c) => !known.has(c.id)).length;
      const storedIds = [...records.values()].map((r) => r.contact_id).filter((id): id is string => id !== null && contactIds.has(id));
      const auditWrong = storedIds.filter((id) => audit.get(id)?.n !== 1).length;
      const unsealed = storedIds.reduce((sum, id) => sum + Number(audit.get(id)?.unsealed ?? 0), 0);

      const ackCount = acknowledged();
      const firstAcks = items.filter((it) => it.acks.length > 0).map((it) => it.acks[0]!);
      const attempts = items.reduce((s, it) => s + it.attempts, 0) - acked.length; // less the replay round
      const noAnswer = items.reduce((s, it) => s + it.noAnswer, 0);
      const refused: Record<string, number> = {};
      for (const it of items) for (const [status, c] of Object.entries(it.refused)) refused[status] = (refused[status] ?? 0) + c;

      console.log('');
      console.log(
        `${requests} requests from ${senders} senders in ${(loadMs / 1000).toFixed(1)} s; ${attempts} attempts (${noAnswer} without an answer` +
          `${Object.keys(refused).length ? `, refused: ${Object.entries(refused).map(([s, c]) => `${s} × ${c}`).join(', ')}` : ''})`,
      );
      for (const [i, k] of killLog.entries()) {
        const flying = items.filter((it) => k.inFlight.includes(it.key));
        const committedBefore = flying.filter((it) => it.acks[0]?.replayed).length;
        const madeAfter = flying.filter((it) => it.acks.length > 0 && !it.acks[0]!.replayed).length;
        console.log(
          `kill ${i + 1}: SIGKILL after ${k.afterAcknowledged} acknowledged, ${k.inFlight.length} requests in flight; the server answered again ${(k.downMs / 1000).toFixed(1)} s later. ` +
            `Of those in flight: ${committedBefore} had committed before the kill (their retry was answered as a replay), ${madeAfter} had not (their retry made the contact)` +
            `${flying.length - committedBefore - madeAfter ? `, ${flying.length - committedBefore - madeAfter} other` : ''}`,
        );
      }
      console.log(`acknowledged  ${ackCount} of ${requests} (first answers: ${firstAcks.filter((a) => !a.replayed).length} new, ${firstAcks.filter((a) => a.replayed).length} replays)`);
      console.log(`stored        ${stored} (an idempotency record naming a contact in the database; ${contacts.length} contacts from this client, ${orphans} without a record)`);
      console.log(`duplicates    ${duplicates.length}`);
      console.log(`lost          ${lost.length}`);
      console.log(`replay check  ${replayedSame} of ${acked.length} acknowledged keys sent again were answered as a replay of the same contact`);
      console.log(`audit         ${storedIds.length - auditWrong} of ${storedIds.length} stored contacts have exactly one contact.received event; ${unsealed} of those events unsealed after the stop`);
      for (const line of [...duplicates, ...lost, ...replayProblems].slice(0, 20)) console.log(`  ${line}`);
      console.log(`took ${((Date.now() - started) / 1000).toFixed(0)} s; load average ${loadavg()[0]!.toFixed(2)}; server log: ${logFile}`);
      const gaveUp = items.filter((it) => it.gaveUp).length;
      const ok = ackCount === requests && gaveUp === 0 && duplicates.length === 0 && lost.length === 0 && orphans === 0 && replayProblems.length === 0 && auditWrong === 0;
      if (!ok && existsSync(logFile)) console.log(`the server's log ends:\n${readFileSync(logFile, 'utf8').slice(-1500)}`);
      return ok ? 0 : 1;
    } finally {
      await db.end();
    }
  } finally {
    await cleanUp();
    clearTimeout(overall);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
