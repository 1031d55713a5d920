/**
 * Measures computed from the records: hand-built fixtures in an area of their own for the edges of each
 * definition, incremental refresh, publishing and reproducing, and the pages (scorecard, drill-down with
 * record-level permissions, reference data with its checks, commentary, the spreadsheet and CSV).
 */
import { sql } from 'drizzle-orm';
import { limit } from '../../../test/support/time-limits.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows } from '../../db/client.js';
import { measureById } from '../../domain/measures/definitions.js';
import { periodContaining } from '../../domain/measures/periods.js';
import { type TestApp, type TestClient, createTestApp } from '../../../test/support/app.js';
import { MeasureService } from './service.js';

let t: TestApp;
let db: Database;
let analyst: TestClient;
let police: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  analyst = await t.as('analyst');
  police = await t.as('police');
});
afterAll(async () => t.close());

/** An area of its own, so hand-computed figures are not mixed with the demo's. */
async function fixtureArea(code: string) {
  const tenant = (await one<{ id: string }>(db, sql`insert into tenant (code, name, synthetic) values (${code}, ${`Fixture ${code}`}, true) returning id`))!.id;
  const agency = (await one<{ id: string }>(db, sql`insert into agency (tenant_id, name, type) values (${tenant}, 'Fixture CSC', 'children_social_care') returning id`))!.id;
  const user = (await one<{ id: string }>(db, sql`insert into app_user (tenant_id, agency_id, email, display_name) values (${tenant}, ${agency}, ${`${code}@fixture.test`}, 'Fixture User') returning id`))!.id;
  let n = 0;
  const child = async (dob = '2015-06-01') => {
    const id = (await one<{ id: string }>(db, sql`insert into person (tenant_id, date_of_birth, gender, synthetic) values (${tenant}, ${dob}, 'female', true) returning id`))!.id;
    await db.execute(sql`insert into person_name (tenant_id, person_id, type, given_names, family_name, is_primary) values (${tenant}, ${id}, 'legal', 'Fixture', 'Child', true)`);
    return id;
  };
  /** A contact about a child, received at `receivedAt`, decided at `decidedAt` with an outcome (authorised). */
  const contact = async (input: { child: string; receivedAt: string; decidedAt?: string; outcome?: string; dueAt?: string; incidentAt?: string; authorised?: boolean }) => {
    n += 1;
    const id = (await one<{ id: string }>(
      db,
      sql`insert into contact (tenant_id, reference, status, contact_type, owning_agency_id, source_code, received_at, incident_at, narrative, consent, decision_due_at, created_by_user_id, synthetic, updated_at)
          values (${tenant}, ${`F-${code}-${n}`}, ${input.decidedAt ? 'decided' : 'open'}, 'child', ${agency}, '6', ${input.receivedAt}, ${input.incidentAt ?? null}, 'Fixture', 'given',
                  ${input.dueAt ?? null}, ${user}, true, ${input.decidedAt ?? input.receivedAt}) returning id`,
    ))!.id;
    await db.execute(sql`insert into contact_subject (tenant_id, contact_id, person_id, role) values (${tenant}, ${id}, ${input.child}, 'subject_child')`);
    if (input.decidedAt) {
      await db.execute(sql`insert into screening_decision (tenant_id, contact_id, threshold_level, outcome, rationale, decided_by_user_id, decided_at, authorisation, authorised_at)
        values (${tenant}, ${id}, 3, ${input.outcome ?? 'referral_csc'}, 'Fixture', ${user}, ${input.decidedAt}, ${input.authorised === false ? 'pending' : 'authorised'}, ${input.authorised === false ? null : input.decidedAt})`);
    }
    return id;
  };
  return { tenant, agency, user, child, contact };
}

async function figure(tenantId: string, measureId: string, date: string, type: 'month' | 'financial_year' = 'month') {
  const definition = measureById(measureId)!;
  const [f] = await t.app.services.measures.figures(tenantId, definition, [periodContaining(type, date)]);
  return f!;
}

