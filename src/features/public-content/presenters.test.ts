import { describe, expect, it } from 'vitest';
import { campaignForm, httpsWebsite, serviceForm, textNumber, ukPhoneNumber } from './forms.js';
import { parseForm } from '../../platform/forms.js';
import {
  type FindHelpFilter,
  areasFor,
  campaignRow,
  findHelpCacheKey,
  findHelpQueryString,
  matchServices,
  publicCampaigns,
  publicDate,
  publicService,
  readFindHelpQuery,
  serviceRow,
  signsPageOf,
  smsHref,
  telHref,
} from './presenters.js';
import { type CampaignRow, type HelpServiceRow } from './repository.js';

const TODAY = '2026-12-07';
let n = 0;
const svc = (over: Partial<HelpServiceRow> = {}): HelpServiceRow => ({
  id: `s${++n}`, tenant_id: 't', name: 'Service', summary: 'Help.', needs: ['domestic_abuse'], ages: ['adults'], areas: ['borough'], phone: '01632 960 001', text_number: null, email: null,
  website: null, opening_hours: 'Monday to Friday, 9am to 5pm', open_24_hours: false, languages: null, last_checked_on: '2026-11-01', last_checked_by: 'Bryn Partnership',
  reminder_sent_on: null, archived_at: null, updated_at: '2026-11-01 10:00:00+00', ...over,
});
const campaign = (over: Partial<CampaignRow> = {}): CampaignRow => ({
  id: 'c1', tenant_id: 't', board: 'adults', title: 'Safeguarding Adults Week', summary: 'Events.', starts_on: '2026-11-16', ends_on: '2026-11-22', page_key: 'signs.adults.financial', archived_at: null, ...over,
});
const none: FindHelpFilter = { needs: [], ages: [], areas: [], keyword: '' };

describe('the Find help filter read from an address', () => {
  it('keeps known codes in the list’s order, each once, and ignores the rest', () => {
    const { filter, keywordTooLong } = readFindHelpQuery({ need: ['male_victims', 'domestic_abuse', 'nonsense', 'male_victims'], age: 'adults', area: ['<script>', 'north'], q: '  Men’s   advice ' });
    expect(filter).toEqual({ needs: ['domestic_abuse', 'male_victims'], ages: ['adults'], areas: ['north'], keyword: 'Men’s advice' });
    expect(keywordTooLong).toBe(false);
  });
  it('reads odd shapes as nothing chosen, and refuses search words over 100 characters', () => {
    expect(readFindHelpQuery(undefined).filter).toEqual(none);
    expect(readFindHelpQuery({ need: { a: 1 }, age: 3, q: ['x', 'y'] }).filter).toEqual({ ...none, keyword: 'x' });
    const long = readFindHelpQuery({ q: 'a'.repeat(101) });
    expect(long).toEqual({ filter: none, keywordTooLong: true });
    expect(readFindHelpQuery({ q: 'a\u0000b' }).filter.keyword).toBe('');
    expect(readFindHelpQuery({ need: Array.from({ length: 500 }, () => 'housing') }).filter.needs).toEqual(['housing']);
  });
  it('keys the kept page by every value, normalised and sorted, and writes the address back', () => {
    const a = readFindHelpQuery({ need: ['male_victims', 'domestic_abuse'], q: 'Refuge' }).filter;
    const b = readFindHelpQuery({ need: ['domestic_abuse', 'male_victims'], q: 'refuge' }).filter;
    expect(findHelpCacheKey(a)).toBe(findHelpCacheKey(b));
    expect(findHelpCacheKey(a)).not.toBe(findHelpCacheKey({ ...a, ages: ['adults'] }));
    expect(findHelpQueryString(a)).toBe('?need=domestic_abuse&need=male_victims&q=Refuge');
    expect(findHelpQueryString(none)).toBe('');
  });
});

