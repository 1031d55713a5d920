/**
 * The examples in docs/api.md are what the API does: the documented notification makes a contact, and the
 * documented answers (tokens, OAuth errors, the people search and its refusal) have the members the API sends.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../db/client.js';
import { SYSTEM_ACTOR } from '../../platform/audit.js';
import { type TestApp, createTestApp } from '../../../test/support/app.js';

const DOC = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');

/** The JSON examples of the page, in order. */
const EXAMPLES = [...DOC.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
const example = (has: string) => {
  const found = EXAMPLES.find((e) => has in e);
  if (!found) throw new Error(`docs/api.md has no JSON example with ${has}`);
  return found;
};

let t: TestApp;
let client: { clientId: string; secret: string };
let token: string;

beforeAll(async () => {
  t = await createTestApp();
  const police = (await one<{ id: string; tenant_id: string }>(t.db.db, sql`select id, tenant_id from agency where type = 'police' limit 1`))!;
  client = await t.app.services.apiClients.create({ ...SYSTEM_ACTOR, tenantId: police.tenant_id }, { agencyId: police.id, name: 'Docs example system' });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', payload: `grant_type=client_credentials&client_id=${client.clientId}&client_secret=${client.secret}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  token = res.json().access_token;
});
afterAll(async () => t.close());

describe('docs/api.md', () => {
  it('shows the token and the OAuth error the token endpoint answers', async () => {
    const tokenExample = /# (\{"access_token".*\})/.exec(DOC)![1]!;
    const issued = await t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', payload: { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.secret } });
    expect(Object.keys(issued.json())).toEqual(Object.keys(JSON.parse(tokenExample)));
    expect(issued.json()).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });

    const documented = example('error');
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', payload: { grant_type: 'client_credentials', client_id: client.clientId, client_secret: 'not-the-secret' } });
    expect(refused.statusCode).toBe(documented.status);
    expect(Object.keys(refused.json()).sort()).toEqual(Object.keys(documented).sort());
    const { detail: _detail, requestId: _requestId, ...fixed } = documented;
    expect(refused.json()).toMatchObject(fixed);
  });

  it('shows a notification that makes a contact, and the answers to it and to a second report of its incident', async () => {
    const notification = example('contactType');
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': '6f1c2f0e-1b7e-4a51-9d3c-2f4a7e0c9b11' }, payload: notification });
    expect(created.statusCode, created.body).toBe(201);
    expect(Object.keys(created.json())).toEqual(['id', 'reference', 'outcome', 'decisionDueAt', 'linkedPeople']);
    expect(created.headers.location).toBe(`/api/v1/contacts/${created.json().id}`);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: { ...notification, notificationType: 'dash' } });
    expect(again.statusCode).toBe(200);
    expect(Object.keys(again.json())).toEqual(['id', 'reference', 'outcome', 'updateId', 'matchedBy']);
    const status = await t.app.inject({ method: 'GET', url: created.headers.location as string, headers: { authorization: `Bearer ${token}` } });
    expect(status.json()).toMatchObject({ id: created.json().id, reference: created.json().reference, status: 'open' });
  });

  it('shows the people search’s results and its refusal of a bad query', async () => {
    const screener = await t.as('screener');
    const person = (await one<{ family_name: string }>(t.db.db, sql`select n.family_name from person p join person_name n on n.person_id = p.id and n.is_primary where not p.restricted and p.merged_into_person_id is null limit 1`))!;
    const found = await screener.get(`/api/v1/people?familyName=${encodeURIComponent(person.family_name)}`);
    expect(found.statusCode).toBe(200);
    const documented = (example('results').results as Record<string, unknown>[])[0]!;
    const result = (found.json().results as Record<string, unknown>[]).find((r) => !r.restricted)!;
    expect(Object.keys(result).sort()).toEqual(Object.keys(documented).sort());
    const match = result.match as { fields: object[] };
    const documentedMatch = documented.match as { fields: object[] };
    expect(Object.keys(match).sort()).toEqual(Object.keys(documentedMatch).sort());
    expect(Object.keys(match.fields[0]!).sort()).toEqual(Object.keys(documentedMatch.fields[0]!).sort());

    const refusal = example('errors');
    const refused = await screener.get('/api/v1/people?identifierType=nhs_number&identifier=1234567890');
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(Object.keys(refused.json()).sort()).toEqual(Object.keys(refusal).sort());
    const { requestId: _requestId, ...fixed } = refusal;
    expect(refused.json()).toMatchObject(fixed);
  });
});