describe('re-referrals within 12 months (DfE definition)', () => {
  it('counts a referral as a re-referral when the same child had one in the 12 months before, edges included', async () => {
    const a = await fixtureArea('rr');
    const c1 = await a.child();
    const c2 = await a.child();
    const c3 = await a.child();
    // Child 1: referred 10 Jan 2025 and exactly twelve months later, 10 Jan 2026 (a re-referral).
    await a.contact({ child: c1, receivedAt: '2025-01-10T09:00:00Z', decidedAt: '2025-01-10T10:00:00Z' });
    await a.contact({ child: c1, receivedAt: '2026-01-10T09:00:00Z', decidedAt: '2026-01-10T10:00:00Z' });
    // Child 2: referred 9 Jan 2025 and then 10 Jan 2026 at 10:00:01 — more than twelve months: not a re-referral.
    await a.contact({ child: c2, receivedAt: '2025-01-10T09:00:00Z', decidedAt: '2025-01-10T09:59:59Z' });
    await a.contact({ child: c2, receivedAt: '2026-01-10T09:00:00Z', decidedAt: '2026-01-10T10:00:00Z' });
    // Child 3: an early help decision earlier (not a referral), then a referral: not a re-referral; and an
    // unauthorised referral decision is not a referral yet.
    await a.contact({ child: c3, receivedAt: '2025-12-01T09:00:00Z', decidedAt: '2025-12-01T10:00:00Z', outcome: 'early_help' });
    await a.contact({ child: c3, receivedAt: '2026-01-20T09:00:00Z', decidedAt: '2026-01-20T10:00:00Z' });
    await a.contact({ child: c1, receivedAt: '2026-01-25T09:00:00Z', decidedAt: '2026-01-25T10:00:00Z', authorised: false });
    await t.app.services.measures.refresh(a.tenant, { full: true });
    const jan = await figure(a.tenant, 're_referrals', '2026-01-15');
    expect(jan.counts).toMatchObject({ numerator: 1, denominator: 3 });
    expect(jan.figure).toMatchObject({ state: 'value', text: '33.3%', smallNumbers: true });
    expect(jan.published).toMatchObject({ state: 'suppressed', text: 'c' });
    const first = await figure(a.tenant, 're_referrals', '2025-01-15');
    expect(first.counts).toMatchObject({ numerator: 0, denominator: 2 });
    // Referral rate uses every referral over the population of the year: none recorded yet, so no figure.
    const rate = await figure(a.tenant, 'referral_rate', '2026-01-15', 'financial_year');
    expect(rate.figure.state).toBe('none');
  });
});

describe('screening within one working day, and contacts by London date', () => {
  it('counts a decision at the deadline as in time and one a second later as late; a contact at 23:30 BST on 31 March counts in March', async () => {
    const a = await fixtureArea('sc');
    const c = await a.child();
    await a.contact({ child: c, receivedAt: '2026-03-02T09:00:00Z', dueAt: '2026-03-03T17:00:00Z', decidedAt: '2026-03-03T17:00:00Z', outcome: 'nfa_advice' });
    await a.contact({ child: c, receivedAt: '2026-03-02T09:00:00Z', dueAt: '2026-03-03T17:00:00Z', decidedAt: '2026-03-03T17:00:01Z', outcome: 'nfa_advice' });
    await a.contact({ child: c, receivedAt: '2026-03-31T22:30:00Z' });
    await a.contact({ child: c, receivedAt: '2026-03-31T23:30:00Z' });
    await t.app.services.measures.refresh(a.tenant, { full: true });
    expect((await figure(a.tenant, 'screening_in_time', '2026-03-15')).counts).toMatchObject({ numerator: 1, denominator: 2 });
    // 22:30 UTC on 31 March is 23:30 BST, still March; 23:30 UTC is 00:30 on 1 April.
    expect((await figure(a.tenant, 'contacts', '2026-03-15')).counts.numerator).toBe(3);
    expect((await figure(a.tenant, 'contacts', '2026-04-15')).counts.numerator).toBe(1);
  });

  it('takes the median days from incident to receipt, leaving out impossible lags', async () => {
    const a = await fixtureArea('lag');
    const c = await a.child();
    for (const [incident, received] of [
      ['2026-05-01T00:00:00Z', '2026-05-02T00:00:00Z'],
      ['2026-05-01T00:00:00Z', '2026-05-04T00:00:00Z'],
      ['2026-05-10T00:00:00Z', '2026-05-10T12:00:00Z'],
      ['2026-05-20T00:00:00Z', '2026-05-19T00:00:00Z'], // incident after receipt: left out
    ]) {
      await a.contact({ child: c, receivedAt: received!, incidentAt: incident! });
    }
    await t.app.services.measures.refresh(a.tenant, { full: true });
    const f = await figure(a.tenant, 'incident_to_receipt', '2026-05-15');
    expect(f.counts.numerator).toBe(3);
    expect(f.counts.median).toBeCloseTo(1, 5);
    expect(f.figure.text).toBe('1.0 days');
  });
});

