/**
 * The Children in Need census return against a real database: a small synthetic year (2015-16, before any demo
 * records) written straight into children's social care's tables in the demo area — a referral, its assessment,
 * strategy discussion, section 47, initial conference, a child protection plan with reviews, closure; a child in need
 * plan; an unborn child; an NFA referral on a record since merged; a UPN on a merged duplicate — checked in the XML
 * with no issues; a broken year (2014-15) that gives the DfE's rule codes; and the returns page and XML routes.
 */
import { sql } from 'drizzle-orm';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one } from '../../db/client.js';
import { laChildIdOf } from '../../domain/cin-census.js';
import { upnCheckLetter } from '../../domain/identifiers.js';
import { type TestApp, createTestApp } from '../../../test/support/app.js';
import { limit } from '../../../test/support/time-limits.js';
import { cinCensusReturn } from './cin-census-return.js';

let t: TestApp;
let db: Database;
let tenant: string;
let csc: string;
let worker: string;
const ids: Record<string, string> = {};
const UPN_C = `${upnCheckLetter('201123415001')}201123415001`;

const id = async (query: ReturnType<typeof sql>) => (await one<{ id: string }>(db, query))!.id;
let n = 0;

const person = (p: { dob: string; precision?: string; gender: string; ethnicity: string | null; mergedInto?: string }) =>
  id(sql`insert into person (tenant_id, date_of_birth, dob_precision, gender, ethnicity, merged_into_person_id, synthetic)
         values (${tenant}, ${p.dob}, ${p.precision ?? 'exact'}, ${p.gender}, ${p.ethnicity}, ${p.mergedInto ?? null}, true) returning id`);
const referral = (r: { personId: string; at: string; source: string; need: string | null; nfa?: boolean; closedAt?: string | null; reason?: string | null }) => {
  n += 1;
  return id(sql`insert into csc_referral (tenant_id, reference, route, owning_agency_id, person_id, child_name, referred_at, source_code, primary_need_code, nfa, status, closed_at, closure_reason)
                values (${tenant}, ${`CIN-FX-${n}`}, 'referral_csc', ${csc}, ${r.personId}, 'Fixture Child', ${r.at}, ${r.source}, ${r.need}, ${r.nfa ?? false},
                        ${r.closedAt ? 'closed' : 'open'}, ${r.closedAt ?? null}, ${r.reason ?? null}) returning id`);
};
const assessment = (a: { referralId: string; personId: string; startedAt: string; authorisedAt: string | null; factors: string[] }) =>
  id(sql`insert into child_assessment (tenant_id, referral_id, person_id, started_at, due_at, status, factors, authorised_at)
         values (${tenant}, ${a.referralId}, ${a.personId}, ${a.startedAt}, ${a.startedAt}, ${a.authorisedAt ? 'authorised' : 'in_progress'},
                 ${`{${a.factors.join(',')}}`}::text[], ${a.authorisedAt}) returning id`);
const plan = (p: { referralId: string; personId: string; kind: string; started: string; ended?: string | null; category?: string | null; latest?: string | null; conferenceId?: string | null }) =>
  id(sql`insert into child_plan (tenant_id, referral_id, person_id, kind, started_on, ended_on, initial_category, latest_category, conference_id)
         values (${tenant}, ${p.referralId}, ${p.personId}, ${p.kind}, ${p.started}, ${p.ended ?? null}, ${p.category ?? null}, ${p.latest ?? p.category ?? null}, ${p.conferenceId ?? null}) returning id`);
const conference = (c: { referralId: string; personId: string; s47Id?: string | null; planId?: string | null; kind: string; heldAt: string; decision: string; category?: string | null }) =>
  id(sql`insert into cp_conference (tenant_id, referral_id, person_id, s47_id, plan_id, kind, due_at, scheduled_at, status, held_at, decision, category)
         values (${tenant}, ${c.referralId}, ${c.personId}, ${c.s47Id ?? null}, ${c.planId ?? null}, ${c.kind}, ${c.heldAt}, ${c.heldAt}, 'held', ${c.heldAt}, ${c.decision}, ${c.category ?? null}) returning id`);
