/**
 * The LADO's routes, written once: the routes register these patterns, and the routes, presenters, service (links in
 * notifications) and the home page build their links from them.
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const LADO_ROUTES = {
  worklist: '/lado',
  allegation: '/lado/allegations/:id',
  details: '/lado/allegations/:id/details',
  decide: '/lado/allegations/:id/decision',
  meeting: '/lado/allegations/:id/meeting',
  police: '/lado/allegations/:id/police',
  reason: '/lado/allegations/:id/reason',
  outcome: '/lado/allegations/:id/outcome',
  close: '/lado/allegations/:id/close',
  employer: '/lado/employer',
  employerAllegation: '/lado/employer/allegations/:id',
  employerAction: '/lado/employer/allegations/:id/action',
  employerActionDone: '/lado/employer/allegations/:id/done',
} as const;

export type LadoRoute = keyof typeof LADO_ROUTES;

export function ladoPath<R extends LadoRoute>(route: R, params: PathParams<(typeof LADO_ROUTES)[R]>, query?: Query): string {
  return pathTo(LADO_ROUTES[route], params, query);
}

/** An allegation's page (the LADO's). */
export function allegationPath(id: string, query?: Query): string {
  return ladoPath('allegation', { id }, query);
}

/** An allegation as its employer sees it. */
export function employerAllegationPath(id: string, query?: Query): string {
  return ladoPath('employerAllegation', { id }, query);
}
