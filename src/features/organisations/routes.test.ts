import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../db/client.js';
import { type TestApp, type TestClient, createTestApp, location } from '../../../test/support/app.js';

let t: TestApp;
let admin: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('admin');
});
afterAll(async () => t.close());

describe('administering agencies, teams and schools', () => {
  it('adds an agency of a type, then a team to it', async () => {
    await admin.get('/admin/agencies');
    const res = await admin.post('/admin/agencies', { name: 'Fernmoor Youth Justice Service', type: 'community_safety', externalCode: '' });
    expect(res.statusCode).toBe(303);
    const page = await admin.get(location(res));
    expect(page.body).toContain('Fernmoor Youth Justice Service');
    const team = await admin.post(`${location(res)}/teams`, { teamName: 'Prevention' });
    expect(team.statusCode).toBe(303);
    expect((await admin.get(location(res))).body).toContain('Prevention');
    const row = await one<{ type: string; tenant_id: string }>(t.db.db, sql`select type, tenant_id from agency where name = 'Fernmoor Youth Justice Service'`);
    expect(row?.type).toBe('community_safety');
  });

  it('lists the agencies 25 a page, with their total', async () => {
    const { n } = (await one<{ n: number }>(t.db.db, sql`select count(*)::int as n from agency a join tenant t on t.id = a.tenant_id where t.code = 'fernmoor'`))!;
    const first = await admin.get('/admin/agencies');
    expect(first.body).toContain(`data-list-total="${n}"`);
    expect((first.body.match(/href="\/admin\/agencies\/[0-9a-f-]{36}"/g) ?? []).length).toBe(Math.min(n, 25));
    if (n > 25) expect(first.body).toContain('href="/admin/agencies?page=2"');
    // A page beyond the last, or not a number, is still a page.
    for (const page of ['999', 'abc', '-1']) expect((await admin.get(`/admin/agencies?page=${page}`)).statusCode).toBe(200);
  });

  it('refuses a duplicate agency name and an unknown type, with the error summary', async () => {
    const dup = await admin.post('/admin/agencies', { name: 'Fernmoor Constabulary', type: 'police', externalCode: '' });
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toContain('An agency with this name already exists');
    const bad = await admin.post('/admin/agencies', { name: 'X', type: 'spaceship', externalCode: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Select the type of agency');
  });

  it('adds a school with its URN, refusing a malformed or duplicate URN', async () => {
    await admin.get('/admin/schools');
    expect((await admin.post('/admin/schools', { name: 'New Road Primary', urn: '12345', phase: 'primary', postcode: '' })).body).toContain('URN must be 6 digits');
    expect((await admin.post('/admin/schools', { name: 'New Road Primary', urn: '990101', phase: 'primary', postcode: '' })).statusCode).toBe(409);
    const ok = await admin.post('/admin/schools', { name: 'New Road Primary', urn: '990999', phase: 'primary', postcode: 'fm2 3ab' });
    expect(ok.statusCode).toBe(303);
    const row = await one<{ urn: string; postcode: string; type: string }>(
      t.db.db,
      sql`select s.urn, s.postcode, a.type from school s join agency a on a.id = s.agency_id where s.urn = '990999'`,
    );
    expect(row).toEqual({ urn: '990999', postcode: 'FM2 3AB', type: 'school' });
  });

  it('keeps another area’s agency out of reach', async () => {
    const other = await one<{ id: string }>(
      t.db.db,
      sql`with t as (insert into tenant (code, name) values ('elsewhere', 'Elsewhere') returning id)
          insert into agency (tenant_id, name, type) select id, 'Elsewhere Police', 'police' from t returning id`,
    );
    expect((await admin.get(`/admin/agencies/${other!.id}`)).statusCode).toBe(404);
  });
});

describe('administering users and roles', () => {
  it('creates a user with roles, who can then sign in with the password given', async () => {
    await admin.get('/admin/users/new');
    const agency = await one<{ id: string }>(t.db.db, sql`select id from agency where name = 'Fernmoor Constabulary'`);
    const created = await admin.post('/admin/users', {
      displayName: 'Quinn Officer',
      email: 'Quinn.Officer@police.example',
      agencyId: agency!.id,
      teamId: '',
      roles: ['police_officer'],
      password: 'a-long-enough-password',
    });
    expect(created.statusCode).toBe(303);
    const signIn = t.client();
    await signIn.get('/sign-in');
    const res = await signIn.post('/sign-in', { email: 'quinn.officer@police.example', password: 'a-long-enough-password' });
    expect(res.statusCode).toBe(303);
    expect((await signIn.get('/')).body).toContain('Quinn Officer');
  });

  it('refuses a short password, a duplicate email and no roles', async () => {
    const agency = await one<{ id: string }>(t.db.db, sql`select id from agency where name = 'Fernmoor Constabulary'`);
    const res = await admin.post('/admin/users', { displayName: 'A', email: 'screener@demo.threshold.test', agencyId: agency!.id, teamId: '', password: 'short' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Select at least one role');
    const dup = await admin.post('/admin/users', { displayName: 'A', email: 'screener@demo.threshold.test', agencyId: agency!.id, teamId: '', roles: 'lado', password: 'short' });
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toContain('A user with this email address already exists');
    expect(dup.body).toContain('Password must be 12 characters or more');
  });

  it('changes a user’s roles and ends their sessions so the change applies at once', async () => {
    const police = await t.as('police');
    expect((await police.get('/contacts/new')).statusCode).toBe(200);
    const id = await t.userId('police');
    const user = await one<{ agency_id: string }>(t.db.db, sql`select agency_id from app_user where id = ${id}`);
    await admin.get(`/admin/users/${id}`);
    const res = await admin.post(`/admin/users/${id}`, {
      displayName: 'Pat Constable',
      email: 'police@demo.threshold.test',
      agencyId: user!.agency_id,
      teamId: '',
      roles: ['marac_coordinator'],
      password: '',
    });
    expect(res.statusCode).toBe(303);
    expect((await police.get('/contacts/new')).statusCode).toBe(303); // signed out
    const again = await t.as('police');
    expect((await again.get('/contacts/new')).statusCode).toBe(403);
  });

  it('disables and unlocks accounts, audited', async () => {
    const id = await t.userId('lado');
    const lado = await t.as('lado');
    await admin.get(`/admin/users/${id}`);
    expect((await admin.post(`/admin/users/${id}/disable`)).statusCode).toBe(303);
    expect((await lado.get('/')).statusCode).toBe(303);
    const signIn = t.client();
    await signIn.get('/sign-in');
    expect((await signIn.post('/sign-in', { email: 'lado@demo.threshold.test', password: 'Threshold-demo-2026' })).statusCode).toBe(401);
    expect((await admin.post(`/admin/users/${id}/enable`)).statusCode).toBe(303);
    const events = await one<{ n: number }>(t.db.db, sql`select count(*) as n from audit_event where record_id = ${id} and action in ('admin.user_disabled', 'admin.user_enabled')`);
    expect(events!.n).toBe(2);
  });

  it('will not let an administrator remove their own administrator role', async () => {
    const id = await t.userId('admin');
    const me = await one<{ agency_id: string }>(t.db.db, sql`select agency_id from app_user where id = ${id}`);
    const res = await admin.post(`/admin/users/${id}`, { displayName: 'Ari Admin', email: 'admin@demo.threshold.test', agencyId: me!.agency_id, teamId: '', roles: 'lado', password: '' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('You cannot remove your own administrator role');
  });
});
