/**
 * IDVA and commissioned service cases through app.inject against a real database: a referral from MADA or MARAC
 * (referIn) waits, is allocated, changes risk level without changing the keyworker, is handed over explicitly (and
 * counted), gets a safety plan and is closed; forms refuse bad input with specific messages; other roles and other
 * areas see nothing; the counts for measures are rebuilt from the history.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows, transaction } from '../../db/client.js';
import { localDateOf, addDays } from '../../domain/time.js';
import { type TestApp, type TestClient, createTestApp, location } from '../../../test/support/app.js';
import { type DaServiceCaseService, type ServiceReferralInput, type UserActor } from './service.js';

let t: TestApp;
let db: Database;
let service: DaServiceCaseService;
let idva: TestClient;
let idva2: TestClient;
let screener: TestClient;
let tenantId: string;
let daAgencyId: string;
let idvaId: string;
let idva2Id: string;
/** The second IDVA's name: the demo's own second IDVA when the seed has one, or one inserted here. */
let idva2Name: string;

/** A second IDVA in the demo service, inserted as the seed inserts users. */
async function addWorker(email: string, name: string, agencyId: string, tenant: string): Promise<string> {
  const row = await one<{ id: string }>(
    db,
    sql`insert into app_user (tenant_id, agency_id, email, display_name) values (${tenant}, ${agencyId}, ${email}, ${name}) returning id`,
  );
  await db.execute(sql`insert into role_assignment (tenant_id, user_id, role) values (${tenant}, ${row!.id}, 'idva')`);
  return row!.id;
}

beforeAll(async () => {
  t = await createTestApp();
  db = t.db.db;
  service = t.app.services.daServices;
  idvaId = await t.userId('idva');
  const u = (await one<{ tenant_id: string; agency_id: string }>(db, sql`select tenant_id, agency_id from app_user where id = ${idvaId}`))!;
  tenantId = u.tenant_id;
  daAgencyId = u.agency_id;
  const seeded = await one<{ id: string; display_name: string }>(
    db,
    sql`select u.id, u.display_name from app_user u join role_assignment ra on ra.user_id = u.id and ra.role = 'idva'
         where u.email = 'idva2@demo.threshold.test' and u.agency_id = ${daAgencyId} and u.disabled_at is null`,
  );
  idva2Id = seeded?.id ?? (await addWorker('idva2@demo.threshold.test', 'Iris Second', daAgencyId, tenantId));
  idva2Name = seeded?.display_name ?? 'Iris Second';
  idva = await t.as('idva');
  idva2 = await t.as('idva2');
  screener = await t.as('screener');
});
afterAll(async () => t?.close());

const referral = (over: Partial<ServiceReferralInput> = {}): ServiceReferralInput => ({
  tenantId,
  service: 'commissioned',
  daCaseId: null,
  maracReferralId: null,
  personId: null,
  clientName: 'Quinn Fixturewell',
  risk: 'medium',
  referredByAgencyId: null,
  referredByUserId: null,
  referredAt: new Date(Date.now() - 3 * 86_400_000),
  ...over,
});

/** As MADA or MARAC would: referIn in the caller's transaction, the caller auditing. */
/** Every page of one of the lists, in order (the landing page shows only the first few of each). */
async function wholeList(client: TestClient, show: string): Promise<string> {
  let all = '';
  for (let p = 1; p <= 20; p += 1) {
    const body = (await client.get(`/da-services/cases?show=${show}&page=${p}`)).body;
    all += body.slice(body.indexOf('<main'), body.indexOf('</main>'));
    if (!body.includes('govuk-pagination__next')) break;
  }
  return all;
}

async function referIn(over: Partial<ServiceReferralInput> = {}): Promise<string> {
  return transaction(db, async (tx) => {
    const id = await service.referIn(tx, referral(over));
    await t.app.services.audit.record(tx, { userId: null, tenantId, agencyId: null, roles: [], requestId: null }, { action: 'test.referred', recordType: 'da_service_case', recordId: id });
    return id;
  });
}

const caseRow = (id: string) =>
  one<{ status: string; keyworker_user_id: string | null; current_risk: string; risk_at_intake: string; risk_at_closure: string | null; closure_reason: string | null; safety_plan: string | null; safety_plan_updated_at: string | null }>(
    db,
    sql`select status, keyworker_user_id, current_risk, risk_at_intake, risk_at_closure, closure_reason, safety_plan, safety_plan_updated_at from da_service_case where id = ${id}`,
  ).then((r) => r!);
