/**
 * Administration of the working-day calendar (bank holidays by year) and of the area's timescales.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { type Database, rows, transaction } from '../../db/client.js';
import { bankHoliday, calendarYear, timescaleSetting } from '../../db/schema/index.js';
import { standardBankHolidays } from '../../domain/bank-holiday-rules.js';
import { DEFAULT_TIMESCALES, type TimescaleUnit } from '../../domain/timescales.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { type CalendarService } from '../../platform/calendar.js';
import { londonDate } from '../../domain/time.js';

type TenantActor = Actor & { tenantId: string };

export class CalendarAdminService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
    private readonly calendar: CalendarService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** This year, in London (the year the bank holidays page shows first). */
  thisYear(): number {
    return Number(londonDate(this.now()).slice(0, 4));
  }

  /** Whether the division's calendar holds next year's bank holidays yet (for the administrator's home page). */
  async nextYear(division: string): Promise<{ year: number; present: boolean }> {
    const year = Number(londonDate(this.now()).slice(0, 4)) + 1;
    const years = await this.years(division);
    return { year, present: years.some((y) => y.year === year && (y.confirmed || y.holidays.length > 0)) };
  }

  async years(division: string) {
    const holidays = await this.db.select().from(bankHoliday).where(eq(bankHoliday.division, division)).orderBy(asc(bankHoliday.date));
    const confirmed = await this.db.select().from(calendarYear).where(eq(calendarYear.division, division)).orderBy(asc(calendarYear.year));
    const byYear = new Map<number, { year: number; confirmed: boolean; holidays: typeof holidays }>();
    for (const y of confirmed) byYear.set(y.year, { year: y.year, confirmed: true, holidays: [] });
    for (const h of holidays) {
      const year = Number(h.date.slice(0, 4));
      if (!byYear.has(year)) byYear.set(year, { year, confirmed: false, holidays: [] });
      byYear.get(year)!.holidays.push(h);
    }
    return [...byYear.values()].sort((a, b) => b.year - a.year);
  }

  /** Adds a year from the standing rules and marks it confirmed. Refuses a year already present. */
  async addYearFromRules(actor: Actor, division: string, year: number): Promise<{ problem: string } | { added: number }> {
    const existing = await rows<{ n: number }>(this.db, sql`select count(*) as n from calendar_year where division = ${division} and year = ${year}`);
    if ((existing[0]?.n ?? 0) > 0) return { problem: `${year} is already in the calendar` };
    const proposed = standardBankHolidays(year);
    await transaction(this.db, async (tx) => {
      for (const h of proposed) {
        await tx
          .insert(bankHoliday)
          .values({ division, date: h.date, title: h.title, source: 'Standard rules (confirm against GOV.UK)', addedByUserId: actor.userId })
          .onConflictDoNothing();
      }
      await tx.insert(calendarYear).values({ division, year, confirmedByUserId: actor.userId });
      await this.audit.record(tx, actor, { action: 'admin.calendar_year_added', recordType: 'calendar', recordId: `${division}:${year}`, details: { dates: proposed.map((p) => p.date) } });
    });
    this.calendar.invalidate();
    return { added: proposed.length };
  }

  async addHoliday(actor: Actor, division: string, date: string, title: string): Promise<{ problem: string } | { ok: true }> {
    const [existing] = await this.db.select().from(bankHoliday).where(and(eq(bankHoliday.division, division), eq(bankHoliday.date, date)));
    if (existing) return { problem: `${date} is already a bank holiday (${existing.title})` };
    await transaction(this.db, async (tx) => {
      await tx.insert(bankHoliday).values({ division, date, title, source: 'Added by an administrator', addedByUserId: actor.userId });
      await this.audit.record(tx, actor, { action: 'admin.bank_holiday_added', recordType: 'calendar', recordId: `${division}:${date}` });
    });
    this.calendar.invalidate();
    return { ok: true };
  }

  async removeHoliday(actor: Actor, division: string, date: string): Promise<void> {
    await transaction(this.db, async (tx) => {
      await tx.delete(bankHoliday).where(and(eq(bankHoliday.division, division), eq(bankHoliday.date, date)));
      await this.audit.record(tx, actor, { action: 'admin.bank_holiday_removed', recordType: 'calendar', recordId: `${division}:${date}` });
    });
    this.calendar.invalidate();
  }

  async timescales(tenantId: string) {
    const own = await this.db.select().from(timescaleSetting).where(eq(timescaleSetting.tenantId, tenantId));
    return DEFAULT_TIMESCALES.map((d) => {
      const o = own.find((x) => x.code === d.code);
      return { ...d, defaultAmount: d.amount, defaultUnit: d.unit, amount: o?.amount ?? d.amount, unit: (o?.unit ?? d.unit) as TimescaleUnit, localSource: o?.source ?? null };
    });
  }

  async setTimescale(actor: TenantActor, code: string, amount: number, unit: TimescaleUnit, source: string): Promise<void> {
    await transaction(this.db, async (tx) => {
      await tx
        .insert(timescaleSetting)
        .values({ tenantId: actor.tenantId, code, amount, unit, source, updatedByUserId: actor.userId })
        .onConflictDoUpdate({
          target: [timescaleSetting.tenantId, timescaleSetting.code],
          set: { amount, unit, source, updatedByUserId: actor.userId, updatedAt: sql`now()` },
        });
      await this.audit.record(tx, actor, { action: 'admin.timescale_set', recordType: 'timescale', recordId: code, details: { amount, unit } });
    });
    this.calendar.invalidate();
  }
}
