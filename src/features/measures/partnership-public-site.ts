/**
 * The public website on a board's scorecard and in its annual report data pack (`PUBLIC_SITE_MEASURE`): views of
 * each public page by language over the financial year, with the year before, and the reports made on the site by
 * month. Read only through the public site's published reads (`public-site/published.ts`); the measures feature
 * does not touch its tables. Counts only: nothing here is about a person.
 */
import { type Database } from '../../db/client.js';
import { PUBLIC_SITE_MEASURE } from '../../domain/measures/partnership.js';
import { financialYearLabel, monthsOf, periodContaining } from '../../domain/measures/periods.js';
import { SITE_LANGUAGES, languageName, lastDayCounted, pageName, pageUse, reportsByMonth } from '../public-site/published.js';
import { addDays, londonDate } from '../../domain/time.js';
import { formatDate } from '../../platform/views.js';
import { formatMonth } from '../../domain/dates.js';
import { type PackTable } from './partnership-board.js';

const yearPeriod = (year: number) => periodContaining('financial_year', `${year}-04-01`);

export interface PublicSiteSummary {
  views: number;
  previousViews: number;
  /** "12,345 views (up 8% on 2025-26)" */
  text: string;
}

const number = (n: number) => n.toLocaleString('en-GB');

function changeText(views: number, previous: number, previousYear: number): string {
  if (previous <= 0) return views > 0 ? `none counted in ${financialYearLabel(previousYear)}` : 'none counted either year';
  const change = Math.round(((views - previous) / previous) * 100);
  if (change === 0) return `the same as ${financialYearLabel(previousYear)}`;
  return `${change > 0 ? 'up' : 'down'} ${Math.abs(change)}% on ${financialYearLabel(previousYear)} (${number(previous)})`;
}

/**
 * The year's views of the whole site and the change on the year before, like for like: a year still running is
 * compared with the same days a year earlier ("from 1 April to 6 December 2026: up 12% on the same days of 2025-26").
 */
export async function publicSiteSummary(db: Database, tenantId: string, year: number, today = londonDate(new Date())): Promise<PublicSiteSummary> {
  const period = yearPeriod(year);
  const running = period.start <= today && today < period.end;
  const last = running ? await lastDayCounted(db, tenantId, period.start, period.end) : null;
  const whole = !last || addDays(last, 1) >= period.end;
  const to = whole ? period.end : addDays(last, 1);
  const sum = async (from: string, until: string) => (await pageUse(db, tenantId, from, until)).reduce((a, r) => a + r.views, 0);
  const views = await sum(period.start, to);
  const previous = yearPeriod(year - 1);
  const previousViews = await sum(previous.start, whole ? previous.end : addYears(to, -1));
  const span = whole ? '' : ` from ${formatDate(period.start)} to ${formatDate(last)}`;
  const change = changeText(views, previousViews, year - 1).replace(` on ${financialYearLabel(year - 1)}`, whole ? ` on ${financialYearLabel(year - 1)}` : ` on the same days of ${financialYearLabel(year - 1)}`);
  return { views, previousViews, text: `${number(views)} page views${span}: ${change}` };
}

const addYears = (date: string, years: number) => `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`.replace(/-02-29$/, '-02-28');

/** Page views by page (rows: all pages, then each page most viewed first) and language (columns, the site's languages in order, then any others). */
export async function pageViewsTable(db: Database, tenantId: string, year: number): Promise<PackTable> {
  const period = yearPeriod(year);
  const use = await pageUse(db, tenantId, period.start, period.end);
  const codes = [...SITE_LANGUAGES, ...[...new Set(use.map((r) => r.language))].filter((c) => !SITE_LANGUAGES.includes(c)).sort()];
  const byPage = new Map<string, Map<string, number>>();
  for (const r of use) {
    const row = byPage.get(r.page) ?? new Map<string, number>();
    row.set(r.language, (row.get(r.language) ?? 0) + r.views);
    byPage.set(r.page, row);
  }
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, n) => a + n, 0);
  const pages = [...byPage.entries()].sort((a, b) => total(b[1]) - total(a[1]) || a[0].localeCompare(b[0]));
  const rowsOut: (string | number)[][] = pages.map(([page, m]) => [pageName(page), ...codes.map((c) => m.get(c) ?? 0), total(m)]);
  // The whole site first, so the scorecard's shortened table keeps it.
  if (pages.length > 1) {
    const all = codes.map((c) => pages.reduce((a, [, m]) => a + (m.get(c) ?? 0), 0));
    rowsOut.unshift(['All pages', ...all, all.reduce((a, n) => a + n, 0)]);
  }
  return {
    key: 'public_page_views',
    title: PUBLIC_SITE_MEASURE.title,
    note: PUBLIC_SITE_MEASURE.follows.text,
    head: ['Page', ...codes.map(languageName), 'All languages'],
    rows: rowsOut,
    numericFrom: 1,
  };
}

const monthLabel = (month: string) => formatMonth(month);

/** Reports made on the public site by month of the year: about a child, about an adult, in a language other than English. */
export async function publicReportsTable(db: Database, tenantId: string, year: number): Promise<PackTable> {
  const period = yearPeriod(year);
  const found = await reportsByMonth(db, tenantId, period.start, period.end);
  const months = monthsOf(period).map((m) => m.slice(0, 7));
  const count = (month: string, keep: (r: (typeof found)[number]) => boolean) => found.filter((r) => r.month === month && keep(r)).reduce((a, r) => a + r.reports, 0);
  const rowsOut: (string | number)[][] = months.map((m) => [monthLabel(m), count(m, (r) => r.about === 'child'), count(m, (r) => r.about === 'adult'), count(m, (r) => r.language !== 'en'), count(m, () => true)]);
  const sumCol = (i: number) => rowsOut.reduce((a, r) => a + Number(r[i]), 0);
  const anything = sumCol(4) > 0;
  return {
    key: 'public_reports',
    title: 'Reports made on the public website by month',
    note: 'Reports a member of the public sent from the website, by the London month they were received; each became a front-door contact on the channel “Public report (website)”. Not in English: written in one of the site’s other languages.',
    head: ['Month', 'About a child', 'About an adult', 'Not in English', 'All reports'],
    rows: anything ? [...rowsOut, ['Year', sumCol(1), sumCol(2), sumCol(3), sumCol(4)]] : [],
    numericFrom: 1,
  };
}

/** The public website's section of a board's scorecard and pack: its definition, the year's total and its tables. */
export async function publicSiteSection(db: Database, tenantId: string, year: number) {
  return {
    measure: PUBLIC_SITE_MEASURE,
    summary: await publicSiteSummary(db, tenantId, year),
    tables: [await pageViewsTable(db, tenantId, year), await publicReportsTable(db, tenantId, year)],
  };
}
