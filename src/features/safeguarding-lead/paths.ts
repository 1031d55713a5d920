/**
 * The lead and transitions routes, written once: the routes register these patterns, and the routes, presenters,
 * service (the links in notifications) and the person page's lead panel build their links from them.
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const LEAD_ROUTES = {
  transitions: '/transitions',
  propose: '/people/:id/lead/transfer',
  transfer: '/transitions/transfers/:id',
  response: '/transitions/transfers/:id/response',
  withdrawal: '/transitions/transfers/:id/withdrawal',
} as const;

export type LeadRoute = keyof typeof LEAD_ROUTES;

export function leadPath<R extends LeadRoute>(route: R, params: PathParams<(typeof LEAD_ROUTES)[R]>, query?: Query): string {
  return pathTo(LEAD_ROUTES[route], params, query);
}

/** A transfer's page. */
export function transferPath(id: string): string {
  return leadPath('transfer', { id });
}

/** The page to propose moving a person's lead. */
export function proposeTransferPath(personId: string): string {
  return leadPath('propose', { id: personId });
}
