/**
 * The public site's published reads for other features (the boards' measures): how many times each public page was
 * viewed, by page and language, and how many reports were made on the site, by month. Counts only: the page counts
 * hold no address, cookie or identifier, and the report counts nothing about who reported or whom it was about.
 * Other features read the public site's tables only through these.
 */
import { sql } from 'drizzle-orm';
import { type Database, rows } from '../../db/client.js';
import { findTopic } from './awareness-topics.js';
import { LANGUAGE_CODES, language, translator } from './i18n.js';

export interface PageUse {
  /** The page key counted ("home", "signs.children.neglect", "find-help", …). */
  page: string;
  /** The language code the page was read in (en, pl, ro, sk, ur, ar). */
  language: string;
  views: number;
}

/** Views of each public page in each language on London days from `from` up to (not including) `to`, most viewed first. */
export async function pageUse(db: Database, tenantId: string, from: string, to: string): Promise<PageUse[]> {
  return rows<PageUse>(
    db,
    sql`select page, language, sum(views)::int as views
          from public_page_count
         where tenant_id = ${tenantId} and day >= ${from}::date and day < ${to}::date
         group by page, language
         order by sum(views) desc, page, language`,
  );
}

/** The last day with any views counted in [from, to), or null (for comparing a year so far with the same days a year before). */
export async function lastDayCounted(db: Database, tenantId: string, from: string, to: string): Promise<string | null> {
  const row = await rows<{ day: string | null }>(db, sql`select max(day)::text as day from public_page_count where tenant_id = ${tenantId} and day >= ${from}::date and day < ${to}::date`);
  return row[0]?.day ?? null;
}

export interface ReportsInMonth {
  /** YYYY-MM, the London month the report was received. */
  month: string;
  /** child | adult */
  about: string;
  language: string;
  reports: number;
}

/** Reports made on the public site received (London time) on days from `from` up to (not including) `to`, by month, whom they were about and language. */
export async function reportsByMonth(db: Database, tenantId: string, from: string, to: string): Promise<ReportsInMonth[]> {
  const day = sql`((received_at at time zone 'Europe/London')::date)`;
  return rows<ReportsInMonth>(
    db,
    sql`select to_char(${day}, 'YYYY-MM') as month, about, language, count(*)::int as reports
          from public_report
         where tenant_id = ${tenantId} and ${day} >= ${from}::date and ${day} < ${to}::date
         group by 1, 2, 3
         order by 1, 2, 3`,
  );
}

/** The public pages by their page keys, named for staff (in English). */
const PAGE_NAMES: Record<string, string> = {
  home: 'Home page',
  'covering-tracks': 'Covering your tracks online',
  'find-help': 'Find help',
  campaigns: 'Campaigns',
  signs: 'Signs of abuse (all)',
  'what-happens-next': 'What happens after you report',
  'what-happens-next.easy-read': 'What happens after you report (Easy Read)',
  'report.sent': 'Report a concern: sent',
};

/** A page key's name for staff: "Signs of abuse: adults: Financial or material abuse", "Report a concern: who". */
export function pageName(page: string): string {
  const named = PAGE_NAMES[page];
  if (named) return named;
  const [head, group, slug] = page.split('.');
  if (head === 'signs' && group && slug) {
    const topic = findTopic(group, slug);
    if (topic) return `Signs of abuse: ${group === 'children' ? 'children' : 'adults'}: ${translator('en').t(topic.messages.name)}`;
  }
  if (head === 'report') return `Report a concern: ${page.slice('report.'.length).replace(/[-_.]/g, ' ')}`;
  if (head === 'error') return `Error page (${page.slice('error.'.length)})`;
  return page;
}

/** The site's languages' codes, English first, in the order the site offers them. */
export const SITE_LANGUAGES: readonly string[] = LANGUAGE_CODES;

/** A language code's English name for staff ("Polish"); the code itself when the site no longer offers it. */
export function languageName(code: string): string {
  return language(code)?.english ?? code;
}
