/**
 * A user's in-app notifications: the list (newest first, a page at a time) and "mark all as read". Every signed-in
 * user has notifications; each sees only their own.
 */
import { type FastifyInstance } from 'fastify';
import { requireUser } from '../../platform/authz.js';
import { badRequest } from '../../platform/errors.js';
import { noFields, parseForm } from '../../platform/forms.js';
import { pageParam } from '../../platform/params.js';
import { NOTIFICATIONS_ROUTES, notificationsPath } from './paths.js';
import { type NotificationItem, type NotificationService } from './service.js';

/** A notification's link, if it is a path inside Threshold (anything else is not shown as a link). */
export function safeLink(link: string | null): string | null {
  return link !== null && /^\/(?![/\\])[^\s]*$/.test(link) ? link : null;
}

function present(n: NotificationItem) {
  return {
    id: n.id,
    title: n.title,
    body: n.body,
    href: safeLink(n.link),
    createdAt: n.createdAt,
    unread: n.readAt === null,
    tag: n.readAt === null ? { text: 'Unread', classes: 'govuk-tag--blue' } : { text: 'Read', classes: 'govuk-tag--grey' },
  };
}

export function registerNotificationRoutes(app: FastifyInstance, services: { notifications: NotificationService }): void {
  const { notifications } = services;

  app.get(NOTIFICATIONS_ROUTES.notifications, { config: { rule: 'signed-in' } }, async (request, reply) => {
    const user = requireUser(request);
    const page = pageParam(request);
    const result = await notifications.list({ userId: user.userId, tenantId: user.tenantId }, { page });
    return reply.view('notifications/views/notifications.njk', {
      pageTitle: 'Notifications',
      items: result.items.map(present),
      unread: result.unread,
      total: result.total,
      page: result.page,
      hasNext: result.hasNext,
      newerHref: notificationsPath('notifications', {}, { page: result.page - 1 }),
      olderHref: notificationsPath('notifications', {}, { page: result.page + 1 }),
    });
  });

  app.post(NOTIFICATIONS_ROUTES.markAllRead, { config: { rule: 'signed-in' } }, async (request, reply) => {
    const user = requireUser(request);
    if (!parseForm(noFields, request.body).ok) throw badRequest('This button sends no fields. Reload the page and try again.');
    await notifications.markAllRead({ userId: user.userId, tenantId: user.tenantId });
    return reply.redirect(notificationsPath('notifications', {}), 303);
  });
}