describe('refreshing, publishing and reproducing', () => {
  it('picks up a new contact incrementally, and explains the change against the published figure', async () => {
    const a = await fixtureArea('pub');
    const c = await a.child();
    for (let i = 0; i < 7; i += 1) await a.contact({ child: c, receivedAt: `2026-02-0${i + 1}T10:00:00Z` });
    await t.app.services.measures.refresh(a.tenant, { full: true });
    expect((await figure(a.tenant, 'contacts', '2026-02-10')).counts.numerator).toBe(7);
    const analystId = await t.userId('analyst');
    const actor = { userId: analystId, tenantId: a.tenant, roles: ['board_analyst'], agencyId: a.agency, requestId: null };
    const definition = measureById('contacts')!;
    const period = periodContaining('month', '2026-02-10');
    expect(await t.app.services.measures.publish(actor, definition, period)).toBe(true);
    expect(await t.app.services.measures.publish(actor, definition, period)).toBe(false);

    // A contact entered late for February.
    const late = await a.contact({ child: c, receivedAt: '2026-02-20T10:00:00Z' });
    await db.execute(sql`update contact set updated_at = now() + interval '1 second' where id = ${late}`);
    await t.app.services.measures.refresh(a.tenant);
    expect((await figure(a.tenant, 'contacts', '2026-02-10')).counts.numerator).toBe(8);
    const state = await rows<{ full_at: string; refreshed_at: string }>(db, sql`select full_at::text, refreshed_at::text from measure_refresh where tenant_id = ${a.tenant} and measure_id = 'contacts'`);
    expect(state[0]!.refreshed_at >= state[0]!.full_at).toBe(true);

    const result = (await t.app.services.measures.reproduce(a.tenant, definition, period))!;
    expect(result.published).toMatchObject({ state: 'value', text: '7' });
    expect(result.now.figure).toMatchObject({ text: '8' });
    expect(result.numerator.added).toEqual([late]);
    expect(result.reasons[0]!.why).toMatch(/changed after publication|entered late/);
  });
});

describe('refreshing from several processes at once', () => {
  it('never deadlocks: concurrent full and incremental refreshes of one area, as from several app processes, all finish', { timeout: limit(180_000) }, async () => {
    const tenant = (await one<{ id: string }>(db, sql`select id from tenant where code = 'fernmoor'`))?.id ?? (await one<{ id: string }>(db, sql`select tenant_id as id from contact limit 1`))!.id;
    // A second service over the same database stands for a second process (its own in-process queue).
    const other = new MeasureService(db, t.app.services.audit, () => new Date());
    const services = [t.app.services.measures, other, ...Array.from({ length: 2 }, () => new MeasureService(db, t.app.services.audit, () => new Date()))];
    const results = await Promise.all(services.flatMap((m, i) => [m.refresh(tenant, { full: i % 2 === 0 }), m.refresh(tenant)]));
    expect(new Set(results.map((r) => r.measures)).size).toBe(1);
    const facts = await one<{ n: number }>(db, sql`select count(*)::int as n from measure_fact where tenant_id = ${tenant}`);
    expect(facts!.n).toBeGreaterThan(0);
  });
});