describe('which services match, and in what order', () => {
  const helpline = svc({ name: 'National Domestic Abuse Helpline', areas: ['national'], needs: ['domestic_abuse'] });
  const mens = svc({ name: 'Men’s Advice Line', areas: ['national'], needs: ['domestic_abuse', 'male_victims'] });
  const localMen = svc({ name: 'Fernmoor Men’s Support', areas: ['borough'], needs: ['domestic_abuse', 'male_victims'] });
  const idva = svc({ name: 'Fernmoor IDVA', areas: ['borough'], needs: ['domestic_abuse', 'idva'] });
  const housing = svc({ name: 'Housing Options', areas: ['borough'], needs: ['housing'] });
  const north = svc({ name: 'Early Help North', areas: ['north'], needs: ['early_help'], ages: ['children'] });
  const south = svc({ name: 'Early Help South', areas: ['south'], needs: ['early_help'], ages: ['children'] });
  const gone = svc({ name: 'Closed drop-in', needs: ['domestic_abuse', 'male_victims'], archived_at: '2026-01-01 10:00:00+00' });
  const all = [helpline, mens, localMen, idva, housing, north, south, gone];
  const names = (f: Partial<typeof none>) => matchServices(all, { ...none, ...f }).map((m) => m.service.name);

  it('shows every current service with nothing chosen, local before national, never an archived one', () => {
    expect(names({})).toEqual(['Early Help North', 'Early Help South', 'Fernmoor IDVA', 'Fernmoor Men’s Support', 'Housing Options', 'Men’s Advice Line', 'National Domestic Abuse Helpline']);
  });
  it('puts the services meeting more of the needs chosen first, then local, then national', () => {
    expect(names({ needs: ['domestic_abuse', 'male_victims'] })).toEqual(['Fernmoor Men’s Support', 'Men’s Advice Line', 'Fernmoor IDVA', 'National Domestic Abuse Helpline']);
  });
  it('shows national and whole-borough services with a part of the borough, that part first', () => {
    expect(names({ areas: ['north'] })).toEqual(['Early Help North', 'Fernmoor IDVA', 'Fernmoor Men’s Support', 'Housing Options', 'Men’s Advice Line', 'National Domestic Abuse Helpline']);
    expect([...areasFor(['borough'])].sort()).toEqual(['borough', 'central', 'east', 'national', 'north', 'south', 'west']);
    expect([...areasFor(['national'])]).toEqual(['national']);
  });
  it('filters by who it is for and by a word in the name or summary, in any case', () => {
    expect(names({ ages: ['children'] })).toEqual(['Early Help North', 'Early Help South']);
    expect(names({ keyword: 'men’s' })).toEqual(['Fernmoor Men’s Support', 'Men’s Advice Line']);
    expect(names({ keyword: 'nothing like this' })).toEqual([]);
  });
});

describe('a service on the public page', () => {
  it('gives tel, sms and mailto links, the website without https://, and when it was last checked in the page’s language', () => {
    const p = publicService(svc({ phone: '+44 (0)1632 960 001', text_number: '85258', email: 'help@example.org', website: 'https://example.org/help/', last_checked_on: '2026-03-05' }), TODAY, 'pl');
    expect(p.phone).toEqual({ text: '+44 (0)1632 960 001', href: 'tel:+4401632960001' });
    expect(p.text).toEqual({ text: '85258', href: 'sms:85258' });
    expect(p.email).toEqual({ text: 'help@example.org', href: 'mailto:help@example.org' });
    expect(p.website).toEqual({ text: 'example.org/help', href: 'https://example.org/help/' });
    expect(p.lastChecked).toBe('5 marca 2026');
    expect(p.stale).toBe(true);
    expect(publicService(svc({ website: 'javascript:alert(1)' }), TODAY, 'en').website).toBeNull();
    expect(telHref('0808 2000 247')).toBe('tel:08082000247');
    expect(smsHref('07700 900 123')).toBe('sms:07700900123');
    expect(publicDate('2026-12-07', 'en')).toBe('7 December 2026');
    expect(publicDate('2026-12-07', 'ar')).toMatch(/2026/);
    expect(publicDate('nonsense', 'en')).toBe('');
  });
});

describe('the business unit’s rows', () => {
  it('tags an entry out of date after six months, never an archived one', () => {
    expect(serviceRow(svc({ last_checked_on: '2026-06-07' }), TODAY)).toMatchObject({ stale: true, lastChecked: '7 June 2026', needs: 'Domestic abuse', areas: 'The whole borough' });
    expect(serviceRow(svc({ last_checked_on: '2026-06-08' }), TODAY).stale).toBe(false);
    expect(serviceRow(svc({ last_checked_on: '2025-01-01', archived_at: '2026-01-01' }), TODAY)).toMatchObject({ stale: false, archived: true });
  });
  it('tags a campaign live, upcoming, ended or archived', () => {
    expect(campaignRow(campaign(), '2026-11-16').tag.text).toBe('Live');
    expect(campaignRow(campaign(), '2026-11-15').tag.text).toBe('Upcoming');
    expect(campaignRow(campaign(), '2026-11-23').tag.text).toBe('Ended');
    expect(campaignRow(campaign({ archived_at: 'x' }), '2026-11-16').tag.text).toBe('Archived');
    expect(campaignRow(campaign(), TODAY).dates).toBe('16 November 2026 to 22 November 2026');
  });
});

