/**
 * Notifications that go with a change are written in the same transaction as the change:
 *
 * - in-app notifications (`notifyInApp`) are the notification itself, so they exist exactly when the change does;
 * - emails (`enqueueEmail`) go into the transactional outbox and the `OutboxWorker` delivers them afterwards, so
 *   a change that rolls back sends nothing and a change that commits is delivered at least once, even across a
 *   crash or a provider outage.
 *
 * Each email has a unique `reference` given to the provider. A send interrupted by a crash (or a retry after an
 * error that may have come after the provider accepted it) first asks the provider whether it has a message with
 * that reference, when the provider can be asked (GOV.UK Notify can; SMTP cannot — see docs/notifications.md).
 *
 * Nothing here logs or stores a recipient or personalisation outside the outbox row: logs carry ids and counts,
 * and `last_error` carries the error's type and code or a message written by our own senders.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Database, one, rows, transaction } from '../db/client.js';
import { type TemplateName, TemplateError, render } from '../domain/email-templates.js';
import { safeErrorMessage } from './log-safety.js';

export interface OutgoingEmail {
  template: TemplateName;
  recipient: string;
  personalisation: Record<string, string>;
  /** Unique per outbox message: the provider's reference, and the basis of the SMTP Message-ID. */
  reference: string;
  subject: string;
  body: string;
}

export interface EmailSender {
  readonly name: string;
  send(message: OutgoingEmail): Promise<{ providerId: string }>;
  /** Whether the provider already has a message with this reference (absent when the provider cannot be asked). */
  findSent?(reference: string): Promise<{ providerId: string } | null>;
}

/**
 * An error from a sender whose message is safe to store and log (it names no recipient and no personalisation).
 * A permanent error (the provider refused the message itself) is not retried.
 */
export class EmailDeliveryError extends Error {
  override name = 'EmailDeliveryError';
  readonly permanent: boolean;

  constructor(message: string, options: { permanent?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.permanent = options.permanent ?? false;
  }
}

const EMAIL = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+/g;

/** Text about a failed send that is safe to store in `last_error` and to log. */
export function safeDeliveryError(err: unknown): string {
  let text: string;
  if (err instanceof EmailDeliveryError || err instanceof TemplateError) {
    text = err.message;
  } else if (err instanceof Error) {
    // Other errors (network, library) may quote what they were given: keep their type and code only.
    const code = (err as { code?: unknown }).code;
    text = typeof code === 'string' || typeof code === 'number' ? `${err.name} ${String(code)}` : err.name;
  } else {
    text = 'Unknown error';
  }
  return text.replace(EMAIL, '[address]').replace(/[\r\n]+/g, ' ').slice(0, 300);
}

export interface EnqueueEmail {
  tenantId: string;
  template: TemplateName;
  recipient: string;
  /** The template's placeholders: references, deadlines and links, never personal details. */
  personalisation: Record<string, string>;
  /** Not before this time (defaults to the database's now): for scheduled messages and for tests. */
  notBefore?: Date;
}

/**
 * Puts an email in the outbox inside the caller's transaction; it is sent after the transaction commits, and never
 * if it rolls back. Checks the template and personalisation now, so a mistake fails the change, not the delivery.
 * Returns the outbox message's id.
 */
export async function enqueueEmail(tx: Database, message: EnqueueEmail): Promise<string> {
  render(message.template, message.personalisation);
  if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(message.recipient)) {
    throw new TypeError(`Email "${message.template}": the recipient is not an email address`);
  }
  const row = await one<{ id: string }>(
    tx,
    sql`insert into outbox_message (tenant_id, channel, template, recipient, personalisation, reference, next_attempt_at)
        values (${message.tenantId}, 'email', ${message.template}, ${message.recipient},
                ${JSON.stringify(message.personalisation)}::jsonb, ${randomUUID()},
                coalesce(${message.notBefore?.toISOString() ?? null}::timestamptz, now()))
        returning id`,
  );
  return row!.id;
}

export interface InAppNotification {
  tenantId: string;
  userId: string;
  title: string;
  body: string;
  /** A path inside Threshold ("/contacts/…"), or null. */
  link?: string | null;
}

/** Writes an in-app notification inside the caller's transaction: it exists exactly when the change does. */
export async function notifyInApp(tx: Database, n: InAppNotification): Promise<string> {
  const link = n.link ?? null;
  if (link !== null && !/^\/(?![/\\])/.test(link)) throw new TypeError('A notification links to a path inside Threshold, starting with one "/"');
  const row = await one<{ id: string }>(
    tx,
    sql`insert into notification (tenant_id, user_id, title, body, link)
        values (${n.tenantId}, ${n.userId}, ${n.title}, ${n.body}, ${link}) returning id`,
  );
  return row!.id;
}

// ——— delivery ———

export interface OutboxRunResult {
  /** Sent by this run. */
  sent: number;
  /** Failed this time, to be tried again later. */
  retried: number;
  /** Given up on (the last attempt failed, or the provider refused the message). */
  failed: number;
  /** Found already sent at the provider (an interrupted send), and marked sent without sending again. */
  recovered: number;
}

