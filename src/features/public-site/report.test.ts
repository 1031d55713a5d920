/**
 * Report a concern through app.inject against a real database: an anonymous neighbour's report in Polish through
 * every page becomes a contact on the MASH worklist (channel "public", the words verbatim, the language noted),
 * and the refusals — danger, professional, honeypot, too fast, too many, a forged cookie, an unreachable
 * database, a too-long answer — each acknowledge nothing and keep nothing half-saved.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { one, rows } from '../../db/client.js';
import { ERROR_KEYS } from '../../domain/public-report.js';
import { type TestApp, type TestClient, createTestApp, location } from '../../../test/support/app.js';
import { readCatalogue } from './i18n.js';
import { DRAFT_COOKIE } from './site.js';

let t: TestApp;
let clock = Date.now();
const PER_SOURCE = 3;

const POLISH = 'Słyszę przez ścianę, jak dziecko płacze każdej nocy. Chłopiec (około 7 lat) często zostaje sam w domu — żółć, gęślą jaźń.';

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(clock), env: { PUBLIC_REPORTS_PER_SOURCE_PER_HOUR: String(PER_SOURCE) } });
});
afterAll(async () => t?.close());

const count = async (table: 'public_report' | 'public_report_draft' | 'contact') => (await one<{ n: number }>(t.db.db, sql`select count(*)::int as n from ${sql.raw(table)}`))!.n;
const draftId = (c: TestClient) => c.cookies.get(DRAFT_COOKIE)!.split('.')[0]!;

/** Starts a report and answers every question up to "Check your answers" (the neighbour's answers unless given). */
async function toCheck(c: TestClient, lang = 'pl', answers: Record<string, Record<string, string>> = {}) {
  expect((await c.get(`/help/${lang}/report?about=child`)).statusCode).toBe(200);
  const steps: [string, Record<string, string>, string][] = [
    ['', { about: 'child', website: '' }, 'danger'],
    ['/danger', { danger: 'no' }, 'who'],
    ['/who', { who: 'neighbour' }, 'happening'],
    ['/happening', { happening: POLISH }, 'subject'],
    ['/subject', { givenNames: 'Kuba', familyName: '', age: '7', dobDay: '', dobMonth: '', dobYear: '', address: 'ul. Lipowa, Fernmoor', school: '' }, 'about-you'],
    ['/about-you', { giveName: 'no', relationship: 'Mieszkam obok' }, 'contact'],
    ['/contact', { contactMe: 'no' }, 'check'],
  ];
  for (const [path, form, next] of steps) {
    const res = await c.post(`/help/${lang}/report${path}`, { ...form, ...(answers[path] ?? {}) });
    expect(res.statusCode, `${path} ${res.body.slice(0, 2000)}`).toBe(303);
    expect(location(res)).toBe(`/help/${lang}/report/${next}`);
  }
}

