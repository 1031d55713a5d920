/**
 * The adult safeguarding and DoLS measures, the adults' board scorecard and the returns to NHS England, against a
 * real database: hand-built concerns, enquiries, risks, meetings and DoLS applications in an area of their own, for
 * the edges of each definition (London dates, merged people, an enquiry counted once under each type of risk, the
 * DoLS clocks); the incremental refresh of records that are not contacts; the SAC tables agreeing with the engine;
 * and the pages and workbooks, with small numbers hidden for a viewer who may not see records.
 */
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one } from '../../db/client.js';
import { measureById } from '../../domain/measures/definitions.js';
import { periodContaining } from '../../domain/measures/periods.js';
import { type TestApp, type TestClient, createTestApp } from '../../../test/support/app.js';
import { limit } from '../../../test/support/time-limits.js';
import { loadDols, loadSac } from './sac-return.js';

let t: TestApp;
let db: Database;

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
}, limit(120_000));
afterAll(async () => t.close());

const id = async (query: ReturnType<typeof sql>) => (await one<{ id: string }>(db, query))!.id;

/** An area of its own (or the demo's, by id) and helpers that write adults' records as the adult team would. */
async function area(code: string, existingTenant?: string) {
  const tenant = existingTenant ?? (await id(sql`insert into tenant (code, name, synthetic) values (${code}, ${`Fixture ${code}`}, true) returning id`));
  const asc = await id(sql`insert into agency (tenant_id, name, type) values (${tenant}, ${`ASC ${code}`}, 'adult_social_care') returning id`);
  const user = await id(sql`insert into app_user (tenant_id, agency_id, email, display_name) values (${tenant}, ${asc}, ${`${code}@fixture.test`}, 'Fixture Worker') returning id`);
  let n = 0;
  const person = (dob: string | null, gender: string, ethnicity: string | null, mergedInto: string | null = null) =>
    id(sql`insert into person (tenant_id, date_of_birth, gender, ethnicity, merged_into_person_id, synthetic) values (${tenant}, ${dob}, ${gender}, ${ethnicity}, ${mergedInto}, true) returning id`);
  const concern = async (c: { personId: string | null; receivedAt: string; status?: string; decision?: string | null; source?: string }) => {
    n += 1;
    return id(sql`insert into adult_concern (tenant_id, reference, channel, owning_agency_id, person_id, adult_name, received_at, source_code, what_happened, decision_due_at,
                                             status, decision, decided_at, authorised_at, created_at)
                  values (${tenant}, ${`AC-${code}-${n}`}, 'front_door', ${asc}, ${c.personId}, 'Fixture Adult', ${c.receivedAt}, ${c.source ?? 'police'}, 'Fixture', ${c.receivedAt},
                          ${c.status ?? 'decided'}, ${c.decision ?? null}, ${c.decision ? c.receivedAt : null}, ${c.status === 'decided' || c.status === undefined ? c.receivedAt : null}, ${c.receivedAt})
                  returning id`);
  };
  const enquiry = (e: {
    concernId: string; kind?: string; startedAt: string; status?: string; endedAt?: string | null; exitReason?: string | null; mspAsked?: string | null;
    outcomesAchieved?: string | null; capacity?: string | null; advocacy?: string | null; psr?: string | null;
  }) =>
    id(sql`insert into adult_enquiry (tenant_id, concern_id, kind, started_at, status, ended_at, exit_reason, msp_asked, outcomes_achieved, capacity, advocacy, primary_support_reason, created_at)
           values (${tenant}, ${e.concernId}, ${e.kind ?? 's42'}, ${e.startedAt}, ${e.status ?? 'open'}, ${e.endedAt ?? null}, ${e.exitReason ?? null}, ${e.mspAsked ?? null},
                   ${e.outcomesAchieved ?? null}, ${e.capacity ?? null}, ${e.advocacy ?? null}, ${e.psr ?? null}, ${e.startedAt}) returning id`);
  const risk = (enquiryId: string, type: string, location: string, source: string, result: string, actionTaken: boolean, at: string) =>
    id(sql`insert into adult_risk (tenant_id, enquiry_id, type, location, source, result, action_taken, created_at)
           values (${tenant}, ${enquiryId}, ${type}, ${location}, ${source}, ${result}, ${actionTaken}, ${at}) returning id`);
  const meeting = (enquiryId: string, kind: string, heldAt: string) =>
    id(sql`insert into adult_meeting (tenant_id, enquiry_id, kind, held_at, persons_voice, decisions, recorded_by_user_id, created_at)
           values (${tenant}, ${enquiryId}, ${kind}, ${heldAt}, 'Fixture', 'Fixture', ${user}, ${heldAt}) returning id`);
  const dols = async (d: { receivedAt: string; kind?: string; urgentFrom?: string | null; extendedAt?: string | null; status?: string; allocatedAt?: string | null; decidedAt?: string | null; personId?: string | null }) => {
    n += 1;
    return id(sql`insert into dols_application (tenant_id, reference, person_id, person_name, date_of_birth, managing_authority, setting, kind, received_at, urgent_from, urgent_extended_at,
                                                priority, status, allocated_at, decided_at, created_at)
                  values (${tenant}, ${`DL-${code}-${n}`}, ${d.personId ?? null}, 'Fixture Resident', '1935-02-01', 'Fixture Care Home', 'care_home', ${d.kind ?? 'standard'}, ${d.receivedAt},
                          ${d.urgentFrom ?? null}, ${d.extendedAt ?? null}, 'medium', ${d.status ?? 'received'}, ${d.allocatedAt ?? null}, ${d.decidedAt ?? null}, ${d.receivedAt}) returning id`);
  };
  return { tenant, asc, user, person, concern, enquiry, risk, meeting, dols };
}

