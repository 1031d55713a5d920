/**
 * The notifications page: a signed-in user sees their own notifications, newest first, read and unread, a page at a
 * time, and can mark them all read (with the CSRF token). Synthetic data only.
 *
 * Until app.ts registers the routes, this test registers them itself through createTestApp's `extend` (the same
 * routes, the same service); once they are registered there, the guard below leaves them alone.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, one, rows, transaction } from '../../db/client.js';
import { formatDateTime, relativeDateTime } from '../../domain/dates.js';
import { notifyInApp } from '../../platform/outbox.js';
import { type TestApp, type TestClient, createTestApp, location } from '../../../test/support/app.js';
import { registerNotificationRoutes } from './routes.js';
import { NotificationService } from './service.js';

let t: TestApp;
let db: Database;
let screener: TestClient;
let screenerId: string;
let managerId: string;
let tenantId: string;

beforeAll(async () => {
  t = await createTestApp({
    extend: (app) => {
      if (!app.hasRoute({ method: 'GET', url: '/notifications' })) {
        registerNotificationRoutes(app, { notifications: new NotificationService(app.services.db, () => new Date()) });
      }
    },
  });
  db = t.db.db;
  screener = await t.as('screener');
  screenerId = await t.userId('screener');
  managerId = await t.userId('manager');
  tenantId = (await one<{ tenant_id: string }>(db, sql`select tenant_id from app_user where id = ${screenerId}`))!.tenant_id;
  await db.execute(sql`delete from notification where user_id in (${screenerId}, ${managerId})`);
});
afterAll(async () => t.close());

async function notify(userId: string, title: string, options: { link?: string | null; read?: boolean; minutesAgo?: number } = {}) {
  const id = await transaction(db, (tx) => notifyInApp(tx, { tenantId, userId, title, body: `About ${title.toLowerCase()}`, link: options.link === undefined ? '/contacts' : options.link }));
  const at = new Date(Date.now() - (options.minutesAgo ?? 0) * 60_000).toISOString();
  await db.execute(sql`update notification set created_at = ${at}::timestamptz, read_at = ${options.read ? at : null}::timestamptz where id = ${id}`);
  return id;
}

const unread = async (userId: string) => (await one<{ n: number }>(db, sql`select count(*)::int as n from notification where user_id = ${userId} and read_at is null`))!.n;

describe('notifications', () => {
  it('sends a signed-out visitor to sign in', async () => {
    const res = await t.client().get('/notifications');
    expect(res.statusCode).toBe(303);
    expect(location(res)).toMatch(/^\/sign-in/);
  });

  it("lists the user's own notifications, newest first, with read or unread and a link", async () => {
    await notify(screenerId, 'Information request answered', { minutesAgo: 30, read: true });
    await notify(screenerId, 'Decision authorised', { minutesAgo: 10, link: '/contacts/00000000-0000-4000-8000-000000000001' });
    await notify(screenerId, 'Contact shared with you', { minutesAgo: 5, link: null });
    await notify(managerId, 'Decision to authorise', { minutesAgo: 1 });
    const res = await screener.get('/notifications');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 class="govuk-heading-l">Notifications</h1>');
    expect(res.body).toContain('You have 2 unread notifications.');
    const order = ['Contact shared with you', 'Decision authorised', 'Information request answered'].map((title) => res.body.indexOf(title));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(res.body).toContain('<a class="govuk-link" href="/contacts/00000000-0000-4000-8000-000000000001">Decision authorised</a>');
    expect(res.body).toContain('<strong>Contact shared with you</strong>');
    expect(res.body.match(/govuk-tag--blue">\s*Unread/g)).toHaveLength(2);
    expect(res.body.match(/govuk-tag--grey">\s*Read/g)).toHaveLength(1);
    expect(res.body).not.toContain('Decision to authorise');
    expect(res.body).toContain('name="_csrf"');
  });

  it('does not make a link of anything that leaves Threshold', async () => {
    const id = await notify(screenerId, 'Odd link', { minutesAgo: 0 });
    await db.execute(sql`update notification set link = 'https://elsewhere.example/' where id = ${id}`);
    const res = await screener.get('/notifications');
    expect(res.body).toContain('<strong>Odd link</strong>');
    expect(res.body).not.toContain('elsewhere.example');
    await db.execute(sql`delete from notification where id = ${id}`);
  });

  it("marks all the user's notifications read, and nobody else's", async () => {
    expect(await unread(screenerId)).toBe(2);
    const res = await screener.post('/notifications/read');
    expect(res.statusCode).toBe(303);
    expect(location(res)).toBe('/notifications');
    expect(await unread(screenerId)).toBe(0);
    expect(await unread(managerId)).toBe(1);
    const page = await screener.get('/notifications');
    expect(page.body).toContain('You have read all your notifications.');
    expect(page.body).not.toContain('Mark all as read');
  });

  it('refuses the form without its CSRF token or with fields it does not have', async () => {
    await notify(screenerId, 'Another one');
    expect((await screener.post('/notifications/read', {}, { csrf: false })).statusCode).toBe(403);
    expect((await screener.post('/notifications/read', { userId: managerId })).statusCode).toBe(400);
    expect(await unread(screenerId)).toBe(1);
    expect(await unread(managerId)).toBe(1);
  });

  it('pages through older notifications', async () => {
    for (let i = 0; i < 30; i += 1) await notify(screenerId, `Older notice ${String(i).padStart(2, '0')}`, { minutesAgo: 100 + i, read: true });
    const first = await screener.get('/notifications');
    expect(first.body).toContain('href="/notifications?page=2"');
    expect(first.body).toContain('Older notice 00');
    expect(first.body).not.toContain('Older notice 29');
    const second = await screener.get('/notifications?page=2');
    expect(second.body).toContain('Older notice 29');
    expect(second.body).not.toContain('Older notice 00');
    expect(second.body).toContain('href="/notifications?page=1"');
    expect((await screener.get('/notifications?page=nonsense')).statusCode).toBe(200);
  });

  it('says when, as a practitioner scans it: "Today at 9:05am" for today, the date and time before yesterday', async () => {
    await db.execute(sql`delete from notification where user_id = ${screenerId}`);
    await notify(screenerId, 'Just now', { minutesAgo: 0 });
    await notify(screenerId, 'Three days ago', { minutesAgo: 3 * 24 * 60 });
    const at = await rows<{ title: string; created_at: string }>(db, sql`select title, created_at from notification where user_id = ${screenerId}`);
    const when = (title: string) => at.find((n) => n.title === title)!.created_at;
    const res = await screener.get('/notifications');
    expect(relativeDateTime(when('Just now'), new Date(), { capital: true })).toMatch(/^Today at /);
    expect(res.body).toContain(relativeDateTime(when('Just now'), new Date(), { capital: true }));
    expect(res.body).toContain(formatDateTime(when('Three days ago')));
  });
});

describe('NotificationService', () => {
  it('marks one notification read only for its owner', async () => {
    const service = new NotificationService(db, () => new Date());
    const id = await notify(managerId, 'Only for the manager');
    expect(await service.markRead({ userId: screenerId, tenantId }, id)).toBe(false);
    expect(await service.markRead({ userId: managerId, tenantId }, 'not-an-id')).toBe(false);
    const before = await service.unreadCount({ userId: managerId, tenantId });
    expect(await service.markRead({ userId: managerId, tenantId }, id)).toBe(true);
    expect(await service.markRead({ userId: managerId, tenantId }, id)).toBe(false);
    expect(await service.unreadCount({ userId: managerId, tenantId })).toBe(before - 1);
    const page = await service.list({ userId: managerId, tenantId }, { pageSize: 1 });
    expect(page).toMatchObject({ page: 1, pageSize: 1, hasNext: true });
    expect(page.items[0]!.title).toBe('Only for the manager');
    expect(page.items[0]!.readAt).toBeInstanceOf(Date);
  });
});
