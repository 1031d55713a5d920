/**
 * Self-assessment through app.inject against a real database: the business unit installs the frameworks (once,
 * however often it asks) and opens a section 175 round for the area's schools; a school's DSL saves answers as they
 * go, is told which standards are still unanswered when submitting too early, then submits, and the round page
 * shows the bands and per-standard compliance. The joint tool, answered once by the health trust, shows in both the
 * children's and the adults' board's parts. Another school cannot touch the return, bad input writes nothing, the
 * business unit records a challenge meeting and makes the round's action plan, and the organisation sees its own
 * returns (and its home page the open ones).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows } from '../../db/client.js';
import { STANDARD_FRAMEWORKS } from '../../domain/self-assessment-frameworks.js';
import { type TestApp, type TestClient, createTestApp, location } from '../../../test/support/app.js';

let t: TestApp;
let db: Database;
let bu: TestClient;
let dsl: TestClient;
let dsl2: TestClient;
let health: TestClient;
let analyst: TestClient;
let ids: { school: string; school2: string; health: string; tenant: string };

const count = async (q: ReturnType<typeof sql>) => (await one<{ n: number }>(db, q))!.n;
const future = () => {
  const d = new Date(Date.now() + 60 * 86_400_000);
  return { 'dueOn-day': String(d.getUTCDate()), 'dueOn-month': String(d.getUTCMonth() + 1), 'dueOn-year': String(d.getUTCFullYear()) };
};
const S175 = STANDARD_FRAMEWORKS.find((f) => f.kind === 's175')!;
const JOINT = STANDARD_FRAMEWORKS.find((f) => f.kind === 'joint')!;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&rsquo;/g, '’').replace(/\s+/g, ' ');

async function frameworkId(kind: string): Promise<string> {
  return (await one<{ id: string }>(db, sql`select id from sa_framework where tenant_id = ${ids.tenant} and kind = ${kind} order by version desc limit 1`))!.id;
}
async function returnOf(roundId: string, agencyId: string): Promise<string> {
  return (await one<{ id: string }>(db, sql`select id from sa_return where round_id = ${roundId} and agency_id = ${agencyId}`))!.id;
}
async function openRound(form: Record<string, string | string[]>): Promise<string> {
  const res = await bu.post('/partnership/self-assessment/rounds/new', { ...future(), ...form });
  expect(res.statusCode, res.body).toBe(303);
  return location(res).split('/')[4]!.split('?')[0]!;
}

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  bu = await t.as('business-unit');
  dsl = await t.as('dsl');
  dsl2 = await t.as('dsl2');
  health = await t.as('health');
  analyst = await t.as('analyst');
  const agencyOf = async (email: string) => (await one<{ agency_id: string; tenant_id: string }>(db, sql`select agency_id, tenant_id from app_user where email = ${`${email}@demo.threshold.test`}`))!;
  const school = await agencyOf('dsl');
  ids = { school: school.agency_id, tenant: school.tenant_id, school2: (await agencyOf('dsl2')).agency_id, health: (await agencyOf('health')).agency_id };
});
afterAll(async () => t?.close());

describe('frameworks', () => {
  it('are installed once for the area, however often the business unit asks, each with its standards', async () => {
    for (let i = 0; i < 2; i += 1) {
      const res = await bu.post('/partnership/self-assessment/frameworks');
      expect(res.statusCode).toBe(303);
    }
    expect(await count(sql`select count(*)::int as n from sa_framework where tenant_id = ${ids.tenant}`)).toBe(STANDARD_FRAMEWORKS.length);
    expect(await count(sql`select count(*)::int as n from sa_standard s join sa_framework f on f.id = s.framework_id where f.tenant_id = ${ids.tenant} and f.kind = 's175'`)).toBe(S175.standards.length);
    const page = await bu.get('/partnership/self-assessment/frameworks');
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toContain('S175.4 Safer recruitment and the single central record');
  });

  it('are versioned: a new version is a new framework beside the old, whose rounds and answers stay with it', async () => {
    const old = await frameworkId('s175');
    const oldAnswers = await count(sql`select count(*)::int as n from sa_answer n join sa_standard s on s.id = n.standard_id where s.framework_id = ${old}`);
    const v2 = { ...S175, version: 2, title: `${S175.title} (revised)` };
    const actor = { userId: await t.userId('business-unit'), tenantId: ids.tenant, agencyId: null, roles: ['business_unit_officer'], requestId: null };
    expect(await t.app.services.selfAssessment.installFrameworks(ids.tenant, actor, [...STANDARD_FRAMEWORKS, v2])).toBe(1);
    expect(await t.app.services.selfAssessment.installFrameworks(ids.tenant, actor, [...STANDARD_FRAMEWORKS, v2])).toBe(0);
    const current = await frameworkId('s175');
    expect(current).not.toBe(old);
    expect(await count(sql`select count(*)::int as n from sa_answer n join sa_standard s on s.id = n.standard_id where s.framework_id = ${old}`)).toBe(oldAnswers);
    const form = await bu.get('/partnership/self-assessment/rounds/new');
    expect(form.body).toContain(`value="${current}"`);
    expect(form.body).not.toContain(`value="${old}"`);
    expect(text((await bu.get('/partnership/self-assessment/frameworks')).body)).toContain('Earlier version');
  });

  it('are installed only by the business unit', async () => {
    expect((await analyst.post('/partnership/self-assessment/frameworks')).statusCode).toBe(403);
    expect((await dsl.get('/partnership/self-assessment/frameworks')).statusCode).toBe(403);
  });
});

describe('a section 175 round, completed by a school’s DSL', () => {
  let roundId = '';
  let returnId = '';
  const all = (except: number[] = []) => {
    const form: Record<string, string> = {};
    for (let n = 1; n <= S175.standards.length; n += 1) {
      if (except.includes(n)) continue;
      form[`rag${n}`] = n <= 6 ? 'green' : n <= 8 ? 'amber' : 'red';
      form[`evidence${n}`] = `Evidence for standard ${n}: policy seen and checked in the spring term.`;
    }
    return form;
  };

  it('opens for every school in the area, a return each, not started', async () => {
    const bad = await bu.post('/partnership/self-assessment/rounds/new', { frameworkId: await frameworkId('s175'), title: 'S175 test round', who: 'chosen' });
    expect(bad.statusCode).toBe(400);
    expect(text(bad.body)).toContain('Enter the date returns are due');
    expect(text(bad.body)).toContain('Select the organisations the round is for');
    const before = await count(sql`select count(*)::int as n from sa_round`);
    const wrongType = await bu.post('/partnership/self-assessment/rounds/new', { ...future(), frameworkId: await frameworkId('s175'), title: 'S175 test round', who: 'chosen', agencyIds: [ids.health] });
    expect(wrongType.statusCode).toBe(400);
    expect(text(wrongType.body)).toContain('Select organisations of the types this framework is for');
    expect(await count(sql`select count(*)::int as n from sa_round`)).toBe(before);

    roundId = await openRound({ frameworkId: await frameworkId('s175'), title: 'S175 test round', who: 'all' });
    const schools = await count(sql`select count(*)::int as n from agency where tenant_id = ${ids.tenant} and type = 'school' and active`);
    expect(await count(sql`select count(*)::int as n from sa_return where round_id = ${roundId} and status = 'not_started'`)).toBe(schools);
    returnId = await returnOf(roundId, ids.school);
  });

  it('is listed for the school, and its open return is on the DSL’s home page', async () => {
    expect(location(await dsl.get('/partnership/self-assessment'))).toBe('/partnership/self-assessment/ours');
    const ours = await dsl.get('/partnership/self-assessment/ours');
    expect(ours.statusCode).toBe(200);
    expect(ours.body).toContain(`/partnership/self-assessment/returns/${returnId}`);
    const home = await dsl.get('/');
    expect(text(home.body)).toContain('Safeguarding self-assessments');
    expect(home.body).toContain(`/partnership/self-assessment/returns/${returnId}`);
  });

  it('refuses a rating without evidence, naming the standard, and writes nothing', async () => {
    const res = await dsl.post(`/partnership/self-assessment/returns/${returnId}`, { ...all([2, 3, 4, 5, 6, 7, 8, 9, 10]), rag2: 'amber' });
    expect(res.statusCode).toBe(400);
    expect(text(res.body)).toContain('Enter the evidence for standard S175.2');
    expect(await count(sql`select count(*)::int as n from sa_answer where return_id = ${returnId}`)).toBe(0);
    const junk = await dsl.post(`/partnership/self-assessment/returns/${returnId}`, { rag1: 'purple', evidence1: 'x' });
    expect(junk.statusCode).toBe(400);
    expect(await count(sql`select count(*)::int as n from sa_answer where return_id = ${returnId}`)).toBe(0);
  });

  it('saves as the DSL goes, and refuses to submit with standards unanswered, listing them', async () => {
    const saved = await dsl.post(`/partnership/self-assessment/returns/${returnId}`, all([3, 7]));
    expect(location(saved)).toBe(`/partnership/self-assessment/returns/${returnId}?done=saved`);
    expect(await one(db, sql`select status from sa_return where id = ${returnId}`)).toEqual({ status: 'in_progress' });
    const early = await dsl.post(`/partnership/self-assessment/returns/${returnId}/submit`);
    expect(early.statusCode).toBe(400);
    const body = text(early.body);
    expect(body).toContain(`Answer standard S175.3 (${S175.standards[2]!.title}) before you submit`);
    expect(body).toContain(`Answer standard S175.7 (${S175.standards[6]!.title}) before you submit`);
    expect(body).not.toContain('Answer standard S175.1 ');
    expect(await one(db, sql`select status, submitted_at from sa_return where id = ${returnId}`)).toEqual({ status: 'in_progress', submitted_at: null });
  });

  it('is refused to another school and to a role that does not complete self-assessments, writing nothing', async () => {
    const audited = await count(sql`select count(*)::int as n from audit_event where action = 'sa_return.saved' and record_id = ${returnId}`);
    const other = await dsl2.post(`/partnership/self-assessment/returns/${returnId}`, all());
    expect(other.statusCode).toBe(404);
    expect((await dsl2.post(`/partnership/self-assessment/returns/${returnId}/submit`)).statusCode).toBe(404);
    expect((await dsl2.get(`/partnership/self-assessment/returns/${returnId}`)).statusCode).toBe(404);
    expect((await analyst.post(`/partnership/self-assessment/returns/${returnId}`, all())).statusCode).toBe(403);
    expect((await bu.post(`/partnership/self-assessment/returns/${returnId}`, all())).statusCode).toBe(403);
    expect(await count(sql`select count(*)::int as n from sa_answer where return_id = ${returnId}`)).toBe(8);
    expect(await count(sql`select count(*)::int as n from audit_event where action = 'sa_return.saved' and record_id = ${returnId}`)).toBe(audited);
  });

  it('submits once every standard is answered, and can no longer be changed', async () => {
    expect((await dsl.post(`/partnership/self-assessment/returns/${returnId}`, all())).statusCode).toBe(303);
    const res = await dsl.post(`/partnership/self-assessment/returns/${returnId}/submit`);
    expect(location(res)).toBe(`/partnership/self-assessment/returns/${returnId}?done=submitted`);
    expect(await one(db, sql`select status from sa_return where id = ${returnId}`)).toEqual({ status: 'submitted' });
    const late = await dsl.post(`/partnership/self-assessment/returns/${returnId}`, { ...all(), rag1: 'red' });
    expect(late.statusCode).toBe(400);
    expect(text(late.body)).toContain('This return has been submitted');
    expect(await one(db, sql`select n.rag from sa_answer n join sa_standard s on s.id = n.standard_id where n.return_id = ${returnId} and s.code = 'S175.1'`)).toEqual({ rag: 'green' });
  });

  it('shows the round’s bands and each standard’s compliance to the business unit and the boards', async () => {
    // the second school has made a start: 3 of 10 is "up to 50%"
    const second = await returnOf(roundId, ids.school2);
    expect((await dsl2.post(`/partnership/self-assessment/returns/${second}`, { rag1: 'red', evidence1: 'No DSL deputy.', rag2: 'green', evidence2: 'Reviewed.', rag3: 'green', evidence3: 'All trained.' })).statusCode).toBe(303);
    const total = await count(sql`select count(*)::int as n from sa_return where round_id = ${roundId}`);
    for (const viewer of [bu, analyst]) {
      const page = await viewer.get(`/partnership/self-assessment/rounds/${roundId}`);
      expect(page.statusCode).toBe(200);
      const body = text(page.body);
      expect(body).toContain('90–100% 1 ');
      expect(body).toContain('up to 50% 1 ');
      expect(body).toContain(`not started ${total - 2} `);
      // only submitted returns count towards compliance: S175.1 green 100% from one return
      expect(body).toContain(`S175.1 ${S175.standards[0]!.title} 1 100% (1) 0 0`);
      expect(body).toContain(`S175.7 ${S175.standards[6]!.title} 1 0 100% (1) 0`);
      expect(body).toContain(`S175.10 ${S175.standards[9]!.title} 1 0 0 100% (1)`);
      expect(page.body).toContain(`/partnership/self-assessment/returns/${returnId}`);
    }
    expect((await dsl.get(`/partnership/self-assessment/rounds/${roundId}`)).statusCode).toBe(403);
  });

  it('records the business unit’s challenge meeting on the submitted return', async () => {
    const today = new Date();
    const notSubmitted = await returnOf(roundId, ids.school2);
    const early = await bu.post(`/partnership/self-assessment/returns/${notSubmitted}/challenge`, { 'challengeOn-day': String(today.getDate()), 'challengeOn-month': String(today.getMonth() + 1), 'challengeOn-year': String(today.getFullYear()), notes: 'Met the head.' });
    expect(early.statusCode).toBe(400);
    expect(text(early.body)).toContain('once the organisation has submitted its return');
    const blank = await bu.post(`/partnership/self-assessment/returns/${returnId}/challenge`, {});
    expect(blank.statusCode).toBe(400);
    expect(text(blank.body)).toContain('Enter the date of the challenge meeting');
    const res = await bu.post(`/partnership/self-assessment/returns/${returnId}/challenge`, {
      'challengeOn-day': '2',
      'challengeOn-month': '1',
      'challengeOn-year': String(today.getFullYear()),
      notes: 'The school showed its single central record; red on teaching about safeguarding agreed as the priority.',
    });
    expect(location(res)).toBe(`/partnership/self-assessment/returns/${returnId}?done=challenged`);
    expect(await one(db, sql`select status, challenge_on from sa_return where id = ${returnId}`)).toEqual({ status: 'challenged', challenge_on: `${today.getFullYear()}-01-02` });
    expect((await dsl.post(`/partnership/self-assessment/returns/${returnId}/challenge`, { notes: 'x' })).statusCode).toBe(403);
    const seen = await dsl.get(`/partnership/self-assessment/returns/${returnId}`);
    expect(text(seen.body)).toContain('The school showed its single central record');
  });

  it('makes the round’s action plan in the tracker, a short one for the children’s board, once', async () => {
    const res = await bu.post(`/partnership/self-assessment/rounds/${roundId}/plan`);
    expect(res.statusCode).toBe(303);
    const plan = (await one<{ id: string; board_kind: string; source_kind: string }>(db, sql`select id, board_kind, source_kind from action_plan where source_id = ${roundId}`))!;
    expect(location(res)).toBe(`/partnership/plans/${plan.id}`);
    expect(plan).toMatchObject({ board_kind: 'children', source_kind: 'self_assessment' });
    expect(location(await bu.post(`/partnership/self-assessment/rounds/${roundId}/plan`))).toBe(`/partnership/plans/${plan.id}`);
    expect(await count(sql`select count(*)::int as n from action_plan where source_id = ${roundId}`)).toBe(1);
    expect((await analyst.post(`/partnership/self-assessment/rounds/${roundId}/plan`)).statusCode).toBe(403);
  });
});

describe('the joint tool: one return serving both boards', () => {
  it('answered once by the health trust, shows in the children’s and the adults’ parts', async () => {
    const roundId = await openRound({ frameworkId: await frameworkId('joint'), title: 'Joint test round', who: 'chosen', agencyIds: [ids.health] });
    expect(await count(sql`select count(*)::int as n from sa_return where round_id = ${roundId}`)).toBe(1);
    const returnId = await returnOf(roundId, ids.health);
    const form: Record<string, string> = {};
    JOINT.standards.forEach((s, i) => {
      form[`rag${i + 1}`] = s.appliesTo === 'adults' ? 'amber' : s.appliesTo === 'children' ? 'red' : 'green';
      form[`evidence${i + 1}`] = `Evidence for ${s.code}.`;
    });
    expect((await health.post(`/partnership/self-assessment/returns/${returnId}`, form)).statusCode).toBe(303);
    expect(location(await health.post(`/partnership/self-assessment/returns/${returnId}/submit`))).toBe(`/partnership/self-assessment/returns/${returnId}?done=submitted`);

    const page = await bu.get(`/partnership/self-assessment/rounds/${roundId}`);
    const body = text(page.body);
    const children = body.slice(body.indexOf('For the children’s board'), body.indexOf('For the adults’ board'));
    const adults = body.slice(body.indexOf('For the adults’ board'), body.indexOf('Returns ('));
    expect(children.length).toBeGreaterThan(0);
    expect(adults.length).toBeGreaterThan(0);
    const title = (code: string) => `${code} ${JOINT.standards.find((s) => s.code === code)!.title}`;
    // shared standards are in both parts, from the one answer
    expect(children).toContain(`${title('J.1')} 1 100% (1) 0 0`);
    expect(adults).toContain(`${title('J.1')} 1 100% (1) 0 0`);
    // Care Act enquiries and Making Safeguarding Personal are the adults' board's; the child's voice is the children's
    expect(adults).toContain(`${title('J.2')} 1 0 100% (1) 0`);
    expect(children).not.toContain(title('J.2'));
    expect(children).toContain(`${title('J.5')} 1 0 0 100% (1)`);
    expect(adults).not.toContain(title('J.5'));

    const plan = await bu.post(`/partnership/self-assessment/rounds/${roundId}/plan`);
    expect(plan.statusCode).toBe(303);
    expect(await one(db, sql`select board_kind from action_plan where source_id = ${roundId}`)).toEqual({ board_kind: 'joint' });
  });
});

describe('audit', () => {
  it('records every change and view', async () => {
    const actions = (await rows<{ action: string }>(db, sql`select distinct action from audit_event where action like 'sa\\_%' order by action`)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['sa_framework.installed', 'sa_round.opened', 'sa_round.viewed', 'sa_return.saved', 'sa_return.submitted', 'sa_return.challenged', 'sa_return.viewed', 'sa_return.list_viewed']));
  });
});