/** A year of adults' records in 2025-26 (1 April 2025 to 31 March 2026), with the edges each rule turns on. */
async function yearOfRecords(a: Awaited<ReturnType<typeof area>>) {
  const ann = await a.person('1940-05-01', 'female', 'WBRI');
  const annAgain = await a.person('1940-05-01', 'female', null, ann); // a duplicate record, merged into Ann
  const ben = await a.person('1990-01-01', 'male', 'BAFR');

  const c1 = await a.concern({ personId: ann, receivedAt: '2025-05-01T09:00:00Z', decision: 's42_enquiry', source: 'social_care_residential' });
  const e1 = await a.enquiry({
    concernId: c1, startedAt: '2025-05-03T09:00:00Z', status: 'concluded', endedAt: '2025-08-01T09:00:00Z', mspAsked: 'asked_expressed', outcomesAchieved: 'fully',
    capacity: 'lacks_capacity', advocacy: 'family_friend', psr: 'memory_cognition',
  });
  // Two neglect risks (one type, two locations) and a physical one: once under neglect and once under physical.
  await a.risk(e1, 'neglect', 'own_home', 'service_provider', 'reduced', true, '2025-05-04T09:00:00Z');
  await a.risk(e1, 'neglect', 'care_home_residential', 'known_to_individual', 'removed', true, '2025-05-05T09:00:00Z');
  await a.risk(e1, 'physical', 'own_home', 'known_to_individual', 'remains', false, '2025-05-06T09:00:00Z');
  await a.meeting(e1, 'decision_making', '2025-05-10T10:00:00Z');
  await a.meeting(e1, 'outcome', '2025-07-30T10:00:00Z');

  // A second concern about Ann, on the duplicate record: she is still one individual.
  const c2 = await a.concern({ personId: annAgain, receivedAt: '2025-09-01T09:00:00Z', decision: 's42_enquiry' });
  const e2 = await a.enquiry({ concernId: c2, startedAt: '2025-09-02T09:00:00Z', status: 'exited', endedAt: '2025-10-01T09:00:00Z', exitReason: 'adult_declined', psr: 'mental_health' });

  const c3 = await a.concern({ personId: ben, receivedAt: '2025-06-01T09:00:00Z', decision: 'other_enquiry' });
  const e3 = await a.enquiry({ concernId: c3, kind: 'other', startedAt: '2025-06-02T09:00:00Z', status: 'concluded', endedAt: '2025-07-01T09:00:00Z', mspAsked: 'asked_not_expressed' });
  await a.risk(e3, 'financial', 'community', 'unknown_to_individual', 'no_risk', false, '2025-06-03T09:00:00Z');
  await a.meeting(e3, 'decision_making', '2025-06-10T10:00:00Z');

  await a.concern({ personId: ben, receivedAt: '2025-07-01T09:00:00Z', decision: 'information_advice' });
  // Proposed but not authorised: not (yet) a section 42 enquiry.
  await a.concern({ personId: ben, receivedAt: '2025-10-01T09:00:00Z', status: 'awaiting_authorisation', decision: 's42_enquiry' });
  // 23:30 BST on 31 March 2026 is still 2025-26; 00:30 BST on 1 April is 2026-27.
  await a.concern({ personId: null, receivedAt: '2026-03-31T22:30:00Z', status: 'open' });
  await a.concern({ personId: ann, receivedAt: '2026-03-31T23:30:00Z', status: 'open' });

  const dols = {
    inTime: await a.dols({ receivedAt: '2025-06-01T09:00:00Z', status: 'granted', allocatedAt: '2025-06-02T09:00:00Z', decidedAt: '2025-06-22T15:00:00Z' }), // day 21
    late: await a.dols({ receivedAt: '2025-06-01T09:00:00Z', status: 'not_granted', allocatedAt: '2025-06-02T09:00:00Z', decidedAt: '2025-06-23T09:00:00Z' }), // day 22
    urgent: await a.dols({ receivedAt: '2025-07-01T09:00:00Z', kind: 'urgent', urgentFrom: '2025-07-01', extendedAt: '2025-07-07T09:00:00Z', status: 'granted', allocatedAt: '2025-07-01T12:00:00Z', decidedAt: '2025-07-15T09:00:00Z' }),
    waiting: await a.dols({ receivedAt: '2025-08-01T09:00:00Z' }),
    allocated: await a.dols({ receivedAt: '2025-08-01T09:00:00Z', status: 'allocated', allocatedAt: '2025-08-05T09:00:00Z' }),
    withdrawn: await a.dols({ receivedAt: '2025-09-01T09:00:00Z', status: 'withdrawn', decidedAt: '2025-09-10T09:00:00Z' }),
  };
  return { ann, ben, e1, e2, dols };
}

