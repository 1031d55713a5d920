/**
 * The transactional outbox against a real database: nothing is sent for a change that rolls back; a committed
 * email is sent once; failures are retried with back-off and given up on; a send interrupted by a crash is checked
 * with the provider rather than repeated (or, for a provider that cannot be asked, sent once more); workers running
 * side by side never send the same message twice; and nothing personal reaches the logs. Synthetic data only.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/db.js';
import { type Database, type DbHandle, asDate, one, rows, transaction } from '../db/client.js';
import { TemplateError } from '../domain/email-templates.js';
import { EmailDeliveryError, type EmailSender, type OutgoingEmail, OutboxWorker, type OutboxWorkerOptions, enqueueEmail, notifyInApp, retryDelayMs } from './outbox.js';

let handle: DbHandle;
let db: Database;
let tenantId: string;
let userId: string;

const RECIPIENT = 'duty.team@agency.fernmoor.example';
const PERSONALISATION = { contact_reference: 'FM-2026-000777', deadline: '5pm on 27 November 2026', link: 'https://threshold.fernmoor.example/info-requests/1' };
const LEASE_MS = 5 * 60_000;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  tenantId = (await one<{ id: string }>(db, sql`select id from tenant where code = 'fernmoor'`))!.id;
  userId = (await one<{ id: string }>(db, sql`select id from app_user where tenant_id = ${tenantId} order by email limit 1`))!.id;
});
afterAll(async () => handle.close());

/** The worker's clock, ahead of the database's so messages enqueued at the database's now() are due. */
let clock: Date;
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};
let logs: { message: string; fields: Record<string, unknown> }[];

beforeEach(async () => {
  await db.execute(sql`delete from outbox_message`);
  clock = new Date(Date.now() + 60_000);
  logs = [];
});

function worker(sender: EmailSender, options: OutboxWorkerOptions = {}): OutboxWorker {
  return new OutboxWorker(db, sender, { now: () => clock, log: (message, fields) => logs.push({ message, fields }), ...options });
}

/** A provider: what it has accepted, by reference; it can be told to fail, or to accept and then never answer. */
class FakeProvider {
  readonly accepted = new Map<string, string>();
  deliveries: OutgoingEmail[] = [];
  sendCalls = 0;
  failNext = 0;
  permanentFailure = false;
  /** Accept the message, then hang (a process that dies in the middle of a send). */
  hangAfterAccepting = false;
  releaseHung: (() => void) | undefined;

  sender(options: { canBeAsked: boolean }): EmailSender {
    const send = async (m: OutgoingEmail) => {
      this.sendCalls += 1;
      if (this.permanentFailure) throw new EmailDeliveryError('Provider refused the message (400)', { permanent: true });
      if (this.failNext > 0) {
        this.failNext -= 1;
        throw new EmailDeliveryError('Provider unavailable (503)');
      }
      const providerId = `p-${this.deliveries.length + 1}`;
      this.deliveries.push(m);
      this.accepted.set(m.reference, providerId);
      if (this.hangAfterAccepting) {
        this.hangAfterAccepting = false;
        await new Promise<void>((resolve) => {
          this.releaseHung = resolve;
        });
        return { providerId: 'late-answer' };
      }
      await new Promise((r) => setTimeout(r, 1));
      return { providerId };
    };
    const findSent = async (reference: string) => {
      const providerId = this.accepted.get(reference);
      return providerId ? { providerId } : null;
    };
    return options.canBeAsked ? { name: 'fake (can be asked)', send, findSent } : { name: 'fake (cannot be asked)', send };
  }
}

function enqueue(tx: Database = db, overrides: Partial<Parameters<typeof enqueueEmail>[1]> = {}) {
  return enqueueEmail(tx, { tenantId, template: 'info_request.new', recipient: RECIPIENT, personalisation: PERSONALISATION, ...overrides });
}

async function message(id: string) {
  return (await one<{ status: string; attempts: number; next_attempt_at: string; claimed_at: string | null; sent_at: string | null; provider_id: string | null; last_error: string | null; reference: string }>(
    db,
    sql`select status, attempts, next_attempt_at, claimed_at, sent_at, provider_id, last_error, reference from outbox_message where id = ${id}`,
  ))!;
}

const NOTHING = { sent: 0, retried: 0, failed: 0, recovered: 0 };

