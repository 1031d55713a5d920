/**
 * Operation Encompass's routes, written once: the routes register these patterns, and the routes, views' data and
 * the service (the link in a key adult's notification and email) build their links from them. (Named
 * ENCOMPASS_PAGE_ROUTES: domain/encompass's ENCOMPASS_ROUTES are who a notice goes to.)
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const ENCOMPASS_PAGE_ROUTES = {
  notices: '/encompass',
  notice: '/encompass/:id',
  acknowledge: '/encompass/:id/acknowledge',
  support: '/encompass/:id/support',
  monitor: '/encompass/monitor',
  assign: '/encompass/monitor/:id/assign',
  keyAdults: '/encompass/key-adults',
  agencyKeyAdults: '/encompass/key-adults/:agencyId',
  removeKeyAdult: '/encompass/key-adults/:agencyId/remove',
  /** A school's calendar (`:agencyId` an agency's id), or the authority's (`default`). */
  calendar: '/encompass/calendars/:agencyId',
  dayStart: '/encompass/calendars/:agencyId/day-start',
  terms: '/encompass/calendars/:agencyId/terms',
  removeTerm: '/encompass/calendars/:agencyId/terms/remove',
  closures: '/encompass/calendars/:agencyId/closures',
  removeClosure: '/encompass/calendars/:agencyId/closures/remove',
  resetCalendar: '/encompass/calendars/:agencyId/reset',
} as const;

export type EncompassPageRoute = keyof typeof ENCOMPASS_PAGE_ROUTES;

/** A link to one of Operation Encompass's pages. */
export function encompassPath<R extends EncompassPageRoute>(route: R, params: PathParams<(typeof ENCOMPASS_PAGE_ROUTES)[R]>, query?: Query): string {
  return pathTo(ENCOMPASS_PAGE_ROUTES[route], params, query);
}
