/**
 * Administration's routes for agencies, teams and schools, written once: the routes register these patterns and
 * build their redirects and links from them. Other capabilities link here with `organisationsPath`.
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const ORGANISATIONS_ROUTES = {
  admin: '/admin',
  agencies: '/admin/agencies',
  agency: '/admin/agencies/:id',
  agencyTeams: '/admin/agencies/:id/teams',
  schools: '/admin/schools',
} as const;

export type OrganisationsRoute = keyof typeof ORGANISATIONS_ROUTES;

/** A link to one of administration's agency and school pages (or its home). */
export function organisationsPath<R extends OrganisationsRoute>(route: R, params: PathParams<(typeof ORGANISATIONS_ROUTES)[R]>, query?: Query): string {
  return pathTo(ORGANISATIONS_ROUTES[route], params, query);
}
