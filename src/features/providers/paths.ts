/**
 * Organisational safeguarding's routes, written once: the routes register these patterns, and the routes and
 * presenters build their links from them.
 */
import { type PathParams, type Query, pathTo } from '../../platform/paths.js';

export const PROVIDER_ROUTES = {
  list: '/providers',
  newProvider: '/providers/new',
  provider: '/providers/:id',
  newConcern: '/providers/:id/contract-concerns/new',
  concerns: '/providers/:id/contract-concerns',
  closeConcern: '/providers/:id/contract-concerns/close',
  newEnquiry: '/providers/:id/enquiries/new',
  enquiries: '/providers/:id/enquiries',
  enquiry: '/providers/enquiries/:id',
  linkConcerns: '/providers/enquiries/:id/concerns',
  closeEnquiry: '/providers/enquiries/:id/close',
} as const;

export type ProviderRoute = keyof typeof PROVIDER_ROUTES;

export function providerPath<R extends ProviderRoute>(route: R, params: PathParams<(typeof PROVIDER_ROUTES)[R]>, query?: Query): string {
  return pathTo(PROVIDER_ROUTES[route], params, query);
}

/** A provider's page. */
export function careProviderPath(id: string): string {
  return providerPath('provider', { id });
}

/** A provider enquiry's page. */
export function providerEnquiryPath(id: string): string {
  return providerPath('enquiry', { id });
}
