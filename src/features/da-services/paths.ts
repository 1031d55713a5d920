/**
 * IDVA and domestic abuse services' routes, written once: the routes register these patterns, and the routes,
 * presenters and service (the links in a worker's notifications) build their links from them.
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const DA_SERVICES_ROUTES = {
  overview: '/da-services',
  newReferral: '/da-services/referrals/new',
  referrals: '/da-services/referrals',
  /** One list, paginated: `show` mine, no-plan, waiting-idva or waiting-commissioned. */
  cases: '/da-services/cases',
  case: '/da-services/cases/:id',
  allocate: '/da-services/cases/:id/allocate',
  changeRisk: '/da-services/cases/:id/risk',
  handover: '/da-services/cases/:id/handover',
  safetyPlan: '/da-services/cases/:id/safety-plan',
  close: '/da-services/cases/:id/close',
} as const;

export type DaServicesRoute = keyof typeof DA_SERVICES_ROUTES;

/** A link to one of the services' pages. */
export function daServicesPath<R extends DaServicesRoute>(route: R, params: PathParams<(typeof DA_SERVICES_ROUTES)[R]>, query?: Query): string {
  return pathTo(DA_SERVICES_ROUTES[route], params, query);
}

/** A service case's page. */
export function serviceCasePath(id: string): string {
  return daServicesPath('case', { id });
}