describe('enqueueing', () => {
  it('sends nothing for a change that rolls back', async () => {
    const provider = new FakeProvider();
    await expect(
      transaction(db, async (tx) => {
        await enqueue(tx);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await worker(provider.sender({ canBeAsked: true })).runOnce()).toEqual(NOTHING);
    expect(provider.sendCalls).toBe(0);
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from outbox_message`))!.n).toBe(0);
  });

  it('sends a committed email exactly once, with its rendered text and a unique reference', async () => {
    const provider = new FakeProvider();
    const w = worker(provider.sender({ canBeAsked: true }));
    const id = await transaction(db, (tx) => enqueue(tx));
    const other = await transaction(db, (tx) => enqueue(tx));
    expect(await w.runOnce()).toEqual({ ...NOTHING, sent: 2 });
    expect(await w.runOnce()).toEqual(NOTHING);
    expect(provider.sendCalls).toBe(2);
    const row = await message(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(row.provider_id).toMatch(/^p-[12]$/);
    expect(asDate(row.sent_at!).toISOString()).toBe(clock.toISOString());
    const sent = provider.deliveries.find((d) => d.reference === row.reference)!;
    expect(sent).toMatchObject({ template: 'info_request.new', recipient: RECIPIENT, personalisation: PERSONALISATION, subject: 'New information request: FM-2026-000777' });
    expect(sent.body).toContain(PERSONALISATION.link);
    expect(row.reference).not.toBe((await message(other)).reference);
  });

  it('refuses a missing placeholder or a recipient that is not an address, failing the change rather than the delivery', async () => {
    await expect(enqueue(db, { personalisation: { contact_reference: 'FM-1', link: 'https://threshold.fernmoor.example/x' } })).rejects.toThrow(TemplateError);
    await expect(enqueue(db, { recipient: 'not an address' })).rejects.toThrow(/not an email address/);
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from outbox_message`))!.n).toBe(0);
  });

  it('holds a message until its notBefore time', async () => {
    const provider = new FakeProvider();
    const w = worker(provider.sender({ canBeAsked: true }));
    await enqueue(db, { notBefore: new Date(clock.getTime() + 3_600_000) });
    expect(await w.runOnce()).toEqual(NOTHING);
    advance(3_600_000);
    expect(await w.runOnce()).toEqual({ ...NOTHING, sent: 1 });
  });
});

