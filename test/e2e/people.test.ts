/**
 * The person register in a browser: a screener finds a child under a misspelt name, reads why the match was
 * offered, changes the record (with mistakes first) and records a relationship; a manager reviews a possible
 * duplicate, merges it and undoes the merge. Every page scanned by axe.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../src/db/client.js';
import { type Journey, Scanner, newContext, signIn, startJourney } from './support.js';

let j: Journey;
const scanner = new Scanner();

beforeAll(async () => {
  j = await startJourney();
});
afterAll(async () => j?.close());

describe('the person register in a browser', () => {
  it('lets a screener find, read and change a person, and add a relationship', async () => {
    const child = (await one<{ id: string; given_names: string; family_name: string }>(
      j.t.db.db,
      sql`select p.id, n.given_names, n.family_name from person p join person_name n on n.person_id = p.id and n.is_primary
           where not p.restricted and p.merged_into_person_id is null and length(n.family_name) > 5
             and exists (select 1 from household_member m where m.person_id = p.id and m.to_date is null)
             and not exists (select 1 from person_name y where y.is_primary and y.person_id <> p.id and y.given_names = n.given_names and y.family_name = n.family_name)
           order by p.created_at, p.id limit 1`,
    ))!;
    const context = await newContext(j, { javaScript: true });
    const page = await context.newPage();
    await signIn(page, 'screener');
    await page.goto('/people');
    await scanner.scan(page);
    // A typo: two letters swapped.
    const f = child.family_name;
    await page.getByLabel('Last name').fill(f.slice(0, 2) + f[3] + f[2] + f.slice(4));
    await page.getByLabel('First name').fill(child.given_names);
    await page.getByRole('button', { name: 'Search' }).click();
    await scanner.scan(page, 'search results with reasons');
    await page.getByRole('link', { name: `${child.given_names} ${child.family_name}` }).first().click();
    await page.waitForURL(`**/people/${child.id}`);
    await scanner.scan(page);

    await page.getByRole('link', { name: /^Add a name/ }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await scanner.scan(page, 'add a name with errors');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Select the kind of name');

    await page.goto(`/people/${child.id}/identifiers`);
    await page.getByLabel('Type').selectOption('nhs_number');
    await page.getByLabel('Identifier').fill('123 456 7890');
    await page.getByRole('button', { name: 'Save' }).click();
    await scanner.scan(page, 'add an identifier with errors');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter a valid 10-digit NHS number');

    for (const kind of ['addresses', 'contact-details', 'flags']) {
      await page.goto(`/people/${child.id}/${kind}`);
      await scanner.scan(page);
    }

    await page.goto(`/people/${child.id}`);
    await page.getByRole('link', { name: /^Add a relationship/ }).click();
    await scanner.scan(page);
    const other = (await one<{ given_names: string; family_name: string; id: string }>(
      j.t.db.db,
      sql`select p.id, n.given_names, n.family_name from person p join person_name n on n.person_id = p.id and n.is_primary
           where p.id <> ${child.id} and not p.restricted and p.merged_into_person_id is null
             and not exists (select 1 from person_relationship r where r.person_id = p.id or r.related_person_id = p.id)
           order by p.created_at desc, p.id limit 1`,
    ))!;
    // by their full name: the search offers the 10 closest matches
    await page.getByLabel('First name').fill(other.given_names);
    await page.getByLabel('Last name').fill(other.family_name);
    await page.getByRole('button', { name: 'Find the person' }).click();
    await scanner.scan(page, 'relationship search results');
    await page.getByRole('button', { name: 'Add relationship' }).click();
    await scanner.scan(page, 'relationship with errors');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Select the person they are related to');
    await page.locator(`input[name="otherPersonId"][value="${other.id}"]`).check();
    await page.getByLabel('Someone they live with').check();
    await page.getByRole('button', { name: 'Add relationship' }).click();
    await page.waitForURL(`**/people/${child.id}?saved=1`);
    expect(await page.locator('main').textContent()).toContain(`${other.given_names} ${other.family_name}`);
    await page.getByRole('link', { name: `End the relationship with ${other.given_names} ${other.family_name}` }).click();
    await scanner.scan(page, 'end a relationship');
    await context.close();
  });

  it('lets a manager review a possible duplicate, merge it, and undo the merge', async () => {
    const context = await newContext(j, { javaScript: true });
    const page = await context.newPage();
    await signIn(page, 'manager');
    await page.goto('/people/duplicates');
    await scanner.scan(page);
    await page.getByRole('link', { name: /^Review/ }).first().click();
    await scanner.scan(page, 'a possible duplicate');
    await page.getByRole('button', { name: 'Merge records' }).click();
    await scanner.scan(page, 'merge with errors');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Select which record to keep');
    await page.locator('input[name="keep"]').first().check();
    await page.getByRole('button', { name: 'Merge records' }).click();
    await page.waitForURL(/\/people\/[0-9a-f-]{36}/);
    await scanner.scan(page, 'person after a merge');
    await page.getByRole('button', { name: 'Undo this merge' }).click();
    await page.waitForURL(/unmerged=1/);
    expect(await page.locator('main').textContent()).toContain('The merge was undone');
    await context.close();
  });

  it('finds no WCAG 2.2 AA violations on any page visited', () => {
    expect(scanner.visited.size).toBeGreaterThan(12);
    scanner.assertClean();
  });
});
