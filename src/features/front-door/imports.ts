/**
 * Bulk imports of police notification files. The whole file is checked first: any problem rejects it, with a
 * report per row, and nothing is saved. An accepted file is kept on its job and imported in chunks: each chunk is
 * one transaction that makes its contacts and updates, moves the job's progress on and writes one audit event for
 * its rows, so the area's audit chain and (on PGlite) the database are free between chunks and the rest of the
 * service answers while a file imports. Every contact and update carries its job and row, unique together, so a
 * chunk run again never makes a row twice; an import interrupted by a stop or a crash resumes where it stopped.
 * One process imports a job at a time: it claims the job with a lease that each chunk renews.
 */
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { type Database, asDate, one, rows, transaction } from '../../db/client.js';
import { importJob } from '../../db/schema/index.js';
import { incidentWindowHours } from '../../domain/intake.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { type RowProblem, readFile } from './bulk.js';
import { ChunkWriter } from './intake-repository.js';
import { type IntakeContext, type IntakeService, type IntakeSource, incidentFacts } from './intake-service.js';
import { type Notification } from './notification-schema.js';

export interface ImportJob {
  id: string;
  status: 'importing' | 'imported' | 'rejected' | 'failed';
  fileName: string;
  format: string;
  totalRows: number;
  processedRows: number;
  contactsCreated: number;
  updatesAttached: number;
  problems: RowProblem[];
  problemCount: number;
  createdAt: Date;
  finishedAt: Date | null;
  createdByUserId: string;
  /** A failed import that can carry on from where it stopped (its checked file is still kept). */
  resumable: boolean;
}

type UserActor = Actor & { userId: string; tenantId: string; agencyId: string };

export interface ImportOptions {
  /** Notifications per chunk (one transaction and one audit event each). Default 500; 100 on PGlite. */
  chunkRows?: number;
  /** How long a claim on a job holds unless a chunk renews it. Default 120 s. */
  leaseSeconds?: number;
  /** Called after each chunk has committed and before the next starts (tests pause an import here). */
  afterChunk?: (job: { id: string; rowsDone: number; totalRows: number }) => Promise<void>;
}

/** What a chunk needs that is read once per run: the checked notifications, and the area's set-up. */
interface Prepared {
  notifications: Notification[];
  context: IntakeContext;
  source: IntakeSource;
}

interface JobRow {
  id: string;
  tenant_id: string;
  status: ImportJob['status'];
  file_name: string;
  total_rows: number;
  rows_done: number;
  created_by_user_id: string;
  source_agency_id: string | null;
  actor: { agencyId?: string | null; roles?: string[]; requestId?: string | null } | null;
  checked_at: string | null;
}

type Step = { next: 'more' | 'done'; rowsDone: number } | { next: 'lost' };

const FAILED_BEFORE_CHUNKS = 'The import stopped with an error and nothing was saved. Try again; if it happens again, tell your administrator.';

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === '23505') return true;
  }
  return false;
}

/** The notifications of a file as it was checked (the same clock, so the same defaults). */
function checkedNotifications(fileName: string, text: string, checkedAt: Date): Notification[] | null {
  const read = readFile(fileName, text, () => checkedAt);
  return read.ok ? read.notifications : null;
}

