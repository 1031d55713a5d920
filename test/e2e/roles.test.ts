/**
 * Every role's first screen, in a browser (issue 19): for one demo user of each role, sign in, open Home, count the
 * top-level navigation items and read the home page's panels. Each role's home must have at most seven top-level
 * items, show its work (a panel) or say plainly there is nothing to do, and pass axe; every page is screenshot and
 * measured (test/e2e/support.ts). A few roles then walk every top-level item with JavaScript off: each opens its
 * page, marked as the current one. The findings are written to test-results/roles.md.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.js';
import { DEMO_EMAIL_DOMAIN } from '../../src/db/seed/demo.js';
import { ROLES, type Role } from '../../src/domain/roles.js';
import { currentTotp } from '../../src/platform/totp.js';
import { type Journey, Scanner, newContext, signIn, startJourney } from './support.js';

const MAX_TOP_LEVEL_ITEMS = 7;
/** Roles whose every top-level item is opened with JavaScript off: the most items, and a partner's few. */
const WITHOUT_JAVASCRIPT: readonly Role[] = ['mash_screener', 'marac_coordinator', 'school_dsl', 'adult_safeguarding_worker', 'board_analyst'];
const REPORT = resolve('test-results/roles.md');

interface NavItem {
  text: string;
  href: string;
  current: boolean;
}
interface Panel {
  heading: string;
  links: string[];
}
interface Home {
  nav: NavItem[];
  /** The current area's own navigation (under the user bar), if it has one. */
  area: string[];
  panels: Panel[];
  paragraphs: string[];
  text: string;
}
interface Finding {
  role: Role;
  user: string;
  nav: NavItem[];
  panels: Panel[];
  nothing?: string;
  problems: string[];
  withoutJavaScript?: string[];
}

/** The top-level service navigation and the home page's headings with the links under each (run in the page). */
const READ_HOME = `(() => {
  const text = (e) => (e.textContent || '').replace(/\\s+/g, ' ').trim();
  const nav = [...document.querySelectorAll('.govuk-service-navigation__list > .govuk-service-navigation__item')].map((li) => {
    const a = li.querySelector('a');
    return { text: text(li), href: a ? a.getAttribute('href') : '', current: li.classList.contains('govuk-service-navigation__item--active') || !!li.querySelector('[aria-current]') };
  });
  const main = document.querySelector('main');
  const headings = [...main.querySelectorAll('h2')].filter((h) => !h.closest('.govuk-notification-banner, .govuk-error-summary'));
  const panels = headings.map((h) => {
    const box = h.closest('section');
    const links = [];
    if (box && box !== main && main.contains(box)) links.push(...[...box.querySelectorAll('a')].map(text));
    else for (let n = h.nextElementSibling; n && n.tagName !== 'H2'; n = n.nextElementSibling) links.push(...[...n.querySelectorAll('a')].map(text));
    return { heading: text(h), links };
  });
  const area = [...document.querySelectorAll('.app-area-navigation .moj-sub-navigation__item')].map(text);
  return { nav, area, panels, paragraphs: [...main.querySelectorAll('p')].map(text), text: text(main) };
})()`;

const readHome = async (page: Page): Promise<Home> => (await page.evaluate(READ_HOME)) as Home;

/** Signs in; an account that must have a second factor (the administrator) sets up its authenticator app first. */
async function signInAs(page: Page, user: string): Promise<void> {
  await signIn(page, user);
  if (!new URL(page.url()).pathname.startsWith('/account/second-factor')) return;
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  await page.getByLabel('Security code').fill(await currentTotp(secret));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/account/second-factor'));
}

let j: Journey;
const scanner = new Scanner({ axePerRole: true });
/** The first demo user of each role (screener before screener2). */
const userOf = new Map<string, string>();
const findings = new Map<Role, Finding>();

beforeAll(async () => {
  j = await startJourney();
  const users = await rows<{ role: string; email: string }>(
    j.t.db.db,
    sql`select distinct on (r.role) r.role, u.email from role_assignment r join app_user u on u.id = r.user_id
         where u.email like ${`%@${DEMO_EMAIL_DOMAIN}`} and u.disabled_at is null order by r.role, length(u.email), u.email`,
  );
  for (const u of users) userOf.set(u.role, u.email.slice(0, u.email.indexOf('@')));
});

afterAll(async () => {
  await writeReport().catch(() => undefined);
  await j?.close();
});

