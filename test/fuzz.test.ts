/**
 * A bounded, deterministic fuzz of every form and API route: prototype keys (top level, nested, and as the prefix
 * of GOV.UK date parts), 10,000-deep JSON, NUL characters, lone surrogates, invalid percent-encoding, 1 MB strings,
 * and arrays, numbers, objects, booleans and null where text is expected, as form posts and as JSON; hostile query
 * strings on every GET route. Each route is tried as a user its rule allows (API routes with a bearer token).
 *
 * Nothing may answer 5xx, Object.prototype must be untouched afterwards, and no case table may change (the audit
 * trail, sessions and sign-in throttle counters may).
 */
import { sql } from 'drizzle-orm';
import { type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, rows } from '../src/db/client.js';
import { ALL_ROLES, type Permission, type RouteRule, permissionsOf } from '../src/domain/roles.js';
import { SYSTEM_ACTOR } from '../src/platform/audit.js';
import { type TestApp, type TestClient, createTestApp } from './support/app.js';
import { USER_FOR } from './support/roles.js';

let t: TestApp;
let token: string;
const ids: Record<string, string> = {};
const clients: Record<string, TestClient> = {};

/** A small seeded generator (mulberry32): the same bodies on every run. */
function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    some: <T>(items: readonly T[], n: number): T[] => {
      const pool = [...items];
      const out: T[] = [];
      while (out.length < n && pool.length) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
      return out;
    },
  };
}


/** Field names the forms and the API use, so each route sees some of its own among the hostile ones. */
const FIELDS = [
  'email', 'password', 'returnTo', 'code', 'name', 'type', 'active', 'postcode', 'displayName', 'agencyId', 'teamId', 'roles',
  'title', 'year', 'date', 'contactType', 'sourceCode', 'referrerName', 'concerns', 'narrative', 'consent', 'restricted', 'personId',
  'role', 'givenNames', 'familyName', 'dobPrecision', 'gender', 'nhsNumber', 'addressLine1', 'childVoice', 'childDemeanour',
  'thresholdLevel', 'outcome', 'rationale', 'decision', 'comment', 'reason', 'id', 'currentPassword', 'newPassword', 'identifierType',
  'identifier', 'line1', 'town', 'value', 'note', 'keep', 'target', 'measureId', 'worriedAbout', 'needsToHappen', 'agencyIds', 'rag',
  'questions', 'answer', 'grant_type', 'client_id', 'client_secret', 'people', 'referrer', 'incident', 'riskLevel', 'domesticAbuse',
  'decisions', 'version', 'criteria', 'service', 'risk', 'safetyPlan', 'dayStartsAt', 'action',
];
const DATE_FIELDS = ['receivedAt', 'incidentAt', 'dateOfBirth', 'date', 'fromDate', 'toDate', 'meetingOn', 'dueOn'];

const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const MEGABYTE = 'x'.repeat(1024 * 1024);

interface Body {
  kind: string;
  /** Refused before any route code runs (input safety, the JSON parser, the body limit): cheap to send. */
  early: boolean;
  type: 'form' | 'json';
  /** The body after the CSRF token (forms: `&…`; JSON: the members after `"_csrf":"…"`). */
  make: (csrf: string) => string;
}

/** Per page route: kinds refused before route code runs, and kinds that reach the route's own parsing. */
const EARLY_PER_ROUTE = 3;
const DEEP_PER_ROUTE = 2;

