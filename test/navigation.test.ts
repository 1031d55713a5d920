/**
 * The navigation as rendered (issue 19): a few areas in the GOV.UK service navigation, the current area's pages in
 * an MOJ sub-navigation at the top of the page, Notifications and Your account in the user bar.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from './support/app.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const topLevel = (html: string) => [...html.matchAll(/<li class="govuk-service-navigation__item[^"]*">\s*<a[^>]*>\s*(?:<strong[^>]*>)?([^<]+)/g)].map((m) => m[1]!.trim());
const areaNav = (html: string) => /<nav class="moj-sub-navigation app-area-navigation" aria-label="([^"]+)">([\s\S]*?)<\/nav>/.exec(html);

describe('the navigation on a page', () => {
  it('gives the screener seven areas, and Notifications and Your account in the user bar', async () => {
    const page = await (await t.as('screener')).get('/');
    expect(page.statusCode).toBe(200);
    expect(topLevel(page.body)).toEqual(['Home', 'Front door', 'People', 'Domestic abuse', 'Children', 'Enquiry requests', 'Partnership']);
    expect(page.body).toMatch(/<a class="govuk-service-navigation__link" href="\/" aria-current="page">/);
    const bar = /<div class="app-user-bar[\s\S]*?<\/div>/.exec(page.body)![0];
    expect(bar).toContain('href="/notifications"');
    expect(bar).toContain('href="/account"');
    expect(bar).toContain('Sign out');
    expect(areaNav(page.body)).toBeNull();
  });

  it('marks the area and the page deep inside it, and lists the area’s pages at the top of the page', async () => {
    const client = await t.as('screener');
    const list = await client.get('/marac/meetings');
    expect(list.statusCode).toBe(200);
    expect(list.body).toMatch(/<a class="govuk-service-navigation__link" href="\/domestic-abuse" aria-current="true">/);
    const nav = areaNav(list.body)!;
    expect(nav[1]).toBe('Domestic abuse');
    expect(nav[2]).toMatch(/aria-current="true"\s+href="\/marac"|href="\/marac" aria-current="true"/);
    expect(nav[2]).toContain('href="/encompass/monitor"');
    const marac = await client.get('/marac');
    expect(areaNav(marac.body)![2]).toMatch(/aria-current="page" href="\/marac"/);
  });

  it('shows no sub-navigation for an area of one page, named after that page', async () => {
    const page = await (await t.as('school-admin')).get('/');
    expect(page.statusCode).toBe(200);
    expect(topLevel(page.body)).toEqual(['Home', 'Key adults']);
    expect(areaNav(page.body)).toBeNull();
  });
});
