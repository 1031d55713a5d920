/**
 * The audit under concurrency (docs/adr/0008-audit-without-a-lock.md): audited writes take no lock, so many at
 * once all succeed and none waits for another; the sealer then chains them in commit order with no gaps.
 * The waiting test needs real connections, so it runs on PostgreSQL only (TEST_DATABASE_URL).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Database, one, rows, transaction } from '../src/db/client.js';
import { AuditSealer } from '../src/platform/audit-sealer.js';
import { type Actor, type AuditTrail } from '../src/platform/audit.js';
import { type TestApp, createTestApp } from './support/app.js';

const onPostgres = inject('database').kind === 'postgres';

let t: TestApp;
let db: Database;
let audit: AuditTrail;
let actor: Actor;

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  audit = t.app.services.audit;
  const tenant = (await one<{ id: string }>(db, sql`select id from tenant order by code limit 1`))!.id;
  actor = { userId: null, tenantId: tenant, agencyId: null, roles: [], requestId: null };
});
afterAll(async () => t.close());

const sealer = () => new AuditSealer(db, t.config.auditCheckpointKey);

async function verifyAll() {
  const result = await audit.verify({ checkpointKey: t.config.auditCheckpointKey });
  expect(result.problems).toEqual([]);
  expect(result.checkpoints.keyed).toBe(true);
  return result;
}

describe('audited writes at once', () => {
  it('all succeed, the measures records view among them, and once sealed every chain verifies with no gaps', async () => {
    const analyst = await t.as('analyst');
    // Work the figures out once first: many cold refreshes of the measure facts at once can deadlock each other,
    // which is a matter for the measures, not the audit.
    expect((await analyst.get('/measures/contacts/records')).statusCode).toBe(200);
    // Two sealers, as two app processes would run them, sealing while the writes go on.
    const sealers = [sealer(), sealer()];
    for (const s of sealers) s.start(5);
    try {
      const writes = Array.from({ length: 200 }, (_, i) =>
        i % 2 === 0
          ? audit.recordNow(actor, { action: 'test.concurrent', details: { i } })
          : transaction(db, async (tx) => {
              await audit.record(tx, actor, { action: 'test.concurrent', details: { i } });
              await audit.record(tx, actor, { action: 'test.concurrent_second', details: { i } });
            }),
      );
      // Finding 6: the records behind a figure audited its view outside any transaction, and failed under load.
      const views = Array.from({ length: 30 }, () => analyst.get('/measures/contacts/records'));
      const [, responses] = await Promise.all([Promise.all(writes), Promise.all(views)]);
      expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 200));
    } finally {
      for (const s of sealers) await s.stop();
    }
    await sealer().sealNow();

    const counts = await one<{ first: number; second: number; views: number; unsealed: number }>(
      db,
      sql`select count(*) filter (where action = 'test.concurrent')::int as first,
                 count(*) filter (where action = 'test.concurrent_second')::int as second,
                 count(*) filter (where action = 'measure.records_viewed')::int as views,
                 count(*) filter (where seq is null)::int as unsealed
            from audit_event`,
    );
    expect(counts).toEqual({ first: 200, second: 100, views: 31, unsealed: 0 });
    const result = await verifyAll();
    expect(result.unsealed.count).toBe(0);
    // One chain, numbered 1…n with no gap and no repeat.
    const chain = await one<{ n: number; max: number; distinct: number }>(
      db,
      sql`select count(*)::int as n, max(seq)::int as max, count(distinct seq)::int as distinct from audit_event where chain = ${actor.tenantId}`,
    );
    expect(chain!.max).toBe(chain!.n);
    expect(chain!.distinct).toBe(chain!.n);
  }, 120_000);
});

describe.skipIf(!onPostgres)('an audited write while another transaction that has audited is open (PostgreSQL)', () => {
  it('is not blocked by it, and the sealer seals the two in the order they commit', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let hasAudited!: () => void;
    const audited = new Promise<void>((resolve) => (hasAudited = resolve));
    const holder = transaction(db, async (tx) => {
      await audit.record(tx, actor, { action: 'test.held_open' });
      hasAudited();
      await held;
    });
    try {
        await audited;
        // With the old per-area lock this write would wait on the open transaction: watch for a lock wait and
        // fail on it, rather than hang.
        let finished = false;
        const write = audit.recordNow(actor, { action: 'test.not_blocked' }).then(() => {
          finished = true;
          return 'written' as const;
        });
        const blocked = (async () => {
          while (!finished) {
            const waiting = await one<{ n: number }>(
              db,
              sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
            );
            if (waiting!.n > 0) return 'blocked' as const;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          return 'written' as const;
        })();
        expect(await Promise.race([write, blocked])).toBe('written');

        // The sealer seals what is committed now, and not the open transaction's event.
        await sealer().sealNow();
        const before = await rows<{ action: string; seq: number | null }>(db, sql`select action, seq from audit_event where action in ('test.held_open', 'test.not_blocked')`);
        expect(before).toEqual([{ action: 'test.not_blocked', seq: expect.any(Number) }]);
      } finally {
        release();
        await holder;
      }
      await sealer().sealNow();
      const after = await rows<{ id: number; action: string; seq: number }>(
        db,
        sql`select id, action, seq from audit_event where action in ('test.held_open', 'test.not_blocked') order by id`,
      );
      // Written first, committed last: sealed last.
      expect(after.map((r) => r.action)).toEqual(['test.held_open', 'test.not_blocked']);
      expect(after[0]!.seq).toBeGreaterThan(after[1]!.seq);
      await verifyAll();
    }, 60_000);
  });