export interface OutboxWorkerOptions {
  now?: () => Date;
  /** Attempts before a message is marked failed (default 8: about two hours of back-off). */
  maxAttempts?: number;
  /** How long a claimed message may stay "sending" before it is treated as interrupted (default 5 minutes). */
  leaseMs?: number;
  /** Messages claimed per run (default 20). */
  batchSize?: number;
  /** Ids and counts only. */
  log?: (message: string, fields: Record<string, unknown>) => void;
}

const BASE_RETRY_MS = 30_000;
const MAX_RETRY_MS = 60 * 60_000;

/** The wait before the next attempt after `attempts` failed ones: 30 s × 2^attempts, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(BASE_RETRY_MS * 2 ** Math.max(0, attempts), MAX_RETRY_MS);
}

interface ClaimedRow {
  id: string;
  tenant_id: string;
  template: string;
  recipient: string;
  personalisation: unknown;
  reference: string;
  attempts: number;
  /** The status before this claim: 'sending' means a send that was interrupted. */
  was: 'pending' | 'sending';
}

/**
 * Delivers the outbox. Each run claims due messages in a short transaction (`FOR UPDATE SKIP LOCKED`, so workers in
 * several processes share the work without waiting on or repeating each other), commits, then sends each one
 * outside any transaction and records the outcome. The outcome is recorded only if this worker still holds the
 * claim (`attempts` is the claim's token), so a worker that lost its lease never overwrites another's result.
 */