describe('in-app notifications', () => {
  it('exist exactly when the change commits', async () => {
    const count = async () => (await one<{ n: number }>(db, sql`select count(*)::int as n from notification where title = 'Outbox test notification'`))!.n;
    const before = await count();
    await expect(
      transaction(db, async (tx) => {
        await notifyInApp(tx, { tenantId, userId, title: 'Outbox test notification', body: 'Rolled back', link: '/contacts' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await count()).toBe(before);
    const id = await transaction(db, (tx) => notifyInApp(tx, { tenantId, userId, title: 'Outbox test notification', body: 'Committed', link: '/contacts' }));
    expect(await count()).toBe(before + 1);
    expect(await one(db, sql`select user_id, link, read_at from notification where id = ${id}`)).toEqual({ user_id: userId, link: '/contacts', read_at: null });
  });

  it('link only to a path inside Threshold', async () => {
    for (const link of ['https://elsewhere.example/', '//elsewhere.example/', 'javascript:alert(1)', '/\\elsewhere.example']) {
      await expect(notifyInApp(db, { tenantId, userId, title: 't', body: 'b', link })).rejects.toThrow(/inside Threshold/);
    }
  });
});

describe('retries', () => {
  it('backs off after a failure (30 s × 2^attempts) and sends once the provider works again', async () => {
    const provider = new FakeProvider();
    provider.failNext = 2;
    const w = worker(provider.sender({ canBeAsked: true }));
    const id = await enqueue();
    expect(await w.runOnce()).toEqual({ ...NOTHING, retried: 1 });
    let row = await message(id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'Provider unavailable (503)' });
    expect(asDate(row.next_attempt_at).getTime()).toBe(clock.getTime() + 60_000);
    expect(await w.runOnce()).toEqual(NOTHING); // not due yet
    advance(60_000);
    expect(await w.runOnce()).toEqual({ ...NOTHING, retried: 1 });
    row = await message(id);
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    expect(asDate(row.next_attempt_at).getTime()).toBe(clock.getTime() + 120_000);
    advance(119_000);
    expect(await w.runOnce()).toEqual(NOTHING);
    advance(1_000);
    expect(await w.runOnce()).toEqual({ ...NOTHING, sent: 1 });
    expect(await message(id)).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
    expect(provider.sendCalls).toBe(3);
    expect(provider.deliveries).toHaveLength(1);
  });

  it('caps the back-off at an hour', () => {
    expect([1, 2, 3, 6, 7, 20].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 1_920_000, 3_600_000, 3_600_000]);
  });

  it('gives up after maxAttempts, and at once when the provider refuses the message itself', async () => {
    const provider = new FakeProvider();
    provider.failNext = 100;
    const w = worker(provider.sender({ canBeAsked: true }), { maxAttempts: 3 });
    const id = await enqueue();
    expect(await w.runOnce()).toEqual({ ...NOTHING, retried: 1 });
    advance(retryDelayMs(1));
    expect(await w.runOnce()).toEqual({ ...NOTHING, retried: 1 });
    advance(retryDelayMs(2));
    expect(await w.runOnce()).toEqual({ ...NOTHING, failed: 1 });
    expect(await message(id)).toMatchObject({ status: 'failed', attempts: 3, last_error: 'Provider unavailable (503)' });
    advance(24 * 3_600_000);
    expect(await w.runOnce()).toEqual(NOTHING);
    expect(provider.sendCalls).toBe(3);

    const refused = new FakeProvider();
    refused.permanentFailure = true;
    const id2 = await enqueue();
    expect(await worker(refused.sender({ canBeAsked: true }), { maxAttempts: 3 }).runOnce()).toEqual({ ...NOTHING, failed: 1 });
    expect(await message(id2)).toMatchObject({ status: 'failed', attempts: 1, last_error: 'Provider refused the message (400)' });
  });
});

describe('a send interrupted by a crash', () => {
  /** Worker A claims the message and the provider accepts it, but A never records the outcome. */
  async function crashAfterProviderAccepted(provider: FakeProvider, canBeAsked: boolean) {
    const id = await enqueue();
    provider.hangAfterAccepting = true;
    const a = worker(provider.sender({ canBeAsked }));
    const stuck = a.runOnce();
    await expect.poll(() => provider.deliveries.length).toBe(1);
    expect(await message(id)).toMatchObject({ status: 'sending', attempts: 1 });
    return { id, stuck };
  }

  it('is checked with a provider that can be asked, and marked sent without sending again', async () => {
    const provider = new FakeProvider();
    const { id, stuck } = await crashAfterProviderAccepted(provider, true);
    const b = worker(provider.sender({ canBeAsked: true }));
    advance(LEASE_MS - 1_000);
    expect(await b.runOnce()).toEqual(NOTHING); // still within the lease: A may be alive
    advance(2_000);
    expect(await b.runOnce()).toEqual({ ...NOTHING, recovered: 1 });
    expect(await message(id)).toMatchObject({ status: 'sent', attempts: 2, provider_id: 'p-1' });
    expect(provider.deliveries).toHaveLength(1);
    expect(provider.sendCalls).toBe(1);
    // Worker A comes back to life: it no longer holds the claim, so it changes nothing.
    provider.releaseHung!();
    expect(await stuck).toEqual({ ...NOTHING, sent: 1 });
    expect(await message(id)).toMatchObject({ status: 'sent', attempts: 2, provider_id: 'p-1' });
    expect(logs.some((l) => /claimed again by another worker/.test(l.message))).toBe(true);
    expect(await b.runOnce()).toEqual(NOTHING);
  });

  it('is sent once more when the provider cannot be asked (the SMTP caveat), and only once more', async () => {
    const provider = new FakeProvider();
    const { id } = await crashAfterProviderAccepted(provider, false);
    const b = worker(provider.sender({ canBeAsked: false }));
    advance(LEASE_MS + 1_000);
    expect(await b.runOnce()).toEqual({ ...NOTHING, sent: 1 });
    expect(await message(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(provider.deliveries.map((d) => d.reference)).toEqual([(await message(id)).reference, (await message(id)).reference]);
    advance(LEASE_MS * 3);
    expect(await b.runOnce()).toEqual(NOTHING);
    expect(provider.deliveries).toHaveLength(2);
    expect(logs.some((l) => /cannot be asked whether it was sent/.test(l.message))).toBe(true);
  });

  it('is sent after the lease when the provider had not got it', async () => {
    const provider = new FakeProvider();
    const id = await enqueue();
    // Claimed by a worker that died before it reached the provider.
    await db.execute(sql`update outbox_message set status = 'sending', attempts = 1, claimed_at = ${clock.toISOString()}::timestamptz where id = ${id}`);
    advance(LEASE_MS + 1);
    expect(await worker(provider.sender({ canBeAsked: true })).runOnce()).toEqual({ ...NOTHING, sent: 1 });
    expect(provider.deliveries).toHaveLength(1);
  });

  it('after a failed attempt, asks a provider that can be asked before trying again (the error may have come after it accepted)', async () => {
    const provider = new FakeProvider();
    const id = await enqueue();
    // A previous attempt failed, but the provider had in fact accepted the message.
    await db.execute(sql`update outbox_message set attempts = 1, last_error = 'Timed out' where id = ${id}`);
    const reference = (await message(id)).reference;
    provider.accepted.set(reference, 'p-earlier');
    expect(await worker(provider.sender({ canBeAsked: true })).runOnce()).toEqual({ ...NOTHING, recovered: 1 });
    expect(await message(id)).toMatchObject({ status: 'sent', provider_id: 'p-earlier' });
    expect(provider.sendCalls).toBe(0);
  });
});

describe('workers side by side', () => {
  // With PostgreSQL (a pool of connections) the two workers really claim at the same time; PGlite has one
  // connection, so there the test shows only that the workers take turns correctly.
  it('never send the same message twice', async () => {
    const provider = new FakeProvider();
    const ids: string[] = [];
    for (let i = 0; i < 30; i += 1) ids.push(await enqueue());
    const w1 = worker(provider.sender({ canBeAsked: true }), { batchSize: 4 });
    const w2 = worker(provider.sender({ canBeAsked: true }), { batchSize: 4 });
    const drain = async (w: OutboxWorker) => {
      let sent = 0;
      for (;;) {
        const r = await w.runOnce();
        if (r.sent + r.retried + r.failed + r.recovered === 0) return sent;
        sent += r.sent;
      }
    };
    const [a, b] = await Promise.all([drain(w1), drain(w2)]);
    expect(a + b).toBe(30);
    expect(provider.deliveries).toHaveLength(30);
    expect(new Set(provider.deliveries.map((d) => d.reference)).size).toBe(30);
    const statuses = await rows<{ status: string; attempts: number }>(db, sql`select status, attempts from outbox_message`);
    expect(statuses.every((s) => s.status === 'sent' && s.attempts === 1)).toBe(true);
    if (handle.kind === 'postgres') expect(a > 0 && b > 0).toBe(true);
  });
});

describe('running in the background', () => {
  it('delivers until stopped, and a stop waits for the send in flight and hands back the rest of the batch', async () => {
    const provider = new FakeProvider();
    const w = worker(provider.sender({ canBeAsked: true }), { batchSize: 5 });
    const first = await enqueue();
    w.start(10);
    await expect.poll(async () => (await message(first)).status).toBe('sent');

    // Three messages fall due together, so one run claims all three; the first send hangs.
    const later = new Date(clock.getTime() + 3_600_000);
    const ids = [await enqueue(db, { notBefore: later }), await enqueue(db, { notBefore: later }), await enqueue(db, { notBefore: later })];
    provider.hangAfterAccepting = true;
    advance(3_600_000);
    await expect.poll(() => provider.deliveries.length).toBe(2);
    let stopped = false;
    const stopping = w.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toBe(false); // waits for the send in flight
    provider.releaseHung!();
    await stopping;
    const after = await Promise.all(ids.map(message));
    expect(after.filter((m) => m.status === 'sent')).toHaveLength(1);
    expect(after.filter((m) => m.status === 'pending' && m.attempts === 0 && m.claimed_at === null)).toHaveLength(2);

    // Stopped: nothing more is sent.
    await new Promise((r) => setTimeout(r, 50));
    expect(provider.deliveries).toHaveLength(2);

    // A run by hand after the stop delivers as usual, and the worker can be started again.
    expect(await w.runOnce()).toEqual({ ...NOTHING, sent: 2 });
    w.start(10);
    const again = await enqueue();
    await expect.poll(async () => (await message(again)).status).toBe('sent');
    await w.stop();
    expect(provider.deliveries).toHaveLength(5);
  });
});

describe('logs', () => {
  it('carry ids and counts, never a recipient or personalisation', async () => {
    const provider = new FakeProvider();
    provider.failNext = 1;
    const w = worker(provider.sender({ canBeAsked: false }), { maxAttempts: 2 });
    await enqueue();
    await w.runOnce();
    advance(retryDelayMs(1));
    await w.runOnce();
    expect(logs.length).toBeGreaterThan(2);
    const text = JSON.stringify(logs);
    expect(text).not.toContain(RECIPIENT);
    for (const value of Object.values(PERSONALISATION)) expect(text).not.toContain(value);
    const stored = await rows<{ last_error: string | null }>(db, sql`select last_error from outbox_message`);
    expect(JSON.stringify(stored)).not.toContain(RECIPIENT);
  });
});
