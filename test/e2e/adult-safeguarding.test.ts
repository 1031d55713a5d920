/**
 * Adult safeguarding in a browser: a care home's concern about a resident (sent by the home's system to the adult
 * front door) → the three-point test met → an s42 enquiry authorised by a manager → the plan with the resident's
 * advocate and what she wants → the police and the provider contribute → a decision making meeting with the
 * advocate → an outcome meeting → the risk reduced and outcomes partly achieved. Once with JavaScript off (the pages
 * need none) and once with it on, when every page, errors included, is scanned by axe (WCAG 2.2 AA).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../src/db/client.js';
import { type Page } from 'playwright-core';
import { type Journey, Scanner, newContext, signIn, signOut, startJourney } from './support.js';

let j: Journey;
const scanner = new Scanner();
let tenantId = '';
let heathervale = '';

beforeAll(async () => {
  j = await startJourney();
  const u = (await one<{ tenant_id: string }>(j.t.db.db, sql`select tenant_id from app_user where email = 'adults@demo.threshold.test'`))!;
  tenantId = u.tenant_id;
  heathervale = (await one<{ id: string }>(j.t.db.db, sql`select id from agency where name = 'Heathervale Care Home'`))!.id;
});
afterAll(async () => j?.close());

/** The home's system sends the concern to the adult front door (as the agency API does). */
async function concernFromTheHome(given: string, family: string): Promise<string> {
  const received = await j.t.app.services.intake.receive(
    { actor: { userId: null, tenantId, agencyId: heathervale, roles: [], requestId: null }, tenantId, channel: 'api', sourceAgencyId: heathervale, createdByUserId: null, apiClientId: null },
    {
      contactType: 'adult', notificationType: 'general', sourceCode: '2B', referrer: { name: 'Registered manager (synthetic)', role: 'Registered manager', phone: null, email: null }, receivedAt: new Date(),
      incident: null, riskLevel: null, domesticAbuse: null, concerns: ['neglect'],
      narrative: 'Night staff found the resident in wet bedding at 06:00; the 02:00 check was signed for but not done. Two bruises on the forearm.',
      worriedAbout: null, workingWell: null, needsToHappen: null, consent: 'not_sought', consentLawfulBasis: null, consentReason: null, restricted: false,
      people: [{ role: 'subject_adult', givenNames: given, familyName: family, dateOfBirth: '1938-04-12', dobPrecision: 'exact', gender: 'female', nhsNumber: null, addressLine1: null, postcode: null, school: null, daRole: null, riskLevel: null, childVoice: 'I want to feel safe at night.', childDemeanour: null }],
    },
  );
  if ('problem' in received) throw new Error(received.problem);
  return (await one<{ id: string }>(j.t.db.db, sql`select id from adult_concern where contact_id = ${received.received.contactId}`))!.id;
}

async function as(page: Page, user: string): Promise<void> {
  if (!page.url().includes('/sign-in') && !page.url().startsWith('about:')) await signOut(page);
  await signIn(page, user);
}

async function fillDate(page: Page, prefix: string, d: Date, time = true): Promise<void> {
  await page.locator(`#${prefix}-day`).fill(String(d.getDate()));
  await page.locator(`#${prefix}-month`).fill(String(d.getMonth() + 1));
  await page.locator(`#${prefix}-year`).fill(String(d.getFullYear()));
  if (time) {
    await page.locator(`#${prefix}-hour`).fill('10');
    await page.locator(`#${prefix}-minute`).fill('30');
  }
}

/** The returns page's count of s42 enquiries concluded this collection year (the board analyst sees real numbers). */
async function concludedThisYear(page: Page): Promise<number> {
  await as(page, 'analyst');
  const now = new Date();
  await page.goto(`/measures/returns?year=${now.getMonth() >= 3 ? now.getFullYear() : now.getFullYear() - 1}`);
  const value = await page.locator('.govuk-summary-list__row', { hasText: 'Section 42 enquiries concluded' }).locator('dd').textContent();
  return Number((value ?? '').replace(/,/g, '').trim());
}