async function s47(s: { referralId: string; personId: string; heldAt: string; startedAt: string; dueAt: string; outcome: string | null; completedAt: string | null }) {
  const discussion = await id(sql`insert into strategy_discussion (tenant_id, referral_id, held_at, record_due_at, recorded_at, recorded_by_user_id, participants, information_shared, decision, reason)
    values (${tenant}, ${s.referralId}, ${s.heldAt}, ${s.heldAt}, ${s.heldAt}, ${worker}, ${JSON.stringify([{ agencyType: 'police', name: 'Fixture', role: 'DC' }])}::jsonb, 'Fixture', 's47', 'Fixture') returning id`);
  return id(sql`insert into s47_enquiry (tenant_id, referral_id, strategy_discussion_id, person_id, started_at, conference_due_at, outcome, completed_at)
    values (${tenant}, ${s.referralId}, ${discussion}, ${s.personId}, ${s.startedAt}, ${s.dueAt}, ${s.outcome}, ${s.completedAt}) returning id`);
}

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  tenant = (await one<{ id: string }>(db, sql`select id from tenant where code = 'fernmoor'`))!.id;
  csc = (await one<{ id: string }>(db, sql`select id from agency where tenant_id = ${tenant} and type = 'children_social_care' order by created_at limit 1`))!.id;
  worker = await t.userId('social-worker');
  await db.execute(sql`update agency set external_code = '999' where id = ${csc}`);

  // ——— 2015-16: a good year ———
  // Ada: referral → assessment → strategy discussion → s47 → ICPC → CP plan with reviews → closure; a plan in 2013 before it.
  const ada = (ids.ada = await person({ dob: '2009-06-10', gender: 'female', ethnicity: 'WBRI' }));
  await db.execute(sql`insert into person_identifier (tenant_id, person_id, type, value) values (${tenant}, ${ada}, 'upn', ${`${upnCheckLetter('201123415002')}201123415002`})`);
  const old = await referral({ personId: ada, at: '2013-03-04T10:00:00Z', source: '6', need: 'N1', closedAt: '2014-01-10T10:00:00Z', reason: 'RC7' });
  await plan({ referralId: old, personId: ada, kind: 'cp', started: '2013-03-20', ended: '2014-01-09', category: 'PHY' });
  const r1 = (ids.adaReferral = await referral({ personId: ada, at: '2015-05-05T09:30:00Z', source: '2A', need: 'N1', closedAt: '2015-11-27T16:00:00Z', reason: 'RC7' }));
  await assessment({ referralId: r1, personId: ada, startedAt: '2015-05-06T10:00:00Z', authorisedAt: '2015-06-15T15:00:00Z', factors: ['16A', '3B'] });
  const e1 = await s47({ referralId: r1, personId: ada, heldAt: '2015-05-07T11:00:00Z', startedAt: '2015-05-07T12:00:00Z', dueAt: '2015-05-29T16:00:00Z', outcome: 'substantiated_icpc', completedAt: '2015-05-27T12:00:00Z' });
  const icpc = await conference({ referralId: r1, personId: ada, s47Id: e1, kind: 'initial', heldAt: '2015-05-28T09:00:00Z', decision: 'plan', category: 'NEG' });
  const cp = await plan({ referralId: r1, personId: ada, kind: 'cp', started: '2015-05-28', ended: '2015-11-26', category: 'NEG', conferenceId: icpc });
  await conference({ referralId: r1, personId: ada, planId: cp, kind: 'review', heldAt: '2015-08-27T09:00:00Z', decision: 'continue', category: 'NEG' });
  await conference({ referralId: r1, personId: ada, planId: cp, kind: 'review', heldAt: '2015-11-26T09:00:00Z', decision: 'end_plan' });
  // A review held after the year ends is not in it (a later plan from a later referral).
  // Ben: an NFA referral recorded on a duplicate since merged into him (aged 4: no UPN needed).
  const ben = (ids.ben = await person({ dob: '2011-02-02', gender: 'male', ethnicity: 'MWBC' }));
  const benDup = await person({ dob: '2011-02-02', gender: 'male', ethnicity: null, mergedInto: ben });
  await referral({ personId: benDup, at: '2015-09-14T10:00:00Z', source: '1A', need: null, nfa: true, closedAt: '2015-09-15T10:00:00Z', reason: 'RC7' });
  // Cal: a child in need plan open on 31 March, his UPN held on a merged duplicate; a referral after the year is not in it.
  const cal = (ids.cal = await person({ dob: '2007-01-01', gender: 'male', ethnicity: 'BAFR' }));
  const calDup = await person({ dob: '2007-01-01', gender: 'male', ethnicity: 'BAFR', mergedInto: cal });
  await db.execute(sql`insert into person_identifier (tenant_id, person_id, type, value) values (${tenant}, ${calDup}, 'upn', ${UPN_C})`);
  const r3 = await referral({ personId: cal, at: '2016-01-11T10:00:00Z', source: '6', need: 'N4' });
  await assessment({ referralId: r3, personId: cal, startedAt: '2016-01-12T10:00:00Z', authorisedAt: '2016-02-19T10:00:00Z', factors: ['4B'] });
  await plan({ referralId: r3, personId: cal, kind: 'cin', started: '2016-02-19' });
  // Dee: unborn, referred in February, assessment under way on 31 March (finished in April: not known on 31 March).
  const dee = (ids.dee = await person({ dob: '2016-06-01', precision: 'unborn', gender: 'unknown', ethnicity: null }));
  const r4 = await referral({ personId: dee, at: '2016-02-01T10:00:00Z', source: '3B', need: 'N1' });
  await assessment({ referralId: r4, personId: dee, startedAt: '2016-02-02T10:00:00Z', authorisedAt: '2016-04-05T10:00:00Z', factors: ['2B'] });
  // A referral made after the year (BST: 00:30 on 1 April is still 31 March in UTC, and 1 April in London).
  await referral({ personId: ada, at: '2016-03-31T23:30:00Z', source: '2A', need: 'N1' });

  // ——— 2014-15: a broken record ———
  const eve = (ids.eve = await person({ dob: '2008-03-03', gender: 'female', ethnicity: 'XXXX' }));
  await db.execute(sql`insert into person_identifier (tenant_id, person_id, type, value) values (${tenant}, ${eve}, 'upn', 'A201123415009')`);
  const r5 = (ids.eveReferral = await referral({ personId: eve, at: '2014-06-02T10:00:00Z', source: '2A', need: null, closedAt: '2014-12-01T10:00:00Z', reason: null }));
  await assessment({ referralId: r5, personId: eve, startedAt: '2014-06-03T10:00:00Z', authorisedAt: '2014-07-01T10:00:00Z', factors: [] });
  await plan({ referralId: r5, personId: eve, kind: 'cp', started: '2014-07-10', ended: '2014-11-30', category: 'NEG' });
}, limit(120_000));
afterAll(async () => t.close());

