/**
 * Multi-agency audits through app.inject against a real database: the business unit plans a domestic abuse audit,
 * draws its sample from the area's DA cases (reproducibly: the same audit draws the same cases, in the order its id
 * fixes), drops one and draws another, and sends it to the agencies; the police grade their part of a case (requires
 * improvement without the areas for improvement is refused with an error summary); an agency not asked is refused
 * and nothing is written; the findings become a short action plan in the tracker. Audit pages never show a name.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows } from '../../db/client.js';
import { addDays, londonDate } from '../../domain/time.js';
import { type TestApp, type TestClient, createTestApp, location } from '../../../test/support/app.js';

let t: TestApp;
let db: Database;
let unit: TestClient;
let police: TestClient;
let policeAgency = '';

const count = async (q: ReturnType<typeof sql>) => (await one<{ n: number }>(db, q))!.n;
const dateFields = (prefix: string, date: string) => {
  const [y, m, d] = date.split('-');
  return { [`${prefix}-day`]: String(Number(d)), [`${prefix}-month`]: String(Number(m)), [`${prefix}-year`]: y! };
};
const today = londonDate(new Date());
const FROM = addDays(today, -400);

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  unit = await t.as('business-unit');
  police = await t.as('police');
  policeAgency = (await one<{ agency_id: string }>(db, sql`select agency_id from app_user where email = 'police@demo.threshold.test'`))!.agency_id;
});
afterAll(async () => t?.close());

describe('a domestic abuse audit, from the programme to an action plan', () => {
  let id = '';
  const sampleIds = async () => (await rows<{ record_id: string }>(db, sql`select record_id from case_audit_sample where audit_id = ${id} order by record_id`)).map((r) => r.record_id);

  it('is planned by the business unit into the programme year its date falls in', async () => {
    const audits = await count(sql`select count(*)::int as n from case_audit`);
    const bad = await unit.post('/partnership/audits/new', { topic: '', sampleKind: 'nonsense', boardKind: 'children', ...dateFields('plannedOn', '2026-06-01') });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('There is a problem');
    expect(bad.body).toContain('Enter the audit’s topic');
    expect(bad.body).toContain('Select the kind of records to sample');
    expect(bad.body).toContain('Enter the date the agencies’ gradings are due');
    const early = await unit.post('/partnership/audits/new', { topic: 'Domestic abuse: children in the household', scope: 'The response to children present at incidents.', sampleKind: 'domestic_abuse', boardKind: 'community_safety', ...dateFields('plannedOn', '2026-06-01'), ...dateFields('gradingDueOn', '2026-05-01') });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('The date gradings are due must be on or after the planned date');
    expect(await count(sql`select count(*)::int as n from case_audit`)).toBe(audits);

    const res = await unit.post('/partnership/audits/new', { topic: 'Domestic abuse: children in the household', scope: 'The response to children present at incidents.', sampleKind: 'domestic_abuse', boardKind: 'community_safety', ...dateFields('plannedOn', '2026-06-01'), ...dateFields('gradingDueOn', addDays(today, 14)) });
    expect(res.statusCode).toBe(303);
    id = location(res).split('/')[3]!.split('?')[0]!;
    const a = (await one<{ reference: string; programme_year: number; status: string }>(db, sql`select reference, programme_year, status from case_audit where id = ${id}`))!;
    expect(a.reference).toMatch(/^MAA-2026-\d{3,}$/);
    expect(a).toMatchObject({ programme_year: 2026, status: 'planned' });
    const programme = await unit.get('/partnership/audits?year=2026');
    expect(programme.statusCode).toBe(200);
    expect(programme.body).toContain('Multi-agency audit programme 2026/27');
    expect(programme.body).toContain(a.reference);
    expect((await unit.get('/partnership/audits?year=2025')).body).not.toContain(a.reference);
    expect((await police.get('/partnership/audits/new')).statusCode).toBe(403);
  });

  it('draws its sample from DA cases, reproducibly, showing initials and age bands only', async () => {
    const bad = await unit.post(`/partnership/audits/${id}/sample`, { ...dateFields('from', today), ...dateFields('to', FROM), size: '0' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter a sample size from 1 to 30');
    expect(await count(sql`select count(*)::int as n from case_audit_sample where audit_id = ${id}`)).toBe(0);
    const backwards = await unit.post(`/partnership/audits/${id}/sample`, { ...dateFields('from', today), ...dateFields('to', FROM), size: '6' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain('The end of the period must be on or after its start');

    const res = await unit.post(`/partnership/audits/${id}/sample`, { ...dateFields('from', FROM), ...dateFields('to', today), size: '6' });
    expect(res.statusCode).toBe(303);
    const drawn = await sampleIds();
    expect(drawn).toHaveLength(6);
    expect(await count(sql`select count(*)::int as n from case_audit_sample s join da_case d on d.id = s.record_id where s.audit_id = ${id} and s.record_kind = 'da_case'`)).toBe(6);
    // the victim is the sampled person, and the notifying police force is among the agencies asked
    expect(await count(sql`select count(*)::int as n from case_audit_sample s where s.audit_id = ${id} and exists (select 1 from da_person v where v.da_case_id = s.record_id and v.role = 'victim' and v.person_id = s.person_id)`)).toBe(6);
    expect(await count(sql`select count(*)::int as n from case_audit_sample s where s.audit_id = ${id} and ${policeAgency}::uuid = any(s.agency_ids)`)).toBe(6);
    expect((await one<{ status: string }>(db, sql`select status from case_audit where id = ${id}`))!.status).toBe('sampling');

    // the same audit draws the same cases
    await unit.post(`/partnership/audits/${id}/sample`, { ...dateFields('from', FROM), ...dateFields('to', today), size: '6' });
    expect(await sampleIds()).toEqual(drawn);

    // the page names no one: references, initials and age bands only
    const page = await unit.get(`/partnership/audits/${id}`);
    expect(page.statusCode).toBe(200);
    const victims = await rows<{ given_names: string; family_name: string; reference: string }>(
      db,
      sql`select v.given_names, v.family_name, c.reference from case_audit_sample s join da_person v on v.da_case_id = s.record_id and v.role = 'victim' join da_case d on d.id = s.record_id join contact c on c.id = d.contact_id where s.audit_id = ${id}`,
    );
    for (const v of victims) {
      expect(page.body).toContain(v.reference);
      expect(page.body).not.toContain(v.family_name);
      expect(page.body).toContain(`${v.given_names[0]!.toUpperCase()}${v.family_name[0]!.toUpperCase()}`);
    }
  });

  it('drops one record and draws another that was not in the sample; a dropped record never comes back', async () => {
    const before = await sampleIds();
    const sample = (await one<{ id: string; record_id: string }>(db, sql`select id, record_id from case_audit_sample where audit_id = ${id} order by record_id limit 1`))!;
    const res = await unit.post(`/partnership/audits/${id}/sample/redraw`, { sampleId: sample.id });
    expect(res.statusCode).toBe(303);
    const after = await sampleIds();
    expect(after).toHaveLength(6);
    expect(after).not.toContain(sample.record_id);
    expect(after.filter((r) => !before.includes(r))).toHaveLength(1);
    const again = (await one<{ id: string }>(db, sql`select id from case_audit_sample where audit_id = ${id} order by record_id desc limit 1`))!;
    await unit.post(`/partnership/audits/${id}/sample/redraw`, { sampleId: again.id });
    expect(await sampleIds()).not.toContain(sample.record_id);
    const notOurs = await unit.post(`/partnership/audits/${id}/sample/redraw`, { sampleId: '00000000-0000-4000-8000-000000000000' });
    expect(notOurs.statusCode).toBe(400);
    expect(notOurs.body).toContain('Select a record in this audit’s sample');
  });

  it('goes to the agencies, whose graders are told', async () => {
    const res = await unit.post(`/partnership/audits/${id}/status`, { status: 'grading' });
    expect(res.statusCode).toBe(303);
    expect((await one<{ status: string }>(db, sql`select status from case_audit where id = ${id}`))!.status).toBe('grading');
    expect(await count(sql`select count(*)::int as n from notification n join app_user u on u.id = n.user_id where u.email = 'police@demo.threshold.test' and n.link = ${`/partnership/audits/${id}/ours`}`)).toBe(1);
    // the sample cannot change now
    const draw = await unit.post(`/partnership/audits/${id}/sample`, { ...dateFields('from', FROM), ...dateFields('to', today), size: '6' });
    expect(draw.statusCode).toBe(400);
    // the police see it waiting on their home page and their list
    const home = await police.get('/');
    expect(home.body).toContain('Multi-agency audits to grade');
    const ours = await police.get('/partnership/audits/ours');
    expect(ours.statusCode).toBe(200);
    expect(ours.body).toContain('To grade');
  });

  it('is graded by the police for their part; requires improvement needs the areas for improvement', async () => {
    const sample = (await one<{ id: string }>(db, sql`select id from case_audit_sample where audit_id = ${id} order by id limit 1`))!;
    const page = await police.get(`/partnership/audits/records/${sample.id}/grade`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Grade your agency’s part of this record');
    const bad = await police.post(`/partnership/audits/records/${sample.id}/grade`, { grade: 'requires_improvement', strengths: 'Prompt attendance and DASH completed at the scene.' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('There is a problem');
    expect(bad.body).toContain('Enter the areas for improvement');
    expect(bad.body).toContain('href="#improvements"');
    expect(await count(sql`select count(*)::int as n from case_audit_grading where sample_id = ${sample.id}`)).toBe(0);
    const nonsense = await police.post(`/partnership/audits/records/${sample.id}/grade`, { grade: 'satisfactory' });
    expect(nonsense.statusCode).toBe(400);

    const ok = await police.post(`/partnership/audits/records/${sample.id}/grade`, { grade: 'requires_improvement', strengths: 'Prompt attendance.', improvements: 'Record the children’s voices in the notification.' });
    expect(ok.statusCode).toBe(303);
    const g = (await one<{ grade: string; agency_id: string; improvements: string }>(db, sql`select grade, agency_id, improvements from case_audit_grading where sample_id = ${sample.id}`))!;
    expect(g).toEqual({ grade: 'requires_improvement', agency_id: policeAgency, improvements: 'Record the children’s voices in the notification.' });
    // changed while the audit is with the agencies: still one grading
    await police.post(`/partnership/audits/records/${sample.id}/grade`, { grade: 'good', strengths: 'Prompt attendance.' });
    expect(await rows(db, sql`select grade from case_audit_grading where sample_id = ${sample.id}`)).toEqual([{ grade: 'good' }]);
    // the audit page: progress by agency, the distribution and the judgement
    const audit = await unit.get(`/partnership/audits/${id}`);
    expect(audit.body).toContain('Grading progress by agency');
    expect(audit.body).toContain('Overall: good.');
    expect(audit.body).toContain('grades given equally often');
  });

  it('refuses an agency not asked to grade, and a role that does not grade, writing nothing', async () => {
    const sample = (await one<{ id: string; agency_ids: string[] }>(db, sql`select id, agency_ids::text[] as agency_ids from case_audit_sample where audit_id = ${id} order by id limit 1`))!;
    const outsider = (await one<{ email: string }>(
      db,
      sql`select split_part(u.email, '@', 1) as email from app_user u join role_assignment r on r.user_id = u.id
           where u.email like '%@demo.threshold.test' and r.role in ('school_dsl', 'health_lead') and not (u.agency_id = any(${`{${sample.agency_ids.join(',')}}`}::uuid[]))
           order by u.email limit 1`,
    ))!;
    const other = await t.as(outsider.email);
    const before = await count(sql`select count(*)::int as n from case_audit_grading`);
    const refused = await other.post(`/partnership/audits/records/${sample.id}/grade`, { grade: 'inadequate', improvements: 'Nothing' });
    expect([403, 404]).toContain(refused.statusCode);
    expect(refused.statusCode).toBe(404); // ADR 0009: a record not shared answers as if there were none
    expect((await other.get(`/partnership/audits/records/${sample.id}/grade`)).statusCode).toBe(404);
    const analyst = await t.as('analyst');
    expect((await analyst.post(`/partnership/audits/records/${sample.id}/grade`, { grade: 'good' })).statusCode).toBe(403);
    expect(await count(sql`select count(*)::int as n from case_audit_grading`)).toBe(before);
    expect(await count(sql`select count(*)::int as n from audit_event where action = 'access.denied' and record_id = ${sample.id}`)).toBeGreaterThanOrEqual(1);
  });

  it('records findings in order and makes a short action plan from them', async () => {
    const noPlan = await unit.post(`/partnership/audits/${id}/plan`);
    expect(noPlan.statusCode).toBe(400);
    expect(noPlan.body).toContain('Record at least one finding before making the action plan');
    const empty = await unit.post(`/partnership/audits/${id}/findings`, { finding: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter the finding');
    for (const finding of ['Children’s voices are rarely recorded at the scene.', 'Referrals to the IDVA service are timely.']) {
      expect((await unit.post(`/partnership/audits/${id}/findings`, { finding })).statusCode).toBe(303);
    }
    expect(await rows(db, sql`select position, text from case_audit_finding where audit_id = ${id} order by position`)).toEqual([
      { position: 1, text: 'Children’s voices are rarely recorded at the scene.' },
      { position: 2, text: 'Referrals to the IDVA service are timely.' },
    ]);
    const skip = await unit.post(`/partnership/audits/${id}/status`, { status: 'closed' });
    expect(skip.statusCode).toBe(400);
    expect((await unit.post(`/partnership/audits/${id}/status`, { status: 'findings' })).statusCode).toBe(303);

    const res = await unit.post(`/partnership/audits/${id}/plan`);
    expect(res.statusCode).toBe(303);
    const plan = (await one<{ id: string; source_kind: string; short: boolean; max_open: number; source_title: string; board_kind: string }>(
      db,
      sql`select id, source_kind, short, max_open, source_title, board_kind from action_plan where source_id = ${id}`,
    ))!;
    expect(location(res)).toBe(`/partnership/plans/${plan.id}`);
    expect(plan).toMatchObject({ source_kind: 'case_audit', short: true, max_open: 5, board_kind: 'community_safety' });
    expect(plan.source_title).toMatch(/^MAA-2026-\d+: Domestic abuse: children in the household$/);
    // asked again, the same plan
    expect(location(await unit.post(`/partnership/audits/${id}/plan`))).toBe(`/partnership/plans/${plan.id}`);

    expect((await unit.post(`/partnership/audits/${id}/status`, { status: 'closed' })).statusCode).toBe(303);
    const programme = await unit.get('/partnership/audits?year=2026');
    expect(programme.body).toMatch(/Closed \(\d+\)/);
    // closed: no more gradings
    const sample = (await one<{ id: string }>(db, sql`select id from case_audit_sample where audit_id = ${id} order by id limit 1`))!;
    expect((await police.post(`/partnership/audits/records/${sample.id}/grade`, { grade: 'good' })).statusCode).toBe(400);
    const changes = await rows<{ action: string }>(db, sql`select action from audit_event where record_id = ${id} and action like 'case_audit.%' and action not like '%viewed' order by id`);
    expect(changes.map((c) => c.action)).toEqual(
      expect.arrayContaining(['case_audit.created', 'case_audit.sample_drawn', 'case_audit.sample_redrawn', 'case_audit.status_changed', 'case_audit.finding_added']),
    );
  });
});
