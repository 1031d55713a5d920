/**
 * The directory and the campaigns as pages show them: the business unit's rows (out of date or not, when last
 * checked and by whom), and for the public "Find help" page the filter read from its address (unknown codes
 * ignored, the search words bounded), which services match it and in what order, and each service's ways in.
 *
 * Order on the public page, kept simple so it can be explained in one sentence: services that meet more of the
 * needs chosen come first; then local services (those for the part of the borough chosen before the whole
 * borough's) before national ones; then by name.
 */
import { type Code, isCode, labelOf } from '../../domain/codes.js';
import { CAMPAIGN_BOARDS, HELP_AGES, HELP_AREAS, HELP_NEEDS, campaignState, isStale } from '../../domain/public-content.js';
import { containsControlCharacters } from '../../domain/text.js';
import { formatDate } from '../../platform/views.js';
import { publicContentPath } from './paths.js';
import { type CampaignRow, type HelpServiceRow } from './repository.js';

// ——— the business unit's pages ———

export function serviceRow(s: HelpServiceRow, today: string) {
  return {
    id: s.id,
    href: publicContentPath('service', { id: s.id }),
    name: s.name,
    needs: s.needs.map((n) => labelOf(HELP_NEEDS, n)).join(', '),
    areas: s.areas.map((a) => labelOf(HELP_AREAS, a)).join(', '),
    lastChecked: formatDate(s.last_checked_on),
    stale: !s.archived_at && isStale(s.last_checked_on, today),
    archived: Boolean(s.archived_at),
  };
}

/** The entry's details as a summary list's rows. */
export function serviceSummary(s: HelpServiceRow, today: string) {
  const row = (key: string, value: string | null) => ({ key: { text: key }, value: { text: value === null || value === '' ? 'Not given' : value } });
  return [
    row('What it offers', s.summary),
    row('Kinds of help', s.needs.map((n) => labelOf(HELP_NEEDS, n)).join(', ')),
    row('Who it is for', s.ages.map((a) => labelOf(HELP_AGES, a)).join(', ')),
    row('Where', s.areas.map((a) => labelOf(HELP_AREAS, a)).join(', ')),
    row('Phone', s.phone),
    row('Number to text', s.text_number),
    row('Email', s.email),
    row('Website', s.website),
    row('When it is open', s.open_24_hours ? `Open 24 hours${s.opening_hours ? ` (${s.opening_hours})` : ''}` : s.opening_hours),
    row('Languages', s.languages),
    row('Last checked', `${formatDate(s.last_checked_on)}${s.last_checked_by ? ` by ${s.last_checked_by}` : ''}${!s.archived_at && isStale(s.last_checked_on, today) ? ' (out of date)' : ''}`),
  ];
}

export function campaignRow(c: CampaignRow, today: string) {
  const state = campaignState({ startsOn: c.starts_on, endsOn: c.ends_on }, today);
  return {
    id: c.id,
    href: publicContentPath('editCampaign', { id: c.id }),
    title: c.title,
    board: labelOf(CAMPAIGN_BOARDS, c.board),
    dates: `${formatDate(c.starts_on)} to ${formatDate(c.ends_on)}`,
    pageKey: c.page_key ?? 'None',
    tag: c.archived_at
      ? { text: 'Archived', classes: 'govuk-tag--grey' }
      : state === 'live'
        ? { text: 'Live', classes: 'govuk-tag--green' }
        : state === 'upcoming'
          ? { text: 'Upcoming', classes: 'govuk-tag--blue' }
          : { text: 'Ended', classes: 'govuk-tag--grey' },
  };
}

/** The banner after a change. */
export function doneMessage(done: string): string | null {
  const messages: Record<string, string> = {
    added: 'The entry has been added to Find help',
    changed: 'The entry has been changed',
    checked: 'The entry has been marked as checked today',
    archived: 'The entry has been archived: the public no longer sees it',
    restored: 'The entry has been restored: the public sees it again',
    campaign: 'The campaign has been saved',
    campaignArchived: 'The campaign has been archived',
    campaignRestored: 'The campaign has been restored',
  };
  return messages[done] ?? null;
}

// ——— the public "Find help" page ———

export const KEYWORD_MAX = 100;

export interface FindHelpFilter {
  needs: string[];
  ages: string[];
  areas: string[];
  /** The search words as typed (tidied); empty for none. */
  keyword: string;
}

