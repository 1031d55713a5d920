/**
 * The public site: which area it speaks for, how many people use each page (counted without personal data), and
 * (report.ts) the reports the public make, received at the front door as contacts on channel "public".
 */
import { type PublicSiteConfig } from '../../config.js';
import { type Database } from '../../db/client.js';
import { londonDate } from '../../domain/time.js';
import { type AuditTrail } from '../../platform/audit.js';
import { PageCounter } from './page-counter.js';
import * as repo from './repository.js';

export interface PublicArea {
  id: string;
  name: string;
}

export class PublicSiteService {
  readonly counter = new PageCounter();
  private area: PublicArea | null = null;

  constructor(
    readonly db: Database,
    readonly audit: AuditTrail,
    readonly config: PublicSiteConfig,
    readonly now: () => Date,
    /** The area to use when none is configured and there is more than one (the demo's borough). */
    private readonly fallbackAreaCode: string | null = null,
  ) {}

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

  /** Deletes a draft report (the reporter left with "Exit this page", or sent it). `cookie` is the draft cookie's value. */
  async discardDraft(cookie: string): Promise<void> {
    const id = cookie.split('.')[0] ?? '';
    if (/^[0-9a-f-]{36}$/.test(id)) await repo.deleteDraft(this.db, id);
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
