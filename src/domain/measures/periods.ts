/**
 * Reporting periods: calendar months, quarters and financial years (April to March, as DfE and the boards report)
 * and rolling 12 months. A period is a half-open range of London dates [start, end).
 */
import { type LocalDate, formatLocalDate, parseLocalDate } from '../time.js';
import { MONTH_NAMES, SHORT_MONTH_NAMES } from '../dates.js';

export type PeriodType = 'month' | 'quarter' | 'financial_year' | 'rolling_12_months';

export const PERIOD_TYPES: readonly { code: PeriodType; label: string }[] = [
  { code: 'month', label: 'Month' },
  { code: 'quarter', label: 'Quarter' },
  { code: 'financial_year', label: 'Financial year' },
  { code: 'rolling_12_months', label: 'Rolling 12 months' },
];

export interface Period {
  type: PeriodType;
  /** First day, inclusive. */
  start: LocalDate;
  /** Day after the last, exclusive. */
  end: LocalDate;
  /** A stable key for addresses and storage: 2026-11, FY2026-27-Q3, FY2026-27, R12-2026-11. */
  key: string;
  label: string;
}

const MONTHS = MONTH_NAMES;
const SHORT = SHORT_MONTH_NAMES;

/** The first of the month `months` after (or before) the month of `year`/`month`. */
function monthStart(year: number, month: number, months = 0): { year: number; month: number; date: LocalDate } {
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return { year: y, month: m, date: formatLocalDate(y, m, 1) };
}

/** The financial year (April–March) a date falls in, by its starting year: 2026-11-23 → 2026 (2026-27). */
export function financialYearOf(date: LocalDate): number {
  const { year, month } = parseLocalDate(date);
  return month >= 4 ? year : year - 1;
}

/** "2026-27" for the year starting April 2026. */
export function financialYearLabel(startYear: number): string {
  return `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** The period of a type that contains a date (for rolling 12 months: the 12 months ending with that date's month). */
export function periodContaining(type: PeriodType, date: LocalDate): Period {
  const { year, month } = parseLocalDate(date);
  switch (type) {
    case 'month': {
      const s = monthStart(year, month);
      return { type, start: s.date, end: monthStart(year, month, 1).date, key: s.date.slice(0, 7), label: `${MONTHS[month - 1]} ${year}` };
    }
    case 'quarter': {
      // Financial quarters: Q1 April–June … Q4 January–March.
      const fy = financialYearOf(date);
      const q = Math.floor(((month + 8) % 12) / 3) + 1;
      const first = monthStart(fy, 4, (q - 1) * 3);
      const end = monthStart(fy, 4, q * 3);
      return {
        type,
        start: first.date,
        end: end.date,
        key: `FY${financialYearLabel(fy)}-Q${q}`,
        label: `Q${q} ${financialYearLabel(fy)} (${SHORT[first.month - 1]}–${SHORT[monthStart(fy, 4, q * 3 - 1).month - 1]} ${monthStart(fy, 4, q * 3 - 1).year})`,
      };
    }
    case 'financial_year': {
      const fy = financialYearOf(date);
      return { type, start: formatLocalDate(fy, 4, 1), end: formatLocalDate(fy + 1, 4, 1), key: `FY${financialYearLabel(fy)}`, label: `${financialYearLabel(fy)} (April to March)` };
    }
    case 'rolling_12_months': {
      const last = monthStart(year, month);
      const first = monthStart(year, month, -11);
      return {
        type,
        start: first.date,
        end: monthStart(year, month, 1).date,
        key: `R12-${last.date.slice(0, 7)}`,
        label: `12 months to ${MONTHS[month - 1]} ${year}`,
      };
    }
  }
}

/** The period before (for rolling 12 months: the 12 months ending a month earlier). */
export function previousPeriod(period: Period): Period {
  const { year, month } = parseLocalDate(period.start);
  switch (period.type) {
    case 'month':
      return periodContaining('month', monthStart(year, month, -1).date);
    case 'quarter':
      return periodContaining('quarter', monthStart(year, month, -3).date);
    case 'financial_year':
      return periodContaining('financial_year', monthStart(year, month, -12).date);
    case 'rolling_12_months':
      // The window ending a month earlier (the start month's previous month + 11).
      return periodContaining('rolling_12_months', monthStart(year, month, 10).date);
  }
}

/** The `count` periods ending with `last`, oldest first. Rolling windows step a month at a time. */
export function periodsEnding(last: Period, count: number): Period[] {
  const out: Period[] = [last];
  while (out.length < count) out.unshift(previousPeriod(out[0]!));
  return out;
}

/** The months a period covers, as "YYYY-MM-01" dates (the grain facts are summed at). */
export function monthsOf(period: Period): LocalDate[] {
  const out: LocalDate[] = [];
  const { year, month } = parseLocalDate(period.start);
  for (let i = 0; ; i += 1) {
    const m = monthStart(year, month, i).date;
    if (m >= period.end) return out;
    out.push(m);
  }
}

/** Reads a period key back (from an address); undefined if it is not one. */
export function periodFromKey(key: string): Period | undefined {
  const month = (y: string, m: string) => (Number(m) >= 1 && Number(m) <= 12 ? formatLocalDate(Number(y), Number(m), 1) : undefined);
  let m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) {
    const d = month(m[1]!, m[2]!);
    return d ? periodContaining('month', d) : undefined;
  }
  m = /^FY(\d{4})-(\d{2})$/.exec(key);
  if (m) {
    const fy = Number(m[1]);
    return m[2] === financialYearLabel(fy).slice(5) ? periodContaining('financial_year', formatLocalDate(fy, 4, 1)) : undefined;
  }
  m = /^FY(\d{4})-(\d{2})-Q([1-4])$/.exec(key);
  if (m) {
    const fy = Number(m[1]);
    if (m[2] !== financialYearLabel(fy).slice(5)) return undefined;
    return periodContaining('quarter', monthStart(fy, 4, (Number(m[3]) - 1) * 3).date);
  }
  m = /^R12-(\d{4})-(\d{2})$/.exec(key);
  if (m) {
    const d = month(m[1]!, m[2]!);
    return d ? periodContaining('rolling_12_months', d) : undefined;
  }
  return undefined;
}
