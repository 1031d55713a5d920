/**
 * The public website's measure on the boards' scorecards and in the annual report data pack: page views by page and
 * language over the financial year (read through the public site's published read), the year before, and reports
 * made on the site by month — against hand-made counts in a year long before the demo's own. The measures feature
 * never reads the public site's tables itself.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { publicSiteSummary } from './partnership-public-site.js';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one } from '../../db/client.js';
import { financialYearOf } from '../../domain/measures/periods.js';
import { londonDate } from '../../domain/time.js';
import { type TestApp, type TestClient, createTestApp } from '../../../test/support/app.js';

let t: TestApp;
let db: Database;
let analyst: TestClient;
const Y = financialYearOf(londonDate(new Date())) - 7;
const squash = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  analyst = await t.as('analyst');
  const tenant = (await one<{ tenant_id: string }>(db, sql`select tenant_id from app_user where email = 'analyst@demo.threshold.test'`))!.tenant_id;
  const count = (page: string, language: string, day: string, views: number) =>
    db.execute(sql`insert into public_page_count (tenant_id, page, language, day, views) values (${tenant}, ${page}, ${language}, ${day}::date, ${views})`);
  await count('home', 'en', `${Y}-04-01`, 60);
  await count('home', 'en', `${Y + 1}-03-31`, 40);
  await count('home', 'pl', `${Y}-09-10`, 5);
  await count('signs.adults.financial', 'en', `${Y}-11-20`, 12);
  await count('signs.adults.financial', 'ar', `${Y}-11-21`, 3);
  await count('what-happens-next.easy-read', 'ur', `${Y}-12-01`, 2);
  await count('home', 'en', `${Y + 1}-04-01`, 999); // the next year
  await count('home', 'en', `${Y - 1}-06-01`, 80); // the year before
  const contact = (await one<{ id: string }>(db, sql`select id from contact where tenant_id = ${tenant} limit 1`))!.id;
  const report = (about: string, language: string, at: string) =>
    db.execute(sql`insert into public_report (tenant_id, contact_id, draft_id, language, about, answers, anonymous, received_at)
      values (${tenant}, ${contact}, gen_random_uuid(), ${language}, ${about}, '{}'::jsonb, true, ${at}::timestamptz)`);
  await report('child', 'en', `${Y}-05-02T10:00:00Z`);
  await report('adult', 'pl', `${Y}-11-19T23:30:00Z`);
  await report('adult', 'en', `${Y}-11-30T23:30:00Z`); // 23:30 GMT: still 30 November in London
});
afterAll(async () => t?.close());

describe('the public website measure', () => {
  it('shows page views by page and language on every board’s scorecard, with the year before', async () => {
    for (const board of ['children', 'adults', 'community_safety']) {
      const res = await analyst.get(`/measures/partnership?board=${board}&year=${Y}`);
      expect(res.statusCode).toBe(200);
      const text = squash(res.body);
      expect(text).toContain('Public website: page views by page and language');
      expect(text).toContain(`122 page views: up 53% on ${Y - 1}-`);
      expect(text).toContain('Page English Polish Romanian Slovak Urdu Arabic All languages');
      expect(text).toContain('All pages 112 5 0 0 2 3 122');
      expect(text).toContain('Home page 100 5 0 0 0 0 105');
      expect(text).toContain('Signs of abuse: adults: Financial or material abuse 12 0 0 0 0 3 15');
      expect(text).toContain('What happens after you report (Easy Read) 0 0 0 0 2 0 2');
      expect(text).toContain(`May ${Y} 1 0 0 1`);
      expect(text).toContain(`November ${Y} 0 2 1 2`);
      expect(text).toContain('Year 1 2 1 3');
    }
  });

  it('compares a year still running with the same days of the year before', async () => {
    const now = financialYearOf(londonDate(new Date()));
    const tenant = (await one<{ tenant_id: string }>(db, sql`select tenant_id from app_user where email = 'analyst@demo.threshold.test'`))!.tenant_id;
    const count = (day: string, views: number) => db.execute(sql`insert into public_page_count (tenant_id, page, language, day, views) values (${tenant}, 'campaigns', 'en', ${day}::date, ${views})
      on conflict (tenant_id, page, language, day) do update set views = excluded.views`);
    await db.execute(sql`delete from public_page_count where tenant_id = ${tenant} and day >= ${`${now - 1}-04-01`}::date`);
    await count(`${now}-04-01`, 10);
    await count(`${now - 1}-04-01`, 5);
    await count(`${now - 1}-10-01`, 100); // later in the year before than this year has reached: not compared
    const summary = await publicSiteSummary(db, tenant, now);
    expect(summary.text).toBe(`10 page views from 1 April ${now} to 1 April ${now}: up 100% on the same days of ${now - 1}-${String(now).slice(2)} (5)`);
    expect((await publicSiteSummary(db, tenant, now - 1)).text).toContain(`105 page views: none counted in ${now - 2}-`);
  });

  it('is in the annual report data pack, printable and as a workbook', async () => {
    const html = squash((await analyst.get(`/measures/partnership/annual-pack?board=adults&year=${Y}`)).body);
    expect(html).toContain('Public website Public website: page views by page and language 122');
    expect(html).toContain('Reports made on the public website by month');
    const res = await analyst.get(`/measures/partnership/annual-pack.xlsx?board=adults&year=${Y}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const views = book.getWorksheet('Public website page views')!;
    expect(views.getRow(1).values).toEqual([undefined, 'Page', 'English', 'Polish', 'Romanian', 'Slovak', 'Urdu', 'Arabic', 'All languages']);
    expect(views.getRow(2).values).toEqual([undefined, 'All pages', 112, 5, 0, 0, 2, 3, 122]);
    expect(book.getWorksheet('Public website reports')).toBeTruthy();
  });

  it('says so when nothing was counted', async () => {
    const text = squash((await analyst.get(`/measures/partnership?board=children&year=${Y - 3}`)).body);
    expect(text).toContain('0 page views: none counted either year');
  });

  it('reads the public site’s tables only through its published read', () => {
    const dir = join(import.meta.dirname);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      expect(readFileSync(join(dir, file), 'utf8'), file).not.toMatch(/public_page_count|public_report\b/);
    }
  });
});
