/**
 * A user's in-app notifications: what changed that concerns them, newest first, and whether they have read it.
 * Notifications are written by other services in their own transactions (`notifyInApp` in platform/outbox.ts);
 * this service reads them and marks them read. Every query is limited to the user's own notifications.
 *
 * Reading a notification is not audited: a notification is a pointer (a title and a link), and opening the record it
 * points to is audited by that record's own page.
 */
import { sql } from 'drizzle-orm';
import { type Database, asDate, one, rows } from '../../db/client.js';

export interface NotificationOwner {
  userId: string;
  tenantId: string;
}

export interface NotificationItem {
  id: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export interface NotificationPage {
  items: NotificationItem[];
  page: number;
  pageSize: number;
  total: number;
  unread: number;
  hasNext: boolean;
}

export const NOTIFICATIONS_PAGE_SIZE = 25;

export class NotificationService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  /** One page of the user's notifications, newest first (page 1 is the newest). */
  async list(owner: NotificationOwner, options: { page?: number; pageSize?: number } = {}): Promise<NotificationPage> {
    const pageSize = Math.max(1, Math.min(100, Math.trunc(options.pageSize ?? NOTIFICATIONS_PAGE_SIZE)));
    const page = Math.max(1, Math.trunc(options.page ?? 1));
    const found = await rows<{ id: string; title: string; body: string; link: string | null; created_at: string; read_at: string | null }>(
      this.db,
      sql`select id, title, body, link, created_at, read_at from notification
           where user_id = ${owner.userId} and tenant_id = ${owner.tenantId}
           order by created_at desc, id desc
           limit ${pageSize} offset ${(page - 1) * pageSize}`,
    );
    const counts = await one<{ total: number; unread: number }>(
      this.db,
      sql`select count(*)::int as total, (count(*) filter (where read_at is null))::int as unread from notification
           where user_id = ${owner.userId} and tenant_id = ${owner.tenantId}`,
    );
    const total = Number(counts?.total ?? 0);
    return {
      items: found.map((r) => ({ id: r.id, title: r.title, body: r.body, link: r.link, createdAt: asDate(r.created_at), readAt: asDate(r.read_at) })),
      page,
      pageSize,
      total,
      unread: Number(counts?.unread ?? 0),
      hasNext: page * pageSize < total,
    };
  }

  /** How many of the user's notifications are unread (for a count beside the menu). */
  async unreadCount(owner: NotificationOwner): Promise<number> {
    const r = await one<{ n: number }>(
      this.db,
      sql`select count(*)::int as n from notification where user_id = ${owner.userId} and tenant_id = ${owner.tenantId} and read_at is null`,
    );
    return Number(r?.n ?? 0);
  }

  /** Marks one of the user's own notifications read. False if it is not theirs, does not exist or was already read. */
  async markRead(owner: NotificationOwner, id: string): Promise<boolean> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return false;
    const r = await rows(
      this.db,
      sql`update notification set read_at = ${this.now().toISOString()}::timestamptz
           where id = ${id} and user_id = ${owner.userId} and tenant_id = ${owner.tenantId} and read_at is null returning id`,
    );
    return r.length === 1;
  }

  /** Marks all the user's unread notifications read; returns how many. */
  async markAllRead(owner: NotificationOwner): Promise<number> {
    const r = await rows(
      this.db,
      sql`update notification set read_at = ${this.now().toISOString()}::timestamptz
           where user_id = ${owner.userId} and tenant_id = ${owner.tenantId} and read_at is null returning id`,
    );
    return r.length;
  }
}
