/**
 * The domestic abuse measures against a real database: hand-built records in an area of their own (so the demo's
 * records never change the figures), for the edges of each definition — notifications by police grading, the lag
 * from incident to receipt in its bands, MARAC cases, rate and repeats, IDVA referrals, Operation Encompass in time —
 * the incremental refresh of records that change without their contact, the page's operational counts, and the page
 * itself (for an analyst, with small numbers hidden for a viewer who may not see records, and refused without the
 * right to see measures).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one } from '../../db/client.js';
import { measureById } from '../../domain/measures/definitions.js';
import { type PeriodType, periodContaining } from '../../domain/measures/periods.js';
import { type TestApp, createTestApp } from '../../../test/support/app.js';
import { encompassOutcomes, lagDistribution } from './domestic-abuse-repository.js';
import { domesticAbuseView } from './presenters.js';

let t: TestApp;
let db: Database;

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
});
afterAll(async () => t.close());

const id = async (query: ReturnType<typeof sql>) => (await one<{ id: string }>(db, query))!.id;

/** An area of its own with a front door, the police, a school and a DA service, and helpers for DA records. */
async function fixtureArea(code: string) {
  const tenant = await id(sql`insert into tenant (code, name, synthetic) values (${code}, ${`Fixture ${code}`}, true) returning id`);
  const agency = (name: string, type: string) => id(sql`insert into agency (tenant_id, name, type) values (${tenant}, ${name}, ${type}) returning id`);
  const csc = await agency('Fixture CSC', 'children_social_care');
  const police = await agency('Fixture Police', 'police');
  const school = await agency('Fixture School', 'school');
  const da = await agency('Fixture DA Service', 'idva_da_service');
  const user = await id(sql`insert into app_user (tenant_id, agency_id, email, display_name) values (${tenant}, ${csc}, ${`${code}@fixture.test`}, 'Fixture User') returning id`);
  const worker = (name: string) => id(sql`insert into app_user (tenant_id, agency_id, email, display_name) values (${tenant}, ${da}, ${`${code}-${name.toLowerCase()}@fixture.test`}, ${name}) returning id`);
  let n = 0;

  /** A police DA notification: its contact (with or without the incident time on it) and its DA case. */
  const notification = async (input: { receivedAt: string; occurredAt?: string | null; risk?: string | null; incidentOnContact?: boolean }) => {
    n += 1;
    const occurred = input.occurredAt ?? null;
    const contact = await id(sql`
      insert into contact (tenant_id, reference, status, contact_type, owning_agency_id, source_agency_id, source_code, received_at, incident_at, narrative, consent, risk_level, synthetic, updated_at)
      values (${tenant}, ${`DA-${code}-${n}`}, 'open', 'child', ${csc}, ${police}, '6', ${input.receivedAt}, ${input.incidentOnContact === false ? null : occurred}, 'Fixture', 'not_sought',
              ${input.incidentOnContact === false ? null : (input.risk ?? null)}, true, ${input.receivedAt}) returning id`);
    const daCase = await id(sql`
      insert into da_case (tenant_id, contact_id, incident_type, occurred_at, received_at, police_risk)
      values (${tenant}, ${contact}, 'verbal', ${occurred}, ${input.receivedAt}, ${input.risk ?? null}) returning id`);
    const child = await id(sql`
      insert into da_person (tenant_id, da_case_id, role, given_names, family_name, date_of_birth) values (${tenant}, ${daCase}, 'child_present', 'Fixture', 'Child', '2016-05-01') returning id`);
    return { contact, daCase, child };
  };

  const referral = async (input: { referredAt: string; daCase?: string | null; previous?: string | null; criteria?: string[] }) =>
    id(sql`insert into marac_referral (tenant_id, da_case_id, victim_name, referring_agency_id, referred_at, criteria, reason, previous_referral_id)
           values (${tenant}, ${input.daCase ?? null}, 'Fixture Victim', ${police}, ${input.referredAt}, ${sql`array[${sql.join((input.criteria ?? ['visible_high_risk']).map((c) => sql`${c}`), sql`, `)}]::text[]`},
                   'Fixture', ${input.previous ?? null}) returning id`);

  const serviceCase = async (input: { service: 'idva' | 'commissioned'; referredAt: string; status?: string; risk?: string; keyworker?: string | null; daCase?: string | null }) =>
    id(sql`insert into da_service_case (tenant_id, service, da_case_id, client_name, referred_by_agency_id, referred_at, status, risk_at_intake, current_risk, keyworker_user_id)
           values (${tenant}, ${input.service}, ${input.daCase ?? null}, 'Fixture Client', ${police}, ${input.referredAt}, ${input.status ?? 'waiting'}, ${input.risk ?? 'high'}, ${input.risk ?? 'high'}, ${input.keyworker ?? null}) returning id`);

  const notice = async (input: { daCase: string; child: string; dueAt: string; sentAt?: string | null; agency?: string | null }) =>
    id(sql`insert into encompass_notice (tenant_id, da_case_id, da_person_id, route, agency_id, due_at, sent_at, needs_setting)
           values (${tenant}, ${input.daCase}, ${input.child}, 'school', ${input.agency === undefined ? school : input.agency}, ${input.dueAt}, ${input.sentAt ?? null},
                   ${input.agency === null ? 'No school is recorded for the child and the notification did not name one' : null}) returning id`);

  return { tenant, csc, police, school, da, user, worker, notification, referral, serviceCase, notice };
}