function texts(xml: string): Map<string, string[]> {
  const parser = new SaxesParser();
  const stack: string[] = [];
  const out = new Map<string, string[]>();
  parser.on('opentag', (tag) => void stack.push(tag.name));
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (text) => {
    if (!text.trim()) return;
    const at = stack[stack.length - 1]!;
    out.set(at, [...(out.get(at) ?? []), text]);
  });
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
  return out;
}

describe('the Children in Need census return', () => {
  it('makes a good year into the XML with no issues', async () => {
    const r = await cinCensusReturn(db, tenant, 2015, new Date('2016-04-20T10:00:00Z'));
    expect(r.issues).toEqual([]);
    expect(r.counts).toMatchObject({ children: 4, episodes: 4, referralsInYear: 4, nfaReferrals: 1, closedInYear: 2, openAtYearEnd: 2, assessments: 3, assessmentsCompleted: 2, cinPlans: 1, section47: 1, initialConferences: 1, cpPlans: 1, cpPlansStarted: 1, cpReviews: 2 });
    const x = texts(r.xml);
    expect(x.get('Year')).toEqual(['2016']);
    expect(x.get('ReferenceDate')).toEqual(['2016-03-31']);
    expect(x.get('LEA')).toEqual(['999']);
    expect(x.get('DateTime')).toEqual(['2016-04-20T10:00:00Z']);
    expect(new Set(x.get('LAchildID'))).toEqual(new Set([ids.ada, ids.ben, ids.cal, ids.dee].map((p) => laChildIdOf(p!))));
    expect(x.get('CINreferralDate')?.sort()).toEqual(['2015-05-05', '2015-09-14', '2016-01-11', '2016-02-01']);
    expect(x.get('S47ActualStartDate')).toEqual(['2015-05-07']);
    expect(x.get('InitialCPCtarget')).toEqual(['2015-05-29']);
    expect(x.get('DateOfInitialCPC')).toEqual(['2015-05-28']);
    expect(x.get('ICPCnotRequired')).toEqual(['false']);
    expect(x.get('CPPstartDate')).toEqual(['2015-05-28']);
    expect(x.get('CPPendDate')).toEqual(['2015-11-26']);
    expect(x.get('NumberOfPreviousCPP')).toEqual(['1']);
    expect(x.get('CPPreviewDate')).toEqual(['2015-08-27', '2015-11-26']);
    expect(x.get('CINPlanStartDate')).toEqual(['2016-02-19']);
    expect(x.get('CINPlanEndDate')).toBeUndefined();
    expect(x.get('AssessmentAuthorisationDate')?.sort()).toEqual(['2015-06-15', '2016-02-19']);
    expect(x.get('AssessmentFactors')?.sort()).toEqual(['16A', '3B', '4B']);
    expect(x.get('ReferralNFA')?.sort()).toEqual(['false', 'false', 'false', 'true']);
    expect(x.get('UPN')).toContain(UPN_C);
    expect(x.get('UPNunknown')?.sort()).toEqual(['UN1', 'UN1']);
    expect(x.get('ExpectedPersonBirthDate')).toEqual(['2016-06-01']);
    expect(x.get('Ethnicity')?.sort()).toEqual(['BAFR', 'MWBC', 'NOBT', 'WBRI']);
    expect(x.get('ReasonForClosure')).toEqual(expect.arrayContaining(['RC7']));
    expect(r.notices).toHaveLength(1);
    expect(r.notices[0]).toMatch(/does not record disability/);
  });

  it('writes the same XML from the same records', async () => {
    const at = new Date('2016-04-20T10:00:00Z');
    expect((await cinCensusReturn(db, tenant, 2015, at)).xml).toBe((await cinCensusReturn(db, tenant, 2015, at)).xml);
  });

  it('gives the DfE rule codes for a broken record', async () => {
    const r = await cinCensusReturn(db, tenant, 2014, new Date());
    const eve = laChildIdOf(ids.eve!);
    const mine = r.issues.filter((i) => i.laChildId === eve);
    expect([...new Set(mine.map((i) => i.rule))].sort()).toEqual(['1510', '2885', '4220', '8610', '8805', '8897'].sort());
    expect(r.issues.filter((i) => i.laChildId === null).map((i) => i.rule)).toEqual(['2883']);
    expect(mine.find((i) => i.rule === '8610')).toMatchObject({ referralId: ids.eveReferral, referralDate: '2014-06-02', field: 'PrimaryNeedCode', severity: 'error', personId: ids.eve });
  });

  it('reports a missing LA number', async () => {
    await db.execute(sql`update agency set external_code = null where id = ${csc}`);
    try {
      const r = await cinCensusReturn(db, tenant, 2015, new Date());
      expect(r.issues.map((i) => i.rule)).toEqual(['LEA']);
    } finally {
      await db.execute(sql`update agency set external_code = '999' where id = ${csc}`);
    }
  });
});

