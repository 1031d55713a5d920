/**
 * The action tracker's routes, written once: the routes register these patterns; the routes, presenters, the
 * features whose work feeds a plan (reviews, audits, self-assessment, boards) and the home page build links from them.
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const ACTION_ROUTES = {
  plans: '/partnership/plans',
  newPlan: '/partnership/plans/new',
  plan: '/partnership/plans/:id',
  recommendation: '/partnership/plans/:id/recommendations',
  newAction: '/partnership/plans/:id/actions',
  close: '/partnership/plans/:id/close',
  actions: '/partnership/actions',
  action: '/partnership/actions/:id',
  update: '/partnership/actions/:id/update',
  evidenceFile: '/partnership/actions/:id/evidence/:updateId',
  impact: '/partnership/actions/:id/impact',
  ours: '/partnership/our-actions',
  dashboard: '/partnership',
} as const;

export type ActionRoute = keyof typeof ACTION_ROUTES;

export function actionPath<R extends ActionRoute>(route: R, params: PathParams<(typeof ACTION_ROUTES)[R]>, query?: Query): string {
  return pathTo(ACTION_ROUTES[route], params, query);
}

/** A plan's page. */
export function planPath(id: string, query?: Query): string {
  return actionPath('plan', { id }, query);
}

/** An action's page. */
export function partnershipActionPath(id: string, query?: Query): string {
  return actionPath('action', { id }, query);
}
