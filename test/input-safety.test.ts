/**
 * Input that tries to reach an object's prototype, nest without end, smuggle NUL characters or broken encodings,
 * or send the browser off the site: refused with a clear 400 (or made harmless), never a 500, and nothing after it
 * is affected.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/app.js';
import { one } from '../src/db/client.js';
import { SYSTEM_ACTOR } from '../src/platform/audit.js';
import { z } from 'zod';
import { form, groupDateParts, parseForm, requiredDateInput, requiredText, withRules } from '../src/platform/forms.js';
import { MAX_JSON_DEPTH, findInputProblem, isReservedKey, jsonDepthExceeds, parseJsonBody } from '../src/platform/input-safety.js';
import { safeReturnPath } from '../src/platform/security.js';
import { type TestApp, createTestApp, location } from './support/app.js';

let t: TestApp;
let token: string;
let clientCredentials: { clientId: string; secret: string };

/** Every own property Object.prototype has, to compare before and after hostile requests. */
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

function prototypeUntouched(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
  expect(({} as Record<string, unknown>).hour).toBeUndefined();
  expect((Object as unknown as Record<string, unknown>).day).toBeUndefined();
}

const deepJson = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

beforeAll(async () => {
  t = await createTestApp();
  const police = (await one<{ id: string; tenant_id: string }>(t.db.db, sql`select id, tenant_id from agency where type = 'police' limit 1`))!;
  clientCredentials = await t.app.services.apiClients.create({ ...SYSTEM_ACTOR, tenantId: police.tenant_id }, { agencyId: police.id, name: 'Input safety' });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', payload: { grant_type: 'client_credentials', client_id: clientCredentials.clientId, client_secret: clientCredentials.secret } });
  token = res.json().access_token;
});
afterAll(async () => t.close());