describe('the census on the returns page and its download', () => {
  it('shows the counts, the rules that fail and the report by child, with the download, to those who produce it', async () => {
    const analyst = await t.as('analyst');
    const good = await analyst.get('/measures/returns?year=2015');
    expect(good.statusCode).toBe(200);
    expect(good.body).toContain('Children in need census, 2015-16');
    expect(good.body).toContain('passes every DfE validation rule');
    expect(good.body).toContain('/measures/returns/cin-census.xml?year=2015');
    const bad = await analyst.get('/measures/returns?year=2014');
    expect(bad.body).toContain('Validation report by child and rule');
    expect(bad.body).toContain(laChildIdOf(ids.eve!));
    expect(bad.body).toContain('Primary Need code is missing for a referral which led to further action');
    expect(bad.body).toContain(`/people/${ids.eve}`);
  });

  it('shows counts only, with small numbers hidden, to a viewer who does not produce it', async () => {
    const sw = await t.as('social-worker');
    const page = await sw.get('/measures/returns?year=2015');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Children in need census, 2015-16');
    expect(page.body).not.toContain('cin-census.xml');
    const chair = await t.as('chair');
    const hidden = await chair.get('/measures/returns?year=2015');
    expect(hidden.statusCode).toBe(200);
    expect(hidden.body).toMatch(/Children in the return<\/th>\s*<td[^>]*>c<\/td>/);
  });

  it('downloads the XML for census:export only, audited as an export', async () => {
    const manager = await t.as('csc-manager');
    const res = await manager.get('/measures/returns/cin-census.xml?year=2015');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="cin-census-2015-16.xml"');
    expect(texts(res.body).get('LAchildID')).toHaveLength(4);
    const audit = await one<{ details: { year: string; children: number; errors: number } }>(db, sql`select details from audit_event where action = 'census.cin_exported' order by occurred_at desc limit 1`);
    expect(audit?.details).toMatchObject({ year: '2015-16', children: 4, errors: 0 });
    expect((await (await t.as('social-worker')).get('/measures/returns/cin-census.xml?year=2015')).statusCode).toBe(403);
    expect((await (await t.as('analyst')).get('/measures/returns/cin-census.xml?year=1999')).statusCode).toBe(400);
    expect((await (await t.as('analyst')).get('/measures/returns/cin-census.xml?year=abc')).statusCode).toBe(400);
  });
});
