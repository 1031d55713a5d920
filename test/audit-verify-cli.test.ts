/**
 * `npm run audit:verify` against a database, as an operator would run it: a PGlite directory on disk, or a
 * PostgreSQL database when TEST_DATABASE_URL is set. Each tampering test works on its own copy of one sealed trail
 * and changes it as someone with the database but not the checkpoint key could.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { type DbHandle, migrateDatabase, openDatabase, pgliteOf, rows } from '../src/db/client.js';
import { sealEvents } from '../src/domain/audit-chain.js';
import { AuditSealer } from '../src/platform/audit-sealer.js';
import { AuditTrail, EVENT_COLUMNS, type EventRow, SYSTEM_ACTOR, eventFields } from '../src/platform/audit.js';
import { sha256 } from '../src/platform/crypto.js';
import { verifyAuditTrail } from '../src/cli/audit-verify-command.js';

const run = promisify(execFile);
const source = inject('database');
const dir = mkdtempSync(join(tmpdir(), 'threshold-audit-'));
const created: string[] = [];

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(statement: string): Promise<void> {
  if (source.kind !== 'postgres') return;
  const c = new pg.Client({ connectionString: source.serverUrl });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/** One database the CLI can be pointed at: its environment, and a way to open it from the test. */
interface Target {
  env: Record<string, string>;
  open(): Promise<DbHandle>;
}

function pgliteTarget(name: string): Target {
  const dataDir = join(dir, name);
  return { env: { DATA_DIR: dataDir, DATABASE_URL: '' }, open: () => openDatabase({ dataDir: join(dataDir, 'pglite') }) };
}

function postgresTarget(name: string): Target {
  if (source.kind !== 'postgres') throw new Error('not on PostgreSQL');
  const url = withDatabase(source.serverUrl, name);
  return { env: { DATA_DIR: dir, DATABASE_URL: url }, open: () => openDatabase({ databaseUrl: url, poolSize: 2 }) };
}

/**
 * The command is spawned for its exit codes 0, 1 and 2 on a server; on PGlite for 0 (it opens the embedded database
 * as an operator's would) and 2 (refused before it opens one), the check for 1 running its code in this process: a
 * spawn that opens the database from disk costs 10–15 s in a busy run.
 */
const spawnAll = source.kind === 'postgres';
const cliEnv = (target: Target) => ({ ...process.env, ...target.env, NODE_ENV: 'test' });
/** The key the CLI will use: the one configured for that environment. */
const keyFor = (target: Target) => loadConfig(cliEnv(target)).auditCheckpointKey;

let base: { pgliteDump?: Blob; postgresName?: string };
const suffix = randomBytes(4).toString('hex');

/** A database with a sealed, checkpointed trail: the seeded test database on a server, a migrated one on PGlite, with ten more events. */
beforeAll(async () => {
  let target: Target;
  let handle: DbHandle;
  if (source.kind === 'pglite') {
    // A migrated database of its own, not the demo's: the CLI reads every event of the trail, and each of the ten
    // copies below would otherwise load and verify the whole demo year (about 9 s each on PGlite).
    // In memory: only its dump is used.
    target = { env: {}, open: () => openDatabase({}) };
    handle = await target.open();
    await migrateDatabase(handle);
  } else {
    const name = `threshold_test_audit_${suffix}_base`;
    await admin(`create database ${name} template ${source.template}`);
    created.push(name);
    target = postgresTarget(name);
    handle = await target.open();
  }
  const trail = new AuditTrail(handle.db, () => new Date());
  for (let i = 0; i < 10; i += 1) await trail.recordNow(SYSTEM_ACTOR, { action: 'test.event', details: { i } });
  await new AuditSealer(handle.db, keyFor(target)).sealNow();
  if (source.kind === 'pglite') {
    base = { pgliteDump: await pgliteOf(handle)!.dumpDataDir('none') };
    await handle.close();
  } else {
    await handle.close();
    base = { postgresName: created[0]! };
  }
}, 120_000);

afterAll(async () => {
  for (const name of created.reverse()) await admin(`drop database if exists ${name} with (force)`);
  rmSync(dir, { recursive: true, force: true });
});

