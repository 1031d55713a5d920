/** Shutting down finishes requests already in flight, then closes promptly (no waiting on idle keep-alives). */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';

describe('graceful shutdown', () => {
  it('answers a request in flight, then closes without waiting for the keep-alive timeout', async () => {
    const t = await createTestApp({
      extend: (app) =>
        app.get('/__slow', { config: { rule: 'public' } }, async () => {
          await new Promise((r) => setTimeout(r, 400));
          const r = await app.services.db.execute(sql`select 1 as one`);
          return { rows: (r as unknown as { rows: unknown[] }).rows.length };
        }),
    });
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const inFlight = fetch(`${address}/__slow`).then(async (r) => ({ status: r.status, body: await r.json() }));
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await t.app.close();
    const closedIn = Date.now() - started;
    await t.db.close();
    expect(await inFlight).toEqual({ status: 200, body: { rows: 1 } });
    expect(closedIn).toBeLessThan(10_000);
  });
});
