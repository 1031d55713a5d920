/**
 * Possible same incidents and late notifications in a browser, with and without JavaScript: two police
 * notifications of one call-out, with different references and a child's name spelt differently, arrive through
 * the agency API; the screener sees the flag on the second, answers "same incident", and the first contact shows
 * the one incident with the second attached. A notification 21 days after its incident reaches a manager's
 * notifications. Every page is scanned by axe.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../src/db/client.js';
import { SYSTEM_ACTOR } from '../../src/platform/audit.js';
import { type Journey, Scanner, newContext, signIn, signOut, startJourney } from './support.js';

let j: Journey;
let token: string;
const scanner = new Scanner();
const HOUR = 3_600_000;

beforeAll(async () => {
  j = await startJourney();
  const police = (await one<{ id: string; tenant_id: string }>(j.t.db.db, sql`select id, tenant_id from agency where type = 'police' limit 1`))!;
  const client = await j.t.app.services.apiClients.create({ ...SYSTEM_ACTOR, tenantId: police.tenant_id }, { agencyId: police.id, name: 'Police case system (journey)' });
  const res = await j.t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', payload: { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.secret } });
  token = res.json().access_token;
});
afterAll(async () => {
  scanner.assertClean();
  await j?.close();
});

/** A Gen 117 through the agency API, as the police's system sends it. */
async function notify(o: { surname: string; child: string; postcode: string; occurredAt: Date; reference: string; receivedAt?: Date; narrative?: string }): Promise<{ id: string; reference: string }> {
  const res = await j.t.app.inject({
    method: 'POST',
    url: '/api/v1/contacts',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: {
      contactType: 'child',
      notificationType: 'gen117',
      referrer: { name: 'Pat Constable', role: 'PC 4471' },
      receivedAt: (o.receivedAt ?? new Date(Date.now() - 60_000)).toISOString(),
      incident: { policeReference: o.reference, occurredAt: o.occurredAt.toISOString(), postcode: o.postcode, place: 'Family home' },
      riskLevel: 'standard',
      concerns: ['domestic_abuse'],
      narrative: o.narrative ?? `Police attended an argument at the ${o.surname} family home.`,
      consent: 'not_sought',
      people: [
        { role: 'parent_carer', givenNames: 'Kirsty', familyName: o.surname, dateOfBirth: '1990-03-12', gender: 'female' },
        { role: 'subject_child', givenNames: o.child, familyName: o.surname, dateOfBirth: '2017-05-04', gender: 'male', childVoice: 'Said they hid upstairs', childDemeanour: 'Quiet' },
      ],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function journey(javaScript: boolean, surname: string, postcode: string) {
  const occurredAt = new Date(Date.now() - 6 * HOUR);
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const first = await notify({ surname, child: 'Aleksander', postcode, occurredAt, reference: `FM/${tag}/1` });
  const second = await notify({ surname, child: 'Alexander', postcode, occurredAt: new Date(occurredAt.getTime() + 35 * 60_000), reference: `FM/${tag}/2`, narrative: 'The DASH officer’s own form about the same call-out.' });
  const review = (await one<{ id: string }>(j.t.db.db, sql`select id from incident_review where contact_id = ${second.id}`))!;

  const context = await newContext(j, { javaScript });
  const page = await context.newPage();
  await signIn(page, 'screener');

  // ——— the flag on the second contact ———
  await page.goto(`/contacts/${second.id}`);
  await scanner.scan(page, 'contact with a possible same incident');
  const flag = page.locator('#incident-review');
  const text = (await flag.textContent()) ?? '';
  for (const expected of ['Possible same incident', first.reference, `Aleksander ${surname}`, `Alexander ${surname}`, 'very similar spelling', postcode, '35 minutes apart']) expect(text).toContain(expected);

  if (javaScript) {
    // the question on its own page; saving without an answer shows the error summary first
    await page.goto(`/contacts/${second.id}/incident-review/${review.id}`);
    await scanner.scan(page, 'possible same incident');
    await page.getByRole('button', { name: 'Save decision' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').isVisible()).toBe(true);
    await scanner.scan(page, 'possible same incident with errors');
    await page.getByRole('radio', { name: 'Same incident' }).check();
    await page.getByLabel('Why (optional)').fill('The Gen 117 and the DASH are one call-out.');
    await page.getByRole('button', { name: 'Save decision' }).click();
  } else {
    await flag.getByRole('radio', { name: 'Same incident' }).check();
    await flag.getByLabel('Why (optional)').fill('One call-out, two forms.');
    await flag.getByRole('button', { name: 'Save decision' }).click();
  }

  // ——— one incident: the first contact shows the second attached ———
  await page.waitForURL((u) => u.pathname === `/contacts/${first.id}`);
  await scanner.scan(page, 'contact with a notification attached after review');
  const main = (await page.locator('main').textContent()) ?? '';
  expect(main).toContain('Also reported');
  expect(main).toContain('The DASH officer’s own form about the same call-out.');
  expect(main).toContain('Contacts attached to this one as the same incident');
  expect(main).toContain(second.reference);
  await page.getByRole('link', { name: second.reference }).first().click();
  await page.waitForURL((u) => u.pathname === `/contacts/${second.id}`);
  await scanner.scan(page, 'contact attached to another');
  const closed = (await page.locator('main').textContent()) ?? '';
  expect(closed).toContain('Attached to another contact');
  expect(closed).not.toContain('Record a screening decision');
  // off the worklist
  expect(await j.t.app.services.contacts.summary(second.id)).toMatchObject({ status: 'merged' });
  await signOut(page);
  await context.close();
}

async function late(javaScript: boolean, surname: string, postcode: string) {
  const receivedAt = new Date(Date.now() - 60_000);
  const sent = await notify({ surname, child: 'Harvey', postcode, occurredAt: new Date(receivedAt.getTime() - 21 * 24 * HOUR), receivedAt, reference: `FM/LATE/${randomUUID().slice(0, 6)}` });
  const context = await newContext(j, { javaScript });
  const page = await context.newPage();
  await signIn(page, 'manager');
  await page.getByRole('link', { name: 'Notifications', exact: true }).first().click();
  await page.waitForURL(/\/notifications/);
  await scanner.scan(page, 'notifications (manager)');
  await page.getByRole('link', { name: `Late notification: ${sent.reference}` }).click();
  await page.waitForURL((u) => u.pathname === `/contacts/${sent.id}`);
  await scanner.scan(page, 'contact received late');
  expect(await page.locator('#late-notification').textContent()).toContain('Received 21 days after the incident: late');
  await signOut(page);
  // the police's partner manager is told too, without the MASH's own workings
  await signIn(page, 'police-manager');
  await page.goto('/notifications');
  expect(await page.locator('main').textContent()).toContain(`Late notification: ${sent.reference}`);
  await scanner.scan(page, 'notifications (partner manager)');
  await context.close();
}

async function journeyPages(page: Page) {
  await page.goto('/sign-in');
  await scanner.scan(page);
}

describe('possible same incidents and late notifications in a browser', () => {
  it('flags two notifications of one incident, the screener attaches them, and the contact shows one incident (JavaScript on)', async () => {
    const context = await newContext(j, { javaScript: true });
    await journeyPages(await context.newPage());
    await context.close();
    await journey(true, 'Brackenridge', 'FM8 1QT');
  });

  it('does the same with JavaScript turned off', async () => {
    await journey(false, 'Fellgate', 'FM8 2QT');
  });

  it('tells a manager of a notification received 21 days after the incident (JavaScript on and off)', async () => {
    await late(true, 'Latchford', 'FM8 3QT');
    await late(false, 'Larkhill', 'FM8 4QT');
  });
});