async function figure(tenantId: string, measureId: string, date: string, type: PeriodType = 'month') {
  const definition = measureById(measureId)!;
  const [f] = await t.app.services.measures.figures(tenantId, definition, [periodContaining(type, date)]);
  return f!;
}

describe('domestic abuse notifications and the lag from incident to receipt', () => {
  it('counts one notification per DA case by its London receipt date, by the police grading it came with', async () => {
    const a = await fixtureArea('dan');
    await a.notification({ receivedAt: '2026-03-02T09:00:00Z', occurredAt: '2026-03-01T21:00:00Z', risk: 'high' });
    await a.notification({ receivedAt: '2026-03-10T09:00:00Z', occurredAt: '2026-03-05T21:00:00Z', risk: 'standard' });
    await a.notification({ receivedAt: '2026-03-11T09:00:00Z', risk: null });
    // 23:30 BST on 31 March is still March in London; 23:30 UTC is 1 April.
    await a.notification({ receivedAt: '2026-03-31T22:30:00Z', risk: 'medium' });
    await a.notification({ receivedAt: '2026-03-31T23:30:00Z', risk: 'medium' });
    await t.app.services.measures.refresh(a.tenant, { full: true });
    expect((await figure(a.tenant, 'da_notifications', '2026-03-15')).counts.numerator).toBe(4);
    expect((await figure(a.tenant, 'da_notifications', '2026-04-15')).counts.numerator).toBe(1);
    const byRisk = await t.app.services.measures.breakdown(a.tenant, measureById('da_notifications')!, 'risk_level', periodContaining('month', '2026-03-15'));
    expect(Object.fromEntries(byRisk.map((r) => [r.label, r.counts.numerator]))).toEqual({ 'High (police)': 1, 'Medium (police)': 1, 'Standard (police)': 1, 'Not graded': 1 });
  });

  it('puts each lag in its band (24 hours exactly is within 24 hours), and takes the incident time from the DA case when the contact has none', async () => {
    const a = await fixtureArea('lagb');
    const received = (hours: number) => new Date(Date.parse('2026-05-01T00:00:00Z') + hours * 3_600_000).toISOString();
    await a.notification({ occurredAt: '2026-05-01T00:00:00Z', receivedAt: received(24), risk: 'high' });
    await a.notification({ occurredAt: '2026-05-01T00:00:00Z', receivedAt: received(24 + 1 / 60), risk: 'high' });
    await a.notification({ occurredAt: '2026-05-01T00:00:00Z', receivedAt: received(7 * 24), risk: 'medium' });
    await a.notification({ occurredAt: '2026-05-01T00:00:00Z', receivedAt: received(10 * 24), risk: 'standard', incidentOnContact: false });
    await a.notification({ occurredAt: '2026-05-01T00:00:00Z', receivedAt: received(22 * 24), risk: 'standard' });
    // An incident after its receipt is impossible: left out.
    await a.notification({ occurredAt: '2026-05-20T00:00:00Z', receivedAt: '2026-05-19T00:00:00Z', risk: 'standard' });
    await t.app.services.measures.refresh(a.tenant, { full: true });
    const lag = await figure(a.tenant, 'incident_to_receipt', '2026-05-15');
    expect(lag.counts.numerator).toBe(5);
    expect(lag.counts.median).toBeCloseTo(7, 5);
    const bands = await lagDistribution(db, a.tenant, 'incident_to_receipt', '2026-05-01', '2026-06-01');
    expect([...bands].sort((x, y) => x.risk_level.localeCompare(y.risk_level) || x.band - y.band)).toEqual([
      { risk_level: 'High (police)', band: 0, n: 1 },
      { risk_level: 'High (police)', band: 1, n: 1 },
      { risk_level: 'Medium (police)', band: 1, n: 1 },
      { risk_level: 'Standard (police)', band: 2, n: 1 },
      { risk_level: 'Standard (police)', band: 3, n: 1 },
    ]);
    // As the page shows them: counts and shares in each band, and the median, by grading.
    const view = domesticAbuseView(await t.app.services.measures.domesticAbuse(a.tenant, periodContaining('month', '2026-05-15')), { hide: false });
    expect(view.lag.rows.map((r) => [r.label, r.total, ...r.bands.map((b) => `${b.count} ${b.share}`), r.median])).toEqual([
      ['High (police)', '2', '1 50.0%', '1 50.0%', '0 0.0%', '0 0.0%', '1.0 days'],
      ['Medium (police)', '1', '0 0.0%', '1 100.0%', '0 0.0%', '0 0.0%', '7.0 days'],
      ['Standard (police)', '2', '0 0.0%', '0 0.0%', '1 50.0%', '1 50.0%', '16.0 days'],
    ]);
    expect(view.lag.all).toMatchObject({ total: '5', median: '7.0 days' });
  });
});