export class OutboxWorker {
  private readonly now: () => Date;
  private readonly maxAttempts: number;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly log: (message: string, fields: Record<string, unknown>) => void;
  private timer: NodeJS.Timeout | undefined;
  /** The background loop running now (between start and stop); a loop left over from before a restart ends. */
  private loop: object | undefined;
  /** stop() is waiting: runs in flight hand back what they have not sent yet. */
  private stopping = false;
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly db: Database,
    private readonly sender: EmailSender,
    options: OutboxWorkerOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.maxAttempts = options.maxAttempts ?? 8;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.batchSize = options.batchSize ?? 20;
    this.log = options.log ?? (() => {});
    if (!Number.isInteger(this.maxAttempts) || this.maxAttempts < 1) throw new RangeError('maxAttempts must be a whole number of at least 1');
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new RangeError('batchSize must be a whole number of at least 1');
    if (!(this.leaseMs > 0)) throw new RangeError('leaseMs must be more than 0');
  }

  /** Claims and delivers the messages due now. */
  runOnce(): Promise<OutboxRunResult> {
    const run = this.deliver();
    this.running.add(run);
    const forget = () => this.running.delete(run);
    run.then(forget, forget);
    return run;
  }

  /** Runs in the background every `intervalMs` (at once again while there is a full batch waiting). */
  start(intervalMs = 5_000): void {
    if (this.loop) return;
    const loop = {};
    this.loop = loop;
    const schedule = (ms: number) => {
      this.timer = setTimeout(tick, ms);
      this.timer.unref();
    };
    const tick = async () => {
      this.timer = undefined;
      if (this.loop !== loop) return;
      let full = false;
      try {
        const r = await this.runOnce();
        full = r.sent + r.retried + r.failed + r.recovered >= this.batchSize;
      } catch (err) {
        this.log('outbox run failed', { error: safeErrorMessage(err) });
      }
      if (this.loop === loop) schedule(full ? 0 : intervalMs);
    };
    schedule(0);
  }

  /**
   * Stops the background runs and waits for one in flight. A run that is stopping finishes the message it is
   * sending and hands the rest of its batch back, so shutdown does not wait for a whole batch.
   */
  async stop(): Promise<void> {
    this.loop = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.stopping = true;
    try {
      await Promise.allSettled([...this.running]);
    } finally {
      this.stopping = false;
    }
  }

  private async deliver(): Promise<OutboxRunResult> {
    const result: OutboxRunResult = { sent: 0, retried: 0, failed: 0, recovered: 0 };
    const claimed = await this.claim();
    if (claimed.length === 0) return result;
    this.log('outbox claimed messages', { count: claimed.length, interrupted: claimed.filter((r) => r.was === 'sending').length });
    for (let i = 0; i < claimed.length; i += 1) {
      if (this.stopping) {
        await this.release(claimed.slice(i));
        break;
      }
      const outcome = await this.deliverOne(claimed[i]!);
      result[outcome] += 1;
    }
    this.log('outbox run finished', { ...result });
    return result;
  }

  private async claim(): Promise<ClaimedRow[]> {
    const now = this.now();
    const leaseCutoff = new Date(now.getTime() - this.leaseMs);
    return transaction(this.db, (tx) =>
      rows<ClaimedRow>(
        tx,
        sql`with due as (
              select id, status as was from outbox_message
               where channel = 'email'
                 and ((status = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz)
                   or (status = 'sending' and claimed_at <= ${leaseCutoff.toISOString()}::timestamptz))
               order by next_attempt_at, id
               limit ${this.batchSize}
               for update skip locked)
            update outbox_message m
               set status = 'sending', claimed_at = ${now.toISOString()}::timestamptz, attempts = m.attempts + 1
              from due
             where m.id = due.id
         returning m.id, m.tenant_id, m.template, m.recipient, m.personalisation, m.reference, m.attempts, due.was`,
      ),
    );
  }

  private async deliverOne(row: ClaimedRow): Promise<keyof OutboxRunResult> {
    const ids = { id: row.id, attempt: row.attempts };
    // An interrupted send, or a retry after an error that may have come after the provider accepted the message:
    // ask the provider first, when it can be asked, so the message is never sent twice.
    const maybeSent = row.was === 'sending' || row.attempts > 1;
    if (maybeSent && this.sender.findSent) {
      let found: { providerId: string } | null;
      try {
        found = await this.sender.findSent(row.reference);
      } catch (err) {
        return this.failed(row, err, 'could not ask the provider whether an earlier attempt was sent');
      }
      if (found) {
        await this.markSent(row, found.providerId);
        this.log('outbox message found already sent at the provider; not sent again', ids);
        return 'recovered';
      }
    } else if (row.was === 'sending') {
      this.log(`outbox message was interrupted while sending; ${this.sender.name} cannot be asked whether it was sent, so it is sent again`, ids);
    }
    if (row.was === 'sending' && row.attempts > this.maxAttempts) {
      return this.failed(row, new EmailDeliveryError('Interrupted while sending too many times', { permanent: true }), 'gave up');
    }
    let message: OutgoingEmail;
    try {
      const personalisation = (typeof row.personalisation === 'string' ? JSON.parse(row.personalisation) : row.personalisation) as Record<string, string>;
      const template = row.template as TemplateName;
      message = { template, recipient: row.recipient, personalisation, reference: row.reference, ...render(template, personalisation) };
    } catch (err) {
      return this.failed(row, err instanceof TemplateError ? err : new EmailDeliveryError('The message could not be rendered', { permanent: true }), 'could not render');
    }
    let providerId: string;
    try {
      ({ providerId } = await this.sender.send(message));
    } catch (err) {
      return this.failed(row, err, 'send failed');
    }
    await this.markSent(row, providerId);
    this.log('outbox message sent', { ...ids, sender: this.sender.name });
    return 'sent';
  }

  private async markSent(row: ClaimedRow, providerId: string): Promise<void> {
    const updated = await rows(
      this.db,
      sql`update outbox_message set status = 'sent', sent_at = ${this.now().toISOString()}::timestamptz, provider_id = ${providerId}, last_error = null
           where id = ${row.id} and status = 'sending' and attempts = ${row.attempts} returning id`,
    );
    if (updated.length === 0) this.log('outbox message was claimed again by another worker before this one recorded it as sent', { id: row.id, attempt: row.attempts });
  }

  private async failed(row: ClaimedRow, err: unknown, what: string): Promise<'retried' | 'failed'> {
    const error = safeDeliveryError(err);
    const permanent = (err instanceof EmailDeliveryError && err.permanent) || err instanceof TemplateError;
    const giveUp = permanent || row.attempts >= this.maxAttempts;
    const now = this.now();
    const next = new Date(now.getTime() + retryDelayMs(row.attempts));
    const updated = await rows(
      this.db,
      giveUp
        ? sql`update outbox_message set status = 'failed', last_error = ${error}
               where id = ${row.id} and status = 'sending' and attempts = ${row.attempts} returning id`
        : sql`update outbox_message set status = 'pending', next_attempt_at = ${next.toISOString()}::timestamptz, last_error = ${error}
               where id = ${row.id} and status = 'sending' and attempts = ${row.attempts} returning id`,
    );
    if (updated.length === 0) this.log('outbox message was claimed again by another worker before this one recorded its failure', { id: row.id, attempt: row.attempts });
    this.log(giveUp ? `outbox message failed: ${what}; not tried again` : `outbox message ${what}; will be tried again`, {
      id: row.id,
      attempt: row.attempts,
      error,
      ...(giveUp ? {} : { nextAttemptAt: next.toISOString() }),
    });
    return giveUp ? 'failed' : 'retried';
  }

  /**
   * Hands claimed messages back (the worker is stopping) as if this claim had not happened. A message that had been
   * interrupted keeps its earlier attempt, so it is still checked with the provider before it is sent.
   */
  private async release(unsent: ClaimedRow[]): Promise<void> {
    const at = this.now().toISOString();
    for (const row of unsent) {
      await this.db.execute(
        sql`update outbox_message set status = 'pending', attempts = attempts - 1, claimed_at = null, next_attempt_at = ${at}::timestamptz
             where id = ${row.id} and status = 'sending' and attempts = ${row.attempts}`,
      );
    }
    this.log('outbox worker stopping: handed back unsent messages', { count: unsent.length });
  }
}