let copies = 0;
/** Databases held open in this process for one test (PGlite copies in memory), closed after it. */
const open: DbHandle[] = [];
afterEach(async () => {
  for (const handle of open.splice(0)) await handle.close();
});

/**
 * A copy of the sealed trail. On PGlite, a directory on disk when the command is to be spawned on it; otherwise a
 * copy in memory that the test, the tampering and the check in this process share (a directory costs an open of the
 * database for each of them: 10–15 s a test in a busy run).
 */
async function copy(options: { spawn?: boolean } = {}): Promise<Target> {
  copies += 1;
  if (source.kind === 'pglite' && !options.spawn) {
    const handle = await openDatabase({ loadDataDir: base.pgliteDump! });
    open.push(handle);
    return { env: {}, open: async () => ({ ...handle, close: async () => {} }) };
  }
  if (source.kind === 'pglite') {
    const target = pgliteTarget(`copy-${copies}`);
    const handle = await openDatabase({ dataDir: join(target.env.DATA_DIR!, 'pglite'), loadDataDir: base.pgliteDump! });
    await handle.close();
    return target;
  }
  const name = `threshold_test_audit_${suffix}_${copies}`;
  await admin(`create database ${name} template ${base.postgresName!}`);
  created.push(name);
  return postgresTarget(name);
}

/**
 * The check, as the command (`spawn`: a process of its own, as an operator runs it, with its exit code) or the
 * command's own code in this process (the same report and exit code, without starting Node and compiling the
 * command again for every check).
 */