describe('MARAC cases, the rate per 10,000 women and repeats', () => {
  it('counts every referral (with or without a DA case), divides by the women aged 16 and over, and counts repeats either way they are recorded', async () => {
    const a = await fixtureArea('marac');
    await db.execute(sql`insert into population (tenant_id, group_code, year, value, source) values (${a.tenant}, 'women_16_plus', 2025, 2000, 'Fixture')`);
    const n1 = await a.notification({ receivedAt: '2025-06-01T09:00:00Z', risk: 'high' });
    const first = await a.referral({ referredAt: '2025-06-02T10:00:00Z', daCase: n1.daCase });
    await a.referral({ referredAt: '2025-09-02T10:00:00Z', previous: first, criteria: ['visible_high_risk', 'repeat'] });
    await a.referral({ referredAt: '2025-10-02T10:00:00Z', criteria: ['repeat'] });
    await a.referral({ referredAt: '2025-11-02T10:00:00Z', criteria: ['escalation'] });
    // Before the financial year: not counted in 2025-26.
    await a.referral({ referredAt: '2025-03-31T10:00:00Z' });
    await t.app.services.measures.refresh(a.tenant, { full: true });
    const cases = await figure(a.tenant, 'marac_cases', '2025-06-15', 'financial_year');
    expect(cases.counts.numerator).toBe(4);
    const rate = await figure(a.tenant, 'marac_rate', '2025-06-15', 'financial_year');
    expect(rate.counts.population).toBe(2000);
    expect(rate.figure).toMatchObject({ state: 'value', text: '20.0' });
    const repeats = await figure(a.tenant, 'marac_repeats', '2025-06-15', 'financial_year');
    expect(repeats.counts).toMatchObject({ numerator: 2, denominator: 4 });
    expect(repeats.figure).toMatchObject({ text: '50.0%', smallNumbers: true });
    expect(repeats.published).toMatchObject({ state: 'suppressed', text: 'c' });
  });

  it('picks up a referral made straight to MARAC (no contact), one from a DA case, and a notice sent later, in an incremental refresh', async () => {
    const a = await fixtureArea('marinc');
    const n1 = await a.notification({ receivedAt: '2026-02-02T09:00:00Z', occurredAt: '2026-02-01T20:00:00Z', risk: 'high' });
    // A later contact: the refresh's mark moves past the first one, so only its DA records can bring it back in.
    await a.notification({ receivedAt: '2026-02-20T09:00:00Z', risk: 'standard' });
    const noticeId = await a.notice({ daCase: n1.daCase, child: n1.child, dueAt: '2026-02-02T08:45:00Z' });
    await t.app.services.measures.refresh(a.tenant, { full: true });
    expect((await figure(a.tenant, 'marac_cases', '2026-02-15')).counts.numerator).toBe(0);
    expect(await encompassOutcomes(db, a.tenant, 'encompass_in_time', '2026-02-01', '2026-03-01')).toEqual({ in_time: 0, late: 0, not_sent: 1 });
    // Made after the last refresh, with no change to any contact.
    await a.referral({ referredAt: '2026-02-10T10:00:00Z' });
    await a.referral({ referredAt: '2026-02-11T10:00:00Z', daCase: n1.daCase });
    await db.execute(sql`update encompass_notice set sent_at = now() where id = ${noticeId}`);
    await t.app.services.measures.refresh(a.tenant);
    expect((await figure(a.tenant, 'marac_cases', '2026-02-15')).counts.numerator).toBe(2);
    expect(await encompassOutcomes(db, a.tenant, 'encompass_in_time', '2026-02-01', '2026-03-01')).toEqual({ in_time: 0, late: 1, not_sent: 0 });
  });
});