async function figure(tenantId: string, measureId: string, date = '2025-10-01') {
  const definition = measureById(measureId)!;
  const [f] = await t.app.services.measures.figures(tenantId, definition, [periodContaining('financial_year', date)]);
  return f!.counts;
}

describe('the adult safeguarding and DoLS measures', () => {
  it('counts a year of records by each definition', async () => {
    const a = await area('adm');
    await yearOfRecords(a);
    await t.app.services.measures.refresh(a.tenant, { full: true });
    const f = (m: string) => figure(a.tenant, m);
    expect((await f('adult_concerns')).numerator).toBe(6);
    expect((await figure(a.tenant, 'adult_concerns', '2026-06-01')).numerator).toBe(1);
    expect(await f('adult_s42_conversion')).toMatchObject({ numerator: 2, denominator: 6 });
    expect((await f('adult_s42_started')).numerator).toBe(2);
    expect((await f('adult_other_started')).numerator).toBe(1);
    expect((await f('adult_s42_concluded')).numerator).toBe(2);
    expect((await f('adult_risk_types')).numerator).toBe(2);
    expect((await f('adult_risk_locations')).numerator).toBe(2);
    expect((await f('adult_risk_sources')).numerator).toBe(2);
    expect((await f('adult_decision_meetings')).numerator).toBe(2);
    expect((await f('adult_outcome_meetings')).numerator).toBe(1);
    expect(await f('adult_msp_asked')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(await f('adult_msp_expressed')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(await f('adult_msp_achieved')).toMatchObject({ numerator: 1, denominator: 1 });
    expect((await f('dols_received')).numerator).toBe(6);
    expect((await f('dols_granted')).numerator).toBe(2);
    expect((await f('dols_not_granted')).numerator).toBe(1);
    expect((await f('dols_unallocated')).numerator).toBe(1);
    expect(await f('dols_in_time')).toMatchObject({ numerator: 2, denominator: 3 });

    // The breakdowns: risks by their SAC words, the adult by the SAC's age bands on the day the record counts.
    const measures = t.app.services.measures;
    const period = periodContaining('financial_year', '2025-10-01');
    const types = await measures.breakdown(a.tenant, measureById('adult_risk_types')!, 'risk_level', period);
    expect(types.map((r) => [r.label, r.counts.numerator])).toEqual([
      ['Neglect and acts of omission', 1],
      ['Physical abuse', 1],
    ]);
    const ages = await measures.breakdown(a.tenant, measureById('adult_concerns')!, 'age_band', period);
    expect(ages.map((r) => [r.label, r.counts.numerator])).toEqual([
      ['18-64', 3],
      ['85-94', 2],
      ['Age unknown', 1],
    ]);
    const priority = await measures.breakdown(a.tenant, measureById('dols_received')!, 'risk_level', period);
    expect(priority.map((r) => r.label)).toEqual(['Medium priority']);
  });

  it('keeps the facts of records that are not contacts fresh between full rebuilds, by their own times', async () => {
    const a = await area('adinc');
    const { e1, e2, dols } = await yearOfRecords(a);
    // A contact changed on 1 December 2025: the engine's watermark, so the next refresh takes changes since then.
    await db.execute(sql`insert into contact (tenant_id, reference, status, contact_type, owning_agency_id, source_code, received_at, narrative, consent, created_by_user_id, synthetic, updated_at)
      values (${a.tenant}, 'F-adinc-1', 'open', 'child', ${a.asc}, '6', '2025-12-01T09:00:00Z', 'Fixture', 'given', ${a.user}, true, '2025-12-01T09:00:00Z')`);
    await t.app.services.measures.refresh(a.tenant, { full: true });
    expect((await figure(a.tenant, 'dols_unallocated')).numerator).toBe(1);

    // Allocating the waiting application sets a time: the incremental refresh sees it and the count goes down.
    await db.execute(sql`update dols_application set status = 'allocated', allocated_at = now() where id = ${dols.waiting}`);
    // A new concern in 2025-26 entered late, and a new risk of a new type on the concluded enquiry.
    await a.concern({ personId: null, receivedAt: '2026-01-15T09:00:00Z', status: 'open' });
    await db.execute(sql`insert into adult_risk (tenant_id, enquiry_id, type, location, source, result, action_taken)
      values (${a.tenant}, ${e1}, 'financial', 'own_home', 'known_to_individual', 'reduced', true)`);
    // A corrected answer on an enquiry that ended before the watermark sets no time: it waits for the full rebuild.
    await db.execute(sql`update adult_enquiry set msp_asked = 'asked_expressed', outcomes_achieved = 'not' where id = ${e2}`);
    await t.app.services.measures.refresh(a.tenant);
    expect((await figure(a.tenant, 'dols_unallocated')).numerator).toBe(0);
    expect((await figure(a.tenant, 'adult_concerns')).numerator).toBe(7);
    expect((await figure(a.tenant, 'adult_risk_types')).numerator).toBe(3);
    expect((await figure(a.tenant, 'adult_msp_asked')).numerator).toBe(1);
    await t.app.services.measures.refresh(a.tenant, { full: true });
    expect((await figure(a.tenant, 'adult_msp_asked')).numerator).toBe(2);
    expect(await figure(a.tenant, 'adult_msp_achieved')).toMatchObject({ numerator: 1, denominator: 2 });
    expect((await figure(a.tenant, 'adult_risk_types')).numerator).toBe(3);
  });
});

describe('the returns to NHS England', () => {
  it('builds the SAC tables from the same records, agreeing with the engine, and the DoLS counts', async () => {
    const a = await area('adsac');
    await yearOfRecords(a);
    const r = await loadSac(db, a.tenant, 2025);
    const cell = (tb: { rows: { code: string; values: number[] }[] }, code: string, column = 0) => tb.rows.find((x) => x.code === code)!.values[column];
    // SG1: Ann (two records, one merged), Ben, and the adult no one named, each once.
    expect(r.sg1.age.total).toEqual([3, 1, 1]);
    expect(cell(r.sg1.age, '85_94', 1)).toBe(1);
    expect(cell(r.sg1.age, '18_64', 2)).toBe(1);
    expect(cell(r.sg1.age, 'unknown', 0)).toBe(1);
    expect(cell(r.sg1.sex, 'female', 1)).toBe(1);
    expect(cell(r.sg1.ethnicity, 'black', 2)).toBe(1);
    expect(cell(r.sg1.supportReason, 'mental_health', 0)).toBe(1);
    expect(r.sg1.cases.rows.map((x) => x.values[0])).toEqual([6, 2, 1]);
    // SG2: the first enquiry once under neglect and once under physical; the one that ended early has no risk.
    expect(cell(r.sg2.type, 'neglect')).toBe(1);
    expect(cell(r.sg2.type, 'physical')).toBe(1);
    expect(cell(r.sg2.type, 'financial', 1)).toBe(1);
    expect(r.sg2.type.total).toEqual([2, 1]);
    expect(r.sg2.withoutRisk).toEqual([1, 0]);
    expect(cell(r.sg2.location, 'own_home')).toBe(1);
    expect(cell(r.sg2.location, 'care_home_residential')).toBe(1);
    // SG3 and SG4.
    expect(r.sg3.outcome.total).toEqual([1, 1, 0, 1]);
    expect(cell(r.sg3.outcome, 'risk_identified', 0)).toBe(1);
    expect(cell(r.sg3.outcome, 'ceased_at_request', 1)).toBe(1);
    expect(cell(r.sg3.outcome, 'no_risk', 3)).toBe(1);
    expect(cell(r.sg3.result, 'remains')).toBe(1);
    expect(cell(r.sg4.asked, 'asked_expressed')).toBe(1);
    expect(cell(r.sg4.asked, 'not_recorded')).toBe(1);
    expect(cell(r.sg4.asked, 'asked_not_expressed', 1)).toBe(1);
    expect(cell(r.sg4.achieved, 'fully')).toBe(1);
    expect(cell(r.sg4.support, 'yes')).toBe(1);

    // The engine's SG2 facts and the return count the same enquiries under the same types.
    await t.app.services.measures.refresh(a.tenant, { full: true });
    const engine = await t.app.services.measures.breakdown(a.tenant, measureById('adult_risk_types')!, 'risk_level', periodContaining('financial_year', '2025-10-01'));
    expect(Object.fromEntries(engine.map((x) => [x.label, x.counts.numerator]))).toEqual(
      Object.fromEntries(r.sg2.type.rows.filter((x) => x.values[0]! > 0).map((x) => [x.label, x.values[0]])),
    );

    const d = await loadDols(db, a.tenant, 2025);
    expect(d.received).toEqual({ total: 6, standard: 5, urgent: 1, careHome: 6, hospital: 0 });
    expect(d.completed).toMatchObject({ total: 3, granted: 2, notGranted: 1, inTime: 2 });
    expect(d.withdrawn).toBe(1);
    expect(d.notCompletedAtYearEnd).toBe(2);
    expect(d.unallocatedAtYearEnd).toBe(1);
  });
});

describe('the adults’ pages', () => {
  let analyst: TestClient;
  let dolsLead: TestClient;

  beforeAll(async () => {
    analyst = await t.as('analyst');
    dolsLead = await t.as('dols');
    // A year of records in the demo area, long before the demo's own, for the returns of 2025-26's predecessor 2015-16.
    const demo = (await one<{ tenant_id: string }>(db, sql`select tenant_id from app_user where email = 'analyst@demo.threshold.test'`))!.tenant_id;
    const a = await area('adpages', demo);
    const p = await a.person('1950-01-01', 'female', 'WBRI');
    for (const [i, when] of ['2015-05-01', '2015-06-01', '2015-07-01'].entries()) {
      const c = await a.concern({ personId: i === 2 ? null : p, receivedAt: `${when}T09:00:00Z`, decision: 's42_enquiry' });
      const e = await a.enquiry({ concernId: c, startedAt: `${when}T10:00:00Z`, status: 'concluded', endedAt: `${when.slice(0, 8)}20T10:00:00Z`, mspAsked: 'asked_expressed', outcomesAchieved: 'partially' });
      await a.risk(e, 'neglect', 'own_home', 'service_provider', 'reduced', true, `${when}T11:00:00Z`);
    }
    for (let i = 0; i < 7; i += 1) await a.dols({ receivedAt: '2015-09-01T09:00:00Z' });
  }, limit(60_000));

  async function workbook(res: { rawPayload: Buffer }) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return book;
  }
  const rowOf = (sheet: ExcelJS.Worksheet, label: string) => {
    let found: unknown[] | undefined;
    sheet.eachRow((row) => {
      if (!found && row.getCell(1).value === label) found = (row.values as unknown[]).slice(2);
    });
    return found;
  };

  it('shows the adults’ board scorecard, with the risk tables, and its spreadsheet', async () => {
    const page = await analyst.get('/measures/adults');
    expect(page.statusCode).toBe(200);
    for (const text of ['Adults’ safeguarding board scorecard', 'Section 42 enquiries started', 'DoLS applications decided in time', 'Concluded section 42 enquiries by type of risk', 'Self-neglect']) {
      expect(page.body).toContain(text);
    }
    const home = await analyst.get('/measures');
    expect(home.body).toContain('href="/measures/adults"');
    expect(home.body).toContain('href="/measures/returns"');
    const xlsx = await analyst.get('/measures/adults/scorecard.xlsx');
    expect(xlsx.statusCode).toBe(200);
    const book = await workbook(xlsx);
    expect(rowOf(book.getWorksheet('Scorecard')!, 'DoLS applications received')).toBeDefined();
    expect((await (await t.as('bia')).get('/measures/adults')).statusCode).toBe(403);
  });

  it('lists the returns, and writes the SAC tables laid out like the template, hiding small numbers from those who may not see records', async () => {
    const page = await analyst.get('/measures/returns?year=2015');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2015-16');
    expect(page.body).toContain('href="/measures/returns/sac.xlsx?year=2015"');
    expect(page.body).toContain('href="/measures/returns/dols.xlsx?year=2015"');
    expect(page.body).toMatch(/Safeguarding concerns received<\/dt>\s*<dd class="govuk-summary-list__value">3</);
    const hidden = await dolsLead.get('/measures/returns?year=2015');
    expect(hidden.statusCode).toBe(200);
    expect(hidden.body).toMatch(/Safeguarding concerns received<\/dt>\s*<dd class="govuk-summary-list__value">c</);
    expect(hidden.body).toMatch(/All applications received<\/th>\s*<td class="govuk-table__cell govuk-table__cell--numeric">7</);

    const sac = await analyst.get('/measures/returns/sac.xlsx?year=2015');
    expect(sac.statusCode).toBe(200);
    expect(sac.headers['content-type']).toContain('spreadsheetml');
    expect(sac.headers['content-disposition']).toContain('sac-2015-16.xlsx');
    const book = await workbook(sac);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Sign off', 'SG1 Demographics', 'SG2 Case details', 'SG3 Outcomes', 'SG4 MSP and capacity', 'Local concern sources']);
    const sg1 = book.getWorksheet('SG1 Demographics')!;
    expect(rowOf(sg1, 'Safeguarding concerns')).toEqual([3]);
    expect(rowOf(sg1, '65-74')).toEqual([1, 1, 0]);
    expect(rowOf(book.getWorksheet('SG2 Case details')!, 'Neglect and acts of omission')).toEqual([3, 0]);
    expect(rowOf(book.getWorksheet('SG4 MSP and capacity')!, 'Partially achieved')).toEqual([3, 0]);

    const small = await workbook(await dolsLead.get('/measures/returns/sac.xlsx?year=2015'));
    expect(rowOf(small.getWorksheet('SG1 Demographics')!, 'Safeguarding concerns')).toEqual(['c']);
    expect(rowOf(small.getWorksheet('SG1 Demographics')!, '65-74')).toEqual(['c', 'c', 0]);

    const dols = await workbook(await analyst.get('/measures/returns/dols.xlsx?year=2015'));
    const counts = dols.getWorksheet('DoLS counts')!;
    expect(rowOf(counts, 'All applications received')).toEqual([7, '']);
    expect(rowOf(counts, 'Applications not completed')).toEqual([7, '']);
    expect(rowOf(counts, 'Completed within the statutory timeframe')).toEqual([0, 'No figure']);
  });

  it('refuses a year that is not one, plainly', async () => {
    for (const [year, message] of [
      ['abc', 'must be the year a collection year starts'],
      ['2015-16', 'must be the year a collection year starts'],
      ['2009', 'There is no return for 2009-10'],
      ['2099', 'There is no return for 2099-00'],
    ] as const) {
      for (const url of [`/measures/returns?year=${year}`, `/measures/returns/sac.xlsx?year=${year}`, `/measures/returns/dols.xlsx?year=${year}`]) {
        const res = await analyst.get(url);
        expect(res.statusCode, url).toBe(400);
        expect(res.body, url).toContain(message);
      }
    }
    // No year: the last complete collection year.
    expect((await analyst.get('/measures/returns')).statusCode).toBe(200);
    expect((await analyst.get('/measures/returns/sac.xlsx')).statusCode).toBe(200);
  });
});