async function verify(target: Target, extra: string[] = [], options: { spawn?: boolean } = {}): Promise<{ code: number; out: string }> {
  if (!options.spawn) {
    const lines: string[] = [];
    const code = await verifyAuditTrail(loadConfig(cliEnv(target)), extra, { out: (l) => lines.push(l), err: (l) => lines.push(l) }, target.open);
    return { code, out: lines.join('\n') };
  }
  try {
    // `npm run audit:verify` is `tsx src/cli/audit-verify.ts`: the same, without npx finding tsx again each time.
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/audit-verify.ts', ...extra], { env: cliEnv(target) });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

/** Runs `fn` on the target's database with the append-only triggers off, as a superuser could. */
async function tamper(target: Target, fn: (db: DbHandle['db']) => Promise<void>): Promise<void> {
  const handle = await target.open();
  try {
    await handle.db.execute(sql`alter table audit_event disable trigger audit_event_no_update`);
    await handle.db.execute(sql`alter table audit_checkpoint disable trigger audit_checkpoint_no_update`);
    await fn(handle.db);
  } finally {
    await handle.close();
  }
}

const newestSystemSeq = async (db: DbHandle['db']) => (await rows<{ m: number }>(db, sql`select max(seq) as m from audit_event where chain = 'system'`))[0]!.m;

describe('npm run audit:verify', () => {
  it('reports an intact trail and exits 0, printing each chain’s head and the checkpoints it checked', async () => {
    const { code, out } = await verify(await copy({ spawn: true }), [], { spawn: true });
    expect(out).toContain('The audit trail is intact.');
    expect(out).toMatch(/head system=[0-9a-f]{64}/);
    expect(out).toMatch(/and [1-9]\d* checkpoint\(s\) with the checkpoint key/);
    expect(code).toBe(0);
  }, 60_000);

  it('exits 2 with a one-line message when it cannot check: an option it does not know', async () => {
    // Refused before the database is opened: any copy will do.
    const { code, out } = await verify(await copy({ spawn: spawnAll }), ['--nonsense'], { spawn: true });
    expect(out.trim()).toBe('audit:verify: unknown option --nonsense');
    expect(code).toBe(2);
  }, 60_000);

  it('detects an altered event with no flag and exits 1, naming it', async () => {
    const target = await copy({ spawn: spawnAll });
    await tamper(target, async (db) => {
      await db.execute(sql`update audit_event set details = '{"i": 99}'::jsonb where chain = 'system' and seq = 4`);
    });
    const { code, out } = await verify(target, [], { spawn: spawnAll });
    expect(out).toContain('chain system, event 4: contents do not match its hash (the row was altered)');
    expect(code).toBe(1);
  }, 60_000);

  it('detects a removed newest event with no flag (its checkpoint names it)', async () => {
    const target = await copy();
    let newest = 0;
    await tamper(target, async (db) => {
      newest = await newestSystemSeq(db);
      await db.execute(sql`delete from audit_event where chain = 'system' and seq = ${newest}`);
    });
    const { code, out } = await verify(target);
    expect(out).toContain(`but its newest checkpoint`);
    expect(out).toMatch(new RegExp(`chain system, event ${newest}: the chain ends at event ${newest - 1} but its newest checkpoint \\(\\d+\\) is at event ${newest}: events at the end were removed`));
    expect(code).toBe(1);
  }, 60_000);

  it('detects a chain recomputed after altering an event, with no flag, even with its checkpoints rewritten to match', async () => {
    const target = await copy();
    await tamper(target, async (db) => {
      // The attacker alters event 4 and recomputes every hash after it with the published algorithm…
      const events = await rows<EventRow>(db, sql`select ${EVENT_COLUMNS} from audit_event where chain = 'system' and seq >= 3 order by seq`);
      const [third, ...rest] = events;
      const fields = rest.map((r) => (Number(r.seq) === 4 ? { ...eventFields(r), details: { i: 99 } } : eventFields(r)));
      const resealed = sealEvents({ seq: 3, hash: third!.hash! }, fields, sha256);
      for (const r of resealed) {
        await db.execute(sql`update audit_event set details = ${JSON.stringify(r.details)}::jsonb, prev_hash = ${r.prevHash}, hash = ${r.hash}
                              where chain = 'system' and seq = ${r.seq}`);
      }
      // …and points the checkpoints at the new hashes, but cannot make their MACs without the key.
      await db.execute(sql`update audit_checkpoint c set head_hash = e.hash from audit_event e where e.chain = c.chain and e.seq = c.seq and c.chain = 'system'`);
    });
    const { code, out } = await verify(target);
    expect(out).not.toContain('contents do not match its hash');
    expect(out).toMatch(/chain system, event \d+: checkpoint \d+ does not match its MAC: it was forged or altered \(a chain recomputed without the key\)/);
    expect(code).toBe(1);
  }, 60_000);

  it('detects a recomputed chain whose checkpoints were left alone: they name hashes the chain no longer holds', async () => {
    const target = await copy();
    await tamper(target, async (db) => {
      const events = await rows<EventRow>(db, sql`select ${EVENT_COLUMNS} from audit_event where chain = 'system' order by seq`);
      const resealed = sealEvents({ seq: 0, hash: '0'.repeat(64) }, events.map((r) => ({ ...eventFields(r), requestId: 'rewritten' })), sha256);
      for (const r of resealed) {
        await db.execute(sql`update audit_event set request_id = ${r.requestId}, prev_hash = ${r.prevHash}, hash = ${r.hash} where chain = 'system' and seq = ${r.seq}`);
      }
    });
    const { code, out } = await verify(target);
    expect(out).toMatch(/chain system, event \d+: checkpoint \d+ names event \d+ with another hash: the chain was rewritten/);
    expect(code).toBe(1);
  }, 60_000);

  it('still checks a head recorded elsewhere with --expect-head', async () => {
    const target = await copy();
    const head = /head system=([0-9a-f]{64})/.exec((await verify(target)).out)![1]!;
    await tamper(target, async (db) => {
      await db.execute(sql`delete from audit_event where chain = 'system' and seq = ${await newestSystemSeq(db)}`);
    });
    const tail = await verify(target, ['--expect-head', `system=${head}`]);
    expect(tail.out).toContain('the chain no longer contains the expected head');
    expect(tail.code).toBe(1);
  }, 60_000);

  it('counts events not sealed yet without failing, unless they are older than the tolerance', async () => {
    const target = await copy();
    const handle = await target.open();
    await new AuditTrail(handle.db, () => new Date()).recordNow(SYSTEM_ACTOR, { action: 'test.unsealed' });
    await handle.close();
    const fresh = await verify(target);
    expect(fresh.out).toContain('1 event(s) not sealed yet');
    expect(fresh.out).toContain('The audit trail is intact.');
    expect(fresh.code).toBe(0);
    const late = await verify(target, ['--unsealed-tolerance-minutes', '0']);
    expect(late.out).toContain('is the audit sealer running?');
    expect(late.code).toBe(1);
  }, 60_000);
});

describe('the trail in the database', () => {
  it('refuses every change but sealing: no other update, re-seal, delete or truncate, and no change to a checkpoint', async () => {
    const target = await copy();
    const handle = await target.open();
    const db = handle.db;
    try {
      await new AuditTrail(db, () => new Date()).recordNow(SYSTEM_ACTOR, { action: 'test.unsealed' });
      const id = (await rows<{ id: number }>(db, sql`select id from audit_event where seq is null order by id desc limit 1`))[0]!.id;
      /** What the database said: drizzle wraps its error. */
      const refusal = (query: Promise<unknown>) =>
        query.then(
          () => 'done',
          (err: Error & { cause?: Error }) => err.cause?.message ?? err.message,
        );
      const refused = /append-only: \w+ refused/;
      expect(await refusal(db.execute(sql`update audit_event set reason = 'x' where id = ${id}`))).toMatch(refused);
      expect(await refusal(db.execute(sql`update audit_event set seq = 999, prev_hash = 'p', hash = 'h', reason = 'x' where id = ${id}`))).toMatch(refused);
      // Half a seal breaks the constraint that a row is sealed whole.
      expect(await refusal(db.execute(sql`update audit_event set seq = 999, prev_hash = 'p' where id = ${id}`))).toMatch(/append-only|audit_event_sealed_whole/);
      expect(await refusal(db.execute(sql`delete from audit_event where id = ${id}`))).toMatch(refused);
      expect(await refusal(db.execute(sql`update audit_event set hash = hash where chain = 'system' and seq = 1`))).toMatch(refused);
      expect(await refusal(db.execute(sql`update audit_event set seq = null, prev_hash = null, hash = null where chain = 'system' and seq = 1`))).toMatch(refused);
      expect(await refusal(db.execute(sql`truncate audit_event`))).toMatch(refused);
      expect(await refusal(db.execute(sql`update audit_checkpoint set seq = seq`))).toMatch(refused);
      expect(await refusal(db.execute(sql`delete from audit_checkpoint`))).toMatch(refused);
      expect(await refusal(db.execute(sql`truncate audit_checkpoint`))).toMatch(refused);
      // Sealing, and only sealing, goes through.
      const result = await new AuditSealer(db, keyFor(target)).sealNow();
      expect(result).toMatchObject({ sealed: 1, refused: [], halted: null });
    } finally {
      await handle.close();
    }
  }, 60_000);

  it('is not sealed further once cut back: the sealer leaves the chain unsealed rather than checkpoint over the cut', async () => {
    const target = await copy();
    await tamper(target, async (db) => {
      await db.execute(sql`delete from audit_event where chain = 'system' and seq = ${await newestSystemSeq(db)}`);
    });
    const handle = await target.open();
    try {
      const errors: Record<string, unknown>[] = [];
      await new AuditTrail(handle.db, () => new Date()).recordNow(SYSTEM_ACTOR, { action: 'test.after_the_cut' });
      const result = await new AuditSealer(handle.db, keyFor(target), { error: (_m, fields) => errors.push(fields) }).sealNow();
      expect(result.refused).toEqual(['system']);
      expect(errors).toEqual([expect.objectContaining({ chain: 'system' })]);
      expect(await rows(handle.db, sql`select 1 from audit_event where action = 'test.after_the_cut' and seq is null`)).toHaveLength(1);
    } finally {
      await handle.close();
    }
    expect((await verify(target)).code).toBe(1);
  }, 60_000);

  it('stops sealing when the newest checkpoint was not made with its key', async () => {
    const target = await copy();
    const handle = await target.open();
    try {
      await new AuditTrail(handle.db, () => new Date()).recordNow(SYSTEM_ACTOR, { action: 'test.other_key' });
      const result = await new AuditSealer(handle.db, Buffer.from('another-key-another-key-another-key')).sealNow();
      expect(result.sealed).toBe(0);
      expect(result.halted).toMatch(/does not match its MAC under this key/);
    } finally {
      await handle.close();
    }
  }, 60_000);
});
