/**
 * The boards through app.inject against a real database: the business unit sets up the boards, adds members of the
 * children's partnership by agency, schedules meetings, adds an agenda item with a paper, records attendance (a
 * deputy must be named), records a decision that raises an action plan in the tracker, and reads the attendance
 * table by agency with its percentages exactly; the issues / risk log scores and orders its entries. A police
 * officer with no partnership role is refused and nothing is written, except the meetings of a group they sit on,
 * which they may open. Bad input is a 400 with an error summary.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows } from '../../db/client.js';
import { type TestApp, type TestClient, createTestApp, location } from '../../../test/support/app.js';

let t: TestApp;
let db: Database;
let unit: TestClient;
let police: TestClient;
let dsl: TestClient;
let analyst: TestClient;
const agency: Record<string, string> = {};
let boardId = '';
let boardName = '';
let mainGroup = '';
const meetings: string[] = [];
let future = '';

const count = async (q: ReturnType<typeof sql>) => (await one<{ n: number }>(db, q))!.n;
const when = (prefix: string, y: number, m: number, d: number, time = true) => ({
  [`${prefix}-day`]: String(d), [`${prefix}-month`]: String(m), [`${prefix}-year`]: String(y), ...(time ? { [`${prefix}-hour`]: '10', [`${prefix}-minute`]: '0' } : {}),
});
const memberId = async (name: string) => (await one<{ id: string }>(db, sql`select id from board_member where group_id = ${mainGroup} and name = ${name}`))!.id;

// The test's year is 2019-20, a year the demo's boards have no meetings in.
const YEAR = 2019;

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  unit = await t.as('business-unit');
  police = await t.as('police');
  dsl = await t.as('dsl');
  analyst = await t.as('analyst');
  for (const type of ['children_social_care', 'police', 'health', 'education', 'housing']) {
    agency[type] = (await one<{ id: string }>(db, sql`select id from agency where type = ${type} order by name limit 1`))!.id;
  }
});
afterAll(async () => t?.close());

describe('the children’s safeguarding partnership', () => {
  it('is set up by the business unit (once), each board with its main board', async () => {
    await unit.get('/partnership/boards');
    const res = await unit.post('/partnership/boards/set-up');
    expect(res.statusCode).toBe(303);
    const tenant = (await one<{ tenant_id: string }>(db, sql`select tenant_id from app_user where email = 'business-unit@demo.threshold.test'`))!.tenant_id;
    const board = (await one<{ id: string; name: string }>(db, sql`select id, name from board where tenant_id = ${tenant} and kind = 'children'`))!;
    boardId = board.id;
    boardName = board.name;
    mainGroup = (await one<{ id: string }>(db, sql`select id from board_group where board_id = ${boardId} and is_main`))!.id;
    expect(await count(sql`select count(*)::int as n from board b join board_group g on g.board_id = b.id and g.is_main where b.tenant_id = ${tenant}`)).toBe(3);
    // set up again: nothing more
    expect((await unit.post('/partnership/boards/set-up')).statusCode).toBe(303);
    expect(await count(sql`select count(*)::int as n from board where tenant_id = ${tenant}`)).toBe(3);
    const page = await unit.get('/partnership/boards');
    expect(page.statusCode).toBe(200);
    for (const b of await rows<{ name: string }>(db, sql`select name from board where tenant_id = ${tenant}`)) expect(page.body).toContain(b.name);
    expect(page.body).toContain(`/partnership/boards/groups/${mainGroup}`);
    expect(page.body).not.toContain('Set up the boards');
  });

  it('has members by agency and role; a member with an account is linked to it', async () => {
    await unit.get(`/partnership/boards/groups/${mainGroup}`);
    const add = (agencyId: string, name: string, role: string, from: [number, number, number], extra: Record<string, string> = {}) =>
      unit.post(`/partnership/boards/groups/${mainGroup}/members`, { agencyId, name, role, ...when('fromOn', ...from, false), ...extra });
    expect((await add(agency.children_social_care!, 'Alex Director', 'chair', [YEAR, 4, 1], { jobTitle: 'Director of Children’s Services' })).statusCode).toBe(303);
    expect((await add(agency.police!, 'Sam Superintendent', 'member', [YEAR, 4, 1], { email: 'police@demo.threshold.test' })).statusCode).toBe(303);
    expect((await add(agency.health!, 'Jo Nurse', 'member', [YEAR, 4, 1], { jobTitle: 'Designated Nurse' })).statusCode).toBe(303);
    expect((await add(agency.education!, 'Pat Schools', 'adviser', [YEAR, 4, 1])).statusCode).toBe(303);
    // joins in August: expected only at meetings from then on
    expect((await add(agency.housing!, 'Ray Homes', 'member', [YEAR, 8, 1])).statusCode).toBe(303);
    const police = (await one<{ user_id: string | null }>(db, sql`select user_id from board_member where group_id = ${mainGroup} and name = 'Sam Superintendent'`))!;
    expect(police.user_id).toBe(await t.userId('police'));
    const page = await unit.get(`/partnership/boards/groups/${mainGroup}`);
    expect(page.body).toContain('Alex Director, Director of Children’s Services');
    expect(page.body).toContain('Chair');
  });

  it('refuses a member without a name or agency, or with an email of no account, with an error summary', async () => {
    const before = await count(sql`select count(*)::int as n from board_member`);
    const res = await unit.post(`/partnership/boards/groups/${mainGroup}/members`, { agencyId: '', name: '', role: 'member', ...when('fromOn', YEAR, 4, 1, false) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('Select the agency the member represents');
    expect(res.body).toContain('Enter the member’s name');
    const email = await unit.post(`/partnership/boards/groups/${mainGroup}/members`, { agencyId: agency.health!, name: 'No Account', role: 'member', email: 'nobody@example.test', ...when('fromOn', YEAR, 4, 1, false) });
    expect(email.statusCode).toBe(400);
    expect(email.body).toContain('No Threshold account in this area has that email');
    expect(await count(sql`select count(*)::int as n from board_member`)).toBe(before);
  });

  it('schedules meetings', async () => {
    for (const [m, d] of [[5, 14], [6, 18], [9, 17], [12, 10]] as const) {
      const res = await unit.post(`/partnership/boards/groups/${mainGroup}/meetings`, { ...when('heldAt', YEAR, m, d), location: 'Town Hall, Committee Room 1' });
      expect(res.statusCode).toBe(303);
      meetings.push(location(res).split('/')[3]!.split('?')[0]!);
    }
    const next = new Date().getFullYear() + 1;
    const res = await unit.post(`/partnership/boards/groups/${mainGroup}/meetings`, { ...when('heldAt', next, 3, 12), location: 'Online' });
    future = location(res).split('/')[3]!.split('?')[0]!;
    const mine = sql.join([...meetings, future].map((id) => sql`${id}`), sql`, `);
    expect(await count(sql`select count(*)::int as n from board_meeting where id in (${mine}) and status = 'scheduled'`)).toBe(5);
    const before = await count(sql`select count(*)::int as n from board_meeting where group_id = ${mainGroup}`);
    const bad = await unit.post(`/partnership/boards/groups/${mainGroup}/meetings`, { 'heldAt-day': '31', 'heldAt-month': '2', 'heldAt-year': String(YEAR), 'heldAt-hour': '10', 'heldAt-minute': '0' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Date and time of the meeting must be a real date');
    expect(await count(sql`select count(*)::int as n from board_meeting where group_id = ${mainGroup}`)).toBe(before);
    // December's meeting is cancelled: it counts for nobody
    const page = await unit.get(`/partnership/meetings/${meetings[3]}`);
    expect(page.body).toContain('Cancel the meeting');
    expect((await unit.post(`/partnership/meetings/${meetings[3]}/cancel`, { confirm: 'yes' })).statusCode).toBe(303);
  });

  it('takes an agenda item with a paper checked by type and content, downloaded as an attachment and audited', async () => {
    await unit.get(`/partnership/meetings/${meetings[0]}`);
    const pdf = Buffer.from('%PDF-1.7\n% board paper\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const ok = await unit.upload(`/partnership/meetings/${meetings[0]}/agenda`, { title: 'Annual report 2018-19', presenter: 'Business manager' }, { field: 'paper', name: 'Annual report.pdf', content: pdf, type: 'application/pdf' });
    expect(ok.statusCode).toBe(303);
    const fake = await unit.upload(`/partnership/meetings/${meetings[0]}/agenda`, { title: 'Not a paper' }, { field: 'paper', name: 'evil.pdf', content: '<script>alert(1)</script>', type: 'application/pdf' });
    expect(fake.statusCode).toBe(400);
    expect(fake.body).toContain('The paper is not a real .pdf file');
    const exe = await unit.upload(`/partnership/meetings/${meetings[0]}/agenda`, { title: 'Not a paper' }, { field: 'paper', name: 'run.exe', content: 'MZ', type: 'application/octet-stream' });
    expect(exe.statusCode).toBe(400);
    expect(exe.body).toContain('The paper must be a PDF, Word (docx), Excel (xlsx) or PowerPoint (pptx) file');
    const untitled = await unit.upload(`/partnership/meetings/${meetings[0]}/agenda`, { title: '' }, { field: 'paper', name: 'a.pdf', content: pdf, type: 'application/pdf' });
    expect(untitled.statusCode).toBe(400);
    expect(untitled.body).toContain('Enter the agenda item');
    expect(await count(sql`select count(*)::int as n from board_agenda_item where meeting_id = ${meetings[0]}`)).toBe(1);
    const item = (await one<{ id: string; position: number }>(db, sql`select id, position from board_agenda_item where meeting_id = ${meetings[0]}`))!;
    expect(item.position).toBe(1);
    const page = await unit.get(`/partnership/meetings/${meetings[0]}`);
    expect(page.body).toContain(`/partnership/meetings/${meetings[0]}/paper?item=${item.id}`);
    const download = await unit.get(`/partnership/meetings/${meetings[0]}/paper?item=${item.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="Annual report.pdf"; filename*=UTF-8''Annual%20report.pdf`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(await count(sql`select count(*)::int as n from audit_event where action = 'board_paper.downloaded' and record_id = ${meetings[0]}`)).toBe(1);
  });

  it('records attendance: a deputy must be named, and nothing is saved without', async () => {
    const [alex, sam, jo, pat] = [await memberId('Alex Director'), await memberId('Sam Superintendent'), await memberId('Jo Nurse'), await memberId('Pat Schools')];
    const page = await unit.get(`/partnership/meetings/${meetings[0]}`);
    expect(page.body).toContain(`name="status-${alex}"`);
    expect(page.body).not.toContain('Ray Homes'); // not a member yet in May
    const noName = await unit.post(`/partnership/meetings/${meetings[0]}/attendance`, { [`status-${alex}`]: 'attended', [`status-${sam}`]: 'deputy', [`status-${jo}`]: 'apologies', [`status-${pat}`]: 'absent' });
    expect(noName.statusCode).toBe(400);
    expect(noName.body).toContain('govuk-error-summary');
    expect(noName.body).toContain('Enter the name of the deputy who attended for Sam Superintendent');
    expect(await count(sql`select count(*)::int as n from board_attendance where meeting_id = ${meetings[0]}`)).toBe(0);
    const missing = await unit.post(`/partnership/meetings/${meetings[0]}/attendance`, { [`status-${alex}`]: 'attended' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Select whether Sam Superintendent attended, sent a deputy, gave apologies or was absent');

    const record = async (i: number, marks: Record<string, string>, deputies: Record<string, string> = {}) => {
      const body: Record<string, string> = {};
      for (const [name, status] of Object.entries(marks)) body[`status-${await memberId(name)}`] = status;
      for (const [name, deputy] of Object.entries(deputies)) body[`deputy-${await memberId(name)}`] = deputy;
      const res = await unit.post(`/partnership/meetings/${meetings[i]}/attendance`, body);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    };
    // May: Alex A, Sam D (named), Jo Aps, Pat x — no health: not quorate
    await record(0, { 'Alex Director': 'attended', 'Sam Superintendent': 'deputy', 'Jo Nurse': 'apologies', 'Pat Schools': 'absent' }, { 'Sam Superintendent': 'Chris Inspector' });
    expect(await rows(db, sql`select status, deputy_name from board_attendance where meeting_id = ${meetings[0]} and member_id = ${sam}`)).toEqual([{ status: 'deputy', deputy_name: 'Chris Inspector' }]);
    expect((await one<{ status: string }>(db, sql`select status from board_meeting where id = ${meetings[0]}`))!.status).toBe('held');
    const may = await unit.get(`/partnership/meetings/${meetings[0]}`);
    expect(may.body).toContain('Not quorate');
    expect(may.body).toContain('no one present from Health (the integrated care board)');
    // June: everyone but Pat — quorate
    await record(1, { 'Alex Director': 'attended', 'Sam Superintendent': 'attended', 'Jo Nurse': 'attended', 'Pat Schools': 'apologies' });
    const june = await unit.get(`/partnership/meetings/${meetings[1]}`);
    expect(june.body).toMatch(/govuk-tag--green">\s*Quorate/);
    // September: Ray has joined; Alex sends a deputy, Sam gives apologies
    await record(2, { 'Alex Director': 'deputy', 'Sam Superintendent': 'apologies', 'Jo Nurse': 'attended', 'Pat Schools': 'attended', 'Ray Homes': 'attended' }, { 'Alex Director': 'Morgan Deputy' });
    // the meeting still to come takes no attendance yet
    const later = await unit.post(`/partnership/meetings/${future}/attendance`, { [`status-${alex}`]: 'attended', [`status-${sam}`]: 'attended', [`status-${jo}`]: 'attended', [`status-${pat}`]: 'attended', [`status-${await memberId('Ray Homes')}`]: 'attended' });
    expect(later.statusCode).toBe(400);
    expect(later.body).toContain('Attendance can be recorded once the meeting has started');
  });

  it('records a decision that raises an action plan in the tracker, the same plan each time', async () => {
    const res = await unit.post(`/partnership/meetings/${meetings[1]}/decisions`, { text: 'The partnership will commission a multi-agency audit of neglect cases.' });
    expect(res.statusCode).toBe(303);
    const decision = (await one<{ id: string }>(db, sql`select id from board_decision where meeting_id = ${meetings[1]}`))!;
    const page = await unit.get(`/partnership/meetings/${meetings[1]}`);
    expect(page.body).toContain('commission a multi-agency audit of neglect cases');
    expect(page.body).toContain('Raise an action');
    const raised = await unit.post(`/partnership/meetings/${meetings[1]}/decisions/action`, { decisionId: decision.id });
    expect(raised.statusCode).toBe(303);
    const plan = (await one<{ id: string; source_kind: string; source_id: string; source_title: string; board_kind: string }>(db, sql`select id, source_kind, source_id, source_title, board_kind from action_plan where source_id = ${meetings[1]}`))!;
    expect(location(raised)).toBe(`/partnership/plans/${plan.id}`);
    expect(plan).toMatchObject({ source_kind: 'board_decision', source_id: meetings[1], board_kind: 'children', source_title: `${boardName}, 18 June ${YEAR}` });
    const again = await unit.post(`/partnership/meetings/${meetings[1]}/decisions/action`, { decisionId: decision.id });
    expect(location(again)).toBe(`/partnership/plans/${plan.id}`);
    expect(await count(sql`select count(*)::int as n from action_plan where source_id = ${meetings[1]}`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from audit_event where action = 'board_decision.action_raised' and record_id = ${meetings[1]}`)).toBe(2);
    const empty = await unit.post(`/partnership/meetings/${meetings[1]}/decisions`, { text: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter the decision');
    const minutes = await unit.post(`/partnership/meetings/${meetings[1]}/minutes`, { minutes: 'Present: as recorded.\nThe chair welcomed members.' });
    expect(minutes.statusCode).toBe(303);
  });

  it('tables attendance by agency for the annual report: (attended + deputy) ÷ meetings expected, exactly', async () => {
    const page = await analyst.get(`/partnership/attendance?board=children&year=${YEAR}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Attendance by agency, ${YEAR}-20`);
    const csv = await analyst.get(`/partnership/attendance.csv?board=children&year=${YEAR}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="attendance-children-${YEAR}-20.csv"`);
    const names = Object.fromEntries(await Promise.all(Object.entries(agency).map(async ([k, id]) => [k, (await one<{ name: string }>(db, sql`select name from agency where id = ${id}`))!.name])));
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe(`Agency,14 May ${YEAR},18 June ${YEAR},17 September ${YEAR},%`);
    const expected = [
      [names.children_social_care, 'A,A,D,100%'], // 3 of 3
      [names.police, 'D,A,Aps,67%'], // 2 of 3
      [names.health, 'Aps,A,A,67%'], // 2 of 3
      [names.education, 'x,Aps,A,33%'], // 1 of 3
      [names.housing, ',,A,100%'], // 1 of 1: a member only from August
    ]
      .sort((a, b) => a[0]!.localeCompare(b[0]!))
      .map(([n, marks]) => `${n},${marks}`);
    expect(lines.slice(1)).toEqual(expected);
  });

  it('keeps the issues / risk log, scored and listed with overdue reviews first', async () => {
    await unit.get('/partnership/risks/new?board=children');
    const risk = (title: string, likelihood: string, impact: string, review: [number, number, number]) =>
      unit.post('/partnership/risks/new', {
        board: 'children', kind: 'risk', title, description: `${title}: described.`, likelihood, impact, ownerAgencyId: agency.police!, ownerName: 'Detective Superintendent', mitigations: 'Monthly performance reports.', ...when('reviewOn', ...review, false),
      });
    const high = await risk('Police attendance at strategy meetings', '4', '4', [new Date().getFullYear() + 1, 1, 31]);
    expect(high.statusCode).toBe(303);
    const low = await risk('Training venue capacity', '1', '2', [2020, 1, 31]);
    expect(low.statusCode).toBe(303);
    const stored = await rows<{ reference: string; likelihood: number; impact: number }>(db, sql`select reference, likelihood, impact from board_risk where board_id = ${boardId} and owner_name = 'Detective Superintendent' order by reference`);
    expect(stored).toHaveLength(2);
    for (const r of stored) expect(r.reference).toMatch(/^RISK-\d{4}$/);
    const list = await analyst.get('/partnership/risks?board=children');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('16 – High');
    expect(list.body).toContain('2 – Low');
    expect(list.body).toContain('Review overdue: was due 31 January 2020');
    // the overdue review first, though its score is lower
    expect(list.body.indexOf('Training venue capacity')).toBeLessThan(list.body.indexOf('Police attendance at strategy meetings'));
    const bad = await unit.post('/partnership/risks/new', { board: 'children', kind: 'risk', title: '', description: 'x', likelihood: '7', impact: '0', ownerName: 'Someone', ...when('reviewOn', 2027, 2, 30, false) });
    const risksBefore = await count(sql`select count(*)::int as n from board_risk where board_id = ${boardId}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('govuk-error-summary');
    expect(bad.body).toContain('Enter a title');
    expect(bad.body).toContain('Select the likelihood, from 1 to 5');
    expect(bad.body).toContain('Select the impact, from 1 to 5');
    expect(bad.body).toContain('Review date must be a real date');
    expect(await count(sql`select count(*)::int as n from board_risk where board_id = ${boardId}`)).toBe(risksBefore);
    // edited and closed
    const id = (await one<{ id: string }>(db, sql`select id from board_risk where title = 'Training venue capacity'`))!.id;
    await unit.get(`/partnership/risks/${id}/edit`);
    const edited = await unit.post(`/partnership/risks/${id}/edit`, { board: 'children', kind: 'issue', title: 'Training venue capacity', description: 'Rooms too small.', likelihood: '3', impact: '3', ownerName: 'Training manager', ...when('reviewOn', 2031, 1, 31, false) });
    expect(edited.statusCode).toBe(303);
    expect((await one<{ likelihood: number; kind: string }>(db, sql`select likelihood, kind from board_risk where id = ${id}`))!).toEqual({ likelihood: 3, kind: 'issue' });
    expect((await unit.post(`/partnership/risks/${id}/close`, { confirm: 'yes' })).statusCode).toBe(303);
    const closed = await analyst.get('/partnership/risks?board=children&show=closed');
    expect(closed.body).toContain('Training venue capacity');
  });

  it('refuses a police officer with no partnership role, writing nothing; but they open the meetings of a group they sit on', async () => {
    const tables = sql`(select count(*) from board_attendance) + (select count(*) from board_risk) + (select count(*) from board_meeting) + (select count(*) from board_decision) + (select count(*) from board_member)`;
    const before = (await one<{ n: string }>(db, sql`select ${tables} as n`))!.n;
    await police.get('/');
    expect((await police.get('/partnership/boards')).statusCode).toBe(403);
    expect((await police.get('/partnership/risks?board=children')).statusCode).toBe(403);
    expect((await police.get(`/partnership/attendance?board=children&year=${YEAR}`)).statusCode).toBe(403);
    const sam = await memberId('Sam Superintendent');
    expect((await police.post(`/partnership/meetings/${meetings[2]}/attendance`, { [`status-${sam}`]: 'attended' })).statusCode).toBe(403);
    expect((await police.post(`/partnership/boards/groups/${mainGroup}/meetings`, when('heldAt', YEAR, 11, 1))).statusCode).toBe(403);
    expect((await police.post('/partnership/risks/new', { board: 'children', title: 'x' })).statusCode).toBe(403);
    expect((await police.post(`/partnership/meetings/${meetings[1]}/decisions`, { text: 'x' })).statusCode).toBe(403);
    expect((await one<{ n: string }>(db, sql`select ${tables} as n`))!.n).toBe(before);
    // a member of the group: their meetings open, read-only
    const meeting = await police.get(`/partnership/meetings/${meetings[1]}`);
    expect(meeting.statusCode).toBe(200);
    expect(meeting.body).toContain('commission a multi-agency audit');
    expect(meeting.body).not.toContain('Save attendance');
    expect((await police.get(`/partnership/boards/groups/${mainGroup}`)).statusCode).toBe(200);
    // a school's DSL sits on no group: refused
    expect([403, 404]).toContain((await dsl.get(`/partnership/meetings/${meetings[1]}`)).statusCode);
  });

  it('shows the next meetings and the reviews due on the home page', async () => {
    const home = await unit.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Board meetings');
    const next = (await one<{ id: string }>(db, sql`select id from board_meeting where status = 'scheduled' and held_at >= now() order by held_at limit 1`))!.id;
    expect(home.body).toContain(`/partnership/meetings/${next}`);
    expect(home.body).not.toContain('Training venue capacity');
    const member = await police.get('/');
    expect(member.body).not.toContain('Board meetings'); // the panel is for partnership:view users
    const manager = await (await t.as('police-manager')).get('/');
    expect(manager.statusCode).toBe(200);
  });
});