describe('report a concern', () => {
  it('the English catalogue has every message the pages can give', () => {
    const en = readCatalogue('en');
    for (const key of ERROR_KEYS) expect(en[key], key).toBeDefined();
  });

  it('an anonymous neighbour reports in Polish: the contact is on the MASH worklist with the words verbatim', async () => {
    const c = t.client();
    await toCheck(c);
    const cookie = c.cookies.get(DRAFT_COOKIE)!;
    expect(cookie).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    const check = await c.get('/help/pl/report/check');
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('<html lang="pl"');
    expect(check.body).toContain('Słyszę przez ścianę');
    expect(check.body).toContain('href="/help/pl/report/happening?from=check"');
    // Every page draws, in Polish, with its back link and the answers given so far.
    for (const page of ['danger', 'who', 'happening', 'subject', 'about-you', 'contact']) {
      const res = await c.get(`/help/pl/report/${page}?from=check`);
      expect(res.statusCode, page).toBe(200);
      expect(res.body).toContain('href="/help/pl/report/check" class="govuk-back-link"');
      expect(res.body).toContain(`action="/help/pl/report/${page}?from=check"`);
    }
    expect((await c.get('/help/pl/report/subject')).body).toContain('value="Kuba"');
    expect(location(await c.get('/help/pl/report/call-999'))).toBe('/help/pl/report/check');
    // The draft is sealed: the words are nowhere in the row.
    const draft = await one<{ sealed: string }>(t.db.db, sql`select sealed from public_report_draft where id = ${draftId(c)}`);
    expect(draft!.sealed).not.toContain('Kuba');

    const before = { reports: await count('public_report'), contacts: await count('contact') };
    clock += 30_000;
    const sent = await c.post('/help/pl/report/check', {});
    expect(sent.statusCode).toBe(303);
    expect(location(sent)).toBe('/help/pl/report/sent');
    const confirmation = await c.get('/help/pl/report/sent');
    expect(confirmation.statusCode).toBe(200);
    expect(confirmation.body).toContain('govuk-panel');
    const reference = /<strong>([A-Z0-9-]+)<\/strong>/.exec(confirmation.body)?.[1];
    expect(reference).toBeTruthy();

    const report = await one<{ contact_id: string; language: string; about: string; anonymous: boolean; answers: { happening: string; who: string } }>(
      t.db.db,
      sql`select contact_id, language, about, anonymous, answers from public_report where draft_id = ${draftId(c)}`,
    );
    expect(report).toMatchObject({ language: 'pl', about: 'child', anonymous: true });
    expect(report!.answers.happening).toBe(POLISH);
    const contact = await one<{ reference: string; channel: string; language: string; narrative: string; source_code: string; status: string; referrer_name: string | null; contact_type: string }>(
      t.db.db,
      sql`select reference, channel, language, narrative, source_code, status, referrer_name, contact_type from contact where id = ${report!.contact_id}`,
    );
    expect(contact).toMatchObject({ reference, channel: 'public', language: 'pl', source_code: '1B', status: 'open', referrer_name: null, contact_type: 'child' });
    expect(contact!.narrative).toContain(POLISH);
    expect(contact!.narrative).toContain('Reported on the public website in Polish');
    expect(contact!.narrative).toContain('How they know the person: Mieszkam obok');
    const named = await rows<{ given_names: string; family_name: string; role: string }>(t.db.db, sql`select given_names, family_name, role from contact_named_person where contact_id = ${report!.contact_id}`);
    expect(named).toEqual([expect.objectContaining({ given_names: 'Kuba', family_name: 'Not known', role: 'subject_child' })]);
    expect(await one(t.db.db, sql`select 1 from public_report_draft where id = ${draftId(c)}`)).toBeUndefined();
    expect(await count('public_report')).toBe(before.reports + 1);
    expect(await count('contact')).toBe(before.contacts + 1);

    // The screener finds it on the worklist and reads it, with the language noted.
    const screener = await t.as('screener');
    let found = false;
    for (let page = 1; page <= 50 && !found; page += 1) {
      const list = await screener.get(`/worklist?page=${page}`);
      expect(list.statusCode).toBe(200);
      found = list.body.includes(reference!);
      if (!list.body.includes(`page=${page + 1}`)) break;
    }
    expect(found).toBe(true);
    const page = await screener.get(`/contacts/${report!.contact_id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Polish – the reporter’s own words, not translated');
    expect(page.body).toContain('<span lang="pl" dir="ltr">');
    expect(page.body).toContain('Słyszę przez ścianę');

    // Sent again (the back button, a second press): the same confirmation, nothing new.
    const again = await c.post('/help/pl/report/check', {});
    expect(again.statusCode).toBe(303);
    expect(location(again)).toBe('/help/pl/report/sent');
    expect(await count('public_report')).toBe(before.reports + 1);
    expect(await count('contact')).toBe(before.contacts + 1);
    // The switcher keeps the place: the confirmation in English shows the same reference.
    expect((await c.get('/help/en/report/sent')).body).toContain(reference!);
    // Half an hour on (a shared phone, someone else), the confirmation and its reference cannot be opened again.
    clock += 31 * 60_000;
    try {
      const later = await c.get('/help/en/report/sent');
      expect(later.body).not.toContain(reference!);
    } finally {
      clock -= 31 * 60_000;
    }
  });

  it('keeps the draft in a cookie only the browser holds: HttpOnly, SameSite=Strict, under /help, gone when the browser closes', async () => {
    const c = t.client();
    await c.get('/help/en/report?about=child');
    const res = await c.post('/help/en/report', { about: 'child', website: '' });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(new RegExp(`${DRAFT_COOKIE}=[0-9a-f-]{36}\\.[A-Za-z0-9_-]{43}`));
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/help');
    expect(setCookie).not.toMatch(/Max-Age|Expires/i);
    // Nothing personal in the address: each page's address names only the page.
    expect(location(await c.post('/help/en/report/danger', { danger: 'no' }))).toBe('/help/en/report/who');
  });

  it('refuses a body larger than a report needs without reading it', async () => {
    const c = t.client();
    await toCheck(c, 'en');
    const res = await c.post('/help/en/report/happening', { happening: 'x'.repeat(70_000) });
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('<html lang="en"');
  });

  it('danger first: "yes" shows "Call 999 now" with the numbers before anything else, then the report goes on', async () => {
    const c = t.client();
    await c.get('/help/en/report?about=adult');
    expect(location(await c.post('/help/en/report', { about: 'adult', website: '' }))).toBe('/help/en/report/danger');
    const res = await c.post('/help/en/report/danger', { danger: 'yes' });
    expect(location(res)).toBe('/help/en/report/call-999');
    const page = await c.get('/help/en/report/call-999');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Call 999 now');
    expect(page.body).toContain('href="tel:999"');
    expect(page.body).toContain(t.config.publicSite.adultsPhone);
    expect(page.body).toContain('href="/help/en/report/who"');
    // Not ahead of the questions: "what is happening" sends them back to "who are you".
    expect(location(await c.get('/help/en/report/happening'))).toBe('/help/en/report/who');
  });

  it('a professional is sent to their agency’s route and the front door’s line, with no link to staff pages', async () => {
    const c = t.client();
    await c.get('/help/en/report?about=child');
    await c.post('/help/en/report', { about: 'child', website: '' });
    await c.post('/help/en/report/danger', { danger: 'no' });
    expect(location(await c.post('/help/en/report/who', { who: 'professional' }))).toBe('/help/en/report/professional');
    const page = await c.get('/help/en/report/professional');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('use your agency’s referral route');
    expect(page.body).toContain(t.config.publicSite.childrenPhone);
    expect(page.body).not.toMatch(/href="\/(contacts|worklist|sign-in|people)/);
    expect(location(await c.get('/help/en/report/happening'))).toBe('/help/en/report/professional');
  });

  it('refuses a filled-in honeypot with a 400 and starts nothing', async () => {
    const c = t.client();
    const start = await c.get('/help/en/report?about=child');
    expect(start.body).toMatch(/<label for="website">Leave this blank<\/label>\s*<input type="text" id="website" name="website" value="" autocomplete="off" tabindex="-1">/);
    const drafts = await count('public_report_draft');
    const res = await c.post('/help/en/report', { about: 'child', website: 'https://spam.example' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('has not been started or sent');
    expect(c.cookies.has(DRAFT_COOKIE)).toBe(false);
    expect(await count('public_report_draft')).toBe(drafts);
  });

  it('refuses a report sent too soon after it was started, keeping the draft for a second try', async () => {
    const c = t.client();
    await toCheck(c, 'en');
    const reports = await count('public_report');
    const res = await c.post('/help/en/report/check', {});
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('your report has not been sent yet');
    expect(await count('public_report')).toBe(reports);
    expect(await one(t.db.db, sql`select 1 from public_report_draft where id = ${draftId(c)}`)).toBeDefined();
  });

  it('a forged, expired or missing cookie goes back to the start with a plain message', async () => {
    const c = t.client();
    await c.get('/help/pl/report?about=child');
    c.cookies.set(DRAFT_COOKIE, `${randomUUID()}.${randomBytes(32).toString('base64url')}`);
    const res = await c.get('/help/pl/report/who');
    expect(res.statusCode).toBe(303);
    expect(location(res)).toBe('/help/pl/report?restart=yes');
    expect((await c.get(location(res))).body).toContain('govuk-notification-banner');
    expect((await c.get('/help/en/report?restart=yes')).body).toContain('Your report was not saved');
    // A real draft opened with another key is not opened.
    const d = t.client();
    await toCheck(d, 'en');
    d.cookies.set(DRAFT_COOKIE, `${draftId(d)}.${randomBytes(32).toString('base64url')}`);
    expect(location(await d.post('/help/en/report/check', {}))).toBe('/help/en/report?restart=yes');
    // Expired (after two hours without an answer).
    const e = t.client();
    await toCheck(e, 'en');
    clock += 2 * 3_600_000 + 1_000;
    expect(location(await e.get('/help/en/report/check'))).toBe('/help/en/report?restart=yes');
    expect(await t.app.services.publicSite.deleteExpiredDrafts()).toBeGreaterThan(0);
    expect(location(await t.client().get('/help/en/report/danger'))).toBe('/help/en/report?restart=yes');
  });

  it('a too-long answer is refused with the error summary naming the field', async () => {
    const c = t.client();
    await c.get('/help/en/report?about=child');
    await c.post('/help/en/report', { about: 'child', website: '' });
    await c.post('/help/en/report/danger', { danger: 'no' });
    await c.post('/help/en/report/who', { who: 'family' });
    const res = await c.post('/help/en/report/happening', { happening: 'x'.repeat(5_001) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('What is happening must be 5,000 characters or fewer');
    expect(res.body).toContain('href="#happening"');
    expect(res.body).toMatch(/<title>Error: /);
    const markup = await c.post('/help/en/report/happening', { happening: 'He said <script>alert(1)</script>' });
    expect(markup.statusCode).toBe(400);
    expect(markup.body).toContain('characters we cannot accept');
    expect(location(await c.get('/help/en/report/subject'))).toBe('/help/en/report/happening');
  });

  it('re-shows a page with its errors and the answers as typed', async () => {
    const c = t.client();
    await toCheck(c, 'en');
    const subject = await c.post('/help/en/report/subject?from=check', { givenNames: 'Kuba', nameUnknown: 'yes', age: '30', dobDay: '31', dobMonth: '2', dobYear: '2019', address: 'Elm Road' });
    expect(subject.statusCode).toBe(400);
    expect(subject.body).toContain('href="#givenNames"');
    expect(subject.body).toContain('href="#age"');
    expect(subject.body).toContain('href="#dobDay"');
    expect(subject.body).toContain('value="Elm Road"');
    const contact = await c.post('/help/en/report/contact?from=check', { contactMe: 'yes', phone: '07700 900 982', email: 'nope' });
    expect(contact.statusCode).toBe(400);
    expect(contact.body).toContain('href="#phoneSafe"');
    expect(contact.body).toContain('href="#email"');
    const about = await c.post('/help/en/report/about-you?from=check', { giveName: 'yes', reporterName: '' });
    expect(about.body).toContain('href="#reporterName"');
    // A field sent twice is not our form: refused, nothing saved.
    const twice = await c.raw({ method: 'POST', url: '/help/en/report/who', payload: `_csrf=${encodeURIComponent(c.csrf!)}&who=self&who=family`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(twice.statusCode).toBe(400);
    // Changing an answer from "check" goes back to check.
    expect(location(await c.post('/help/en/report/who?from=check', { who: 'family' }))).toBe('/help/en/report/check');
    expect((await c.get('/help/en/report/check')).body).toContain('A family member');
  });

  it('an unreachable database gives the 999 and phone numbers page and acknowledges nothing', async () => {
    const c = t.client();
    await toCheck(c, 'en');
    clock += 30_000;
    const reports = await count('public_report');
    const spy = vi.spyOn(t.app.services.intake, 'receiveIn').mockRejectedValueOnce(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    const res = await c.post('/help/en/report/check', {});
    spy.mockRestore();
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('999');
    expect(res.body).toContain(t.config.publicSite.childrenPhone);
    expect(res.body).toContain('Your report has not been sent');
    expect(res.body).not.toContain('govuk-panel');
    expect(await count('public_report')).toBe(reports);
    expect(await one(t.db.db, sql`select 1 from public_report where draft_id = ${draftId(c)}`)).toBeUndefined();
    // The draft is still there: sent again once the database is back, it is received.
    const retry = await c.post('/help/en/report/check', {});
    expect(location(retry)).toBe('/help/en/report/sent');
  });

  it('emails the reference only when the reporter chose email and said it is safe; beyond the hour’s share, the busy page', async () => {
    const c = t.client();
    await toCheck(c, 'en', { '/contact': { contactMe: 'yes', phone: '07700 900 982', phoneSafe: 'no', email: 'reporter@example.org', emailSafe: 'yes', when: '' } });
    clock += 30_000;
    expect(location(await c.post('/help/en/report/check', {}))).toBe('/help/en/report/sent');
    const report = await one<{ contact_id: string }>(t.db.db, sql`select contact_id from public_report where draft_id = ${draftId(c)}`);
    const contact = await one<{ referrer_phone: string | null; referrer_email: string | null; narrative: string }>(t.db.db, sql`select referrer_phone, referrer_email, narrative from contact where id = ${report!.contact_id}`);
    expect(contact).toMatchObject({ referrer_phone: null, referrer_email: 'reporter@example.org' });
    expect(contact!.narrative).toContain('it is not safe to phone');
    expect(contact!.narrative).not.toContain('07700 900 982');
    const emails = await rows<{ template: string; personalisation: Record<string, string> }>(t.db.db, sql`select template, personalisation from outbox_message where recipient = 'reporter@example.org'`);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.template).toBe('public_report.received');
    expect(Object.keys(emails[0]!.personalisation).sort()).toEqual(['contact_reference', 'link']);
    expect((await c.get('/help/en/report/sent')).body).toContain('We have sent the reference to your email address');

    // Sent until the source's hour is used up; the next is refused, not sent, and nothing is kept of it.
    let refused: Awaited<ReturnType<TestClient['post']>> | null = null;
    let accepted = 0;
    for (let i = 0; i < PER_SOURCE + 1 && !refused; i += 1) {
      const d = t.client();
      await toCheck(d, 'en');
      clock += 30_000;
      const reports = await count('public_report');
      const res = await d.post('/help/en/report/check', {});
      if (res.statusCode === 429) {
        refused = res;
        expect(await count('public_report')).toBe(reports);
        expect(await one(t.db.db, sql`select 1 from public_report where draft_id = ${draftId(d)}`)).toBeUndefined();
      } else {
        expect(location(res)).toBe('/help/en/report/sent');
        accepted += 1;
      }
    }
    expect(refused).not.toBeNull();
    expect(accepted).toBeLessThan(PER_SOURCE);
    expect(refused!.body).toContain('Your report has NOT been sent');
    expect(refused!.body).toContain(t.config.publicSite.childrenPhone);
  });
});