describe('every role’s first screen in a browser', () => {
  for (const role of Object.keys(ROLES) as Role[]) {
    it(`shows ${role} at most ${MAX_TOP_LEVEL_ITEMS} top-level items and a home page with its work`, async () => {
      const user = userOf.get(role);
      expect(user, `no demo user has the role ${role}`).toBeDefined();
      const context = await newContext(j, { javaScript: true });
      try {
        const page = await context.newPage();
        await signInAs(page, user!);
        await page.goto('/');
        const { role: signedIn } = await scanner.check(page);
        await scanner.scan(page);
        const violations = scanner.visited.get(`${signedIn} /`) ?? [];
        const home = await readHome(page);
        const nothing = home.paragraphs.find((p) => /\bnothing\b/i.test(p));
        const placeholder = /pages will appear here/i.test(home.text);
        const problems = [
          ...(home.nav.length > MAX_TOP_LEVEL_ITEMS ? [`${home.nav.length} top-level navigation items (at most ${MAX_TOP_LEVEL_ITEMS})`] : []),
          ...(placeholder ? ['the home page says “Your role’s pages will appear here”'] : []),
          ...(home.panels.length === 0 && !nothing ? ['the home page has no panel and does not say there is nothing to do'] : []),
          ...(home.nav.some((n) => n.current && n.href === '/') || home.nav.length === 0 ? [] : ['Home is not marked as the current item']),
          ...violations.map((v) => `axe: ${v}`),
        ];
        findings.set(role, { role, user: user!, nav: home.nav, panels: home.panels, ...(nothing ? { nothing } : {}), problems });
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  for (const role of WITHOUT_JAVASCRIPT) {
    it(`lets ${role} open every top-level item with JavaScript off`, async () => {
      const user = userOf.get(role);
      expect(user, `no demo user has the role ${role}`).toBeDefined();
      const context = await newContext(j, { javaScript: false });
      const problems: string[] = [];
      const opened: string[] = [];
      try {
        const page = await context.newPage();
        await signInAs(page, user!);
        await page.goto('/');
        const { nav } = await readHome(page);
        expect(nav.length).toBeGreaterThan(0);
        // From one area to the next by the navigation itself, as someone would.
        for (const item of nav.filter((n) => n.href !== '/')) {
          await page.locator('.govuk-service-navigation__list').getByRole('link', { name: item.text, exact: true }).first().click();
          await page.waitForLoadState('domcontentloaded');
          const status = (await page.locator('h1').first().textContent().catch(() => null))?.trim() ?? '';
          const there = await readHome(page);
          const now = there.nav.find((n) => n.text === item.text);
          opened.push(`${item.text} → ${new URL(page.url()).pathname}: “${status}”${there.area.length ? ` (the area’s pages: ${there.area.join(' · ')})` : ''}`);
          if (!status || /not found|something went wrong|not allowed|cannot/i.test(status)) problems.push(`${item.text} (${item.href}) opened “${status}”`);
          if (!now?.current) problems.push(`${item.text} is not marked as the current item on its own page`);
          await scanner.check(page);
        }
      } finally {
        await context.close();
      }
      const f = findings.get(role);
      if (f) f.withoutJavaScript = [...opened, ...problems.map((p) => `Problem: ${p}`)];
      expect(problems).toEqual([]);
    });
  }

  it('finds no WCAG 2.2 AA violations, and no page wider than the screen or too long, on any page visited', () => {
    scanner.assertClean();
  });
});

/** test/e2e/../../test-results/roles.md: a table of every role, then each role's navigation and home page. */
async function writeReport(): Promise<void> {
  const all = [...findings.values()];
  const lines = [
    '# Each role’s navigation and home page',
    '',
    `From a browser run of \`test/e2e/roles.test.ts\` (Chromium, 1280 × 720, JavaScript on), ${new Date().toISOString().slice(0, 10)}.`,
    `At most ${MAX_TOP_LEVEL_ITEMS} top-level items; the home page shows panels or says there is nothing to do.`,
    '',
    '| Role | Demo user | Top-level items | Home panels | Problems |',
    '|---|---|---|---|---|',
    ...all.map((f) => `| ${ROLES[f.role]} (\`${f.role}\`) | ${f.user} | ${f.nav.length} | ${f.panels.length} | ${f.problems.length ? f.problems.join('; ') : 'none'} |`),
    '',
  ];
  const sizes = [...scanner.measured.values()].filter((m) => m.problems.length);
  if (sizes.length) lines.push('## Pages too wide or too long', '', ...sizes.map((m) => `- ${m.key} as ${m.role}: ${m.problems.join('; ')}`), '');
  for (const f of all) {
    lines.push(`## ${ROLES[f.role]} (\`${f.role}\`, ${f.user}@${DEMO_EMAIL_DOMAIN})`, '');
    lines.push(`Navigation (${f.nav.length}): ${f.nav.map((n) => (n.current ? `**${n.text}**` : n.text)).join(' · ') || 'none'}`, '');
    if (f.panels.length) {
      lines.push('Home:', '');
      for (const p of f.panels) lines.push(`- **${p.heading}**${p.links.length ? `: ${p.links.join('; ')}` : ''}`);
      lines.push('');
    }
    if (f.nothing) lines.push(`Home says: “${f.nothing}”`, '');
    if (f.withoutJavaScript) lines.push('With JavaScript off:', '', ...f.withoutJavaScript.map((w) => `- ${w}`), '');
    if (f.problems.length) lines.push('Problems:', '', ...f.problems.map((p) => `- ${p}`), '');
  }
  await mkdir(dirname(REPORT), { recursive: true });
  await writeFile(REPORT, `${lines.join('\n')}\n`);
}
