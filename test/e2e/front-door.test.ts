/**
 * The front door at its simplest, end to end in a browser, with and without JavaScript: a screener records a
 * contact about two children and a parent (two found, one new), sees it on the worklist with its deadline,
 * screens it; a manager authorises it; both appear on the child's chronology. Every page is scanned by axe.
 */
import { sql } from 'drizzle-orm';
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.js';
import { type Journey, Scanner, newContext, signIn, signOut, startJourney } from './support.js';

let j: Journey;
const scanner = new Scanner();

beforeAll(async () => {
  j = await startJourney();
});
afterAll(async () => j?.close());

/** Two brothers or sisters already known, and not restricted. */
async function siblings(offset: number) {
  const [pair] = await rows<{ a: string; b: string }>(
    j.t.db.db,
    sql`select r.person_id as a, r.related_person_id as b from person_relationship r
          join person pa on pa.id = r.person_id join person pb on pb.id = r.related_person_id
         where r.type = 'sibling' and not pa.restricted and not pb.restricted and pa.dob_precision = 'exact' and pb.dob_precision = 'exact'
           and not exists (select 1 from person_name x join person_name y on y.is_primary and y.person_id <> x.person_id
                          and y.given_names = x.given_names and y.family_name = x.family_name where x.person_id = pa.id and x.is_primary)
           and not exists (select 1 from person_name x join person_name y on y.is_primary and y.person_id <> x.person_id
                          and y.given_names = x.given_names and y.family_name = x.family_name where x.person_id = pb.id and x.is_primary)
         order by r.id offset ${offset} limit 1`,
  );
  return rows<{ id: string; given_names: string; family_name: string; date_of_birth: string }>(
    j.t.db.db,
    sql`select p.id, n.given_names, n.family_name, p.date_of_birth from person p join person_name n on n.person_id = p.id and n.is_primary
         where p.id in (${pair!.a}, ${pair!.b}) order by p.date_of_birth`,
  );
}

async function fillDateTime(page: Page, legend: string, d: string, m: string, y: string, hh?: string, mm?: string) {
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(d);
  await group.getByLabel('Month').fill(m);
  await group.getByLabel('Year').fill(y);
  if (hh !== undefined) await group.getByLabel('Hour').fill(hh);
  if (mm !== undefined) await group.getByLabel('Minute').fill(mm);
}

async function findAndAdd(page: Page, person: { given_names: string; family_name: string; date_of_birth: string }) {
  const [y, m, d] = person.date_of_birth.split('-');
  await page.getByLabel('Last name').fill(person.family_name);
  await fillDateTime(page, 'Date of birth', String(Number(d)), String(Number(m)), y!);
  await page.getByRole('button', { name: 'Search' }).click();
  await scanner.scan(page, 'people search results');
  await page.getByRole('link', { name: `Select ${person.given_names} ${person.family_name}` }).click();
  await scanner.scan(page);
  await page.getByLabel('Child the contact is about').check();
  await page.getByRole('button', { name: 'Add to contact' }).click();
}