describe('prototype pollution through forms', () => {
  it('refuses a __proto__-hour field on sign-in with 400, leaves Object.prototype untouched, and every page still renders', async () => {
    const visitor = t.client();
    await visitor.get('/sign-in');
    const res = await visitor.post('/sign-in', { email: 'screener@demo.threshold.test', password: 'x', '__proto__-hour': 'zz' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('There is a problem with what was sent');
    expect(res.body).toContain('__proto__');
    prototypeUntouched();
    expect((await t.client().get('/sign-in')).statusCode).toBe(200);
    const screener = await t.as('screener');
    expect((await screener.get('/worklist')).statusCode).toBe(200);
    expect((await screener.get('/')).statusCode).toBe(200);
  });

  it.each(['__proto__', 'constructor-day', 'prototype-month', 'constructor', '__proto__[hour]', 'a.__proto__.b'])('refuses a field named %s in a form body', async (name) => {
    const screener = await t.as('screener');
    await screener.get('/contacts/new');
    const res = await screener.post('/contacts/new', { [name]: '1', narrative: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('not allowed');
    prototypeUntouched();
  });

  it('refuses prototype names in query strings, on pages and under /api/', async () => {
    const screener = await t.as('screener');
    const page = await screener.get('/people?__proto__=x&familyName=Smith');
    expect(page.statusCode).toBe(400);
    expect(page.headers['content-type']).toContain('text/html');
    const date = await screener.get('/people?constructor-day=1&constructor-month=2&constructor-year=2000');
    expect(date.statusCode).toBe(400);
    const api = await screener.get('/api/v1/people?__proto__-day=1&familyName=Smith');
    expect(api.statusCode).toBe(400);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect(api.json()).toMatchObject({ status: 400, detail: expect.stringContaining('not allowed') });
    prototypeUntouched();
  });

  it('refuses prototype names at any depth of a JSON body, on pages and under /api/', async () => {
    const screener = await t.as('screener');
    await screener.get('/contacts/new');
    const page = await screener.raw({ method: 'POST', url: '/contacts/new', payload: `{"_csrf":"${screener.csrf}","receivedAt":{"__proto__":{"hour":"1"}}}`, headers: { 'content-type': 'application/json' } });
    expect(page.statusCode).toBe(400);
    expect(page.headers['content-type']).toContain('text/html');
    for (const payload of ['{"__proto__":{"polluted":1}}', '{"people":[{"constructor":{"prototype":{"x":1}}}]}', '{"a":{"prototype":1}}']) {
      const api = await t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload });
      expect(api.statusCode, payload).toBe(400);
      expect(api.headers['content-type']).toContain('application/problem+json');
    }
    prototypeUntouched();
  });

  it('groups date parts into null-prototype objects and skips reserved names itself', () => {
    const body = Object.assign(Object.create(null) as Record<string, unknown>, {
      '__proto__-hour': 'zz', 'constructor-day': '1', 'prototype-month': '2', __proto__: { polluted: true }, 'dob-day': '1', 'dob-month': '2', 'dob-year': '2020', other: 'x',
    });
    const grouped = groupDateParts(body);
    expect(Object.getPrototypeOf(grouped)).toBeNull();
    expect(Object.getPrototypeOf(grouped.dob)).toBeNull();
    expect(Object.keys(grouped).sort()).toEqual(['dob', 'other']);
    expect({ ...(grouped.dob as object) }).toEqual({ day: '1', month: '2', year: '2020' });
    prototypeUntouched();
    // and a schema still reads the grouped date
    const parsed = parseForm(form({ dob: requiredDateInput({ label: 'Date of birth', required: 'Enter it' }) }), { 'dob-day': '1', 'dob-month': '2', 'dob-year': '2020' });
    expect(parsed).toMatchObject({ ok: true, value: { dob: '2020-02-01' } });
  });

  it('names reserved keys by part, and only those', () => {
    for (const key of ['__proto__', 'constructor', 'prototype', '__proto__-hour', 'constructor-day', 'a[__proto__]', 'a.prototype']) expect(isReservedKey(key), key).toBe(true);
    for (const key of ['proto', 'constructorName', 'dob-day', 'receivedAt-hour', '_csrf', 'prototypes', 'x__proto__']) expect(isReservedKey(key), key).toBe(false);
  });
});

describe('forms posted with the wrong types', () => {
  it('gives cross-field rules a field that failed its own check as absent, not as zod’s marker', () => {
    const schema = withRules(form({ identifier: requiredText({ label: 'Identifier', required: 'Enter it', max: 5 }), kind: z.unknown().optional() }), (v, ctx) => {
      // a rule written for the parsed type, as the people forms' rules are
      if (v.identifier && (v.identifier as string).trim() === 'x') ctx.addIssue({ code: 'custom', path: ['kind'], message: 'never' });
    });
    for (const identifier of [['a', 'b'], 'much too long', 42 as unknown as string]) {
      const parsed = parseForm(schema, { identifier });
      expect(parsed.ok).toBe(false);
    }
  });

  it('shows back only text from a refused form, never the numbers or objects a JSON body carried', async () => {
    const parsed = parseForm(form({ a: requiredText({ label: 'A', required: 'Enter A', max: 5 }) }), { a: 42, b: { x: 1 }, c: ['x', 1, null], d: 'text', e: null });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.values).toEqual({ c: ['x'], d: 'text' });
    const analyst = await t.as('analyst');
    await analyst.get('/measures/settings');
    for (const measures of [42, { a: 1 }, true, null]) {
      const res = await analyst.raw({ method: 'POST', url: '/measures/settings', payload: JSON.stringify({ _csrf: analyst.csrf, measures }), headers: { 'content-type': 'application/json' } });
      expect(res.statusCode, JSON.stringify(measures)).toBe(400);
    }
    const identifiers = await t.as('screener');
    await identifiers.get('/');
    const person = await one<{ id: string }>(t.db.db, sql`select id from person where not restricted and merged_into_person_id is null limit 1`);
    const res = await identifiers.post(`/people/${person!.id}/identifiers`, { identifierType: 'upn', identifier: ['A', 'B'] });
    expect(res.statusCode).toBe(400);
  });
});

describe('JSON nesting', () => {
  it(`refuses JSON nested deeper than ${MAX_JSON_DEPTH} levels with 400, before anything recurses`, async () => {
    for (const payload of [deepJson(10_000), deepObject(10_000), `{"people":${deepJson(200)}}`]) {
      const api = await t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': 'deep-nesting-0001' }, payload });
      expect(api.statusCode).toBe(400);
      expect(api.headers['content-type']).toContain('application/problem+json');
      expect(api.json().detail).toContain('nested too deeply');
    }
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', headers: { 'content-type': 'application/json' }, payload: deepObject(10_000) });
    expect(anonymous.statusCode).toBe(400);
    const screener = await t.as('screener');
    await screener.get('/contacts/new');
    const page = await screener.raw({ method: 'POST', url: '/contacts/new', payload: deepJson(10_000), headers: { 'content-type': 'application/json' } });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('nested too deeply');
  });

  it('counts depth without being fooled by brackets inside strings', () => {
    expect(jsonDepthExceeds(`{"a":"${'['.repeat(1000)}"}`, 4)).toBe(false);
    expect(jsonDepthExceeds(`{"a":"\\"${'{'.repeat(100)}"}`, 4)).toBe(false);
    expect(jsonDepthExceeds(deepJson(5), 4)).toBe(true);
    expect(jsonDepthExceeds(deepJson(4), 4)).toBe(false);
    expect(parseJsonBody(deepJson(MAX_JSON_DEPTH))).toBeInstanceOf(Array);
    expect(() => parseJsonBody(deepJson(MAX_JSON_DEPTH + 1))).toThrow(/nested too deeply/);
  });
});

describe('characters that cannot be stored', () => {
  it('refuses a NUL character or a lone surrogate anywhere in a body or query string, with 400', async () => {
    const screener = await t.as('screener');
    await screener.get('/contacts/new');
    const nul = await screener.post('/contacts/new', { narrative: 'a\u0000b' });
    expect(nul.statusCode).toBe(400);
    const nulKey = await screener.raw({ method: 'POST', url: '/contacts/new', payload: `_csrf=${encodeURIComponent(screener.csrf!)}&na%00me=x`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(nulKey.statusCode).toBe(400);
    const query = await screener.get('/people?familyName=a%00b');
    expect(query.statusCode).toBe(400);
    const surrogate = await t.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: '{"narrative":"\\ud800"}' });
    expect(surrogate.statusCode).toBe(400);
    expect(surrogate.json().detail).toContain('characters that are not allowed');
    expect(findInputProblem({ ok: 'emoji \u{1F600} and accents é' })).toBeNull();
  });
});

describe('the token endpoint is total over its input', () => {
  const basic = (raw: string) => `Basic ${Buffer.from(raw, 'latin1').toString('base64')}`;
  const cases: [string, Record<string, string>, string][] = [
    ['Basic credentials that are not valid percent-encoding', { authorization: basic('%E0%A4%A:secret') }, 'grant_type=client_credentials'],
    ['Basic credentials with %ZZ', { authorization: basic('thr_x:%ZZ') }, 'grant_type=client_credentials'],
    ['Basic credentials that are not base64', { authorization: 'Basic !!!not-base64!!!' }, 'grant_type=client_credentials'],
    ['Basic credentials without a colon', { authorization: basic('just-an-id') }, 'grant_type=client_credentials'],
    ['Basic credentials that are not UTF-8', { authorization: `Basic ${Buffer.from([0xff, 0xfe, 0x3a, 0x41]).toString('base64')}` }, 'grant_type=client_credentials'],
    ['Basic with an empty value', { authorization: 'Basic ' }, 'grant_type=client_credentials'],
    ['client_id=%00', {}, 'grant_type=client_credentials&client_id=%00&client_secret=x'],
    ['client_id with a NUL in Basic', { authorization: basic('thr_%00:secret') }, 'grant_type=client_credentials'],
    ['client_id=%E0%A4%A', {}, 'grant_type=client_credentials&client_id=%E0%A4%A&client_secret=x'],
    ['a repeated client_id', {}, 'grant_type=client_credentials&client_id=a&client_id=b&client_secret=x'],
    ['a repeated grant_type', {}, 'grant_type=client_credentials&grant_type=client_credentials&client_id=a&client_secret=x'],
    ['no grant_type', {}, 'client_id=a&client_secret=x'],
    ['a huge client_id', {}, `grant_type=client_credentials&client_id=${'a'.repeat(100_000)}&client_secret=x`],
    ['a client id of spaces and controls', {}, 'grant_type=client_credentials&client_id=%20%07&client_secret=x'],
  ];
  it.each(cases)('answers %s with an OAuth 2 error, never a 500', async (_name, headers, payload) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload });
    expect([400, 401]).toContain(res.statusCode);
    const body = res.json();
    expect(['invalid_request', 'invalid_client']).toContain(body.error);
    expect(typeof body.error_description).toBe('string');
    expect(body.status).toBe(res.statusCode);
    expect(res.headers['cache-control']).toBe('no-store');
    if (res.statusCode === 401 && headers.authorization) expect(res.headers['www-authenticate']).toContain('Basic');
  });

  it.each([
    ['numbers', { grant_type: 'client_credentials', client_id: 12, client_secret: 34 }],
    ['objects', { grant_type: 'client_credentials', client_id: { a: 1 }, client_secret: ['x'] }],
    ['null', { grant_type: null, client_id: null }],
    ['a lone surrogate', { grant_type: 'client_credentials', client_id: 'thr_\ud800', client_secret: 'x' }],
  ])('answers JSON credentials of the wrong type (%s) with an OAuth 2 error', async (_name, body) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    expect([400, 401]).toContain(res.statusCode);
    expect(['invalid_request', 'invalid_client', undefined]).toContain(res.json().error);
  });

  it('still issues a token for percent-encoded Basic credentials (RFC 6749 2.3.1), and refuses two ways of authenticating at once', async () => {
    const encoded = `${encodeURIComponent(clientCredentials.clientId)}:${encodeURIComponent(clientCredentials.secret)}`;
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', headers: { authorization: `Basic ${Buffer.from(encoded).toString('base64')}` }, payload: { grant_type: 'client_credentials' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().token_type).toBe('Bearer');
    const both = await t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', headers: { authorization: `Basic ${Buffer.from(encoded).toString('base64')}` }, payload: { grant_type: 'client_credentials', client_id: clientCredentials.clientId, client_secret: clientCredentials.secret } });
    expect(both.statusCode).toBe(400);
    expect(both.json().error).toBe('invalid_request');
  });
});