const changes = (id: string) => rows<{ kind: string; from_user_id: string | null; to_user_id: string; reason: string | null; by_user_id: string }>(db, sql`select kind, from_user_id, to_user_id, reason, by_user_id from da_service_allocation where case_id = ${id} order by at, id`);
const lastAudit = () => one<{ action: string; record_id: string | null; user_id: string | null; details: Record<string, unknown> | null }>(db, sql`select action, record_id, user_id, details from audit_event where chain = ${tenantId} order by id desc limit 1`).then((r) => r!);
const auditCount = (id: string, action: string) => one<{ n: number }>(db, sql`select count(*)::int as n from audit_event where record_id = ${id} and action = ${action}`).then((r) => r!.n);

async function allocatedCase(to = idvaId, over: Partial<ServiceReferralInput> = {}): Promise<string> {
  const id = await referIn(over);
  await idva.get(`/da-services/cases/${id}/allocate`);
  const res = await idva.post(`/da-services/cases/${id}/allocate`, { workerId: to });
  expect(res.statusCode).toBe(303);
  return id;
}

describe('a referral from MADA or MARAC', () => {
  it('waits on its service’s list, oldest first with days waiting, and the service’s workers are told', async () => {
    const older = await referIn({ service: 'idva', risk: 'high', clientName: 'Avery Oldwait', referredAt: new Date(Date.now() - 10 * 86_400_000) });
    const newer = await referIn({ service: 'idva', risk: 'high', clientName: 'Blake Newwait', referredAt: new Date(Date.now() - 86_400_000) });
    expect(await caseRow(older)).toMatchObject({ status: 'waiting', keyworker_user_id: null, risk_at_intake: 'high', current_risk: 'high' });
    const told = await rows<{ user_id: string }>(db, sql`select user_id from notification where link = ${`/da-services/cases/${older}`}`);
    const workers = await rows<{ id: string }>(db, sql`select u.id from app_user u where u.tenant_id = ${tenantId} and u.disabled_at is null and exists (select 1 from role_assignment ra where ra.user_id = u.id and ra.role = 'idva')`);
    expect(told.map((n) => n.user_id).sort()).toEqual(workers.map((w) => w.id).sort());
    expect(told.map((n) => n.user_id)).toEqual(expect.arrayContaining([idvaId, idva2Id]));

    expect((await idva.get('/da-services')).statusCode).toBe(200);
    const idvaList = await wholeList(idva, 'waiting-idva');
    expect(idvaList.indexOf('Avery Oldwait')).toBeGreaterThan(-1);
    expect(idvaList.indexOf('Avery Oldwait')).toBeLessThan(idvaList.indexOf('Blake Newwait'));
    expect(idvaList).toContain('10 days');
    expect(idvaList).toContain('1 day');
    expect(await auditCount(newer, 'test.referred')).toBe(1);
  });

  it('refuses a referral with no service, risk level or name', async () => {
    await expect(transaction(db, (tx) => service.referIn(tx, referral({ service: 'isva' as never })))).rejects.toThrow(/Unknown domestic abuse service/);
    await expect(transaction(db, (tx) => service.referIn(tx, referral({ risk: 'extreme' as never })))).rejects.toThrow(/Unknown risk level/);
    await expect(transaction(db, (tx) => service.referIn(tx, referral({ clientName: '  ' })))).rejects.toThrow(/client’s name/);
  });
});

