/**
 * The record-level access matrix: every route that opens a record, as every role, aimed at records that role may
 * not open: another agency's record, a restricted one, and one of another area. Each must be refused before the
 * route's handler runs (403, 404, or the break-glass page), a refusal audited once and never beside a view of the
 * record, and nothing written anywhere but the audit trail and sessions.
 */
import { sql } from 'drizzle-orm';
import { type FastifyRequest } from 'fastify';
import { type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, rows } from '../src/db/client.js';
import { type RecordKind, RECORD_KINDS } from '../src/domain/access.js';
import { ALL_ROLES, type Role, allows, permissionsOf } from '../src/domain/roles.js';
import { type CurrentUser } from '../src/platform/authz.js';
import { type TestApp, type TestClient, createTestApp } from './support/app.js';
import { USER_FOR } from './support/roles.js';
import { limit } from './support/time-limits.js';

let t: TestApp;
const clients = new Map<Role, TestClient>();
const viewers = new Map<Role, CurrentUser>();

/** Where each kind of record lives, and which rows to try (a mix, with restricted ones where they can be). */
const SOURCES: Record<RecordKind, { table: string; where?: string; restricted?: string }> = {
  contact: { table: 'contact', where: `status <> 'draft'`, restricted: 'restricted' },
  'contact.owned': { table: 'contact', where: `status <> 'draft'`, restricted: 'restricted' },
  person: { table: 'person', where: 'merged_into_person_id is null', restricted: 'restricted' },
  da_case: { table: 'da_case' },
  mada_meeting: { table: 'mada_meeting' },
  mada_case: { table: 'da_case' },
  da_action: { table: 'da_action', where: `forum = 'mada'` },
  marac_referral: { table: 'marac_referral' },
  marac_meeting: { table: 'marac_meeting' },
  marac_action: { table: 'da_action', where: `forum = 'marac'` },
  encompass_notice: { table: 'encompass_notice' },
  'encompass_notice.unplaced': { table: 'encompass_notice' },
  da_service_case: { table: 'da_service_case' },
  info_request: { table: 'info_request' },
  'info_request.asked': { table: 'info_request' },
  import_job: { table: 'import_job' },
  duplicate: { table: 'duplicate_candidate' },
  merge: { table: 'person_merge' },
  agency: { table: 'agency' },
  setting: { table: 'agency' },
  user: { table: 'app_user' },
  api_client: { table: 'api_client' },
  agreement: { table: 'data_sharing_agreement' },
  adult_concern: { table: 'adult_concern', restricted: 'restricted' },
  'adult_concern.owned': { table: 'adult_concern', restricted: 'restricted' },
  adult_contribution: { table: 'adult_contribution' },
  'adult_contribution.asked': { table: 'adult_contribution' },
  care_provider: { table: 'care_provider' },
  provider_enquiry: { table: 'provider_enquiry' },
  dols_application: { table: 'dols_application' },
  'dols_application.assessor': { table: 'dols_application' },
  lead_transfer: { table: 'lead_transfer' },
  'lead_transfer.to': { table: 'lead_transfer' },
  early_help_episode: { table: 'early_help_episode', restricted: 'restricted' },
  'early_help_episode.lead': { table: 'early_help_episode', restricted: 'restricted' },
  csc_referral: { table: 'csc_referral', restricted: 'restricted' },
  'csc_referral.owned': { table: 'csc_referral', restricted: 'restricted' },
  cp_conference: { table: 'cp_conference' },
  'cp_conference.chair': { table: 'cp_conference' },
  conference_invite: { table: 'conference_invite' },
  'conference_invite.agency': { table: 'conference_invite' },
  child_plan: { table: 'child_plan' },
  'child_plan.owned': { table: 'child_plan' },
  cme_referral: { table: 'cme_referral', restricted: 'restricted' },
  'cme_referral.owned': { table: 'cme_referral', restricted: 'restricted' },
  ehe_registration: { table: 'ehe_registration' },
  lado_allegation: { table: 'lado_allegation', restricted: 'restricted' },
  'lado_allegation.owned': { table: 'lado_allegation', restricted: 'restricted' },
  'lado_allegation.employer': { table: 'lado_allegation' },
  board_group: { table: 'board_group' },
  board_meeting: { table: 'board_meeting' },
  'board_meeting.manage': { table: 'board_meeting' },
  board_risk: { table: 'board_risk' },
  action_plan: { table: 'action_plan', restricted: 'restricted' },
  'action_plan.manage': { table: 'action_plan', restricted: 'restricted' },
  partnership_action: { table: 'partnership_action' },
  'partnership_action.owner': { table: 'partnership_action' },
  learning_review: { table: 'learning_review', restricted: 'restricted' },
  case_audit: { table: 'case_audit' },
  'case_audit.manage': { table: 'case_audit' },
  'case_audit_sample.grade': { table: 'case_audit_sample' },
  training_course: { table: 'training_course' },
  training_session: { table: 'training_session' },
  training_booking: { table: 'training_booking' },
  sa_round: { table: 'sa_round' },
  help_service: { table: 'help_service' },
  awareness_campaign: { table: 'awareness_campaign' },
  sa_return: { table: 'sa_return' },
  'sa_return.complete': { table: 'sa_return' },
};

