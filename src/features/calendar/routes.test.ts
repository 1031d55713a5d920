import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, rows } from '../../db/client.js';
import { type TestApp, type TestClient, createTestApp } from '../../../test/support/app.js';

let t: TestApp;
let admin: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('admin');
});
afterAll(async () => t.close());

describe('bank holidays', () => {
  it('shows one year at a time, with links to the others', async () => {
    const res = await admin.get('/admin/bank-holidays');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="/admin/bank-holidays?year=2027"');
    expect(res.body).not.toContain('coronation of King Charles III');
    const y2023 = await admin.get('/admin/bank-holidays?year=2023');
    expect(y2023.body).toContain('coronation of King Charles III');
    expect(y2023.body).toContain('govuk-pagination');
    // A year not in the calendar, or not a year at all, shows the default year rather than an error.
    for (const year of ['1999', '2023x', '%3Cscript%3E', '']) {
      const other = await admin.get(`/admin/bank-holidays?year=${year}`);
      expect(other.statusCode).toBe(200);
      expect(other.body).not.toContain('coronation of King Charles III');
    }
  });

  it('adds a future year from the standard rules, which the calendar then uses', async () => {
    const tenant = await one<{ id: string }>(t.db.db, sql`select id from tenant where code = 'fernmoor'`);
    const before = await t.app.services.calendar.forDivision('england-and-wales');
    expect(before.covers('2028-01-04')).toBe(false);
    expect((await admin.post('/admin/bank-holidays/years', { year: '2028' })).statusCode).toBe(303);
    const dates = await rows<{ date: string }>(t.db.db, sql`select date from bank_holiday where date between '2028-01-01' and '2028-12-31' order by date`);
    expect(dates.map((d) => d.date)).toEqual(['2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26']);
    const after = await t.app.services.calendar.forDivision('england-and-wales');
    expect(after.covers('2028-01-04')).toBe(true);
    expect(after.addWorkingDays('2027-12-31', 1)).toBe('2028-01-04');
    void tenant;
  });

  it('refuses the same year twice, and an impossible year', async () => {
    expect((await admin.post('/admin/bank-holidays/years', { year: '2028' })).body).toContain('2028 is already in the calendar');
    expect((await admin.post('/admin/bank-holidays/years', { year: '20x8' })).body).toContain('Enter a year from 2000 to 2100');
  });

  it('adds and removes a one-off holiday', async () => {
    const added = await admin.post('/admin/bank-holidays', { 'date-day': '5', 'date-month': '6', 'date-year': '2028', title: 'Special bank holiday' });
    expect(added.statusCode).toBe(303);
    expect((await t.app.services.calendar.forDivision('england-and-wales')).isHoliday('2028-06-05')).toBe(true);
    expect((await admin.post('/admin/bank-holidays', { 'date-day': '31', 'date-month': '2', 'date-year': '2028', title: 'x' })).body).toContain('Date must be a real date');
    expect((await admin.post('/admin/bank-holidays/remove', { date: '2028-06-05' })).statusCode).toBe(303);
    expect((await t.app.services.calendar.forDivision('england-and-wales')).isHoliday('2028-06-05')).toBe(false);
  });
});

describe('timescales', () => {
  it('lets an area set its own timescale with its source, which new contacts then use', async () => {
    const page = await admin.get('/admin/timescales');
    expect(page.body).toContain('Working Together to Safeguard Children');
    expect(page.body).toContain('href="/admin/timescales/contact.decision.child"');
    expect(page.body).not.toContain('Initial child protection conference');
    expect((await admin.get('/admin/timescales?area=children')).body).toContain('Initial child protection conference');
    expect((await admin.get('/admin/timescales?area=nonsense')).statusCode).toBe(200);
    const single = await admin.get('/admin/timescales/contact.decision.child');
    expect(single.statusCode).toBe(200);
    expect(single.body).toContain('id="contact.decision.child-amount"');
    expect((await admin.get('/admin/timescales/no.such.rule')).statusCode).toBe(404);
    const res = await admin.post('/admin/timescales/contact.decision.child', { amount: '4', unit: 'working_hours', source: 'Fernmoor MASH standard 2026' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/timescales?area=front-door');
    const tenant = await one<{ id: string }>(t.db.db, sql`select id from tenant where code = 'fernmoor'`);
    const ts = await t.app.services.calendar.timescale(tenant!.id, 'contact.decision.child');
    expect(ts).toMatchObject({ amount: 4, unit: 'working_hours', source: 'Fernmoor MASH standard 2026' });
    const bad = await admin.post('/admin/timescales/contact.decision.child', { amount: '-1', unit: 'fortnights', source: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#contact.decision.child-amount"');
    expect((await admin.post('/admin/timescales/no.such.rule', { amount: '1', unit: 'working_days', source: 'x' })).statusCode).toBe(404);
    // School days only for a timescale counted in school days (its callers hold the school calendar).
    const school = await admin.post('/admin/timescales/contact.decision.child', { amount: '2', unit: 'school_days', source: 'Fernmoor MASH standard 2026' });
    expect(school.statusCode).toBe(400);
    expect(school.body).toContain('cannot be counted in school days');
    expect((await admin.post('/admin/timescales/cme.joint_enquiries', { amount: '15', unit: 'school_days', source: 'Fernmoor CME protocol 2026' })).statusCode).toBe(303);
    expect(await t.app.services.calendar.timescale(tenant!.id, 'cme.joint_enquiries')).toMatchObject({ amount: 15, unit: 'school_days' });
    expect((await admin.post('/admin/timescales/cme.joint_enquiries', { amount: '20', unit: 'months', source: 'x' })).statusCode).toBe(400);
  });
});
