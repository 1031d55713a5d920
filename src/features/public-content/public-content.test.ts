/**
 * Find help and the campaigns through app.inject against a real database: the business unit adds an entry (bad
 * input is a 400 naming each field, with nothing saved), marks an out-of-date entry as checked, archives and
 * restores it; another area's entry and a role without the permission are refused; the reminder emails the business
 * unit once; the public "Find help" page filtered for domestic abuse and male victims shows the right services (none
 * archived), in order, in any language with the services' own words marked English; hostile addresses never give a
 * 500; the kept page is dropped when an entry changes; the campaigns page shows live and upcoming campaigns.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one } from '../../db/client.js';
import { type TestApp, type TestClient, createTestApp, location } from '../../../test/support/app.js';

let t: TestApp;
let db: Database;
let unit: TestClient;

const count = async (q: ReturnType<typeof sql>) => (await one<{ n: number }>(db, q))!.n;
const ENTRY = {
  name: 'Fernmoor Test Helpline for Men',
  summary: 'Support for men experiencing domestic abuse in Fernmoor.',
  needs: ['domestic_abuse', 'male_victims'],
  ages: ['adults'],
  areas: ['north'],
  phone: '01632 960 777',
  email: 'men.test@example.org',
  website: 'https://example.org/fernmoor/men-test',
  openingHours: 'Monday to Friday, 9am to 5pm',
  languages: 'Polish',
};

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  unit = await t.as('business-unit');
});
afterAll(async () => t?.close());

describe('the business unit keeps the Find help directory', () => {
  let id = '';

  it('lists the demo directory with the out-of-date entries counted and tagged', async () => {
    const res = await unit.get('/partnership/public-site/services');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/\d+ entr(y is|ies are) out of date/);
    expect(res.body).toContain('Out of date');
    expect(res.body).toContain('Childline');
    expect(res.body).toContain('href="/partnership/public-site/services?page=2"');
    expect((await unit.get('/partnership/public-site/services?page=2')).body).toContain('National Domestic Abuse Helpline');
    expect(res.body).not.toContain('Fernmoor Women’s Drop-in (closed)');
    const archived = await unit.get('/partnership/public-site/services?show=archived');
    expect(archived.body).toContain('Fernmoor Women’s Drop-in (closed)');
    const housing = await unit.get('/partnership/public-site/services?need=housing');
    expect(housing.body).toContain('Shelter Emergency Helpline');
    expect(housing.body).not.toContain('Samaritans');
    const hub = await unit.get('/partnership');
    expect(hub.body).toContain('Public site: Find help and campaigns');
  });

  it('refuses bad input with an error summary naming each field, and saves nothing', async () => {
    const before = await count(sql`select count(*)::int as n from help_service`);
    await unit.get('/partnership/public-site/services/new');
    const res = await unit.post('/partnership/public-site/services/new', { ...ENTRY, name: '', needs: ['nonsense'], phone: '12345', website: 'http://example.org', email: 'not an email' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    for (const text of ['Enter the name of the service', 'Select the kinds of help from the list', 'Enter a UK phone number', 'Enter a website address starting with https://', 'Enter an email address in the correct format']) expect(res.body).toContain(text);
    expect(res.body).toContain('href="#phone"');
    const none = await unit.post('/partnership/public-site/services/new', { name: 'No way in', summary: 'x', needs: 'housing', ages: 'adults', areas: 'borough' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Enter at least one way to reach the service');
    expect(none.body).toContain('Enter when the service is open, or select “Open 24 hours”');
    expect(await count(sql`select count(*)::int as n from help_service`)).toBe(before);
  });

  it('adds an entry, checked today by whoever added it, audited', async () => {
    const res = await unit.post('/partnership/public-site/services/new', ENTRY);
    expect(res.statusCode).toBe(303);
    id = location(res).split('/')[4]!.split('?')[0]!;
    const row = await one<{ last_checked_on: string; by: string; needs: string[] }>(db, sql`select h.last_checked_on, u.email as by, h.needs::text[] as needs from help_service h join app_user u on u.id = h.last_checked_by_user_id where h.id = ${id}`);
    expect(row).toMatchObject({ by: 'business-unit@demo.threshold.test', needs: ['domestic_abuse', 'male_victims'] });
    expect(await count(sql`select count(*)::int as n from audit_event where action = 'public_content.service_added' and record_id = ${id}`)).toBe(1);
    const page = await unit.get(location(res));
    expect(page.body).toContain('The entry has been added to Find help');
    expect(page.body).toContain('01632 960 777');
  });

  it('marks an out-of-date entry as checked today', async () => {
    await db.execute(sql`update help_service set last_checked_on = current_date - 400, last_checked_by_user_id = null where id = ${id}`);
    const page = await unit.get(`/partnership/public-site/services/${id}`);
    expect(page.body).toContain('Out of date');
    const res = await unit.post(`/partnership/public-site/services/${id}/checked`, {});
    expect(res.statusCode).toBe(303);
    const row = await one<{ fresh: boolean; checked_by: string | null }>(db, sql`select last_checked_on >= current_date - 1 as fresh, last_checked_by_user_id as checked_by from help_service where id = ${id}`);
    expect(row).toMatchObject({ fresh: true });
    expect(row!.checked_by).not.toBeNull();
    expect(await count(sql`select count(*)::int as n from audit_event where action = 'public_content.service_checked' and record_id = ${id}`)).toBe(1);
    expect((await unit.post(`/partnership/public-site/services/${id}/checked`, { extra: 'x' })).statusCode).toBe(400);
  });

  it('archives the entry (the public no longer sees it) and restores it', async () => {
    const res = await unit.post(`/partnership/public-site/services/${id}/archive`, {});
    expect(res.statusCode).toBe(303);
    expect((await t.client().get('/help/en/find-help?need=male_victims')).body).not.toContain(ENTRY.name);
    const again = await unit.post(`/partnership/public-site/services/${id}/archive`, {});
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('This entry is already archived');
    expect((await unit.post(`/partnership/public-site/services/${id}/restore`, {})).statusCode).toBe(303);
    expect((await t.client().get('/help/en/find-help?need=male_victims')).body).toContain(ENTRY.name);
  });

  it('refuses another area’s entry, and a role without the permission', async () => {
    const other = await one<{ id: string }>(
      db,
      sql`with a as (insert into tenant (code, name, synthetic) values ('elsewhere-fh', 'Elsewhere', true) returning id)
          insert into help_service (tenant_id, name, summary, last_checked_on) select id, 'Elsewhere Helpline', 'x', current_date from a returning id`,
    );
    expect((await unit.get(`/partnership/public-site/services/${other!.id}`)).statusCode).toBe(404);
    expect((await unit.post(`/partnership/public-site/services/${other!.id}/archive`, {})).statusCode).toBe(404);
    expect((await unit.get('/partnership/public-site/services')).body).not.toContain('Elsewhere Helpline');
    const screener = await t.as('screener');
    expect((await screener.get('/partnership/public-site/services')).statusCode).toBe(403);
    expect((await screener.get(`/partnership/public-site/services/${id}`)).statusCode).toBe(403);
    expect((await screener.post('/partnership/public-site/services/new', ENTRY)).statusCode).toBe(403);
    expect((await screener.get('/partnership/public-site/campaigns')).statusCode).toBe(403);
  });

  it('emails the business unit one list of the out-of-date entries, once', async () => {
    const tenant = await one<{ tenant_id: string }>(db, sql`select tenant_id from help_service where id = ${id}`);
    const due = await count(sql`select count(*)::int as n from help_service where tenant_id = ${tenant!.tenant_id} and archived_at is null and last_checked_on <= current_date - 183 and (reminder_sent_on is null or reminder_sent_on < last_checked_on)`);
    expect(due).toBeGreaterThan(0);
    const sent = await t.app.services.publicContent.sendStaleReminders();
    expect(sent.entries).toBe(due);
    const emails = await count(sql`select count(*)::int as n from outbox_message where template = 'public_content.entries_out_of_date' and tenant_id = ${tenant!.tenant_id}`);
    expect(emails).toBe(sent.emails);
    expect(emails).toBeGreaterThan(0);
    const mail = await one<{ recipient: string; personalisation: { count: string; entries: string; link: string } }>(db, sql`select recipient, personalisation from outbox_message where template = 'public_content.entries_out_of_date' and tenant_id = ${tenant!.tenant_id} limit 1`);
    expect(mail!.personalisation.count).toBe(String(due));
    expect(mail!.personalisation.link).toMatch(/\/partnership\/public-site\/services$/);
    expect(await count(sql`select count(*)::int as n from help_service where tenant_id = ${tenant!.tenant_id} and reminder_sent_on is not null`)).toBe(due);
    expect((await t.app.services.publicContent.sendStaleReminders()).emails).toBe(0);
    expect(await count(sql`select count(*)::int as n from outbox_message where template = 'public_content.entries_out_of_date'`)).toBe(emails);
  });
});

describe('the public “Find help” page', () => {
  it('filtered for domestic abuse and male victims, shows those services best match first, none archived', async () => {
    const res = await t.client().get('/help/en/find-help?need=domestic_abuse&need=male_victims');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    // Every page of the results, in order (10 a page).
    const pages = Math.ceil(Number(/(\d+) services/.exec(res.body)![1]) / 10);
    let body = res.body;
    for (let n = 2; n <= pages; n += 1) body += (await t.client().get(`/help/en/find-help?need=domestic_abuse&need=male_victims&page=${n}`)).body;
    for (const name of ['Men’s Advice Line', 'ManKind Initiative', 'Fernmoor Men’s Domestic Abuse Support', 'National Domestic Abuse Helpline', ENTRY.name]) expect(body).toContain(name);
    expect(body).not.toContain('Fernmoor Women’s Drop-in (closed)');
    expect(body).not.toContain('Shelter Emergency Helpline');
    expect(body.indexOf('Fernmoor Men’s Domestic Abuse Support')).toBeLessThan(body.indexOf('Men’s Advice Line'));
    expect(body.indexOf('Men’s Advice Line')).toBeLessThan(body.indexOf('National Domestic Abuse Helpline'));
    expect(body).toMatch(/\d+ services/);
    expect(body).toContain('href="tel:08082000247"');
    expect(body).toContain('Open 24 hours');
    expect(body).toContain('Last checked');
    expect(body).toMatch(/<input[^>]+name="need"[^>]+value="male_victims"[^>]+checked/);
  });

  it('in another language, labels come from the catalogue and the services’ own words are marked English', async () => {
    const res = await t.client().get('/help/ur/find-help?need=male_victims');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="ur" dir="rtl"');
    expect(res.body).toContain('<h3 class="govuk-summary-card__title" lang="en" dir="ltr">');
    expect(res.body).toContain('href="/help/pl/find-help?need=male_victims"');
  });

  it('says clearly when nothing matches', async () => {
    const res = await t.client().get('/help/en/find-help?q=zzzz-no-such-service');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('0 services');
    expect(res.body).toContain('No services match');
  });

  it('answers hostile addresses with 200 or 400, never a 500', async () => {
    const urls = [
      `/help/en/find-help?q=${'a'.repeat(101)}`,
      `/help/en/find-help?q=${'x'.repeat(5000)}`,
      '/help/en/find-help?need=%3Cscript%3Ealert(1)%3C%2Fscript%3E&age=__proto__&area=constructor',
      '/help/en/find-help?need[]=domestic_abuse&need[a]=b&q[]=x',
      '/help/en/find-help?q=%27%20OR%20%271%27%3D%271',
      '/help/en/find-help?q=%E2%80%AE%F0%9F%98%80',
      `/help/en/find-help?${Array.from({ length: 300 }, () => 'need=housing').join('&')}`,
      '/help/ar/find-help?area=north&area=north&age=older_people&q=%20%20',
      '/help/en/campaigns?x=%3Cscript%3E',
    ];
    for (const url of urls) {
      const res = await t.client().get(url);
      expect([200, 400], url).toContain(res.statusCode);
      expect(res.body).not.toContain('<script>alert(1)');
    }
    const long = await t.client().get(`/help/en/find-help?q=${'a'.repeat(101)}`);
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('Search words must be 100 characters or fewer');
    expect(long.body).toContain('href="#q"');
  });

  // The public plugin's error handler reads `statusCode`; the input-safety hook throws an HttpProblem (`status`
  it('answers a NUL or a reserved name in the query string with a public 400 page, never a 503', async () => {
    for (const url of ['/help/en/find-help?q=%00', '/help/pl/find-help?__proto__=x', '/help/ar/report?about=%00']) {
      const res = await t.client().get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.body).toContain('<html lang="' + url.split('/')[2] + '"');
    }
  });

  it('keeps the page, and drops it when the business unit changes an entry', async () => {
    const url = '/help/en/find-help?q=Test%20Helpline%20for%20Men';
    expect((await t.client().get(url)).body).toContain(ENTRY.name);
    const row = await one<{ id: string }>(db, sql`select id from help_service where name = ${ENTRY.name}`);
    // Changed behind the service's back: the kept page is still shown.
    await db.execute(sql`update help_service set summary = 'Changed quietly.' where id = ${row!.id}`);
    expect((await t.client().get(url)).body).not.toContain('Changed quietly.');
    await unit.get(`/partnership/public-site/services/${row!.id}/edit`);
    const res = await unit.post(`/partnership/public-site/services/${row!.id}/edit`, { ...ENTRY, summary: 'Now open on Saturdays too.', open24Hours: 'yes' });
    expect(res.statusCode).toBe(303);
    const after = await t.client().get(url);
    expect(after.body).toContain('Now open on Saturdays too.');
    expect(after.body).toContain('Open 24 hours');
  });
});

describe('find help, a page at a time', () => {
  it('shows 10 services a page with GOV.UK pagination, keeps the filter across pages, and never a page past the last', async () => {
    const first = await t.client().get('/help/en/find-help');
    const open = Number(/(\d+) services/.exec(first.body)![1]);
    expect(open).toBeGreaterThan(10);
    expect(first.statusCode).toBe(200);
    expect(first.body.match(/class="govuk-summary-card"/g)).toHaveLength(10);
    expect(first.body).toContain('govuk-pagination');
    expect(first.body).toContain(`Showing 1 to 10 of ${open}`);
    const last = Math.ceil(open / 10);
    const beyond = await t.client().get('/help/en/find-help?page=999');
    expect(beyond.body.match(/class="govuk-summary-card"/g)).toHaveLength(open - (last - 1) * 10);
    const filtered = await t.client().get('/help/pl/find-help?need=domestic_abuse&page=2');
    expect(filtered.statusCode).toBe(200);
    expect(filtered.body).toMatch(/href="\/help\/ur\/find-help\?need=domestic_abuse&amp;page=2"/);
    for (const bad of ['page=0', 'page=-1', 'page=abc', 'page=1e9', 'page=2&page=3']) expect((await t.client().get(`/help/en/find-help?${bad}`)).statusCode, bad).toBe(200);
  });
});

describe('campaigns', () => {
  it('the public page shows live and upcoming campaigns with their dates and a link to the signs of abuse', async () => {
    const res = await t.client().get('/help/en/campaigns');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Recognise, Respond, Report');
    expect(res.body).toContain('Happening now');
    expect(res.body).toContain('Stop the scammers');
    expect(res.body).toContain('Coming soon');
    expect(res.body).toContain('href="/help/en/signs-of-abuse/adults/neglect"');
    expect(res.body).not.toContain('(last year)');
  });

  it('the business unit lists them with their state', async () => {
    const res = await unit.get('/partnership/public-site/campaigns');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Recognise, Respond, Report');
    expect(res.body).toContain('Live');
    expect(res.body).toContain('Upcoming');
    expect(res.body).toContain('Safeguarding adults board');
  });

  it('the business unit adds one (refused when it ends before it starts) and the public page shows it', async () => {
    await unit.get('/partnership/public-site/campaigns/new');
    const today = new Date();
    const y = today.getUTCFullYear() + 1;
    const bad = await unit.post('/partnership/public-site/campaigns/new', { board: 'children', title: 'Test campaign', summary: 'x', 'startsOn-day': '10', 'startsOn-month': '3', 'startsOn-year': String(y), 'endsOn-day': '9', 'endsOn-month': '3', 'endsOn-year': String(y) });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('The end date must be the same as or after the start date');
    expect(bad.body).toContain('href="#endsOn-day"');
    const ok = await unit.post('/partnership/public-site/campaigns/new', { board: 'children', title: 'Test campaign on neglect', summary: 'Look out for neglect.', 'startsOn-day': '10', 'startsOn-month': '3', 'startsOn-year': String(y), 'endsOn-day': '16', 'endsOn-month': '3', 'endsOn-year': String(y), pageKey: 'signs.children.neglect' });
    expect(ok.statusCode).toBe(303);
    const page = await t.client().get('/help/en/campaigns');
    expect(page.body).toContain('Test campaign on neglect');
    expect(page.body).toContain(`10 March ${y} to 16 March ${y}`);
    const c = await one<{ id: string }>(db, sql`select id from awareness_campaign where title = 'Test campaign on neglect'`);
    expect((await unit.get(`/partnership/public-site/campaigns/${c!.id}/edit`)).body).toContain('value="16"');
    expect((await unit.post(`/partnership/public-site/campaigns/${c!.id}/archive`, {})).statusCode).toBe(303);
    expect((await t.client().get('/help/en/campaigns')).body).not.toContain('Test campaign on neglect');
    expect(await count(sql`select count(*)::int as n from audit_event where record_id = ${c!.id} and action like 'public_content.campaign_%'`)).toBe(2);
  });
});
