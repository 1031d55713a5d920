/**
 * How many people used each public page: counted in memory by page, language and London day, and added to
 * `public_page_count` every minute and when the server stops. No address, cookie or identifier is kept, so no
 * consent is needed; a count lost in a crash is a minute's views, never a report.
 */
export interface PageCount {
  tenantId: string;
  page: string;
  language: string;
  day: string;
  views: number;
}

export class PageCounter {
  private counts = new Map<string, PageCount>();

  count(tenantId: string, page: string, language: string, day: string): void {
    const key = `${tenantId}\u0000${page}\u0000${language}\u0000${day}`;
    const c = this.counts.get(key);
    if (c) c.views += 1;
    else this.counts.set(key, { tenantId, page, language, day, views: 1 });
  }

  /** Takes what has been counted since the last take (to be written; put back with `restore` if writing fails). */
  take(): PageCount[] {
    const out = [...this.counts.values()];
    this.counts = new Map();
    return out;
  }

  restore(counts: readonly PageCount[]): void {
    for (const c of counts) {
      const key = `${c.tenantId}\u0000${c.page}\u0000${c.language}\u0000${c.day}`;
      const have = this.counts.get(key);
      if (have) have.views += c.views;
      else this.counts.set(key, { ...c });
    }
  }

  get pending(): number {
    return this.counts.size;
  }
}
