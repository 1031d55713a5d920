/**
 * The public site is kept apart from everything signed-in (issue 18: "no signed-in page or API reachable from the
 * public paths"):
 * - every route under /help is public, and the only other public routes are the ones listed here (sign-in, health,
 *   assets, the API's token and contact endpoints that need their own credentials, the training questionnaire's
 *   one-use link);
 * - crawling every public page in every language from its home page finds only links to public pages, assets, the
 *   exit and outside sites (a phone number, an email, a service's website), and every page answers without a 5xx;
 * - on the public host (PUBLIC_HOST) every other route of the application answers 404 for every method, with
 *   nothing written; the public site and its assets still answer there;
 * - a staff member's session cookie changes nothing on a public page (no name, no sign-out, no navigation).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../src/db/client.js';
import { LANGUAGES } from '../src/features/public-site/i18n.js';
import { isPublicPath } from '../src/features/public-site/paths.js';
import { type TestApp, createTestApp } from './support/app.js';

const PUBLIC_HOST = 'help.fernmoor.test';

/** Public routes outside the public site, each needing its own credential or being the way in. */
const OTHER_PUBLIC = [
  /^\/assets\//,
  /^\/public\//,
  /^\/health(\/ready)?$/,
  /^\/info$/,
  /^\/sign-in(\/second-factor)?$/,
  /^\/account\/second-factor$/,
  /^\/sign-out$/,
  /^\/accessibility$/,
  /^\/privacy$/,
  /^\/api\/v1\/(oauth\/token|contacts|contacts\/:id|openapi\.json)$/,
  /^\/training\/impact\/:token$/,
];

let t: TestApp;
let onHost: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  onHost = await createTestApp({ env: { PUBLIC_HOST } });
});
afterAll(async () => {
  await t?.close();
  await onHost?.close();
});

const links = (html: string) => [...html.matchAll(/(?:href|action)="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

describe('the public site’s separation', () => {
  it('has only public routes under /help, and no other public route than the listed ones', () => {
    for (const r of t.app.registeredRoutes) {
      if (isPublicPath(r.url)) expect(`${r.method} ${r.url}: ${String(r.rule)}`).toBe(`${r.method} ${r.url}: public`);
      else if (r.rule === 'public') expect(OTHER_PUBLIC.some((p) => p.test(r.url)), `${r.method} ${r.url} is public outside /help`).toBe(true);
    }
  });

  it('links only to public pages, assets and outside sites, from every page reachable in every language', async () => {
    const seen = new Set<string>();
    const queue = LANGUAGES.map((l) => `/help/${l.code}`);
    const offending: string[] = [];
    while (queue.length && seen.size < 800) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await t.client().get(url);
      expect(res.statusCode, url).toBeLessThan(500);
      if (!String(res.headers['content-type'] ?? '').startsWith('text/html')) continue;
      for (const link of links(res.body)) {
        if (/^(https:\/\/|tel:|mailto:|sms:|#)/.test(link) || link === '') continue;
        const path = link.split('#')[0]!.split('?')[0]!;
        if (!(isPublicPath(path) || path.startsWith('/assets/') || path.startsWith('/public/'))) offending.push(`${url} → ${link}`);
        else if (isPublicPath(path) && path !== '/help/exit' && !link.includes('/report/') && !seen.has(link.split('#')[0]!)) queue.push(link.split('#')[0]!);
      }
    }
    expect(offending).toEqual([]);
    expect(seen.size).toBeGreaterThan(LANGUAGES.length);
  });

  it('answers 404 on the public host for every signed-in route and API, writing nothing', async () => {
    const staff = await onHost.as('screener');
    const before = await one<{ audit: number; contacts: number }>(onHost.db.db, sql`select (select count(*)::int from audit_event) as audit, (select count(*)::int from contact) as contacts`);
    const id = '00000000-0000-4000-8000-000000000000';
    const checked: string[] = [];
    for (const r of onHost.app.registeredRoutes) {
      if (r.url === '/' || isPublicPath(r.url) || r.url.startsWith('/assets/') || r.url.startsWith('/public/') || r.url.startsWith('/health') || r.method === 'OPTIONS') continue;
      const url = r.url.replace(/:[a-zA-Z]+/g, id).replace(/\*$/, 'x');
      const res = await onHost.app.inject({ method: r.method as 'GET', url, headers: { host: PUBLIC_HOST, cookie: staff.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' }, payload: r.method === 'GET' || r.method === 'HEAD' ? undefined : 'a=1' });
      expect(`${r.method} ${r.url} → ${res.statusCode}`).toBe(`${r.method} ${r.url} → 404`);
      checked.push(r.url);
    }
    const after = await one<{ audit: number; contacts: number }>(onHost.db.db, sql`select (select count(*)::int from audit_event) as audit, (select count(*)::int from contact) as contacts`);
    expect(after).toEqual(before);
    expect(checked.length).toBeGreaterThan(100);
    const home = await onHost.app.inject({ method: 'GET', url: '/help/en', headers: { host: PUBLIC_HOST } });
    expect(home.statusCode).toBe(200);
    const root = await onHost.app.inject({ method: 'GET', url: '/', headers: { host: PUBLIC_HOST } });
    expect(root.statusCode).toBe(303);
    expect(root.headers.location).toBe('/help');
    // The staff host (any other name) still serves the staff pages.
    const signIn = await onHost.app.inject({ method: 'GET', url: '/sign-in', headers: { host: 'threshold.fernmoor.test' } });
    expect(signIn.statusCode).toBe(200);
  });

  it('shows nothing of a signed-in member of staff on a public page', async () => {
    const staff = await t.as('screener');
    const res = await staff.get('/help/en');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('Sign out');
    expect(res.body).not.toContain('Signed in as');
    expect(res.body).not.toContain('govuk-service-navigation');
  });
});