describe('allocation', () => {
  it('allocates a waiting case to a worker of the service: allocated, recorded (not a handover), told and audited last', async () => {
    const id = await referIn();
    const form = await idva.get(`/da-services/cases/${id}/allocate`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(idva2Name);
    const res = await idva.post(`/da-services/cases/${id}/allocate`, { workerId: idva2Id });
    expect(res.statusCode).toBe(303);
    expect(location(res)).toBe(`/da-services/cases/${id}?done=allocated`);
    expect(await lastAudit()).toMatchObject({ action: 'da_service.allocated', record_id: id, user_id: idvaId });
    expect(await caseRow(id)).toMatchObject({ status: 'allocated', keyworker_user_id: idva2Id });
    expect(await changes(id)).toEqual([{ kind: 'allocation', from_user_id: null, to_user_id: idva2Id, reason: null, by_user_id: idvaId }]);
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from notification where user_id = ${idva2Id} and title like 'A case has been allocated to you%' and link = ${`/da-services/cases/${id}`}`))!.n).toBe(1);

    const page = await idva2.get(location(res));
    expect(page.body).toContain(`Allocated: ${idva2Name} is the keyworker`);
    expect(page.body).toContain(`Allocated to ${idva2Name}`);
    expect(await auditCount(id, 'da_service.viewed')).toBeGreaterThanOrEqual(2);
    // the case is on the second IDVA's caseload (the landing page shows only the first few, and the demo gives the
    // worker a caseload of their own)
    expect(await wholeList(idva2, 'mine')).toContain('Quinn Fixturewell');
  });

  it('refuses a second allocation, a worker outside the service and a missing choice', async () => {
    const id = await allocatedCase();
    const again = await idva.post(`/da-services/cases/${id}/allocate`, { workerId: idva2Id });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('This case already has a keyworker: to change the worker, hand the case over');
    const other = await referIn();
    const screenerId = await t.userId('screener');
    const outsider = await idva.post(`/da-services/cases/${other}/allocate`, { workerId: screenerId });
    expect(outsider.statusCode).toBe(409);
    expect(outsider.body).toContain('Select a worker of the service from the list');
    const none = await idva.post(`/da-services/cases/${other}/allocate`, {});
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Select who will be the client’s keyworker');
    expect(none.body).toContain('govuk-error-summary');
    expect(await caseRow(other)).toMatchObject({ status: 'waiting', keyworker_user_id: null });
    expect(await changes(other)).toEqual([]);
  });
});

describe('a change of risk level', () => {
  it('keeps the keyworker, counts no handover, records the reason and says a handover is a separate step', async () => {
    const id = await allocatedCase(idvaId, { service: 'commissioned', risk: 'medium' });
    const form = await idva.get(`/da-services/cases/${id}/risk`);
    expect(form.body).toContain('The keyworker stays.');
    expect(form.body).toContain('Indra Adviser will remain the keyworker');
    const res = await idva.post(`/da-services/cases/${id}/risk`, { risk: 'high', reason: 'New DASH with 16 ticks after a strangulation incident' });
    expect(res.statusCode).toBe(303);
    expect(await lastAudit()).toMatchObject({ action: 'da_service.risk_changed', record_id: id, details: expect.objectContaining({ from: 'medium', to: 'high', keyworkerUserId: idvaId, keyworkerKept: true, outsideService: true }) });
    expect(await caseRow(id)).toMatchObject({ status: 'allocated', keyworker_user_id: idvaId, current_risk: 'high', risk_at_intake: 'medium' });
    expect((await changes(id)).filter((c) => c.kind === 'handover')).toEqual([]);
    const recorded = await rows<{ from_risk: string; to_risk: string; reason: string; keyworker_user_id: string }>(db, sql`select from_risk, to_risk, reason, keyworker_user_id from da_service_risk_change where case_id = ${id}`);
    expect(recorded).toEqual([{ from_risk: 'medium', to_risk: 'high', reason: 'New DASH with 16 ticks after a strangulation incident', keyworker_user_id: idvaId }]);

    const page = await idva.get(location(res));
    expect(page.body).toContain('Indra Adviser stays the keyworker');
    expect(page.body).toContain('a handover is a separate step');
    expect(page.body).toContain('Risk level raised from medium to high');
    expect(page.body).toContain('usually worked by the IDVA service');
    expect(page.body).toMatch(/Handovers\s*<\/dt>\s*<dd[^>]*>\s*0\s*</);
  });

  it('needs a different level and a reason', async () => {
    const id = await allocatedCase();
    const same = await idva.post(`/da-services/cases/${id}/risk`, { risk: 'medium', reason: 'Reviewed' });
    expect(same.statusCode).toBe(409);
    expect(same.body).toContain('The risk level is already medium');
    const noReason = await idva.post(`/da-services/cases/${id}/risk`, { risk: 'standard', reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Enter why the risk level has changed');
    expect(await caseRow(id)).toMatchObject({ current_risk: 'medium' });
  });
});

describe('a handover', () => {
  it('moves the case to a different worker with a reason, and is counted', async () => {
    const id = await allocatedCase(idvaId);
    const form = await idva.get(`/da-services/cases/${id}/handover`);
    expect(form.body).toContain(idva2Name);
    expect(form.body).not.toMatch(/value="[^"]*"[^>]*>\s*<label[^>]*>\s*Indra Adviser/);
    const res = await idva.post(`/da-services/cases/${id}/handover`, { workerId: idva2Id, reason: 'Client asked for a worker who speaks Polish' });
    expect(res.statusCode).toBe(303);
    expect(await lastAudit()).toMatchObject({ action: 'da_service.handed_over', record_id: id, details: expect.objectContaining({ fromUserId: idvaId, toUserId: idva2Id }) });
    expect(await caseRow(id)).toMatchObject({ status: 'allocated', keyworker_user_id: idva2Id });
    expect((await changes(id)).map((c) => [c.kind, c.from_user_id, c.to_user_id, c.reason])).toEqual([
      ['allocation', null, idvaId, null],
      ['handover', idvaId, idva2Id, 'Client asked for a worker who speaks Polish'],
    ]);
    const page = await idva2.get(location(res));
    expect(page.body).toContain(`Handed over: ${idva2Name} is now the keyworker`);
    expect(page.body).toContain(`Handed over from Indra Adviser to ${idva2Name}`);
    expect(page.body).toContain('Client asked for a worker who speaks Polish');
    expect(page.body).toMatch(/Handovers\s*<\/dt>\s*<dd[^>]*>\s*1\s*</);
    // counted on the caseload table: the second IDVA took at least this one over in the last 12 months
    const overview = await idva.get('/da-services');
    const table = overview.body.slice(overview.body.indexOf('id="caseloads"'));
    const irisRow = new RegExp(`<tr class="govuk-table__row">\\s*<td[^>]*>\\s*${idva2Name}\\s*</td>([\\s\\S]*?)</tr>`).exec(table)![1]!;
    const cells = [...irisRow.matchAll(/<td[^>]*>\s*(\d+)\s*<\/td>/g)].map((m) => Number(m[1]));
    expect(cells[2]).toBeGreaterThanOrEqual(1);
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from notification where user_id = ${idva2Id} and title = 'A case has been handed over to you' and link = ${`/da-services/cases/${id}`}`))!.n).toBe(1);
  });

  it('refuses the same worker, no reason, and a case still waiting', async () => {
    const id = await allocatedCase(idvaId);
    const same = await idva.post(`/da-services/cases/${id}/handover`, { workerId: idvaId, reason: 'Rebalancing caseloads' });
    expect(same.statusCode).toBe(409);
    expect(same.body).toContain('Select a different worker: this person is already the keyworker');
    const noReason = await idva.post(`/da-services/cases/${id}/handover`, { workerId: idva2Id, reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Enter why the case is being handed over');
    expect(noReason.body).toContain('href="#reason"');
    const waiting = await referIn();
    const early = await idva.post(`/da-services/cases/${waiting}/handover`, { workerId: idva2Id, reason: 'Too early' });
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('This case is waiting for a keyworker: allocate it first');
    expect(await caseRow(id)).toMatchObject({ keyworker_user_id: idvaId });
    expect((await changes(id)).filter((c) => c.kind === 'handover')).toEqual([]);
  });
});