describe('the measures pages', () => {
  it('shows the scorecard with each measure’s plain-English description beside its value', async () => {
    const res = await analyst.get('/measures');
    expect(res.statusCode).toBe(200);
    for (const id of ['contacts', 're_referrals', 'screening_in_time']) {
      const d = measureById(id)!;
      expect(res.body).toContain(d.title);
      expect(res.body).toContain(d.description.replace(/’/g, '&#8217;').slice(0, 20).replace(/&#8217;/g, '’'));
    }
  });

  it('lists the measures not on the scorecard compactly, grouped by board in closed details', async () => {
    const body = (await analyst.get('/measures')).body;
    const other = body.slice(body.indexOf('Other measures'));
    for (const group of ['Domestic abuse', 'Adults’ safeguarding and DoLS', 'Children’s safeguarding', 'Children missing education', 'The partnership’s own work']) {
      expect(other).toMatch(new RegExp(`<span class="govuk-details__summary-text">\\s*${group.replace(/’/g, '(’|&#8217;)')} \\(\\d+\\)`));
    }
    expect(other).toContain('href="/measures/marac_cases"');
    expect(other).not.toMatch(/<details[^>]* open/);
  });

  it('shows a measure with its definition, trend chart (accessible SVG and table) and comparators', async () => {
    const res = await analyst.get('/measures/re_referrals');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Referrals in the period where the same child had a referral in the previous 12 months');
    expect(res.body).toMatch(/<svg role="img" aria-labelledby="trend-re_referrals-title trend-re_referrals-desc"/);
    expect(res.body).toContain('<title id="trend-re_referrals-title">');
    expect(res.body).toContain('England 21.9%');
    expect(res.body).not.toMatch(/style="/);
  });

  it('drills into a breakdown and the records behind it, audited; a partner sees only its agency’s records', async () => {
    const breakdown = await analyst.get('/measures/contacts/breakdown/agency');
    expect(breakdown.statusCode).toBe(200);
    expect(breakdown.body).toContain('Fernmoor Constabulary');
    const mine = await analyst.get('/measures/contacts/records');
    expect(mine.statusCode).toBe(200);
    const audited = await one<{ n: number }>(db, sql`select count(*)::int as n from audit_event where action = 'measure.records_viewed'`);
    expect(audited!.n).toBeGreaterThan(0);

    const theirs = await police.get('/measures/contacts/records');
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).toMatch(/more records? (is|are) counted in this figure but belong to agencies you cannot see/);
    const policeAgency = (await one<{ agency_id: string }>(db, sql`select agency_id from app_user where email = 'police@demo.threshold.test'`))!.agency_id;
    const shown = [...theirs.body.matchAll(/href="\/contacts\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    expect(shown.length).toBeGreaterThan(0);
    const foreign = await rows<{ id: string }>(
      db,
      sql`select c.id from contact c where c.id in (${sql.join(shown.map((s) => sql`${s}`), sql`, `)})
            and c.source_agency_id is distinct from ${policeAgency} and c.owning_agency_id <> ${policeAgency}
            and not exists (select 1 from contact_share sh where sh.contact_id = c.id and sh.agency_id = ${policeAgency})`,
    );
    expect(foreign).toEqual([]);
    // And a partner without the role cannot reach them at all.
    const dsl = await t.as('admin');
    expect((await dsl.get('/measures/contacts/records')).statusCode).toBe(403);
  });

  it('refuses a period it does not know, and one the measure is not reported by', async () => {
    expect((await analyst.get('/measures/contacts?period=2026-13')).statusCode).toBe(400);
    const wrong = await analyst.get('/measures/referral_rate?period=2026-01');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('is not reported by month');
    expect((await analyst.get('/measures/nope')).statusCode).toBe(404);
  });

  it('refuses a target outside the unit, a comparator for an unknown year and a population of zero, saving nothing', async () => {
    await analyst.get('/measures/settings');
    expect((await analyst.post('/measures/settings', { measures: ['contacts', 're_referrals', 'screening_in_time'] })).statusCode).toBe(303);
    await analyst.get('/measures/re_referrals/settings');
    const target = await analyst.post('/measures/re_referrals/settings', { periodType: 'financial_year', ownerUserId: '', target: '101', tolerance: '2' });
    expect(target.statusCode).toBe(400);
    expect(target.body).toContain('The target must be a percentage from 0 to 100');
    const before = await one<{ n: number }>(db, sql`select count(*)::int as n from comparator`);
    await analyst.get('/measures/reference/comparators');
    const year = await analyst.post('/measures/reference/comparators', { measureId: 're_referrals', kind: 'national', year: '2031-32', value: '20', source: 'Test' });
    expect(year.statusCode).toBe(400);
    expect(year.body).toContain('There are no figures for 2031-32');
    await analyst.get('/measures/reference/populations');
    const zero = await analyst.post('/measures/reference/populations', { group: 'children_0_17', year: '2025-26', population: '0', source: 'Test' });
    expect(zero.statusCode).toBe(400);
    expect(zero.body).toContain('a rate cannot be worked out from a population of 0');
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from comparator`))!.n).toBe(before!.n);
    const tooMany = await analyst.post('/measures/settings', { measures: ['contacts', 'contacts_to_referral', 're_referrals', 'referral_rate', 'screening_in_time', 'early_help_in_time', 'assessments_in_time', 'incident_to_receipt', 'x'] });
    expect(tooMany.statusCode).toBe(400);
  });

  it('lets the owner (or an analyst) write the commentary, and nobody else', async () => {
    await analyst.get('/measures/re_referrals/settings');
    const owner = await t.userId('manager');
    expect((await analyst.post('/measures/re_referrals/settings', { periodType: 'financial_year', ownerUserId: owner, target: '20', tolerance: '2' })).statusCode).toBe(303);
    const manager = await t.as('manager');
    await manager.get('/measures/re_referrals/commentary');
    const saved = await manager.post('/measures/re_referrals/commentary', { workingWell: 'Fewer repeat referrals from schools.', worriedAbout: '', goingToDo: 'Audit ten re-referrals.' });
    expect(saved.statusCode).toBe(303);
    expect((await manager.get('/measures/re_referrals')).body).toContain('Audit ten re-referrals.');
    const screener = await t.as('screener');
    expect((await screener.get('/measures/re_referrals/commentary')).statusCode).toBe(403);
  });

  it('downloads the scorecard as XLSX and formula-safe CSV, with small numbers hidden', async () => {
    const xlsx = await analyst.get('/measures/scorecard.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const csv = await analyst.get('/measures/scorecard.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split('\r\n')[0]).toMatch(/^Measure,Period,Value,Numerator,Denominator/);
    expect(csv.body).toContain('c = hidden');
    expect(csv.body).not.toMatch(/(^|,)[=+@]/m);
    const report = await analyst.get('/measures/report');
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('What are we worried about');
  });

  it('prints the board report to PDF through Chromium', async () => {
    const pdf = await analyst.get('/measures/report.pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);
});