/** A query value as a list of strings (a repeated key is a list; anything else is ignored). */
function values(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string').slice(0, 50);
  return [];
}

/** The codes of a list among the values, each once, in the list's order (unknown values ignored). */
function codesAmong(list: readonly Code[], v: unknown): string[] {
  const chosen = new Set(values(v).filter((x) => x.length <= 40 && isCode(list, x)));
  return list.map((c) => c.code).filter((c) => chosen.has(c));
}

/**
 * The filter a visitor asked for: `need`, `age` and `area` (repeatable), `q` the search words. Unknown codes are
 * ignored; search words over 100 characters are refused (the page says so and searches without them).
 */
export function readFindHelpQuery(query: unknown): { filter: FindHelpFilter; keywordTooLong: boolean } {
  const q = query && typeof query === 'object' && !Array.isArray(query) ? (query as Record<string, unknown>) : {};
  const typed = (values(q.q)[0] ?? '').replace(/\s+/g, ' ').trim();
  const keywordTooLong = typed.length > KEYWORD_MAX;
  return {
    filter: {
      needs: codesAmong(HELP_NEEDS, q.need),
      ages: codesAmong(HELP_AGES, q.age),
      areas: codesAmong(HELP_AREAS, q.area),
      keyword: keywordTooLong || containsControlCharacters(typed) ? '' : typed,
    },
    keywordTooLong,
  };
}

/** The filter as a key for the kept page: every value, normalised and sorted. */
export function findHelpCacheKey(f: FindHelpFilter): string {
  return [`n=${[...f.needs].sort().join(',')}`, `a=${[...f.ages].sort().join(',')}`, `w=${[...f.areas].sort().join(',')}`, `q=${f.keyword.toLowerCase()}`].join('|');
}

/** The filter as an address's query (`need=a&need=b&…`), for the language switcher and links. */
export function findHelpQueryString(f: FindHelpFilter): string {
  const search = new URLSearchParams();
  for (const n of f.needs) search.append('need', n);
  for (const a of f.ages) search.append('age', a);
  for (const w of f.areas) search.append('area', w);
  if (f.keyword) search.set('q', f.keyword);
  const s = search.toString();
  return s ? `?${s}` : '';
}

const LOCAL_AREAS = HELP_AREAS.map((a) => a.code).filter((c) => c !== 'national');

/**
 * The areas an entry may cover to be shown for the areas chosen: a part of the borough brings in the whole
 * borough's services and national ones; the whole borough brings in every part of it; national services are always
 * shown with local ones.
 */
export function areasFor(chosen: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const c of chosen) {
    out.add(c);
    if (c === 'borough') for (const l of LOCAL_AREAS) out.add(l);
    if (c !== 'national') out.add('borough');
    out.add('national');
  }
  return out;
}

export interface Match {
  service: HelpServiceRow;
  /** How many of the chosen needs it meets. */
  needsMet: number;
  /** 0 for the part of the borough chosen (or any local service with no area chosen), 1 the whole borough, 2 national. */
  reach: number;
}

/**
 * The services that match a filter, best first. A service matches when it meets any need chosen, is for any age
 * chosen, covers an area chosen (see `areasFor`) and, with search words, has them in its name or summary (any
 * case). Nothing chosen shows every service.
 */
export function matchServices(services: readonly HelpServiceRow[], f: FindHelpFilter): Match[] {
  const areas = f.areas.length ? areasFor(f.areas) : null;
  const specific = new Set(f.areas.filter((a) => a !== 'national' && a !== 'borough'));
  const words = f.keyword.toLowerCase();
  const out: Match[] = [];
  for (const s of services) {
    if (s.archived_at) continue;
    const needsMet = f.needs.filter((n) => s.needs.includes(n)).length;
    if (f.needs.length && needsMet === 0) continue;
    if (f.ages.length && !f.ages.some((a) => s.ages.includes(a))) continue;
    if (areas && !s.areas.some((a) => areas.has(a))) continue;
    if (words && !`${s.name}\n${s.summary}`.toLowerCase().includes(words)) continue;
    const national = s.areas.length > 0 && s.areas.every((a) => a === 'national');
    const reach = national ? 2 : specific.size === 0 || s.areas.some((a) => specific.has(a)) ? 0 : 1;
    out.push({ service: s, needsMet, reach });
  }
  return out.sort((a, b) => b.needsMet - a.needsMet || a.reach - b.reach || a.service.name.localeCompare(b.service.name, 'en-GB') || a.service.id.localeCompare(b.service.id));
}

