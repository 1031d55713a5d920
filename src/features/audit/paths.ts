/**
 * The audit pages' routes, written once: the routes register these patterns and build their links from them.
 * Other capabilities link to a record's history with `auditPath`.
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const AUDIT_ROUTES = {
  audit: '/audit',
  contactHistory: '/audit/contacts/:id',
  personHistory: '/audit/people/:id',
  breakGlass: '/break-glass',
} as const;

export type AuditRoute = keyof typeof AUDIT_ROUTES;

/** A link to one of the audit pages. */
export function auditPath<R extends AuditRoute>(route: R, params: PathParams<(typeof AUDIT_ROUTES)[R]>, query?: Query): string {
  return pathTo(AUDIT_ROUTES[route], params, query);
}