describe('return paths after sign-in', () => {
  const hostile = [
    '/\t/evil.example', '/%09/evil.example', '/\n/evil.example', '/\r\n/evil.example', '\t/evil.example', ' /x',
    '//evil.example', '/\\evil.example', '/\\/evil.example', '\\\\evil.example', '/x\\y', '/%2F/evil.example', '/%2f%2fevil.example',
    '/%5Cevil.example', '/%5c/evil.example', '%2F%2Fevil.example', 'https://evil.example/', 'http:/evil.example', 'javascript:alert(1)',
    'JAVASCRIPT:alert(1)', '/\u0000/evil', '/\u00a0/evil', '/\u2028/evil', '/\u3000/evil', 'evil.example', '', '/%E0%A4%A', `/${'a'.repeat(3000)}`,
  ];
  it.each(hostile)('sends %j home instead', (value) => {
    expect(safeReturnPath(value)).toBe('/');
  });

  it('keeps same-site paths, with their query strings', () => {
    for (const path of ['/', '/worklist', '/people?familyName=O%27Brien&givenNames=Anne+Marie', '/contacts/1f2e?x=a%20b', '/people/abc#names']) expect(safeReturnPath(path)).toBe(path);
    for (const value of [undefined, null, 42, ['/worklist'], { a: '/' }]) expect(safeReturnPath(value)).toBe('/');
  });

  it('never redirects after sign-in to a path a browser reads as another site', async () => {
    const visitor = t.client();
    const page = await visitor.get('/sign-in?returnTo=/%09/evil.example');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="returnTo" value="/"');
    for (const returnTo of ['/\t/evil.example', '/%2F/evil.example', '/\\evil.example']) {
      const client = t.client();
      await client.get('/sign-in');
      const res = await client.post('/sign-in', { email: 'screener@demo.threshold.test', password: DEMO_PASSWORD, returnTo });
      expect(res.statusCode).toBe(303);
      expect(location(res)).toBe('/');
    }
    const good = t.client();
    await good.get('/sign-in?returnTo=%2Fworklist');
    const res = await good.post('/sign-in', { email: 'screener@demo.threshold.test', password: DEMO_PASSWORD, returnTo: '/worklist' });
    expect(location(res)).toBe('/worklist');
  });

  it('never redirects off the site after breaking the glass', async () => {
    const restricted = await one<{ id: string }>(t.db.db, sql`select id from person where restricted and merged_into_person_id is null limit 1`);
    expect(restricted).toBeDefined();
    const screener = await t.as('screener');
    await screener.get(`/break-glass?type=person&id=${restricted!.id}`);
    for (const returnTo of ['/\t/evil.example', '/%2F/evil.example', '//evil.example']) {
      const res = await screener.post('/break-glass', { type: 'person', id: restricted!.id, reason: 'Checking the family before the strategy meeting', returnTo });
      expect(res.statusCode).toBe(303);
      expect(location(res)).toBe(`/people/${restricted!.id}`);
    }
  });
});
