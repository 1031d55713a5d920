/**
 * An administrator's first sign-in (setting up the authenticator app) and the administration pages; a manager's
 * audit pages; the person search. Every page scanned by axe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../src/platform/totp.js';
import { type Journey, Scanner, newContext, signIn, startJourney } from './support.js';

let j: Journey;
const scanner = new Scanner();

beforeAll(async () => {
  j = await startJourney();
});
afterAll(async () => j?.close());

describe('administration in a browser', () => {
  it('makes the administrator set up an authenticator app, then manages the area', async () => {
    const context = await newContext(j, { javaScript: true });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill('admin@demo.threshold.test');
    await page.getByLabel('Password', { exact: true }).fill('Threshold-demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/account\/second-factor/);
    await scanner.scan(page);
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    await page.getByLabel('Security code').fill(await currentTotp(secret));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(/\/account\?enrolled=1/);
    await scanner.scan(page);

    for (const [link, heading] of [
      ['Agencies and teams', 'Agencies'],
      ['Schools', 'Schools'],
      ['Users and roles', 'Users'],
      ['Bank holidays', 'Bank holidays'],
      ['Timescales', 'Timescales'],
    ] as const) {
      await page.goto('/admin');
      await scanner.scan(page);
      await page.getByRole('link', { name: link }).click();
      expect(await page.locator('h1').textContent()).toBe(heading);
      await scanner.scan(page);
    }
    await page.goto('/admin/agencies');
    await page.getByRole('link', { name: 'Fernmoor Constabulary' }).click();
    await scanner.scan(page, 'agency');
    // The users list is 25 a page, by agency then name: find the page that lists this user.
    const pat = page.getByRole('link', { name: 'Pat Constable' });
    for (let n = 1; n <= 20; n += 1) {
      await page.goto(`/admin/users?page=${n}`);
      if ((await pat.count()) > 0) break;
    }
    await scanner.scan(page, 'users');
    await pat.click();
    await scanner.scan(page, 'user');
    await page.goto('/admin/matching');
    expect(await page.locator('h1').textContent()).toContain('Matching');
    await scanner.scan(page, 'matching model');
    await page.goto('/admin/users/new');
    await page.getByRole('button', { name: 'Save user' }).click();
    await scanner.scan(page, 'new user with errors');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter the user’s full name');
    await context.close();
  });

  it('shows a manager the audit pages, and a screener the person search', async () => {
    const context = await newContext(j, { javaScript: true });
    const page = await context.newPage();
    await signIn(page, 'manager');
    await page.getByRole('link', { name: 'Audit', exact: true }).click();
    await scanner.scan(page);
    await page.getByRole('navigation', { name: 'Menu', exact: true }).getByRole('link', { name: 'Front door', exact: true }).click();
    await page.getByRole('navigation', { name: 'Front door', exact: true }).getByRole('link', { name: 'People', exact: true }).click();
    await scanner.scan(page);
    await page.getByLabel('Last name').fill('Smith');
    await page.getByRole('button', { name: 'Search' }).click();
    // The results page itself, not the form it was sent from.
    await page.waitForURL(/\/people\?.*familyName=Smith/);
    await page.locator('main h2', { hasText: 'Search results' }).or(page.locator('.govuk-error-summary')).first().waitFor();
    await scanner.scan(page, 'people search results');
    await page.getByRole('link', { name: 'Contacts', exact: true }).click();
    await scanner.scan(page, 'contacts list');
    await page.goto('/accessibility');
    await scanner.scan(page);
    await page.goto('/no-such-page');
    await scanner.scan(page, '404 page');
    await context.close();
  });

  it('finds no WCAG 2.2 AA violations on any page visited', () => {
    expect(scanner.visited.size).toBeGreaterThan(12);
    scanner.assertClean();
  });
});
