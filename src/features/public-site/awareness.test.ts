/**
 * The awareness pages through app.inject against a real database: the signs-of-abuse index and every topic page in
 * English and in a right-to-left language, with their language and direction; the adults' "Recognise, Respond,
 * Report"; what happens after you report, in full and in Easy Read; an unknown group or topic is the public 404;
 * and each view is counted under its page key once the counts are flushed (read back through the published read).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../db/client.js';
import { type TestApp, createTestApp } from '../../../test/support/app.js';
import { SIGNS_TOPICS } from './awareness-topics.js';
import { translator } from './i18n.js';
import { pageName, pageUse } from './published.js';
import { assetUrl } from '../../platform/assets.js';

let t: TestApp;
const en = translator('en');
const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('signs of abuse', () => {
  it('lists every topic in two groups, with the adults’ board’s message', async () => {
    const res = await t.client().get('/help/en/signs-of-abuse');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    expect(res.body).toContain('<html lang="en" dir="ltr"');
    for (const topic of SIGNS_TOPICS) {
      expect(res.body).toContain(`href="/help/en/signs-of-abuse/${topic.group}/${topic.slug}"`);
      expect(res.body).toContain(escaped(en.t(topic.messages.name)));
    }
    expect(res.body).toContain(escaped(en.t('signs.recognise.title')));
    expect(res.body).toContain('href="/help/en/report?about=child"');
    expect(res.body).toContain('href="/help/en/report?about=adult"');
    expect(res.body.indexOf(en.t('signs.groups.children.title'))).toBeLessThan(res.body.indexOf(en.t('signs.recognise.title')));
  });

  it('answers every topic page in English and in Urdu (right to left), each with its signs and what to do', async () => {
    for (const lang of ['en', 'ur']) {
      for (const topic of SIGNS_TOPICS) {
        const res = await t.client().get(`/help/${lang}/signs-of-abuse/${topic.group}/${topic.slug}`);
        expect(res.statusCode, topic.pageKey).toBe(200);
        expect(res.body).toContain(`<html lang="${lang}" dir="${lang === 'ur' ? 'rtl' : 'ltr'}"`);
        expect(res.body).toContain('govuk-exit-this-page');
        expect(res.body).toContain(`href="/help/${lang}/report?about=${topic.group === 'children' ? 'child' : 'adult'}"`);
        expect(res.body).toContain(`href="/help/${lang}/find-help"`);
        // The switcher keeps the reader on the same topic.
        expect(res.body).toContain(`href="/help/${lang === 'en' ? 'pl' : 'en'}/signs-of-abuse/${topic.group}/${topic.slug}"`);
        const tr = translator(lang);
        expect(res.body).toContain(escaped(tr.t(topic.messages.name)));
        for (const s of tr.paragraphs(topic.messages.signs)) expect(res.body).toContain(escaped(s));
      }
    }
  });

  it('keeps one page per topic (a kept page is never another topic’s)', async () => {
    const a = await t.client().get('/help/en/signs-of-abuse/children/neglect');
    const b = await t.client().get('/help/en/signs-of-abuse/adults/neglect');
    expect(a.body).toContain(escaped(en.t('signs.children.neglect.name')));
    expect(b.body).toContain(escaped(en.t('signs.adults.neglect.name')));
    expect(b.body).not.toContain(escaped(en.t('signs.children.neglect.summary')));
  });

  it('answers an unknown group, topic or language with the public 404', async () => {
    for (const url of ['/help/en/signs-of-abuse/children/not-a-topic', '/help/en/signs-of-abuse/pets/neglect', '/help/xx/signs-of-abuse', '/help/en/signs-of-abuse/children/toString']) {
      const res = await t.client().get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toContain('govuk-exit-this-page');
      expect(res.body).toContain(escaped(en.t('common.notFound.title')));
    }
  });
});

describe('what happens after you report', () => {
  it('explains each step, and links to the Easy Read version', async () => {
    const res = await t.client().get('/help/pl/what-happens-next');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="pl" dir="ltr"');
    for (const s of ['read', 'checks', 'family', 'confidential', 'outcome', 'anonymous', 'worse']) expect(res.body).toContain(escaped(translator('pl').t(`next.sections.${s}Title`)));
    expect(res.body).toContain('href="/help/pl/what-happens-next/easy-read"');
  });

  it('gives Easy Read a picture beside each point, hidden from screen readers', async () => {
    const res = await t.client().get('/help/ar/what-happens-next/easy-read');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="ar" dir="rtl"');
    const items = res.body.match(/<li class="app-easy-read__item">/g) ?? [];
    const pictures = res.body.match(/<svg class="app-easy-read__icon"[^>]*aria-hidden="true"/g) ?? [];
    expect(items.length).toBeGreaterThanOrEqual(10);
    expect(pictures).toHaveLength(items.length);
    expect(res.body).toContain(`href="${assetUrl('/public/public-easy-read.css')}"`);
    expect(res.body).toContain('href="/help/ar/what-happens-next"');
    expect(res.body).not.toMatch(/<script(?![^>]*src=)/);
    const css = await t.client().get(assetUrl('/public/public-easy-read.css'));
    expect(css.statusCode).toBe(200);
  });
});

describe('page views', () => {
  it('counts each view under its page key and language, read back through the published read', async () => {
    const site = t.app.services.publicSite;
    await site.flushPageCounts();
    const area = (await site.publicArea())!;
    const day = (await one<{ d: string }>(t.db.db, sql`select (now() at time zone 'Europe/London')::date::text as d`))!.d;
    const next = (await one<{ d: string }>(t.db.db, sql`select ((now() at time zone 'Europe/London')::date + 1)::text as d`))!.d;
    const before = await pageUse(t.db.db, area.id, day, next);
    const viewsOf = (xs: typeof before, page: string, lang: string) => xs.find((r) => r.page === page && r.language === lang)?.views ?? 0;

    await t.client().get('/help/sk/signs-of-abuse/adults/financial');
    await t.client().get('/help/sk/signs-of-abuse/adults/financial');
    await t.client().get('/help/sk/signs-of-abuse');
    await t.client().get('/help/sk/what-happens-next/easy-read');
    await t.client().get('/help/sk/signs-of-abuse/adults/nothing-here');
    expect(await site.flushPageCounts()).toBeGreaterThanOrEqual(3);

    const after = await pageUse(t.db.db, area.id, day, next);
    expect(viewsOf(after, 'signs.adults.financial', 'sk') - viewsOf(before, 'signs.adults.financial', 'sk')).toBe(2);
    expect(viewsOf(after, 'signs', 'sk') - viewsOf(before, 'signs', 'sk')).toBe(1);
    expect(viewsOf(after, 'what-happens-next.easy-read', 'sk') - viewsOf(before, 'what-happens-next.easy-read', 'sk')).toBe(1);
    expect(after.some((r) => r.page.includes('nothing-here'))).toBe(false);
    expect(pageName('signs.adults.financial')).toBe('Signs of abuse: adults: Financial or material abuse');
    expect(pageName('what-happens-next.easy-read')).toBe('What happens after you report (Easy Read)');
  });
});
