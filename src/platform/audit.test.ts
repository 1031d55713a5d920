import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, transaction } from '../db/client.js';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { SYSTEM_ACTOR } from './audit.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // Some events in two chains.
  const screener = await t.as('screener');
  const contact = await one<{ id: string }>(t.db.db, sql`select id from contact where status = 'decided' limit 1`);
  for (let i = 0; i < 5; i += 1) await screener.get(`/contacts/${contact!.id}`);
  await t.app.services.audit.recordNow(SYSTEM_ACTOR, { action: 'system.test' });
  await t.seal();
});
const verify = () => t.app.services.audit.verify({ checkpointKey: t.config.auditCheckpointKey });
afterAll(async () => t.close());

describe('the audit trail', () => {
  it('verifies intact', async () => {
    const result = await verify();
    expect(result.problems).toEqual([]);
    expect(result.checked).toBeGreaterThan(5);
    expect(result.chains).toBeGreaterThanOrEqual(2);
  });

  it('refuses UPDATE and DELETE at the database', async () => {
    await expect(t.db.db.execute(sql`update audit_event set reason = 'x' where seq = 1`)).rejects.toThrow();
    await expect(t.db.db.execute(sql`delete from audit_event where seq = 1`)).rejects.toThrow();
  });

  it('writes the event in the same transaction as the change: a failed change leaves no event', async () => {
    const before = await one<{ n: number }>(t.db.db, sql`select count(*) as n from audit_event`);
    await expect(
      transaction(t.db.db, async (tx) => {
        await t.app.services.audit.record(tx, SYSTEM_ACTOR, { action: 'test.rolled_back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const after = await one<{ n: number }>(t.db.db, sql`select count(*) as n from audit_event`);
    expect(after!.n).toBe(before!.n);
  });

  it('keeps each chain unforked when many events are written at once', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => t.app.services.audit.recordNow(SYSTEM_ACTOR, { action: 'test.concurrent', details: { i } })));
    await t.seal();
    expect((await verify()).problems).toEqual([]);
  });

  it('detects an altered row, naming it', async () => {
    await t.db.db.execute(sql`alter table audit_event disable trigger audit_event_no_update`);
    const victim = await one<{ chain: string; seq: number }>(t.db.db, sql`select chain, seq from audit_event where action = 'contact.view' order by seq limit 1 offset 2`);
    await t.db.db.execute(sql`update audit_event set user_id = null where chain = ${victim!.chain} and seq = ${victim!.seq}`);
    const result = await verify();
    expect(result.problems).toContainEqual({ chain: victim!.chain, seq: victim!.seq, problem: 'contents do not match its hash (the row was altered)' });
  });

  it('detects a deleted row', async () => {
    const victim = await one<{ chain: string; seq: number }>(t.db.db, sql`select chain, seq from audit_event where chain = 'system' order by seq limit 1 offset 3`);
    await t.db.db.execute(sql`delete from audit_event where chain = ${victim!.chain} and seq = ${victim!.seq}`);
    const result = await verify();
    expect(result.problems.some((p) => p.chain === 'system' && p.seq === victim!.seq + 1 && p.problem.includes('rows are missing'))).toBe(true);
  });
});