describe('the safety plan and closure', () => {
  it('keeps the safety plan with when it was last updated, then closes with the risk at closure and a reason', async () => {
    const id = await allocatedCase();
    const empty = await idva.post(`/da-services/cases/${id}/safety-plan`, { safetyPlan: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter the safety plan');
    const saved = await idva.post(`/da-services/cases/${id}/safety-plan`, { safetyPlan: 'Code word with sister.\nSpare phone kept at work.' });
    expect(saved.statusCode).toBe(303);
    expect(await lastAudit()).toMatchObject({ action: 'da_service.safety_plan_updated', record_id: id });
    const stored = await caseRow(id);
    expect(stored.safety_plan).toBe('Code word with sister.\nSpare phone kept at work.');
    expect(stored.safety_plan_updated_at).not.toBeNull();
    const page = await idva.get(`/da-services/cases/${id}`);
    expect(page.body).toContain('Spare phone kept at work.');
    expect(page.body).toContain('Last updated');

    const noRisk = await idva.post(`/da-services/cases/${id}/close`, { reason: 'Client moved out of the area' });
    expect(noRisk.statusCode).toBe(400);
    expect(noRisk.body).toContain('Select the risk level at closure');
    const noReason = await idva.post(`/da-services/cases/${id}/close`, { riskAtClosure: 'standard', reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Enter why the case is being closed');
    expect((await caseRow(id)).status).toBe('allocated');

    const closed = await idva.post(`/da-services/cases/${id}/close`, { riskAtClosure: 'standard', reason: 'Client moved out of the area' });
    expect(closed.statusCode).toBe(303);
    expect(await lastAudit()).toMatchObject({ action: 'da_service.closed', record_id: id, details: expect.objectContaining({ riskAtClosure: 'standard' }) });
    expect(await caseRow(id)).toMatchObject({ status: 'closed', risk_at_closure: 'standard', closure_reason: 'Client moved out of the area' });
    const after = await idva.get(`/da-services/cases/${id}`);
    expect(after.body).toContain('Case closed');
    expect(after.body).not.toContain(`/da-services/cases/${id}/handover`);
    // a closed case's forms lead back to the case, and its changes are refused
    const form = await idva.get(`/da-services/cases/${id}/risk`);
    expect(form.statusCode).toBe(303);
    const late = await idva.post(`/da-services/cases/${id}/risk`, { risk: 'high', reason: 'New incident' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('This case is closed');
  });
});

describe('the service’s own referral form', () => {
  it('refuses bad input with specific messages, then refers and audits', async () => {
    const form = await idva.get('/da-services/referrals/new');
    expect(form.statusCode).toBe(200);
    const bad = await idva.post('/da-services/referrals', { clientName: '', service: 'commissioned', risk: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter the client’s full name');
    expect(bad.body).toContain('Select the client’s risk level');
    const wrong = await idva.post('/da-services/referrals', { clientName: 'Casey Formfield', service: 'commissioned', risk: 'high' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('The commissioned service is for standard and medium risk');
    const ok = await idva.post('/da-services/referrals', { clientName: 'Casey Formfield', service: 'idva', risk: 'high' });
    expect(ok.statusCode).toBe(303);
    const id = location(ok).split('/')[3]!.split('?')[0]!;
    expect(await lastAudit()).toMatchObject({ action: 'da_service.referred', record_id: id, user_id: idvaId, details: { service: 'idva', risk: 'high', channel: 'service_form' } });
    const stored = await one<{ client_name: string; referred_by_user_id: string; referred_by_agency_id: string; status: string }>(db, sql`select client_name, referred_by_user_id, referred_by_agency_id, status from da_service_case where id = ${id}`);
    expect(stored).toEqual({ client_name: 'Casey Formfield', referred_by_user_id: idvaId, referred_by_agency_id: daAgencyId, status: 'waiting' });
    // the referrer is not told about their own referral; the other worker is
    expect((await rows(db, sql`select 1 from notification where link = ${`/da-services/cases/${id}`} and user_id = ${idvaId}`)).length).toBe(0);
    expect((await rows(db, sql`select 1 from notification where link = ${`/da-services/cases/${id}`} and user_id = ${idva2Id}`)).length).toBe(1);
  });
});

describe('who may see service cases', () => {
  it('refuses users without the service role, and audits the refusal', async () => {
    const id = await referIn();
    for (const url of ['/da-services', '/da-services/referrals/new', `/da-services/cases/${id}`, `/da-services/cases/${id}/allocate`]) {
      expect((await screener.get(url)).statusCode).toBe(403);
    }
    expect((await screener.post(`/da-services/cases/${id}/allocate`, { workerId: idvaId })).statusCode).toBe(403);
    expect(await caseRow(id)).toMatchObject({ status: 'waiting' });
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from audit_event where action = 'access.denied' and record_id = 'GET /da-services/cases/:id'`))!.n).toBeGreaterThanOrEqual(1);
  });

  it('never shows or changes another area’s case', async () => {
    const other = (await one<{ tenant_id: string; agency_id: string }>(
      db,
      sql`with t as (insert into tenant (code, name) values ('elsewhere-da', 'Elsewhere') returning id)
          insert into agency (tenant_id, name, type) select id, 'Elsewhere DA Service', 'idva_da_service' from t returning tenant_id, id as agency_id`,
    ))!;
    const elsewhereWorker = await addWorker('idva@elsewhere.test', 'Elsewhere Worker', other.agency_id, other.tenant_id);
    const theirs = await referIn({ tenantId: other.tenant_id, clientName: 'Morgan Otherarea', service: 'idva', risk: 'high' });
    // their own workers were told, ours were not
    expect((await rows<{ user_id: string }>(db, sql`select user_id from notification where link = ${`/da-services/cases/${theirs}`}`)).map((r) => r.user_id)).toEqual([elsewhereWorker]);
    expect((await idva.get(`/da-services/cases/${theirs}`)).statusCode).toBe(404);
    expect((await idva.get(`/da-services/cases/${theirs}/allocate`)).statusCode).toBe(404);
    expect((await idva.post(`/da-services/cases/${theirs}/allocate`, { workerId: idvaId })).statusCode).toBe(404);
    expect((await idva.post(`/da-services/cases/${theirs}/risk`, { risk: 'medium', reason: 'x' })).statusCode).toBe(404);
    expect((await idva.get('/da-services')).body).not.toContain('Morgan Otherarea');
    expect(await caseRow(theirs)).toMatchObject({ status: 'waiting', keyworker_user_id: null, current_risk: 'high' });
  });

  it('answers 404 for a case that does not exist and for an id that is not one', async () => {
    expect((await idva.get('/da-services/cases/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await idva.get('/da-services/cases/not-an-id')).statusCode).toBe(404);
  });
});

describe('counts for the measures page', () => {
  it('counts caseloads, handovers, risk changes and the waiting list by service and risk for a period, rebuilt from the history', async () => {
    // An area of its own, so the demo's rows do not count.
    const area = (await one<{ tenant_id: string; agency_id: string }>(
      db,
      sql`with t as (insert into tenant (code, name) values ('counts-da', 'Counts') returning id)
          insert into agency (tenant_id, name, type) select id, 'Counts DA Service', 'idva_da_service' from t returning tenant_id, id as agency_id`,
    ))!;
    const a = await addWorker('a@counts.test', 'Ash Counter', area.agency_id, area.tenant_id);
    const b = await addWorker('b@counts.test', 'Bea Counter', area.agency_id, area.tenant_id);
    const actor: UserActor = { userId: a, tenantId: area.tenant_id, agencyId: area.agency_id, roles: ['idva'], requestId: null };
    const earlier = new Date(Date.now() - 60_000);
    const one1 = await referIn({ tenantId: area.tenant_id, service: 'idva', risk: 'high', referredAt: earlier });
    const two = await referIn({ tenantId: area.tenant_id, service: 'commissioned', risk: 'medium', referredAt: earlier });
    const three = await referIn({ tenantId: area.tenant_id, service: 'commissioned', risk: 'standard', referredAt: earlier });
    await referIn({ tenantId: area.tenant_id, service: 'commissioned', risk: 'standard', referredAt: earlier });
    expect(await service.allocate(actor, one1, { workerId: a })).toEqual({ ok: true });
    expect(await service.allocate(actor, two, { workerId: a })).toEqual({ ok: true });
    expect(await service.handOver(actor, two, { workerId: b, reason: 'Caseload' })).toEqual({ ok: true });
    expect(await service.changeRisk(actor, three, { risk: 'medium', reason: 'New incident' })).toEqual({ ok: true });

    const today = localDateOf(new Date());
    const counts = await service.periodCounts(area.tenant_id, { start: today, end: addDays(today, 1) });
    expect(counts.handovers).toBe(1);
    expect(counts.allocations).toBe(2);
    expect(counts.riskChanges).toBe(1);
    expect(counts.closures).toBe(0);
    expect(counts.handoversByWorker).toEqual([{ userId: a, name: 'Ash Counter', handedOver: 1 }]);
    expect(counts.caseloadByWorker).toEqual([
      { userId: a, name: 'Ash Counter', cases: 1 },
      { userId: b, name: 'Bea Counter', cases: 1 },
    ]);
    const cell = (list: typeof counts.waiting, service: string, risk: string) => list.find((c) => c.service === service && c.risk === risk)!.count;
    expect(counts.waiting).toHaveLength(6);
    expect(cell(counts.waiting, 'commissioned', 'medium')).toBe(1); // three, raised from standard while waiting
    expect(cell(counts.waiting, 'commissioned', 'standard')).toBe(1);
    expect(cell(counts.waiting, 'idva', 'high')).toBe(0);
    expect(cell(counts.referrals, 'commissioned', 'standard')).toBe(2);
    expect(cell(counts.referrals, 'idva', 'high')).toBe(1);
    expect(cell(counts.referrals, 'commissioned', 'medium')).toBe(1);

    // the day before: nothing had happened yet
    const before = await service.periodCounts(area.tenant_id, { start: addDays(today, -1), end: today });
    expect(before.handovers).toBe(0);
    expect(before.caseloadByWorker).toEqual([]);
    expect(before.waiting.every((c) => c.count === 0)).toBe(true);
  });
});
