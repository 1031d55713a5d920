/**
 * The learning reviews' routes, written once: the routes register these patterns, and the routes, presenters and
 * the home page build their links from them.
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const REVIEW_ROUTES = {
  list: '/partnership/reviews',
  notify: '/partnership/reviews/new',
  review: '/partnership/reviews/:id',
  notification: '/partnership/reviews/:id/notification',
  rapid: '/partnership/reviews/:id/rapid-review',
  panel: '/partnership/reviews/:id/panel',
  lcspr: '/partnership/reviews/:id/lcspr',
  decision: '/partnership/reviews/:id/decision',
  sar: '/partnership/reviews/:id/sar-criteria',
  cdop: '/partnership/reviews/:id/cdop',
  terms: '/partnership/reviews/:id/terms',
  agencies: '/partnership/reviews/:id/agencies',
  findings: '/partnership/reviews/:id/findings',
  report: '/partnership/reviews/:id/report',
  hold: '/partnership/reviews/:id/hold',
  release: '/partnership/reviews/:id/release',
  publish: '/partnership/reviews/:id/publish',
  close: '/partnership/reviews/:id/close',
  plan: '/partnership/reviews/:id/plan',
} as const;

export type ReviewRoute = keyof typeof REVIEW_ROUTES;

export function reviewsPath<R extends ReviewRoute>(route: R, params: PathParams<(typeof REVIEW_ROUTES)[R]>, query?: Query): string {
  return pathTo(REVIEW_ROUTES[route], params, query);
}

/** A review's page. */
export function reviewPath(id: string, query?: Query): string {
  return reviewsPath('review', { id }, query);
}
