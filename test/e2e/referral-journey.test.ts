/**
 * The MASH front door with its partners, in a browser: a school's designated safeguarding lead submits a referral
 * (Signs of Safety, the child's voice) with a check-answers page and a confirmation; a screener matches its people,
 * asks the police and health for information; each agency answers from its queue; the screener decides and a
 * manager authorises — every deadline shown, the chronology complete, and axe finding nothing on any page.
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

async function fillDate(page: Page, legend: string, d: string, m: string, y: string, hh?: string, mm?: string) {
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(d);
  await group.getByLabel('Month').fill(m);
  await group.getByLabel('Year').fill(y);
  if (hh !== undefined) await group.getByLabel('Hour').fill(hh);
  if (mm !== undefined) await group.getByLabel('Minute').fill(mm);
}

async function answer(page: Page, user: string, reference: string, known: string, text: string) {
  await signIn(page, user);
  await page.getByRole('navigation', { name: 'Menu', exact: true }).getByRole('link', { name: 'Front door', exact: true }).click();
  await page.getByRole('navigation', { name: 'Front door', exact: true }).getByRole('link', { name: 'Information requests', exact: true }).click();
  await scanner.scan(page, `information request queue (${user})`);
  // earliest deadline first, a page at a time: older requests may come before this one
  while ((await page.getByRole('link', { name: reference }).count()) === 0) await page.getByRole('link', { name: 'Next page' }).click();
  await page.getByRole('link', { name: reference }).click();
  await scanner.scan(page, `information request (${user})`);
  const main = (await page.locator('main').textContent()) ?? '';
  expect(main).toContain('Quinn Journeyfield');
  expect(main).toContain('Is the family known to you?');
  // only what the agency needs: not the referral itself
  expect(main).not.toContain('arrived hungry');
  await page.getByRole('button', { name: 'Send the answer' }).click();
  await expect.poll(() => page.locator('.govuk-error-summary').isVisible()).toBe(true);
  await scanner.scan(page, `information request with errors (${user})`);
  await page.getByLabel(known).check();
  await page.getByLabel('Domestic abuse in the household').check();
  await page.getByLabel('Your answer to the questions').fill(text);
  await page.getByRole('button', { name: 'Send the answer' }).click();
  await page.waitForURL(/answered=1/);
  await signOut(page);
}

describe('a referral through the front door, with partner agencies', () => {
  it('goes from a school’s referral to an authorised decision, with every deadline shown', async () => {
    const context = await newContext(j, { javaScript: true });
    const page = await context.newPage();
    const now = new Date();

    // ——— the school's designated safeguarding lead ———
    await signIn(page, 'dsl');
    await scanner.scan(page, 'home (dsl)');
    await page.getByRole('navigation', { name: 'Menu', exact: true }).getByRole('link', { name: 'Front door', exact: true }).click();
    await page.getByRole('navigation', { name: 'Front door', exact: true }).getByRole('link', { name: 'Record a contact', exact: true }).click();
    await page.getByLabel('About a child or children').check();
    await page.getByLabel('Source').selectOption('2A');
    await page.getByLabel('Referrer’s name').fill('Dana Lead');
    await page.getByLabel('Referrer’s role').fill('Designated safeguarding lead');
    await fillDate(page, 'When was the contact received?', String(now.getDate()), String(now.getMonth() + 1), String(now.getFullYear()), '00', '01');
    await page.getByLabel('Neglect').check();
    await page.getByLabel('What happened, and what is the worry?').fill('Quinn has arrived hungry every day this week and is falling asleep in class.');
    await page.getByLabel('What are you worried about?').fill('Quinn is not being fed and may be left alone at night.');
    await page.getByLabel('What is working well?').fill('Quinn attends every day and trusts the class teacher.');
    await page.getByLabel('What needs to happen?').fill('A conversation with mum about support at home.');
    await page.getByLabel('Consent given').check();
    await scanner.scan(page, 'referral details (dsl)');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForURL(/\/people$/);
    await scanner.scan(page, 'referral people (dsl)');
    expect(await page.locator('main').textContent()).not.toContain('Find a person');

    await page.getByRole('link', { name: /Tell us about a person/ }).click();
    await page.getByRole('button', { name: 'Add this person' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').isVisible()).toBe(true);
    await scanner.scan(page, 'describe a person with errors');
    await page.getByLabel('Child the contact is about').check();
    await page.getByLabel('First name').fill('Quinn');
    await page.getByLabel('Last name').fill('Journeyfield');
    await page.getByLabel('Exact').check();
    await fillDate(page, 'Date of birth, estimate, or expected date of delivery', '9', '10', '2016');
    await page.getByLabel('Male', { exact: true }).check();
    await page.getByLabel('Postcode (optional)').fill('FM1 2AB');
    await page.getByLabel('What did the child say?').fill('Said “there was nothing for tea again”.');
    await page.getByLabel('How did the child seem?').fill('Tired and quiet.');
    await page.getByRole('button', { name: 'Add this person' }).click();
    await page.waitForURL(/\/people$/);
    await page.getByRole('link', { name: /Tell us about another person/ }).click();
    await page.getByLabel('Parent or carer').check();
    await page.getByLabel('First name').fill('Robin');
    await page.getByLabel('Last name').fill('Journeyfield');
    await page.getByLabel('Estimated').check();
    await page.getByLabel('Female').check();
    await page.getByRole('button', { name: 'Add this person' }).click();
    await page.waitForURL(/\/people$/);
    await page.getByRole('button', { name: 'Continue' }).click();
    await scanner.scan(page, 'referral check answers');
    expect(await page.locator('main').textContent()).toContain('Quinn attends every day and trusts the class teacher.');
    await page.getByRole('button', { name: 'Submit contact' }).click();
    await page.waitForURL(/confirmation/);
    await scanner.scan(page, 'referral confirmation');
    const panel = (await page.locator('.govuk-panel').textContent()) ?? '';
    const reference = /C-\d{4}-\d{6}/.exec(panel)?.[0];
    expect(reference).toBeTruthy();
    await signOut(page);

    // ——— the screener: match, then ask the police and health ———
    await signIn(page, 'screener');
    await page.goto('/worklist?sort=rag');
    await scanner.scan(page, 'worklist by urgency');
    await page.goto('/worklist');
    while ((await page.getByRole('link', { name: reference! }).count()) === 0) await page.getByRole('link', { name: 'Next page' }).click();
    await page.getByRole('link', { name: reference! }).click();
    await scanner.scan(page, 'contact with people to match');
    const contactUrl = page.url();
    expect(await page.locator('main').textContent()).toContain('People to match to the register');
    for (const name of ['Quinn Journeyfield', 'Robin Journeyfield']) {
      await page.getByRole('link', { name: `Match ${name}` }).click();
      await scanner.scan(page, 'match a named person');
      await page.getByLabel(`None of these: add ${name} to the register as a new person`).check();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL((u) => u.href.startsWith(contactUrl));
    }
    expect(await page.locator('main').textContent()).not.toContain('People to match to the register');
    await page.getByRole('link', { name: 'Ask partner agencies for information' }).click();
    await scanner.scan(page, 'ask partner agencies');
    await page.getByLabel('Fernmoor Constabulary').check();
    await page.getByLabel('Fernmoor NHS Foundation Trust').check();
    await page.getByLabel('Amber').check();
    await page.getByLabel('What do you want to know?').fill('Is the family known to you? Any incidents or missed appointments this year?');
    await page.getByRole('button', { name: 'Send the requests' }).click();
    await page.waitForURL(/asked=2/);
    const asked = (await page.locator('#information-requests ~ .govuk-summary-card').allTextContents()).join(' ');
    expect(asked.match(/Due /g)?.length).toBe(2);
    await signOut(page);

    // ——— each agency answers from its queue ———
    await answer(page, 'police', reference!, 'Known in the past, not currently involved', 'One call-out in March for a verbal argument; no further action.');
    await answer(page, 'health', reference!, 'Known, and currently involved', 'Health visitor involved; two missed appointments since June.');

    // ——— the screener decides, the manager authorises ———
    await signIn(page, 'screener');
    await page.goto(contactUrl);
    await scanner.scan(page, 'contact with answers');
    const withAnswers = (await page.locator('main').textContent()) ?? '';
    expect(withAnswers.match(/Answered in time/g)?.length).toBe(2);
    await page.getByRole('link', { name: 'Read the answer from Fernmoor Constabulary' }).click();
    expect(await page.locator('main').textContent()).toContain('One call-out in March');
    await scanner.scan(page, 'an answer, read by the screener');
    await page.goBack();
    await page.getByRole('button', { name: 'Record a screening decision' }).click();
    await page.getByLabel('Level 3 – child in need (section 17)').check();
    await page.getByLabel('Referral to children’s social care for assessment').check();
    await page.getByLabel('Reasons for the decision').fill('Neglect with health and police history: needs an assessment.');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.waitForURL(/decided=1/);
    await signOut(page);

    await signIn(page, 'manager');
    await page.goto(contactUrl);
    await page.getByRole('button', { name: 'Authorise the decision' }).click();
    await page.getByLabel('Yes, authorise it').check();
    await page.getByRole('button', { name: 'Save authorisation' }).click();
    await page.waitForURL(/authorised=1/);
    await scanner.scan(page, 'contact authorised, with its assessment clock');
    const decided = (await page.locator('main').textContent()) ?? '';
    expect(decided).toContain('Authorised by Morgan Manager');
    expect(decided).toContain('Assessment');

    // ——— the chronology is complete ———
    await page.getByRole('link', { name: 'Quinn Journeyfield' }).first().click();
    await scanner.scan(page, 'person chronology');
    const chronology = (await page.locator('.moj-timeline').textContent()) ?? '';
    for (const entry of [`Contact ${reference} received`, `Fernmoor Constabulary answered an information request on ${reference}`, `Fernmoor NHS Foundation Trust answered an information request on ${reference}`, `Screening decision on ${reference}`, `Decision on ${reference} authorised`]) {
      expect(chronology).toContain(entry);
    }
    await page.goto('/measures/timeliness');
    await scanner.scan(page, 'timeliness');
    await page.goto('/notifications');
    await scanner.scan(page, 'notifications');
    await context.close();
  });

  it('uploads a police file and shows its progress, then the contact with the later report attached', async () => {
    const context = await newContext(j, { javaScript: true });
    const page = await context.newPage();
    await signIn(page, 'police');
    await page.getByRole('navigation', { name: 'Menu', exact: true }).getByRole('link', { name: 'Front door', exact: true }).click();
    await page.getByRole('navigation', { name: 'Front door', exact: true }).getByRole('link', { name: 'Upload notifications', exact: true }).click();
    await scanner.scan(page, 'upload police notifications');
    const header = 'police_reference,notification_type,incident_at,incident_postcode,risk_level,officer_name,concerns,narrative,consent,person1_role,person1_given_names,person1_family_name,person1_date_of_birth,person1_gender,person1_child_voice,person1_child_demeanour';
    const row = (type: string, narrative: string) => `FM/26/550123,${type},21/11/2026 23:10,FM2 3DF,medium,PC Example,domestic_abuse,${narrative},not_sought,subject_child,Ellis,Uploadham,03/03/2019,female,Said she was scared,Hiding behind the sofa`;
    await page.getByLabel('File').setInputFiles({ name: 'gen117.csv', mimeType: 'text/csv', buffer: Buffer.from([header, row('gen117', 'Police attended a domestic incident'), row('dash', 'DASH completed with the mother')].join('\n')) });
    await page.getByRole('button', { name: 'Check and import' }).click();
    await page.waitForURL(/\/contacts\/import\/[0-9a-f-]{36}$/);
    await expect.poll(async () => (await page.locator('h1').textContent())?.trim(), { timeout: 20_000 }).toBe('Notifications imported');
    await scanner.scan(page, 'import finished');
    expect(await page.locator('main').textContent()).toContain('1 notifications were about incidents already reported');

    // a bad file: the report by row, nothing imported
    await page.goto('/contacts/import');
    await page.getByLabel('File').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from([header, row('gen117', 'ok').replace('03/03/2019', '31/02/2019')].join('\n')) });
    await page.getByRole('button', { name: 'Check and import' }).click();
    await page.waitForURL(/\/contacts\/import\/[0-9a-f-]{36}$/);
    await scanner.scan(page, 'import rejected');
    expect(await page.locator('main').textContent()).toContain('person1_date_of_birth');
    await signOut(page);

    const [contact] = await rows<{ reference: string }>(j.t.db.db, sql`select c.reference from contact c join incident i on i.contact_id = c.id where i.police_reference = 'FM26550123'`);
    await signIn(page, 'screener');
    await page.goto('/worklist?rag=amber');
    await scanner.scan(page, 'worklist filtered by urgency');
    while ((await page.getByRole('link', { name: contact!.reference }).count()) === 0) await page.getByRole('link', { name: 'Next page' }).click();
    await page.getByRole('link', { name: contact!.reference }).click();
    await scanner.scan(page, 'contact with a later report attached');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('Also reported');
    expect(main).toContain('DASH completed with the mother');
    await context.close();
    scanner.assertClean();
  });
});
