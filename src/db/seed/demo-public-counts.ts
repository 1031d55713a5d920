/**
 * Demo page counts for Fernmoor's public site (issue 18 §6): a year of daily views per page and language up to
 * `now`, at a borough site's volumes — about 40 to 150 views a day in all (fewer at weekends, rising through the year
 * as the children's board's site did, whose visits grew 65% in 2017/18), most in English and a few per cent each in
 * Polish, Romanian, Slovak, Urdu and Arabic; the home page, Find help and the report form read most; and peaks in the
 * campaign weeks: Safer Internet Day (the second Tuesday of February: online abuse), Safeguarding Adults Week (the
 * third full week of November: the adults' pages) and 16 Days of Action (25 November to 10 December: domestic abuse
 * and Find help).
 *
 * Counts only, as the site keeps them (no one is behind a count). Deterministic (a seeded generator), written in one
 * statement from a JSON document (a few thousand rows in well under a second).
 */
import { sql } from 'drizzle-orm';
import { type Database } from '../client.js';
import { addDays, dayOfWeek, formatLocalDate, londonDate, parseLocalDate } from '../../domain/time.js';
import { Random } from './random.js';

export interface PublicCountsSeedInput {
  tenantId: string;
  now: Date;
  log: (message: string) => void;
}

const SEED = 18_06;

/** Each page's share of a day's views (they need not sum to one: the day's total is spread by weight). */
const PAGES: readonly (readonly [string, number])[] = [
  ['home', 30],
  ['find-help', 14],
  ['report.start', 9],
  ['report.sent', 1.2],
  ['signs', 7],
  ['what-happens-next', 3.5],
  ['what-happens-next.easy-read', 0.8],
  ['campaigns', 3],
  ['covering-tracks', 3],
  ['signs.children.physical', 1.6],
  ['signs.children.emotional', 1.2],
  ['signs.children.sexual', 1.4],
  ['signs.children.neglect', 2],
  ['signs.children.sexual-exploitation', 1.2],
  ['signs.children.criminal-exploitation', 1],
  ['signs.children.fgm', 0.5],
  ['signs.children.online', 1.3],
  ['signs.children.domestic-abuse', 1.5],
  ['signs.children.radicalisation', 0.5],
  ['signs.adults.physical', 0.9],
  ['signs.adults.domestic-abuse', 2.2],
  ['signs.adults.sexual', 0.6],
  ['signs.adults.psychological', 0.8],
  ['signs.adults.financial', 1.2],
  ['signs.adults.modern-slavery', 0.6],
  ['signs.adults.discriminatory', 0.3],
  ['signs.adults.organisational', 0.4],
  ['signs.adults.neglect', 1],
  ['signs.adults.self-neglect', 0.8],
];

/** The languages' shares of views: most in English, a few per cent in each of the borough's community languages. */
const LANGUAGE_SHARES: readonly (readonly [string, number])[] = [
  ['en', 0.875],
  ['pl', 0.035],
  ['ro', 0.03],
  ['sk', 0.015],
  ['ur', 0.025],
  ['ar', 0.02],
];

/** The second Tuesday of February of a year. */
function saferInternetDay(year: number): string {
  const first = formatLocalDate(year, 2, 1);
  const toTuesday = (2 - dayOfWeek(first) + 7) % 7;
  return addDays(first, toTuesday + 7);
}

/** Safeguarding Adults Week: Monday to Sunday of the third full week of November. */
function safeguardingAdultsWeek(year: number): [string, string] {
  const first = formatLocalDate(year, 11, 1);
  const toMonday = (1 - dayOfWeek(first) + 7) % 7;
  const start = addDays(first, toMonday + 14);
  return [start, addDays(start, 6)];
}

/** How much busier a day is, overall and on particular pages, in a campaign. */
function campaignBoost(day: string): { all: number; pages: (page: string) => number } {
  const { year, month } = parseLocalDate(day);
  const [sawFrom, sawTo] = safeguardingAdultsWeek(year);
  const sixteenDays = (month === 11 && day >= formatLocalDate(year, 11, 25)) || (month === 12 && day <= formatLocalDate(year, 12, 10));
  if (day >= sawFrom && day <= sawTo) return { all: 1.7, pages: (p) => (p.startsWith('signs.adults.') || p === 'signs' ? 3 : p === 'campaigns' ? 4 : 1) };
  if (sixteenDays) return { all: 1.45, pages: (p) => (p.endsWith('domestic-abuse') ? 3.5 : p === 'find-help' || p === 'covering-tracks' ? 1.8 : p === 'campaigns' ? 3 : 1) };
  if (day === saferInternetDay(year)) return { all: 1.4, pages: (p) => (p === 'signs.children.online' ? 8 : p === 'campaigns' ? 3 : 1) };
  return { all: 1, pages: () => 1 };
}

/** Writes a year of daily page counts up to yesterday (London) for the area. Returns the rows and views written. */
export async function seedPublicCountsDemo(db: Database, input: PublicCountsSeedInput): Promise<{ rows: number; views: number }> {
  const rng = new Random(SEED);
  const today = londonDate(input.now);
  const first = addDays(today, -365);
  const out: { page: string; language: string; day: string; views: number }[] = [];
  let views = 0;
  for (let i = 0; i < 365; i += 1) {
    const day = addDays(first, i);
    const weekend = dayOfWeek(day) === 0 || dayOfWeek(day) === 6;
    // About 55 a day a year ago rising to about 90 now (the board's site grew 65% in a year), fewer at weekends.
    const trend = 55 + (35 * i) / 364;
    const boost = campaignBoost(day);
    const total = Math.min(150, Math.max(40, trend * (weekend ? 0.72 : 1.08) * boost.all * (0.85 + rng.next() * 0.3)));
    // A campaign shifts the day's views towards its pages (the day's total stays within the site's range).
    const dayWeight = PAGES.reduce((a, [page, w]) => a + w * boost.pages(page), 0);
    for (const [page, weight] of PAGES) {
      const forPage = (total * weight * boost.pages(page)) / dayWeight;
      for (const [language, share] of LANGUAGE_SHARES) {
        const expected = forPage * share;
        // A whole number of views with the right average: the whole part, and one more with the chance of the rest.
        const n = Math.floor(expected) + (rng.next() < expected - Math.floor(expected) ? 1 : 0);
        if (n <= 0) continue;
        out.push({ page, language, day, views: n });
        views += n;
      }
    }
  }
  await db.execute(sql`insert into public_page_count (tenant_id, page, language, day, views)
    select ${input.tenantId}::uuid, x.page, x.language, x.day, x.views
      from json_to_recordset(${JSON.stringify(out)}::json) as x(page text, language text, day date, views int)
    on conflict (tenant_id, page, language, day) do update set views = excluded.views`);
  input.log(`public site page counts: ${out.length} rows, ${views} views over 365 days`);
  return { rows: out.length, views };
}