type Fixture = 'another agency' | 'restricted' | 'another area';
const fixtures = new Map<string, { allowed?: string; refused: Partial<Record<Fixture, string>> }>();
let otherArea: Record<string, string> = {};
let mada = '';

/** Tables a refused request may touch: the audit trail and the session it came with. */
const MAY_CHANGE = new Set(['audit_event', 'audit_checkpoint', 'user_session']);

async function snapshot(): Promise<Record<string, unknown>> {
  const tables = await rows<{ table_name: string }>(
    t.db.db,
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const out: Record<string, unknown> = {};
  for (const { table_name: name } of tables) {
    if (MAY_CHANGE.has(name) || name.startsWith('__') || /throttle|sign_in/.test(name)) continue;
    const [r] = await rows<{ n: number; h: string }>(t.db.db, sql.raw(`select count(*) as n, md5(coalesce(string_agg(x::text, ',' order by x::text), '')) as h from "${name}" x`));
    out[name] = r;
  }
  return out;
}

/**
 * Records of a second area: a copy of one row of each record table with the second area's id (and a copy of what a
 * unique column points to), and the housekeeping records the demo has none of, made directly.
 */
async function recordsOfAnotherArea(): Promise<Record<string, string>> {
  const db = t.db.db;
  const tenant = (await one<{ id: string }>(db, sql`insert into tenant (code, name, synthetic) values ('other-area', 'Another area (test)', true) returning id`))!.id;
  const out: Record<string, string> = {};
  async function copy(table: string, overrides: Record<string, string> = {}, where = 'true'): Promise<void> {
    const extra = Object.entries(overrides).map(([k, v]) => `, '${k}', ${v}`).join('');
    const row = await one<{ id: string }>(
      db,
      sql.raw(`insert into "${table}" select (jsonb_populate_record(null::"${table}", to_jsonb(x) || jsonb_build_object('id', gen_random_uuid(), 'tenant_id', '${tenant}'${extra}))).*
                 from "${table}" x where ${where} order by x.id limit 1 returning id`),
    );
    if (row) out[table] = row.id;
  }
  await copy('contact', { reference: `x.reference || '-B'` });
  await copy('person');
  await copy('agency', { name: `x.name || ' (B)'` });
  await copy('app_user', { email: `'b-' || x.email` });
  await copy('da_case', { contact_id: `'${out.contact}'` });
  await copy('da_person', { da_case_id: `'${out.da_case}'` });
  await copy('encompass_notice', { da_case_id: `'${out.da_case}'`, da_person_id: `'${out.da_person}'` });
  await copy('mada_meeting', { meeting_on: `'2001-01-01'` });
  for (const table of ['marac_referral', 'marac_meeting', 'da_service_case', 'info_request']) await copy(table);
  await copy('da_action', {}, `forum = 'marac'`);
  out.marac_action = out.da_action!;
  await copy('da_action', {}, `forum = 'mada'`);
  await copy('duplicate_candidate', { person_a: `'${out.person}'` });
  await copy('adult_concern', { reference: `x.reference || '-B'`, contact_id: 'null', person_id: `'${out.person}'`, provider_id: 'null' });
  await copy('adult_enquiry', { concern_id: `'${out.adult_concern}'` });
  await copy('adult_contribution', { enquiry_id: `'${out.adult_enquiry}'` });
  await copy('care_provider', { cqc_location_id: `x.cqc_location_id || '-B'`, agency_id: 'null' });
  await copy('provider_enquiry', { provider_id: `'${out.care_provider}'` });
  await copy('dols_application', { reference: `x.reference || '-B'`, person_id: 'null', provider_id: 'null', assessor_user_id: 'null' });
  await copy('lead_transfer', { person_id: `'${out.person}'` });
  await copy('early_help_episode', { reference: `x.reference || '-B'`, contact_id: 'null', stepped_down_from_referral_id: 'null', stepped_up_to_contact_id: 'null', lead_agency_id: `'${out.agency}'`, lead_user_id: 'null', eha_agency_id: 'null' });
  await copy('csc_referral', { reference: `x.reference || '-B'`, contact_id: 'null', person_id: `'${out.person}'`, allocated_user_id: 'null' });
  await copy('cp_conference', { referral_id: `'${out.csc_referral}'`, person_id: `'${out.person}'`, s47_id: 'null', plan_id: 'null', chair_user_id: 'null', recorded_by_user_id: 'null' });
  await copy('conference_invite', { conference_id: `'${out.cp_conference}'`, agency_id: `'${out.agency}'`, submitted_by_user_id: 'null' });
  await copy('child_plan', { referral_id: `'${out.csc_referral}'`, person_id: `'${out.person}'`, conference_id: 'null', stepped_down_from_plan_id: 'null', allocated_user_id: 'null' });
  await copy('cme_referral', { reference: `x.reference || '-B'`, contact_id: 'null', person_id: `'${out.person}'`, referring_agency_id: `'${out.agency}'`, locality_id: 'null', allocated_user_id: 'null', created_by_user_id: 'null' });
  await copy('ehe_registration', { person_id: `'${out.person}'`, cme_referral_id: 'null', locality_id: 'null', created_by_user_id: 'null' });
  await copy('lado_allegation', { reference: `x.reference || '-B'`, contact_id: 'null', person_id: 'null', owning_agency_id: `'${out.agency}'`, employer_agency_id: 'null', referring_agency_id: 'null', decided_by_user_id: 'null', allocated_user_id: 'null' });
  const user = out.app_user!;
  const made = async (table: string, statement: ReturnType<typeof sql>) => {
    out[table] = (await one<{ id: string }>(db, statement))!.id;
  };
  await made('import_job', sql`insert into import_job (tenant_id, created_by_user_id, file_name, format, status, total_rows) values (${tenant}, ${user}, 'notifications.csv', 'csv', 'imported', 1) returning id`);
  await made('person_merge', sql`insert into person_merge (tenant_id, survivor_id, merged_id, moved) values (${tenant}, ${out.person}, ${out.person}, '{}'::jsonb) returning id`);
  await made('api_client', sql`insert into api_client (tenant_id, agency_id, name, client_id, secret_hash) values (${tenant}, ${out.agency}, 'Another area’s police', 'another-area-client', 'x') returning id`);
  const home = (await one<{ id: string }>(db, sql`select id from tenant where code <> 'other-area' limit 1`))!.id;
  await made('data_sharing_agreement', sql`insert into data_sharing_agreement (tenant_id, partner_tenant_id, purpose, reference, starts_on) values (${tenant}, ${home}, 'mada', 'DSA-B-1', '2026-01-01') returning id`);
  return out;
}

function fakeRequest(user: CurrentUser, params: Record<string, string> = {}): FastifyRequest {
  return { user, params, query: {}, body: {} } as unknown as FastifyRequest;
}

async function pickFixtures(): Promise<void> {
  for (const kind of RECORD_KINDS) {
    const source = SOURCES[kind];
    const where = source.where ? `where ${source.where}` : '';
    const mixed = await rows<{ id: string }>(t.db.db, sql.raw(`select id from "${source.table}" ${where} order by md5(id::text) limit 30`));
    const restricted = source.restricted
      ? await rows<{ id: string }>(t.db.db, sql.raw(`select id from "${source.table}" ${where ? `${where} and` : 'where'} ${source.restricted} order by md5(id::text) limit 10`))
      : [];
    const candidates = [...restricted, ...mixed].map((r) => r.id);
    for (const role of ALL_ROLES) {
      const viewer = viewers.get(role)!;
      const entry: { allowed?: string; refused: Partial<Record<Fixture, string>> } = { refused: {} };
      for (const id of candidates) {
        const decision = await t.app.records.decide(fakeRequest(viewer, { meetingId: mada }), kind, id);
        if (!decision) continue;
        if (decision.outcome === 'allow') entry.allowed ??= id;
        else if (decision.outcome === 'needs-reason') entry.refused.restricted ??= id;
        else entry.refused['another agency'] ??= id;
        if (entry.allowed && entry.refused.restricted && entry.refused['another agency']) break;
      }
      const copy = kind === 'marac_action' ? otherArea.marac_action : otherArea[source.table];
      if (copy) entry.refused['another area'] = copy;
      fixtures.set(`${role}:${kind}`, entry);
    }
  }
}

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ALL_ROLES) {
    clients.set(role, await t.as(USER_FOR[role]));
    const u = await one<{ id: string; tenant_id: string; agency_id: string; type: string; display_name: string; email: string; team_id: string | null; agency_name: string }>(
      t.db.db,
      sql`select u.id, u.tenant_id, u.agency_id, a.type, u.display_name, u.email, u.team_id, a.name as agency_name from app_user u join agency a on a.id = u.agency_id where u.email = ${`${USER_FOR[role]}@demo.threshold.test`}`,
    );
    viewers.set(role, {
      userId: u!.id, tenantId: u!.tenant_id, agencyId: u!.agency_id, agencyType: u!.type, agencyName: u!.agency_name, teamId: u!.team_id,
      displayName: u!.display_name, email: u!.email, roles: [role], permissions: permissionsOf([role]), mfaEnabled: false,
    });
  }
  mada = (await one<{ id: string }>(t.db.db, sql`select id from mada_meeting order by meeting_on desc limit 1`))!.id;
  // Restricted records nobody is allocated to, so every role meets one it needs a reason to open.
  await t.db.db.execute(sql`update person set restricted = true where id in (
    select p.id from person p where p.merged_into_person_id is null and not exists (
      select 1 from contact_subject cs join contact c on c.id = cs.contact_id where cs.person_id = p.id and c.allocated_user_id is not null) order by md5(p.id::text) limit 5)`);
  await t.db.db.execute(sql`update contact set restricted = true where id in (
    select id from contact where status <> 'draft' and allocated_user_id is null order by md5(id::text) limit 5)`);
  await t.db.db.execute(sql`update adult_concern set restricted = true where id in (
    select id from adult_concern where allocated_user_id is null order by md5(id::text) limit 5)`);
  await t.db.db.execute(sql`update csc_referral set restricted = true where id in (
    select r.id from csc_referral r where r.allocated_user_id is null and not exists (select 1 from child_plan p where p.referral_id = r.id and p.allocated_user_id is not null) order by md5(r.id::text) limit 5)`);
  // Allegations allocated to another designated officer, so the LADO meets ones it needs a reason to open.
  await t.db.db.execute(sql`update lado_allegation set allocated_user_id = (select id from app_user where email = 'cme@demo.threshold.test') where id in (
    select id from lado_allegation where restricted order by md5(id::text) limit 5)`);
  otherArea = await recordsOfAnotherArea();
  await pickFixtures();
}, limit(300_000));
afterAll(async () => t?.close());