describe('campaigns on the public page', () => {
  it('lists live ones first, then those to come, and leaves out ended and archived ones', () => {
    const list = publicCampaigns(
      [
        campaign({ id: 'up', title: 'Upcoming', starts_on: '2026-12-20', ends_on: '2026-12-21' }),
        campaign({ id: 'live', title: 'Sixteen days', starts_on: '2026-11-25', ends_on: '2026-12-10', board: 'community_safety', page_key: null }),
        campaign({ id: 'ended', starts_on: '2026-11-01', ends_on: '2026-11-02' }),
        campaign({ id: 'archived', starts_on: '2026-12-01', ends_on: '2026-12-31', archived_at: 'x' }),
      ],
      TODAY,
      'en',
    );
    expect(list.map((c) => [c.id, c.state])).toEqual([['live', 'live'], ['up', 'upcoming']]);
    expect(list[0]).toMatchObject({ board: 'community_safety', startsOn: '25 November 2026', endsOn: '10 December 2026', signs: null });
    expect(list[1]!.signs).toEqual({ group: 'adults', topic: 'financial' });
  });
  it('reads a signs-of-abuse page key, and nothing else', () => {
    expect(signsPageOf('signs.children.neglect')).toEqual({ group: 'children', topic: 'neglect' });
    expect(signsPageOf('signs.adults.domestic-abuse')).toEqual({ group: 'adults', topic: 'domestic-abuse' });
    expect(signsPageOf('signs.pets.neglect')).toBeNull();
    expect(signsPageOf('signs.adults.../x')).toBeNull();
    expect(signsPageOf(null)).toBeNull();
  });
});

describe('the business unit’s forms', () => {
  it('knows a UK phone number, a number to text and an https website', () => {
    for (const ok of ['0808 2000 247', '01632 960 001', '+44 1632 960001', '+44 (0)1632 960 001', '116 123', '0800 1111', '08000 121 700', '020 7008 0151', '999']) expect(ukPhoneNumber(ok)).not.toBeNull();
    for (const bad of ['12345', '0808 2000', '+1 212 555 0100', 'call us', '01632 960 001 ext 4 or 5 and more digits', '0000 000 0000']) expect(ukPhoneNumber(bad)).toBeNull();
    expect(textNumber('85258')).toBe('85258');
    expect(textNumber('07700 900 123')).toBe('07700 900 123');
    expect(textNumber('abc')).toBeNull();
    expect(httpsWebsite('https://example.org/help')).toBe('https://example.org/help');
    for (const bad of ['http://example.org', 'javascript:alert(1)', 'https://localhost', 'https://user:pw@example.org', 'example.org', 'https://exa mple.org']) expect(httpsWebsite(bad)).toBeNull();
  });
  it('refuses an entry with no way in and no opening hours, naming each field', () => {
    const r = parseForm(serviceForm, { name: 'X', summary: 'Y', needs: 'housing', ages: 'adults', areas: 'borough' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.summary.map((e) => e.href)).toEqual(['#phone', '#openingHours']);
    const ok = parseForm(serviceForm, { name: 'X', summary: 'Y', needs: ['housing', 'domestic_abuse'], ages: 'adults', areas: 'borough', website: 'https://example.org', open24Hours: 'yes' });
    expect(ok.ok && ok.value).toMatchObject({ needs: ['housing', 'domestic_abuse'], open24Hours: true, phone: null, website: 'https://example.org' });
  });
  it('refuses a campaign that ends before it starts, or points to no signs page', () => {
    const r = parseForm(campaignForm, { board: 'adults', title: 'T', summary: 'S', 'startsOn-day': '10', 'startsOn-month': '11', 'startsOn-year': '2026', 'endsOn-day': '9', 'endsOn-month': '11', 'endsOn-year': '2026', pageKey: 'signs/adults' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors.fields).sort()).toEqual(['endsOn', 'pageKey']);
  });
});
