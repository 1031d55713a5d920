/**
 * The action tracker through app.inject against a real database: the business unit makes a short plan for the peer
 * review (at most 5 open actions), adds a recommendation and five actions, and the sixth is refused in plain words
 * with nothing written; the police find their action under "our actions", upload a small PDF as evidence and
 * complete it, and the board dashboard and its list show it completed; the police are refused another agency's
 * action and nothing is written; bad input gets a 400 error summary naming the fields; reminders and escalation go
 * once each through the outbox, on a fixed clock.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows } from '../../db/client.js';
import { londonDate, addDays } from '../../domain/time.js';
import { type TestApp, type TestClient, createTestApp, location } from '../../../test/support/app.js';

let t: TestApp;
let db: Database;
let unit: TestClient;
let police: TestClient;
let ids: { police: string; health: string; policeUser: string; tenant: string };

const count = async (q: ReturnType<typeof sql>) => Number((await one<{ n: number }>(db, q))!.n);
const dateParts = (prefix: string, date: string) => {
  const [y, m, d] = date.split('-');
  return { [`${prefix}-day`]: String(Number(d)), [`${prefix}-month`]: String(Number(m)), [`${prefix}-year`]: y! };
};
const TODAY = londonDate(new Date());
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  unit = await t.as('business-unit');
  police = await t.as('police');
  const agencyOf = async (user: string) => (await one<{ agency_id: string; tenant_id: string }>(db, sql`select agency_id, tenant_id from app_user where email = ${`${user}@demo.threshold.test`}`))!;
  const p = await agencyOf('police');
  ids = { police: p.agency_id, tenant: p.tenant_id, health: (await agencyOf('health')).agency_id, policeUser: await t.userId('police') };
});
afterAll(async () => t?.close());

describe('a short plan for the peer review, and the police completing their action with evidence', () => {
  let planId = '';
  let recommendationId = '';
  let policeAction = '';
  let healthAction = '';

  it('is made by the business unit: short, at most 5 open actions', async () => {
    await unit.get('/partnership/plans/new');
    const res = await unit.post('/partnership/plans/new', { title: 'Peer review: fewer, clearer actions', sourceKind: 'peer_review', sourceTitle: 'Safeguarding peer review, recommendation 1', boardKind: 'joint', short: 'yes', maxOpen: '5' });
    expect(res.statusCode).toBe(303);
    planId = location(res).split('/')[3]!.split('?')[0]!;
    const plan = await one<{ short: boolean; max_open: number; reference: string; source_kind: string }>(db, sql`select short, max_open, reference, source_kind from action_plan where id = ${planId}`);
    expect(plan).toMatchObject({ short: true, max_open: 5, source_kind: 'peer_review' });
    expect(plan!.reference).toMatch(/^AP-\d{5}$/);
    const rec = await unit.post(`/partnership/plans/${planId}/recommendations`, { text: 'A much smaller number of game changing actions, owned by the boards.' });
    expect(rec.statusCode).toBe(303);
    recommendationId = (await one<{ id: string }>(db, sql`select id from action_recommendation where plan_id = ${planId}`))!.id;
  });

  it('takes five open actions and refuses the sixth in plain words, writing nothing', async () => {
    const add = (n: number, agency: string, extra: Record<string, string> = {}) =>
      unit.post(`/partnership/plans/${planId}/actions`, { description: `Action ${n}: make it happen`, ownerAgencyId: agency, ownerName: 'Sam Owner', ...dateParts('dueOn', addDays(TODAY, 20 + n)), recommendationId, rag: 'amber', ...extra });
    expect((await add(1, ids.police, { ownerUserId: ids.policeUser })).statusCode).toBe(303);
    for (let n = 2; n <= 5; n += 1) expect((await add(n, ids.health)).statusCode).toBe(303);
    policeAction = (await one<{ id: string }>(db, sql`select id from partnership_action where plan_id = ${planId} and owner_agency_id = ${ids.police}`))!.id;
    healthAction = (await one<{ id: string }>(db, sql`select id from partnership_action where plan_id = ${planId} and owner_agency_id = ${ids.health} order by reference limit 1`))!.id;
    const before = await count(sql`select count(*) as n from partnership_action where plan_id = ${planId}`);
    const sixth = await add(6, ids.health);
    expect(sixth.statusCode).toBe(400);
    expect(sixth.body).toContain('There is a problem');
    expect(sixth.body).toContain('This is a short plan: it can have at most 5 open actions. Complete or cancel one before adding another.');
    expect(await count(sql`select count(*) as n from partnership_action where plan_id = ${planId}`)).toBe(before);
    const page = await unit.get(`/partnership/plans/${planId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('This is a short plan: it can have at most 5 open actions (5 open now).');
    expect(page.body).toContain('A much smaller number of game changing actions');
  });

  it('refuses bad input with a 400 error summary naming the fields, and writes nothing', async () => {
    const before = await count(sql`select count(*) as n from partnership_action`);
    const res = await unit.post(`/partnership/plans/${planId}/actions`, { description: '', ownerAgencyId: 'not-an-agency', ownerName: 'Sam <b>', 'dueOn-day': '31', 'dueOn-month': '2', 'dueOn-year': '2027', rag: 'purple' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    for (const message of ['Enter what the action is', 'Select the agency that owns the action', 'Due date must be a real date', 'Select the action’s RAG rating']) expect(res.body).toContain(message);
    expect(await count(sql`select count(*) as n from partnership_action`)).toBe(before);
    const plan = await unit.post('/partnership/plans/new', { title: '', sourceKind: 'learning_review', boardKind: 'children', short: 'yes', maxOpen: '' });
    expect(plan.statusCode).toBe(400);
    for (const message of ['Enter a title for the plan', 'Select where the plan’s recommendations come from', 'Enter how many open actions the short plan may have']) expect(plan.body).toContain(message);
  });

  it('lists the police action under “our actions” for the police', async () => {
    const res = await police.get('/partnership/our-actions');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Action 1: make it happen');
    expect(res.body).not.toContain('Action 2: make it happen');
  });

  it('refuses completion without evidence, then the police complete it with a PDF as evidence', async () => {
    await police.get(`/partnership/actions/${policeAction}`);
    const noEvidence = await police.post(`/partnership/actions/${policeAction}/update`, { note: 'Done.', status: 'completed', rag: 'green' });
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.body).toContain('An action can only be completed with evidence');
    const fake = await police.upload(`/partnership/actions/${policeAction}/update`, { note: 'Briefing delivered.', status: 'completed', rag: 'green' }, { field: 'file', name: 'briefing.pdf', content: '<html>not a pdf</html>', type: 'application/pdf' });
    expect(fake.statusCode).toBe(400);
    expect(fake.body).toContain('The file is not a real PDF file');
    expect(await count(sql`select count(*) as n from action_update where action_id = ${policeAction}`)).toBe(0);

    const res = await police.upload(`/partnership/actions/${policeAction}/update`, { note: 'Briefing delivered to all MASH officers; attendance log attached.', status: 'completed', rag: 'green' }, { field: 'file', name: '../Briefing log.pdf', content: PDF, type: 'application/pdf' });
    expect(res.statusCode).toBe(303);
    const a = await one<{ status: string; rag: string; completed_on: string }>(db, sql`select status, rag, completed_on from partnership_action where id = ${policeAction}`);
    expect(a).toEqual({ status: 'completed', rag: 'green', completed_on: TODAY });
    const u = await one<{ id: string; is_evidence: boolean; file_name: string; file_type: string; file_bytes: number; status: string }>(db, sql`select id, is_evidence, file_name, file_type, file_bytes, status from action_update where action_id = ${policeAction}`);
    expect(u).toMatchObject({ is_evidence: true, file_name: 'Briefing log.pdf', file_type: 'application/pdf', file_bytes: PDF.length, status: 'completed' });
    expect(await count(sql`select count(*) as n from audit_event where action = 'partnership_action.updated' and record_id = ${policeAction}`)).toBe(1);

    const file = await police.get(`/partnership/actions/${policeAction}/evidence/${u!.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe('attachment; filename="Briefing log.pdf"');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.rawPayload.equals(PDF)).toBe(true);
    expect(await count(sql`select count(*) as n from audit_event where action = 'partnership_action.evidence_viewed' and record_id = ${policeAction}`)).toBe(1);

    const page = await police.get(`/partnership/actions/${policeAction}`);
    expect(page.body).toContain('Briefing log.pdf');
    expect(page.body).toContain('Completed');
  });

  it('shows on the board dashboard, whose figures are the lists’ own', async () => {
    const res = await unit.get('/partnership');
    expect(res.statusCode).toBe(200);
    const figure = (href: string) => {
      const found = [...res.body.matchAll(/href="([^"]+)">(\d+)<\/a>/g)].find((m) => m[1]!.replaceAll('&amp;', '&') === href);
      return found ? Number(found[2]) : undefined;
    };
    const listed = async (href: string) => {
      const page = await unit.get(href);
      expect(page.statusCode).toBe(200);
      const total = /data-list-total="(\d+)"/.exec(page.body);
      return { n: total ? Number(total[1]) : 0, body: page.body };
    };
    const completed = '/partnership/actions?board=joint&state=completed';
    const amber = '/partnership/actions?board=joint&rag=amber&state=open';
    expect(figure(completed)).toBeGreaterThanOrEqual(1);
    const completedList = await listed(completed);
    expect(completedList.n).toBe(figure(completed));
    expect(completedList.body).toContain('Action 1: make it happen');
    expect(figure(amber)).toBeGreaterThanOrEqual(4);
    const amberList = await listed(amber);
    expect(amberList.n).toBe(figure(amber));
    expect(amberList.body).not.toContain('Action 1: make it happen');
    // the business unit checks the impact once it is completed
    const impact = await unit.post(`/partnership/actions/${policeAction}/impact`, { impact: 'Referrals from the police now carry the child’s voice.' });
    expect(impact.statusCode).toBe(303);
    const notYet = await unit.post(`/partnership/actions/${healthAction}/impact`, { impact: 'Too early.' });
    expect(notYet.statusCode).toBe(400);
    expect(notYet.body).toContain('The impact can only be checked once the action is completed');
  });

  it('refuses the police another agency’s action, writing nothing', async () => {
    const before = await count(sql`select count(*) as n from action_update`);
    const res = await police.post(`/partnership/actions/${healthAction}/update`, { note: 'Not ours.', status: 'in_progress', rag: 'green' });
    expect([403, 404]).toContain(res.statusCode);
    expect(res.statusCode).toBeGreaterThanOrEqual(403);
    const view = await police.get(`/partnership/actions/${healthAction}`);
    expect([403, 404]).toContain(view.statusCode);
    expect(await count(sql`select count(*) as n from action_update`)).toBe(before);
    expect(await one(db, sql`select status, rag from partnership_action where id = ${healthAction}`)).toEqual({ status: 'not_started', rag: 'amber' });
    // the plan is theirs to see (their agency has an action in it), but the other agency's action is not a link
    const plan = await police.get(`/partnership/plans/${planId}`);
    expect(plan.statusCode).toBe(200);
    expect(plan.body).not.toContain(`/partnership/actions/${healthAction}"`);
  });

  it('opens the hub to anyone with a partnership permission, with only the sections they reach', async () => {
    const hub = await police.get('/partnership');
    expect(hub.statusCode).toBe(200);
    expect(hub.body).toContain('href="/partnership/our-actions"');
    expect(hub.body).toContain('href="/partnership/training"');
    expect(hub.body).not.toContain('href="/partnership/plans"');
    expect(hub.body).not.toContain('Actions by board');
    const chair = await t.as('chair');
    expect((await chair.get('/partnership')).statusCode).toBe(403);
  });
});

describe('reminders and escalation, on a fixed clock', () => {
  it('reminds the owner 5 working days before the due date and escalates once overdue, each once', async () => {
    const actions = t.app.services.actions;
    const actor = { userId: await t.userId('business-unit'), tenantId: ids.tenant, agencyId: null, roles: [], requestId: null };
    const planId = await actions.planFor(actor, { sourceKind: 'inspection', sourceTitle: 'Reminder test inspection', title: 'Reminder test', boardKind: 'children' });
    // due Friday 12 March 2027: the reminder is due Friday 5 March, the escalation Monday 15 March
    const made = await actions.addAction(actor, planId, { description: 'Reminder test action', ownerAgencyId: ids.police, ownerUserId: null, ownerName: 'Pat Officer', dueOn: '2027-03-12', recommendationId: null, rag: 'amber' });
    expect(made).toEqual({ ok: true });
    const id = (await one<{ id: string }>(db, sql`select id from partnership_action where plan_id = ${planId}`))!.id;
    const link = `/partnership/actions/${id}`;
    const emails = (template: string) => count(sql`select count(*) as n from outbox_message where template = ${template} and personalisation->>'link' like ${`%${link}`}`);
    const inApp = (title: string) => count(sql`select count(*) as n from notification where link = ${link} and title like ${`${title}%`}`);

    await actions.sendDueReminders(new Date('2027-03-04T09:00:00Z'));
    expect(await emails('partnership_action.reminder')).toBe(0);

    const first = await actions.sendDueReminders(new Date('2027-03-05T09:00:00Z'));
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    const reminders = await emails('partnership_action.reminder');
    expect(reminders).toBeGreaterThan(0);
    expect(await inApp('Partnership action due soon')).toBe(reminders);
    expect((await one<{ reminded_on: string }>(db, sql`select reminded_on from partnership_action where id = ${id}`))!.reminded_on).toBe('2027-03-05');

    await actions.sendDueReminders(new Date('2027-03-08T09:00:00Z'));
    expect(await emails('partnership_action.reminder')).toBe(reminders);

    // overdue on Saturday, but escalated on the first working day after the due date
    await actions.sendDueReminders(new Date('2027-03-13T09:00:00Z'));
    expect(await emails('partnership_action.escalation')).toBe(0);
    const escalation = await actions.sendDueReminders(new Date('2027-03-15T09:00:00Z'));
    expect(escalation.escalated).toBeGreaterThanOrEqual(1);
    const escalations = await emails('partnership_action.escalation');
    const unitEmail = (await one<{ email: string }>(db, sql`select email from app_user where email = 'business-unit@demo.threshold.test'`))!.email;
    const managerEmail = (await one<{ email: string }>(db, sql`select email from app_user where email = 'police-manager@demo.threshold.test'`))!.email;
    const recipients = (await rows<{ recipient: string }>(db, sql`select recipient from outbox_message where template = 'partnership_action.escalation' and personalisation->>'link' like ${`%${link}`}`)).map((r) => r.recipient);
    expect(recipients).toContain(unitEmail);
    expect(recipients).toContain(managerEmail);
    expect(await inApp('Overdue partnership action')).toBe(escalations);
    await actions.sendDueReminders(new Date('2027-03-16T09:00:00Z'));
    expect(await emails('partnership_action.escalation')).toBe(escalations);
    expect(await count(sql`select count(*) as n from audit_event where record_id = ${id} and action in ('partnership_action.reminded', 'partnership_action.escalated')`)).toBe(2);
  });

  it('sends the reminder to the owner user alone when one is named', async () => {
    const actions = t.app.services.actions;
    const actor = { userId: await t.userId('business-unit'), tenantId: ids.tenant, agencyId: null, roles: [], requestId: null };
    const planId = await actions.planFor(actor, { sourceKind: 'inspection', sourceTitle: 'Owner reminder inspection', title: 'Owner reminder', boardKind: 'adults' });
    await actions.addAction(actor, planId, { description: 'Owner reminder action', ownerAgencyId: ids.police, ownerUserId: ids.policeUser, ownerName: 'Pat Officer', dueOn: '2027-04-30', recommendationId: null, rag: 'green' });
    const id = (await one<{ id: string }>(db, sql`select id from partnership_action where plan_id = ${planId}`))!.id;
    await actions.sendDueReminders(new Date('2027-04-26T09:00:00Z'));
    const to = await rows<{ recipient: string }>(db, sql`select recipient from outbox_message where template = 'partnership_action.reminder' and personalisation->>'link' like ${`%/partnership/actions/${id}`}`);
    expect(to).toEqual([{ recipient: 'police@demo.threshold.test' }]);
  });
});
