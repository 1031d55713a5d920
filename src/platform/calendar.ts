/**
 * The working-day calendar, built from the bank holidays held in the database (seeded from the GOV.UK list in
 * domain/data, extended by administrators). Cached per division; reloaded after a change and every few minutes
 * so several app processes converge.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { type Database, rows } from '../db/client.js';
import { bankHoliday, timescaleSetting } from '../db/schema/index.js';
import { WorkingCalendar } from '../domain/calendar.js';
import { DEFAULT_TIMESCALES, type Timescale, type TimescaleUnit } from '../domain/timescales.js';

const CACHE_MS = 5 * 60_000;
const TIMESCALE_CACHE_MS = 30_000;

export class CalendarService {
  private cache = new Map<string, { at: number; calendar: WorkingCalendar }>();
  /** An area's timescales, read before every contact: remembered for half a minute (forgotten here at a change). */
  private timescales = new Map<string, { at: number; value: Promise<Timescale> }>();

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async forDivision(division: string): Promise<WorkingCalendar> {
    const hit = this.cache.get(division);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.calendar;
    const holidays = await this.db
      .select({ date: bankHoliday.date })
      .from(bankHoliday)
      .where(eq(bankHoliday.division, division))
      .orderBy(asc(bankHoliday.date));
    const years = await rows<{ from: number | null; to: number | null }>(
      this.db,
      sql`select min(year) as "from", max(year) as "to" from calendar_year where division = ${division}`,
    );
    const range = years[0];
    const calendar = new WorkingCalendar(
      holidays.map((h) => h.date),
      range?.from && range.to ? { coveredYears: { from: range.from, to: range.to } } : {},
    );
    this.cache.set(division, { at: Date.now(), calendar });
    return calendar;
  }

  invalidate(): void {
    this.cache.clear();
    this.timescales.clear();
  }

  /** The timescale a tenant uses: its own setting if it has one, else the default with its source. */
  timescale(tenantId: string, code: string): Promise<Timescale> {
    const key = `${tenantId}:${code}`;
    const hit = this.timescales.get(key);
    if (hit && Date.now() - hit.at < TIMESCALE_CACHE_MS) return hit.value;
    const value = this.readTimescale(tenantId, code);
    this.timescales.set(key, { at: Date.now(), value });
    value.catch(() => this.timescales.delete(key));
    return value;
  }

  private async readTimescale(tenantId: string, code: string): Promise<Timescale> {
    const base = DEFAULT_TIMESCALES.find((t) => t.code === code);
    if (!base) throw new Error(`Unknown timescale ${code}`);
    const [own] = await this.db
      .select()
      .from(timescaleSetting)
      .where(sql`${timescaleSetting.tenantId} = ${tenantId} and ${timescaleSetting.code} = ${code}`);
    return own ? { ...base, amount: own.amount, unit: own.unit as TimescaleUnit, source: own.source } : base;
  }
}
