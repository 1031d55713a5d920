/** Shutting down finishes requests already in flight, then closes promptly (no waiting on idle keep-alives). */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';

/** A promise and the function that settles it. */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('graceful shutdown', () => {
  it('answers a request in flight, then closes without waiting for the keep-alive timeout', async () => {
    // No timings: the request tells the test it has arrived, and carries on only once closing has begun.
    const arrived = signal();
    const closing = signal();
    const t = await createTestApp({
      extend: (app) => {
        app.get('/__slow', { config: { rule: 'public' } }, async () => {
          arrived.resolve();
          await closing.promise;
          const r = await app.services.db.execute(sql`select 1 as one`);
          return { rows: (r as unknown as { rows: unknown[] }).rows.length };
        });
        // Runs after the app's own preClose hook: closing has begun.
        app.addHook('preClose', async () => closing.resolve());
      },
    });
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const inFlight = fetch(`${address}/__slow`).then(async (r) => ({ status: r.status, connection: r.headers.get('connection'), body: await r.json() }));
    await arrived.promise;
    await t.app.close();
    await t.db.close();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ rows: 1 });
    // The answer told the client not to keep the connection, so closing did not wait on it.
    expect(answer.connection).toBe('close');
  });
});
