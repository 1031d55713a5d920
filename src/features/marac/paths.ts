/**
 * MARAC's routes, written once: the routes register these patterns, and the routes, views' data and the service
 * (the links in partners' notifications) build their links from them. Other capabilities link here with
 * `maracPath`.
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const MARAC_ROUTES = {
  overview: '/marac',
  newReferral: '/marac/referrals/new',
  referrals: '/marac/referrals',
  confirmation: '/marac/referrals/:id/confirmation',
  referral: '/marac/referrals/:id',
  referralStatus: '/marac/referrals/:id/status',
  victimHistory: '/marac/referrals/:id/history/victim',
  perpetratorHistory: '/marac/referrals/:id/history/perpetrator',
  newAction: '/marac/referrals/:id/actions/new',
  referralActions: '/marac/referrals/:id/actions',
  meetings: '/marac/meetings',
  newMeeting: '/marac/meetings/new',
  meeting: '/marac/meetings/:id',
  agenda: '/marac/meetings/:id/agenda',
  attendance: '/marac/meetings/:id/attendance',
  research: '/marac/meetings/:id/research',
  caseResearch: '/marac/meetings/:id/referrals/:referralId/research',
  minutes: '/marac/meetings/:id/minutes',
  caseMinutes: '/marac/meetings/:id/referrals/:referralId/minutes',
  actions: '/marac/actions',
  action: '/marac/actions/:id',
  completeAction: '/marac/actions/:id/complete',
} as const;

export type MaracRoute = keyof typeof MARAC_ROUTES;

/** A link to one of MARAC's pages. */
export function maracPath<R extends MaracRoute>(route: R, params: PathParams<(typeof MARAC_ROUTES)[R]>, query?: Query): string {
  return pathTo(MARAC_ROUTES[route], params, query);
}
