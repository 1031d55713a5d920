/**
 * Bulk imports of police notification files: the whole file is checked first (any problem rejects it, with a
 * report per row); an accepted file is received in one transaction in the background, so either every
 * notification becomes a contact or update, or none does. Progress is kept in memory for the progress bar.
 */
import { sql } from 'drizzle-orm';
import { type Database, asDate, one, rows, transaction } from '../../db/client.js';
import { importJob } from '../../db/schema/index.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { type RowProblem, readFile } from './bulk.js';
import { type IntakeService } from './service.js';

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
}

type UserActor = Actor & { userId: string; tenantId: string; agencyId: string };

export class ImportService {
  private readonly progress = new Map<string, number>();
  /** Imports running in this process, answered from memory (an embedded database is busy with them). */
  private readonly active = new Map<string, Omit<ImportJob, 'processedRows'> & { tenantId: string }>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
    private readonly intake: IntakeService,
    private readonly now: () => Date,
  ) {}

  /**
   * Checks a file and, when every row is good, starts importing it. Returns the job either way (a rejected file
   * is a job with its problems, so the report has an address).
   */
  async start(actor: UserActor, file: { name: string; text: string }, sourceAgencyId: string): Promise<{ id: string; status: ImportJob['status'] }> {
    const read = readFile(file.name, file.text, this.now);
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
      })
      .returning({ id: importJob.id });
    const id = job!.id;
    if (setup) return { id, status: 'rejected' };
    this.progress.set(id, 0);
    this.active.set(id, {
      id, tenantId: actor.tenantId, status: 'importing', fileName: file.name, format: read.format, totalRows: read.notifications.length,
      contactsCreated: 0, updatesAttached: 0, problems: [], problemCount: 0, createdAt: this.now(), finishedAt: null, createdByUserId: actor.userId,
    });
    const run = this.run(actor, id, context, read.notifications, sourceAgencyId).finally(() => {
      this.running.delete(run);
      this.progress.delete(id);
      this.active.delete(id);
    });
    this.running.add(run);
    return { id, status: 'importing' };
  }

  private async run(actor: UserActor, id: string, context: Awaited<ReturnType<IntakeService['context']>>, notifications: Parameters<IntakeService['receiveIn']>[3][], sourceAgencyId: string): Promise<void> {
    const source = { actor, tenantId: actor.tenantId, channel: 'bulk' as const, sourceAgencyId, createdByUserId: actor.userId, apiClientId: null };
    try {
      await transaction(this.db, async (tx) => {
        let created = 0;
        let attached = 0;
        for (const [i, n] of notifications.entries()) {
          const received = await this.intake.receiveIn(tx, context, source, n, { importJobId: id });
          if (received.outcome === 'created') created += 1;
          else attached += 1;
          if (i % 50 === 0) {
            this.progress.set(id, i);
            // Let the process answer other requests (an embedded database otherwise never yields).
            await new Promise((resolve) => setImmediate(resolve));
          }
        }
        await tx.execute(sql`update import_job set status = 'imported', contacts_created = ${created}, updates_attached = ${attached}, finished_at = ${this.now()} where id = ${id}`);
        // One event for the file, last (it holds the area's audit lock until commit); every contact and update made
        // carries the job's id, so the event accounts for each of them.
        await this.audit.record(tx, actor, { action: 'contact.imported', recordType: 'import_job', recordId: id, details: { rows: notifications.length, created, attached } });
      });
    } catch (error) {
      // Nothing from the file was saved (the transaction rolled back); say so on the job.
      await this.db.execute(
        sql`update import_job set status = 'failed', finished_at = ${this.now()},
                   problems = ${JSON.stringify({ list: [{ row: 0, field: '(file)', message: 'The import stopped with an error and nothing was saved. Try again; if it happens again, tell your administrator.' }], count: 1 })}::jsonb
             where id = ${id}`,
      );
      throw error;
    }
  }

  /** Waits for imports in progress (tests, shutdown). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  /** Marks imports left unfinished by a stopped server as failed (their transaction never committed). */
  async failInterrupted(): Promise<number> {
    const done = await rows<{ id: string }>(
      this.db,
      sql`update import_job set status = 'failed', finished_at = now() where status = 'importing' returning id`,
    );
    return done.length;
  }

  async job(tenantId: string, id: string): Promise<ImportJob | undefined> {
    const running = this.active.get(id);
    if (running) {
      if (running.tenantId !== tenantId) return undefined;
      const { tenantId: _tenant, ...job } = running;
      return { ...job, processedRows: this.progress.get(id) ?? 0 };
    }
    const row = await one<{
      id: string; status: ImportJob['status']; file_name: string; format: string; total_rows: number; contacts_created: number; updates_attached: number;
      problems: { list?: RowProblem[]; count?: number }; created_at: string; finished_at: string | null; created_by_user_id: string;
    }>(this.db, sql`select * from import_job where id = ${id} and tenant_id = ${tenantId}`);
    if (!row) return undefined;
    const processed = row.status === 'importing' ? (this.progress.get(id) ?? 0) : row.status === 'imported' ? row.total_rows : 0;
    return {
      id: row.id,
      status: row.status,
      fileName: row.file_name,
      format: row.format,
      totalRows: Number(row.total_rows),
      processedRows: processed,
      contactsCreated: Number(row.contacts_created),
      updatesAttached: Number(row.updates_attached),
      problems: row.problems.list ?? [],
      problemCount: row.problems.count ?? 0,
      createdAt: asDate(row.created_at),
      finishedAt: asDate(row.finished_at),
      createdByUserId: row.created_by_user_id,
    };
  }

  recent(tenantId: string, userId: string) {
    return rows<{ id: string; file_name: string; status: string; total_rows: number; created_at: string }>(
      this.db,
      sql`select id, file_name, status, total_rows, created_at from import_job where tenant_id = ${tenantId} and created_by_user_id = ${userId} order by created_at desc limit 10`,
    );
  }
}
