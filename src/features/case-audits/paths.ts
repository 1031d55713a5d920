/**
 * The multi-agency audits' routes, written once: the routes register these patterns; the routes, presenters, the
 * service (links in notifications) and the home page build their links from them.
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const AUDIT_ROUTES = {
  programme: '/partnership/audits',
  create: '/partnership/audits/new',
  ourGradings: '/partnership/audits/ours',
  audit: '/partnership/audits/:id',
  ours: '/partnership/audits/:id/ours',
  draw: '/partnership/audits/:id/sample',
  redraw: '/partnership/audits/:id/sample/redraw',
  status: '/partnership/audits/:id/status',
  findings: '/partnership/audits/:id/findings',
  plan: '/partnership/audits/:id/plan',
  grade: '/partnership/audits/records/:id/grade',
} as const;

export type AuditRoute = keyof typeof AUDIT_ROUTES;

export function auditPath<R extends AuditRoute>(route: R, params: PathParams<(typeof AUDIT_ROUTES)[R]>, query?: Query): string {
  return pathTo(AUDIT_ROUTES[route], params, query);
}

/** An audit's page (the partnership's view). */
export function caseAuditPath(id: string, query?: Query): string {
  return auditPath('audit', { id }, query);
}

/** Grading one sampled record (the asked agency's page). */
export function gradePath(id: string, query?: Query): string {
  return auditPath('grade', { id }, query);
}
