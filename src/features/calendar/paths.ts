/**
 * The calendar's administration routes (bank holidays and timescales), written once: the routes register these
 * patterns and build their redirects and form actions from them.
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const CALENDAR_ROUTES = {
  bankHolidays: '/admin/bank-holidays',
  bankHolidayYears: '/admin/bank-holidays/years',
  removeBankHoliday: '/admin/bank-holidays/remove',
  timescales: '/admin/timescales',
  timescale: '/admin/timescales/:code',
} as const;

export type CalendarRoute = keyof typeof CALENDAR_ROUTES;

/** A link to one of the calendar's administration pages. */
export function calendarPath<R extends CalendarRoute>(route: R, params: PathParams<(typeof CALENDAR_ROUTES)[R]>, query?: Query): string {
  return pathTo(CALENDAR_ROUTES[route], params, query);
}
