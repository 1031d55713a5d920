/**
 * The agency API's routes against a stub of the service behind them: the app is built around services given to
 * it, so a route can be shown to call its service, and to answer from what the service says, with no database
 * behind that service (the stub's answers are made up here; nothing is read or written for them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp, stub } from '../../../test/support/app.js';
import { type ApiClientService, type AuthenticatedClient } from './clients.js';

const TOKEN = 'stub-token-aaaaaaaaaaaaaaaaaaaa';
const CONTACT = '6f1c2f0e-1b7e-4a51-9d3c-2f4a7e0c9b11';
const SENDER: AuthenticatedClient = { id: 'client-1', tenantId: 'tenant-1', agencyId: 'agency-1', agencyType: 'police', name: 'Stub police system' };

let t: TestApp;
const calls: unknown[][] = [];

beforeAll(async () => {
  t = await createTestApp({
    services: (real) => ({
      ...real,
      apiClients: stub<ApiClientService>({
        authenticate: async (token) => {
          calls.push(['authenticate', token]);
          return token === TOKEN ? SENDER : null;
        },
        contactStatus: async (client, id) => {
          calls.push(['contactStatus', client.id, id]);
          return id === CONTACT ? { id, reference: 'C-2026-000042', status: 'open', received_at: '2026-11-20 22:50:00+00', decision_due_at: null } : undefined;
        },
        issueToken: async (clientId, secret) => {
          calls.push(['issueToken', clientId, secret]);
          return secret === 'right-secret' ? { token: TOKEN, expiresIn: 3600 } : null;
        },
      }),
    }),
  });
});
afterAll(async () => t.close());

describe('the agency API against a stub client service', () => {
  it('answers a contact’s status from what the service says, for the client the service authenticated', async () => {
    calls.length = 0;
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/contacts/${CONTACT}`, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: CONTACT, reference: 'C-2026-000042', status: 'open', receivedAt: '2026-11-20T22:50:00.000Z', decisionDueAt: null });
    expect(calls).toEqual([
      ['authenticate', TOKEN],
      ['contactStatus', SENDER.id, CONTACT],
    ]);
  });

  it('refuses a token the service does not know, and a contact it does not find, as problem+json', async () => {
    calls.length = 0;
    const unknown = await t.app.inject({ method: 'GET', url: `/api/v1/contacts/${CONTACT}`, headers: { authorization: 'Bearer not-a-token-the-stub-knows' } });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    const other = '00000000-0000-4000-8000-000000000000';
    const missing = await t.app.inject({ method: 'GET', url: `/api/v1/contacts/${other}`, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ status: 404, detail: 'No contact with this id was sent by your agency.' });
    // an id that is not a UUID never reaches the service
    const notAnId = await t.app.inject({ method: 'GET', url: '/api/v1/contacts/not-an-id', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(notAnId.statusCode).toBe(404);
    expect(calls).toEqual([
      ['authenticate', 'not-a-token-the-stub-knows'],
      ['authenticate', TOKEN],
      ['contactStatus', SENDER.id, other],
      ['authenticate', TOKEN],
    ]);
  });

  it('issues the token the service issues, and only checks the grant before asking it', async () => {
    calls.length = 0;
    const issued = await t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', payload: { grant_type: 'client_credentials', client_id: 'thr_stub', client_secret: 'right-secret' } });
    expect(issued.statusCode).toBe(200);
    expect(issued.json()).toEqual({ access_token: TOKEN, token_type: 'Bearer', expires_in: 3600 });
    const wrongGrant = await t.app.inject({ method: 'POST', url: '/api/v1/oauth/token', payload: { grant_type: 'password', client_id: 'thr_stub', client_secret: 'right-secret' } });
    expect(wrongGrant.statusCode).toBe(400);
    expect(wrongGrant.json()).toMatchObject({ error: 'unsupported_grant_type', error_description: 'Use grant_type=client_credentials' });
    expect(calls).toEqual([['issueToken', 'thr_stub', 'right-secret']]);
  });
});