/** The hostile bodies: fixed kinds, with fields chosen by the seeded generator for each route. */
function bodiesFor(route: string, seed: number): Body[] {
  const r = seeded(seed);
  const fields = r.some(FIELDS, 6);
  const [f1, f2, f3] = fields;
  const dates = r.some(DATE_FIELDS, 2);
  const form = (kind: string, early: boolean, rest: string): Body => ({ kind, early, type: 'form', make: (csrf) => `_csrf=${encodeURIComponent(csrf)}&${rest}` });
  const json = (kind: string, early: boolean, members: string): Body => ({ kind, early, type: 'json', make: (csrf) => `{"_csrf":${JSON.stringify(csrf)}${members ? `,${members}` : ''}}` });
  const each = (value: string) => [...fields, ...dates.map((d) => `${d}-day`)].map((f) => `${JSON.stringify(f)}:${value}`).join(',');
  const wrongValues = ['42', '-1e308', '{}', '{"a":{"b":[1,2]}}', 'true', 'false', 'null', '["a","b"]', '[[["deep"]]]', '[]', '""'];
  const bodies: Body[] = [
    form('prototype keys', true, '__proto__=x&__proto__%5Bpolluted%5D=1&constructor=x&constructor%5Bprototype%5D%5Bpolluted%5D=1&prototype=1'),
    form('prototype date parts', true, `__proto__-hour=zz&__proto__-day=1&constructor-month=2&prototype-year=2000&${dates[0]}-hour=9`),
    form('NUL characters', true, `${f1}=a%00b&${f2}=%00&${dates[1]}-day=%00`),
    form('a 1 MB string', true, `${f1}=${MEGABYTE}`),
    json('a prototype key at the top', true, '"__proto__":{"polluted":1}'),
    json('prototype keys nested', true, `"${f1}":{"a":[{"constructor":{"prototype":{"polluted":1}}}]},"${f2}":{"__proto__":{"x":1}}`),
    json('a prototype date part', true, '"__proto__-hour":"zz","constructor-day":"1"'),
    { kind: '10,000-deep JSON', early: true, type: 'json', make: () => deepArray(10_000) },
    json('10,000-deep JSON in a field', true, `"${f1}":${deepObject(10_000)}`),
    json('NUL and a lone surrogate', true, `"${f1}":"a\\u0000b","${f2}":"\\ud800"`),
    json('a 1 MB string', true, `"${f1}":"${MEGABYTE}"`),
    form('invalid percent-encoding', false, `${f1}=%E0%A4%A&${f2}=%ZZ&${f3}=%&%E0%A4%A=1&%ZZ=2`),
    form('a lone surrogate as UTF-8', false, `${f1}=%ED%A0%80x&${f2}=%ED%BF%BF`),
    form('arrays where text is expected', false, fields.map((f) => `${f}=a&${f}=b&${f}=c`).join('&')),
    form('long and odd text', false, fields.map((f) => `${f}=${encodeURIComponent(r.pick(['\u202eevil', '😀'.repeat(2000), 'x'.repeat(30_000), '<script>1</script>', "' OR 1=1 --", '\r\n\t']))}`).join('&')),
    json('wrong types in every field', false, each(r.pick(wrongValues))),
    json('other wrong types in every field', false, each(r.pick(wrongValues))),
    json('nulls in every field', false, each('null')),
  ];
  // The agency API has two routes: every kind. Pages: a seeded few of each, so every kind meets many routes.
  if (route.startsWith('/api/')) return bodies;
  return [...r.some(bodies.filter((b) => b.early), EARLY_PER_ROUTE), ...r.some(bodies.filter((b) => !b.early), DEEP_PER_ROUTE)];
}

/** Hostile query strings for GET routes. */
const QUERIES = [
  '?__proto__=x&__proto__%5Bpolluted%5D=1&constructor-day=1',
  '?returnTo=%2F%09%2Fevil.example&q=%E0%A4%A&familyName=%ZZ&page=%00',
  `?familyName=a&familyName=b&page=-1&sort=${'x'.repeat(5000)}&dateOfBirth-day=99&type=%ED%A0%80&id=not-a-uuid`,
];

