/**
 * The calendar's administration pages, pure: timescales grouped by the area of work they belong to (one sub-page
 * each), and the bank holiday years a page can show (one year at a time).
 */

export interface TimescaleArea {
  /** In the address: `/admin/timescales?area=front-door`. */
  slug: string;
  name: string;
  /** The timescale codes' first part (`contact` in `contact.decision.child`). */
  prefixes: readonly string[];
}

/** The areas of work, in the order of the sub-navigation. A timescale whose prefix is in none falls under "Other". */
export const TIMESCALE_AREAS: readonly TimescaleArea[] = [
  { slug: 'front-door', name: 'Front door', prefixes: ['contact', 'info_request', 'adult_contribution'] },
  { slug: 'early-help', name: 'Early help', prefixes: ['early_help'] },
  { slug: 'children', name: 'Children’s social care', prefixes: ['assessment', 'strategy_discussion', 'conference', 'core_group', 'cp_visit', 'cin_plan'] },
  { slug: 'education', name: 'Education and allegations', prefixes: ['cme', 'lado'] },
  { slug: 'partnership', name: 'Partnership', prefixes: ['partnership_action', 'training', 'review'] },
];

const OTHER: TimescaleArea = { slug: 'other', name: 'Other', prefixes: [] };

/** The area a timescale belongs to, from its code. */
export function timescaleArea(code: string): TimescaleArea {
  const prefix = code.split('.')[0] ?? '';
  return TIMESCALE_AREAS.find((a) => a.prefixes.includes(prefix)) ?? OTHER;
}

/** The areas that hold at least one of these timescales, in order ("Other" last, only when needed). */
export function timescaleAreas(codes: readonly string[]): TimescaleArea[] {
  const used = new Set(codes.map((c) => timescaleArea(c).slug));
  return [...TIMESCALE_AREAS, OTHER].filter((a) => used.has(a.slug));
}

/** The area a page asks for (`?area=`), read strictly: anything not one of `areas` is the first. */
export function chosenArea(areas: readonly TimescaleArea[], asked: unknown): TimescaleArea | undefined {
  return areas.find((a) => a.slug === asked) ?? areas[0];
}

/**
 * The year a bank holidays page shows: `?year=` when it is exactly four digits naming a year in the calendar;
 * otherwise this year when the calendar holds it, else the latest year it holds (undefined for an empty calendar).
 */
export function chosenYear(years: readonly number[], asked: unknown, thisYear: number): number | undefined {
  if (typeof asked === 'string' && /^\d{4}$/.test(asked) && years.includes(Number(asked))) return Number(asked);
  if (years.includes(thisYear)) return thisYear;
  return years.length ? Math.max(...years) : undefined;
}

/** Links to the years before and after `year` in the calendar (GOV.UK pagination, previous and next). */
export function yearPagination(years: readonly number[], year: number, href: (year: number) => string) {
  const sorted = [...years].sort((a, b) => a - b);
  const at = sorted.indexOf(year);
  const before = at > 0 ? sorted[at - 1] : undefined;
  const after = at >= 0 && at < sorted.length - 1 ? sorted[at + 1] : undefined;
  if (before === undefined && after === undefined) return null;
  return {
    ...(before !== undefined ? { previous: { href: href(before), labelText: String(before) } } : {}),
    ...(after !== undefined ? { next: { href: href(after), labelText: String(after) } } : {}),
  };
}
