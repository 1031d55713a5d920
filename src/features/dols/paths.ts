/**
 * Deprivation of Liberty Safeguards routes, written once: the routes register these patterns, and the routes,
 * presenters and service (the link in an assessor's notification) build their links from them.
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const DOLS_ROUTES = {
  overview: '/dols',
  newApplication: '/dols/applications/new',
  applications: '/dols/applications',
  application: '/dols/applications/:id',
  allocate: '/dols/applications/:id/allocate',
  priority: '/dols/applications/:id/priority',
  assessments: '/dols/applications/:id/assessments',
  extend: '/dols/applications/:id/extend',
  decision: '/dols/applications/:id/decision',
  withdraw: '/dols/applications/:id/withdraw',
} as const;

export type DolsRoute = keyof typeof DOLS_ROUTES;

/** A link to one of the DoLS pages. */
export function dolsPath<R extends DolsRoute>(route: R, params: PathParams<(typeof DOLS_ROUTES)[R]>, query?: Query): string {
  return pathTo(DOLS_ROUTES[route], params, query);
}

/** An application's page. */
export function applicationPath(id: string): string {
  return dolsPath('application', { id });
}