/** Real ids for every route parameter. */
function concrete(url: string): string {
  return url
    .replace('/contacts/:id/people/:personId', `/contacts/${ids.draftId}/people/${ids.personId}`)
    .replace(/\/contacts\/:id\/(details|people|submit|check)/, `/contacts/${ids.draftId}/$1`)
    .replace('/contacts/:id/named', `/contacts/${ids.namedContactId}/named`)
    .replace('/contacts/:id/authorisation', `/contacts/${ids.awaitingId}/authorisation`)
    .replace('/contacts/import/:id', '/contacts/import/00000000-0000-4000-8000-000000000000')
    .replace('/contacts/:id', `/contacts/${ids.openId}`)
    .replace('/admin/agencies/:id', `/admin/agencies/${ids.agencyId}`)
    .replace('/admin/users/:id', `/admin/users/${ids.userId}`)
    .replace('/admin/api-clients/:id', `/admin/api-clients/${ids.apiClientId}`)
    .replace(':action', 'disable')
    .replace(':code', 'contact.decision.child')
    .replace('/people/:id/relationships/:relationshipId', `/people/${ids.relatedPersonId}/relationships/${ids.relationshipId}`)
    .replace('/people/:id/households/:householdId', `/people/${ids.memberId}/households/${ids.householdId}`)
    .replace('/people/duplicates/:id', `/people/duplicates/${ids.duplicateId}`)
    .replace('/people/merges/:id', '/people/merges/00000000-0000-4000-8000-000000000000')
    .replace('/audit/people/:id', `/audit/people/${ids.personId}`)
    .replace('/people/:id', `/people/${ids.personId}`)
    .replace(':personId', ids.personId!)
    .replace(':clockId', '00000000-0000-4000-8000-000000000000')
    .replace(':namedId', ids.namedId!)
    .replace(':requestId', ids.requestId!)
    .replace('/information-requests/:id', `/information-requests/${ids.requestId}`)
    .replace('/measures/:id', '/measures/re_referrals')
    .replace('/domestic-abuse/cases/:id', `/domestic-abuse/cases/${ids.daCase}`)
    .replace(':dashId', ids.dash!)
    .replace(':meetingId', ids.mada!)
    .replace(':caseId', ids.daCase!)
    .replace('/domestic-abuse/actions/:id', `/domestic-abuse/actions/${ids.daAction}`)
    .replace('/marac/meetings/:id', `/marac/meetings/${ids.maracMeeting}`)
    .replace(':referralId', ids.referral!)
    .replace('/marac/referrals/:id', `/marac/referrals/${ids.referral}`)
    .replace('/marac/actions/:id', `/marac/actions/${ids.maracAction}`)
    .replace('/da-services/cases/:id', `/da-services/cases/${ids.serviceCase}`)
    .replace('/encompass/monitor/:id', `/encompass/monitor/${ids.notice}`)
    .replace('/encompass/:id', `/encompass/${ids.notice}`)
    .replace(':agencyId', ids.school!)
    .replace('/admin/data-sharing/:id', '/admin/data-sharing/00000000-0000-4000-8000-000000000000')
    .replace(':id', ids.openId!)
    .replace('*', 'vendor/govuk-frontend.min.css');
}

/** The demo user to try a route as: one its rule allows, and who can see the records it names. */
function userFor(url: string, rule: RouteRule | undefined): string | null {
  if (url.startsWith('/api/v1/oauth') || url === '/api/v1/contacts' || url.startsWith('/api/v1/contacts/')) return null;
  if (url.startsWith('/admin') || url.startsWith('/encompass/key-adults') || url.startsWith('/encompass/calendars')) return 'admin';
  if (url.startsWith('/marac')) return 'marac';
  if (url.startsWith('/da-services')) return 'idva';
  if (url.startsWith('/encompass/:id')) return 'dsl';
  if (url.startsWith('/measures')) return 'analyst';
  if (url.startsWith('/people/duplicates') || url.startsWith('/people/merges') || url === '/contacts/:id/authorisation') return 'manager';
  if (url.startsWith('/information-requests') || url.startsWith('/contacts/import')) return 'police';
  if (!rule || rule === 'public' || rule === 'signed-in') return 'screener';
  const role = ALL_ROLES.find((r) => permissionsOf([r]).has(rule as Permission));
  return role ? USER_FOR[role] : 'screener';
}

