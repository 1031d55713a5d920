/** A user's notifications' routes, written once: the routes register these patterns and build their links from them. */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const NOTIFICATIONS_ROUTES = {
  notifications: '/notifications',
  markAllRead: '/notifications/read',
} as const;

export type NotificationsRoute = keyof typeof NOTIFICATIONS_ROUTES;

/** A link to the notifications pages. */
export function notificationsPath<R extends NotificationsRoute>(route: R, params: PathParams<(typeof NOTIFICATIONS_ROUTES)[R]>, query?: Query): string {
  return pathTo(NOTIFICATIONS_ROUTES[route], params, query);
}
