/**
 * The public site: which area it speaks for, how many people use each page (counted without personal data), and
 * (report.ts) the reports the public make, received at the front door as contacts on channel "public".
 */
import { type PublicSiteConfig } from '../../config.js';
import { type Database } from '../../db/client.js';
import { londonDate } from '../../domain/time.js';
import { type AuditTrail } from '../../platform/audit.js';
import { type IntakeService } from '../front-door/intake-service.js';
import { PageCounter } from './page-counter.js';
import { PublicReports, type ReportOptions } from './report-service.js';
import * as repo from './repository.js';

export interface PublicArea {
  id: string;
  name: string;
}

export interface PublicSiteOptions extends Partial<Pick<ReportOptions, 'minimumMsToSend' | 'publicUrl'>> {
  /** Mark the draft cookie Secure whatever the request's protocol (production). */
  secureCookies?: boolean;
}

export class PublicSiteService {
  readonly counter = new PageCounter();
  /** Reports from the public: drafts and sending (report-service.ts). */
  readonly reports: PublicReports;
  private area: PublicArea | null = null;
  private timers: NodeJS.Timeout[] = [];
  private running: Promise<unknown> | undefined;

  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly config: PublicSiteConfig,
    readonly now: () => Date,
    /** The area to use when none is configured and there is more than one (the demo's borough). */
    private readonly fallbackAreaCode: string | null = null,
    /** The front door that receives reports (absent: reports cannot be sent). */
    intake: IntakeService | null = null,
    readonly options: PublicSiteOptions = {},
  ) {
    this.reports = new PublicReports(db, audit, intake, now, {
      reportsPerSourcePerHour: config.reportsPerSourcePerHour,
      reportsPerHour: config.reportsPerHour,
      ...(options.minimumMsToSend !== undefined ? { minimumMsToSend: options.minimumMsToSend } : {}),
      ...(options.publicUrl !== undefined ? { publicUrl: options.publicUrl } : {}),
    });
  }

  /**
   * The area whose public site this is: PUBLIC_AREA, else the only area, else the demo borough. Remembered once
   * found, so pages keep answering (with what they know) when the database is briefly unreachable.
   */
  async publicArea(): Promise<PublicArea | null> {
    if (this.area) return this.area;
    const code = this.config.area || null;
    const found = code ? await repo.tenantByCode(this.db, code) : ((await repo.onlyTenant(this.db)) ?? (this.fallbackAreaCode ? await repo.tenantByCode(this.db, this.fallbackAreaCode) : undefined));
    this.area = found ?? null;
    return this.area;
  }

  /** Deletes drafts past their time (hourly). */
  deleteExpiredDrafts(): Promise<number> {
    return this.reports.deleteExpiredDrafts();
  }

  /**
   * Background work: page counts written every `flushMs`, expired drafts deleted every `draftsMs`. Failures are
   * reported to `log` (without personal data: there is none) and tried again next time.
   */
  startHousekeeping(flushMs: number, draftsMs: number, log: (message: string, fields: Record<string, unknown>) => void = () => undefined): void {
    if (this.timers.length) return;
    const run = (what: string, job: () => Promise<number>) => () => {
      if (this.running) return;
      this.running = job()
        .catch((err: unknown) => log(`public site: ${what} failed`, { err }))
        .finally(() => (this.running = undefined));
    };
    this.timers = [setInterval(run('page counts', () => this.flushPageCounts()), flushMs), setInterval(run('expired drafts', () => this.deleteExpiredDrafts()), draftsMs)];
    for (const t of this.timers) t.unref();
  }

  /** Stops the background work and writes the page counts still in memory. */
  async stopHousekeeping(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.running;
    await this.flushPageCounts();
  }

  /**
   * Deletes a draft report (the reporter left with "Exit this page", or started again). `cookie` is the draft
   * cookie's value: only a draft its key opens is deleted, so a cookie naming another reporter's draft deletes nothing.
   */
  async discardDraft(cookie: string): Promise<void> {
    const draft = await this.reports.open(cookie);
    if (draft) await repo.deleteDraft(this.db, draft.id);
  }

  /** Counts one view of a public page (in memory; written by `flushPageCounts`). */
  countView(tenantId: string, page: string, language: string): void {
    this.counter.count(tenantId, page, language, londonDate(this.now()));
  }

  /** Writes the counts kept since the last flush; on failure they are kept for the next one. */
  async flushPageCounts(): Promise<number> {
    const counts = this.counter.take();
    try {
      await repo.addPageCounts(this.db, counts);
      return counts.length;
    } catch (err) {
      this.counter.restore(counts);
      throw err;
    }
  }
}
