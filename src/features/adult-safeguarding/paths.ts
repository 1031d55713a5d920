/**
 * Adult safeguarding's routes, written once: the routes register these patterns, and the routes, presenters and
 * service (the links in notifications) build their links from them.
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const ADULT_ROUTES = {
  worklist: '/adults',
  concern: '/adults/concerns/:id',
  recordConcern: '/adults/concerns/:id/record/concern',
  recordEnquiry: '/adults/concerns/:id/record/enquiry',
  recordContributions: '/adults/concerns/:id/record/contributions',
  recordMeetings: '/adults/concerns/:id/record/meetings',
  details: '/adults/concerns/:id/details',
  test: '/adults/concerns/:id/three-point-test',
  decision: '/adults/concerns/:id/decision',
  authorisation: '/adults/concerns/:id/authorisation',
  allocate: '/adults/concerns/:id/allocate',
  plan: '/adults/concerns/:id/enquiry/plan',
  risks: '/adults/concerns/:id/enquiry/risks',
  ask: '/adults/concerns/:id/enquiry/contributions',
  meetings: '/adults/concerns/:id/enquiry/meetings',
  meeting: '/adults/concerns/:id/enquiry/meetings/:adultMeetingId',
  outcome: '/adults/concerns/:id/enquiry/outcome',
  exit: '/adults/concerns/:id/enquiry/exit',
  contributions: '/adults/contributions',
  contribution: '/adults/contributions/:id',
} as const;

export type AdultRoute = keyof typeof ADULT_ROUTES;

export function adultPath<R extends AdultRoute>(route: R, params: PathParams<(typeof ADULT_ROUTES)[R]>, query?: Query): string {
  return pathTo(ADULT_ROUTES[route], params, query);
}

/** A concern's page. */
export function concernPath(id: string): string {
  return adultPath('concern', { id });
}
