/**
 * Children's social care routes, written once: the routes register these patterns; routes, presenters and the
 * service (links in notifications) build their links from them.
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const CHILDREN_ROUTES = {
  cases: '/children',
  case: '/children/cases/:id',
  caseAssessment: '/children/cases/:id/record/assessment',
  caseEnquiries: '/children/cases/:id/record/enquiries',
  allocate: '/children/cases/:id/allocate',
  assessment: '/children/cases/:id/assessment',
  authorisation: '/children/cases/:id/assessment/authorisation',
  strategy: '/children/cases/:id/strategy-discussion',
  s47: '/children/cases/:id/section-47',
  close: '/children/cases/:id/close',
  diary: '/children/conferences',
  conference: '/children/conferences/:id',
  conferenceRecord: '/children/conferences/:id/record',
  conferenceSchedule: '/children/conferences/:id/schedule',
  reports: '/children/conference-reports',
  report: '/children/conference-reports/:id',
  plan: '/children/plans/:id',
  planVisits: '/children/plans/:id/record/visits',
  planMeetings: '/children/plans/:id/record/meetings',
  visit: '/children/plans/:id/visits',
  coreGroup: '/children/plans/:id/core-groups',
  review: '/children/plans/:id/reviews',
  endPlan: '/children/plans/:id/end',
} as const;

export type ChildrenRoute = keyof typeof CHILDREN_ROUTES;

export function childrenPath<R extends ChildrenRoute>(route: R, params: PathParams<(typeof CHILDREN_ROUTES)[R]>, query?: Query): string {
  return pathTo(CHILDREN_ROUTES[route], params, query);
}

export const casePath = (id: string): string => childrenPath('case', { id });
export const conferencePath = (id: string): string => childrenPath('conference', { id });
export const planPath = (id: string): string => childrenPath('plan', { id });
