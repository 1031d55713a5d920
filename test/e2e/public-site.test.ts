/**
 * Issue 18's public front door in a browser, with no one signed in: every public page in every language scanned by
 * axe (WCAG 2.2 AA), each with its `lang` and `dir` and "Exit this page".
 *
 * A neighbour reports a worry about a child in Polish, anonymously — by keyboard only with JavaScript on, and again
 * with JavaScript off → the MASH screener finds the contact on the worklist by its reference, with the answers in the
 * reporter's words and the language noted. A victim opens "Find help", filters for domestic abuse and male victims,
 * and leaves with "Exit this page" (Shift three times, or the button), which deletes the report they had begun.
 *
 * The report form refuses a report sent sooner than a person could write one (report-service.ts): the app's clock is
 * the journey's, moved on before "Send report" instead of waiting.
 */
import { sql } from 'drizzle-orm';
import { type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../src/db/client.js';
import { LANGUAGES, translator } from '../../src/features/public-site/i18n.js';
import { DRAFT_COOKIE } from '../../src/features/public-site/site.js';
import { type Journey, Scanner, main, newContext, rowValue, signIn, startJourney } from './support.js';

/** Full-page screenshots of the key pages in English, Polish and Urdu, when PUBLIC_SHOTS names a folder. */
const SHOTS = process.env.PUBLIC_SHOTS ?? '';
const SHOT_LANGUAGES = new Set(['en', 'pl', 'ur']);
const EXIT_URL = 'https://www.bbc.co.uk/weather';
const POLISH = 'Dzieci z sąsiedztwa są same w domu od wczoraj, słyszę płacz przez ścianę. Chłopiec (około 6 lat) woła mamę — żółć, gęślą jaźń.';

let offset = 0;
let frozenAt: number | null = null;
const now = () => new Date(frozenAt ?? Date.now() + offset);
/** Stops the app's clock (a report sent now is sent "too soon", however slow the browser). */
const freeze = () => {
  frozenAt = Date.now() + offset;
};
/** Starts the clock again and moves it on past the shortest time a report may take to write. */
const later = () => {
  if (frozenAt !== null) offset = frozenAt - Date.now();
  frozenAt = null;
  offset += 10_000;
};

let j: Journey;
const scanner = new Scanner();

beforeAll(async () => {
  j = await startJourney({ now });
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => j?.close());

const pl = translator('pl').t;
const en = translator('en').t;

/** Where `/help/exit` sent the browser, each time (status and address). */
const exits: { status: number; location: string | undefined }[] = [];

/**
 * A context whose "Exit this page" lands on a neutral page served here (there is no internet). Chromium does not
 * let a route answer the hop of a redirect that a script's navigation follows, so `/help/exit` is asked of the app
 * as it is (its draft deleted, its cookie cleared: the answer's headers reach the browser) and its redirect is
 * followed by a fresh navigation, which the route answers.
 */
async function publicContext(javaScript: boolean): Promise<BrowserContext> {
  // Tall enough that a page's controls are seldom under the sticky "Exit this page" bar when scrolled to.
  const context = await j.browser.newContext({ baseURL: j.baseUrl, javaScriptEnabled: javaScript, viewport: { width: 1280, height: 2000 } });
  await context.route('https://www.bbc.co.uk/**', (r) => r.fulfill({ status: 200, body: '<html lang="en"><title>Weather</title><body>Weather</body></html>', contentType: 'text/html' }));
  await context.route(`${j.baseUrl}/help/exit`, async (route) => {
    const response = await route.fetch({ maxRedirects: 0 });
    const { location, 'content-length': _length, ...headers } = response.headers();
    exits.push({ status: response.status(), location });
    await route.fulfill({ status: 200, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' }, body: `<meta http-equiv="refresh" content="0;url=${location ?? '/'}">` });
  });
  return context;
}

/** Every public page: in its language, in its direction, with "Exit this page". */
async function frame(page: Page, lang: string): Promise<void> {
  const html = page.locator('html');
  expect(await html.getAttribute('lang'), page.url()).toBe(lang);
  expect(await html.getAttribute('dir'), page.url()).toBe(lang === 'ur' || lang === 'ar' ? 'rtl' : 'ltr');
  expect(await page.locator('.govuk-exit-this-page a.govuk-exit-this-page__button[href="/help/exit"]').count(), page.url()).toBe(1);
}

/** Checks the frame and scans the page once (by label), with a screenshot when asked for. */
async function seen(page: Page, lang: string, name: string): Promise<void> {
  await frame(page, lang);
  await scanner.scan(page, `${lang} ${name}`);
  if (SHOTS && SHOT_LANGUAGES.has(lang)) {
    const file = `${SHOTS}/${lang}-${name.replace(/[^a-z0-9-]+/gi, '-')}`;
    await page.screenshot({ path: `${file}.png`, fullPage: true });
    await page.screenshot({ path: `${file}-top.png`, clip: { x: 0, y: 0, width: 1280, height: 1100 } });
  }
}

const failed = (page: Page, run: string) => async (e: unknown) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/failed-${run}.png`, fullPage: true }).catch(() => undefined);
  throw e;
};

// ——— by keyboard only ———

const focusedMatches = async (page: Page, selector: string) => (await page.locator(`:is(${selector}):focus`).count()) > 0;

/** Presses Tab until the element matching `selector` has the focus. */
async function tabTo(page: Page, selector: string, most = 60): Promise<void> {
  for (let i = 0; i < most; i += 1) {
    await page.keyboard.press('Tab');
    if (await focusedMatches(page, selector)) return;
  }
  throw new Error(`Tab never reached ${selector} on ${page.url()}`);
}

/** From the top of the page, the skip link (the first Tab) to the main content. */
async function skipToMain(page: Page): Promise<void> {
  await page.keyboard.press('Tab');
  expect(await focusedMatches(page, '.govuk-skip-link')).toBe(true);
  await page.keyboard.press('Enter');
}

/** Tabs into a radio group and moves with the arrow keys to `value` (an arrow checks it; Space checks the first). */
async function chooseRadio(page: Page, name: string, value: string): Promise<void> {
  await tabTo(page, `input[type="radio"][name="${name}"]`);
  for (let i = 0; i < 10; i += 1) {
    if (await focusedMatches(page, `input[name="${name}"][value="${value}"]`)) {
      if (!(await focusedMatches(page, ':checked'))) await page.keyboard.press('Space');
      expect(await page.locator(`input[name="${name}"][value="${value}"]`).isChecked()).toBe(true);
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no ${name} = ${value}`);
}

async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

/** Tabs to the page's button in the main content and presses Enter; the page moves on to `url`. */
async function enterButton(page: Page, url: RegExp): Promise<void> {
  await tabTo(page, 'main .govuk-button');
  await page.keyboard.press('Enter');
  await page.waitForURL(url);
}

// ——— journey 1: an anonymous neighbour's report in Polish ———

async function reportByKeyboard(page: Page): Promise<void> {
  await page.goto('/help/pl');
  await seen(page, 'pl', 'home');
  await tabTo(page, 'main a[href="/help/pl/report?about=child"]');
  expect(((await page.locator(':focus').textContent()) ?? '').trim()).toBe(pl('home.reportChild.title'));
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/help\/pl\/report\?about=child$/);
  await seen(page, 'pl', 'report start');
  await enterButton(page, /\/help\/pl\/report\/danger$/);

  await skipToMain(page);
  await chooseRadio(page, 'danger', 'no');
  await enterButton(page, /\/report\/who$/);
  await skipToMain(page);
  await chooseRadio(page, 'who', 'neighbour');
  await enterButton(page, /\/report\/happening$/);
  await skipToMain(page);
  await typeInto(page, '#happening', POLISH);
  await enterButton(page, /\/report\/subject$/);
  await skipToMain(page);
  await tabTo(page, 'input[name="nameUnknown"]');
  await page.keyboard.press('Space');
  await typeInto(page, '#age', '6');
  await typeInto(page, '#address', 'ul. Lipowa, niedaleko parku');
  await enterButton(page, /\/report\/about-you$/);
  await skipToMain(page);
  await chooseRadio(page, 'giveName', 'no');
  await typeInto(page, '#relationship', 'Mieszkam obok, za ścianą');
  await enterButton(page, /\/report\/contact$/);
  await skipToMain(page);
  await chooseRadio(page, 'contactMe', 'no');
  await enterButton(page, /\/report\/check$/);
  await seen(page, 'pl', 'report check');
  expect(await main(page)).toContain(POLISH);
  later();
  await skipToMain(page);
  await enterButton(page, /\/help\/pl\/report\/sent$/);
}

async function reportByMouse(page: Page): Promise<void> {
  await page.goto('/help/pl');
  await page.getByRole('link', { name: pl('home.reportChild.title') }).click();
  await page.waitForURL(/\/help\/pl\/report\?about=child$/);
  await next(page, /\/report\/danger$/);
  await page.getByLabel(pl('common.no'), { exact: true }).check();
  await next(page, /\/report\/who$/);
  await page.getByLabel(pl('report.who.options.neighbour')).check();
  await next(page, /\/report\/happening$/);
  await page.locator('#happening').fill(POLISH);
  await next(page, /\/report\/subject$/);
  await page.getByLabel(pl('report.subject.nameUnknown')).check();
  await page.locator('#age').fill('6');
  await page.locator('#address').fill('ul. Lipowa, niedaleko parku');
  await next(page, /\/report\/about-you$/);
  await page.locator('input[name="giveName"][value="no"]').check();
  await page.locator('#relationship').fill('Mieszkam obok, za ścianą');
  await next(page, /\/report\/contact$/);
  await page.locator('input[name="contactMe"][value="no"]').check();
  await next(page, /\/report\/check$/);
  expect(await main(page)).toContain(POLISH);
  later();
  await next(page, /\/help\/pl\/report\/sent$/);
}

/** The table row linking to `reference`, paging on through the worklist until it appears. */
async function rowOnSomePage(page: Page, reference: string) {
  for (;;) {
    const row = page.locator('tbody tr', { has: page.getByRole('link', { name: reference, exact: true }) });
    if ((await row.count()) > 0) return row.first();
    const next = page.locator('.govuk-pagination__next a');
    if ((await next.count()) === 0) throw new Error(`${reference} is not on the worklist`);
    const before = page.url();
    await next.click();
    await page.waitForURL((u) => u.toString() !== before);
  }
}

async function polishReport(javaScript: boolean): Promise<void> {
  const context = await publicContext(javaScript);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await (javaScript ? reportByKeyboard(page) : reportByMouse(page)).catch(failed(page, `polish-report-${javaScript ? 'js' : 'no-js'}`));
  await frame(page, 'pl');
  expect(await page.locator('.govuk-panel__title').textContent()).toContain(pl('report.sent.title'));
  const reference = ((await page.locator('.govuk-panel__body strong').textContent()) ?? '').trim();
  expect(reference).toMatch(/^C-\d{4}-\d{6}$/);
  await context.close();

  const report = await one<{ language: string; anonymous: boolean; happening: string }>(
    j.t.db.db,
    sql`select r.language, r.anonymous, r.answers->>'happening' as happening from public_report r join contact c on c.id = r.contact_id where c.reference = ${reference}`,
  );
  expect(report).toEqual({ language: 'pl', anonymous: true, happening: POLISH });

  // ——— the MASH screener finds it on the worklist ———
  const staff = await newContext(j, { javaScript });
  const screener = await staff.newPage();
  screener.setDefaultTimeout(20_000);
  await signIn(screener, 'screener');
  await screener.getByRole('navigation', { name: 'Menu', exact: true }).getByRole('link', { name: 'Front door', exact: true }).click();
  await screener.getByRole('navigation', { name: 'Front door', exact: true }).getByRole('link', { name: 'Worklist', exact: true }).click();
  await screener.waitForURL((u) => u.pathname === '/worklist');
  const row = await rowOnSomePage(screener, reference);
  await row.getByRole('link', { name: reference, exact: true }).click();
  await screener.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
  if (javaScript) await scanner.scan(screener, 'staff: contact from the public site (Polish)');
  const text = await main(screener);
  expect(text).toContain(POLISH);
  expect(text).toContain('Mieszkam obok, za ścianą');
  expect(await rowValue(screener, 'Language')).toBe('Polish – the reporter’s own words, not translated');
  expect(await screener.locator('main [lang="pl"]', { hasText: 'Dzieci z sąsiedztwa' }).count()).toBeGreaterThan(0);
  await staff.close();
}

describe('a neighbour reports a worry about a child in Polish, anonymously, and the MASH screener reads it', () => {
  it('by keyboard only, with JavaScript', { timeout: 90_000 }, async () => {
    await polishReport(true);
  });

  it('without JavaScript', { timeout: 90_000 }, async () => {
    await polishReport(false);
  });
});

// ——— journey 2: find help, then leave quickly ———

async function findHelpAndLeave(page: Page, context: BrowserContext, javaScript: boolean): Promise<void> {
  // They had begun a report, then looked for help instead.
  await page.goto('/help/en');
  await page.getByRole('link', { name: en('home.reportAdult.title') }).click();
  await page.waitForURL(/\/help\/en\/report\?about=adult$/);
  await page.locator('main .govuk-button').click();
  await page.waitForURL(/\/help\/en\/report\/danger$/);
  const draft = (await context.cookies()).find((c) => c.name === DRAFT_COOKIE)!.value;
  const draftId = draft.split('.')[0]!;
  expect(await one(j.t.db.db, sql`select 1 as found from public_report_draft where id = ${draftId}`)).toBeDefined();

  await page.locator('footer').getByRole('link', { name: en('common.footer.findHelp') }).click();
  await page.waitForURL(/\/help\/en\/find-help$/);
  await page.getByLabel(en('findHelp.needs.domestic_abuse'), { exact: true }).check();
  await page.getByLabel(en('findHelp.needs.male_victims'), { exact: true }).check();
  await page.getByRole('button', { name: en('findHelp.filter.submit') }).click();
  await page.waitForURL((u) => u.pathname === '/help/en/find-help' && u.searchParams.getAll('need').join() === 'domestic_abuse,male_victims');
  await frame(page, 'en');
  const titles = (await page.locator('main .govuk-summary-card__title').allTextContents()).map((s) => s.trim());
  // Services for male victims of domestic abuse first; nothing that meets neither need.
  expect(titles.slice(0, 3).sort()).toEqual(['Fernmoor Men’s Domestic Abuse Support', 'ManKind Initiative', 'Men’s Advice Line']);
  for (const unrelated of ['Samaritans', 'NSPCC Helpline', 'Shelter Emergency Helpline', 'Fernmoor Early Help Hub: North']) expect(titles).not.toContain(unrelated);
  expect(await main(page)).toContain('0808 8010 327');

  if (javaScript) {
    // The GOV.UK shortcut: Shift three times.
    await page.locator('h1').click();
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('Shift');
  } else {
    await page.locator('.govuk-exit-this-page__button').click();
  }
  await page.waitForURL(EXIT_URL);
  expect(await page.title()).toBe('Weather');
  expect(exits.at(-1)).toEqual({ status: 303, location: EXIT_URL });
  expect((await context.cookies()).find((c) => c.name === DRAFT_COOKIE)).toBeUndefined();
  expect(await one(j.t.db.db, sql`select 1 as found from public_report_draft where id = ${draftId}`)).toBeUndefined();
}

describe('a victim finds help for male victims of domestic abuse, then leaves with "Exit this page"', () => {
  for (const javaScript of [true, false]) {
    it(javaScript ? 'with JavaScript, by the Shift shortcut' : 'without JavaScript, by the button', { timeout: 60_000 }, async () => {
      const context = await publicContext(javaScript);
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      await findHelpAndLeave(page, context, javaScript).catch(failed(page, `find-help-${javaScript ? 'js' : 'no-js'}`));
      await context.close();
    });
  }
});

// ——— every public page in every language ———

const FILTER = '?need=domestic_abuse&need=male_victims&age=adults';

/** The pages that hold no one's data (and the public error pages), with the status each answers. */
const STATIC_PAGES: [name: string, path: (lang: string) => string, status: number][] = [
  ['home', (l) => `/help/${l}`, 200],
  ['find help (filtered)', (l) => `/help/${l}/find-help${FILTER}`, 200],
  ['find help (search too long)', (l) => `/help/${l}/find-help?q=${'a'.repeat(120)}`, 400],
  ['campaigns', (l) => `/help/${l}/campaigns`, 200],
  ['signs of abuse', (l) => `/help/${l}/signs-of-abuse`, 200],
  ['signs: neglect of a child', (l) => `/help/${l}/signs-of-abuse/children/neglect`, 200],
  ['signs: financial abuse of an adult', (l) => `/help/${l}/signs-of-abuse/adults/financial`, 200],
  ['what happens next', (l) => `/help/${l}/what-happens-next`, 200],
  ['what happens next (easy read)', (l) => `/help/${l}/what-happens-next/easy-read`, 200],
  ['covering your tracks', (l) => `/help/${l}/covering-your-tracks`, 200],
  ['not found', (l) => `/help/${l}/no-such-page`, 404],
  ['bad request', (l) => `/help/${l}/find-help?q=%00`, 400],
];

/** Visits each item on one of the pages, a page at a time each (axe is most of the time, and each page has its own process). */
async function onPages<T>(pages: Page[], items: readonly T[], visit: (page: Page, item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    pages.map(async (page, i) => {
      while (next < items.length) {
        const item = items[next]!;
        next += 1;
        await visit(page, item).catch(failed(page, `pages-${i}`));
      }
    }),
  );
}

/** Sends the form on the page; the page moves on to `url`. */
async function next(page: Page, url: RegExp): Promise<void> {
  await page.locator('main button.govuk-button').click();
  await page.waitForURL(url);
}

/** Walks the report form once in a language: every question page, the 999 and professional pages, an error, sent. */
async function reportPages(page: Page, lang: string): Promise<void> {
  await page.goto(`/help/${lang}/report?about=child`);
  await seen(page, lang, 'report start');
  await next(page, /\/report\/danger$/);
  await seen(page, lang, 'report danger');
  await page.locator('main button.govuk-button').click();
  await page.locator('.govuk-error-summary').waitFor();
  await seen(page, lang, 'report danger (error)');
  await page.locator('input[name="danger"][value="yes"]').check();
  await next(page, /\/report\/call-999$/);
  await seen(page, lang, 'report call 999');
  await page.locator('main a.govuk-button').click();
  await page.waitForURL(/\/report\/who$/);
  await seen(page, lang, 'report who');
  await page.locator('input[name="who"][value="professional"]').check();
  await next(page, /\/report\/professional$/);
  await seen(page, lang, 'report professional');
  await page.locator(`main a[href="/help/${lang}/report/who"]`).click();
  await page.waitForURL(/\/report\/who$/);
  await page.locator('input[name="who"][value="family"]').check();
  await next(page, /\/report\/happening$/);
  await seen(page, lang, 'report happening');
  await page.locator('#happening').fill('The children next door are left alone overnight.');
  await next(page, /\/report\/subject$/);
  await seen(page, lang, 'report subject');
  await page.locator('#givenNames').fill('Kai');
  await page.locator('#age').fill('6');
  await next(page, /\/report\/about-you$/);
  await seen(page, lang, 'report about you');
  await page.locator('input[name="giveName"][value="yes"]').check();
  await page.locator('#reporterName').fill('Alex Example');
  await next(page, /\/report\/contact$/);
  await seen(page, lang, 'report contact');
  await page.locator('input[name="contactMe"][value="no"]').check();
  await next(page, /\/report\/check$/);
  await seen(page, lang, 'report check');
  later();
  await next(page, /\/report\/sent$/);
  await seen(page, lang, 'report sent');
}

/** A report sent sooner than a person could write one (the clock stands still meanwhile) is refused, in each language. */
async function tooSoonPages(page: Page): Promise<void> {
  freeze();
  try {
    await page.goto('/help/en/report?about=adult');
    await next(page, /\/report\/danger$/);
    await page.locator('input[name="danger"][value="no"]').check();
    await next(page, /\/report\/who$/);
    await page.locator('input[name="who"][value="public"]').check();
    await next(page, /\/report\/happening$/);
    await page.locator('#happening').fill('A man on my street is shouted at and locked out at night.');
    await next(page, /\/report\/subject$/);
    await next(page, /\/report\/about-you$/);
    await page.locator('input[name="giveName"][value="no"]').check();
    await next(page, /\/report\/contact$/);
    await page.locator('input[name="contactMe"][value="no"]').check();
    await next(page, /\/report\/check$/);
    for (const { code } of LANGUAGES) {
      // The switcher keeps the place and the draft: the same answers, checked in another language.
      await page.goto(`/help/${code}/report/check`);
      await page.locator('main button.govuk-button').click();
      await page.locator(`main a[href="/help/${code}/report/check"]`).waitFor();
      await seen(page, code, 'report refused (too soon)');
    }
  } finally {
    later();
  }
}

describe('every public page in every language', () => {
  // Three pages, each in its own context: a page behind another in the same window has its animation frames
  // throttled, which makes every click wait.
  let contexts: BrowserContext[] = [];
  let pages: Page[];
  beforeAll(async () => {
    contexts = await Promise.all([publicContext(true), publicContext(true), publicContext(true)]);
    pages = await Promise.all(contexts.map((c) => c.newPage()));
    for (const p of pages) p.setDefaultTimeout(30_000);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
  });

  it('the report form from start to sent in each language', { timeout: 240_000 }, async () => {
    await onPages(pages, LANGUAGES.map(({ code }) => code), reportPages);
  });

  it('the pages that hold no one’s data, in each language', { timeout: 240_000 }, async () => {
    const visits = LANGUAGES.flatMap(({ code }) => STATIC_PAGES.map(([name, path, status]) => ({ code, name, path: path(code), status })));
    await onPages(pages, visits, async (page, v) => {
      const res = await page.goto(v.path);
      expect(res?.status(), v.path).toBe(v.status);
      await seen(page, v.code, v.name);
    });
  });

  it('a report sent too soon is refused, in each language', { timeout: 60_000 }, async () => {
    await tooSoonPages(pages[0]!).catch(failed(pages[0]!, 'too-soon'));
  });

  it('the busy and unavailable pages give the numbers to call', { timeout: 60_000 }, async () => {
    const site = j.t.app.services.publicSite;
    const publicArea = site.publicArea.bind(site);
    try {
      for (const [name, error, status] of [
        ['unavailable', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 503],
        ['busy', Object.assign(new Error('Rate limit exceeded'), { statusCode: 429 }), 429],
      ] as const) {
        site.publicArea = () => Promise.reject(error);
        await onPages(pages, LANGUAGES, async (page, { code }) => {
          const res = await page.goto(`/help/${code}/campaigns`);
          expect(res?.status()).toBe(status);
          expect(await main(page)).toContain(j.t.config.publicSite.childrenPhone);
          await seen(page, code, name);
        });
      }
    } finally {
      site.publicArea = publicArea;
    }
  });

  it('the switcher keeps the place: Find help with its filters, from Polish to Urdu', async () => {
    const page = pages[0]!;
    await page.goto(`/help/pl/find-help${FILTER}`);
    await page.locator('.govuk-language-navigation a[hreflang="ur"]').click();
    await page.waitForURL((u) => u.pathname === '/help/ur/find-help');
    expect(new URL(page.url()).search).toBe(FILTER);
    await frame(page, 'ur');
    for (const need of ['domestic_abuse', 'male_victims']) expect(await page.locator(`input[name="need"][value="${need}"]`).isChecked()).toBe(true);
    expect(await page.locator('input[name="age"][value="adults"]').isChecked()).toBe(true);
  });
});

describe('accessibility', () => {
  it('finds no WCAG 2.2 AA violations on any public page in any language, errors included', () => {
    const perLanguage = STATIC_PAGES.length + 2 + 13;
    for (const { code } of LANGUAGES) expect([...scanner.visited.keys()].filter((k) => k.startsWith(`${code} `)).length, code).toBe(perLanguage);
    scanner.assertClean();
  });
});