const CASE_TABLES = [
  'tenant', 'agency', 'team', 'school', 'app_user', 'role_assignment', 'bank_holiday', 'calendar_year', 'timescale_setting',
  'person', 'person_name', 'person_identifier', 'person_address', 'person_relationship', 'contact', 'contact_subject',
  'contact_share', 'screening_decision', 'break_glass', 'person_contact', 'household', 'household_member', 'duplicate_candidate',
  'person_merge', 'match_model', 'clock', 'scorecard_measure', 'population', 'comparator', 'measure_snapshot', 'measure_commentary',
  'contact_named_person', 'incident', 'contact_update', 'info_request', 'import_job', 'api_client', 'api_token', 'idempotency_record',
  'outbox_message', 'notification', 'intake_setting',
  'da_case', 'da_person', 'dash_assessment', 'data_sharing_agreement', 'mada_meeting', 'mada_decision', 'da_action', 'marac_meeting',
  'marac_meeting_agency', 'marac_referral', 'marac_research', 'marac_minutes', 'da_service_case', 'da_service_allocation',
  'da_service_risk_change', 'person_education', 'school_calendar', 'encompass_key_adult', 'encompass_notice',
];

async function snapshot(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const table of CASE_TABLES) {
    const r = await rows<{ n: number; h: string }>(t.db.db, sql.raw(`select count(*) as n, md5(coalesce(string_agg(x::text, ',' order by x::text), '')) as h from ${table} x`));
    out[table] = r[0];
  }
  return out;
}

beforeAll(async () => {
  t = await createTestApp();
  for (const u of new Set([...Object.values(USER_FOR)])) {
    clients[u] = await t.as(u);
    await clients[u].get('/account'); // the CSRF token for this session, used for every post
  }
  const screener = clients.screener!;
  await screener.get('/contacts/new');
  const created = await screener.post('/contacts/new', {
    contactType: 'child', sourceCode: '6', referrerName: 'Pat Officer', concerns: 'neglect', narrative: 'Draft for the fuzz', consent: 'given',
    'receivedAt-day': '1', 'receivedAt-month': '6', 'receivedAt-year': '2025', 'receivedAt-hour': '9', 'receivedAt-minute': '0',
  });
  ids.draftId = String(created.headers.location).split('/')[2]!;
  const q = async (query: ReturnType<typeof sql>) => (await one<{ id: string }>(t.db.db, query))?.id ?? '00000000-0000-4000-8000-000000000000';
  const open = (await one<{ id: string; tenant_id: string }>(t.db.db, sql`select id, tenant_id from contact where status = 'open' order by received_at limit 1`))!;
  ids.openId = open.id;
  ids.awaitingId = await q(sql`select id from contact where status = 'awaiting_authorisation' limit 1`);
  ids.personId = await q(sql`select id from person where not restricted and merged_into_person_id is null limit 1`);
  const relationship = await one<{ id: string; person_id: string }>(t.db.db, sql`select id, person_id from person_relationship where to_date is null limit 1`);
  const member = await one<{ household_id: string; person_id: string }>(t.db.db, sql`select household_id, person_id from household_member where to_date is null limit 1`);
  Object.assign(ids, { relationshipId: relationship!.id, relatedPersonId: relationship!.person_id, householdId: member!.household_id, memberId: member!.person_id });
  ids.duplicateId = await q(sql`select id from duplicate_candidate where status = 'open' limit 1`);
  ids.agencyId = await q(sql`select id from agency limit 1`);
  ids.userId = await q(sql`select id from app_user where email = 'screener2@demo.threshold.test'`);
  const police = (await one<{ id: string }>(t.db.db, sql`select id from agency where type = 'police' limit 1`))!;
  const apiClient = await t.app.services.apiClients.create({ ...SYSTEM_ACTOR, tenantId: open.tenant_id }, { agencyId: police.id, name: 'Fuzz' });
  ids.apiClientId = apiClient.id;
  const issued = await t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', payload: { grant_type: 'client_credentials', client_id: apiClient.clientId, client_secret: apiClient.secret } });
  token = issued.json().access_token;
  const named = await one<{ contact_id: string; id: string }>(t.db.db, sql`select contact_id, id from contact_named_person limit 1`);
  ids.namedContactId = named?.contact_id ?? ids.openId;
  ids.namedId = named?.id ?? '00000000-0000-4000-8000-000000000000';
  ids.requestId = await q(sql`select id from info_request limit 1`);
  ids.daCase = await q(sql`select id from da_case limit 1`);
  ids.dash = await q(sql`select id from dash_assessment where da_case_id is not null limit 1`);
  ids.daAction = await q(sql`select id from da_action where forum <> 'marac' limit 1`);
  ids.mada = await q(sql`select id from mada_meeting order by meeting_on desc limit 1`);
  const marac = await one<{ id: string; meeting_id: string }>(t.db.db, sql`select id, meeting_id from marac_referral where meeting_id is not null limit 1`);
  Object.assign(ids, { referral: marac!.id, maracMeeting: marac!.meeting_id });
  ids.maracAction = await q(sql`select id from da_action where forum = 'marac' limit 1`);
  ids.serviceCase = await q(sql`select id from da_service_case limit 1`);
  ids.notice = await q(sql`select id from encompass_notice limit 1`);
  ids.school = await q(sql`select agency_id as id from school limit 1`);
});
afterAll(async () => t.close());

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