/** A phone number as a `tel:` link (digits, and a leading + kept). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '')}`;
}

/** A number to text as an `sms:` link. */
export function smsHref(number: string): string {
  return `sms:${number.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '')}`;
}

/** An email address as a `mailto:` link to that address alone: encoded, so no `?cc=`, `&body=` or header rides along. */
export function mailtoHref(email: string): string {
  const at = email.indexOf('@');
  return `mailto:${at < 0 ? encodeURIComponent(email) : `${encodeURIComponent(email.slice(0, at))}@${encodeURIComponent(email.slice(at + 1))}`}`;
}

/** A date in the page's language ("5 March 2026", "5 marca 2026"), with Western digits. */
export function publicDate(date: string, lang: string): string {
  if (lang === 'en') return formatDate(date);
  const d = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return '';
  const format = dateFormatFor(lang);
  return format ? format.format(d) : formatDate(date);
}

/** One formatter per language, made once (making one per call was a quarter of a busy public page's time). */
const dateFormats = new Map<string, Intl.DateTimeFormat | null>();

function dateFormatFor(lang: string): Intl.DateTimeFormat | null {
  if (!dateFormats.has(lang)) {
    let format: Intl.DateTimeFormat | null;
    try {
      format = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC', numberingSystem: 'latn' });
    } catch {
      format = null;
    }
    if (dateFormats.size < 50) dateFormats.set(lang, format);
    else return format;
  }
  return dateFormats.get(lang) ?? null;
}

/** What the public page shows of one service: codes to translate, its own text (English), its ways in. */
export function publicService(s: HelpServiceRow, today: string, lang: string) {
  return {
    id: s.id,
    name: s.name,
    summary: s.summary,
    needs: s.needs.filter((n) => isCode(HELP_NEEDS, n)),
    ages: s.ages.filter((a) => isCode(HELP_AGES, a)),
    areas: s.areas.filter((a) => isCode(HELP_AREAS, a)),
    phone: s.phone && { text: s.phone, href: telHref(s.phone) },
    text: s.text_number && { text: s.text_number, href: smsHref(s.text_number) },
    email: s.email && { text: s.email, href: mailtoHref(s.email) },
    website: s.website && /^https:\/\//i.test(s.website) ? { text: s.website.replace(/^https:\/\//i, '').replace(/\/$/, ''), href: s.website } : null,
    open24Hours: s.open_24_hours,
    openingHours: s.opening_hours,
    languages: s.languages,
    lastChecked: publicDate(s.last_checked_on, lang),
    stale: isStale(s.last_checked_on, today),
  };
}

// ——— the public campaigns page ———

/** A signs-of-abuse page's group and topic from its key ("signs.adults.financial"), or null. */
export function signsPageOf(pageKey: string | null): { group: string; topic: string } | null {
  const m = pageKey ? /^signs\.(children|adults)\.([a-z][a-z0-9-]{0,40})$/.exec(pageKey) : null;
  return m ? { group: m[1]!, topic: m[2]! } : null;
}

/** Campaigns live today, then those to come, soonest first (ended and archived ones left out). */
export function publicCampaigns(campaigns: readonly CampaignRow[], today: string, lang: string) {
  return campaigns
    .filter((c) => !c.archived_at)
    .map((c) => ({ c, state: campaignState({ startsOn: c.starts_on, endsOn: c.ends_on }, today) }))
    .filter((x) => x.state !== 'ended')
    .sort((a, b) => (a.state === b.state ? 0 : a.state === 'live' ? -1 : 1) || a.c.starts_on.localeCompare(b.c.starts_on) || a.c.title.localeCompare(b.c.title, 'en-GB'))
    .map(({ c, state }) => ({
      id: c.id,
      title: c.title,
      summary: c.summary,
      board: isCode(CAMPAIGN_BOARDS, c.board) ? c.board : null,
      state,
      startsOn: publicDate(c.starts_on, lang),
      endsOn: publicDate(c.ends_on, lang),
      signs: signsPageOf(c.page_key),
    }));
}