describe('IDVA referrals and Operation Encompass', () => {
  it('counts referrals to the IDVA service only, by the risk at referral', async () => {
    const a = await fixtureArea('idva');
    await a.serviceCase({ service: 'idva', referredAt: '2026-04-03T10:00:00Z' });
    await a.serviceCase({ service: 'idva', referredAt: '2026-04-04T10:00:00Z', risk: 'medium' });
    await a.serviceCase({ service: 'commissioned', referredAt: '2026-04-05T10:00:00Z', risk: 'standard' });
    await t.app.services.measures.refresh(a.tenant, { full: true });
    expect((await figure(a.tenant, 'idva_referrals', '2026-04-15')).counts.numerator).toBe(2);
    const byRisk = await t.app.services.measures.breakdown(a.tenant, measureById('idva_referrals')!, 'risk_level', periodContaining('month', '2026-04-15'));
    expect(Object.fromEntries(byRisk.map((r) => [r.label, r.counts.numerator]))).toEqual({ High: 1, Medium: 1 });
  });

  it('counts a notice sent at the due time as in time, a second later as late, one never sent as missed, and one not yet due not at all', async () => {
    const a = await fixtureArea('enc');
    const due = '2026-06-02T07:45:00Z';
    const make = async (sentAt: string | null, dueAt = due, agency?: string | null) => {
      const n1 = await a.notification({ receivedAt: '2026-06-01T22:00:00Z', occurredAt: '2026-06-01T20:00:00Z', risk: 'standard' });
      return a.notice({ daCase: n1.daCase, child: n1.child, dueAt, sentAt, ...(agency === undefined ? {} : { agency }) });
    };
    await make('2026-06-02T07:45:00Z');
    await make('2026-06-02T07:45:01Z');
    await make(null);
    await make(null, due, null); // in the needs-a-setting queue
    await make(null, '2099-06-02T07:45:00Z');
    await t.app.services.measures.refresh(a.tenant, { full: true });
    const f = await figure(a.tenant, 'encompass_in_time', '2026-06-15');
    expect(f.counts).toMatchObject({ numerator: 1, denominator: 4 });
    expect(await encompassOutcomes(db, a.tenant, 'encompass_in_time', '2026-06-01', '2026-07-01')).toEqual({ in_time: 1, late: 1, not_sent: 2 });
  });
});