describe('a bounded fuzz of every route', () => {
  it('never answers 5xx, never pollutes Object.prototype, and writes nothing to the case tables', { timeout: 240_000 }, async () => {
    const before = await snapshot();
    const problems: string[] = [];
    const seen = (res: LightMyRequestResponse, what: string) => {
      if (res.statusCode >= 500) problems.push(`${what}: ${res.statusCode}`);
    };
    const routes = t.app.registeredRoutes.filter((r) => r.url !== '/sign-out' && !r.url.startsWith('/assets/') && !r.url.startsWith('/public/'));
    let requests = 0;
    const used = new Map<string, number>();
    for (const [index, route] of routes.entries()) {
      const url = concrete(route.url);
      const who = userFor(route.url, route.rule);
      const client = who ? clients[who]! : t.client();
      if (route.method === 'GET') {
        for (const query of QUERIES) {
          requests += 1;
          seen(await client.get(`${url}${query}`), `GET ${route.url}${query.slice(0, 40)}`);
        }
        continue;
      }
      if (route.method !== 'POST') continue;
      const csrf = client.csrf ?? '';
      const headers: Record<string, string> = route.url.startsWith('/api/v1/contacts') ? { authorization: `Bearer ${token}` } : {};
      for (const body of bodiesFor(route.url, 1000 + index)) {
        requests += 1;
        const res = await client.raw({
          method: 'POST',
          url,
          payload: body.make(csrf),
          headers: { 'content-type': body.type === 'json' ? 'application/json' : 'application/x-www-form-urlencoded', ...headers },
        });
        seen(res, `POST ${route.url} (${body.type}: ${body.kind})`);
        if (res.statusCode >= 200 && res.statusCode < 300 && route.url !== '/api/v1/oauth/token') problems.push(`POST ${route.url} (${body.type}: ${body.kind}) accepted: ${res.statusCode}`);
        used.set(body.kind, (used.get(body.kind) ?? 0) + 1);
      }
    }
    expect(requests).toBeGreaterThan(800);
    for (const kind of bodiesFor('/api/every-kind', 0).map((b) => b.kind)) expect(used.get(kind) ?? 0, kind).toBeGreaterThanOrEqual(3);
    expect(problems).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await snapshot()).toEqual(before);
  });
});
