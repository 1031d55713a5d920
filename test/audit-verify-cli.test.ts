/** `npm run audit:verify` against a database on disk, as an operator would run it. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPasswordHash } from '../src/app.js';
import { openDatabase } from '../src/db/client.js';
import { prepareDatabase } from '../src/db/prepare.js';
import { AuditTrail, SYSTEM_ACTOR } from '../src/platform/audit.js';

const run = promisify(execFile);
let dir: string;

async function verify(extra: string[] = []): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'src/cli/audit-verify.ts', ...extra], {
      env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '', NODE_ENV: 'test' },
    });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'threshold-audit-'));
  const handle = await openDatabase({ dataDir: join(dir, 'pglite') });
  await prepareDatabase(handle, { seedDemoWhenEmpty: true, demoPasswordHash, now: new Date() });
  const trail = new AuditTrail(handle.db, () => new Date());
  for (let i = 0; i < 10; i += 1) await trail.recordNow({ ...SYSTEM_ACTOR, userId: null }, { action: 'test.event', details: { i } });
  await handle.close();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run audit:verify', () => {
  it('reports an intact trail and exits 0, printing each chain’s head', async () => {
    const { code, out } = await verify();
    expect(out).toContain('The audit trail is intact.');
    expect(out).toMatch(/head system=[0-9a-f]{64}/);
    expect(code).toBe(0);
  });

  it('detects one altered row and exits 1, naming it', async () => {
    const { out: before } = await verify();
    const head = /head system=([0-9a-f]{64})/.exec(before)![1]!;
    const handle = await openDatabase({ dataDir: join(dir, 'pglite') });
    await handle.db.execute(sql`alter table audit_event disable trigger audit_event_no_update`);
    await handle.db.execute(sql`update audit_event set details = '{"i": 99}'::jsonb where chain = 'system' and seq = 4`);
    await handle.close();
    const { code, out } = await verify();
    expect(out).toContain('chain system, event 4: contents do not match its hash (the row was altered)');
    expect(code).toBe(1);

    // Removing the newest rows breaks no link, but the head recorded earlier is gone.
    const again = await openDatabase({ dataDir: join(dir, 'pglite') });
    await again.db.execute(sql`update audit_event set details = '{"i": 3}'::jsonb where chain = 'system' and seq = 4`);
    const last = await again.db.execute(sql`select max(seq) as m from audit_event where chain = 'system'`);
    const max = (last as unknown as { rows: { m: number }[] }).rows[0]!.m;
    await again.db.execute(sql`delete from audit_event where chain = 'system' and seq = ${max}`);
    await again.close();
    const tail = await verify(['--expect-head', `system=${head}`]);
    expect(tail.out).toContain('the chain no longer contains the expected head');
    expect(tail.code).toBe(1);
  }, 60_000);
});
