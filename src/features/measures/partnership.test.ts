/**
 * The partnership's measures against a real database: hand-made training, self-assessment, action, attendance,
 * review and risk records in the demo area, in a financial year years before the demo's own (so each figure is a
 * count made here), with agencies of their own; each figure on the board's scorecard, the printable pack and the
 * workbook checked against those counts. Permissions: the scorecard needs measures:view; the pack partnership:view
 * or measures:manage.
 */
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one } from '../../db/client.js';
import { financialYearOf } from '../../domain/measures/periods.js';
import { londonDate } from '../../domain/time.js';
import { type TestApp, type TestClient, createTestApp } from '../../../test/support/app.js';
import { limit } from '../../../test/support/time-limits.js';

let t: TestApp;
let db: Database;
let analyst: TestClient;
const Y = financialYearOf(londonDate(new Date())) - 8;
const d = (md: string, year = Y) => `${year}-${md}`;

const id = async (q: ReturnType<typeof sql>) => (await one<{ id: string }>(db, q))!.id;

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  analyst = await t.as('analyst');
  const tenant = (await one<{ tenant_id: string }>(db, sql`select tenant_id from app_user where email = 'analyst@demo.threshold.test'`))!.tenant_id;
  const user = await t.userId('business-unit');
  const agency = (name: string, type: string) => id(sql`insert into agency (tenant_id, name, type) values (${tenant}, ${name}, ${type}) returning id`);
  const A = await agency('PM Fixture Police', 'police');
  const B = await agency('PM Fixture School', 'school');
  const C = await agency('PM Fixture Charity', 'voluntary');
  const D = await agency('PM Fixture Housing', 'housing');

  // ——— training ———
  const course = (title: string, board: string, mode: string) =>
    id(sql`insert into training_course (tenant_id, title, theme, mode, board_kind, description) values (${tenant}, ${title}, 'neglect', ${mode}, ${board}, 'Fixture') returning id`);
  const session = (courseId: string, on: string, status = 'held') =>
    id(sql`insert into training_session (tenant_id, course_id, starts_at, ends_at, venue, capacity, status) values (${tenant}, ${courseId}, ${`${on}T09:00:00Z`}, ${`${on}T12:00:00Z`}, 'Fixture hall', 30, ${status}) returning id`);
  let n = 0;
  const booking = async (sessionId: string, agencyId: string, type: string, status: string, impact: { sent?: string; answered?: string; used?: string } = {}) => {
    n += 1;
    await db.execute(sql`insert into training_booking (tenant_id, session_id, attendee_name, attendee_email, agency_id, agency_type, job_role, booked_by_user_id, status, impact_sent_at, impact, impact_answered_at)
      values (${tenant}, ${sessionId}, ${`Trainee ${n}`}, ${`t${n}@example.test`}, ${agencyId}, ${type}, 'Practitioner', ${user}, ${status},
              ${impact.sent ? `${impact.sent}T10:00:00Z` : null}, ${impact.used ? JSON.stringify({ used: impact.used, example: null, confidenceNow: 4, moreHelp: null }) : null}::jsonb,
              ${impact.answered ? `${impact.answered}T10:00:00Z` : null})`);
  };
  const c1 = await course('PM Fixture children course', 'children', 'face_to_face');
  const c2 = await course('PM Fixture adults course', 'adults', 'face_to_face');
  const c3 = await course('PM Fixture e-learning', 'both', 'e_learning');
  const c4 = await course('PM Fixture DA course', 'domestic_abuse', 'face_to_face');
  const s1 = await session(c1, d('06-10'));
  await booking(s1, A, 'police', 'attended', { sent: d('09-10'), answered: d('09-15'), used: 'yes' });
  await booking(s1, A, 'police', 'attended', { sent: d('09-10'), answered: d('09-15'), used: 'no' });
  await booking(s1, A, 'police', 'attended', { sent: d('09-10') });
  await booking(s1, B, 'school', 'attended');
  await booking(s1, B, 'school', 'did_not_attend');
  await booking(s1, B, 'school', 'did_not_attend');
  await booking(s1, A, 'police', 'cancelled');
  const s2 = await session(c2, d('07-01'));
  await booking(s2, A, 'police', 'attended');
  await booking(s2, A, 'police', 'attended');
  await booking(s2, B, 'school', 'did_not_attend');
  const s3 = await session(c3, d('08-01'));
  for (let i = 0; i < 4; i += 1) await booking(s3, B, 'school', 'attended');
  await booking(await session(c4, d('09-01')), A, 'police', 'attended');
  await booking(await session(c1, d('10-01'), 'cancelled'), A, 'police', 'attended');

  // ——— self-assessment: a framework of 10 standards, a round, four returns (10, 6, 5 and 0 answers) ———
  const fw = await id(sql`insert into sa_framework (tenant_id, kind, version, title, agency_types) values (${tenant}, 's175', 901, 'Fixture S175', array['school']) returning id`);
  const standards: string[] = [];
  for (let i = 1; i <= 10; i += 1) standards.push(await id(sql`insert into sa_standard (tenant_id, framework_id, position, code, title, guidance) values (${tenant}, ${fw}, ${i}, ${`PM.${i}`}, ${`Standard ${i}`}, 'Fixture') returning id`));
  const round = await id(sql`insert into sa_round (tenant_id, framework_id, title, opened_on, due_on, opened_by_user_id) values (${tenant}, ${fw}, 'Fixture round', ${d('05-01')}, ${d('07-01')}, ${user}) returning id`);
  const ret = async (agencyId: string, rags: string[]) => {
    const r = await id(sql`insert into sa_return (tenant_id, round_id, agency_id, status) values (${tenant}, ${round}, ${agencyId}, ${rags.length ? 'in_progress' : 'not_started'}) returning id`);
    for (const [i, rag] of rags.entries()) {
      await db.execute(sql`insert into sa_answer (tenant_id, return_id, standard_id, rag, evidence, answered_by_user_id) values (${tenant}, ${r}, ${standards[i]!}, ${rag}, 'Fixture', ${user})`);
    }
  };
  await ret(A, [...Array(9).fill('green'), 'amber']);
  await ret(B, ['green', 'green', 'green', 'red', 'red', 'red']);
  await ret(C, ['green', 'green', 'amber', 'amber', 'amber']);
  await ret(D, []);

  // ——— actions ———
  const plan = (ref: string, board: string) =>
    id(sql`insert into action_plan (tenant_id, reference, title, source_kind, source_title, board_kind, created_by_user_id) values (${tenant}, ${ref}, 'Fixture plan', 'inspection', 'Fixture', ${board}, ${user}) returning id`);
  const p1 = await plan('PM-PLAN-1', 'children');
  const p2 = await plan('PM-PLAN-2', 'joint');
  const p3 = await plan('PM-PLAN-3', 'adults');
  let k = 0;
  const action = async (planId: string, agencyId: string, due: string, status: string, rag: string, completed: string | null = null) => {
    k += 1;
    await db.execute(sql`insert into partnership_action (tenant_id, plan_id, reference, description, owner_agency_id, owner_name, due_on, status, rag, completed_on, created_by_user_id)
      values (${tenant}, ${planId}, ${`PM-ACT-${k}`}, 'Fixture', ${agencyId}, 'Owner', ${due}, ${status}, ${rag}, ${completed}, ${user})`);
  };
  await action(p1, A, d('06-30'), 'completed', 'green', d('06-20'));
  await action(p1, A, d('07-31'), 'completed', 'green', d('08-05'));
  await action(p1, B, d('09-30'), 'in_progress', 'red');
  await action(p1, B, d('10-31'), 'cancelled', 'amber');
  await action(p2, B, d('11-30'), 'completed', 'green', d('11-01'));
  await action(p3, A, d('12-01'), 'completed', 'green', d('11-01'));
  await action(p1, A, d('06-01', Y + 20), 'in_progress', 'green');

  // ——— the board's attendance: three members, two meetings held and one cancelled ———
  await db.execute(sql`insert into board (tenant_id, kind, name) values (${tenant}, 'children', 'Children’s safeguarding partnership') on conflict (tenant_id, kind) do nothing`);
  const board = await id(sql`select id from board where tenant_id = ${tenant} and kind = 'children'`);
  const group = await id(sql`insert into board_group (tenant_id, board_id, name, is_main) values (${tenant}, ${board}, 'PM Fixture board', true) returning id`);
  const member = (agencyId: string, name: string) => id(sql`insert into board_member (tenant_id, group_id, agency_id, name, from_on) values (${tenant}, ${group}, ${agencyId}, ${name}, ${d('04-01')}) returning id`);
  const m1 = await member(A, 'Member A');
  const m2 = await member(B, 'Member B');
  const m3 = await member(C, 'Member C');
  const meeting = (on: string, status: string) => id(sql`insert into board_meeting (tenant_id, group_id, held_at, status, created_by_user_id) values (${tenant}, ${group}, ${`${on}T10:00:00Z`}, ${status}, ${user}) returning id`);
  const attend = (meetingId: string, memberId: string, agencyId: string, status: string) =>
    db.execute(sql`insert into board_attendance (tenant_id, meeting_id, member_id, agency_id, status) values (${tenant}, ${meetingId}, ${memberId}, ${agencyId}, ${status})`);
  const mt1 = await meeting(d('05-15'), 'held');
  const mt2 = await meeting(d('09-15'), 'held');
  const mt3 = await meeting(d('12-15'), 'cancelled');
  await attend(mt1, m1, A, 'attended');
  await attend(mt1, m2, B, 'deputy');
  await attend(mt1, m3, C, 'apologies');
  await attend(mt2, m1, A, 'absent');
  await attend(mt2, m2, B, 'attended');
  await attend(mt2, m3, C, 'attended');
  await attend(mt3, m1, A, 'apologies');

  // ——— learning reviews ———
  const review = (ref: string, kind: string, stage: string, dates: Record<string, string | null>) =>
    db.execute(sql`insert into learning_review (tenant_id, reference, kind, title, subject_pseudonym, summary, incident_on, learned_on, notified_on, notification_due_on,
                                                 rapid_review_due_on, rapid_review_held_on, stage, board_kind, created_by_user_id)
      values (${tenant}, ${ref}, ${kind}, 'Fixture review', 'Child P', 'Fixture', ${dates.incident!}, ${dates.learned ?? null}, ${dates.notified ?? null}, ${dates.notifiedDue ?? null},
              ${dates.rapidDue ?? null}, ${dates.rapid ?? null}, ${stage}, 'children', ${user})`);
  await review('PM-LR-1', 'rapid_review', 'in_review', { incident: d('04-28'), learned: d('05-01'), notified: d('05-06'), notifiedDue: d('05-08'), rapidDue: d('05-27'), rapid: d('05-20') });
  await review('PM-LR-2', 'lcspr', 'report', { incident: d('05-30'), learned: d('06-01'), notified: d('06-12'), notifiedDue: d('06-08'), rapidDue: d('07-01'), rapid: d('07-05') });
  await review('PM-LR-3', 'child_death_review', 'notified', { incident: d('08-01') });

  // ——— the risk log: a title that looks like a formula ———
  await db.execute(sql`insert into board_risk (tenant_id, board_id, reference, title, description, likelihood, impact, owner_name, review_on, created_by_user_id)
    values (${tenant}, ${board}, 'PM-RISK-1', '=HYPERLINK("http://example.test")', 'Fixture', 5, 5, 'Owner', ${d('06-01', Y + 20)}, ${user})`);

  const refreshed = await analyst.post('/measures/refresh', {});
  expect(refreshed.statusCode).toBe(303);
}, limit(180_000));
afterAll(async () => t?.close());

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
const squash = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('a board’s assurance scorecard', () => {
  it('shows each figure of the children’s board, counted from the records', async () => {
    const res = await analyst.get(`/measures/partnership?board=children&year=${Y}`);
    expect(res.statusCode).toBe(200);
    const text = squash(res.body);
    // attended: 4 on the children's course (cancelled booking and cancelled session not counted) + 4 e-learning (both boards)
    expect(text).toMatch(/Places attended on multi-agency training .*? 8 /);
    expect(text).toMatch(/Training places not attended .*? 20\.0% 2 of 10/);
    expect(text).toMatch(/E-learning completions .*? 4 /);
    expect(text).toMatch(/Impact questionnaires answered at 3 months .*? 66\.7% 2 of 3/);
    expect(text).toMatch(/Trainees who used the learning in practice .*? 50\.0% 1 of 2/);
    expect(text).toMatch(/Self-assessments 90–100% complete .*? 25\.0% 1 of 4/);
    expect(text).toMatch(/Self-assessment standards met \(green\) .*? 66\.7% 14 of 21/);
    expect(text).toMatch(/Partnership actions completed by their due date .*? 50\.0% 2 of 4/);
    expect(text).toMatch(/Board attendance .*? 66\.7% 4 of 6/);
    expect(text).toMatch(/Learning reviews begun .*? 3 /);
    expect(text).toMatch(/Rapid reviews within 15 working days .*? 50\.0% 1 of 2/);
    expect(text).toMatch(/Serious incident notifications within 5 working days .*? 50\.0% 1 of 2/);
    // the tables behind them
    expect(text).toContain('PM Fixture Police 3 0 0 0.0%');
    expect(text).toContain('PM Fixture School 5 4 2 28.6%');
    expect(text).toContain('PM Fixture children course 4 0 2 33.3%');
    expect(text).toContain('PM.1 Standard 1 3 3 100.0%');
    expect(text).toContain('PM.4 Standard 4 3 1 33.3%');
    expect(text).toContain('Section 175 (schools) 4 1 1 1 1');
    expect(text).toContain('PM Fixture Charity 2 1 50.0%');
    expect(text).toMatch(/PM Fixture Police 1 0 2 0 0 1 3/);
    expect(text).toMatch(/PM Fixture School 0 1 1 1 0 0 2/);
    expect(text).toContain('Local child safeguarding practice review 0 0 0 1 0 0 1');
    // definitions, links to the lists and the measure, and the pack
    expect(res.body).toContain('Bookings marked attended on a session');
    expect(res.body).toContain('href="/partnership/plans?board=children"');
    expect(res.body).toContain(`href="/measures/pship_board_attendance?period=FY${Y}-`);
    expect(res.body).toContain(`href="/measures/partnership/annual-pack?board=children&amp;year=${Y}"`);
    expect(res.body).toContain(`href="/measures/partnership/annual-pack.xlsx?board=children&amp;year=${Y}"`);
  });

  it('gives the adults’ and the community safety boards what they own', async () => {
    const adults = squash((await analyst.get(`/measures/partnership?board=adults&year=${Y}`)).body);
    expect(adults).toMatch(/Places attended on multi-agency training .*? 6 /);
    expect(adults).toMatch(/Training places not attended .*? 14\.3% 1 of 7/);
    // joint and adults' plans: both on time
    expect(adults).toMatch(/Partnership actions completed by their due date .*? 100\.0% 2 of 2/);
    const cs = squash((await analyst.get(`/measures/partnership?board=community_safety&year=${Y}`)).body);
    expect(cs).toMatch(/Places attended on multi-agency training .*? 1 /);
  });

  it('hides the learning reviews’ small numbers from a viewer who may not open records', async () => {
    const text = squash((await (await t.as('business-unit')).get(`/measures/partnership?board=children&year=${Y}`)).body);
    expect(text).toMatch(/Learning reviews begun .*? c /);
    expect(text).toMatch(/Places attended on multi-agency training .*? 8 /);
  });

  it('is on the measures page; refuses a partner without measures:view, a bad board or year', async () => {
    expect((await analyst.get('/measures')).body).toContain('href="/measures/partnership"');
    expect((await (await t.as('provider')).get('/measures/partnership')).statusCode).toBe(403);
    for (const q of ['board=police', 'board=%3Cscript%3E', 'year=26', 'year=1999', `year=${Y + 30}`, 'year=%3Cb%3E']) {
      const res = await analyst.get(`/measures/partnership?${q}`);
      expect(res.statusCode).toBe(400);
      expect(res.body).not.toContain('<script>');
    }
  });

  it('sends the records behind a partnership measure to the board’s scorecard', async () => {
    const res = await analyst.get(`/measures/pship_training_attended/records?period=FY${Y}-${String((Y + 1) % 100).padStart(2, '0')}`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/measures/partnership?year=${Y}`);
  });
});

describe('the annual report data pack', () => {
  it('prints the tables, with attendance by agency and a column per meeting', async () => {
    const res = await analyst.get(`/measures/partnership/annual-pack?board=children&year=${Y}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('/public/partnership-pack.css');
    const text = squash(res.body);
    expect(text).toContain(`Annual report data pack ${Y}-`);
    expect(text).toContain('PM Fixture Police A x Cancelled 2 1 50%');
    expect(text).toContain('PM Fixture School D A Cancelled 2 2 100%');
    expect(text).toContain('PM Fixture Charity Aps A Cancelled 2 1 50%');
    expect(text).toContain('Top risks and issues');
    expect(text).toContain('PM-RISK-1');
  });

  it('writes the workbook: a sheet per table, headers frozen, attendance % per agency, no formulas', async () => {
    const res = await analyst.get(`/measures/partnership/annual-pack.xlsx?board=children&year=${Y}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = await workbook(res);
    const names = book.worksheets.map((s) => s.name);
    for (const n of ['Contents', 'Scorecard', 'Attendance', 'Training by kind of course', 'Training by course', 'Training by agency', 'Training by agency type', 'Impact at 3 months', 'Self-assessment bands', 'Per-standard compliance', 'Learning reviews', 'Actions by agency', 'Actions by board', 'Top risks']) {
      expect(names).toContain(n);
    }
    const attendance = book.getWorksheet('Attendance')!;
    expect(attendance.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(attendance.getRow(1).getCell(1).value).toBe('Agency');
    expect(rowOf(attendance, 'PM Fixture Police')?.slice(-1)).toEqual(['50%']);
    expect(rowOf(attendance, 'PM Fixture School')?.slice(-1)).toEqual(['100%']);
    expect(rowOf(attendance, 'PM Fixture Charity')?.slice(-1)).toEqual(['50%']);
    expect(rowOf(book.getWorksheet('Training by agency')!, 'PM Fixture School')).toEqual([5, 4, 2, '28.6%']);
    const risk = rowOf(book.getWorksheet('Top risks')!, 'PM-RISK-1')!;
    expect(risk[0]).toBe(`'=HYPERLINK("http://example.test")`);
    book.worksheets.forEach((s) => s.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula))));
  });

  it('refuses a user without partnership:view or measures:manage, and audits a pack viewed', async () => {
    const police = await t.as('police');
    expect((await police.get(`/measures/partnership/annual-pack?board=children&year=${Y}`)).statusCode).toBe(403);
    expect((await police.get(`/measures/partnership/annual-pack.xlsx?board=children&year=${Y}`)).statusCode).toBe(403);
    // police see the scorecard (measures:view) but not the link to the pack
    const page = await police.get(`/measures/partnership?board=children&year=${Y}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('annual-pack');
    expect((await (await t.as('business-unit')).get(`/measures/partnership/annual-pack.xlsx?board=adults&year=${Y}`)).statusCode).toBe(200);
    const audited = await one<{ n: number }>(db, sql`select count(*)::int as n from audit_event where action = 'measure.annual_pack_viewed'`);
    expect(audited!.n).toBeGreaterThanOrEqual(3);
  });
});