export class ImportService {
  /** This process's name on the jobs it claims. */
  private readonly me = randomUUID();
  private readonly running = new Map<string, Promise<void>>();
  private readonly embedded: boolean;
  private readonly chunkRows: number;
  private readonly leaseSeconds: number;
  private stopping = false;
  private sweep: NodeJS.Timeout | undefined;
  private log: (message: string, fields: Record<string, unknown>) => void = () => undefined;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
    private readonly intake: IntakeService,
    private readonly now: () => Date,
    private readonly options: ImportOptions = {},
  ) {
    // An embedded database has one connection: while a chunk runs, nothing else can query it.
    this.embedded = (db as unknown as { $client?: unknown }).$client instanceof PGlite;
    this.chunkRows = Math.max(1, options.chunkRows ?? (this.embedded ? 100 : 500));
    this.leaseSeconds = options.leaseSeconds ?? 120;
  }

  /**
   * Checks a file and, when every row is good, keeps it on a job and starts importing it. Returns the job either
   * way (a rejected file is a job with its problems, so the report has an address).
   */
  async start(actor: UserActor, file: { name: string; text: string }, sourceAgencyId: string): Promise<{ id: string; status: ImportJob['status'] }> {
    const checkedAt = this.now();
    const read = readFile(file.name, file.text, () => checkedAt);
    if (!read.ok) {
      const id = await transaction(this.db, async (tx) => {
        const [job] = await tx
          .insert(importJob)
          .values({ tenantId: actor.tenantId, createdByUserId: actor.userId, fileName: file.name, format: read.format, status: 'rejected', totalRows: read.rows, problems: { list: read.problems, count: read.problemCount }, finishedAt: this.now() })
          .returning({ id: importJob.id });
        await this.audit.record(tx, actor, { action: 'contact.import_rejected', recordType: 'import_job', recordId: job!.id, details: { rows: read.rows, problems: read.problemCount } });
        return job!.id;
      });
      return { id, status: 'rejected' };
    }
    const context = await this.intake.context(actor.tenantId);
    const setup = [...new Set(read.notifications.map((n) => n.contactType))].map((type) => this.intake.setupProblem(context, type)).find(Boolean);
    const [job] = await this.db
      .insert(importJob)
      .values({
        tenantId: actor.tenantId,
        createdByUserId: actor.userId,
        fileName: file.name,
        format: read.format,
        status: setup ? 'rejected' : 'importing',
        totalRows: read.notifications.length,
        problems: setup ? { list: [{ row: 1, field: '(file)', message: setup }], count: 1 } : { list: [], count: 0 },
        finishedAt: setup ? this.now() : null,
        sourceAgencyId,
        actor: { agencyId: actor.agencyId, roles: [...actor.roles], requestId: actor.requestId },
        fileText: setup ? null : file.text,
        checkedAt,
        claimedBy: setup ? null : this.me,
        leaseUntil: setup ? null : sql`now() + make_interval(secs => ${this.leaseSeconds})`,
      })
      .returning({ id: importJob.id });
    const id = job!.id;
    if (setup) return { id, status: 'rejected' };
    this.launch(id, { notifications: read.notifications, context, source: this.sourceOf(actor, sourceAgencyId) });
    return { id, status: 'importing' };
  }

  private sourceOf(actor: Actor & { tenantId: string; userId: string }, sourceAgencyId: string | null): IntakeSource {
    return { actor, tenantId: actor.tenantId, channel: 'bulk', sourceAgencyId, createdByUserId: actor.userId, apiClientId: null };
  }

  /** Runs a job this process has claimed, unless it is already running here. */
  private launch(id: string, prepared?: Prepared): void {
    if (this.running.has(id)) return;
    const run = this.run(id, prepared).finally(() => this.running.delete(id));
    this.running.set(id, run);
  }

  private async run(id: string, prepared?: Prepared): Promise<void> {
    try {
      const job = await one<JobRow>(
        this.db,
        sql`select id, tenant_id, status, file_name, total_rows, rows_done, created_by_user_id, source_agency_id, actor, checked_at
              from import_job where id = ${id} and claimed_by = ${this.me}`,
      );
      if (!job || job.status !== 'importing') return;
      const ready = prepared ?? (await this.prepare(job));
      if (!ready) return;
      for (let failures = 0; ; ) {
        if (this.stopping) {
          await this.release(id);
          return;
        }
        const started = performance.now();
        let step: Step;
        try {
          step = await this.chunk(id, ready);
          failures = 0;
        } catch (error) {
          // A notification about the same incident, received through the API at the same moment, took the police
          // reference first: the chunk saved nothing, and run again it attaches to that incident.
          if (isUniqueViolation(error) && ++failures < 3) continue;
          throw error;
        }
        if (step.next !== 'more') return;
        await this.options.afterChunk?.({ id, rowsDone: step.rowsDone, totalRows: ready.notifications.length });
        await this.yieldToOthers(performance.now() - started);
      }
    } catch (error) {
      this.log('a police file import stopped with an error', { importJobId: id, error: error instanceof Error ? error.name : 'error' });
      await this.fail(id).catch(() => undefined);
    }
  }

  /** The checked file read again (after a restart, or in another process), or null when the job cannot go on. */
  private async prepare(job: JobRow): Promise<Prepared | null> {
    const file = await one<{ file_text: string | null }>(this.db, sql`select file_text from import_job where id = ${job.id}`);
    const notifications = file?.file_text && job.checked_at ? checkedNotifications(job.file_name, file.file_text, asDate(job.checked_at)) : null;
    if (!notifications || notifications.length !== Number(job.total_rows)) {
      await this.fail(job.id);
      return null;
    }
    const actor = { userId: job.created_by_user_id, tenantId: job.tenant_id, agencyId: job.actor?.agencyId ?? null, roles: job.actor?.roles ?? [], requestId: job.actor?.requestId ?? null };
    return { notifications, context: await this.intake.context(job.tenant_id), source: this.sourceOf(actor, job.source_agency_id) };
  }

  /**
   * One chunk in one transaction: renew the claim (and lock the job's row), make the next rows' contacts and
   * updates, move the progress on, and audit the rows; the last chunk also finishes the job. Rows already made
   * (a chunk run again) are skipped.
   */
  private chunk(id: string, ready: Prepared): Promise<Step> {
    return transaction(this.db, async (tx) => {
      const job = await one<{ rows_done: number; total_rows: number }>(
        tx,
        sql`update import_job set lease_until = now() + make_interval(secs => ${this.leaseSeconds})
             where id = ${id} and status = 'importing' and claimed_by = ${this.me} returning rows_done, total_rows`,
      );
      if (!job) return { next: 'lost' };
      const total = Number(job.total_rows);
      const first = Number(job.rows_done) + 1;
      const last = Math.min(total, first + this.chunkRows - 1);
      let created = 0;
      let attached = 0;
      let skipped = 0;
      if (first <= last) {
        const made = new Set(
          (
            await rows<{ import_row: number }>(
              tx,
              sql`select import_row from contact where import_job_id = ${id} and import_row between ${first} and ${last}
                  union all
                  select import_row from contact_update where import_job_id = ${id} and import_row between ${first} and ${last}`,
            )
          ).map((r) => Number(r.import_row)),
        );
        // The chunk's writes are buffered and made in a few multi-row statements, after one read of the incidents
        // its notifications could match.
        const writer = new ChunkWriter(tx);
        const todo = [];
        for (let row = first; row <= last; row += 1) {
          if (made.has(row)) skipped += 1;
          else todo.push(row);
        }
        const facts = todo.map((row) => incidentFacts(ready.notifications[row - 1]!)).filter((f) => f.matchable);
        await writer.prefetch(ready.source.tenantId, facts, incidentWindowHours(ready.context.rules));
        let since = performance.now();
        for (const row of todo) {
          const received = await this.intake.receiveIn(tx, ready.context, ready.source, ready.notifications[row - 1]!, { importJobId: id, importRow: row, store: writer });
          if (received.outcome === 'created') created += 1;
          else attached += 1;
          // Buffered rows need no I/O, so the loop would hold the event loop for the whole chunk: let requests in.
          if (performance.now() - since > 3) {
            await new Promise((resolve) => setImmediate(resolve));
            since = performance.now();
          }
        }
        await writer.flushAndPublish();
        await tx.execute(
          sql`update import_job set rows_done = ${last}, contacts_created = contacts_created + ${created}, updates_attached = updates_attached + ${attached} where id = ${id}`,
        );
      }
      const finished = last >= total;
      let counted: { created: number; attached: number } | undefined;
      if (finished) {
        // The counts from the rows themselves (exact, whichever process made them), and the file is no longer kept.
        counted = (await one<{ created: number; attached: number }>(
          tx,
          sql`select (select count(*)::int from contact where import_job_id = ${id}) as created, (select count(*)::int from contact_update where import_job_id = ${id}) as attached`,
        ))!;
        await tx.execute(
          sql`update import_job set status = 'imported', contacts_created = ${counted.created}, updates_attached = ${counted.attached}, finished_at = ${this.now()},
                     file_text = null, claimed_by = null, lease_until = null
               where id = ${id}`,
        );
      }
      // Last: the audit events take the area's audit-chain lock until this chunk commits.
      if (first <= last) {
        await this.audit.record(tx, ready.source.actor, { action: 'contact.import_chunk', recordType: 'import_job', recordId: id, details: { firstRow: first, lastRow: last, created, attached, ...(skipped ? { skipped } : {}) } });
      }
      if (counted) {
        await this.audit.record(tx, ready.source.actor, { action: 'contact.imported', recordType: 'import_job', recordId: id, details: { rows: total, created: Number(counted.created), attached: Number(counted.attached) } });
      }
      return { next: finished ? 'done' : 'more', rowsDone: Math.max(last, first - 1) };
    });
  }

  /**
   * Between chunks: let other work run. On PostgreSQL other requests have their own connections, so a turn of the
   * event loop is enough. PGlite serves one query at a time in arrival order, so a page needing a dozen queries in
   * turn would get one per chunk: the import pauses for a quarter of the chunk's time (10–200 ms) instead.
   */
  private async yieldToOthers(chunkMs: number): Promise<void> {
    if (!this.embedded) {
      await new Promise((resolve) => setImmediate(resolve));
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(200, Math.max(10, chunkMs / 4))));
  }

  /** Says on the job how far it got; the rows imported stay, and resuming carries on after them. */
  private async fail(id: string): Promise<void> {
    const job = await one<{ rows_done: number; total_rows: number; resumable: boolean }>(
      this.db,
      sql`select rows_done, total_rows, file_text is not null and checked_at is not null as resumable from import_job where id = ${id}`,
    );
    const done = Number(job?.rows_done ?? 0);
    const message =
      done === 0 && !job?.resumable
        ? FAILED_BEFORE_CHUNKS
        : `The import stopped after ${done.toLocaleString('en-GB')} of ${Number(job?.total_rows ?? 0).toLocaleString('en-GB')} notifications. Those are saved. ${job?.resumable ? 'Resuming is safe: it carries on with the next notification and never imports one twice.' : 'Upload the rest of the file again.'}`;
    await this.db.execute(
      sql`update import_job set status = 'failed', finished_at = ${this.now()}, claimed_by = null, lease_until = null,
                 problems = ${JSON.stringify({ list: [{ row: done + 1, field: '(file)', message }], count: 1 })}::jsonb
           where id = ${id} and status = 'importing' and (claimed_by = ${this.me} or claimed_by is null)`,
    );
  }

  /** Gives a job back (a stop between chunks): the next start, or another process, carries on at once. */
  private async release(id: string): Promise<void> {
    await this.db.execute(sql`update import_job set claimed_by = null, lease_until = null where id = ${id} and claimed_by = ${this.me}`);
  }

  /**
   * Claims and resumes imports left unfinished: by a stopped or crashed process (its lease has run out), or, with
   * `all`, every unfinished import (an embedded database belongs to this process alone). Jobs from before imports
   * were chunked (no file kept) are marked failed: their one transaction never committed, so nothing was saved.
   */
  async resumeInterrupted(options: { all?: boolean } = {}): Promise<number> {
    await this.db.execute(
      sql`update import_job set status = 'failed', finished_at = now(), problems = ${JSON.stringify({ list: [{ row: 0, field: '(file)', message: FAILED_BEFORE_CHUNKS }], count: 1 })}::jsonb
           where status = 'importing' and file_text is null`,
    );
    const claimed = await rows<{ id: string }>(
      this.db,
      sql`update import_job set claimed_by = ${this.me}, lease_until = now() + make_interval(secs => ${this.leaseSeconds})
           where status = 'importing' and file_text is not null
             and (${options.all ?? false} or claimed_by is null or lease_until is null or lease_until < now())
         returning id`,
    );
    for (const { id } of claimed) this.launch(id);
    return claimed.length;
  }

  /** Resumes interrupted imports now and then (another process's, should it stop without finishing). */
  startResuming(intervalMs: number, log?: (message: string, fields: Record<string, unknown>) => void): void {
    if (log) this.log = log;
    this.sweep = setInterval(() => {
      void this.resumeInterrupted().then(
        (n) => n && this.log('resumed interrupted police file imports', { resumed: n }),
        () => undefined,
      );
    }, intervalMs);
    this.sweep.unref();
  }

  /** The uploader carries on a failed import from where it stopped. */
  async resume(actor: UserActor, id: string): Promise<boolean> {
    const resumed = await transaction(this.db, async (tx) => {
      const job = await one<{ rows_done: number }>(
        tx,
        sql`update import_job set status = 'importing', finished_at = null, problems = ${JSON.stringify({ list: [], count: 0 })}::jsonb,
                   claimed_by = ${this.me}, lease_until = now() + make_interval(secs => ${this.leaseSeconds})
             where id = ${id} and tenant_id = ${actor.tenantId} and status = 'failed' and file_text is not null and checked_at is not null
         returning rows_done`,
      );
      if (!job) return false;
      await this.audit.record(tx, actor, { action: 'contact.import_resumed', recordType: 'import_job', recordId: id, details: { fromRow: Number(job.rows_done) + 1 } });
      return true;
    });
    if (resumed) this.launch(id);
    return resumed;
  }

  /** Waits for imports in progress in this process (tests, benchmarks). */
  async settle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running.values()]);
  }

  /** Stops between chunks and gives the jobs back, for a quick shutdown; the next start resumes them. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.sweep) clearInterval(this.sweep);
    await this.settle();
  }

  async job(tenantId: string, id: string): Promise<ImportJob | undefined> {
    const row = await one<{
      id: string; status: ImportJob['status']; file_name: string; format: string; total_rows: number; rows_done: number; contacts_created: number; updates_attached: number;
      problems: { list?: RowProblem[]; count?: number }; created_at: string; finished_at: string | null; created_by_user_id: string; resumable: boolean;
    }>(
      this.db,
      sql`select id, status, file_name, format, total_rows, rows_done, contacts_created, updates_attached, problems, created_at, finished_at, created_by_user_id,
                 status = 'failed' and file_text is not null and checked_at is not null as resumable
            from import_job where id = ${id} and tenant_id = ${tenantId}`,
    );
    if (!row) return undefined;
    return {
      id: row.id,
      status: row.status,
      fileName: row.file_name,
      format: row.format,
      totalRows: Number(row.total_rows),
      processedRows: row.status === 'imported' ? Number(row.total_rows) : Number(row.rows_done),
      contactsCreated: Number(row.contacts_created),
      updatesAttached: Number(row.updates_attached),
      problems: row.problems.list ?? [],
      problemCount: row.problems.count ?? 0,
      createdAt: asDate(row.created_at),
      finishedAt: asDate(row.finished_at),
      createdByUserId: row.created_by_user_id,
      resumable: row.resumable,
    };
  }

  recent(tenantId: string, userId: string) {
    return rows<{ id: string; file_name: string; status: string; total_rows: number; created_at: string }>(
      this.db,
      sql`select id, file_name, status, total_rows, created_at from import_job where tenant_id = ${tenantId} and created_by_user_id = ${userId} order by created_at desc limit 10`,
    );
  }
}