async function journey(javaScript: boolean, offset: number) {
  const context = await newContext(j, { javaScript });
  const page = await context.newPage();
  const [childA, childB] = await siblings(offset);
  const parentSurname = javaScript ? 'Journeyparent' : 'Nojsparent';

  // ——— the screener records the contact ———
  await page.goto('/sign-in');
  await scanner.scan(page);
  await signIn(page, 'screener');
  await scanner.scan(page, 'home (screener)');
  await page.getByRole('link', { name: 'Record a contact' }).first().click();
  await scanner.scan(page);

  // Submitting empty shows the error summary first.
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect.poll(() => page.locator('.govuk-error-summary').isVisible()).toBe(true);
  await scanner.scan(page, 'contact details with errors');

  await page.getByLabel('About a child or children').check();
  await page.getByLabel('Source').selectOption('2A');
  await page.getByLabel('Referrer’s name').fill('Rowan Teacher');
  await fillDateTime(page, 'When was the contact received?', '2', '6', '2025', '09', '30');
  await page.getByLabel('Neglect').check();
  await page.getByLabel('What happened, and what is the worry?').fill('The children have arrived hungry and cold every day this week.');
  await page.getByLabel('Consent given').check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.waitForURL(/\/people$/);
  await scanner.scan(page);

  await findAndAdd(page, childA!);
  await findAndAdd(page, childB!);

  await page.getByRole('link', { name: /Add a new person/ }).first().click();
  await scanner.scan(page);
  await page.getByLabel('First name', { exact: true }).fill('Sky');
  await page.getByLabel('Last name', { exact: true }).fill(parentSurname);
  await page.getByLabel('Exact').check();
  await fillDateTime(page, 'Date of birth, estimate, or expected date of delivery', '14', '2', '1991');
  await page.getByLabel('Female').check();
  await page.getByLabel('Address line 1').fill('12 Heron Close');
  await page.getByLabel('Postcode').fill('FM2 3DF');
  await page.getByLabel('Parent or carer').check();
  await page.getByLabel('Related to').selectOption({ label: `${childA!.given_names} ${childA!.family_name}` });
  await page.getByLabel('This person is the …').selectOption('parent');
  await page.getByRole('button', { name: 'Add person' }).click();
  await page.waitForURL(/\/people$/);

  for (const child of [childA!, childB!]) {
    await page.getByRole('link', { name: `Voice and demeanour of ${child.given_names} ${child.family_name}` }).click();
    await scanner.scan(page);
    await page.getByLabel('What did the child say?').fill('Said there was no food at home.');
    await page.getByLabel('How did the child seem?').fill('Quiet and tired.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/people$/);
  }

  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/check$/);
  await scanner.scan(page);
  await page.getByRole('button', { name: 'Submit contact' }).click();
  await page.waitForURL(/\/confirmation$/);
  await scanner.scan(page);
  const reference = (await page.locator('.govuk-panel__body strong').textContent())!.trim();
  expect(reference).toMatch(/^C-\d{4}-\d{6}$/);
  expect(await page.locator('main').textContent()).toContain('3 June 2025 at 5pm');

  // ——— it is on the worklist, with its deadline, overdue ———
  await page.getByRole('link', { name: 'Worklist' }).click();
  await scanner.scan(page);
  const row = page.locator('tr', { has: page.getByRole('link', { name: reference }) });
  await expect.poll(() => row.textContent()).toContain('Overdue');
  expect(await row.textContent()).toContain('3 Jun 2025, 5pm');

  // ——— the screener screens it ———
  await row.getByRole('link', { name: reference }).click();
  await scanner.scan(page, 'contact (summary)');
  await page.getByRole('button', { name: 'Record a screening decision' }).click();
  await scanner.scan(page, 'contact (screening)');
  await page.getByLabel('Level 3 – child in need (section 17)').check();
  await page.getByLabel('Referral to children’s social care for assessment').check();
  await page.getByLabel('Reasons for the decision').fill('Neglect indicators from school over a week: assessment needed.');
  await page.getByRole('button', { name: 'Record decision' }).click();
  await page.waitForURL(/decided=1/);
  expect(await page.locator('main').textContent()).toContain('Awaiting authorisation');
  await signOut(page);

  // ——— a manager authorises it ———
  await signIn(page, 'manager');
  await scanner.scan(page, 'home (manager)');
  await page.getByRole('navigation', { name: 'Menu', exact: true }).getByRole('link', { name: 'Front door', exact: true }).click();
  await page.getByRole('navigation', { name: 'Front door', exact: true }).getByRole('link', { name: 'Authorisations', exact: true }).click();
  await scanner.scan(page);
  await page.getByRole('link', { name: reference }).click();
  await page.getByLabel('Yes, authorise it').check();
  await page.getByRole('button', { name: 'Save authorisation' }).click();
  await page.waitForURL(/authorised=1/);
  await scanner.scan(page, 'contact (decided)');
  expect(await page.locator('main').textContent()).toContain('Authorised by Morgan Manager');

  // ——— both on the chronology ———
  await page.getByRole('link', { name: `${childA!.given_names} ${childA!.family_name}` }).first().click();
  await scanner.scan(page, 'person');
  const chronology = (await page.locator('.moj-timeline').textContent()) ?? '';
  expect(chronology).toContain(`Screening decision on ${reference}`);
  expect(chronology).toContain(`Decision on ${reference} authorised`);
  expect(await page.locator('main').textContent()).toContain(`Sky ${parentSurname}`);
  await page.getByRole('link', { name: 'Who has viewed this record' }).click();
  await scanner.scan(page);
  await context.close();
}

describe('the front door in a browser', () => {
  it('works end to end with JavaScript', async () => {
    await journey(true, 0);
  });

  it('works end to end with JavaScript turned off', async () => {
    await journey(false, 1);
  });

  it('can be used by keyboard alone: skip link, sign-in form, navigation', async () => {
    const context = await newContext(j, { javaScript: true });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent?.trim()')).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    await page.getByLabel('Email address').focus();
    await page.keyboard.type('police@demo.threshold.test');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Threshold-demo-2026');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/');
    await scanner.scan(page, 'home (police)');
    await context.close();
  });

  it('shows a 403 page to a partner for a contact not shared with them', async () => {
    const [contact] = await rows<{ id: string }>(
      j.t.db.db,
      sql`select c.id from contact c where not exists (select 1 from contact_share s where s.contact_id = c.id and s.agency_id = (select agency_id from app_user where email = 'dsl@demo.threshold.test'))
           and c.source_agency_id is distinct from (select agency_id from app_user where email = 'dsl@demo.threshold.test') and c.status <> 'draft' limit 1`,
    );
    const context = await newContext(j, { javaScript: true });
    const page = await context.newPage();
    await signIn(page, 'dsl');
    await scanner.scan(page, 'home (school DSL)');
    const res = await page.goto(`/contacts/${contact!.id}`);
    expect(res?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toContain('You do not have permission');
    await scanner.scan(page, '403 page');
    await context.close();
  });

  it('finds no WCAG 2.2 AA violations on any page visited', () => {
    expect(scanner.visited.size).toBeGreaterThan(15);
    scanner.assertClean();
  });
});
