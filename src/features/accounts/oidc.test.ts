import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../db/client.js';
import { type TestApp, type TestClient, createTestApp, location } from '../../../test/support/app.js';
import { type FakeIdp, startFakeIdp } from '../../../test/support/fake-idp.js';

let idp: FakeIdp;
let t: TestApp;

beforeAll(async () => {
  idp = await startFakeIdp();
  t = await createTestApp({
    env: {
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_REDIRECT_URI: 'http://localhost/sign-in/oidc/callback',
      OIDC_LABEL: 'Sign in with your Fernmoor account',
      OIDC_ALLOW_INSECURE: 'true',
    },
  });
});
afterAll(async () => {
  await t?.close();
  await idp?.close();
});

/** Follows the sign-in through the provider and back; returns the callback's response. */
async function viaProvider(client: TestClient, returnTo = '%2Fworklist') {
  const start = await client.get(`/sign-in/oidc?returnTo=${returnTo}`);
  expect(start.statusCode).toBe(303);
  const authorise = location(start);
  expect(authorise.startsWith(`${idp.issuer}/authorize?`)).toBe(true);
  const params = new URL(authorise).searchParams;
  expect(params.get('code_challenge_method')).toBe('S256');
  expect(params.get('state')).toBeTruthy();
  expect(params.get('nonce')).toBeTruthy();
  const provider = await fetch(authorise, { redirect: 'manual' });
  const callback = new URL(provider.headers.get('location')!);
  return client.get(`${callback.pathname}${callback.search}`);
}

describe('signing in through the council’s identity provider', () => {
  it('says so politely when the provider cannot be reached', async () => {
    const down = await createTestApp({
      env: { OIDC_ISSUER: 'http://127.0.0.1:9', OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y', OIDC_REDIRECT_URI: 'http://localhost/cb', OIDC_ALLOW_INSECURE: 'true' },
    });
    try {
      const res = await down.client().get('/sign-in/oidc');
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('not available at the moment');
    } finally {
      await down.close();
    }
  });

  it('offers the provider on the sign-in page', async () => {
    expect((await t.client().get('/sign-in')).body).toContain('Sign in with your Fernmoor account');
  });

  it('signs in an existing user matched by e-mail, then by subject, and returns them where they were going', async () => {
    idp.identity = { sub: 'idp-subject-001', email: 'screener@demo.threshold.test' };
    const client = t.client();
    const res = await viaProvider(client);
    expect(res.statusCode).toBe(303);
    expect(location(res)).toBe('/worklist');
    expect((await client.get('/worklist')).statusCode).toBe(200);
    const linked = await one<{ oidc_subject: string }>(t.db.db, sql`select oidc_subject from app_user where email = 'screener@demo.threshold.test'`);
    expect(linked?.oidc_subject).toBe('idp-subject-001');

    idp.identity = { sub: 'idp-subject-001' }; // no e-mail this time: the subject is enough
    const again = await viaProvider(t.client());
    expect(location(again)).toBe('/worklist');
  });

  it('never returns the browser off the site, whatever returnTo it started with', async () => {
    idp.identity = { sub: 'idp-subject-001' };
    for (const returnTo of ['%2F%09%2Fevil.example', '%2F%5Cevil.example', '%2F%252F%2Fevil.example', 'https%3A%2F%2Fevil.example', '%2F%0A%2Fevil.example']) {
      const res = await viaProvider(t.client(), returnTo);
      expect(res.statusCode).toBe(303);
      expect(location(res), returnTo).toBe('/');
    }
  });

  it('refuses someone with no Threshold account', async () => {
    idp.identity = { sub: 'idp-stranger', email: 'stranger@elsewhere.example' };
    const res = await viaProvider(t.client());
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('There is no Threshold account for your organisation account');
  });

  it('still asks an administrator for the second factor unless the provider asserts multi-factor sign-in', async () => {
    idp.identity = { sub: 'idp-admin', email: 'admin@demo.threshold.test' };
    const plain = await viaProvider(t.client());
    expect(location(plain)).toBe('/account/second-factor');
    idp.identity = { sub: 'idp-admin', amr: ['pwd', 'mfa'] };
    const strong = await viaProvider(t.client());
    expect(location(strong)).toBe('/worklist');
  });

  it('refuses a callback without the sign-in cookie, or with a forged state', async () => {
    idp.identity = { sub: 'idp-subject-001' };
    const client = t.client();
    const start = await client.get('/sign-in/oidc');
    const provider = await fetch(location(start), { redirect: 'manual' });
    const callback = new URL(provider.headers.get('location')!);
    const stranger = await t.client().get(`${callback.pathname}${callback.search}`);
    expect(stranger.statusCode).toBe(400);
    callback.searchParams.set('state', 'forged');
    const forged = await client.get(`${callback.pathname}${callback.search}`);
    expect(forged.statusCode).toBe(401);
  });
});