describe('the page’s operational counts', () => {
  it('gives the triage’s decisions, each keyworker’s caseload and handovers, and the standard and medium risk waiting list', async () => {
    const a = await fixtureArea('ops');
    const ann = await a.worker('Ann Keyworker');
    const bo = await a.worker('Bo Keyworker');
    const now = Date.now();
    const daysAgo = (d: number) => new Date(now - d * 86_400_000).toISOString();
    // Two households decided at the daily triage, one still waiting for it.
    const h1 = await a.notification({ receivedAt: daysAgo(10), risk: 'high' });
    const h2 = await a.notification({ receivedAt: daysAgo(9), risk: 'standard' });
    await a.notification({ receivedAt: daysAgo(0), risk: 'medium' });
    await db.execute(sql`insert into mada_decision (tenant_id, da_case_id, decisions, reason, decided_at) values
      (${a.tenant}, ${h1.daCase}, array['marac_referral', 'idva']::text[], 'Fixture', ${daysAgo(9)}),
      (${a.tenant}, ${h2.daCase}, array['no_further_action']::text[], 'Fixture', ${daysAgo(8)})`);
    // Ann has two open cases (one high risk), one handed over to her from Bo; Bo has one.
    const c1 = await a.serviceCase({ service: 'idva', referredAt: daysAgo(30), status: 'allocated', keyworker: ann });
    await a.serviceCase({ service: 'idva', referredAt: daysAgo(20), status: 'allocated', keyworker: ann, risk: 'medium' });
    await a.serviceCase({ service: 'idva', referredAt: daysAgo(20), status: 'allocated', keyworker: bo });
    await db.execute(sql`insert into da_service_allocation (tenant_id, case_id, from_user_id, to_user_id, kind, reason, at) values
      (${a.tenant}, ${c1}, null, ${bo}, 'allocation', null, ${daysAgo(29)}),
      (${a.tenant}, ${c1}, ${bo}, ${ann}, 'handover', 'Leave', ${daysAgo(5)})`);
    // Waiting: medium risk for 12 days and for 3; standard for 0; a high-risk IDVA referral waiting is not on this list.
    await a.serviceCase({ service: 'commissioned', referredAt: daysAgo(12), risk: 'medium' });
    await a.serviceCase({ service: 'commissioned', referredAt: daysAgo(3), risk: 'medium' });
    await a.serviceCase({ service: 'commissioned', referredAt: new Date(now - 60_000).toISOString(), risk: 'standard' });
    await a.serviceCase({ service: 'idva', referredAt: daysAgo(1) });
    await t.app.services.measures.refresh(a.tenant, { full: true });
    const period = periodContaining('rolling_12_months', new Date(now).toISOString().slice(0, 10));
    const model = await t.app.services.measures.domesticAbuse(a.tenant, period);
    expect(model.mada.households).toBe(2);
    expect(model.mada.awaiting).toBe(1);
    expect(Object.fromEntries(model.mada.byDecision.map((d) => [d.decision, d.n]))).toEqual({ marac_referral: 1, idva: 1, no_further_action: 1 });
    expect(model.idva.caseload).toEqual([
      { worker: 'Ann Keyworker', open: 2, high: 1, handed_over_before: 1, handovers_in: 1, handovers_out: 0 },
      { worker: 'Bo Keyworker', open: 1, high: 1, handed_over_before: 0, handovers_in: 0, handovers_out: 1 },
    ]);
    expect(model.waiting).toEqual([
      { risk: 'medium', n: 2, longest: expect.any(Number) },
      { risk: 'standard', n: 1, longest: expect.any(Number) },
    ]);
    expect(model.waiting[1]!.longest).toBeLessThanOrEqual(1);
    expect(model.waiting[0]!.longest).toBeGreaterThanOrEqual(11);
    expect(model.waiting[0]!.longest).toBeLessThanOrEqual(13);

    // For a viewer who may not see the records, every count from 1 to 5 is hidden, and shares built on them.
    const hidden = domesticAbuseView(model, { hide: true });
    expect(hidden.mada.households).toBe('c');
    expect(hidden.waiting.total).toEqual({ count: 'c', longest: 'c' });
    expect(hidden.mada.rows.find((r) => r.label === 'No further action')).toMatchObject({ count: 'c', share: 'c' });
    const shown = domesticAbuseView(model, { hide: false });
    expect(shown.waiting.total.count).toBe('3');
    expect(shown.mada.rows.find((r) => r.label === 'No further action')).toMatchObject({ count: '1', share: '50.0%' });
  });
});

describe('the domestic abuse page', () => {
  it('shows the analyst every section, each table with a caption and headers, linked from the measures home page', async () => {
    const analyst = await t.as('analyst');
    const home = await analyst.get('/measures');
    expect(home.body).toContain('href="/measures/domestic-abuse"');
    const res = await analyst.get('/measures/domestic-abuse');
    expect(res.statusCode).toBe(200);
    for (const heading of ['Domestic abuse notifications received', 'Days from incident to receipt', 'Daily triage (MADA) decisions', 'MARAC cases per 10,000 women', 'Repeat MARAC referrals', 'Referrals to the IDVA service', 'Operation Encompass notifications sent before the next school day', 'Waiting list for standard and medium risk']) {
      expect(res.body).toContain(heading);
    }
    for (const band of ['Within 24 hours', '1 to 7 days', '8 to 21 days', 'Over 21 days']) expect(res.body).toContain(band);
    const tables = res.body.match(/<table/g)?.length ?? 0;
    expect(tables).toBeGreaterThanOrEqual(7);
    expect(res.body.match(/<caption/g)?.length).toBe(tables);
    expect(res.body).not.toContain('Numbers from 1 to 5 are hidden');
    expect(res.body).not.toMatch(/style="/);
    expect(res.body).not.toMatch(/<strong><\/strong>|<dt class="govuk-summary-list__key"><\/dt>/);
  });

  it('takes a period from the address, refuses one it does not know, and hides small numbers from a viewer who may not see records', async () => {
    const analyst = await t.as('analyst');
    const month = await analyst.get('/measures/domestic-abuse?period=2026-01');
    expect(month.statusCode).toBe(200);
    expect(month.body).toContain('January 2026');
    expect(month.body).toContain('Reported by financial year or rolling 12 months');
    expect((await analyst.get('/measures/domestic-abuse?period=2026-13')).statusCode).toBe(400);
    const coordinator = await t.as('marac');
    const res = await coordinator.get('/measures/domestic-abuse');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Numbers from 1 to 5 are hidden');
  });

  it('is refused to a role without the right to see measures', async () => {
    const admin = await t.as('admin');
    expect((await admin.get('/measures/domestic-abuse')).statusCode).toBe(403);
  });
});