/** Paths whose ids are not records a route names, with why. */
const NOT_RECORDS: Record<string, string> = {
  // and the routes under it
  '/api/v1/contacts/:id': 'an agency system reads the status of its own contacts: checked against its API client, not a user',
  '/encompass/calendars/:agencyId': "the path can also say 'default'; the handler checks a setting through the same rule",
  '/training/impact/:token': 'public: a one-use token from the impact email, found by its hash (no viewer, no record rule)',
  '/help/:lang': 'public: the page’s language; under it, :page names a question page of a report and :group/:topic a signs-of-abuse page, not records (a report in progress is found by its cookie)',
};

/** Sub-records a route finds within the record it names (a person named in a contact, a clock of a contact…). */
const WITHIN_PARENT = new Set(['namedId', 'clockId', 'requestId', 'relationshipId', 'householdId', 'dashId', 'action', 'dimension', 'code', 'reviewId', 'adultMeetingId', 'updateId']);

describe('every route that opens a record names it', () => {
  it('names every id in its path, or says why not', () => {
    const problems: string[] = [];
    for (const r of t.app.registeredRoutes) {
      const params = [...r.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
      if (params.length === 0 || Object.keys(NOT_RECORDS).some((u) => r.url === u || r.url.startsWith(`${u}/`))) continue;
      if (r.url.startsWith('/measures/')) continue; // a measure's definition, not a record
      for (const p of params) {
        if (WITHIN_PARENT.has(p)) continue;
        if (!r.records?.[p]) problems.push(`${r.method} ${r.url}: :${p} is not named in the route's records`);
      }
    }
    expect(problems).toEqual([]);
  });
});

/** A sub-record id of a real row of the parent, so a handler that forgot to check would find something to act on. */
async function subRecord(param: string, parentId: string): Promise<string> {
  const q: Record<string, string> = {
    namedId: `select id from contact_named_person where contact_id = '${parentId}' limit 1`,
    clockId: `select id from clock where contact_id = '${parentId}' limit 1`,
    requestId: `select id from info_request where contact_id = '${parentId}' limit 1`,
    relationshipId: `select id from person_relationship where person_id = '${parentId}' limit 1`,
    householdId: `select household_id as id from household_member where person_id = '${parentId}' limit 1`,
    dashId: `select id from dash_assessment where da_case_id = '${parentId}' limit 1`,
    // a possible same incident raised on the contact (incident-review-routes.ts), or any, so the handler has one to act on
    reviewId: `select id from incident_review order by (contact_id = '${parentId}') desc, id limit 1`,
    // a meeting of the concern's enquiry, or any, so the handler has one to show
    adultMeetingId: `select m.id from adult_meeting m join adult_enquiry e on e.id = m.enquiry_id order by (e.concern_id = '${parentId}') desc, m.id limit 1`,
  };
  if (param === 'action') return 'deactivate';
  const sqlText = q[param];
  const found = sqlText ? await one<{ id: string }>(t.db.db, sql.raw(sqlText)) : undefined;
  return found?.id ?? '00000000-0000-4000-8000-000000000000';
}

function refusedAsExpected(res: LightMyRequestResponse, fixture: Fixture): boolean {
  if (res.statusCode === 403 || res.statusCode === 404) return true;
  return fixture === 'restricted' && res.statusCode === 303 && String(res.headers.location).startsWith('/break-glass');
}

describe('the record-level access matrix', () => {
  it('refuses every role every record it may not open, on every route, before anything is done', { timeout: limit(600_000) }, async () => {
    const before = await snapshot();
    const problems: string[] = [];
    const refusals = new Map<string, string>();
    let tried = 0;
    const routes = t.app.registeredRoutes.filter((r) => r.records && (r.method === 'GET' || r.method === 'POST'));
    expect(routes.length).toBeGreaterThan(60);
    for (const route of routes) {
      const records = Object.entries(route.records!);
      for (const role of ALL_ROLES) {
        const client = clients.get(role)!;
        const allowedByRule = allows(route.rule!, true, permissionsOf([role]));
        for (const [key, kind] of records) {
          const entry = fixtures.get(`${role}:${kind}`)!;
          // A role the route's rule refuses is refused before any record is looked at: one try is enough.
          const tries = allowedByRule ? (Object.entries(entry.refused) as [Fixture, string][]) : (Object.entries(entry.refused) as [Fixture, string][]).slice(0, 1);
          for (const [fixture, refusedId] of tries) {
            // The other records the route names: ones this role may open, so the refused one is the only reason.
            const ids: Record<string, string> = {};
            for (const [otherKey, otherKind] of records) ids[otherKey] = otherKey === key ? refusedId : (fixtures.get(`${role}:${otherKind}`)!.allowed ?? refusedId);
            if (route.url.includes(':meetingId') && !ids.meetingId) ids.meetingId = mada;
            let url = route.url;
            for (const p of [...url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!)) {
              const value = ids[p] ?? (await subRecord(p, ids.id ?? Object.values(ids)[0]!));
              url = url.replace(`:${p}`, value);
            }
            const query = Object.entries(ids).filter(([k]) => k.startsWith('query.')).map(([k, v]) => `${k.slice(6)}=${v}`).join('&');
            if (query) url += `?${query}`;
            const form = Object.fromEntries(Object.entries(ids).filter(([k]) => k.startsWith('body.')).map(([k, v]) => [k.slice(5), v]));
            const res = route.method === 'GET' ? await client.get(url) : await client.post(url, form);
            tried += 1;
            const label = `${role} ${route.method} ${route.url} (${key}: ${fixture})`;
            if (!refusedAsExpected(res, fixture)) {
              problems.push(`${label}: ${res.statusCode}`);
              continue;
            }
            refusals.set(String(res.headers['x-request-id']), label);
          }
        }
      }
    }
    // Refused once, and never also viewed: the audit holds no view or change for any of these requests (read
    // together at the end: one query per request was a large part of the sweep's time).
    const events = await rows<{ request_id: string; action: string }>(
      t.db.db,
      sql`select request_id, action from audit_event where request_id in (select jsonb_array_elements_text(${JSON.stringify([...refusals.keys()])}::jsonb))`,
    );
    const byRequest = new Map<string, string[]>();
    for (const e of events) byRequest.set(e.request_id, [...(byRequest.get(e.request_id) ?? []), e.action]);
    for (const [requestId, actions] of byRequest) {
      if (actions.filter((a) => a === 'access.denied').length > 1 || actions.some((a) => a !== 'access.denied')) problems.push(`${refusals.get(requestId)}: audited ${actions.join(', ')}`);
    }
    expect(problems).toEqual([]);
    expect(tried).toBeGreaterThan(500);
    expect(await snapshot()).toEqual(before);
  });

  it('finds a record of each kind that some role may not open, so every kind is really tried', () => {
    const missing = RECORD_KINDS.filter((kind) => !ALL_ROLES.some((role) => Object.keys(fixtures.get(`${role}:${kind}`)!.refused).length > 0));
    expect(missing).toEqual([]);
  });
});
