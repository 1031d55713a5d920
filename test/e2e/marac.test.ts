/**
 * MARAC in a browser, every page (and every form shown with its errors) scanned by axe for WCAG 2.2 AA: the police
 * refer; the coordinator schedules a meeting and lists the case; the health trust researches; the coordinator
 * records attendance, minutes and an action; the police complete the action. JavaScript is on because axe needs
 * it; the pages themselves use none (the forms are plain posts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Page } from 'playwright-core';
import { localDateOf, addDays } from '../../src/domain/time.js';
import { type Journey, Scanner, newContext, signIn, startJourney } from './support.js';

let j: Journey;
const scanner = new Scanner();

beforeAll(async () => {
  j = await startJourney();
});
afterAll(async () => j?.close());

function letters(): string {
  return Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
}

async function fillDate(page: Page, name: string, date: string): Promise<void> {
  const [y, m, d] = date.split('-');
  await page.fill(`#${name}-day`, String(Number(d)));
  await page.fill(`#${name}-month`, String(Number(m)));
  await page.fill(`#${name}-year`, y!);
}

describe('MARAC pages in a browser', () => {
  it('pass axe on every page of a referral’s journey through a meeting', { timeout: 240_000 }, async () => {
    const today = localDateOf(new Date());
    const victim = `Axe${letters()}`;
    const perpetrator = `Scan${letters()}`;

    // the police refer
    const policeContext = await newContext(j, { javaScript: true });
    const police = await policeContext.newPage();
    await signIn(police, 'police');
    await police.goto('/marac');
    await scanner.scan(police, 'overview (partner)');
    await police.getByRole('button', { name: 'Refer a victim to MARAC' }).click();
    await police.waitForURL('**/marac/referrals/new');
    await scanner.scan(police, 'refer');
    await police.getByRole('button', { name: 'Send the referral' }).click();
    await scanner.scan(police, 'refer with errors');
    expect(await police.locator('.govuk-error-summary').textContent()).toContain('Enter the victim’s first names');
    await police.getByLabel('Victim’s first names').fill('Avery');
    await police.getByLabel('Victim’s last name').fill(victim);
    await fillDate(police, 'victimDob', '1991-06-15');
    await police.getByLabel('Perpetrator’s first names (optional)').fill('Corin');
    await police.getByLabel('Perpetrator’s last name (optional)').fill(perpetrator);
    await police.getByLabel('Visible high risk (14 or more ticks on the DASH)').check();
    await police.getByLabel('DASH score (optional)').fill('15');
    await police.getByLabel('Why are you referring?').fill('Threats to kill; separation last month.');
    await police.getByRole('button', { name: 'Send the referral' }).click();
    await police.waitForURL(/\/marac\/referrals\/[0-9a-f-]{36}\/confirmation/);
    await scanner.scan(police, 'confirmation');
    const referralId = police.url().split('/')[5]!;
    await police.goto('/marac/referrals');
    await scanner.scan(police, 'referrals (partner)');
    await police.goto(`/marac/referrals/${referralId}`);
    await scanner.scan(police, 'referral (referrer)');

    // the coordinator schedules a meeting and lists the case
    const coordinatorContext = await newContext(j, { javaScript: true });
    const coordinator = await coordinatorContext.newPage();
    await signIn(coordinator, 'marac');
    await coordinator.goto('/marac');
    await scanner.scan(coordinator, 'overview (coordinator)');
    await coordinator.goto('/marac/referrals?status=referred');
    await scanner.scan(coordinator, 'referrals (coordinator)');
    await coordinator.goto('/marac/meetings');
    await scanner.scan(coordinator, 'meetings');
    await coordinator.getByRole('button', { name: 'Schedule a meeting' }).click();
    await coordinator.waitForURL('**/marac/meetings/new');
    await scanner.scan(coordinator, 'schedule a meeting');
    await coordinator.getByRole('button', { name: 'Schedule the meeting' }).click();
    await scanner.scan(coordinator, 'schedule a meeting with errors');
    await fillDate(coordinator, 'meetingAt', today);
    await coordinator.fill('#meetingAt-hour', '23');
    await coordinator.fill('#meetingAt-minute', '30');
    await coordinator.getByLabel('Where is the meeting?').fill('Civic Centre, Room 2');
    await coordinator.getByLabel('Fernmoor Constabulary').check();
    await coordinator.getByLabel('Fernmoor NHS Foundation Trust').check();
    await coordinator.getByRole('button', { name: 'Schedule the meeting' }).click();
    await coordinator.waitForURL(/\/marac\/meetings\/[0-9a-f-]{36}$/);
    const meetingUrl = coordinator.url();
    await scanner.scan(coordinator, 'meeting (scheduled, coordinator)');
    await coordinator.goto(`${meetingUrl}/agenda`);
    await scanner.scan(coordinator, 'agenda (scheduled, coordinator)');
    await coordinator.getByRole('button', { name: 'Add to the agenda' }).click();
    await scanner.scan(coordinator, 'agenda with errors');
    await coordinator.locator(`input[name="referralIds"][value="${referralId}"]`).check();
    await coordinator.getByRole('button', { name: 'Add to the agenda' }).click();
    await coordinator.waitForURL(/#agenda$/);

    // health researches
    const healthContext = await newContext(j, { javaScript: true });
    const health = await healthContext.newPage();
    await signIn(health, 'health');
    await health.goto('/marac/meetings');
    await scanner.scan(health, 'meetings (invited)');
    await health.goto(meetingUrl);
    await scanner.scan(health, 'meeting (invited)');
    await health.goto(`${meetingUrl}/agenda`);
    await scanner.scan(health, 'agenda (invited)');
    await health.getByRole('link', { name: `Complete your research for Avery ${victim}` }).click();
    await scanner.scan(health, 'research form');
    await health.getByRole('button', { name: 'Save your research' }).click();
    await scanner.scan(health, 'research form with errors');
    await health.getByLabel('Yes, known to us').check();
    await health.getByLabel('What does your agency hold?').fill('Two emergency department visits this year.');
    await health.getByRole('button', { name: 'Save your research' }).click();
    await health.waitForURL(/#agenda$/);
    await health.goto(`${meetingUrl}/research`);
    await scanner.scan(health, 'research');

    // the coordinator records attendance, minutes and an action
    await coordinator.goto(`${meetingUrl}/attendance`);
    await coordinator.getByRole('button', { name: 'Record attendance' }).click();
    await scanner.scan(coordinator, 'attendance with errors');
    await coordinator.getByRole('group', { name: 'Which agencies were present?' }).getByLabel('Fernmoor Constabulary').check();
    await coordinator.getByRole('button', { name: 'Record attendance' }).click();
    await coordinator.waitForURL(/#attendance$/);
    await scanner.scan(coordinator, 'attendance (held)');
    await coordinator.goto(meetingUrl);
    await scanner.scan(coordinator, 'meeting (held)');
    await coordinator.goto(`${meetingUrl}/agenda`);
    await coordinator.getByRole('link', { name: `Record the minutes for Avery ${victim}` }).click();
    await scanner.scan(coordinator, 'minutes form');
    await coordinator.getByRole('button', { name: 'Save the minutes' }).click();
    await scanner.scan(coordinator, 'minutes form with errors');
    await coordinator.getByLabel('What was discussed and agreed').fill('Safety plan agreed with the victim’s IDVA.');
    await coordinator.getByRole('button', { name: 'Save the minutes' }).click();
    await coordinator.goto(`${meetingUrl}/minutes`);
    await scanner.scan(coordinator, 'minutes');
    await coordinator.goto(`/marac/referrals/${referralId}`);
    await scanner.scan(coordinator, 'referral (coordinator)');
    await coordinator.getByRole('button', { name: 'Add an action' }).click();
    await scanner.scan(coordinator, 'add an action');
    await coordinator.getByRole('button', { name: 'Add the action' }).click();
    await scanner.scan(coordinator, 'add an action with errors');
    await coordinator.getByLabel('What must be done?').fill('Flag the address for an urgent response');
    await coordinator.getByLabel('Which agency owns the action?').selectOption({ label: 'Fernmoor Constabulary' });
    await fillDate(coordinator, 'dueOn', addDays(today, 7));
    await coordinator.getByRole('button', { name: 'Add the action' }).click();
    await coordinator.waitForURL(/#actions$/);
    await coordinator.getByRole('button', { name: 'Save the case status' }).click();
    await scanner.scan(coordinator, 'case status with errors');
    await coordinator.goto(`/marac/referrals/${referralId}/history/victim`);
    await scanner.scan(coordinator, 'victim history');
    await coordinator.goto(`/marac/referrals/${referralId}/history/perpetrator`);
    await scanner.scan(coordinator, 'perpetrator history');
    await coordinator.goto('/marac/actions');
    await scanner.scan(coordinator, 'actions (coordinator)');

    // the police complete their action
    await police.goto(`/marac/actions?referral=${referralId}`);
    await scanner.scan(police, 'actions (owner)');
    await police.getByRole('link', { name: 'Flag the address for an urgent response' }).click();
    await scanner.scan(police, 'action');
    await police.getByRole('button', { name: 'Mark the action done' }).click();
    await scanner.scan(police, 'action with errors');
    await police.getByLabel('What was done?').fill('Marker placed on the address.');
    await police.getByRole('button', { name: 'Mark the action done' }).click();
    await scanner.scan(police, 'action done');
    expect(await police.locator('main').textContent()).toContain('Marker placed on the address.');

    await Promise.all([policeContext.close(), coordinatorContext.close(), healthContext.close()]);
    expect(scanner.visited.size).toBeGreaterThanOrEqual(30);
    scanner.assertClean();
  });
});