async function journey(page: Page, name: string, concernId: string, scan: (page: Page, label?: string) => Promise<void>): Promise<void> {
  const concernUrl = `/adults/concerns/${concernId}`;
  const concludedBefore = await concludedThisYear(page);
  await as(page, 'adults');
  await page.goto('/adults');
  await scan(page, 'worklist');
  await page.getByRole('link', { name }).click();
  await page.waitForURL(`**${concernUrl}`);
  await scan(page, 'new concern');

  await page.getByRole('link', { name: 'Record the three-point test' }).click();
  await page.getByRole('button', { name: 'Save the test' }).click();
  await scan(page, 'test with errors');
  expect(await page.locator('.govuk-error-summary').textContent()).toContain('Select whether the adult has needs for care and support');
  await page.locator('#needs').check();
  await page.locator('#needsReason').fill('Dementia; needs full personal care');
  await page.locator('#abuse').check();
  await page.locator('#abuseReason').fill('Missed night checks and unexplained bruising');
  await page.locator('#protect').check();
  await page.locator('#protectReason').fill('Cannot use the call bell or tell staff');
  await page.getByRole('button', { name: 'Save the test' }).click();
  await page.waitForURL(/done=test/);

  await page.getByRole('link', { name: 'Propose a decision' }).click();
  await scan(page, 'decision');
  await page.getByLabel('Section 42 enquiry').check();
  await page.getByLabel('Reasons for the decision').fill('All three points met: neglect by the provider.');
  await page.getByRole('button', { name: 'Send for authorisation' }).click();
  await page.waitForURL(/done=decision/);

  await as(page, 'adults-manager');
  await page.goto(concernUrl);
  await page.getByRole('link', { name: 'Authorise or return the decision' }).click();
  await scan(page, 'authorisation');
  await page.getByLabel('Authorise the decision').check();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.waitForURL(/done=authorised/);

  await as(page, 'adults');
  await page.goto(concernUrl);
  await scan(page, 'enquiry open');
  await page.getByRole('link', { name: /Plan the enquiry/ }).click();
  await page.getByRole('button', { name: 'Save the plan' }).click();
  await scan(page, 'plan with errors');
  await page.getByLabel('The adult safeguarding team').check();
  await page.getByLabel(/lacks capacity to consent/).check();
  await page.getByLabel('Lacks capacity about the enquiry').check();
  await page.getByLabel('Primary support reason').selectOption({ label: 'Support with memory and cognition' });
  await page.getByLabel('Independent advocate (Care Act s68)').check();
  await page.getByLabel('Advocate’s name').fill('Rowan Advocate');
  await page.getByLabel('Asked, and outcomes expressed').check();
  await page.getByLabel('What does the adult want to happen, in their own words?').fill('To feel safe at night and for someone to come when I call.');
  await page.getByRole('button', { name: 'Save the plan' }).click();
  await page.waitForURL(/done=planned/);

  await page.getByRole('link', { name: 'Add a risk' }).click();
  await scan(page, 'risk');
  await page.getByLabel('Neglect and acts of omission').check();
  await page.getByLabel('Care home: residential').check();
  await page.getByLabel('Service provider').check();
  await page.getByRole('button', { name: 'Add the risk' }).click();
  await page.waitForURL(/done=risk/);

  await page.getByRole('link', { name: 'Ask partners to contribute' }).click();
  await scan(page, 'ask');
  await page.getByLabel('Fernmoor Constabulary').check();
  await page.getByLabel('Heathervale Care Home').check();
  await page.getByLabel('What do you need them to tell you?').fill('What do your records show about night care and the bruising?');
  await page.getByRole('button', { name: 'Send the requests' }).click();
  await page.waitForURL(/done=asked/);

  for (const [user, answer] of [['police', 'No crime reported; one call in 2025 for a fall.'], ['provider', 'Night rota short on three nights; agency staff used.']] as const) {
    await as(page, user);
    await page.goto('/adults/contributions');
    await scan(page, `requests (${user})`);
    await page.getByRole('link', { name: /^AC-/ }).first().click();
    await scan(page, `request (${user})`);
    await page.getByLabel('Your agency’s contribution').fill(answer);
    await page.getByRole('button', { name: 'Send your contribution' }).click();
    await page.waitForURL(/\/adults\/contributions\?done=answered/);
  }

  await as(page, 'adults');
  await page.goto(concernUrl);
  await page.getByRole('link', { name: /^Contributions/ }).click();
  await scan(page, 'contributions');
  expect(await page.locator('main').textContent()).toContain('Night rota short on three nights');
  await page.getByRole('link', { name: 'Summary' }).click();
  await page.getByRole('link', { name: 'Record a meeting' }).click();
  await scan(page, 'meeting form');
  // Two days ago, and the outcome meeting a day later: both in the past and in order at any time of day.
  const yesterday = new Date(Date.now() - 2 * 86_400_000);
  await page.getByLabel('Decision making meeting').check();
  await fillDate(page, 'heldAt', yesterday);
  await page.getByRole('group', { name: /Did .* attend\?/ }).getByLabel('Did not attend').check();
  await page.getByLabel('Did the advocate attend?').selectOption({ label: 'Attended' });
  await page.getByRole('group', { name: 'Agencies that attended (besides yours)' }).getByLabel('Fernmoor Constabulary').check();
  await page.getByLabel('The adult’s voice').fill('Her advocate said she wants to stay at Heathervale but to feel safe at night.');
  await page.getByLabel('Decisions').fill('Enquiry continues; the home to review night checks.');
  await page.locator('#action1').fill('Review the night rota and call bell checks');
  await page.locator('#action1Owner').selectOption({ label: 'Heathervale Care Home' });
  await page.getByRole('button', { name: 'Save the meeting' }).click();
  await scan(page, 'meeting form with errors');
  expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter the date action 1 is due');
  await fillDate(page, 'action1Due', new Date(Date.now() + 7 * 86_400_000), false);
  await page.getByRole('button', { name: 'Save the meeting' }).click();
  await page.waitForURL(/done=meeting/);
  await page.getByRole('link', { name: /^Meetings/ }).click();
  await scan(page, 'meetings');
  await page.getByRole('link', { name: /Decision making meeting,/ }).click();
  await scan(page, 'meeting');
  expect(await page.locator('main').textContent()).toContain('Rowan Advocate (advocate)');
  await page.goto(concernUrl);

  await page.getByRole('link', { name: 'Record a meeting' }).click();
  await page.getByLabel('Outcome meeting').check();
  await fillDate(page, 'heldAt', new Date(Date.now() - 86_400_000));
  await page.getByRole('group', { name: /Did .* attend\?/ }).getByLabel('Attended').check();
  await page.getByLabel('Did the advocate attend?').selectOption({ label: 'Attended' });
  await page.getByLabel('The adult’s voice').fill('She said nights are better but she still waits for the bell.');
  await page.getByLabel('Decisions').fill('Risk reduced; close with contract monitoring.');
  await page.getByRole('button', { name: 'Save the meeting' }).click();
  await page.waitForURL(/done=meeting/);

  await page.getByRole('link', { name: 'Record the outcome and conclude' }).click();
  await page.getByRole('button', { name: 'Conclude the enquiry' }).click();
  await scan(page, 'outcome with errors');
  await page.getByLabel('Risk reduced').check();
  await page.getByRole('group', { name: 'Was action taken?' }).getByLabel('Yes').check();
  await page.getByLabel('Partially achieved').check();
  await page.getByLabel('Contract action by commissioners').check();
  await page.getByLabel('Conclusion').fill('Neglect substantiated; risk reduced by the home’s action plan.');
  await page.getByRole('button', { name: 'Conclude the enquiry' }).click();
  await page.waitForURL(/done=concluded/);
  await scan(page, 'concluded');
  const text = await page.locator('main').textContent();
  expect(text).toContain('Enquiry concluded');
  expect(text).toContain('Risk reduced (action taken)');
  expect(text).toContain('Partially achieved');
  await page.getByRole('link', { name: 'Enquiry', exact: true }).click();
  await scan(page, 'concluded enquiry');
  expect(await page.locator('main').textContent()).toContain('Rowan Advocate');

  // … on the adults' board scorecard and in the SAC tables
  expect(await concludedThisYear(page)).toBe(concludedBefore + 1);
  await scan(page, 'returns');
  await page.goto('/measures/adults');
  await scan(page, 'adults board scorecard');
  expect(await page.locator('main').textContent()).toContain('Section 42 enquiries');
}

describe('adult safeguarding in a browser', () => {
  it('works without JavaScript', { timeout: 240_000 }, async () => {
    const concernId = await concernFromTheHome('Edith', 'Nojava');
    const context = await newContext(j, { javaScript: false });
    const page = await context.newPage();
    await journey(page, 'Edith Nojava', concernId, async () => {});
    await context.close();
  });

  it('passes axe on every page, errors included', { timeout: 240_000 }, async () => {
    const concernId = await concernFromTheHome('Edith', 'Axewell');
    const context = await newContext(j, { javaScript: true });
    const page = await context.newPage();
    await journey(page, 'Edith Axewell', concernId, (p, label) => scanner.scan(p, label));
    await context.close();
    expect(scanner.visited.size).toBeGreaterThanOrEqual(15);
    scanner.assertClean();
  });
});
